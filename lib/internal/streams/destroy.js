'use strict';
// destroy() and the error/close events it emits, errorOrDestroy, the _construct step and
// stream.destroy() for any stream-like object.
//
// Order, as in Node: destroy(err) marks both sides destroyed (and errored with err) at
// once, waits for a _construct in progress, then calls _destroy(err, cb); what _destroy
// passes to cb decides the events: an error gives 'error' then 'close' on the next tick,
// none gives 'close' alone (a custom _destroy can swallow the error).

const EE = require('events');
const { codes: { ERR_MULTIPLE_CALLBACK } } = require('internal/errors');
const { nextTick, kIsDestroyed, isDestroyed, isFinished, isServerRequest, abortError } = require('internal/streams/utils');

// Events only the stream modules listen to (symbols, so they stay out of eventNames()).
const kDestroy = Symbol('kDestroy');
const kConstruct = Symbol('kConstruct');

function checkError(err, w, r) {
  if (err) {
    // Capture the stack now: the error may be thrown much later.
    err.stack; // eslint-disable-line no-unused-expressions
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
}

function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if (w?.destroyed || r?.destroyed) {
    if (typeof cb === 'function') cb();
    return this;
  }
  checkError(err, w, r);
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  if (s && s.constructed === false) {
    this.once(kDestroy, function (er) {
      callDestroy(this, aggregateTwoErrors(er, err), cb);
    });
  } else {
    callDestroy(this, err, cb);
  }
  return this;
}

function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

function callDestroy(self, err, cb) {
  let called = false;
  function onDestroy(err) {
    if (called) return;
    called = true;
    const r = self._readableState;
    const w = self._writableState;
    checkError(err, w, r);
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err);
    if (err) nextTick(emitErrorCloseNT, self, err);
    else nextTick(emitCloseNT, self);
  }
  try {
    self._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}

function emitCloseNT(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if (w?.emitClose || r?.emitClose) self.emit('close');
}

function emitErrorNT(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if (w?.errorEmitted || r?.errorEmitted) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}

function undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  if (r) {
    r.constructed = true;
    r.closed = false;
    r.closeEmitted = false;
    r.destroyed = false;
    r.errored = null;
    r.errorEmitted = false;
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true;
    w.destroyed = false;
    w.closed = false;
    w.closeEmitted = false;
    w.errored = null;
    w.errorEmitted = false;
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
}

// An error inside the stream machinery: destroys an autoDestroy stream, otherwise only
// records the error and emits it (on the next tick when `sync`).
function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  if (w?.destroyed || r?.destroyed) return;
  if (r?.autoDestroy || w?.autoDestroy) {
    stream.destroy(err);
  } else if (err) {
    err.stack; // eslint-disable-line no-unused-expressions
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
    if (sync) nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

// Runs stream._construct(cb) on the next tick; reads, writes, final and destroy wait for
// it. `done` runs once it succeeded (a Duplex registers Readable's and Writable's).
function constructStream(stream, done) {
  if (typeof stream._construct !== 'function') return;
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  stream.once(kConstruct, done);
  if (stream.listenerCount(kConstruct) > 1) return;
  nextTick(constructNT, stream);
}

function constructNT(stream) {
  let called = false;
  function onConstruct(err) {
    if (called) {
      errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    const r = stream._readableState;
    const w = stream._writableState;
    const s = w || r;
    if (r) r.constructed = true;
    if (w) w.constructed = true;
    if (s.destroyed) stream.emit(kDestroy, err);
    else if (err) errorOrDestroy(stream, err, true);
    else stream.emit(kConstruct);
  }
  try {
    stream._construct((err) => { nextTick(onConstruct, err); });
  } catch (err) {
    nextTick(onConstruct, err);
  }
}

function _destroy(err, cb) { cb(err); }
function captureRejection(err) { this.destroy(err); }

// stream.destroy(stream, err): destroys any stream-like object (an http request is
// aborted); one that has not finished gets an AbortError.
function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return;
  if (!err && !isFinished(stream)) err = abortError();
  let serverRequest = isServerRequest(stream);
  if (!serverRequest) {
    const { IncomingMessage } = require('_http_incoming');
    serverRequest = stream instanceof IncomingMessage && stream.req === undefined;
  }
  if (serverRequest) {
    // A server's request: destroyed without its socket, which the response still uses.
    stream.socket = null;
    stream.destroy(err);
  } else if (typeof stream.setHeader === 'function' && typeof stream.abort === 'function') {
    stream.abort();
  } else if (typeof stream.req?.abort === 'function' && typeof stream.req?.setHeader === 'function') {
    stream.req.abort();
  } else if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    nextTick((s, e) => s.emit('error', e), stream, err);
  } else {
    nextTick((s) => s.emit('close'), stream);
  }
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}

// `await using s = stream`: destroys it (with an AbortError unless it had ended) and
// resolves once it has closed, as in Node.
function asyncDispose() {
  let error;
  if (!this.destroyed) {
    error = this.readableEnded ? null : abortError();
    this.destroy(error);
  }
  return new Promise((resolve, reject) => {
    require('internal/streams/end-of-stream').eos(this, (err) => (err && err !== error ? reject(err) : resolve(null)));
  });
}

// Both Readable and Writable get these methods.
function installDestroy(proto) {
  proto.destroy = destroy;
  proto._destroy = _destroy;
  proto._undestroy = undestroy;
  proto[EE.captureRejectionSymbol] = captureRejection;
}

module.exports = { errorOrDestroy, constructStream, destroyer, installDestroy, asyncDispose, aggregateTwoErrors, kDestroy };
