'use strict';
// node:buffer — Buffer as a Uint8Array subclass. utf-8 goes through the native
// encoder; latin1/ascii/hex/base64/base64url/utf16le are converted here.

const { encodeUtf8, decodeUtf8, utf8Length, writeUtf8 } = binding.encoding;
const { codes: { ERR_INVALID_ARG_TYPE, ERR_UNKNOWN_ENCODING, ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_BUFFER_SIZE, ERR_STRING_TOO_LONG, ERR_INVALID_ARG_VALUE }, validateInteger, validateNumber } = require('internal/errors');
const { inspect } = require('internal/inspect');
const customInspect = inspect.custom;

// Node 20's limit (its V8's largest typed array). amber's V8 allows more, but buffers
// stay within what Node 20 accepts, with the same errors.
const kMaxLength = 2 ** 32;
const POOL_SIZE = 8192;

const { normalizeEncoding: normalizeEncodingName } = require('internal/util');
// Buffer's methods take any value as an encoding name: its string ({ toString() } too).
function normalizeEncoding(enc) {
  return normalizeEncodingName(enc == null || typeof enc === 'string' ? enc : `${enc}`);
}


// utf-8 goes through the encoding binding; the rest through native buffer codecs.
const nativeCodec = binding.buffer;

function encodeString(str, enc) {
  if (enc === 'utf8') return encodeUtf8(str);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(enc);
  return nativeCodec.encode(str, enc);
}

// V8's String::kMaxLength on 64-bit targets.
const MAX_STRING_LENGTH = 2 ** 29 - 24;

// A string longer than V8 allows is Node's ERR_STRING_TOO_LONG (the native UTF-8
// decoder answers '' for it; only a lone byte order mark, 3 bytes, decodes to '').
function decodeBytes(bytes, enc) {
  // As V8's String::NewFromUtf8/NewFromOneByte, which Node calls: more bytes than a
  // string can hold is refused before any decoding (a UTF-8 buffer of 512 MiB was
  // decoded in full first, seconds of work and every page touched).
  if (bytes.length > MAX_STRING_LENGTH && (enc === 'utf8' || enc === 'latin1' || enc === 'ascii')) throw new ERR_STRING_TOO_LONG();
  let str;
  try {
    str = enc === 'utf8' ? decodeUtf8(bytes, false, true) : nativeCodec.decode(bytes, enc);
  } catch (e) {
    if (e instanceof RangeError || /Cannot create a string longer than/.test(e?.message)) throw new ERR_STRING_TOO_LONG();
    throw e;
  }
  if (str === '' && bytes.length > 3) throw new ERR_STRING_TOO_LONG();
  return str;
}

class FastBuffer extends Uint8Array {}

// DEP0005 is shown once, and (as in Node) only for calls from code outside
// node_modules unless --pending-deprecation asks for every caller.
let bufferWarned = false;
function calledFromNodeModules() {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 10;
  Error.prepareStackTrace = (_, frames) => frames;
  const holder = {};
  Error.captureStackTrace(holder, Buffer);
  const frames = holder.stack;
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  if (!Array.isArray(frames)) return false;
  for (const f of frames) {
    const file = f.getFileName();
    // Only paths (POSIX, Windows, file: URLs of ES modules) are user code; builtins
    // and evals are not.
    if (!file || !/^\/|\\|^file:/.test(file)) continue;
    return /[\\/]node_modules[\\/]/.test(file);
  }
  return false;
}
function Buffer(arg, encodingOrOffset, length) {
  if (!bufferWarned) {
    const { getOptionValue } = require('internal/options');
    if (getOptionValue('--pending-deprecation') || !calledFromNodeModules()) {
      bufferWarned = true;
      process.emitWarning('Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
    }
  }
  if (typeof arg === 'number') {
    // Buffer(size, encoding) is a string call with the arguments mixed up.
    if (typeof encodingOrOffset === 'string') throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(Buffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
Object.setPrototypeOf(Buffer, Uint8Array);
// TypedArray methods that create arrays (subarray, slice, map, filter) use the species:
// make them build FastBuffers (Buffer instances) without going through Buffer().
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
Buffer.poolSize = POOL_SIZE;
// A copy of a TypedArray's elements [offset, offset + length) (in elements) as bytes.
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!ArrayBuffer.isView(view) || view instanceof DataView) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  const count = view.length;
  if (offset !== undefined) {
    validateInteger(offset, 'offset', 0);
    if (offset >= count) return new FastBuffer();
  } else offset = 0;
  let end;
  if (length !== undefined) {
    validateInteger(length, 'length', 0);
    end = Math.min(offset + length, count);
  } else end = count;
  if (end <= offset) return new FastBuffer();
  const size = view.BYTES_PER_ELEMENT;
  const src = new Uint8Array(view.buffer, view.byteOffset + offset * size, (end - offset) * size);
  const out = Buffer.allocUnsafe(src.length);
  out.set(src);
  return out;
};
Buffer.of = function of(...items) {
  const b = Buffer.allocUnsafe(items.length);
  for (let i = 0; i < items.length; i++) b[i] = items[i];
  return b;
};

// The bytes of a TypedArray, DataView or (Shared)ArrayBuffer, for isUtf8/isAscii.
function bytesOf(input) {
  if ((ArrayBuffer.isView(input) ? input.buffer : input)?.detached === true) {
    const err = new Error('Cannot validate on a detached buffer');
    err.code = 'ERR_INVALID_STATE';
    throw err;
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) return new Uint8Array(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function fromBytes(u8) {
  return new FastBuffer(u8.buffer, u8.byteOffset, u8.length);
}

// Small buffers are carved from a shared 8 KiB pool, as in Node: many small Buffers
// share one ArrayBuffer (and a snapshot stores that pool once).
let pool;
let poolBytes;
let poolOffset = 0;
// The pool is shared by unrelated Buffers: postMessage copies it instead of transferring
// (detaching) it, as Node marks its pool untransferable (worker_threads' marker).
const kUntransferable = Symbol.for('amber.untransferable');
function createPool() {
  pool = new ArrayBuffer(Buffer.poolSize);
  Object.defineProperty(pool, kUntransferable, { value: true });
  poolBytes = new Uint8Array(pool);
  poolOffset = 0;
}
function allocFromPool(size) {
  if (pool === undefined || poolOffset + size > pool.byteLength) createPool();
  const b = new FastBuffer(pool, poolOffset, size);
  poolOffset += size;
  if (poolOffset & 7) poolOffset = (poolOffset | 7) + 1;
  return b;
}
// A UTF-8 Buffer of `str`. A string sure to fit half the pool (at most 3 bytes per UTF-16
// unit) is encoded by V8 straight into the pool: no buffer of its own, no copy.
function fromUtf8(str) {
  const max = str.length * 3;
  if (max === 0 || max >= (Buffer.poolSize >>> 1)) return pooled(encodeUtf8(str));
  if (pool === undefined || poolOffset + max > pool.byteLength) createPool();
  const n = writeUtf8(str, poolBytes, poolOffset);
  const b = new FastBuffer(pool, poolOffset, n);
  poolOffset += n;
  if (poolOffset & 7) poolOffset = (poolOffset | 7) + 1;
  return b;
}
function pooled(u8) {
  if (u8.length === 0 || u8.length >= (Buffer.poolSize >>> 1)) return fromBytes(u8);
  const b = allocFromPool(u8.length);
  b.set(u8);
  return b;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') {
    // A missing, empty or non-string encoding is UTF-8.
    const enc = typeof encodingOrOffset !== 'string' || encodingOrOffset.length === 0 ? 'utf8' : normalizeEncoding(encodingOrOffset);
    if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encodingOrOffset);
    if (enc === 'utf8') return fromUtf8(value);
    return pooled(encodeString(value, enc));
  }
  if (typeof value === 'object' && value !== null) {
    if (binding.types.isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    if (ArrayBuffer.isView(value)) {
      const copy = new FastBuffer(value.length);
      for (let i = 0; i < value.length; i++) copy[i] = value[i];
      return copy;
    }
    const primitive = typeof value.valueOf === 'function' ? value.valueOf() : undefined;
    if (primitive !== undefined && primitive !== null && primitive !== value &&
        (typeof primitive === 'string' || (typeof primitive === 'object' && primitive !== null))) {
      return Buffer.from(primitive, encodingOrOffset, length);
    }
    if (value.length !== undefined || binding.types.isAnyArrayBuffer(value.buffer)) {
      if (typeof value.length !== 'number') return new FastBuffer();
      return fromArrayLike(value);
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const p = value[Symbol.toPrimitive]('string');
      if (typeof p === 'string') return Buffer.from(p, encodingOrOffset);
    }
  }
  throw new ERR_INVALID_ARG_TYPE('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

function fromArrayBuffer(ab, byteOffset, length) {
  // Node converts the offset and length as numbers (NaN counts as 0).
  const off = byteOffset === undefined ? 0 : +byteOffset || 0;
  const max = ab.byteLength - off;
  if (max < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  let len;
  if (length === undefined) len = max;
  else {
    len = +length || 0;
    if (len > 0) {
      if (len > max) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else len = 0;
  }
  return new FastBuffer(ab, off, len);
}

function fromArrayLike(arr) {
  if (!(arr.length > 0)) return new FastBuffer();
  const b = new FastBuffer(arr.length);
  for (let i = 0; i < arr.length; i++) b[i] = arr[i];
  return b;
}

function checkSize(size) {
  if (typeof size !== 'number') throw new ERR_INVALID_ARG_TYPE('size', 'number', size);
  if (!(size >= 0 && size <= kMaxLength)) throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxLength}`, size);
}

Buffer.alloc = function alloc(size, fill, encoding) {
  checkSize(size);
  const b = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) fillBuffer(b, fill, 0, size, encoding);
  return b;
};
// --zero-fill-buffers: allocUnsafe and allocUnsafeSlow return zeroed memory (they always
// do here: every allocation is a new zeroed ArrayBuffer or a fresh pool), and the pool is
// not used, as in Node.
const { getOptionValue } = require('internal/options');
Buffer.allocUnsafe = function allocUnsafe(size) {
  checkSize(size);
  if (getOptionValue('--zero-fill-buffers')) return new FastBuffer(size);
  if (size > 0 && size < (Buffer.poolSize >>> 1)) return allocFromPool(size);
  return new FastBuffer(size);
};
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) { checkSize(size); return new FastBuffer(size); };
Buffer.isBuffer = (b) => b instanceof Buffer;
Buffer.isEncoding = (e) => typeof e === 'string' && e.length > 0 && normalizeEncoding(e) !== undefined;
Buffer.byteLength = function byteLength(s, enc) {
  if (typeof s !== 'string') {
    if (ArrayBuffer.isView(s) || binding.types.isAnyArrayBuffer(s)) return s.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], s);
  }
  const e = normalizeEncoding(enc) ?? 'utf8';
  if (e === 'utf8') return utf8Length(s);
  if (e === 'utf16le') return s.length * 2;
  if (e === 'latin1' || e === 'ascii') return s.length;
  if (e === 'hex') return s.length >>> 1;
  return encodeString(s, e).length;
};
Buffer.concat = function concat(list, totalLength) {
  if (!Array.isArray(list)) throw new ERR_INVALID_ARG_TYPE('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();
  for (let i = 0; i < list.length; i++) {
    if (!isUint8Array(list[i])) throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
  }
  if (totalLength === undefined) {
    totalLength = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) totalLength += list[i].length;
    }
  } else {
    validateInteger(totalLength, 'length', 0, kMaxLength);
  }
  const out = Buffer.allocUnsafe(totalLength);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const b = list[i];
    const n = Math.min(b.length, totalLength - pos);
    if (n > 0) out.set(n === b.length ? b : b.subarray(0, n), pos);
    pos += n;
    if (pos >= totalLength) break;
  }
  // A totalLength beyond the lists' bytes is zero-filled (allocUnsafe may reuse memory).
  if (pos < totalLength) Uint8Array.prototype.fill.call(out, 0, pos, totalLength);
  return out;
};
Buffer.compare = function compare(a, b) {
  if (!isUint8Array(a)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], a);
  if (!isUint8Array(b)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], b);
  return compareBytes(a, b);
};
function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
const isUint8Array = (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]';

const proto = Buffer.prototype;
proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return decodeUtf8(this, false, true);
  const enc = encoding === undefined ? 'utf8' : encoding === null ? undefined : normalizeEncoding(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  const len = this.length;
  if (start === undefined || start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  return decodeBytes(start === 0 && end === this.length ? this : this.subarray(start, end), enc);
};
proto.toLocaleString = proto.toString;
proto.equals = function equals(other) {
  if (!ArrayBuffer.isView(other)) throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], other);
  return Buffer.compare(this, other) === 0;
};
proto.compare = function compare(target, tStart, tEnd, sStart, sEnd) {
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (tStart === undefined) tStart = 0; else validateInteger(tStart, 'targetStart', 0, kMaxLength);
  if (tEnd === undefined) tEnd = target.length; else validateInteger(tEnd, 'targetEnd', 0, target.length);
  if (sStart === undefined) sStart = 0; else validateInteger(sStart, 'sourceStart', 0, kMaxLength);
  if (sEnd === undefined) sEnd = this.length; else validateInteger(sEnd, 'sourceEnd', 0, this.length);
  if (sStart >= sEnd) return tStart >= tEnd ? 0 : -1;
  if (tStart >= tEnd) return 1;
  return compareBytes(this.subarray(sStart, sEnd), target.subarray(tStart, tEnd));
};
proto.slice = function slice(start, end) { return this.subarray(start, end); };
proto.subarray = function subarray(start, end) {
  const u = Uint8Array.prototype.subarray.call(this, start, end);
  return new FastBuffer(u.buffer, u.byteOffset, u.length);
};
proto.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') {
    const e = new TypeError('argument must be a string');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  const size = this.length;
  if (offset === undefined) {
    offset = 0;
    length = size;
  } else if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    offset = 0;
    length = size;
  } else {
    validateInteger(offset, 'offset', 0, size);
    const remaining = size - offset;
    if (length === undefined) length = remaining;
    else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateInteger(length, 'length', 0, size);
      if (length > remaining) length = remaining;
    }
  }
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  if (length === 0 || string.length === 0) return 0;
  const bytes = encodeString(string, enc);
  let n = Math.min(bytes.length, length);
  // Only whole characters are written: no partial UTF-8 sequence or UTF-16 unit.
  if (n < bytes.length) {
    if (enc === 'utf8') {
      let start = n;
      while (start > 0 && (bytes[start] & 0xc0) === 0x80) start--;
      n = start;
    } else if (enc === 'utf16le') {
      n -= n % 2;
    }
  }
  if (n > 0) Uint8Array.prototype.set.call(this, n === bytes.length ? bytes : bytes.subarray(0, n), offset);
  return n;
};
// Node's per-encoding methods (undocumented, used by undici and others):
// utf8Slice(start, end), utf8Write(string, offset, length), ...
for (const [name, enc] of [['ascii', 'ascii'], ['base64', 'base64'], ['base64url', 'base64url'], ['latin1', 'latin1'],
  ['hex', 'hex'], ['ucs2', 'utf16le'], ['utf8', 'utf8']]) {
  Object.defineProperty(proto, `${name}Slice`, {
    value: { [`${name}Slice`](start = 0, end = this.length) {
      if (start < 0 || end > this.length || start > end) throw new RangeError('Index out of range');
      return decodeBytes(this.subarray(start, end), enc);
    } }[`${name}Slice`],
    writable: true, configurable: true, enumerable: true,
  });
  Object.defineProperty(proto, `${name}Write`, {
    value: { [`${name}Write`](string, offset = 0, length = this.length - offset) {
      if (offset < 0 || offset > this.length) throw new (require('internal/errors').codes.ERR_BUFFER_OUT_OF_BOUNDS)('offset');
      return this.write(string, offset, length, enc);
    } }[`${name}Write`],
    writable: true, configurable: true, enumerable: true,
  });
}
proto.toJSON = function toJSON() { return { type: 'Buffer', data: Array.from(this) }; };
// Node's coercion of copy's positions: numbers, strings of numbers and the like are
// truncated; anything that does not convert (NaN, objects) is the default.
function toInteger(n, dflt) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
  return dflt;
}
proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!ArrayBuffer.isView(this) || !isUint8Array(this)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], this);
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (targetStart === undefined) targetStart = 0;
  else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) sourceStart = 0;
  else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
  }
  if (sourceEnd === undefined) sourceEnd = this.length;
  else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  const n = Math.min(sourceEnd, this.length) - sourceStart;
  const count = Math.min(n, target.length - targetStart);
  if (count <= 0) return 0;
  Uint8Array.prototype.set.call(target, Uint8Array.prototype.subarray.call(this, sourceStart, sourceStart + count), targetStart);
  return count;
};
// fill as Node: a string is encoded (an empty result is an invalid value), one ASCII
// or latin1 character is a byte, other non-buffers become a byte (value & 255);
// offsets are validated integers.
const typedArrayByteLength = Function.prototype.call.bind(
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteLength').get);
function fillBuffer(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    const enc = normalizeEncoding(encoding);
    if (enc === undefined) {
      if (typeof encoding !== 'string') throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    encoding = enc;
    if (value.length === 0) value = 0;
    else if (value.length === 1) {
      const code = value.charCodeAt(0);
      if ((enc === 'utf8' && code < 128) || enc === 'latin1') value = code;
    }
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateInteger(offset, 'offset', 0, kMaxLength);
    if (end === undefined) end = buf.length;
    else validateInteger(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  if (offset > buf.length) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  // `length` is an ordinary property a program may redefine: the memory's real size
  // bounds the fill.
  if (end > typedArrayByteLength(buf)) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  let bytes;
  if (typeof value === 'string') bytes = encodeString(value, encoding);
  else if (isUint8Array(value)) bytes = value;
  else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else {
    Uint8Array.prototype.fill.call(buf, (typeof value === 'number' ? value : Number(value) >>> 0) & 255, offset, end);
    return buf;
  }
  if (bytes.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  if (bytes.length === 1) {
    Uint8Array.prototype.fill.call(buf, bytes[0], offset, end);
    return buf;
  }
  // Copy once, then double what is filled.
  let filled = Math.min(bytes.length, end - offset);
  Uint8Array.prototype.set.call(buf, filled === bytes.length ? bytes : bytes.subarray(0, filled), offset);
  while (offset + filled < end) {
    const n = Math.min(filled, end - offset - filled);
    Uint8Array.prototype.copyWithin.call(buf, offset + filled, offset, offset + n);
    filled += n;
  }
  return buf;
}
proto.fill = function fill(value, offset, end, encoding) { return fillBuffer(this, value, offset, end, encoding); };
// indexOf/lastIndexOf/includes as Node: the offset is coerced to a number (NaN and
// non-numbers search everything), negative offsets count from the end, numbers match a
// byte, strings are encoded first (UTF-16 matches only at even offsets), and an empty
// needle matches at the clamped offset.
function searchOffset(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    return forward || needleLength === 0 ? 0 : -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  return forward ? -1 : length - 1;
}
function matchesAt(hay, needle, i) {
  for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) return false;
  return true;
}
function bidirectionalIndexOf(buf, value, byteOffset, encoding, forward) {
  if (!ArrayBuffer.isView(buf)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buf);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
  else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buf.length;
  byteOffset = Math.trunc(byteOffset);
  const len = buf.length;
  if (typeof value === 'number') {
    const at = searchOffset(len, byteOffset, 1, forward);
    if (at <= -1 || len === 0) return -1;
    const byte = (value >>> 0) & 255;
    return forward ? Uint8Array.prototype.indexOf.call(buf, byte, at) : Uint8Array.prototype.lastIndexOf.call(buf, byte, at);
  }
  let enc = 'utf8';
  if (encoding !== undefined) {
    enc = normalizeEncoding(encoding === null ? 'null' : encoding);
    if (enc === undefined && typeof value === 'string') throw new ERR_UNKNOWN_ENCODING(encoding);
    enc ??= 'utf8';
  }
  let needle;
  if (typeof value === 'string') needle = encodeString(value, enc);
  else if (isUint8Array(value)) needle = value;
  else throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
  const at = searchOffset(len, byteOffset, needle.length, forward);
  if (needle.length === 0) return at;
  if (len === 0 || at <= -1 || needle.length > len) return -1;
  const step = enc === 'utf16le' ? 2 : 1;
  if (step === 2 && (len < 2 || needle.length < 2)) return -1;
  if (forward) {
    for (let i = at - (at % step); i + needle.length <= len; i += step) if (matchesAt(buf, needle, i)) return i;
  } else {
    let i = Math.min(at, len - needle.length);
    i -= i % step;
    for (; i >= 0; i -= step) if (matchesAt(buf, needle, i)) return i;
  }
  return -1;
}
proto.indexOf = function indexOf(value, byteOffset, encoding) { return bidirectionalIndexOf(this, value, byteOffset, encoding, true); };
proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) { return bidirectionalIndexOf(this, value, byteOffset, encoding, false); };
proto.includes = function includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; };
function swapBytes(buf, size) {
  const len = buf.length;
  if (len % size !== 0) throw new ERR_INVALID_BUFFER_SIZE(`${size * 8}-bits`);
  for (let i = 0; i < len; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
proto.swap16 = function swap16() { return swapBytes(this, 2); };
proto.swap32 = function swap32() { return swapBytes(this, 4); };
proto.swap64 = function swap64() { return swapBytes(this, 8); };
// Deprecated aliases of buffer and byteOffset (undefined on other Uint8Arrays).
Object.defineProperty(proto, 'parent', {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.buffer : undefined; },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.byteOffset : undefined; },
});

// Integer and float accessors through a DataView on the same memory.
function view(buf) { return new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }
// Node's checks, in Node's order and wording: an offset must be a number (else
// ERR_INVALID_ARG_TYPE), an integer, and leave room for the value (ERR_OUT_OF_RANGE, or
// ERR_BUFFER_OUT_OF_BOUNDS when the buffer is too short for any offset); a written
// integer must fit its type (ERR_OUT_OF_RANGE on "value").
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(type || 'offset', 'number', value);
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}
function checkOffset(buf, offset, size) {
  if (typeof offset !== 'number') throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
  return offset;
}
function checkValue(value, min, max, size) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (size > 4) {
      range = min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${size * 8}${n}` : `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2 ** ${size * 8 - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
}
const accessors = [
  // name, size, DataView getter, setter, little endian, [min, max] for integers
  ['UInt8', 1, 'getUint8', 'setUint8', false, [0, 0xff]], ['Int8', 1, 'getInt8', 'setInt8', false, [-0x80, 0x7f]],
  ['UInt16LE', 2, 'getUint16', 'setUint16', true, [0, 0xffff]], ['UInt16BE', 2, 'getUint16', 'setUint16', false, [0, 0xffff]],
  ['Int16LE', 2, 'getInt16', 'setInt16', true, [-0x8000, 0x7fff]], ['Int16BE', 2, 'getInt16', 'setInt16', false, [-0x8000, 0x7fff]],
  ['UInt32LE', 4, 'getUint32', 'setUint32', true, [0, 0xffffffff]], ['UInt32BE', 4, 'getUint32', 'setUint32', false, [0, 0xffffffff]],
  ['Int32LE', 4, 'getInt32', 'setInt32', true, [-0x80000000, 0x7fffffff]], ['Int32BE', 4, 'getInt32', 'setInt32', false, [-0x80000000, 0x7fffffff]],
  ['FloatLE', 4, 'getFloat32', 'setFloat32', true], ['FloatBE', 4, 'getFloat32', 'setFloat32', false],
  ['DoubleLE', 8, 'getFloat64', 'setFloat64', true], ['DoubleBE', 8, 'getFloat64', 'setFloat64', false],
  ['BigUInt64LE', 8, 'getBigUint64', 'setBigUint64', true, [0n, 0xffffffffffffffffn]], ['BigUInt64BE', 8, 'getBigUint64', 'setBigUint64', false, [0n, 0xffffffffffffffffn]],
  ['BigInt64LE', 8, 'getBigInt64', 'setBigInt64', true, [-(2n ** 63n), 2n ** 63n - 1n]], ['BigInt64BE', 8, 'getBigInt64', 'setBigInt64', false, [-(2n ** 63n), 2n ** 63n - 1n]],
];
for (const [name, size, get, set, le, limits] of accessors) {
  const big = name.startsWith('Big');
  proto[`read${name}`] = function (offset = 0) {
    checkOffset(this, offset, size);
    return view(this)[get](offset, le);
  };
  proto[`write${name}`] = function (value, offset = 0) {
    if (!big) value = +value;
    else if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    if (size === 1) {
      // Node checks a byte's offset before its value.
      if (typeof offset !== 'number') throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      checkValue(value, limits[0], limits[1], size);
    } else if (limits !== undefined) {
      checkValue(value, limits[0], limits[1], size);
    }
    checkOffset(this, offset, size);
    view(this)[set](offset, value, le);
    return offset + size;
  };
  if (name.startsWith('UInt') || name.startsWith('BigUInt')) {
    const alias = name.replace('UInt', 'Uint');
    proto[`read${alias}`] = proto[`read${name}`];
    proto[`write${alias}`] = proto[`write${name}`];
  }
}
// Variable-width integers (1 to 6 bytes).
function checkByteLength(byteLength) {
  if (!(byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength))) boundsError(byteLength, 6, 'byteLength');
}
function readUInt(buf, offset, len, le) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  checkByteLength(len);
  checkOffset(buf, offset, len);
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + buf[offset + (le ? len - 1 - i : i)];
  return v;
}
function writeUInt(buf, value, offset, len, le, signed) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  checkByteLength(len);
  value = +value;
  const max = signed ? 2 ** (8 * len - 1) - 1 : 2 ** (8 * len) - 1;
  const min = signed ? -(2 ** (8 * len - 1)) : 0;
  if (len === 1 && typeof offset !== 'number') throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  checkValue(value, min, max, len);
  checkOffset(buf, offset, len);
  let v = value < 0 ? value + 2 ** (8 * len) : value;
  for (let i = 0; i < len; i++) {
    buf[offset + (le ? i : len - 1 - i)] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + len;
}
proto.readUIntBE = function readUIntBE(offset, byteLength) { return readUInt(this, offset, byteLength, false); };
proto.readUIntLE = function readUIntLE(offset, byteLength) { return readUInt(this, offset, byteLength, true); };
proto.readUintBE = proto.readUIntBE;
proto.readUintLE = proto.readUIntLE;
proto.readIntBE = function readIntBE(offset, len) { const v = readUInt(this, offset, len, false); return v >= 2 ** (8 * len - 1) ? v - 2 ** (8 * len) : v; };
proto.readIntLE = function readIntLE(offset, len) { const v = readUInt(this, offset, len, true); return v >= 2 ** (8 * len - 1) ? v - 2 ** (8 * len) : v; };
proto.writeUIntBE = function writeUIntBE(value, offset, len) { return writeUInt(this, value, offset, len, false, false); };
proto.writeUIntLE = function writeUIntLE(value, offset, len) { return writeUInt(this, value, offset, len, true, false); };
proto.writeIntBE = function writeIntBE(value, offset, len) { return writeUInt(this, value, offset, len, false, true); };
proto.writeIntLE = function writeIntLE(value, offset, len) { return writeUInt(this, value, offset, len, true, true); };
proto.writeUintBE = proto.writeUIntBE;
proto.writeUintLE = proto.writeUIntLE;

let inspectMaxBytes = 50;
Object.defineProperty(proto, 'inspect', { value: function inspect(depth, options) { return proto[customInspect].call(this, depth, options); }, writable: true, configurable: true, enumerable: true });
proto[inspect.custom] = function (depth, options) {
  const max = inspectMaxBytes;
  let str = '';
  const n = Math.min(max, this.length);
  for (let i = 0; i < n; i++) str += (i ? ' ' : '') + (this[i] < 16 ? '0' : '') + this[i].toString(16);
  const remaining = this.length - max;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  // Own non-index properties, which the custom inspection would otherwise hide.
  if (options) {
    const extra = { __proto__: null };
    let any = false;
    const keys = options.showHidden ? Reflect.ownKeys(this) : Object.keys(this);
    for (const k of keys) {
      if (typeof k === 'string' && /^(0|[1-9][0-9]*)$/.test(k)) continue;
      if (typeof k === 'symbol' && !options.showHidden && !Object.prototype.propertyIsEnumerable.call(this, k)) continue;
      extra[k] = this[k];
      any = true;
    }
    if (any) {
      if (this.length !== 0) str += ', ';
      // "[Object: null prototype] {" and " }" are cut off.
      str += inspect(extra, { ...options, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};

const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH };
// Blob and File live in internal/blob.js; fetch bodies read a Blob's bytes through
// internals.blobBytes (internal/fetch/body.js).
const { Blob, File } = require('internal/blob');
internals.blobBytes = (b) => require('internal/blob').blobBytes(b);

// SlowBuffer(size): deprecated, an unpooled Buffer of that size (callable without new).
function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// buffer.transcode(): as Node's over ICU's converters, between the encodings those
// handle (ascii, latin1, utf16le, utf8). Bytes the source encoding cannot decode become
// U+FFFD; characters the target cannot hold become '?' (one per code point), as Node's
// converters substitute.
const kTranscodable = new Set(['ascii', 'latin1', 'utf16le', 'utf8']);
function transcode(source, fromEncoding, toEncoding) {
  if (!(source instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return Buffer.alloc(0);
  const from = normalizeEncoding(fromEncoding) || fromEncoding;
  const to = normalizeEncoding(toEncoding) || toEncoding;
  if (!kTranscodable.has(from) || !kTranscodable.has(to)) {
    // ICU's error name for an unknown converter, as Node reports it.
    const err = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  const bytes = Buffer.from(source.buffer, source.byteOffset, source.length);
  let text = from === 'ascii' ? bytes.toString('latin1').replace(/[\x80-\xff]/g, '\ufffd') : bytes.toString(from);
  if (to === 'ascii') text = text.replace(/[^\x00-\x7f]/gu, '?');
  else if (to === 'latin1') text = text.replace(/[^\x00-\xff]/gu, '?');
  return Buffer.from(text, to);
}

module.exports = {
  File,
  Buffer, SlowBuffer, kMaxLength, kStringMaxLength: constants.MAX_STRING_LENGTH, constants, Blob,
  atob: globalThis.atob, btoa: globalThis.btoa,
  isUtf8: (b) => {
    const bytes = bytesOf(b);
    try { decodeUtf8(bytes, true, true); return true; } catch { return false; }
  },
  isAscii: (b) => bytesOf(b).every((x) => x < 128),
  transcode,
  resolveObjectURL: (url) => require('internal/url').resolveObjectURL(url),
};

Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  enumerable: true, configurable: true,
  get() { return inspectMaxBytes; },
  set(v) {
    validateNumber(v, 'INSPECT_MAX_BYTES', 0);
    inspectMaxBytes = v;
  },
});
