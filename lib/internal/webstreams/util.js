'use strict';
// Shared helpers of the web streams implementation: promise plumbing (deferreds,
// "upon fulfillment", marking promises handled), the queue-with-sizes used by the
// readable and writable controllers, high-water-mark/size extraction, ArrayBuffer
// transfer and the brand symbol every stream object keeps its internal slots under.
// Owns no stream state of its own.

const { codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const kState = Symbol('kState');
const kType = Symbol('kType');

const PromisePrototypeThen = Promise.prototype.then;
const PromiseResolve = Promise.resolve.bind(Promise);
const PromiseReject = Promise.reject.bind(Promise);

function createDeferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function uponPromise(promise, onFulfilled, onRejected) {
  return PromisePrototypeThen.call(promise, onFulfilled, onRejected);
}

function noop() {}

function setPromiseHandled(promise) {
  PromisePrototypeThen.call(promise, undefined, noop);
}

function isBrand(value, type) {
  return value !== null && typeof value === 'object' && value[kType] === type;
}

function extractHighWaterMark(strategy, defaultHWM) {
  const hwm = strategy?.highWaterMark;
  if (hwm === undefined) return defaultHWM;
  const n = Number(hwm);
  if (Number.isNaN(n) || n < 0) throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', hwm);
  return n;
}

function extractSizeAlgorithm(strategy) {
  const size = strategy?.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw new ERR_INVALID_ARG_TYPE('strategy.size', 'function', size);
  return (chunk) => size(chunk);
}

// Queue-with-sizes: container has `queue` (array of { value, size }) and `queueTotalSize`.
function enqueueValueWithSize(container, value, size) {
  size = Number(size);
  if (Number.isNaN(size) || size < 0 || size === Infinity) throw new ERR_INVALID_ARG_VALUE.RangeError('size', size);
  container.queue.push({ value, size });
  container.queueTotalSize += size;
}

function dequeueValue(container) {
  const pair = container.queue.shift();
  container.queueTotalSize -= pair.size;
  if (container.queueTotalSize < 0) container.queueTotalSize = 0;
  return pair.value;
}

function peekQueueValue(container) {
  return container.queue[0].value;
}

function resetQueue(container) {
  container.queue = [];
  container.queueTotalSize = 0;
}

function isDetached(buffer) {
  return buffer.detached === true;
}

function transferArrayBuffer(buffer) {
  return buffer.transfer();
}

function isViewedArrayBufferDetached(view) {
  return view.buffer.detached === true;
}

// Calls `fn` with `args`, returning a promise (rejected if it throws). A returned promise
// is adopted as a thenable (two more microtasks than PromiseResolve), as Node does.
function promiseCall(fn, thisArg, ...args) {
  try {
    const result = fn.call(thisArg, ...args);
    return new Promise((resolve) => resolve(result));
  } catch (err) {
    return PromiseReject(err);
  }
}

function customInspect(self, name, props, depth, options) {
  const { inspect } = require('internal/inspect');
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${inspect(props, opts)}`;
}

module.exports = {
  kState, kType, createDeferred, uponPromise, setPromiseHandled, isBrand, noop,
  extractHighWaterMark, extractSizeAlgorithm, enqueueValueWithSize, dequeueValue,
  peekQueueValue, resetQueue, isDetached, transferArrayBuffer, isViewedArrayBufferDetached,
  promiseCall, PromiseResolve, PromiseReject, customInspect,
};
