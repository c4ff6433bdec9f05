'use strict';
// Small helpers shared by the stream modules.

const { codes: { ERR_UNKNOWN_ENCODING } } = require('internal/errors');
const { kType: kWebType } = require('internal/webstreams/util');

const nextTick = (fn, ...args) => process.nextTick(fn, ...args);

function nop() {}

// Where readable.js and writable.js keep the functions the other stream modules call.
const kInternals = Symbol('kStreamInternals');

function chunkLength(state, chunk) {
  if (state.objectMode) return 1;
  return chunk.length;
}

// A stream's defaultEncoding option: utf8 when absent, else an encoding Buffer knows.
function checkedEncoding(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  if (enc !== 'buffer' && !Buffer.isEncoding(enc)) throw new ERR_UNKNOWN_ENCODING(enc);
  return enc;
}

function abortError(signal) {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
}

// The web stream class of `s` (its brand), or undefined; loads no web streams code, so
// Node streams pay nothing for these checks.
function webStreamType(s) {
  if (s === null || typeof s !== 'object') return undefined;
  const type = s[kWebType];
  return type === 'ReadableStream' || type === 'WritableStream' || type === 'TransformStream' ? type : undefined;
}

function isWebStream(s) {
  const type = webStreamType(s);
  return type === 'ReadableStream' || type === 'WritableStream';
}

function isReadable(s) { return !!s && typeof s.read === 'function' && s.readable !== false; }
function isErrored(s) { return !!(s?._readableState?.errored || s?._writableState?.errored); }
function isDisturbed(s) { return !!s?._readableState?.dataEmitted; }

module.exports = { kInternals, nextTick, nop, chunkLength, checkedEncoding, abortError, webStreamType, isWebStream, isReadable, isErrored, isDisturbed };
