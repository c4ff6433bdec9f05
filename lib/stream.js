'use strict';
// node:stream — Readable, Writable, Duplex, Transform, PassThrough, pipeline and
// finished, with Node's buffering, flowing/paused modes, backpressure ('drain'),
// object mode, destroy() and async iteration.

// Default high-water marks of new streams: [bytes, objects]; setDefaultHighWaterMark
// changes them for streams created afterwards, as in Node.
const defaultHighWaterMark = [16384, 16];
const getDefaultHighWaterMark = (objectMode) => defaultHighWaterMark[objectMode ? 1 : 0];

const EE = require('events');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_PUSH_AFTER_EOF, ERR_STREAM_WRITE_AFTER_END, ERR_METHOD_NOT_IMPLEMENTED, ERR_MISSING_ARGS, ERR_UNKNOWN_ENCODING } } = require('internal/errors');

const nextTick = (fn, ...args) => process.nextTick(fn, ...args);

function Stream(opts) {
  EE.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  }
  source.on('data', ondata);
  function ondrain() {
    if (source.readable && source.resume) source.resume();
  }
  dest.on('drain', ondrain);
  if (!options || options.end !== false) source.on('end', () => dest.end());
  dest.emit('pipe', source);
  return dest;
};

function chunkLength(state, chunk) {
  if (state.objectMode) return 1;
  return chunk.length;
}

function toBuffer(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
}

function errorOrDestroy(stream, err) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
  else if (err) stream.emit('error', err);
}

// ---- Readable ----------------------------------------------------------------

function ReadableState(options = {}, stream, isDuplex) {
  this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
  this.highWaterMark = options.readableHighWaterMark ?? options.highWaterMark ?? getDefaultHighWaterMark(this.objectMode);
  this.buffer = [];
  this.length = 0;
  this.pipes = [];
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this.destroyed = false;
  this.closed = false;
  this.closeEmitted = false;
  this.errored = null;
  this.autoDestroy = options.autoDestroy !== false;
  this.emitClose = options.emitClose !== false;
  this.defaultEncoding = checkedEncoding(options.defaultEncoding);
  this.decoder = null;
  this.encoding = null;
  this.dataEmitted = false;
  if (options.encoding) {
    const { StringDecoder } = require('string_decoder');
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  const isDuplex = this instanceof Duplex;
  this._readableState = new ReadableState(options, this, isDuplex);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  if (typeof this._construct === 'function') constructStream(this);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

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
      if (r && r.needReadable) maybeReadMore(stream, r);
      if (w) { clearBuffer(stream, w); finishMaybe(stream, w); }
      if (r && r.flowing) flow(stream);
    });
  });
}

Readable.prototype.push = function push(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, false);
};
Readable.prototype.unshift = function unshift(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, true);
};

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) chunk = Buffer.from(chunk, encoding);
    } else if (ArrayBuffer.isView(chunk) && !Buffer.isBuffer(chunk)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    } else if (chunk !== undefined && !Buffer.isBuffer(chunk)) {
      errorOrDestroy(stream, new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk));
      return false;
    }
  }
  if (chunk === undefined) {
    state.reading = false;
    return state.length < state.highWaterMark;
  }
  if (addToFront) {
    if (state.endEmitted) { errorOrDestroy(stream, new Error('stream.unshift() after end event')); return false; }
    addChunk(stream, state, chunk, true);
  } else if (state.ended) {
    errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  } else if (state.destroyed || state.errored) {
    return false;
  } else {
    state.reading = false;
    if (state.decoder && !encoding) {
      chunk = state.decoder.write(chunk);
      if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
      else maybeReadMore(stream, state);
    } else if (state.objectMode || chunk.length > 0) {
      addChunk(stream, state, chunk, false);
    } else {
      // An empty chunk adds nothing but asks for more, as in Node (an empty Buffer in the
      // buffer would stall a pipe).
      maybeReadMore(stream, state);
    }
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += chunkLength(state, chunk);
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const chunk = state.decoder.end();
    if (chunk && chunk.length) {
      state.buffer.push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    nextTick(emitReadable_, stream);
  }
}

function emitReadable_(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed !== false) {
    state.readingMore = true;
    nextTick(maybeReadMore_, stream, state);
  }
}

function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;
  }
  state.readingMore = false;
}

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    if (state.flowing && state.length) return state.objectMode ? 1 : chunkLength(state, state.buffer[0]);
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  const state = this._readableState;
  if (n === undefined) n = NaN;
  else if (typeof n !== 'number') n = Number.parseInt(n, 10);
  const nOrig = n;
  if (n > state.highWaterMark) {
    let hwm = 1;
    while (hwm < n) hwm *= 2;
    state.highWaterMark = hwm;
  }
  if (n !== 0) state.emittedReadable = false;
  if (n === 0 && state.needReadable && ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }
  n = howMuchToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || state.constructed === false) doRead = false;
  else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }
  let ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (nOrig !== n && state.ended) endReadable(this);
  }
  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  return ret;
};

function fromList(n, state) {
  if (state.length === 0) return null;
  let ret;
  if (state.objectMode) ret = state.buffer.shift();
  else if (!n || n >= state.length) {
    if (state.decoder) ret = state.buffer.join('');
    else if (state.buffer.length === 1) ret = state.buffer[0];
    else ret = Buffer.concat(state.buffer, state.length);
    state.buffer = [];
  } else {
    const first = state.buffer[0];
    if (n < first.length) {
      ret = first.slice(0, n);
      state.buffer[0] = first.slice(n);
    } else if (n === first.length) {
      ret = state.buffer.shift();
    } else {
      const parts = [];
      let need = n;
      while (need > 0) {
        const c = state.buffer[0];
        if (c.length <= need) { parts.push(state.buffer.shift()); need -= c.length; }
        else { parts.push(c.slice(0, need)); state.buffer[0] = c.slice(need); need = 0; }
      }
      ret = state.decoder ? parts.join('') : Buffer.concat(parts, n);
    }
  }
  return ret;
}

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    const w = stream._writableState;
    if (state.autoDestroy && (!w || (w.autoDestroy && (w.finished || w.writable === false)))) {
      stream.destroy();
    } else if (stream.allowHalfOpen === false && w && !w.ending) {
      stream.end();
    }
  }
}

Readable.prototype._read = function _read() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
};

Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) nextTick(() => this.read(0));
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') nextTick(updateReadableListening, this);
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state.paused === false) state.flowing = true;
  else if (self.listenerCount('data') > 0) self.resume();
  else if (!state.readableListening) state.flowing = null;
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resume_, this, state);
    }
  }
  state.paused = false;
  return this;
};

function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state.paused = true;
  return this;
};

Readable.prototype.isPaused = function isPaused() {
  return this._readableState.paused === true || this._readableState.flowing === false;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

Readable.prototype.setEncoding = function setEncoding(enc) {
  const { StringDecoder } = require('string_decoder');
  const decoder = new StringDecoder(enc);
  const state = this._readableState;
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  let content = '';
  for (const chunk of state.buffer) content += decoder.write(chunk);
  state.buffer = content ? [content] : [];
  state.length = content.length;
  return this;
};

Readable.prototype.pipe = function pipe(dest, pipeOpts) {
  const src = this;
  const state = this._readableState;
  state.pipes.push(dest);
  const doEnd = (!pipeOpts || pipeOpts.end !== false) && dest !== process.stdout && dest !== process.stderr;
  const endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) nextTick(endFn);
  else src.once('end', endFn);
  dest.on('unpipe', onunpipe);
  function onunpipe(readable) {
    if (readable === src) cleanup();
  }
  function onend() {
    dest.end();
  }
  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
  }
  function pause() {
    if (!cleanedUp) {
      state.awaitDrainWriters = dest;
      src.pause();
    }
    if (!ondrain) {
      ondrain = () => {
        state.awaitDrainWriters = null;
        if (src.listenerCount('data')) src.resume();
      };
      dest.on('drain', ondrain);
    }
  }
  src.on('data', ondata);
  function ondata(chunk) {
    const ret = dest.write(chunk);
    if (ret === false) pause();
  }
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, er);
      else dest.emit('error', er);
    }
  }
  prependListener(dest, 'error', onerror);
  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }
  dest.once('close', onclose);
  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }
  dest.once('finish', onfinish);
  function unpipe() {
    src.unpipe(dest);
  }
  dest.emit('pipe', src);
  if (dest.writableNeedDrain === true) pause();
  else if (!state.flowing) src.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;
  const dests = dest ? [dest] : state.pipes.slice();
  for (const d of dests) {
    const i = state.pipes.indexOf(d);
    if (i === -1) continue;
    state.pipes.splice(i, 1);
    d.emit('unpipe', this, { hasUnpiped: false });
  }
  if (state.pipes.length === 0) this.pause();
  return this;
};

Readable.prototype.wrap = function wrap(stream) {
  let paused = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) { paused = true; stream.pause(); }
  });
  stream.on('end', () => this.push(null));
  stream.on('error', (err) => errorOrDestroy(this, err));
  stream.on('close', () => this.destroy());
  this._read = () => {
    if (paused && stream.resume) { paused = false; stream.resume(); }
  };
  return this;
};

Readable.prototype[Symbol.asyncIterator] = function () {
  return createAsyncIterator(this);
};
Readable.prototype.iterator = function (options) {
  return createAsyncIterator(this, options);
};

async function* createAsyncIterator(stream, options) {
  let callback = nop;
  function next(resolve) {
    if (this === stream) { callback(); callback = nop; } else callback = resolve;
  }
  stream.on('readable', next);
  let error;
  let done = false;
  const onDone = (err) => { error = err; done = true; callback(); callback = nop; };
  const cleanup = eos(stream, { writable: false }, onDone);
  try {
    while (true) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) yield chunk;
      else if (error) throw error;
      else if (done) return;
      else await new Promise(next);
    }
  } catch (err) {
    error = err;
    throw err;
  } finally {
    cleanup();
    if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
      destroyImpl(stream, null);
    } else {
      stream.off('readable', next);
    }
  }
}

function nop() {}

Readable.from = function from(iterable, opts) {
  if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
    return new Readable({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
  }
  let iterator;
  let isAsync;
  if (iterable && iterable[Symbol.asyncIterator]) { isAsync = true; iterator = iterable[Symbol.asyncIterator](); }
  else if (iterable && iterable[Symbol.iterator]) { isAsync = false; iterator = iterable[Symbol.iterator](); }
  else throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  const readable = new Readable({ objectMode: true, highWaterMark: 1, ...opts });
  let reading = false;
  readable._read = function () {
    if (!reading) { reading = true; next(); }
  };
  readable._destroy = function (error, cb) {
    Promise.resolve(typeof iterator.return === 'function' ? iterator.return() : undefined).then(() => cb(error), (e) => cb(e || error));
  };
  async function next() {
    for (;;) {
      try {
        const { value, done } = isAsync ? await iterator.next() : iterator.next();
        if (done) { readable.push(null); return; }
        const res = value && typeof value.then === 'function' ? await value : value;
        if (res === null) {
          reading = false;
          throw Object.assign(new TypeError('May not write null values to stream'), { code: 'ERR_STREAM_NULL_VALUES' });
        }
        if (readable.push(res)) continue;
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }
  return readable;
};

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
    finished(this, (err) => (err && err !== error && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
}
Readable.prototype[Symbol.asyncDispose] = asyncDispose;
require('internal/stream_operators').install(Readable);

for (const [name, get] of Object.entries({
  readable: (s) => { const r = s._readableState; return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted; },
  readableEnded: (s) => !!s._readableState?.endEmitted,
  readableFlowing: (s) => s._readableState?.flowing ?? null,
  readableLength: (s) => s._readableState?.length ?? 0,
  readableHighWaterMark: (s) => s._readableState?.highWaterMark,
  readableObjectMode: (s) => !!s._readableState?.objectMode,
  readableEncoding: (s) => s._readableState?.encoding ?? null,
  readableAborted: (s) => !!s._readableState && (s._readableState.destroyed || !!s._readableState.errored) && !s._readableState.endEmitted,
  readableDidRead: (s) => !!s._readableState?.dataEmitted,
  closed: (s) => !!(s._readableState?.closed || s._writableState?.closed),
  destroyed: (s) => !!(s._readableState?.destroyed || s._writableState?.destroyed),
  errored: (s) => s._readableState?.errored ?? s._writableState?.errored ?? null,
})) {
  Object.defineProperty(Readable.prototype, name, {
    get() { return get(this); },
    set(v) {
      if (name === 'readable' && this._readableState) this._readableState.readable = !!v;
      if (name === 'destroyed') { if (this._readableState) this._readableState.destroyed = v; if (this._writableState) this._writableState.destroyed = v; }
    },
    configurable: true,
  });
}

// ---- Writable ----------------------------------------------------------------

// The write requests waiting behind the one in progress: [{ chunk, encoding, callback }].
Object.defineProperty(WritableState.prototype, 'getBuffer', {
  value: function getBuffer() { return this.buffered.slice(); }, writable: true, configurable: true,
});
Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  get() { return this.buffered.length; }, configurable: true,
});
function WritableState(options = {}, stream, isDuplex) {
  this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
  this.highWaterMark = options.writableHighWaterMark ?? options.highWaterMark ?? getDefaultHighWaterMark(this.objectMode);
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

function Writable(options) {
  const isDuplex = this instanceof Duplex;
  if (!isDuplex && !(this instanceof Writable)) return new Writable(options);
  this._writableState = new WritableState(options, this, isDuplex);
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  if (!isDuplex && typeof this._construct === 'function') constructStream(this);
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.prototype[Symbol.asyncDispose] = function (...args) { return asyncDispose.apply(this, args); };

Object.defineProperty(Writable, Symbol.hasInstance, {
  value(obj) {
    if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
    if (this !== Writable) return false;
    return !!(obj && obj._writableState instanceof WritableState);
  },
});

Writable.prototype.write = function write(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof encoding === 'function') { cb = encoding; encoding = state.defaultEncoding; }
  else {
    if (!encoding) encoding = state.defaultEncoding;
    if (typeof cb !== 'function') cb = nop;
  }
  if (chunk === null) {
    throw Object.assign(new TypeError('May not write null values to stream'), { code: 'ERR_STREAM_NULL_VALUES' });
  }
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) { chunk = Buffer.from(chunk, encoding); encoding = 'buffer'; }
    } else if (ArrayBuffer.isView(chunk)) {
      if (!Buffer.isBuffer(chunk)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      encoding = 'buffer';
    } else {
      throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  let err;
  if (state.ending) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = Object.assign(new Error('Cannot call write after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' });
  if (err) {
    nextTick(cb, err);
    errorOrDestroy(this, err);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(this, state, chunk, encoding, cb);
};

// Emitters that are not EventEmitters of this era (old Streams) lack prependListener:
// put the listener first by hand.
function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
  if (!emitter._events || !emitter._events[event]) emitter.on(event, fn);
  else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn);
  else emitter._events[event] = [fn, emitter._events[event]];
}

// A stream's defaultEncoding option: utf8 when absent, else an encoding Buffer knows.
function checkedEncoding(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  if (enc !== 'buffer' && !Buffer.isEncoding(enc)) throw new ERR_UNKNOWN_ENCODING(enc);
  return enc;
}

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

function errorBuffer(state) {
  if (state.writing) return;
  for (const { chunk, callback } of state.buffered.splice(0)) {
    state.length -= state.objectMode ? 1 : chunk.length;
    callback(state.errored ?? Object.assign(new Error('Cannot call write after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' }));
  }
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
    const ret = this.write(chunk, encoding);
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
    if (called) { errorOrDestroy(stream, new Error('callback called multiple times')); return; }
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

// ---- destroy -----------------------------------------------------------------

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

Readable.prototype.destroy = Writable.prototype.destroy = function destroy(err, cb) {
  return destroyImpl(this, err, cb);
};
Readable.prototype._destroy = Writable.prototype._destroy = function _destroy(err, cb) { cb(err); };
Readable.prototype._undestroy = Writable.prototype._undestroy = function () {};
Readable.prototype[EE.captureRejectionSymbol] = Writable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };

// ---- Duplex / Transform / PassThrough ---------------------------------------------

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) { this._readableState.readable = false; this._readableState.ended = true; this._readableState.endEmitted = true; }
    if (options.writable === false) { this._writableState.writable = false; this._writableState.ending = true; this._writableState.ended = true; this._writableState.finished = true; }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
}
for (const name of ['write', 'end', 'cork', 'uncork', 'setDefaultEncoding', '_write']) Duplex.prototype[name] = Writable.prototype[name];
for (const name of Object.getOwnPropertyNames(Writable.prototype)) {
  const d = Object.getOwnPropertyDescriptor(Writable.prototype, name);
  if (d.get && !Object.getOwnPropertyDescriptor(Duplex.prototype, name)) Object.defineProperty(Duplex.prototype, name, d);
}

Duplex.from = function from(body) {
  if (body instanceof Duplex) return body;
  if (body instanceof Readable || body instanceof Writable) return body;
  // Web streams, alone or as a { readable, writable } pair.
  if (webStreamType(body) === 'ReadableStream') return Readable.fromWeb(body);
  if (webStreamType(body) === 'WritableStream') return Writable.fromWeb(body);
  if (webStreamType(body?.readable) === 'ReadableStream' && webStreamType(body?.writable) === 'WritableStream') return Duplex.fromWeb(body);
  if (typeof body?.[Symbol.asyncIterator] === 'function' || typeof body?.[Symbol.iterator] === 'function') return Readable.from(body);
  throw new ERR_INVALID_ARG_TYPE('body', ['Stream', 'Iterable', 'AsyncIterable'], body);
};

const kCallback = Symbol('kCallback');
function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  const readableHighWaterMark = options ? (options.readableHighWaterMark ?? null) : null;
  if (readableHighWaterMark === 0) {
    options = { ...options, highWaterMark: null, readableHighWaterMark, writableHighWaterMark: options.writableHighWaterMark || 0 };
  }
  Duplex.call(this, options);
  this._readableState.sync = false;
  this[kCallback] = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', transformPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function transformFinal(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) { if (cb) cb(er); else this.destroy(er); return; }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}
function transformPrefinish() {
  if (this._final !== transformFinal) transformFinal.call(this);
}
Transform.prototype._final = transformFinal;

Transform.prototype._transform = function () {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

Transform.prototype._write = function (chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;
  this._transform(chunk, encoding, (err, val) => {
    if (err) { callback(err); return; }
    if (val != null) this.push(val);
    if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
    else this[kCallback] = callback;
  });
};

Transform.prototype._read = function () {
  if (this[kCallback]) {
    const callback = this[kCallback];
    this[kCallback] = null;
    callback();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function (chunk, encoding, cb) { cb(null, chunk); };

// ---- finished / pipeline ---------------------------------------------------------

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

function pipeline(...streams) {
  // The callback form: the last argument must be the callback.
  if (typeof streams[streams.length - 1] !== 'function') throw new ERR_INVALID_ARG_TYPE('streams[stream.length - 1]', 'Function', streams[streams.length - 1]);
  let callback = streams.pop();
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) throw new ERR_MISSING_ARGS('streams');
  let error;
  let finishCount = 0;
  const destroys = [];
  const done = (err) => {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (--finishCount > 0 && !error) return;
    while (destroys.length) destroys.shift()(error);
    if (callback) { const cb = callback; callback = null; nextTick(cb, error); }
  };
  let ret;
  for (let i = 0; i < streams.length; i++) {
    let s = streams[i];
    const isLast = i === streams.length - 1;
    s = webStreamAsNodeStream(s);
    if (typeof s === 'function') {
      s = s(ret);
      if (!(s instanceof Stream) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator])) s = Readable.from(s);
      else if (s && typeof s.then === 'function') {
        const p = s;
        s = new PassThrough({ objectMode: true });
        p.then((v) => { if (v != null) s.write(v); s.end(); }, (e) => s.destroy(e));
      }
    } else if (!(s instanceof Stream) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator]) && i === 0) {
      s = Readable.from(s);
    }
    if (s instanceof Stream || typeof s?.on === 'function') {
      finishCount++;
      const stream = s;
      const cleanup = eos(stream, { readable: !isLast || !!stream._readableState && i < streams.length - 1 ? true : false, writable: i > 0 }, (err) => {
        if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') done(err);
        else if (err) done(err);
        else done();
      });
      destroys.push((err) => {
        cleanup();
        // Errors still to be emitted by streams we tear down must not become uncaught.
        stream.on('error', nop);
        if (err && !stream.destroyed && typeof stream.destroy === 'function') stream.destroy(err);
      });
      if (ret) ret.pipe(stream);
    }
    ret = s;
  }
  return ret;
}

function finished(stream, opts, cb) {
  return eos(stream, opts, cb);
}

function abortError(signal) {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
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

// pipeline() takes web streams too: each one is bridged to a Node stream in object mode.
function webStreamAsNodeStream(s) {
  const type = webStreamType(s);
  if (type === undefined) return s;
  const adapters = require('internal/webstreams/adapters');
  if (type === 'ReadableStream') return adapters.newStreamReadableFromReadableStream(s, { objectMode: true });
  if (type === 'WritableStream') return adapters.newStreamWritableFromWritableStream(s, { objectMode: true });
  if (type === 'TransformStream') return adapters.newStreamDuplexFromReadableWritablePair(s, { objectMode: true });
  return s;
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

function addAbortSignal(signal, stream) {
  if (isWebStream(stream)) {
    const { readableStreamControllerError } = require('internal/webstreams/readablestream');
    const onWebAbort = () => {
      const err = abortError(signal);
      if (webStreamType(stream) === 'ReadableStream') readableStreamControllerError(stream, err);
      else stream[kWebState].controller.error(err);
    };
    if (signal.aborted) onWebAbort();
    else signal.addEventListener('abort', onWebAbort, { once: true });
    return stream;
  }
  const onAbort = () => stream.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return stream;
}

function isReadable(s) { return !!s && typeof s.read === 'function' && s.readable !== false; }
function isErrored(s) { return !!(s?._readableState?.errored || s?._writableState?.errored); }
function isDisturbed(s) { return !!s?._readableState?.dataEmitted; }

const promises = {
  // A trailing plain object is the options: `{ signal }` aborts the pipeline.
  pipeline: (...streams) => new Promise((resolve, reject) => {
    const last = streams[streams.length - 1];
    let signal;
    if (streams.length && typeof last === 'object' && !(last instanceof Stream) && !last[Symbol.asyncIterator] && !Array.isArray(last) && webStreamType(last) === undefined) {
      ({ signal } = streams.pop());
    }
    const flat = Array.isArray(streams[0]) && streams.length === 1 ? streams[0] : streams;
    const abort = () => {
      const err = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
      for (const s of flat) if (s && typeof s.destroy === 'function') s.destroy(err);
      reject(err);
    };
    if (signal?.aborted) { abort(); return; }
    signal?.addEventListener('abort', abort, { once: true });
    pipeline(...flat, (err) => {
      signal?.removeEventListener('abort', abort);
      if (err) reject(err);
      else resolve();
    });
  }),
  finished: (stream, opts) => new Promise((resolve, reject) => {
    eos(stream, opts, (err) => (err ? reject(err) : resolve()));
  }),
};

module.exports = Stream;
Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.finished = finished;
Stream.addAbortSignal = addAbortSignal;
Stream.promises = promises;
Stream.isReadable = isReadable;
Stream.isErrored = isErrored;
Stream.isDisturbed = isDisturbed;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

// stream.destroy(stream, err): destroys any stream-like object (an http request is
// aborted); one that has not finished gets an AbortError.
Stream.destroy = function destroy(stream, err) {
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
};

// duplexPair(options): two Duplexes joined back to back: what one writes, the other
// reads; ending one ends the other's readable side. A write completes when the other
// side asks for more (backpressure crosses the pair).
class DuplexSide extends Duplex {
  #other = null;
  #wantMore = null;
  link(other) { this.#other = other; }
  _read() {
    const cb = this.#wantMore;
    if (cb) {
      this.#wantMore = null;
      cb();
    }
  }
  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      process.nextTick(callback);
      return;
    }
    this.#other.#wantMore = callback;
    this.#other.push(chunk);
  }
  _final(callback) {
    this.#other.on('end', callback);
    this.#other.push(null);
  }
}
Stream.duplexPair = function duplexPair(options) {
  const a = new DuplexSide(options);
  const b = new DuplexSide(options);
  a.link(b);
  b.link(a);
  return [a, b];
};
Stream.setDefaultHighWaterMark = (objectMode, value) => {
  const { validateInteger } = require('internal/errors');
  validateInteger(value, 'value', 0);
  defaultHighWaterMark[objectMode ? 1 : 0] = value;
};
Stream._isUint8Array = (v) => v instanceof Uint8Array;
Stream._uint8ArrayToBuffer = (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

// Web stream adapters (internal/webstreams/adapters.js), loaded on first use.
const { kState: kWebState, kType: kWebType } = require('internal/webstreams/util');
function webAdapters() { return require('internal/webstreams/adapters'); }
Readable.toWeb = (streamReadable, options) => webAdapters().newReadableStreamFromStreamReadable(streamReadable, options);
Readable.fromWeb = (readableStream, options) => webAdapters().newStreamReadableFromReadableStream(readableStream, options);
Writable.toWeb = (streamWritable) => webAdapters().newWritableStreamFromStreamWritable(streamWritable);
Writable.fromWeb = (writableStream, options) => webAdapters().newStreamWritableFromWritableStream(writableStream, options);
Duplex.toWeb = (duplex) => webAdapters().newReadableWritablePairFromDuplex(duplex);
Duplex.fromWeb = (pair, options) => webAdapters().newStreamDuplexFromReadableWritablePair(pair, options);
