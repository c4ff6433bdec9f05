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

// A FIFO with O(1) shift (Array.prototype.shift copies large arrays): an array and the
// index of its head, compacted once the dead prefix is half of it.
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length() { return this.items.length - this.head; }

  push(value) { this.items.push(value); }

  peek() { return this.items[this.head]; }

  shift() {
    const value = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }
}

// Queue-with-sizes: container has `queue` (a Queue of { value, size }) and `queueTotalSize`.
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
  return container.queue.peek().value;
}

function resetQueue(container) {
  container.queue = new Queue();
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

// Whether `p` is a promise still pending (V8's own state, not an observation).
function isPromisePending(p) {
  if (!(p instanceof Promise)) return false;
  const [state] = binding.util.getPromiseState(p);
  return state === 0;
}

module.exports = {
  isPromisePending,
  Queue, kState, kType, createDeferred, uponPromise, setPromiseHandled, isBrand, noop,
  extractHighWaterMark, extractSizeAlgorithm, enqueueValueWithSize, dequeueValue,
  peekQueueValue, resetQueue, isDetached, transferArrayBuffer, isViewedArrayBufferDetached,
  promiseCall, PromiseResolve, PromiseReject, customInspect,
};
