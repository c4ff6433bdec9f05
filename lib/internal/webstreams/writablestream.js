'use strict';
// WritableStream (WHATWG streams §5): the stream, its default writer and controller,
// following the spec's algorithms (state machine writable -> erroring -> errored, or
// closed; one write or close in flight at a time; backpressure through `ready`). State
// is plain JS in `obj[kState]`. Exports the abstract operations pipeTo and
// TransformStream need.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_INVALID_THIS },
} = require('internal/errors');
const {
  Queue, kState, kType, createDeferred, uponPromise, setPromiseHandled, isBrand, noop,
  extractHighWaterMark, extractSizeAlgorithm, enqueueValueWithSize, dequeueValue, peekQueueValue, resetQueue,
  promiseCall, PromiseResolve, PromiseReject, customInspect,
} = require('internal/webstreams/util');
const transferable = require('internal/worker/js_transferable');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kAbortSteps = Symbol('kAbortSteps');
const kErrorSteps = Symbol('kErrorSteps');
const kCloseSentinel = Symbol('kCloseSentinel');

function invalidState(msg) { return new ERR_INVALID_STATE.TypeError(msg); }

// A promise with its settle functions and whether it is still pending.
function deferred() {
  const d = { promise: undefined, resolve: undefined, reject: undefined, pending: true };
  d.promise = new Promise((resolve, reject) => {
    d.resolve = (v) => { d.pending = false; resolve(v); };
    d.reject = (e) => { d.pending = false; reject(e); };
  });
  return d;
}
function resolvedDeferred() {
  const d = deferred();
  d.resolve(undefined);
  return d;
}
function rejectedDeferred(e) {
  const d = deferred();
  d.reject(e);
  setPromiseHandled(d.promise);
  return d;
}

function isWritableStream(x) { return isBrand(x, 'WritableStream'); }
function isWriter(x) { return isBrand(x, 'WritableStreamDefaultWriter'); }
function isController(x) { return isBrand(x, 'WritableStreamDefaultController'); }

class WritableStream {
  constructor(underlyingSink = undefined, strategy = {}) {
    if (underlyingSink !== undefined && (underlyingSink === null || (typeof underlyingSink !== 'object' && typeof underlyingSink !== 'function'))) {
      throw new ERR_INVALID_ARG_TYPE('sink', 'object', underlyingSink);
    }
    if (strategy !== undefined && strategy !== null && typeof strategy !== 'object' && typeof strategy !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('strategy', 'object', strategy);
    }
    const sink = underlyingSink ?? {};
    if (sink.type !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('type', sink.type);
    initializeWritableStream(this);
    const size = extractSizeAlgorithm(strategy);
    const hwm = extractHighWaterMark(strategy, 1);
    setUpWritableStreamDefaultControllerFromUnderlyingSink(this, sink, hwm, size);
  }

  get locked() {
    if (!isWritableStream(this)) throw new ERR_INVALID_THIS('WritableStream');
    return isWritableStreamLocked(this);
  }

  abort(reason = undefined) {
    if (!isWritableStream(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStream'));
    if (isWritableStreamLocked(this)) return PromiseReject(invalidState('WritableStream is locked'));
    return writableStreamAbort(this, reason);
  }

  close() {
    if (!isWritableStream(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStream'));
    if (isWritableStreamLocked(this)) return PromiseReject(invalidState('WritableStream is locked'));
    if (writableStreamCloseQueuedOrInFlight(this)) return PromiseReject(invalidState('Failure closing WritableStream'));
    return writableStreamClose(this);
  }

  getWriter() {
    if (!isWritableStream(this)) throw new ERR_INVALID_THIS('WritableStream');
    return new WritableStreamDefaultWriter(this);
  }

  [transferable.kTransferList]() {
    if (!isWritableStream(this)) throw new ERR_INVALID_THIS('WritableStream');
    return require('internal/webstreams/transfer').prepareTransfer(this);
  }

  [transferable.kTransfer]() {
    if (!isWritableStream(this)) throw new ERR_INVALID_THIS('WritableStream');
    return require('internal/webstreams/transfer').transferWritable(this);
  }

  // The receiving side: a plain object given this prototype becomes a stream that
  // posts to the port it came with.
  [transferable.kDeserialize]({ port }) {
    initializeWritableStream(this);
    require('internal/webstreams/transfer').setUpCrossRealmTransformWritable(this, port);
  }

  [kInspect](depth, options) {
    return customInspect(this, 'WritableStream', {
      locked: isWritableStreamLocked(this), state: this[kState].state,
    }, depth, options);
  }
}

function initializeWritableStream(stream) {
  stream[kType] = 'WritableStream';
  stream[kState] = {
    state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
    inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined, writeRequests: [], backpressure: false, settled: undefined,
    transferChannel: undefined,
  };
  // Transferable, not cloneable (internal/webstreams/transfer.js).
  transferable.markTransferMode(stream, false, true);
}


function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(WritableStream.prototype);
  initializeWritableStream(stream);
  const controller = Object.create(WritableStreamDefaultController.prototype);
  setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

function isWritableStreamLocked(stream) {
  return stream[kState].writer !== undefined;
}

function acquireWritableStreamDefaultWriter(stream) {
  return new WritableStreamDefaultWriter(stream);
}

function writableStreamAbort(stream, reason) {
  const s = stream[kState];
  if (s.state === 'closed' || s.state === 'errored') return PromiseResolve(undefined);
  s.controller[kState].abortController.abort(reason);
  const state = s.state;
  if (state === 'closed' || state === 'errored') return PromiseResolve(undefined);
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise.promise;
  let wasAlreadyErroring = false;
  if (state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const promise = deferred();
  s.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return promise.promise;
}

function writableStreamClose(stream) {
  const s = stream[kState];
  const state = s.state;
  if (state === 'closed' || state === 'errored') {
    return PromiseReject(invalidState(`WritableStream is ${state}`));
  }
  const promise = deferred();
  s.closeRequest = promise;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && state === 'writable') writer[kState].readyPromise.resolve(undefined);
  writableStreamDefaultControllerClose(s.controller);
  return promise.promise;
}

function writableStreamAddWriteRequest(stream) {
  const promise = deferred();
  stream[kState].writeRequests.push(promise);
  return promise.promise;
}

function writableStreamDealWithRejection(stream, error) {
  if (stream[kState].state === 'writable') {
    writableStreamStartErroring(stream, error);
    return;
  }
  writableStreamFinishErroring(stream);
}

function writableStreamStartErroring(stream, reason) {
  const s = stream[kState];
  const controller = s.controller;
  s.state = 'erroring';
  s.storedError = reason;
  const writer = s.writer;
  if (writer !== undefined) writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
  if (!writableStreamHasOperationMarkedInFlight(stream) && controller[kState].started) {
    writableStreamFinishErroring(stream);
  }
}

// A promise settled when the stream closes or errors (stream.finished()); made on demand.
function writableStreamSettled(stream) {
  const s = stream[kState];
  if (s.settled === undefined) {
    s.settled = createDeferred();
    setPromiseHandled(s.settled.promise);
    if (s.state === 'closed') s.settled.resolve(undefined);
    else if (s.state === 'errored') s.settled.reject(s.storedError);
  }
  return s.settled.promise;
}

function writableStreamFinishErroring(stream) {
  const s = stream[kState];
  s.state = 'errored';
  s.settled?.reject(s.storedError);
  s.controller[kErrorSteps]();
  const storedError = s.storedError;
  for (const request of s.writeRequests) request.reject(storedError);
  s.writeRequests = [];
  if (s.pendingAbortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const abortRequest = s.pendingAbortRequest;
  s.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.promise.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const promise = s.controller[kAbortSteps](abortRequest.reason);
  uponPromise(promise, () => {
    abortRequest.promise.resolve(undefined);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  }, (reason) => {
    abortRequest.promise.reject(reason);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function writableStreamFinishInFlightWrite(stream) {
  const s = stream[kState];
  s.inFlightWriteRequest.resolve(undefined);
  s.inFlightWriteRequest = undefined;
}

function writableStreamFinishInFlightWriteWithError(stream, error) {
  const s = stream[kState];
  s.inFlightWriteRequest.reject(error);
  s.inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(stream, error);
}

function writableStreamFinishInFlightClose(stream) {
  const s = stream[kState];
  s.inFlightCloseRequest.resolve(undefined);
  s.inFlightCloseRequest = undefined;
  if (s.state === 'erroring') {
    s.storedError = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.promise.resolve(undefined);
      s.pendingAbortRequest = undefined;
    }
  }
  s.state = 'closed';
  s.settled?.resolve(undefined);
  const writer = s.writer;
  if (writer !== undefined) writer[kState].closedPromise.resolve(undefined);
}

function writableStreamFinishInFlightCloseWithError(stream, error) {
  const s = stream[kState];
  s.inFlightCloseRequest.reject(error);
  s.inFlightCloseRequest = undefined;
  if (s.pendingAbortRequest !== undefined) {
    s.pendingAbortRequest.promise.reject(error);
    s.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(stream, error);
}

function writableStreamCloseQueuedOrInFlight(stream) {
  const s = stream[kState];
  return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function writableStreamHasOperationMarkedInFlight(stream) {
  const s = stream[kState];
  return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function writableStreamMarkCloseRequestInFlight(stream) {
  const s = stream[kState];
  s.inFlightCloseRequest = s.closeRequest;
  s.closeRequest = undefined;
}

function writableStreamMarkFirstWriteRequestInFlight(stream) {
  const s = stream[kState];
  s.inFlightWriteRequest = s.writeRequests.shift();
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
  const s = stream[kState];
  if (s.closeRequest !== undefined) {
    s.closeRequest.reject(s.storedError);
    s.closeRequest = undefined;
  }
  const writer = s.writer;
  if (writer !== undefined) {
    writer[kState].closedPromise.reject(s.storedError);
    setPromiseHandled(writer[kState].closedPromise.promise);
  }
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const s = stream[kState];
  const writer = s.writer;
  if (writer !== undefined && backpressure !== s.backpressure) {
    if (backpressure) writer[kState].readyPromise = deferred();
    else writer[kState].readyPromise.resolve(undefined);
  }
  s.backpressure = backpressure;
}

// ---- writer ----------------------------------------------------------------------

class WritableStreamDefaultWriter {
  constructor(stream) {
    if (!isWritableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    if (isWritableStreamLocked(stream)) throw invalidState('WritableStream is locked');
    this[kType] = 'WritableStreamDefaultWriter';
    this[kState] = { stream, readyPromise: undefined, closedPromise: undefined };
    const w = this[kState];
    const s = stream[kState];
    s.writer = this;
    const state = s.state;
    if (state === 'writable') {
      w.readyPromise = !writableStreamCloseQueuedOrInFlight(stream) && s.backpressure ? deferred() : resolvedDeferred();
      w.closedPromise = deferred();
    } else if (state === 'erroring') {
      w.readyPromise = rejectedDeferred(s.storedError);
      w.closedPromise = deferred();
    } else if (state === 'closed') {
      w.readyPromise = resolvedDeferred();
      w.closedPromise = resolvedDeferred();
    } else {
      w.readyPromise = rejectedDeferred(s.storedError);
      w.closedPromise = rejectedDeferred(s.storedError);
    }
  }

  get closed() {
    if (!isWriter(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return this[kState].closedPromise.promise;
  }

  get desiredSize() {
    if (!isWriter(this)) throw new ERR_INVALID_THIS('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    return writableStreamDefaultWriterGetDesiredSize(this);
  }

  get ready() {
    if (!isWriter(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return this[kState].readyPromise.promise;
  }

  abort(reason = undefined) {
    if (!isWriter(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) return PromiseReject(invalidState('Writer is not bound to a WritableStream'));
    return writableStreamAbort(this[kState].stream, reason);
  }

  close() {
    if (!isWriter(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    const stream = this[kState].stream;
    if (stream === undefined) return PromiseReject(invalidState('Writer is not bound to a WritableStream'));
    if (writableStreamCloseQueuedOrInFlight(stream)) return PromiseReject(invalidState('Failure to close WritableStream'));
    return writableStreamClose(stream);
  }

  releaseLock() {
    if (!isWriter(this)) throw new ERR_INVALID_THIS('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) return;
    writableStreamDefaultWriterRelease(this);
  }

  write(chunk = undefined) {
    if (!isWriter(this)) return PromiseReject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) return PromiseReject(invalidState('Writer is not bound to a WritableStream'));
    return writableStreamDefaultWriterWrite(this, chunk);
  }

  [kInspect](depth, options) {
    const w = this[kState];
    return customInspect(this, 'WritableStreamDefaultWriter', {
      stream: w.stream, close: w.closedPromise.promise, ready: w.readyPromise.promise,
      desiredSize: w.stream === undefined ? undefined : writableStreamDefaultWriterGetDesiredSize(this),
    }, depth, options);
  }
}

function writableStreamDefaultWriterCloseWithErrorPropagation(writer) {
  const stream = writer[kState].stream;
  const s = stream[kState];
  if (writableStreamCloseQueuedOrInFlight(stream) || s.state === 'closed') return PromiseResolve(undefined);
  if (s.state === 'errored') return PromiseReject(s.storedError);
  return writableStreamClose(stream);
}

function writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
  const w = writer[kState];
  if (w.closedPromise.pending) w.closedPromise.reject(error);
  else w.closedPromise = rejectedDeferred(error);
  setPromiseHandled(w.closedPromise.promise);
}

function writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
  const w = writer[kState];
  if (w.readyPromise.pending) w.readyPromise.reject(error);
  else w.readyPromise = rejectedDeferred(error);
  setPromiseHandled(w.readyPromise.promise);
}

function writableStreamDefaultWriterGetDesiredSize(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (state === 'errored' || state === 'erroring') return null;
  if (state === 'closed') return 0;
  return writableStreamDefaultControllerGetDesiredSize(stream[kState].controller);
}

function writableStreamDefaultWriterRelease(writer) {
  const stream = writer[kState].stream;
  const releasedError = invalidState('Writer has been released');
  writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
  writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
  stream[kState].writer = undefined;
  writer[kState].stream = undefined;
}

function writableStreamDefaultWriterWrite(writer, chunk) {
  const stream = writer[kState].stream;
  const s = stream[kState];
  const controller = s.controller;
  const chunkSize = writableStreamDefaultControllerGetChunkSize(controller, chunk);
  if (stream !== writer[kState].stream) return PromiseReject(invalidState('Writer has been released'));
  const state = s.state;
  if (state === 'errored') return PromiseReject(s.storedError);
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') {
    return PromiseReject(invalidState('WritableStream is closed'));
  }
  if (state === 'erroring') return PromiseReject(s.storedError);
  const promise = writableStreamAddWriteRequest(stream);
  writableStreamDefaultControllerWrite(controller, chunk, chunkSize);
  return promise;
}

// ---- controller --------------------------------------------------------------------

class WritableStreamDefaultController {
  constructor() {
    const err = new TypeError('Illegal constructor');
    err.code = 'ERR_ILLEGAL_CONSTRUCTOR';
    throw err;
  }

  get signal() {
    if (!isController(this)) throw new ERR_INVALID_THIS('WritableStreamDefaultController');
    return this[kState].abortController.signal;
  }

  error(e = undefined) {
    if (!isController(this)) throw new ERR_INVALID_THIS('WritableStreamDefaultController');
    if (this[kState].stream[kState].state !== 'writable') return;
    writableStreamDefaultControllerError(this, e);
  }

  [kAbortSteps](reason) {
    const result = this[kState].abortAlgorithm(reason);
    writableStreamDefaultControllerClearAlgorithms(this);
    return result;
  }

  [kErrorSteps]() {
    resetQueue(this[kState]);
  }

  [kInspect](depth, options) {
    return customInspect(this, 'WritableStreamDefaultController', { stream: this[kState].stream }, depth, options);
  }
}

function setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  const { AbortController } = require('internal/abort_controller');
  controller[kType] = 'WritableStreamDefaultController';
  const c = controller[kState] = {
    stream, queue: new Queue(), queueTotalSize: 0, abortController: new AbortController(), started: false,
    strategySizeAlgorithm: sizeAlgorithm, strategyHWM: highWaterMark, writeAlgorithm, closeAlgorithm, abortAlgorithm,
  };
  stream[kState].controller = controller;
  writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
  const startResult = startAlgorithm();
  uponPromise(new Promise((resolve) => resolve(startResult)), () => {
    c.started = true;
    writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }, (r) => {
    c.started = true;
    writableStreamDealWithRejection(stream, r);
  });
}

function sinkMethod(sink, name) {
  const method = sink[name];
  if (method !== undefined && typeof method !== 'function') throw new ERR_INVALID_ARG_TYPE(`sink.${name}`, 'function', method);
  return method;
}

function setUpWritableStreamDefaultControllerFromUnderlyingSink(stream, sink, highWaterMark, sizeAlgorithm) {
  const controller = Object.create(WritableStreamDefaultController.prototype);
  const abort = sinkMethod(sink, 'abort');
  const close = sinkMethod(sink, 'close');
  const start = sinkMethod(sink, 'start');
  const write = sinkMethod(sink, 'write');
  const startAlgorithm = start ? () => start.call(sink, controller) : noop;
  const writeAlgorithm = write ? (chunk) => promiseCall(write, sink, chunk, controller) : () => PromiseResolve(undefined);
  const closeAlgorithm = close ? () => promiseCall(close, sink) : () => PromiseResolve(undefined);
  const abortAlgorithm = abort ? (reason) => promiseCall(abort, sink, reason) : () => PromiseResolve(undefined);
  setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
}

function writableStreamDefaultControllerAdvanceQueueIfNeeded(controller) {
  const c = controller[kState];
  const stream = c.stream;
  if (!c.started) return;
  if (stream[kState].inFlightWriteRequest !== undefined) return;
  const state = stream[kState].state;
  if (state === 'erroring') {
    writableStreamFinishErroring(stream);
    return;
  }
  if (c.queue.length === 0) return;
  const value = peekQueueValue(c);
  if (value === kCloseSentinel) writableStreamDefaultControllerProcessClose(controller);
  else writableStreamDefaultControllerProcessWrite(controller, value);
}

function writableStreamDefaultControllerClearAlgorithms(controller) {
  const c = controller[kState];
  c.writeAlgorithm = undefined;
  c.closeAlgorithm = undefined;
  c.abortAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function writableStreamDefaultControllerClose(controller) {
  enqueueValueWithSize(controller[kState], kCloseSentinel, 0);
  writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
}

function writableStreamDefaultControllerError(controller, error) {
  const stream = controller[kState].stream;
  writableStreamDefaultControllerClearAlgorithms(controller);
  writableStreamStartErroring(stream, error);
}

function writableStreamDefaultControllerErrorIfNeeded(controller, error) {
  if (controller[kState].stream[kState].state === 'writable') writableStreamDefaultControllerError(controller, error);
}

function writableStreamDefaultControllerGetBackpressure(controller) {
  return writableStreamDefaultControllerGetDesiredSize(controller) <= 0;
}

function writableStreamDefaultControllerGetChunkSize(controller, chunk) {
  const c = controller[kState];
  if (c.strategySizeAlgorithm === undefined) return 1;
  try {
    return c.strategySizeAlgorithm(chunk);
  } catch (e) {
    writableStreamDefaultControllerErrorIfNeeded(controller, e);
    return 1;
  }
}

function writableStreamDefaultControllerGetDesiredSize(controller) {
  const c = controller[kState];
  return c.strategyHWM - c.queueTotalSize;
}

function writableStreamDefaultControllerProcessClose(controller) {
  const c = controller[kState];
  const stream = c.stream;
  writableStreamMarkCloseRequestInFlight(stream);
  dequeueValue(c);
  const sinkClosePromise = c.closeAlgorithm();
  writableStreamDefaultControllerClearAlgorithms(controller);
  uponPromise(sinkClosePromise, () => writableStreamFinishInFlightClose(stream),
    (reason) => writableStreamFinishInFlightCloseWithError(stream, reason));
}

function writableStreamDefaultControllerProcessWrite(controller, chunk) {
  const c = controller[kState];
  const stream = c.stream;
  writableStreamMarkFirstWriteRequestInFlight(stream);
  const sinkWritePromise = c.writeAlgorithm(chunk);
  uponPromise(sinkWritePromise, () => {
    writableStreamFinishInFlightWrite(stream);
    const state = stream[kState].state;
    dequeueValue(c);
    if (!writableStreamCloseQueuedOrInFlight(stream) && state === 'writable') {
      writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
    }
    writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }, (reason) => {
    if (stream[kState].state === 'writable') writableStreamDefaultControllerClearAlgorithms(controller);
    writableStreamFinishInFlightWriteWithError(stream, reason);
  });
}

function writableStreamDefaultControllerWrite(controller, chunk, chunkSize) {
  const c = controller[kState];
  try {
    enqueueValueWithSize(c, chunk, chunkSize);
  } catch (e) {
    writableStreamDefaultControllerErrorIfNeeded(controller, e);
    return;
  }
  const stream = c.stream;
  if (!writableStreamCloseQueuedOrInFlight(stream) && stream[kState].state === 'writable') {
    writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
  }
  writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
}

const { finishClass } = require('internal/webstreams/readablestream');
finishClass(WritableStream, ['locked', 'abort', 'close', 'getWriter']);
finishClass(WritableStreamDefaultWriter, ['closed', 'desiredSize', 'ready', 'abort', 'close', 'releaseLock', 'write']);
finishClass(WritableStreamDefaultController, ['signal', 'error']);

module.exports = {
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
  isWritableStream, isWritableStreamLocked, createWritableStream, acquireWritableStreamDefaultWriter,
  writableStreamAbort, writableStreamClose, writableStreamCloseQueuedOrInFlight,
  writableStreamDefaultWriterCloseWithErrorPropagation, writableStreamDefaultWriterRelease,
  writableStreamDefaultWriterWrite, writableStreamDealWithRejection, writableStreamStartErroring,
  writableStreamDefaultControllerErrorIfNeeded, writableStreamUpdateBackpressure, writableStreamSettled,
  initializeWritableStream, setUpWritableStreamDefaultController,
};
