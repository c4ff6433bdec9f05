'use strict';
// The zlib stream classes: ZlibBase (a Transform over one native (de)compressor, see
// crates/runtime/src/bindings/zlib.rs), Zlib (deflate/inflate/gzip/gunzip/raw/unzip
// options) and Brotli (encoder/decoder params). Each write hands the native side the
// input and an output window of what is left of the current chunkSize buffer; output
// comes back as slices of at most chunkSize bytes, pushed as they appear, and a write
// that fills its window is called again with the rest of its input, after the reader
// has drained the stream when push() asked to wait. A stream's writes run on the
// blocking pool, one at a time, and complete in the loop's I/O phase, as Node's run on
// libuv's pool; the Sync forms run at once on the loop thread. A snapshot build refuses
// a stream that is still open (its native state cannot be carried).

const { Transform, finished } = require('stream');
const { kMaxLength } = require('buffer');
const {
  codes: { ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE, ERR_BUFFER_TOO_LARGE, ERR_ZLIB_INITIALIZATION_FAILED, ERR_BROTLI_INVALID_PARAM },
  validateNumber,
} = require('internal/errors');
const { constants } = require('internal/zlib/constants');

const z = binding.zlib;
const {
  Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH,
  Z_MIN_CHUNK, Z_DEFAULT_CHUNK, Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS,
  Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL,
  Z_DEFAULT_STRATEGY, Z_FIXED,
  DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE,
  BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA,
} = constants;

const kFlushFlag = Symbol('kFlushFlag');
const kError = Symbol('kError');
const kWhere = Symbol('kWhere');

// Flush modes from least to most "flushing"; a stream's last chunk gets the stronger of
// its own flag and finishFlush.
const flushOrder = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
const flushRank = [];
flushOrder.forEach((flag, i) => { flushRank[flag] = i; });
function strongerFlush(a, b) {
  return flushRank[a] > flushRank[b] ? a : b;
}

// Empty chunks that carry a flush mode through the writable queue (flush()).
const flushChunks = [];
for (const flag of flushOrder) {
  flushChunks[flag] = Buffer.alloc(0);
  flushChunks[flag][kFlushFlag] = flag;
}

// Streams open while building a snapshot, for the builder's list of live resources:
// they are refused. (Only during a build: elsewhere the set would keep streams from
// being collected.)
const buildStreams = new Set();
internals.describeZlibStreams = () => [...buildStreams].map((s) => ({ kind: `zlib ${s.constructor.name} stream`, where: s[kWhere] }));

// A stream collected without being closed frees its native state then, as Node's
// handle does when it is garbage-collected. Made on first use, so that a snapshot
// build gets the registry it installs.
// The registry holds `{ handle }`, emptied when the stream closes, so a finalizer never
// closes a handle twice (nor, after a snapshot restore, another stream's).
let registry;
function handleRegistry() {
  registry ??= new FinalizationRegistry((held) => {
    if (held.handle !== null) z.close(held.handle);
  });
  return registry;
}


// Native errors get message, errno and code as Node reports them.
function zlibError(message, code, errno) {
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  return err;
}

function checkFiniteNumber(number, name) {
  if (number === undefined) return false;
  if (Number.isFinite(number)) return true;
  if (Number.isNaN(number)) return false;
  validateNumber(number, name);
  throw new ERR_OUT_OF_RANGE(name, 'a finite number', number);
}

function checkRangesOrGetDefault(number, name, lower, upper, def) {
  if (!checkFiniteNumber(number, name)) return def;
  if (number < lower || number > upper) {
    throw new ERR_OUT_OF_RANGE(name, `>= ${lower} and <= ${upper}`, number);
  }
  return number;
}

// A stream's `_handle`: the native stream's id, closed once. An object with close(), as
// Node's native handle is: packages reach into it (minizlib, under node-tar and npm,
// turns `_handle.close` into a no-op around `_processChunk` to keep the stream open).
class ZlibHandle {
  constructor(id) {
    this.id = id;
    // What the GC registry holds for the stream: emptied when the handle closes.
    this.held = { handle: id };
  }

  close() {
    if (this.id === 0) return;
    z.close(this.id);
    this.id = 0;
    this.held.handle = null;
    if (binding.snapshot.mode() !== 1) handleRegistry().unregister(this);
  }
}

function closeHandle(stream) {
  if (stream._handle === null) return;
  stream._handle.close();
  stream._handle = null;
  buildStreams.delete(stream);
}

function ZlibBase(opts, mode, init, defaults) {
  let chunkSize = Z_DEFAULT_CHUNK;
  let maxOutputLength = kMaxLength;
  let flush = defaults.flush;
  let finishFlush = defaults.finishFlush;
  if (opts) {
    chunkSize = opts.chunkSize;
    if (!checkFiniteNumber(chunkSize, 'options.chunkSize')) {
      chunkSize = Z_DEFAULT_CHUNK;
    } else if (chunkSize < Z_MIN_CHUNK) {
      throw new ERR_OUT_OF_RANGE('options.chunkSize', `>= ${Z_MIN_CHUNK}`, chunkSize);
    }
    flush = checkRangesOrGetDefault(opts.flush, 'options.flush', defaults.minFlush, defaults.maxFlush, defaults.flush);
    finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', defaults.minFlush, defaults.maxFlush, defaults.finishFlush);
    maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
    if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
      opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
    }
  }
  const id = init();
  if (id < 0) throw new ERR_ZLIB_INITIALIZATION_FAILED();
  const handle = new ZlibHandle(id);
  Transform.call(this, { autoDestroy: true, ...opts });
  this[kError] = null;
  // Where the stream was made, for the snapshot builder's refusal (only then).
  if (binding.snapshot.mode() === 1) {
    this[kWhere] = internals.callerLocation();
    buildStreams.add(this);
  }
  this.bytesWritten = 0;
  this._handle = handle;
  this._mode = mode;
  this._outOffset = 0;
  this._chunkSize = chunkSize;
  this._defaultFlushFlag = flush;
  this._finishFlushFlag = finishFlush;
  this._defaultFullFlushFlag = defaults.fullFlush;
  this._info = opts && opts.info;
  this._maxOutputLength = maxOutputLength;
  // Not while building a snapshot: V8's serializer aborts on registrations made in a
  // serialize callback (gzipSync there is common), and a stream still open then is
  // refused anyway.
  if (binding.snapshot.mode() !== 1) handleRegistry().register(this, handle.held, handle);
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  configurable: true,
  enumerable: true,
  get() { return this._handle === null; },
});

// Node's deprecated name for bytesWritten.
const bytesReadMessage = 'zlib.bytesRead is deprecated and will change its meaning in the future. Use zlib.bytesWritten instead.';
Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
  configurable: true,
  enumerable: true,
  get: require('util').deprecate(function() { return this.bytesWritten; }, bytesReadMessage, 'DEP0108'),
  set: require('util').deprecate(function(value) { this.bytesWritten = value; }, bytesReadMessage, 'DEP0108'),
});

ZlibBase.prototype.reset = function reset() {
  if (this._handle === null) throw new Error('zlib binding closed');
  return z.reset(this._handle.id);
};

ZlibBase.prototype._flush = function _flush(callback) {
  this._transform(Buffer.alloc(0), '', callback);
};

// 'finish' does not wait for the last output: the final chunk is (de)compressed from
// 'prefinish' (Transform's _flush), as in Node.
ZlibBase.prototype._final = function _final(callback) {
  callback();
};

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === 'function' || (kind === undefined && !callback)) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }
  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once('end', callback);
  } else {
    this.write(flushChunks[kind] ?? flushChunks[this._defaultFullFlushFlag], '', callback);
  }
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) finished(this, callback);
  this.destroy();
};

ZlibBase.prototype._destroy = function _destroy(err, callback) {
  closeHandle(this);
  callback(err);
};

ZlibBase.prototype._transform = function _transform(chunk, encoding, cb) {
  let flushFlag = this._defaultFlushFlag;
  if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
  // The last chunk also gets finishFlush.
  const ws = this._writableState;
  if ((ws.ending || ws.ended) && ws.length === chunk.byteLength) {
    flushFlag = strongerFlush(flushFlag, this._finishFlushFlag);
  }
  this._processChunk(chunk, flushFlag, cb);
};

ZlibBase.prototype._processChunk = function _processChunk(chunk, flushFlag, cb) {
  if (typeof cb === 'function') return processChunk(this, chunk, flushFlag, cb);
  return processChunkSync(this, chunk, flushFlag);
};

// One native call: input bytes [inOff, inOff + inLen), an output window of outLen.
function nativeWrite(self, flushFlag, chunk, inOff, inLen, outLen) {
  const r = z.write(self._handle.id, flushFlag, chunk, inOff, inLen, outLen);
  if (r.length > 2) return { availIn: r[0], out: r[1], error: zlibError(r[2], r[3], r[4]) };
  return { availIn: r[0], out: r[1], error: null };
}

function onNativeError(self, error) {
  // The stream cannot recover from a (de)compression error.
  self[kError] = error;
  self.destroy(error);
}

function processChunk(self, chunk, flushFlag, cb) {
  if (self._handle === null) {
    process.nextTick(cb);
    return;
  }
  let inOff = 0;
  let availIn = chunk.byteLength;
  // One native call on the blocking pool; its result comes back in the loop's I/O phase.
  const step = () => {
    if (self.destroyed || self._handle === null) {
      cb();
      return;
    }
    const window = self._chunkSize - self._outOffset;
    internals.startOp((id) => z.write(self._handle.id, flushFlag, chunk, inOff, availIn, window, id), ([err, r]) => {
      if (err) {
        onNativeError(self, err);
        return;
      }
      after(r, window);
    }, 'zlib write', '');
  };
  const after = (r, window) => {
    if (self.destroyed || self._handle === null) {
      cb();
      return;
    }
    const consumed = availIn - r[0];
    self.bytesWritten += consumed;
    if (r.length > 2) {
      // Node's native side reports the error and never calls back for the chunk.
      onNativeError(self, zlibError(r[2], r[3], r[4]));
      return;
    }
    const out = r[1];
    const have = out.length;
    let full = false;
    if (have > 0) {
      self._outOffset += have;
      full = !self.push(Buffer.from(out.buffer, out.byteOffset, have));
    }
    if (self.destroyed) {
      cb();
      return;
    }
    const availOut = window - have;
    if (availOut === 0 || self._outOffset >= self._chunkSize) self._outOffset = 0;
    if (availOut === 0) {
      // More output may be waiting: call again with the rest of the input, once the
      // reader wants more if push() asked to wait.
      inOff += consumed;
      availIn = r[0];
      if (full) {
        const oldRead = self._read;
        self._read = (n) => {
          self._read = oldRead;
          step();
          self._read(n);
        };
        return;
      }
      step();
      return;
    }
    if (r[0] > 0) {
      // Output space left but input unread: the stream ended before its input did
      // (data after the end of a deflate stream).
      self.push(null);
    }
    cb();
  };
  step();
}

function processChunkSync(self, chunk, flushFlag) {
  let inOff = 0;
  let availIn = chunk.byteLength;
  const buffers = [];
  let nread = 0;
  let inputRead = 0;
  while (true) {
    if (self._handle === null) throw new Error('zlib binding closed');
    const window = self._chunkSize - self._outOffset;
    const r = nativeWrite(self, flushFlag, chunk, inOff, availIn, window);
    if (r.error) {
      closeHandle(self);
      self[kError] = r.error;
      throw r.error;
    }
    const consumed = availIn - r.availIn;
    inputRead += consumed;
    const have = r.out.length;
    if (have > 0) {
      buffers.push(Buffer.from(r.out.buffer, r.out.byteOffset, have));
      self._outOffset += have;
      nread += have;
      if (nread > self._maxOutputLength) {
        closeHandle(self);
        throw new ERR_BUFFER_TOO_LARGE(self._maxOutputLength);
      }
    }
    const availOut = window - have;
    if (availOut === 0 || self._outOffset >= self._chunkSize) self._outOffset = 0;
    if (availOut !== 0) break;
    inOff += consumed;
    availIn = r.availIn;
  }
  self.bytesWritten = inputRead;
  closeHandle(self);
  if (nread === 0) return Buffer.alloc(0);
  return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers, nread);
}

const zlibDefaults = { flush: Z_NO_FLUSH, finishFlush: Z_FINISH, fullFlush: Z_FULL_FLUSH, minFlush: Z_NO_FLUSH, maxFlush: Z_BLOCK };

function Zlib(opts, mode) {
  let windowBits = Z_DEFAULT_WINDOWBITS;
  let level = Z_DEFAULT_COMPRESSION;
  let memLevel = Z_DEFAULT_MEMLEVEL;
  let strategy = Z_DEFAULT_STRATEGY;
  let dictionary;
  if (opts) {
    // 0 asks inflate to take the window size from the stream's header; deflate has
    // no such value, and gzip's smallest window is 9.
    if ((opts.windowBits == null || opts.windowBits === 0) && (mode === INFLATE || mode === GUNZIP || mode === UNZIP)) {
      windowBits = 0;
    } else {
      const min = Z_MIN_WINDOWBITS + (mode === GZIP ? 1 : 0);
      windowBits = checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
    }
    level = checkRangesOrGetDefault(opts.level, 'options.level', Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
    memLevel = checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
    strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
    dictionary = opts.dictionary;
    if (dictionary !== undefined && !ArrayBuffer.isView(dictionary)) {
      if (dictionary instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && dictionary instanceof SharedArrayBuffer)) {
        dictionary = Buffer.from(dictionary);
      } else {
        throw new ERR_INVALID_ARG_TYPE('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], dictionary);
      }
    }
  }
  ZlibBase.call(this, opts, mode, () => z.init(mode, windowBits, level, memLevel, strategy, dictionary), zlibDefaults);
  this._level = level;
  this._strategy = strategy;
}
Object.setPrototypeOf(Zlib.prototype, ZlibBase.prototype);
Object.setPrototypeOf(Zlib, ZlibBase);

// params() applies after what was written so far has been flushed with Z_SYNC_FLUSH.
Zlib.prototype.params = function params(level, strategy, callback) {
  checkRangesOrGetDefault(level, 'level', Z_MIN_LEVEL, Z_MAX_LEVEL);
  checkRangesOrGetDefault(strategy, 'strategy', Z_DEFAULT_STRATEGY, Z_FIXED);
  if (this._level !== level || this._strategy !== strategy) {
    this.flush(Z_SYNC_FLUSH, () => {
      if (this._handle === null) throw new Error('zlib binding closed');
      const code = z.params(this._handle.id, level, strategy);
      if (code !== 0 && code !== constants.Z_BUF_ERROR) {
        onNativeError(this, zlibError('Failed to set parameters', 'ERR_ZLIB_PARAMS', code));
        return;
      }
      if (!this.destroyed) {
        this._level = level;
        this._strategy = strategy;
        if (callback) callback();
      }
    });
  } else if (callback) {
    process.nextTick(callback);
  }
};

function defineClass(name, mode, base) {
  const C = {
    [name]: function(opts) {
      if (!(this instanceof C)) return new C(opts);
      base.call(this, opts, mode);
    },
  }[name];
  Object.setPrototypeOf(C.prototype, base.prototype);
  Object.setPrototypeOf(C, base);
  return C;
}

const Deflate = defineClass('Deflate', DEFLATE, Zlib);
const Inflate = defineClass('Inflate', INFLATE, Zlib);
const Gzip = defineClass('Gzip', GZIP, Zlib);
const Gunzip = defineClass('Gunzip', GUNZIP, Zlib);
const DeflateRaw = {
  DeflateRaw: function(opts) {
    // A raw deflate stream cannot use zlib's 8-bit window (it writes a 9-bit one).
    if (opts && opts.windowBits === 8) opts.windowBits = 9;
    if (!(this instanceof DeflateRaw)) return new DeflateRaw(opts);
    Zlib.call(this, opts, DEFLATERAW);
  },
}.DeflateRaw;
Object.setPrototypeOf(DeflateRaw.prototype, Zlib.prototype);
Object.setPrototypeOf(DeflateRaw, Zlib);
const InflateRaw = defineClass('InflateRaw', INFLATERAW, Zlib);
const Unzip = defineClass('Unzip', UNZIP, Zlib);

// Brotli's parameters by number; the largest encoder or decoder parameter is 8.
const kMaxBrotliParam = 8;
const brotliDefaults = {
  flush: BROTLI_OPERATION_PROCESS, finishFlush: BROTLI_OPERATION_FINISH, fullFlush: BROTLI_OPERATION_FLUSH,
  minFlush: BROTLI_OPERATION_PROCESS, maxFlush: BROTLI_OPERATION_EMIT_METADATA,
};

function Brotli(opts, mode) {
  const params = new Uint32Array(kMaxBrotliParam + 1).fill(0xffffffff);
  if (opts && opts.params) {
    for (const origKey of Object.keys(opts.params)) {
      const key = +origKey;
      if (Number.isNaN(key) || key < 0 || key > kMaxBrotliParam || params[key] !== 0xffffffff) {
        throw new ERR_BROTLI_INVALID_PARAM(origKey);
      }
      const value = opts.params[origKey];
      if (typeof value !== 'number' && typeof value !== 'boolean') {
        throw new ERR_INVALID_ARG_TYPE('options.params[key]', 'number', opts.params[origKey]);
      }
      params[key] = value;
    }
  }
  ZlibBase.call(this, opts, mode, () => z.init(mode, params), brotliDefaults);
}
Object.setPrototypeOf(Brotli.prototype, ZlibBase.prototype);
Object.setPrototypeOf(Brotli, ZlibBase);

const BrotliCompress = defineClass('BrotliCompress', BROTLI_ENCODE, Brotli);
const BrotliDecompress = defineClass('BrotliDecompress', BROTLI_DECODE, Brotli);

module.exports = {
  ZlibBase, Zlib, Brotli, Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip,
  BrotliCompress, BrotliDecompress, processChunkSync, kError,
};
