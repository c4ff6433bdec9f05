'use strict';
// Writable: write() buffering, highWaterMark and 'drain', cork/uncork, _writev, end(),
// _final and 'finish'.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_WRITE_AFTER_END, ERR_METHOD_NOT_IMPLEMENTED, ERR_UNKNOWN_ENCODING, ERR_MULTIPLE_CALLBACK, ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES, ERR_STREAM_CANNOT_PIPE } } = require('internal/errors');
const { Stream } = require('internal/streams/legacy');
const { kInternals, nextTick, nop, checkedEncoding } = require('internal/streams/utils');
const { getHighWaterMark } = require('internal/streams/state');
// node:buffer's Buffer, not the `Buffer` global: that is an accessor, and each read of it
// is a generic global load and a getter call (push() and write() check every chunk).
const { Buffer } = require('buffer');
const { errorOrDestroy, constructStream, installDestroy } = require('internal/streams/destroy');
const Readable = require('internal/streams/readable');

let Duplex;
const lazyDuplex = () => (Duplex ??= require('internal/streams/duplex'));
const addAbortSignal = (...args) => require('internal/streams/add-abort-signal').addAbortSignal(...args);

// The write requests waiting behind the one in progress: [{ chunk, encoding, callback }].
Object.defineProperty(WritableState.prototype, 'getBuffer', {
  value: function getBuffer() { return this.buffered.slice(); }, writable: true, configurable: true,
});
Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  get() { return this.buffered.length; }, configurable: true,
});
function WritableState(options, stream, isDuplex) {
  options ??= {};
  this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
  this.highWaterMark = getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex);
  this.decodeStrings = options.decodeStrings !== false;
  this.defaultEncoding = checkedEncoding(options.defaultEncoding);
  this.length = 0;
  this.writing = false;
  this.corked = 0;
  this.sync = true;
  this.bufferProcessing = false;
  this.buffered = [];
  this.pendingcb = 0;
  this.ending = false;
  this.ended = false;
  this.finished = false;
  this.destroyed = false;
  this.needDrain = false;
  this.prefinished = false;
  this.errorEmitted = false;
  this.closed = false;
  this.closeEmitted = false;
  this.errored = null;
  this.autoDestroy = options.autoDestroy !== false;
  this.emitClose = options.emitClose !== false;
  this.afterWriteTickInfo = null;
  this.finalCalled = false;
}


// A writable's event map with its common slots, with fast properties (see
// ReadableEvents in readable.js).
function WritableEvents() {
  this.close = undefined;
  this.error = undefined;
  this.prefinish = undefined;
  this.finish = undefined;
  this.drain = undefined;
}
WritableEvents.prototype = Object.create(null);

function Writable(options) {
  const isDuplex = this instanceof lazyDuplex();
  if (!isDuplex && !(this instanceof Writable)) return new Writable(options);
  this._writableState = new WritableState(options, this, isDuplex);
  // The common events' slots, in Node's order (eventNames() lists them so).
  this._events ??= new WritableEvents();
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  constructStream(this, () => {
    const state = this._writableState;
    if (!state.writing) clearBuffer(this, state);
    finishMaybe(this, state);
  });
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
// `await using`: destroys the stream (with an AbortError unless it had finished) and
// resolves once it has closed.
Writable.prototype[Symbol.asyncDispose] = function () {
  let error;
  if (!this.destroyed) {
    error = this.writableFinished ? null : require('internal/streams/utils').abortError();
    this.destroy(error);
  }
  return new Promise((resolve, reject) => {
    require('internal/streams/end-of-stream').eos(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
};

Object.defineProperty(Writable, Symbol.hasInstance, {
  value(obj) {
    if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
    if (this !== Writable) return false;
    return !!(obj && obj._writableState instanceof WritableState);
  },
});

// write()'s work: true/false (keep writing or wait for 'drain'), or the error of a
// write after end()/destroy(), which end() reports in its own way.
function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  // Object mode has no default encoding: _write gets what write() was given.
  const defaultEncoding = state.objectMode ? undefined : state.defaultEncoding;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = defaultEncoding;
  } else {
    if (!encoding) encoding = defaultEncoding;
    else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
    if (typeof cb !== 'function') cb = nop;
  }
  if (chunk === null) {
    throw new ERR_STREAM_NULL_VALUES();
  } else if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) {
        chunk = Buffer.from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunk instanceof Buffer) {
      encoding = 'buffer';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      encoding = 'buffer';
    } else {
      throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  let err;
  if (state.ending) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

// A Writable cannot be a source.
Writable.prototype.pipe = function pipe() {
  errorOrDestroy(this, new ERR_STREAM_CANNOT_PIPE());
};

Writable.prototype.write = function write(chunk, encoding, cb) {
  return writeChunk(this, chunk, encoding, cb) === true;
};



function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  const ret = state.length < state.highWaterMark;
  if (!ret) state.needDrain = true;
  if (state.writing || state.corked || state.errored || state.constructed === false) {
    state.buffered.push({ chunk, encoding, callback });
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite ??= onwrite.bind(undefined, stream));
    state.sync = false;
  }
  return ret && !state.errored && !state.destroyed;
}

function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== 'function') {
    errorOrDestroy(stream, Object.assign(new Error('Callback called multiple times'), { code: 'ERR_MULTIPLE_CALLBACK' }));
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;
  if (er) {
    if (!state.errored) state.errored = er;
    if (sync) nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
  } else {
    if (state.buffered.length > 0) clearBuffer(stream, state);
    if (sync) {
      if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) state.afterWriteTickInfo.count++;
      else {
        state.afterWriteTickInfo = { count: 1, cb, stream, state };
        nextTick(afterWriteTick, state.afterWriteTickInfo);
      }
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}

function afterWrite(stream, state, count, cb) {
  const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  finishMaybe(stream, state);
}

// A destroyed stream fails its buffered writes and its pending end() callbacks.
function errorBuffer(state) {
  if (state.writing) return;
  for (const { chunk, callback } of state.buffered.splice(0)) {
    state.length -= state.objectMode ? 1 : chunk.length;
    callback(state.errored ?? new ERR_STREAM_DESTROYED('write'));
  }
  for (const cb of state[kOnFinished]?.splice(0) ?? []) cb(state.errored ?? new ERR_STREAM_DESTROYED('end'));
}

function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || state.constructed === false) return;
  state.bufferProcessing = true;
  if (state.buffered.length > 1 && stream._writev) {
    const buffered = state.buffered.splice(0);
    state.pendingcb -= buffered.length - 1;
    const callback = (err) => { for (const b of buffered) b.callback(err); };
    state.writelen = state.length;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._writev(buffered.map(({ chunk, encoding }) => ({ chunk, encoding })), state.onwrite ??= onwrite.bind(undefined, stream));
    state.sync = false;
  } else {
    while (state.buffered.length > 0 && !state.writing) {
      const { chunk, encoding, callback } = state.buffered.shift();
      const len = state.objectMode ? 1 : chunk.length;
      state.writelen = len;
      state.writecb = callback;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite ??= onwrite.bind(undefined, stream));
      state.sync = false;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw new ERR_METHOD_NOT_IMPLEMENTED('_write()');
};
Writable.prototype._writev = null;

Writable.prototype.cork = function cork() { this._writableState.corked++; };
Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};
Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!Buffer.isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') { cb = chunk; chunk = null; encoding = null; }
  else if (typeof encoding === 'function') { cb = encoding; encoding = null; }
  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = writeChunk(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }
  if (state.corked) { state.corked = 1; this.uncork(); }
  if (err) {
    // Already reported.
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = Object.assign(new Error('Cannot call end after a stream was finished'), { code: 'ERR_STREAM_ALREADY_FINISHED' });
  } else if (state.destroyed) {
    err = Object.assign(new Error('Cannot call end after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' });
  }
  if (typeof cb === 'function') {
    if (err || state.finished) nextTick(cb, err);
    else (state[kOnFinished] ??= []).push(cb);
  }
  return this;
};
const kOnFinished = Symbol('kOnFinished');

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed !== false && state.length === 0 &&
    !state.errored && state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
}

function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) { errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK()); return; }
    called = true;
    state.pendingcb--;
    if (err) {
      for (const cb of state[kOnFinished]?.splice(0) ?? []) cb(err);
      errorOrDestroy(stream, err, state.sync);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      state.pendingcb++;
      nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}

function prefinish(stream, state) {
  if (!state.prefinished && !state.finalCalled) {
    if (typeof stream._final === 'function' && !state.destroyed) {
      state.finalCalled = true;
      callFinal(stream, state);
    } else {
      state.prefinished = true;
      stream.emit('prefinish');
    }
  }
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        nextTick(() => {
          if (needFinish(state)) finish(stream, state);
          else state.pendingcb--;
        });
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  for (const cb of state[kOnFinished]?.splice(0) ?? []) cb(null);
  stream.emit('finish');
  if (state.autoDestroy) {
    const r = stream._readableState;
    if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
  }
}

for (const [name, get] of Object.entries({
  writable: (s) => { const w = s._writableState; return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended; },
  writableEnded: (s) => !!s._writableState?.ending,
  writableFinished: (s) => !!s._writableState?.finished,
  writableLength: (s) => s._writableState?.length ?? 0,
  writableBuffer: (s) => s._writableState?.getBuffer(),
  writableHighWaterMark: (s) => s._writableState?.highWaterMark,
  writableObjectMode: (s) => !!s._writableState?.objectMode,
  writableCorked: (s) => s._writableState?.corked ?? 0,
  writableNeedDrain: (s) => { const w = s._writableState; return !!w && !w.destroyed && !w.ending && w.needDrain; },
  writableAborted: (s) => { const w = s._writableState; return !!w && (w.destroyed || !!w.errored) && !w.finished; },
})) {
  Object.defineProperty(Writable.prototype, name, {
    get() { return get(this); },
    set(v) { if (name === 'writable' && this._writableState) this._writableState.writable = !!v; },
    configurable: true,
  });
}
for (const name of ['closed', 'destroyed', 'errored']) {
  Object.defineProperty(Writable.prototype, name, Object.getOwnPropertyDescriptor(Readable.prototype, name));
}

installDestroy(Writable.prototype);
const destroyStream = Writable.prototype.destroy;
Writable.prototype.destroy = function destroy(err, cb) {
  const state = this._writableState;
  // Writes still buffered and end() callbacks get the error.
  if (!state.destroyed && (state.buffered.length > 0 || state[kOnFinished]?.length)) nextTick(errorBuffer, state);
  Reflect.apply(destroyStream, this, [err, cb]);
  return this;
};

function webAdapters() { return require('internal/webstreams/adapters'); }
Writable.toWeb = (streamWritable) => webAdapters().newWritableStreamFromStreamWritable(streamWritable);
Writable.fromWeb = (writableStream, options) => webAdapters().newStreamWritableFromWritableStream(writableStream, options);

module.exports = Writable;
Writable.WritableState = WritableState;
Object.defineProperty(Writable, kInternals, { value: { clearBuffer, finishMaybe } });
