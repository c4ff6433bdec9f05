'use strict';
// CompressionStream and DecompressionStream (WHATWG compression): TransformStreams over
// node:zlib for 'gzip', 'deflate' and 'deflate-raw'. Like amber's zlib streams they
// collect their input and (de)compress when the writable side closes, so output appears
// at the end (one chunk) rather than incrementally.

const { codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS } } = require('internal/errors');
const { kState, kType, isBrand, customInspect } = require('internal/webstreams/util');
const { TransformStream } = require('internal/webstreams/transformstream');
const { finishClass } = require('internal/webstreams/readablestream');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const compressOps = { gzip: 'gzipSync', deflate: 'deflateSync', 'deflate-raw': 'deflateRawSync' };
const decompressOps = { gzip: 'gunzipSync', deflate: 'inflateSync', 'deflate-raw': 'inflateRawSync' };

function collectingTransform(opName) {
  const chunks = [];
  return new TransformStream({
    transform(chunk) {
      // Node's streams take strings too (as UTF-8), like the zlib streams beneath them.
      if (typeof chunk === 'string') {
        chunks.push(Buffer.from(chunk));
        return;
      }
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        throw new ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], chunk);
      }
      const view = ArrayBuffer.isView(chunk) ? chunk : new Uint8Array(chunk);
      chunks.push(Buffer.from(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)));
    },
    flush(controller) {
      const zlib = require('zlib');
      const out = zlib[opName](Buffer.concat(chunks));
      chunks.length = 0;
      if (out.length > 0) controller.enqueue(new Uint8Array(out.buffer, out.byteOffset, out.length));
    },
  });
}

function makeClass(name, ops) {
  const C = {
    [name]: class {
      constructor(format) {
        const op = Object.hasOwn(ops, format) ? ops[format] : undefined;
        if (op === undefined) throw new ERR_INVALID_ARG_VALUE('format', format);
        this[kType] = name;
        this[kState] = { transform: collectingTransform(op) };
      }

      get readable() {
        if (!isBrand(this, name)) throw new ERR_INVALID_THIS(name);
        return this[kState].transform.readable;
      }

      get writable() {
        if (!isBrand(this, name)) throw new ERR_INVALID_THIS(name);
        return this[kState].transform.writable;
      }

      [kInspect](depth, options) {
        if (!isBrand(this, name)) throw new ERR_INVALID_THIS(name);
        return customInspect(this, name, { readable: this.readable, writable: this.writable }, depth, options);
      }
    },
  }[name];
  finishClass(C, ['readable', 'writable']);
  return C;
}

const CompressionStream = makeClass('CompressionStream', compressOps);
const DecompressionStream = makeClass('DecompressionStream', decompressOps);

module.exports = { CompressionStream, DecompressionStream };
