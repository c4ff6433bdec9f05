'use strict';
// destroy() and the error/close events it emits, errorOrDestroy, the _construct step and
// stream.destroy() for any stream-like object.

const EE = require('events');
const { nextTick, kInternals } = require('internal/streams/utils');

function errorOrDestroy(stream, err) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
  else if (err) stream.emit('error', err);
}

function constructStream(stream) {
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  nextTick(() => {
    stream._construct((err) => {
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      // A destroy() called meanwhile waits for this (destroyImpl).
      stream.emit('__constructed');
      if (err) { stream.destroy(err); return; }
      if (r && r.needReadable) require('internal/streams/readable')[kInternals].maybeReadMore(stream, r);
      if (w) { const W = require('internal/streams/writable')[kInternals]; W.clearBuffer(stream, w); W.finishMaybe(stream, w); }
      if (r && r.flowing) require('internal/streams/readable')[kInternals].flow(stream);
    });
  });
}

function destroyImpl(stream, err, cb) {
  const r = stream._readableState;
  const w = stream._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return stream;
  }
  if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  const done = (err2) => {
    if (err2) {
      if (w && !w.errored) w.errored = err2;
      if (r && !r.errored) r.errored = err2;
    }
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err2);
    const e = err2 || err;
    if (e) nextTick(emitErrorCloseNT, stream, e);
    else nextTick(emitCloseNT, stream);
  };
  if (s.constructed === false) {
    stream.once('__constructed', () => stream._destroy(err || null, done));
  } else {
    try {
      stream._destroy(err || null, done);
    } catch (e) {
      done(e);
    }
  }
  return stream;
}

function emitErrorCloseNT(stream, err) {
  emitErrorNT(stream, err);
  emitCloseNT(stream);
}

function emitCloseNT(stream) {
  const r = stream._readableState;
  const w = stream._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) stream.emit('close');
}

function emitErrorNT(stream, err) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  stream.emit('error', err);
}

function destroy(err, cb) {
  return destroyImpl(this, err, cb);
}
function _destroy(err, cb) { cb(err); }
function undestroy() {}
function captureRejection(err) { this.destroy(err); }

// stream.destroy(stream, err): destroys any stream-like object (an http request is
// aborted); one that has not finished gets an AbortError.
function destroyer(stream, err) {
  if (!stream || stream.destroyed) return;
  const ended = (stream._readableState?.endEmitted ?? true) && (stream._writableState?.finished ?? true) &&
    (stream._readableState !== undefined || stream._writableState !== undefined);
  if (!err && !ended) err = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
  const { IncomingMessage } = require('_http_incoming');
  if (stream instanceof IncomingMessage && stream.req === undefined) {
    // A server's request: destroyed without its socket, which the response still uses.
    stream.socket = null;
    stream.destroy(err);
  } else if (typeof stream.setHeader === 'function' && typeof stream.abort === 'function') stream.abort();
  else if (typeof stream.req?.abort === 'function' && typeof stream.req?.setHeader === 'function') stream.req.abort();
  else if (typeof stream.destroy === 'function') stream.destroy(err);
  else if (typeof stream.close === 'function') stream.close();
}

// `await using s = stream`: destroys it (with an AbortError unless it had ended) and
// resolves once it has closed, as in Node.
function asyncDispose() {
  let error;
  const done = this._readableState ? this._readableState.endEmitted : this._writableState?.finished;
  if (!this.destroyed) {
    if (!done) {
      error = new Error('The operation was aborted');
      error.name = 'AbortError';
      error.code = 'ABORT_ERR';
    }
    this.destroy(error);
  }
  return new Promise((resolve, reject) => {
    require('internal/streams/end-of-stream').finished(this, (err) => (err && err !== error && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
}

// Both Readable and Writable get these methods.
function installDestroy(proto) {
  proto.destroy = destroy;
  proto._destroy = _destroy;
  proto._undestroy = undestroy;
  proto[EE.captureRejectionSymbol] = captureRejection;
}

module.exports = { errorOrDestroy, constructStream, destroyImpl, destroyer, installDestroy, asyncDispose };
