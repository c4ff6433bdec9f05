'use strict';
// ReadableStream (WHATWG streams §4) with its readers (default and BYOB), controllers
// (default and byte), BYOB requests, tee (default and byte), pipeTo/pipeThrough, async
// iteration and ReadableStream.from. The algorithms follow the spec step by step, since
// promise resolution order is observable. All state is plain JS in `obj[kState]`, so a
// stream created while building a snapshot survives it. Writable-side operations used
// by pipeTo come from writablestream.js.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_INVALID_THIS, ERR_ARG_NOT_ITERABLE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const {
  Queue, kState, kType, createDeferred, uponPromise, setPromiseHandled, isBrand, noop,
  extractHighWaterMark, extractSizeAlgorithm, enqueueValueWithSize, dequeueValue, resetQueue,
  isDetached, transferArrayBuffer, promiseCall, PromiseResolve, PromiseReject, customInspect,
} = require('internal/webstreams/util');
const transferable = require('internal/worker/js_transferable');

let writable;
function lazyWritable() {
  writable ??= require('internal/webstreams/writablestream');
  return writable;
}

const kInspect = Symbol.for('nodejs.util.inspect.custom');

function isReadableStream(x) { return isBrand(x, 'ReadableStream'); }
function isDefaultReader(x) { return isBrand(x, 'ReadableStreamDefaultReader'); }
function isBYOBReader(x) { return isBrand(x, 'ReadableStreamBYOBReader'); }
function isDefaultController(x) { return isBrand(x, 'ReadableStreamDefaultController'); }
function isByteController(x) { return isBrand(x, 'ReadableByteStreamController'); }
function isBYOBRequest(x) { return isBrand(x, 'ReadableStreamBYOBRequest'); }

function invalidState(msg) { return new ERR_INVALID_STATE.TypeError(msg); }

function isArrayBufferView(x) { return ArrayBuffer.isView(x); }

const TypedArrayPrototypeGetToStringTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const typedArrayConstructors = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
if (typeof Float16Array === 'function') typedArrayConstructors.Float16Array = Float16Array;

// ---- ReadableStream ------------------------------------------------------------

class ReadableStream {
  constructor(underlyingSource = undefined, strategy = {}) {
    if (underlyingSource !== undefined && (underlyingSource === null || (typeof underlyingSource !== 'object' && typeof underlyingSource !== 'function'))) {
      throw new ERR_INVALID_ARG_TYPE('source', 'object', underlyingSource);
    }
    if (strategy !== undefined && strategy !== null && typeof strategy !== 'object' && typeof strategy !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('strategy', 'object', strategy);
    }
    const source = underlyingSource ?? {};
    initializeReadableStream(this);
    const type = source.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy?.size !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size', strategy.size);
      const hwm = extractHighWaterMark(strategy, 0);
      setUpReadableByteStreamControllerFromUnderlyingSource(this, source, hwm);
    } else {
      if (type !== undefined) throw new ERR_INVALID_ARG_VALUE('source.type', type);
      const size = extractSizeAlgorithm(strategy);
      const hwm = extractHighWaterMark(strategy, 1);
      setUpReadableStreamDefaultControllerFromUnderlyingSource(this, source, hwm, size);
    }
  }

  static from(asyncIterable) {
    return readableStreamFromIterable(asyncIterable);
  }

  get locked() {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    return isReadableStreamLocked(this);
  }

  cancel(reason = undefined) {
    if (!isReadableStream(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStream'));
    if (isReadableStreamLocked(this)) return PromiseReject(invalidState('ReadableStream is locked'));
    return readableStreamCancel(this, reason);
  }

  getReader(options = undefined) {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw new ERR_INVALID_ARG_VALUE('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = {}) {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    const readable = transform?.readable;
    if (!isReadableStream(readable)) throw new ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    const dest = transform?.writable;
    if (!lazyWritable().isWritableStream(dest)) throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', dest);
    const { preventClose, preventAbort, preventCancel, signal } = readPipeOptions(options);
    if (isReadableStreamLocked(this)) throw invalidState('The ReadableStream is locked');
    if (writable.isWritableStreamLocked(dest)) throw invalidState('The WritableStream is locked');
    const promise = readableStreamPipeTo(this, dest, preventClose, preventAbort, preventCancel, signal);
    setPromiseHandled(promise);
    return readable;
  }

  pipeTo(destination, options = {}) {
    try {
      if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
      if (!lazyWritable().isWritableStream(destination)) {
        throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', destination);
      }
      const { preventClose, preventAbort, preventCancel, signal } = readPipeOptions(options);
      if (isReadableStreamLocked(this)) throw invalidState('The ReadableStream is locked');
      if (writable.isWritableStreamLocked(destination)) throw invalidState('The WritableStream is locked');
      return readableStreamPipeTo(this, destination, preventClose, preventAbort, preventCancel, signal);
    } catch (err) {
      return PromiseReject(err);
    }
  }

  tee() {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    return readableStreamTee(this, false);
  }

  values(options = undefined) {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const preventCancel = !!options?.preventCancel;
    const reader = acquireReadableStreamDefaultReader(this);
    const iterator = Object.create(ReadableStreamAsyncIteratorPrototype);
    iterator[kState] = { reader, preventCancel, ongoingPromise: undefined, isFinished: false, started: false };
    return iterator;
  }

  [transferable.kTransferList]() {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    return require('internal/webstreams/transfer').prepareTransfer(this);
  }

  [transferable.kTransfer]() {
    if (!isReadableStream(this)) throw new ERR_INVALID_THIS('ReadableStream');
    return require('internal/webstreams/transfer').transferReadable(this);
  }

  // The receiving side: a plain object given this prototype becomes a stream fed by
  // the port it came with.
  [transferable.kDeserialize]({ port }) {
    initializeReadableStream(this);
    require('internal/webstreams/transfer').setUpCrossRealmTransformReadable(this, port);
  }

  [kInspect](depth, options) {
    const s = this[kState];
    return customInspect(this, 'ReadableStream', {
      locked: isReadableStreamLocked(this),
      state: s.state,
      supportsBYOB: isByteController(s.controller),
    }, depth, options);
  }
}
ReadableStream.prototype[Symbol.asyncIterator] = ReadableStream.prototype.values;

function readPipeOptions(options) {
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  const preventAbort = !!options?.preventAbort;
  const preventCancel = !!options?.preventCancel;
  const preventClose = !!options?.preventClose;
  const signal = options?.signal;
  if (signal !== undefined) {
    const { AbortSignal } = require('internal/abort_controller');
    if (!(signal instanceof AbortSignal)) throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return { preventAbort, preventCancel, preventClose, signal };
}

function initializeReadableStream(stream) {
  stream[kType] = 'ReadableStream';
  stream[kState] = {
    state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined,
    settled: undefined, transferChannel: undefined,
  };
  // Transferable, not cloneable (internal/webstreams/transfer.js).
  transferable.markTransferMode(stream, false, true);
}


function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(ReadableStream.prototype);
  initializeReadableStream(stream);
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = Object.create(ReadableStream.prototype);
  initializeReadableStream(stream);
  const controller = Object.create(ReadableByteStreamController.prototype);
  setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return stream;
}

function isReadableStreamLocked(stream) {
  return stream[kState].reader !== undefined;
}

function isReadableStreamDisturbed(stream) {
  return stream[kState].disturbed;
}

function readableStreamCancel(stream, reason) {
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === 'closed') return PromiseResolve(undefined);
  if (s.state === 'errored') return PromiseReject(s.storedError);
  readableStreamClose(stream);
  const reader = s.reader;
  if (reader !== undefined && isBYOBReader(reader)) {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const request of requests) request.close(undefined);
  }
  const sourceCancelPromise = s.controller[kCancelSteps](reason);
  return uponPromise(sourceCancelPromise, noop);
}

// A promise settled when the stream closes or errors (stream.finished()); made on demand.
function readableStreamSettled(stream) {
  const s = stream[kState];
  if (s.settled === undefined) {
    s.settled = createDeferred();
    setPromiseHandled(s.settled.promise);
    if (s.state === 'closed') s.settled.resolve(undefined);
    else if (s.state === 'errored') s.settled.reject(s.storedError);
  }
  return s.settled.promise;
}

function readableStreamClose(stream) {
  const s = stream[kState];
  s.state = 'closed';
  s.settled?.resolve(undefined);
  const reader = s.reader;
  if (reader === undefined) return;
  reader[kState].closed.resolve(undefined);
  if (isDefaultReader(reader)) {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const request of requests) request.close();
  }
}

function readableStreamError(stream, e) {
  const s = stream[kState];
  s.state = 'errored';
  s.storedError = e;
  s.settled?.reject(e);
  const reader = s.reader;
  if (reader === undefined) return;
  reader[kState].closed.reject(e);
  setPromiseHandled(reader[kState].closed.promise);
  if (isDefaultReader(reader)) readableStreamDefaultReaderErrorReadRequests(reader, e);
  else readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
}

function readableStreamAddReadRequest(stream, readRequest) {
  stream[kState].reader[kState].readRequests.push(readRequest);
}

function readableStreamAddReadIntoRequest(stream, readIntoRequest) {
  stream[kState].reader[kState].readIntoRequests.push(readIntoRequest);
}

function readableStreamFulfillReadRequest(stream, chunk, done) {
  const reader = stream[kState].reader;
  const readRequest = reader[kState].readRequests.shift();
  if (done) readRequest.close();
  else readRequest.chunk(chunk);
}

function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
  const reader = stream[kState].reader;
  const readIntoRequest = reader[kState].readIntoRequests.shift();
  if (done) readIntoRequest.close(chunk);
  else readIntoRequest.chunk(chunk);
}

function readableStreamGetNumReadRequests(stream) {
  return stream[kState].reader[kState].readRequests.length;
}

function readableStreamGetNumReadIntoRequests(stream) {
  return stream[kState].reader[kState].readIntoRequests.length;
}

function readableStreamHasDefaultReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && isDefaultReader(reader);
}

function readableStreamHasBYOBReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && isBYOBReader(reader);
}

// ---- readers -------------------------------------------------------------------

function resolvedDeferred() {
  const d = createDeferred();
  d.resolve(undefined);
  return d;
}

function rejectedDeferred(e) {
  const d = createDeferred();
  d.reject(e);
  setPromiseHandled(d.promise);
  return d;
}

function readableStreamReaderGenericInitialize(reader, stream) {
  const r = reader[kState];
  const s = stream[kState];
  r.stream = stream;
  s.reader = reader;
  if (s.state === 'readable') r.closed = createDeferred();
  else if (s.state === 'closed') r.closed = resolvedDeferred();
  else r.closed = rejectedDeferred(s.storedError);
}

function readableStreamReaderGenericCancel(reader, reason) {
  return readableStreamCancel(reader[kState].stream, reason);
}

function readableStreamReaderGenericRelease(reader) {
  const r = reader[kState];
  const stream = r.stream;
  const s = stream[kState];
  const err = invalidState('Reader released');
  if (s.state === 'readable') {
    r.closed.reject(err);
    setPromiseHandled(r.closed.promise);
  } else {
    r.closed = rejectedDeferred(err);
  }
  s.controller[kReleaseSteps]();
  s.reader = undefined;
  r.stream = undefined;
}

function readableStreamDefaultReaderErrorReadRequests(reader, e) {
  const requests = reader[kState].readRequests;
  reader[kState].readRequests = [];
  for (const request of requests) request.error(e);
}

function readableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
  const requests = reader[kState].readIntoRequests;
  reader[kState].readIntoRequests = [];
  for (const request of requests) request.error(e);
}

function readableStreamDefaultReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  readableStreamDefaultReaderErrorReadRequests(reader, invalidState('Releasing reader'));
}

function readableStreamBYOBReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  readableStreamBYOBReaderErrorReadIntoRequests(reader, invalidState('Releasing reader'));
}

function readableStreamDefaultReaderRead(reader, readRequest) {
  const stream = reader[kState].stream;
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === 'closed') readRequest.close();
  else if (s.state === 'errored') readRequest.error(s.storedError);
  else s.controller[kPullSteps](readRequest);
}

function readableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
  const stream = reader[kState].stream;
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === 'errored') readIntoRequest.error(s.storedError);
  else readableByteStreamControllerPullInto(s.controller, view, min, readIntoRequest);
}

function acquireReadableStreamDefaultReader(stream) {
  return new ReadableStreamDefaultReader(stream);
}

function acquireReadableStreamBYOBReader(stream) {
  return new ReadableStreamBYOBReader(stream);
}

// A read request whose steps settle a promise with an iterator result.
function promiseReadRequest() {
  const d = createDeferred();
  return {
    promise: d.promise,
    chunk(value) { d.resolve({ value, done: false }); },
    close(value) { d.resolve({ value, done: true }); },
    error(e) { d.reject(e); },
  };
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (isReadableStreamLocked(stream)) throw invalidState('ReadableStream is locked');
    this[kType] = 'ReadableStreamDefaultReader';
    this[kState] = { stream: undefined, closed: undefined, readRequests: [] };
    readableStreamReaderGenericInitialize(this, stream);
  }

  read() {
    if (!isDefaultReader(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) return PromiseReject(invalidState('The reader is not attached to a stream'));
    const request = promiseReadRequest();
    readableStreamDefaultReaderRead(this, request);
    return request.promise;
  }

  releaseLock() {
    if (!isDefaultReader(this)) throw new ERR_INVALID_THIS('ReadableStreamDefaultReader');
    if (this[kState].stream === undefined) return;
    readableStreamDefaultReaderRelease(this);
  }

  get closed() {
    if (!isDefaultReader(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isDefaultReader(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) return PromiseReject(invalidState('The reader is not attached to a stream'));
    return readableStreamReaderGenericCancel(this, reason);
  }

  [kInspect](depth, options) {
    const r = this[kState];
    return customInspect(this, 'ReadableStreamDefaultReader', {
      stream: r.stream, readRequests: r.readRequests.length, close: r.closed.promise,
    }, depth, options);
  }
}

class ReadableStreamBYOBReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (isReadableStreamLocked(stream)) throw invalidState('ReadableStream is locked');
    if (!isByteController(stream[kState].controller)) {
      throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be a byte stream');
    }
    this[kType] = 'ReadableStreamBYOBReader';
    this[kState] = { stream: undefined, closed: undefined, readIntoRequests: [] };
    readableStreamReaderGenericInitialize(this, stream);
  }

  // An async function as in Node: its result settles one microtask after the request's.
  async read(view, options = undefined) {
    if (!isBYOBReader(this)) throw new ERR_INVALID_THIS('ReadableStreamBYOBReader');
    if (!isArrayBufferView(view)) {
      throw new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view);
    }
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    let min = 1;
    if (options?.min !== undefined) {
      min = Number(options.min);
      if (!Number.isFinite(min) || min < 0) {
        throw new ERR_INVALID_ARG_VALUE.RangeError('options.min', options.min);
      }
      min = Math.trunc(min);
    }
    if (view.byteLength === 0 || view.buffer.byteLength === 0 || isDetached(view.buffer)) {
      throw invalidState('View or Viewed ArrayBuffer is zero-length or detached');
    }
    if (min === 0) throw new ERR_INVALID_ARG_VALUE.TypeError('options.min', options.min, 'must be greater than 0');
    const length = view instanceof DataView ? view.byteLength : view.length;
    if (min > length) throw new ERR_OUT_OF_RANGE('options.min', '<= view.length', options.min);
    if (this[kState].stream === undefined) throw invalidState('The reader is not attached to a stream');
    const request = promiseReadRequest();
    readableStreamBYOBReaderRead(this, view, min, request);
    return request.promise;
  }

  releaseLock() {
    if (!isBYOBReader(this)) throw new ERR_INVALID_THIS('ReadableStreamBYOBReader');
    if (this[kState].stream === undefined) return;
    readableStreamBYOBReaderRelease(this);
  }

  get closed() {
    if (!isBYOBReader(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isBYOBReader(this)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    if (this[kState].stream === undefined) return PromiseReject(invalidState('The reader is not attached to a stream'));
    return readableStreamReaderGenericCancel(this, reason);
  }

  [kInspect](depth, options) {
    const r = this[kState];
    return customInspect(this, 'ReadableStreamBYOBReader', {
      stream: r.stream, readIntoRequests: r.readIntoRequests.length, close: r.closed.promise,
    }, depth, options);
  }
}

// ---- default controller --------------------------------------------------------

const kCancelSteps = Symbol('kCancelSteps');
const kPullSteps = Symbol('kPullSteps');
const kReleaseSteps = Symbol('kReleaseSteps');

function illegalConstructor() {
  const err = new TypeError('Illegal constructor');
  err.code = 'ERR_ILLEGAL_CONSTRUCTOR';
  return err;
}

class ReadableStreamDefaultController {
  constructor() { throw illegalConstructor(); }

  get desiredSize() {
    if (!isDefaultController(this)) throw new ERR_INVALID_THIS('ReadableStreamDefaultController');
    return readableStreamDefaultControllerGetDesiredSize(this);
  }

  close() {
    if (!isDefaultController(this)) throw new ERR_INVALID_THIS('ReadableStreamDefaultController');
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    readableStreamDefaultControllerClose(this);
  }

  enqueue(chunk = undefined) {
    if (!isDefaultController(this)) throw new ERR_INVALID_THIS('ReadableStreamDefaultController');
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) throw invalidState('Controller is already closed');
    readableStreamDefaultControllerEnqueue(this, chunk);
  }

  error(e = undefined) {
    if (!isDefaultController(this)) throw new ERR_INVALID_THIS('ReadableStreamDefaultController');
    readableStreamDefaultControllerError(this, e);
  }

  [kCancelSteps](reason) {
    const c = this[kState];
    resetQueue(c);
    const result = c.cancelAlgorithm(reason);
    readableStreamDefaultControllerClearAlgorithms(this);
    return result;
  }

  [kPullSteps](readRequest) {
    const c = this[kState];
    const stream = c.stream;
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) {
        readableStreamDefaultControllerClearAlgorithms(this);
        readableStreamClose(stream);
      } else {
        readableStreamDefaultControllerCallPullIfNeeded(this);
      }
      readRequest.chunk(chunk);
    } else {
      readableStreamAddReadRequest(stream, readRequest);
      readableStreamDefaultControllerCallPullIfNeeded(this);
    }
  }

  [kReleaseSteps]() {}

  [kInspect](depth, options) {
    return customInspect(this, 'ReadableStreamDefaultController', {}, depth, options);
  }
}

function readableStreamDefaultControllerCallPullIfNeeded(controller) {
  const c = controller[kState];
  if (!readableStreamDefaultControllerShouldCallPull(controller)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  const pullPromise = c.pullAlgorithm();
  uponPromise(pullPromise, () => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      readableStreamDefaultControllerCallPullIfNeeded(controller);
    }
  }, (e) => readableStreamDefaultControllerError(controller, e));
}

function readableStreamDefaultControllerShouldCallPull(controller) {
  const c = controller[kState];
  const stream = c.stream;
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return false;
  if (!c.started) return false;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  return readableStreamDefaultControllerGetDesiredSize(controller) > 0;
}

function readableStreamDefaultControllerClearAlgorithms(controller) {
  const c = controller[kState];
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function readableStreamDefaultControllerClose(controller) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  const c = controller[kState];
  c.closeRequested = true;
  if (c.queue.length === 0) {
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamClose(c.stream);
  }
}

function readableStreamDefaultControllerEnqueue(controller, chunk) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  const c = controller[kState];
  const stream = c.stream;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
    readableStreamFulfillReadRequest(stream, chunk, false);
  } else {
    let chunkSize;
    try {
      chunkSize = c.strategySizeAlgorithm(chunk);
    } catch (e) {
      readableStreamDefaultControllerError(controller, e);
      throw e;
    }
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      readableStreamDefaultControllerError(controller, e);
      throw e;
    }
  }
  readableStreamDefaultControllerCallPullIfNeeded(controller);
}

function readableStreamDefaultControllerError(controller, e) {
  const c = controller[kState];
  if (c.stream[kState].state !== 'readable') return;
  resetQueue(c);
  readableStreamDefaultControllerClearAlgorithms(controller);
  readableStreamError(c.stream, e);
}

function readableStreamDefaultControllerGetDesiredSize(controller) {
  const c = controller[kState];
  const state = c.stream[kState].state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function readableStreamDefaultControllerHasBackpressure(controller) {
  return !readableStreamDefaultControllerShouldCallPull(controller);
}

function readableStreamDefaultControllerCanCloseOrEnqueue(controller) {
  const c = controller[kState];
  return !c.closeRequested && c.stream[kState].state === 'readable';
}

function setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
  controller[kType] = 'ReadableStreamDefaultController';
  const c = controller[kState] = {
    stream, queue: new Queue(), queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false,
    strategySizeAlgorithm: sizeAlgorithm, strategyHWM: highWaterMark, pullAlgorithm, cancelAlgorithm,
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  uponPromise(new Promise((resolve) => resolve(startResult)), () => {
    c.started = true;
    readableStreamDefaultControllerCallPullIfNeeded(controller);
  }, (r) => readableStreamDefaultControllerError(controller, r));
}

function sourceMethod(source, name) {
  const method = source[name];
  if (method !== undefined && typeof method !== 'function') {
    throw new ERR_INVALID_ARG_TYPE(`source.${name}`, 'function', method);
  }
  return method;
}

function setUpReadableStreamDefaultControllerFromUnderlyingSource(stream, source, highWaterMark, sizeAlgorithm) {
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  const cancel = sourceMethod(source, 'cancel');
  const pull = sourceMethod(source, 'pull');
  const start = sourceMethod(source, 'start');
  const startAlgorithm = start ? () => start.call(source, controller) : noop;
  const pullAlgorithm = pull ? () => promiseCall(pull, source, controller) : () => PromiseResolve(undefined);
  const cancelAlgorithm = cancel ? (reason) => promiseCall(cancel, source, reason) : () => PromiseResolve(undefined);
  setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
}

// ---- byte controller -----------------------------------------------------------

class ReadableStreamBYOBRequest {
  constructor() { throw illegalConstructor(); }

  get view() {
    if (!isBYOBRequest(this)) throw new ERR_INVALID_THIS('ReadableStreamBYOBRequest');
    return this[kState].view;
  }

  respond(bytesWritten) {
    if (!isBYOBRequest(this)) throw new ERR_INVALID_THIS('ReadableStreamBYOBRequest');
    const r = this[kState];
    if (r.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    const n = Number(bytesWritten);
    if (!Number.isFinite(n) || n < 0) throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    if (isDetached(r.view.buffer)) throw invalidState('Viewed ArrayBuffer is detached');
    readableByteStreamControllerRespond(r.controller, Math.trunc(n));
  }

  respondWithNewView(view) {
    if (!isBYOBRequest(this)) throw new ERR_INVALID_THIS('ReadableStreamBYOBRequest');
    const r = this[kState];
    if (!isArrayBufferView(view)) throw new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view);
    if (r.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    if (isDetached(view.buffer)) throw invalidState('Viewed ArrayBuffer is detached');
    readableByteStreamControllerRespondWithNewView(r.controller, view);
  }

  [kInspect](depth, options) {
    return customInspect(this, 'ReadableStreamBYOBRequest', {
      view: this[kState].view, controller: this[kState].controller,
    }, depth, options);
  }
}

class ReadableByteStreamController {
  constructor() { throw illegalConstructor(); }

  get byobRequest() {
    if (!isByteController(this)) throw new ERR_INVALID_THIS('ReadableByteStreamController');
    return readableByteStreamControllerGetBYOBRequest(this);
  }

  get desiredSize() {
    if (!isByteController(this)) throw new ERR_INVALID_THIS('ReadableByteStreamController');
    return readableByteStreamControllerGetDesiredSize(this);
  }

  close() {
    if (!isByteController(this)) throw new ERR_INVALID_THIS('ReadableByteStreamController');
    const c = this[kState];
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    readableByteStreamControllerClose(this);
  }

  enqueue(chunk) {
    if (!isByteController(this)) throw new ERR_INVALID_THIS('ReadableByteStreamController');
    if (!isArrayBufferView(chunk)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
    const c = this[kState];
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) {
      throw invalidState('chunk ArrayBuffer is zero-length or detached');
    }
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    readableByteStreamControllerEnqueue(this, chunk);
  }

  error(e = undefined) {
    if (!isByteController(this)) throw new ERR_INVALID_THIS('ReadableByteStreamController');
    readableByteStreamControllerError(this, e);
  }

  [kCancelSteps](reason) {
    const c = this[kState];
    readableByteStreamControllerClearPendingPullIntos(this);
    resetQueue(c);
    const result = c.cancelAlgorithm(reason);
    readableByteStreamControllerClearAlgorithms(this);
    return result;
  }

  [kPullSteps](readRequest) {
    const c = this[kState];
    const stream = c.stream;
    if (c.queueTotalSize > 0) {
      readableByteStreamControllerFillReadRequestFromQueue(this, readRequest);
      return;
    }
    const size = c.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(size);
      } catch (e) {
        readRequest.error(e);
        return;
      }
      c.pendingPullIntos.push({
        buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0,
        minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
      });
    }
    readableStreamAddReadRequest(stream, readRequest);
    readableByteStreamControllerCallPullIfNeeded(this);
  }

  [kReleaseSteps]() {
    const c = this[kState];
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      first.readerType = 'none';
      c.pendingPullIntos = [first];
    }
  }

  [kInspect](depth, options) {
    return customInspect(this, 'ReadableByteStreamController', {}, depth, options);
  }
}

function readableByteStreamControllerCallPullIfNeeded(controller) {
  const c = controller[kState];
  if (!readableByteStreamControllerShouldCallPull(controller)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  const pullPromise = c.pullAlgorithm();
  uponPromise(pullPromise, () => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      readableByteStreamControllerCallPullIfNeeded(controller);
    }
  }, (e) => readableByteStreamControllerError(controller, e));
}

function readableByteStreamControllerShouldCallPull(controller) {
  const c = controller[kState];
  const stream = c.stream;
  if (stream[kState].state !== 'readable') return false;
  if (c.closeRequested) return false;
  if (!c.started) return false;
  if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) return true;
  return readableByteStreamControllerGetDesiredSize(controller) > 0;
}

function readableByteStreamControllerClearAlgorithms(controller) {
  const c = controller[kState];
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function readableByteStreamControllerClearPendingPullIntos(controller) {
  readableByteStreamControllerInvalidateBYOBRequest(controller);
  controller[kState].pendingPullIntos = [];
}

function readableByteStreamControllerClose(controller) {
  const c = controller[kState];
  const stream = c.stream;
  if (c.closeRequested || stream[kState].state !== 'readable') return;
  if (c.queueTotalSize > 0) {
    c.closeRequested = true;
    return;
  }
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = invalidState('Partial read');
      readableByteStreamControllerError(controller, e);
      throw e;
    }
  }
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamClose(stream);
}

function readableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
  let done = false;
  if (stream[kState].state === 'closed') done = true;
  const filledView = readableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
  if (pullIntoDescriptor.readerType === 'default') readableStreamFulfillReadRequest(stream, filledView, done);
  else readableStreamFulfillReadIntoRequest(stream, filledView, done);
}

function readableByteStreamControllerConvertPullIntoDescriptor(pid) {
  if (pid.bytesFilled > pid.byteLength) throw invalidState('The pull-into descriptor is overfilled');
  const buffer = transferArrayBuffer(pid.buffer);
  return new pid.viewConstructor(buffer, pid.byteOffset, pid.bytesFilled / pid.elementSize);
}

function readableByteStreamControllerEnqueue(controller, chunk) {
  const c = controller[kState];
  const stream = c.stream;
  if (c.closeRequested || stream[kState].state !== 'readable') return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (isDetached(buffer)) throw invalidState('chunk ArrayBuffer is zero-length or detached');
  const transferredBuffer = transferArrayBuffer(buffer);
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (isDetached(first.buffer)) throw invalidState('The BYOB request\'s buffer has been detached');
    readableByteStreamControllerInvalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === 'none') readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, first);
  }
  if (readableStreamHasDefaultReader(stream)) {
    readableByteStreamControllerProcessReadRequestsUsingQueue(controller);
    if (readableStreamGetNumReadRequests(stream) === 0) {
      readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    } else {
      if (c.pendingPullIntos.length > 0) readableByteStreamControllerShiftPendingPullInto(controller);
      const transferredView = new Uint8Array(transferredBuffer, byteOffset, byteLength);
      readableStreamFulfillReadRequest(stream, transferredView, false);
    }
  } else if (readableStreamHasBYOBReader(stream)) {
    readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    for (const pid of filled) readableByteStreamControllerCommitPullIntoDescriptor(stream, pid);
  } else {
    readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  const c = controller[kState];
  c.queue.push({ buffer, byteOffset, byteLength });
  c.queueTotalSize += byteLength;
}

function readableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (e) {
    readableByteStreamControllerError(controller, e);
    throw e;
  }
  readableByteStreamControllerEnqueueChunkToQueue(controller, clone, 0, byteLength);
}

function readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pid) {
  if (pid.bytesFilled > 0) {
    readableByteStreamControllerEnqueueClonedChunkToQueue(controller, pid.buffer, pid.byteOffset, pid.bytesFilled);
  }
  readableByteStreamControllerShiftPendingPullInto(controller);
}

function readableByteStreamControllerError(controller, e) {
  const c = controller[kState];
  const stream = c.stream;
  if (stream[kState].state !== 'readable') return;
  readableByteStreamControllerClearPendingPullIntos(controller);
  resetQueue(c);
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamError(stream, e);
}

function readableByteStreamControllerFillHeadPullIntoDescriptor(controller, size, pid) {
  readableByteStreamControllerInvalidateBYOBRequest(controller);
  pid.bytesFilled += size;
}

function readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pid) {
  const c = controller[kState];
  const maxBytesToCopy = Math.min(c.queueTotalSize, pid.byteLength - pid.bytesFilled);
  const maxBytesFilled = pid.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % pid.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= pid.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - pid.bytesFilled;
    ready = true;
  }
  const queue = c.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue.peek();
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = pid.byteOffset + pid.bytesFilled;
    new Uint8Array(pid.buffer, destStart, bytesToCopy).set(new Uint8Array(head.buffer, head.byteOffset, bytesToCopy));
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    c.queueTotalSize -= bytesToCopy;
    readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, pid);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest) {
  const c = controller[kState];
  const entry = c.queue.shift();
  c.queueTotalSize -= entry.byteLength;
  readableByteStreamControllerHandleQueueDrain(controller);
  readRequest.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function readableByteStreamControllerGetBYOBRequest(controller) {
  const c = controller[kState];
  if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    const request = Object.create(ReadableStreamBYOBRequest.prototype);
    request[kType] = 'ReadableStreamBYOBRequest';
    request[kState] = { controller, view };
    c.byobRequest = request;
  }
  return c.byobRequest;
}

function readableByteStreamControllerGetDesiredSize(controller) {
  const c = controller[kState];
  const state = c.stream[kState].state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function readableByteStreamControllerHandleQueueDrain(controller) {
  const c = controller[kState];
  if (c.queueTotalSize === 0 && c.closeRequested) {
    readableByteStreamControllerClearAlgorithms(controller);
    readableStreamClose(c.stream);
  } else {
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
}

function readableByteStreamControllerInvalidateBYOBRequest(controller) {
  const c = controller[kState];
  if (c.byobRequest === null) return;
  c.byobRequest[kState].controller = undefined;
  c.byobRequest[kState].view = null;
  c.byobRequest = null;
}

function readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller) {
  const c = controller[kState];
  const filled = [];
  while (c.pendingPullIntos.length > 0) {
    if (c.queueTotalSize === 0) break;
    const pid = c.pendingPullIntos[0];
    if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pid)) {
      readableByteStreamControllerShiftPendingPullInto(controller);
      filled.push(pid);
    }
  }
  return filled;
}

function readableByteStreamControllerProcessReadRequestsUsingQueue(controller) {
  const c = controller[kState];
  const reader = c.stream[kState].reader;
  while (reader[kState].readRequests.length > 0) {
    if (c.queueTotalSize === 0) return;
    const readRequest = reader[kState].readRequests.shift();
    readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
  }
}

function readableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
  const c = controller[kState];
  const stream = c.stream;
  let elementSize = 1;
  let ctor = DataView;
  if (!(view instanceof DataView)) {
    elementSize = view.BYTES_PER_ELEMENT;
    // The intrinsic constructor of the view's kind ([[TypedArrayName]]), never a subclass
    // such as Buffer.
    ctor = typedArrayConstructors[TypedArrayPrototypeGetToStringTag.call(view)];
  }
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (e) {
    readIntoRequest.error(e);
    return;
  }
  const pid = {
    buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0,
    minimumFill, elementSize, viewConstructor: ctor, readerType: 'byob',
  };
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(pid);
    readableStreamAddReadIntoRequest(stream, readIntoRequest);
    return;
  }
  if (stream[kState].state === 'closed') {
    readIntoRequest.close(new ctor(pid.buffer, pid.byteOffset, 0));
    return;
  }
  if (c.queueTotalSize > 0) {
    if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pid)) {
      const filledView = readableByteStreamControllerConvertPullIntoDescriptor(pid);
      readableByteStreamControllerHandleQueueDrain(controller);
      readIntoRequest.chunk(filledView);
      return;
    }
    if (c.closeRequested) {
      const e = invalidState('ReadableStream is already closed');
      readableByteStreamControllerError(controller, e);
      readIntoRequest.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(pid);
  readableStreamAddReadIntoRequest(stream, readIntoRequest);
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerRespond(controller, bytesWritten) {
  const c = controller[kState];
  const first = c.pendingPullIntos[0];
  if (c.stream[kState].state === 'closed') {
    if (bytesWritten !== 0) throw new ERR_INVALID_ARG_VALUE('bytesWritten', bytesWritten, 'must be 0 when the stream is closed');
  } else {
    if (bytesWritten === 0) throw new ERR_INVALID_ARG_VALUE('bytesWritten', bytesWritten, 'must be greater than 0 when the stream is readable');
    if (first.bytesFilled + bytesWritten > first.byteLength) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    }
  }
  first.buffer = transferArrayBuffer(first.buffer);
  readableByteStreamControllerRespondInternal(controller, bytesWritten);
}

function readableByteStreamControllerRespondInClosedState(controller, first) {
  if (first.readerType === 'none') readableByteStreamControllerShiftPendingPullInto(controller);
  const stream = controller[kState].stream;
  if (readableStreamHasBYOBReader(stream)) {
    const filled = [];
    while (filled.length < readableStreamGetNumReadIntoRequests(stream)) {
      filled.push(readableByteStreamControllerShiftPendingPullInto(controller));
    }
    for (const pid of filled) readableByteStreamControllerCommitPullIntoDescriptor(stream, pid);
  }
}

function readableByteStreamControllerRespondInReadableState(controller, bytesWritten, pid) {
  const stream = controller[kState].stream;
  readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesWritten, pid);
  if (pid.readerType === 'none') {
    readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pid);
    const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    for (const f of filled) readableByteStreamControllerCommitPullIntoDescriptor(stream, f);
    return;
  }
  if (pid.bytesFilled < pid.minimumFill) return;
  readableByteStreamControllerShiftPendingPullInto(controller);
  const remainderSize = pid.bytesFilled % pid.elementSize;
  if (remainderSize > 0) {
    const end = pid.byteOffset + pid.bytesFilled;
    readableByteStreamControllerEnqueueClonedChunkToQueue(controller, pid.buffer, end - remainderSize, remainderSize);
  }
  pid.bytesFilled -= remainderSize;
  const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
  readableByteStreamControllerCommitPullIntoDescriptor(stream, pid);
  for (const f of filled) readableByteStreamControllerCommitPullIntoDescriptor(stream, f);
}

function readableByteStreamControllerRespondInternal(controller, bytesWritten) {
  const c = controller[kState];
  const first = c.pendingPullIntos[0];
  readableByteStreamControllerInvalidateBYOBRequest(controller);
  if (c.stream[kState].state === 'closed') readableByteStreamControllerRespondInClosedState(controller, first);
  else readableByteStreamControllerRespondInReadableState(controller, bytesWritten, first);
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerRespondWithNewView(controller, view) {
  const c = controller[kState];
  const first = c.pendingPullIntos[0];
  if (c.stream[kState].state === 'closed') {
    if (view.byteLength !== 0) throw invalidState('The view\'s length must be 0 when the stream is closed');
  } else if (view.byteLength === 0) {
    throw invalidState('The view\'s length must be greater than 0 when the stream is readable');
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'has an invalid offset');
  }
  if (first.bufferByteLength !== view.buffer.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'has an invalid buffer length');
  }
  if (first.bytesFilled + view.byteLength > first.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'is too long');
  }
  const viewByteLength = view.byteLength;
  first.buffer = transferArrayBuffer(view.buffer);
  readableByteStreamControllerRespondInternal(controller, viewByteLength);
}

function readableByteStreamControllerShiftPendingPullInto(controller) {
  return controller[kState].pendingPullIntos.shift();
}

function setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
  controller[kType] = 'ReadableByteStreamController';
  const c = controller[kState] = {
    stream, queue: new Queue(), queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false,
    byobRequest: null, strategyHWM: highWaterMark, pullAlgorithm, cancelAlgorithm, autoAllocateChunkSize,
    pendingPullIntos: [],
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  uponPromise(new Promise((resolve) => resolve(startResult)), () => {
    c.started = true;
    readableByteStreamControllerCallPullIfNeeded(controller);
  }, (r) => readableByteStreamControllerError(controller, r));
}

function setUpReadableByteStreamControllerFromUnderlyingSource(stream, source, highWaterMark) {
  const controller = Object.create(ReadableByteStreamController.prototype);
  let autoAllocateChunkSize = source.autoAllocateChunkSize;
  const cancel = sourceMethod(source, 'cancel');
  const pull = sourceMethod(source, 'pull');
  const start = sourceMethod(source, 'start');
  if (autoAllocateChunkSize !== undefined) {
    autoAllocateChunkSize = Number(autoAllocateChunkSize);
    if (!Number.isInteger(autoAllocateChunkSize) || autoAllocateChunkSize <= 0) {
      throw new ERR_INVALID_ARG_VALUE('source.autoAllocateChunkSize', source.autoAllocateChunkSize);
    }
  }
  const startAlgorithm = start ? () => start.call(source, controller) : noop;
  const pullAlgorithm = pull ? () => promiseCall(pull, source, controller) : () => PromiseResolve(undefined);
  const cancelAlgorithm = cancel ? (reason) => promiseCall(cancel, source, reason) : () => PromiseResolve(undefined);
  setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
}

// ---- tee -------------------------------------------------------------------------

function readableStreamTee(stream, cloneForBranch2) {
  if (isByteController(stream[kState].controller)) return readableByteStreamTee(stream);
  return readableStreamDefaultTee(stream, cloneForBranch2);
}

function readableStreamDefaultTee(stream, cloneForBranch2) {
  const reader = acquireReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = createDeferred();

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return PromiseResolve(undefined);
    }
    reading = true;
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) chunk2 = structuredClone(chunk2);
          if (!canceled1) readableStreamDefaultControllerEnqueue(branch1[kState].controller, chunk1);
          if (!canceled2) readableStreamDefaultControllerEnqueue(branch2[kState].controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) readableStreamDefaultControllerClose(branch1[kState].controller);
        if (!canceled2) readableStreamDefaultControllerClose(branch2[kState].controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() { reading = false; },
    });
    return PromiseResolve(undefined);
  }

  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm);
  branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm);
  uponPromise(reader[kState].closed.promise, undefined, (r) => {
    readableStreamDefaultControllerError(branch1[kState].controller, r);
    readableStreamDefaultControllerError(branch2[kState].controller, r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [branch1, branch2];
}

function cloneAsUint8Array(view) {
  const buffer = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  return new Uint8Array(buffer);
}

function readableByteStreamTee(stream) {
  let reader = acquireReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = createDeferred();

  function forwardReaderError(thisReader) {
    uponPromise(thisReader[kState].closed.promise, undefined, (r) => {
      if (thisReader !== reader) return;
      readableByteStreamControllerError(branch1[kState].controller, r);
      readableByteStreamControllerError(branch2[kState].controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  }

  function pullWithDefaultReader() {
    if (isBYOBReader(reader)) {
      readableStreamBYOBReaderRelease(reader);
      reader = acquireReadableStreamDefaultReader(stream);
      forwardReaderError(reader);
    }
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (e) {
              readableByteStreamControllerError(branch1[kState].controller, e);
              readableByteStreamControllerError(branch2[kState].controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
          }
          if (!canceled1) readableByteStreamControllerEnqueue(branch1[kState].controller, chunk1);
          if (!canceled2) readableByteStreamControllerEnqueue(branch2[kState].controller, chunk2);
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) readableByteStreamControllerClose(branch1[kState].controller);
        if (!canceled2) readableByteStreamControllerClose(branch2[kState].controller);
        if (branch1[kState].controller[kState].pendingPullIntos.length > 0) {
          readableByteStreamControllerRespond(branch1[kState].controller, 0);
        }
        if (branch2[kState].controller[kState].pendingPullIntos.length > 0) {
          readableByteStreamControllerRespond(branch2[kState].controller, 0);
        }
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() { reading = false; },
    });
  }

  function pullWithBYOBReader(view, forBranch2) {
    if (isDefaultReader(reader)) {
      readableStreamDefaultReaderRelease(reader);
      reader = acquireReadableStreamBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    readableStreamBYOBReaderRead(reader, view, 1, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = cloneAsUint8Array(chunk);
            } catch (e) {
              readableByteStreamControllerError(byobBranch[kState].controller, e);
              readableByteStreamControllerError(otherBranch[kState].controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
            if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch[kState].controller, chunk);
            readableByteStreamControllerEnqueue(otherBranch[kState].controller, clonedChunk);
          } else if (!byobCanceled) {
            readableByteStreamControllerRespondWithNewView(byobBranch[kState].controller, chunk);
          }
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      close(chunk) {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) readableByteStreamControllerClose(byobBranch[kState].controller);
        if (!otherCanceled) readableByteStreamControllerClose(otherBranch[kState].controller);
        if (chunk !== undefined) {
          if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch[kState].controller, chunk);
          if (!otherCanceled && otherBranch[kState].controller[kState].pendingPullIntos.length > 0) {
            readableByteStreamControllerRespond(otherBranch[kState].controller, 0);
          }
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
      },
      error() { reading = false; },
    });
  }

  function pull1Algorithm() {
    if (reading) {
      readAgainForBranch1 = true;
      return PromiseResolve(undefined);
    }
    reading = true;
    const byobRequest = readableByteStreamControllerGetBYOBRequest(branch1[kState].controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest[kState].view, false);
    return PromiseResolve(undefined);
  }

  function pull2Algorithm() {
    if (reading) {
      readAgainForBranch2 = true;
      return PromiseResolve(undefined);
    }
    reading = true;
    const byobRequest = readableByteStreamControllerGetBYOBRequest(branch2[kState].controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest[kState].view, true);
    return PromiseResolve(undefined);
  }

  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
  branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// ---- pipeTo ----------------------------------------------------------------------

function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  const W = lazyWritable();
  // Callers check their arguments; this guards the internal entry point.
  if (!isReadableStream(source)) return PromiseReject(new ERR_INVALID_ARG_TYPE('source', 'ReadableStream', source));
  if (!W.isWritableStream(dest)) return PromiseReject(new ERR_INVALID_ARG_TYPE('dest', 'WritableStream', dest));
  if (signal !== undefined) {
    const { AbortSignal } = require('internal/abort_controller');
    if (!(signal instanceof AbortSignal)) return PromiseReject(new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal));
  }
  const reader = acquireReadableStreamDefaultReader(source);
  const writer = W.acquireWritableStreamDefaultWriter(dest);
  source[kState].disturbed = true;
  let shuttingDown = false;
  let currentWrite = PromiseResolve(undefined);
  const promise = createDeferred();
  let abortAlgorithm;

  const destState = () => dest[kState].state;

  if (signal !== undefined) {
    abortAlgorithm = () => {
      let error = signal.reason;
      // Node turns its own AbortError (not a DOMException) into a DOMException.
      const { DOMException } = require('internal/dom_exception');
      if (error instanceof Error && error.name === 'AbortError' && error.code === 'ABORT_ERR' && !(error instanceof DOMException)) {
        error = new DOMException(error.message, 'AbortError');
      }
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (destState() === 'writable' ? W.writableStreamAbort(dest, error) : PromiseResolve(undefined)));
      }
      if (!preventCancel) {
        actions.push(() => (source[kState].state === 'readable' ? readableStreamCancel(source, error) : PromiseResolve(undefined)));
      }
      shutdownWithAction(() => Promise.all(actions.map((action) => action())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return promise.promise;
    }
    signal.addEventListener('abort', abortAlgorithm, { once: true });
  }

  function pipeStep() {
    if (shuttingDown) return PromiseResolve(true);
    return uponPromise(writer[kState].readyPromise.promise, () => new Promise((resolve, reject) => {
      readableStreamDefaultReaderRead(reader, {
        chunk(chunk) {
          currentWrite = W.writableStreamDefaultWriterWrite(writer, chunk);
          setPromiseHandled(currentWrite);
          resolve(false);
        },
        close() { resolve(true); },
        error: reject,
      });
    }));
  }

  function pipeLoop() {
    return new Promise((resolveLoop, rejectLoop) => {
      function next(done) {
        if (done) resolveLoop();
        else uponPromise(pipeStep(), next, rejectLoop);
      }
      next(false);
    });
  }

  function isOrBecomesErrored(stream, closedPromise, action) {
    if (stream[kState].state === 'errored') action(stream[kState].storedError);
    else uponPromise(closedPromise, undefined, action);
  }

  function isOrBecomesClosed(stream, closedPromise, action) {
    if (stream[kState].state === 'closed') action();
    else uponPromise(closedPromise, action, noop);
  }

  function waitForWritesToFinish() {
    const oldCurrentWrite = currentWrite;
    const check = () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined);
    return uponPromise(oldCurrentWrite, check, check);
  }

  function shutdownWithAction(action, originalIsError, originalError) {
    if (shuttingDown) return;
    shuttingDown = true;
    const doTheRest = () => {
      uponPromise(action(), () => finalize(originalIsError, originalError), (newError) => finalize(true, newError));
    };
    if (destState() === 'writable' && !W.writableStreamCloseQueuedOrInFlight(dest)) {
      uponPromise(waitForWritesToFinish(), doTheRest);
    } else {
      doTheRest();
    }
  }

  function shutdown(isError, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (destState() === 'writable' && !W.writableStreamCloseQueuedOrInFlight(dest)) {
      uponPromise(waitForWritesToFinish(), () => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  }

  function finalize(isError, error) {
    W.writableStreamDefaultWriterRelease(writer);
    readableStreamDefaultReaderRelease(reader);
    if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) promise.reject(error);
    else promise.resolve(undefined);
  }

  isOrBecomesErrored(source, reader[kState].closed.promise, (storedError) => {
    if (!preventAbort) shutdownWithAction(() => W.writableStreamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  });
  isOrBecomesErrored(dest, writer[kState].closedPromise.promise, (storedError) => {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  });
  isOrBecomesClosed(source, reader[kState].closed.promise, () => {
    if (!preventClose) shutdownWithAction(() => W.writableStreamDefaultWriterCloseWithErrorPropagation(writer));
    else shutdown();
  });
  if (W.writableStreamCloseQueuedOrInFlight(dest) || destState() === 'closed') {
    const destClosed = invalidState('Destination WritableStream is closed');
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }
  setPromiseHandled(pipeLoop());
  return promise.promise;
}

// ---- async iteration -------------------------------------------------------------

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

// Node's order: the first next() waits one microtask (a chain on a resolved promise), and
// each next()/return() chains on the previous result while a read is outstanding; a read
// answered later clears that chain, so a next() issued after it starts at once.
function iteratorNextSteps(it) {
  if (it.isFinished) return PromiseResolve({ done: true, value: undefined });
  const reader = it.reader;
  if (reader[kState].stream === undefined) {
    return PromiseReject(invalidState('The reader is not attached to a stream'));
  }
  const d = createDeferred();
  readableStreamDefaultReaderRead(reader, {
    chunk(value) {
      it.ongoingPromise = undefined;
      d.resolve({ value, done: false });
    },
    close() {
      it.ongoingPromise = undefined;
      it.isFinished = true;
      readableStreamDefaultReaderRelease(reader);
      d.resolve({ done: true, value: undefined });
    },
    error(e) {
      it.ongoingPromise = undefined;
      it.isFinished = true;
      readableStreamDefaultReaderRelease(reader);
      d.reject(e);
    },
  });
  return d.promise;
}

function iteratorReturnSteps(it, value) {
  if (it.isFinished) return PromiseResolve({ done: true, value });
  it.isFinished = true;
  const reader = it.reader;
  if (reader[kState].stream === undefined) return PromiseReject(invalidState('The reader is not bound to a ReadableStream'));
  if (!it.preventCancel) {
    const result = readableStreamReaderGenericCancel(reader, value);
    readableStreamDefaultReaderRelease(reader);
    return uponPromise(result, () => ({ done: true, value }));
  }
  readableStreamDefaultReaderRelease(reader);
  return { done: true, value };
}

const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype, {
  next: {
    enumerable: true, configurable: true, writable: true,
    value: function next() {
      const it = this?.[kState];
      if (it === undefined || !('isFinished' in it)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      if (!it.started) {
        it.started = true;
        it.ongoingPromise = PromiseResolve(undefined);
      }
      const steps = () => iteratorNextSteps(it);
      it.ongoingPromise = PromiseResolve(it.ongoingPromise !== undefined ? uponPromise(it.ongoingPromise, steps, steps) : steps());
      return it.ongoingPromise;
    },
  },
  return: {
    enumerable: true, configurable: true, writable: true,
    value: function (value = undefined) {
      const it = this?.[kState];
      if (it === undefined || !('isFinished' in it)) return PromiseReject(new ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      it.started = true;
      const steps = () => iteratorReturnSteps(it, value);
      it.ongoingPromise = PromiseResolve(it.ongoingPromise !== undefined ? uponPromise(it.ongoingPromise, steps, steps) : steps());
      return it.ongoingPromise;
    },
  },
});

// ---- ReadableStream.from -----------------------------------------------------------

function getAsyncIterator(obj) {
  if (obj !== null && obj !== undefined) {
    const method = obj[Symbol.asyncIterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE(String(obj));
      const iterator = method.call(obj);
      if (iterator === null || typeof iterator !== 'object') throw new TypeError('The iterator is not an object');
      return { iterator, next: iterator.next };
    }
    const syncMethod = obj[Symbol.iterator];
    if (typeof syncMethod === 'function') {
      const syncIterator = syncMethod.call(obj);
      if (syncIterator === null || typeof syncIterator !== 'object') throw new TypeError('The iterator is not an object');
      // Sync iterables are read through an async generator, whose timing Node shows.
      const iterator = (async function* fromSync() {
        return yield* { [Symbol.iterator]() { return syncIterator; } };
      })();
      return { iterator, next: iterator.next };
    }
  }
  throw new ERR_ARG_NOT_ITERABLE(typeof obj === 'string' ? obj : String(obj));
}

function readableStreamFromIterable(asyncIterable) {
  const record = getAsyncIterator(asyncIterable);
  let stream;
  // An async function returning the promise (adopted as a thenable): Node's order.
  const pullAlgorithm = async () => {
    const nextPromise = PromiseResolve(record.next.call(record.iterator));
    return uponPromise(nextPromise, (iterResult) => {
      if (iterResult === null || typeof iterResult !== 'object') {
        throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.next() method must fulfill with an object');
      }
      const controller = stream[kState].controller;
      if (iterResult.done) readableStreamDefaultControllerClose(controller);
      else readableStreamDefaultControllerEnqueue(controller, iterResult.value);
    });
  };
  const cancelAlgorithm = (reason) => {
    const iterator = record.iterator;
    let returnMethod;
    try {
      returnMethod = iterator.return;
    } catch (e) {
      return PromiseReject(e);
    }
    if (returnMethod === undefined || returnMethod === null) return PromiseResolve(undefined);
    let returnResult;
    try {
      returnResult = returnMethod.call(iterator, reason);
    } catch (e) {
      return PromiseReject(e);
    }
    return uponPromise(PromiseResolve(returnResult), (iterResult) => {
      if (iterResult === null || typeof iterResult !== 'object') {
        throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.return() method must fulfill with an object');
      }
    });
  };
  stream = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
  return stream;
}

// ---- WebIDL-ish class shape --------------------------------------------------------

function finishClass(C, names, tag = C.name) {
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(C.prototype, name);
    desc.enumerable = true;
    Object.defineProperty(C.prototype, name, desc);
  }
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: tag, configurable: true });
}

finishClass(ReadableStream, ['locked', 'cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values']);
Object.defineProperty(ReadableStream, 'from', { enumerable: true });
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { enumerable: false });
finishClass(ReadableStreamDefaultReader, ['read', 'releaseLock', 'closed', 'cancel']);
finishClass(ReadableStreamBYOBReader, ['read', 'releaseLock', 'closed', 'cancel']);
finishClass(ReadableStreamDefaultController, ['desiredSize', 'close', 'enqueue', 'error']);
finishClass(ReadableByteStreamController, ['byobRequest', 'desiredSize', 'close', 'enqueue', 'error']);
finishClass(ReadableStreamBYOBRequest, ['view', 'respond', 'respondWithNewView']);

module.exports = {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController,
  finishClass, illegalConstructor, isReadableStream, isReadableStreamLocked, isReadableStreamDisturbed,
  createReadableStream, createReadableByteStream, readableStreamCancel, readableStreamClose,
  acquireReadableStreamDefaultReader, readableStreamDefaultReaderRead, readableStreamDefaultReaderRelease,
  readableStreamDefaultControllerEnqueue, readableStreamDefaultControllerClose,
  readableStreamDefaultControllerError, readableStreamDefaultControllerGetDesiredSize,
  readableStreamDefaultControllerHasBackpressure, readableStreamDefaultControllerCanCloseOrEnqueue,
  readableByteStreamControllerEnqueue, readableByteStreamControllerClose, readableByteStreamControllerError,
  readableStreamSettled, readableStreamControllerError,
  initializeReadableStream, setUpReadableStreamDefaultController, readableStreamPipeTo,
  readableStreamReaderGenericRelease, readableStreamDefaultControllerCallPullIfNeeded, readableStreamTee,
  readableByteStreamControllerConvertPullIntoDescriptor, readableByteStreamControllerRespond,
  isReadableByteStreamController: isByteController, isReadableStreamDefaultController: isDefaultController,
  isReadableStreamDefaultReader: isDefaultReader, isReadableStreamBYOBReader: isBYOBReader,
  isReadableStreamBYOBRequest: isBYOBRequest,
};

// Errors the stream through whichever controller it has (addAbortSignal).
function readableStreamControllerError(stream, e) {
  const controller = stream[kState].controller;
  if (isByteController(controller)) readableByteStreamControllerError(controller, e);
  else readableStreamDefaultControllerError(controller, e);
}
