'use strict';
// finished()/eos(): calls back once a stream has ended, finished, errored or closed
// prematurely; web streams once they settle.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { nextTick, nop, abortError, webStreamType, isWebStream } = require('internal/streams/utils');

function eos(stream, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  options = options || {};
  if (isWebStream(stream)) return eosWeb(stream, options, callback);
  if (stream === null || typeof stream !== 'object' || typeof stream.on !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  let called = false;
  const cb = (...args) => { if (!called) { called = true; callback.apply(stream, args); } };
  const r = stream._readableState;
  const w = stream._writableState;
  const readable = options.readable ?? (!!r && stream.readable !== undefined);
  const writable = options.writable ?? (!!w);
  let writableFinished = !!w?.finished;
  let readableFinished = !!r?.endEmitted;
  const onfinish = () => { writableFinished = true; if (!readable || readableFinished) cb.call(stream); };
  const onend = () => { readableFinished = true; if (!writable || writableFinished) cb.call(stream); };
  const onerror = (err) => cb.call(stream, err);
  const onclose = () => {
    if (readable && !readableFinished && !(r?.endEmitted)) return cb.call(stream, Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    if (writable && !writableFinished && !(w?.finished)) return cb.call(stream, Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    cb.call(stream);
  };
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  if ((w?.closeEmitted || r?.closeEmitted) || ((!readable || readableFinished) && (!writable || writableFinished) && (w?.finished || r?.endEmitted))) {
    nextTick(() => {
      const err = w?.errored || r?.errored;
      cb.call(stream, err || undefined);
    });
  }
  const cleanup = () => {
    callback = nop;
    stream.removeListener('end', onend);
    stream.removeListener('finish', onfinish);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };
  if (options.signal) {
    const abort = () => { cleanup(); cb.call(stream, Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })); };
    if (options.signal.aborted) nextTick(abort);
    else options.signal.addEventListener('abort', abort, { once: true });
  }
  return cleanup;
}

function finished(stream, opts, cb) {
  return eos(stream, opts, cb);
}

// Web streams: the callback runs when the stream closes or errors.
function eosWeb(stream, options, callback) {
  const { readableStreamSettled } = require('internal/webstreams/readablestream');
  const { writableStreamSettled } = require('internal/webstreams/writablestream');
  let called = false;
  const cb = (...args) => { if (!called) { called = true; callback.apply(stream, args); } };
  const settled = webStreamType(stream) === 'ReadableStream' ? readableStreamSettled(stream) : writableStreamSettled(stream);
  // As in Node, the callback runs on the tick queue after the stream settles.
  settled.then(() => nextTick(cb), (err) => nextTick(cb, err));
  const signal = options.signal;
  const abort = () => cb(abortError(signal));
  if (signal?.aborted) nextTick(abort);
  else signal?.addEventListener('abort', abort, { once: true });
  return () => {
    called = true;
    signal?.removeEventListener('abort', abort);
  };
}

module.exports = { eos, finished };
