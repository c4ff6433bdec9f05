'use strict';
// CompressionStream and DecompressionStream (WHATWG compression): the readable and
// writable sides of a node:zlib stream ('gzip', 'deflate', 'deflate-raw'), so output
// appears as the compressor produces it, as in Node.

const { codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_THIS } } = require('internal/errors');
const { kState, kType, isBrand, customInspect } = require('internal/webstreams/util');
const { finishClass } = require('internal/webstreams/readablestream');
const { newReadableWritablePairFromDuplex } = require('internal/webstreams/adapters');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const compressOps = { gzip: 'createGzip', deflate: 'createDeflate', 'deflate-raw': 'createDeflateRaw' };
const decompressOps = { gzip: 'createGunzip', deflate: 'createInflate', 'deflate-raw': 'createInflateRaw' };

function makeClass(name, ops) {
  const C = {
    [name]: class {
      constructor(format) {
        const op = Object.hasOwn(ops, format) ? ops[format] : undefined;
        if (op === undefined) throw new ERR_INVALID_ARG_VALUE('format', format);
        this[kType] = name;
        this[kState] = { transform: newReadableWritablePairFromDuplex(require('zlib')[op]()) };
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
