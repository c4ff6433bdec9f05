'use strict';
// What a stream is and what state it is in, asked the way Node's stream functions ask:
// by duck typing (legacy streams, http messages and user objects with `pipe`/`write`
// count), so finished(), pipeline() and compose() treat the same objects as Node does.

const { codes: { ERR_UNKNOWN_ENCODING } } = require('internal/errors');
const { kType: kWebType } = require('internal/webstreams/util');

// process.nextTick (looked up on each call, so a replaced one is used, as in Node) of the
// process object, reached without going through the `process` global's accessor.
const { getProcess } = require('internal/task_queues');
const nextTick = (fn, ...args) => (getProcess() ?? process).nextTick(fn, ...args);

function nop() {}

// Where readable.js and writable.js keep the functions the other stream modules call.
const kInternals = Symbol('kStreamInternals');
// Set by stream.destroy() on objects without a destroyed flag of their own.
const kIsDestroyed = Symbol('kIsDestroyed');
// Overrides a stream-like object can set to answer isReadable/isWritable/... itself.
const kIsErrored = Symbol('kIsErrored');
const kIsReadable = Symbol('kIsReadable');
const kIsWritable = Symbol('kIsWritable');
const kIsDisturbed = Symbol('kIsDisturbed');

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
  const { AbortError } = require('internal/errors');
  return new AbortError(undefined, signal === undefined ? undefined : { cause: signal.reason });
}

// The web stream class of `s` (its brand), or undefined; loads no web streams code, so
// Node streams pay nothing for these checks.
function webStreamType(s) {
  if (s === null || typeof s !== 'object') return undefined;
  const type = s[kWebType];
  return type === 'ReadableStream' || type === 'WritableStream' || type === 'TransformStream' ? type : undefined;
}
const isReadableStream = (s) => webStreamType(s) === 'ReadableStream';
const isWritableStream = (s) => webStreamType(s) === 'WritableStream';
const isTransformStream = (s) => webStreamType(s) === 'TransformStream';
function isWebStream(s) {
  const type = webStreamType(s);
  return type === 'ReadableStream' || type === 'WritableStream' || type === 'TransformStream';
}

function isReadableNodeStream(obj, strict = false) {
  return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
    (!obj._writableState || obj._readableState?.readable !== false) &&
    (!obj._writableState || obj._readableState));
}

function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || obj._writableState?.writable !== false));
}

function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' && typeof obj.write === 'function');
}

function isNodeStream(obj) {
  return !!(obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

function isIterable(obj, isAsync) {
  if (obj == null) return false;
  if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
  if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
  return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
}

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const w = stream._writableState;
  if (w?.errored) return false;
  if (typeof w?.ended !== 'boolean') return null;
  return w.ended;
}

// `strict === false`: ended with nothing left to write counts as finished.
function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  const w = stream._writableState;
  if (w?.errored) return false;
  if (typeof w?.finished !== 'boolean') return null;
  return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
}

function isReadableEnded(stream) {
  if (!isReadableNodeStream(stream)) return null;
  if (stream.readableEnded === true) return true;
  const r = stream._readableState;
  if (!r || r.errored) return false;
  if (typeof r?.ended !== 'boolean') return null;
  return r.ended;
}

function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const r = stream._readableState;
  if (r?.errored) return false;
  if (typeof r?.endEmitted !== 'boolean') return null;
  return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
}

function isReadable(stream) {
  if (stream && stream[kIsReadable] != null) return stream[kIsReadable];
  if (typeof stream?.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
  if (stream && stream[kIsWritable] != null) return stream[kIsWritable];
  if (typeof stream?.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isFinished(stream, opts) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if (opts?.readable !== false && isReadable(stream)) return false;
  if (opts?.writable !== false && isWritable(stream)) return false;
  return true;
}

function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.writableErrored) return stream.writableErrored;
  return stream._writableState?.errored ?? null;
}

function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.readableErrored) return stream.readableErrored;
  return stream._readableState?.errored ?? null;
}

function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  if (typeof stream.closed === 'boolean') return stream.closed;
  const w = stream._writableState;
  const r = stream._readableState;
  if (typeof w?.closed === 'boolean' || typeof r?.closed === 'boolean') return w?.closed || r?.closed;
  if (typeof stream._closed === 'boolean' && isOutgoingMessage(stream)) return stream._closed;
  return null;
}

function isOutgoingMessage(stream) {
  return typeof stream._closed === 'boolean' && typeof stream._defaultKeepAlive === 'boolean' &&
    typeof stream._removedConnection === 'boolean' && typeof stream._removedContLen === 'boolean';
}

function isServerResponse(stream) {
  return typeof stream._sent100 === 'boolean' && isOutgoingMessage(stream);
}

function isServerRequest(stream) {
  return typeof stream._consuming === 'boolean' && typeof stream._dumped === 'boolean' && stream.req?.upgradeOrConnect === undefined;
}

// An http ClientRequest (or anything that looks like one).
function isRequest(stream) {
  return !!(stream && stream.setHeader && typeof stream.abort === 'function');
}

function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return (!state && isServerResponse(stream)) || !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}

function isDisturbed(stream) {
  return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

function isErrored(stream) {
  return !!(stream && (stream[kIsErrored] ?? stream.readableErrored ?? stream.writableErrored ??
    stream._readableState?.errorEmitted ?? stream._writableState?.errorEmitted ??
    stream._readableState?.errored ?? stream._writableState?.errored));
}

module.exports = {
  kInternals, kIsDestroyed, kIsErrored, kIsReadable, kIsWritable, kIsDisturbed,
  nextTick, nop, chunkLength, checkedEncoding, abortError,
  webStreamType, isWebStream, isReadableStream, isWritableStream, isTransformStream,
  isReadableNodeStream, isWritableNodeStream, isDuplexNodeStream, isNodeStream, isIterable,
  isDestroyed, isWritableEnded, isWritableFinished, isReadableEnded, isReadableFinished,
  isReadable, isWritable, isFinished, isWritableErrored, isReadableErrored, isClosed,
  isOutgoingMessage, isServerResponse, isServerRequest, isRequest, willEmitClose,
  isDisturbed, isErrored,
};
