'use strict';
// node:stream — the classes and functions of lib/internal/streams/, gathered as Node
// exports them: Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
// addAbortSignal, destroy, the default high-water marks and stream.promises.

const { Stream } = require('internal/streams/legacy');
const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const Duplex = require('internal/streams/duplex');
const Transform = require('internal/streams/transform');
const PassThrough = require('internal/streams/passthrough');
const { pipeline } = require('internal/streams/pipeline');
const { finished } = require('internal/streams/end-of-stream');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const { destroyer } = require('internal/streams/destroy');
const { isReadable, isErrored, isDisturbed } = require('internal/streams/utils');
const { getDefaultHighWaterMark, setDefaultHighWaterMark } = require('internal/streams/state');

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
Stream.isReadable = isReadable;
Stream.isErrored = isErrored;
Stream.isDisturbed = isDisturbed;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
// stream.destroy(stream, err): destroys any stream-like object (an http request is
// aborted); one that has not finished gets an AbortError.
Stream.destroy = destroyer;
Stream.compose = function compose(...streams) {
  return require('internal/streams/compose')(...streams);
};
Stream.duplexPair = (options) => require('internal/streams/duplexpair')(options);
Stream._isUint8Array = (v) => v instanceof Uint8Array;
Stream._uint8ArrayToBuffer = (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

// util.promisify(pipeline/finished) gives stream/promises' functions.
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(pipeline, kCustomPromisify, {
  get() { return require('stream/promises').pipeline; },
  enumerable: true,
});
Object.defineProperty(finished, kCustomPromisify, {
  get() { return require('stream/promises').finished; },
  enumerable: true,
});

Object.defineProperty(Stream, 'promises', {
  get() { return require('stream/promises'); },
  enumerable: true,
  configurable: true,
});
