'use strict';
// TransformStream (WHATWG streams §6): a writable side whose sink runs the transformer
// and a readable side fed by its controller, with the backpressure handshake between
// them and transformer.cancel. Built from the abstract operations of
// readablestream.js and writablestream.js.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_INVALID_THIS },
} = require('internal/errors');
const {
  kState, kType, createDeferred, uponPromise, isBrand, extractHighWaterMark, extractSizeAlgorithm,
  promiseCall, PromiseResolve, PromiseReject, customInspect,
} = require('internal/webstreams/util');
const R = require('internal/webstreams/readablestream');
const W = require('internal/webstreams/writablestream');
const transferable = require('internal/worker/js_transferable');

const kInspect = Symbol.for('nodejs.util.inspect.custom');

function isTransformStream(x) { return isBrand(x, 'TransformStream'); }
function isController(x) { return isBrand(x, 'TransformStreamDefaultController'); }

class TransformStream {
  constructor(transformer = undefined, writableStrategy = {}, readableStrategy = {}) {
    if (transformer !== undefined && (transformer === null || (typeof transformer !== 'object' && typeof transformer !== 'function'))) {
      throw new ERR_INVALID_ARG_TYPE('transformer', 'object', transformer);
    }
    for (const [name, strategy] of [['writableStrategy', writableStrategy], ['readableStrategy', readableStrategy]]) {
      if (strategy !== undefined && strategy !== null && typeof strategy !== 'object' && typeof strategy !== 'function') {
        throw new ERR_INVALID_ARG_TYPE(name, 'object', strategy);
      }
    }
    const t = transformer ?? {};
    const cancel = method(t, 'cancel');
    const flush = method(t, 'flush');
    const readableType = t.readableType;
    const start = method(t, 'start');
    const transform = method(t, 'transform');
    const writableType = t.writableType;
    if (readableType !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.readableType', readableType);
    if (writableType !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.writableType', writableType);
    const readableHWM = extractHighWaterMark(readableStrategy, 0);
    const readableSize = extractSizeAlgorithm(readableStrategy);
    const writableHWM = extractHighWaterMark(writableStrategy, 1);
    const writableSize = extractSizeAlgorithm(writableStrategy);
    const startPromise = createDeferred();
    initializeTransformStream(this, startPromise, writableHWM, writableSize, readableHWM, readableSize);
    const controller = Object.create(TransformStreamDefaultController.prototype);
    const transformAlgorithm = transform
      ? (chunk) => promiseCall(transform, t, chunk, controller)
      : (chunk) => {
        try {
          transformStreamDefaultControllerEnqueue(controller, chunk);
          return PromiseResolve(undefined);
        } catch (e) {
          return PromiseReject(e);
        }
      };
    const flushAlgorithm = flush ? () => promiseCall(flush, t, controller) : () => PromiseResolve(undefined);
    const cancelAlgorithm = cancel ? (reason) => promiseCall(cancel, t, reason) : () => PromiseResolve(undefined);
    setUpTransformStreamDefaultController(this, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
    if (start) startPromise.resolve(start.call(t, controller));
    else startPromise.resolve(undefined);
  }

  get readable() {
    if (!isTransformStream(this)) throw new ERR_INVALID_THIS('TransformStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isTransformStream(this)) throw new ERR_INVALID_THIS('TransformStream');
    return this[kState].writable;
  }

  // Transferred as its two halves, which the transfer list takes along.
  [transferable.kTransferList]() {
    if (!isTransformStream(this)) throw new ERR_INVALID_THIS('TransformStream');
    return [this[kState].readable, this[kState].writable];
  }

  [transferable.kTransfer]() {
    if (!isTransformStream(this)) throw new ERR_INVALID_THIS('TransformStream');
    const { readable, writable } = this[kState];
    if (R.isReadableStreamLocked(readable) || W.isWritableStreamLocked(writable)) {
      throw require('internal/worker/io').DataCloneError('Cannot transfer a locked TransformStream');
    }
    return { data: { readable, writable }, deserializeInfo: 'internal/webstreams/transformstream:TransformStream' };
  }

  [transferable.kDeserialize]({ readable, writable }) {
    this[kType] = 'TransformStream';
    this[kState] = {
      readable, writable, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined,
    };
    transferable.markTransferMode(this, false, true);
  }

  [kInspect](depth, options) {
    const s = this[kState];
    return customInspect(this, 'TransformStream', {
      readable: s.readable, writable: s.writable, backpressure: s.backpressure,
    }, depth, options);
  }
}

function method(obj, name) {
  const m = obj[name];
  if (m !== undefined && typeof m !== 'function') throw new ERR_INVALID_ARG_TYPE(`transformer.${name}`, 'function', m);
  return m;
}

function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
  stream[kType] = 'TransformStream';
  transferable.markTransferMode(stream, false, true);
  const s = stream[kState] = {
    readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined,
    controller: undefined,
  };
  const startAlgorithm = () => startPromise.promise;
  s.writable = W.createWritableStream(startAlgorithm,
    (chunk) => transformStreamDefaultSinkWriteAlgorithm(stream, chunk),
    () => transformStreamDefaultSinkCloseAlgorithm(stream),
    (reason) => transformStreamDefaultSinkAbortAlgorithm(stream, reason),
    writableHWM, writableSize);
  s.readable = R.createReadableStream(startAlgorithm,
    () => transformStreamDefaultSourcePullAlgorithm(stream),
    (reason) => transformStreamDefaultSourceCancelAlgorithm(stream, reason),
    readableHWM, readableSize);
  transformStreamSetBackpressure(stream, true);
}

function transformStreamError(stream, e) {
  R.readableStreamDefaultControllerError(stream[kState].readable[kState].controller, e);
  transformStreamErrorWritableAndUnblockWrite(stream, e);
}

function transformStreamErrorWritableAndUnblockWrite(stream, e) {
  const s = stream[kState];
  transformStreamDefaultControllerClearAlgorithms(s.controller);
  W.writableStreamDefaultControllerErrorIfNeeded(s.writable[kState].controller, e);
  transformStreamUnblockWrite(stream);
}

function transformStreamUnblockWrite(stream) {
  if (stream[kState].backpressure) transformStreamSetBackpressure(stream, false);
}

function transformStreamSetBackpressure(stream, backpressure) {
  const s = stream[kState];
  if (s.backpressureChangePromise !== undefined) s.backpressureChangePromise.resolve(undefined);
  s.backpressureChangePromise = createDeferred();
  s.backpressure = backpressure;
}

class TransformStreamDefaultController {
  constructor() { throw R.illegalConstructor(); }

  get desiredSize() {
    if (!isController(this)) throw new ERR_INVALID_THIS('TransformStreamDefaultController');
    const readableController = this[kState].stream[kState].readable[kState].controller;
    return R.readableStreamDefaultControllerGetDesiredSize(readableController);
  }

  enqueue(chunk = undefined) {
    if (!isController(this)) throw new ERR_INVALID_THIS('TransformStreamDefaultController');
    transformStreamDefaultControllerEnqueue(this, chunk);
  }

  error(reason = undefined) {
    if (!isController(this)) throw new ERR_INVALID_THIS('TransformStreamDefaultController');
    transformStreamError(this[kState].stream, reason);
  }

  terminate() {
    if (!isController(this)) throw new ERR_INVALID_THIS('TransformStreamDefaultController');
    transformStreamDefaultControllerTerminate(this);
  }

  [kInspect](depth, options) {
    return customInspect(this, 'TransformStreamDefaultController', { stream: this[kState].stream }, depth, options);
  }
}

function setUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  controller[kType] = 'TransformStreamDefaultController';
  controller[kState] = { stream, transformAlgorithm, flushAlgorithm, cancelAlgorithm, finishPromise: undefined };
  stream[kState].controller = controller;
}

function transformStreamDefaultControllerClearAlgorithms(controller) {
  const c = controller[kState];
  c.transformAlgorithm = undefined;
  c.flushAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function transformStreamDefaultControllerEnqueue(controller, chunk) {
  const stream = controller[kState].stream;
  const s = stream[kState];
  const readableController = s.readable[kState].controller;
  if (!R.readableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
    throw new ERR_INVALID_STATE.TypeError('Unable to enqueue');
  }
  try {
    R.readableStreamDefaultControllerEnqueue(readableController, chunk);
  } catch (e) {
    transformStreamErrorWritableAndUnblockWrite(stream, e);
    throw s.readable[kState].storedError;
  }
  const backpressure = R.readableStreamDefaultControllerHasBackpressure(readableController);
  if (backpressure !== s.backpressure) transformStreamSetBackpressure(stream, true);
}

function transformStreamDefaultControllerPerformTransform(controller, chunk) {
  const transformPromise = controller[kState].transformAlgorithm(chunk);
  return uponPromise(transformPromise, undefined, (r) => {
    transformStreamError(controller[kState].stream, r);
    throw r;
  });
}

function transformStreamDefaultControllerTerminate(controller) {
  const stream = controller[kState].stream;
  R.readableStreamDefaultControllerClose(stream[kState].readable[kState].controller);
  transformStreamErrorWritableAndUnblockWrite(stream, new ERR_INVALID_STATE.TypeError('TransformStream has been terminated'));
}

function transformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
  const s = stream[kState];
  const controller = s.controller;
  if (s.backpressure) {
    return uponPromise(s.backpressureChangePromise.promise, () => {
      const ws = s.writable[kState];
      if (ws.state === 'erroring') throw ws.storedError;
      return transformStreamDefaultControllerPerformTransform(controller, chunk);
    });
  }
  return transformStreamDefaultControllerPerformTransform(controller, chunk);
}

function transformStreamDefaultSinkAbortAlgorithm(stream, reason) {
  const s = stream[kState];
  const c = s.controller[kState];
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = s.readable;
  const finish = c.finishPromise = createDeferred();
  const cancelPromise = c.cancelAlgorithm(reason);
  transformStreamDefaultControllerClearAlgorithms(s.controller);
  uponPromise(cancelPromise, () => {
    if (readable[kState].state === 'errored') {
      finish.reject(readable[kState].storedError);
    } else {
      R.readableStreamDefaultControllerError(readable[kState].controller, reason);
      finish.resolve(undefined);
    }
  }, (r) => {
    R.readableStreamDefaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function transformStreamDefaultSinkCloseAlgorithm(stream) {
  const s = stream[kState];
  const c = s.controller[kState];
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = s.readable;
  const finish = c.finishPromise = createDeferred();
  const flushPromise = c.flushAlgorithm();
  transformStreamDefaultControllerClearAlgorithms(s.controller);
  uponPromise(flushPromise, () => {
    if (readable[kState].state === 'errored') {
      finish.reject(readable[kState].storedError);
    } else {
      R.readableStreamDefaultControllerClose(readable[kState].controller);
      finish.resolve(undefined);
    }
  }, (r) => {
    R.readableStreamDefaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function transformStreamDefaultSourcePullAlgorithm(stream) {
  transformStreamSetBackpressure(stream, false);
  return stream[kState].backpressureChangePromise.promise;
}

function transformStreamDefaultSourceCancelAlgorithm(stream, reason) {
  const s = stream[kState];
  const c = s.controller[kState];
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const writable = s.writable;
  const finish = c.finishPromise = createDeferred();
  const cancelPromise = c.cancelAlgorithm(reason);
  transformStreamDefaultControllerClearAlgorithms(s.controller);
  uponPromise(cancelPromise, () => {
    if (writable[kState].state === 'errored') {
      finish.reject(writable[kState].storedError);
    } else {
      W.writableStreamDefaultControllerErrorIfNeeded(writable[kState].controller, reason);
      transformStreamUnblockWrite(stream);
      finish.resolve(undefined);
    }
  }, (r) => {
    W.writableStreamDefaultControllerErrorIfNeeded(writable[kState].controller, r);
    transformStreamUnblockWrite(stream);
    finish.reject(r);
  });
  return finish.promise;
}

R.finishClass(TransformStream, ['readable', 'writable']);
R.finishClass(TransformStreamDefaultController, ['desiredSize', 'enqueue', 'error', 'terminate']);

module.exports = { TransformStream, TransformStreamDefaultController, isTransformStream };
