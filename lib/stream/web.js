'use strict';
// node:stream/web — the WHATWG streams classes (implemented in internal/webstreams/).

const R = require('internal/webstreams/readablestream');
const W = require('internal/webstreams/writablestream');
const T = require('internal/webstreams/transformstream');
const Q = require('internal/webstreams/queuingstrategies');

module.exports = {
  ReadableStream: R.ReadableStream,
  ReadableStreamDefaultReader: R.ReadableStreamDefaultReader,
  ReadableStreamBYOBReader: R.ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: R.ReadableStreamBYOBRequest,
  ReadableByteStreamController: R.ReadableByteStreamController,
  ReadableStreamDefaultController: R.ReadableStreamDefaultController,
  TransformStream: T.TransformStream,
  TransformStreamDefaultController: T.TransformStreamDefaultController,
  WritableStream: W.WritableStream,
  WritableStreamDefaultWriter: W.WritableStreamDefaultWriter,
  WritableStreamDefaultController: W.WritableStreamDefaultController,
  ByteLengthQueuingStrategy: Q.ByteLengthQueuingStrategy,
  CountQueuingStrategy: Q.CountQueuingStrategy,
};
// The encoding and compression streams load their dependencies (zlib) only when used.
for (const [name, id] of [['TextEncoderStream', 'encoding'], ['TextDecoderStream', 'encoding'],
  ['CompressionStream', 'compression'], ['DecompressionStream', 'compression']]) {
  Object.defineProperty(module.exports, name, {
    enumerable: true, configurable: true,
    get() {
      const value = require(`internal/webstreams/${id}`)[name];
      Object.defineProperty(module.exports, name, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
