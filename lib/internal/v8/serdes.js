'use strict';
// v8.Serializer / v8.Deserializer over V8's ValueSerializer (binding.messaging). The
// buffer is kept here in JS: the primitive writes and reads (varints, doubles, raw
// bytes) are done in JS, and each writeValue/readValue is one native call working on
// the bytes at the current position. Host objects go through `_writeHostObject` /
// `_readHostObject`, called by the native side in the middle of a value, exactly where
// V8 meets them. DefaultSerializer writes ArrayBufferViews (Buffers included) as host
// objects, as Node does, so that a Buffer round-trips as a Buffer and a pooled Buffer's
// whole pool is not written out.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const m = binding.messaging;

const kChunks = Symbol('kChunks');
const kTransfers = Symbol('kTransfers');
const kViewsAsHost = Symbol('kViewsAsHost');
const kBuffer = Symbol('kBuffer');
const kOffset = Symbol('kOffset');
const kVersion = Symbol('kVersion');

const latestVersion = m.wireHeader()[1];

function varint(n) {
  const out = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

class Serializer {
  constructor() {
    this[kChunks] = [];
    this[kTransfers] = new Map();
    this[kViewsAsHost] = false;
  }

  writeHeader() {
    this[kChunks].push(m.wireHeader());
  }

  writeValue(value) {
    const callbacks = {
      error: (message) => this._getDataCloneError(message),
      host: (obj) => {
        if (typeof this._writeHostObject !== 'function') throw new this._getDataCloneError(`${Object.prototype.toString.call(obj)} could not be cloned.`);
        const saved = this[kChunks];
        this[kChunks] = [];
        try {
          this._writeHostObject(obj);
          return Buffer.concat(this[kChunks]);
        } finally {
          this[kChunks] = saved;
        }
      },
    };
    if (typeof this._getSharedArrayBufferId === 'function') callbacks.sab = (sab) => this._getSharedArrayBufferId(sab);
    const bytes = m.writeValue(value, callbacks, [...this[kTransfers].keys()], [...this[kTransfers].values()], this[kViewsAsHost]);
    this[kChunks].push(bytes);
    return true;
  }

  releaseBuffer() {
    // A buffer of its own (not from the pool), as Node's: views deserialized from it
    // have their offsets in it.
    const chunks = this[kChunks];
    const out = Buffer.allocUnsafeSlow(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    this[kChunks] = [];
    return out;
  }

  transferArrayBuffer(id, arrayBuffer) {
    if (!binding.types.isArrayBuffer(arrayBuffer)) throw new ERR_INVALID_ARG_TYPE('arrayBuffer', 'ArrayBuffer', arrayBuffer);
    this[kTransfers].set(id >>> 0, arrayBuffer);
  }

  writeUint32(value) {
    this[kChunks].push(varint(value >>> 0));
  }

  writeUint64(hi, lo) {
    this[kChunks].push(varint((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)));
  }

  writeDouble(value) {
    const b = Buffer.allocUnsafe(8);
    b.writeDoubleLE(+value, 0);
    this[kChunks].push(b);
  }

  writeRawBytes(source) {
    if (!ArrayBuffer.isView(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'TypedArray', 'DataView'], source);
    this[kChunks].push(Buffer.from(new Uint8Array(source.buffer, source.byteOffset, source.byteLength)));
  }

  _setTreatArrayBufferViewsAsHostObjects(flag) {
    this[kViewsAsHost] = !!flag;
  }
}
Serializer.prototype._getDataCloneError = Error;

class Deserializer {
  constructor(buffer) {
    if (!ArrayBuffer.isView(buffer)) {
      const err = new ERR_INVALID_ARG_TYPE('buffer', ['TypedArray', 'DataView'], buffer);
      err.message = 'buffer must be a TypedArray or a DataView';
      throw err;
    }
    this.buffer = buffer;
    this[kBuffer] = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    this[kOffset] = 0;
    this[kVersion] = 0;
    this[kTransfers] = new Map();
  }

  readHeader() {
    const b = this[kBuffer];
    let version = 0;
    if (b[this[kOffset]] === 0xff) {
      this[kOffset]++;
      version = this.readUint32();
    }
    if (version === 0 || version > latestVersion) throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    this[kVersion] = version;
    return true;
  }

  readValue() {
    // V8 15 runs no JS while it reads a value, so a `_readHostObject` of one's own
    // cannot be called back: host objects are read natively in DefaultSerializer's
    // layout (what DefaultDeserializer._readHostObject does).
    if (typeof this._readHostObject === 'function' && this._readHostObject !== DefaultDeserializer.prototype._readHostObject) {
      const { ERR_NOT_IMPLEMENTED } = require('internal/errors').codes;
      throw new ERR_NOT_IMPLEMENTED('v8.Deserializer with a custom _readHostObject()');
    }
    const callbacks = {};
    const [value, end, buffers] = m.readValue(this[kBuffer], this[kOffset], this[kVersion] || latestVersion, callbacks,
      [...this[kTransfers].keys()], [...this[kTransfers].values()]);
    this[kOffset] = end;
    for (const b of buffers) Object.setPrototypeOf(b, Buffer.prototype);
    return value;
  }

  getWireFormatVersion() {
    return this[kVersion];
  }

  transferArrayBuffer(id, arrayBuffer) {
    if (!binding.types.isArrayBuffer(arrayBuffer) && !binding.types.isSharedArrayBuffer(arrayBuffer)) {
      throw new ERR_INVALID_ARG_TYPE('arrayBuffer', ['ArrayBuffer', 'SharedArrayBuffer'], arrayBuffer);
    }
    this[kTransfers].set(id >>> 0, arrayBuffer);
  }

  readUint32() {
    const v = this.#readVarint();
    return Number(v & 0xffffffffn);
  }

  readUint64() {
    const v = this.#readVarint();
    return [Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)];
  }

  readDouble() {
    if (this[kOffset] + 8 > this[kBuffer].length) throw new Error('ReadDouble() failed');
    const v = Buffer.from(this[kBuffer].buffer, this[kBuffer].byteOffset, this[kBuffer].byteLength).readDoubleLE(this[kOffset]);
    this[kOffset] += 8;
    return v;
  }

  _readRawBytes(length) {
    const at = this[kOffset];
    if (at + length > this[kBuffer].length) throw new Error('ReadRawBytes() failed');
    this[kOffset] += length;
    return at;
  }

  readRawBytes(length) {
    const at = this._readRawBytes(length);
    return Buffer.from(this[kBuffer].buffer, this[kBuffer].byteOffset + at, length);
  }

  #readVarint() {
    const b = this[kBuffer];
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (this[kOffset] >= b.length) throw new Error('ReadUint32() failed');
      const byte = b[this[kOffset]++];
      v |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) return v;
    }
  }
}

// Host-object type tags of DefaultSerializer (Node's numbering: 10 is Buffer).
const viewTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, null, BigInt64Array, BigUint64Array];

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(view) {
    let tag = 10;
    if (!Buffer.isBuffer(view)) {
      const name = Object.prototype.toString.call(view).slice(8, -1);
      tag = viewTypes.findIndex((T) => T !== null && T.name === name);
      if (tag === -1) throw new this._getDataCloneError(`Unserializable host object: ${require('internal/inspect').inspect(view)}`);
    }
    this.writeUint32(tag);
    this.writeUint32(view.byteLength);
    this.writeRawBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const tag = this.readUint32();
    const byteLength = this.readUint32();
    const at = this._readRawBytes(byteLength);
    if (tag === 10) return Buffer.from(Buffer.from(this[kBuffer].buffer, this[kBuffer].byteOffset + at, byteLength));
    const Ctor = viewTypes[tag];
    if (Ctor === undefined || Ctor === null) throw new Error('Unable to deserialize cloned data.');
    const size = Ctor.BYTES_PER_ELEMENT ?? 1;
    const offset = this[kBuffer].byteOffset + at;
    if (offset % size === 0) return new Ctor(this[kBuffer].buffer, offset, byteLength / size);
    const copy = new Uint8Array(byteLength);
    copy.set(this[kBuffer].subarray(at, at + byteLength));
    return new Ctor(copy.buffer, 0, byteLength / size);
  }
}

function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

function deserialize(buffer) {
  const der = new DefaultDeserializer(buffer);
  der.readHeader();
  return der.readValue();
}

module.exports = { Serializer, Deserializer, DefaultSerializer, DefaultDeserializer, serialize, deserialize };
