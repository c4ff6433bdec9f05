'use strict';
// process.nextTick, queueMicrotask and unhandled-rejection tracking. `runTicks` drains
// the nextTick queue, then V8's microtask queue, repeatedly, as Node does after every
// macrotask; then reports rejections nobody handled (Node's default 'throw' mode).

const { runMicrotasks, enqueueMicrotask, fatal } = binding.core;
const { getContext, setContext } = require('internal/async_context');
const { validateFunction } = require('internal/errors');
// Async hooks: one `ah.on` check per tick while nobody tracks resources.
const ah = require('internal/async_hooks').state;
const asyncHooks = require('internal/async_hooks');

// A simple growable ring would do; an array with a head index is as fast here.
let queue = [];
let head = 0;

// Shared with the event loop (runtime.rs, call_hook_in): [0] a tick is queued, [1] a
// rejection may need reporting. While both are 0 the loop runs the microtasks itself
// after a macrotask, with no JavaScript frame below them (as Node's callback scope
// does), and calls runTicks only when either is set.
const kHasTickScheduled = 0;
const kHasRejectionToWarn = 1;
const tickInfo = new Uint8Array(2);

// The process object itself (internal/process's, loaded first; not the `process` global,
// an accessor every read of which goes through V8's generic global load and a getter
// call, and which a program may replace). Undefined while bootstrap is still making it.
let processObject;
function getProcess() {
  return (processObject ??= require('internal/process').process);
}

function nextTick(callback, ...args) {
  if (typeof callback !== 'function') validateFunction(callback, 'callback');
  if (getProcess()?._exiting) return;
  const tick = { callback, args, context: getContext() };
  if (ah.on) asyncHooks.init(tick, 'TickObject');
  queue.push(tick);
  tickInfo[kHasTickScheduled] = 1;
}

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  if (ah.on) {
    // As in Node, the microtask is an AsyncResource of type 'Microtask'.
    const { AsyncResource } = require('async_hooks');
    const resource = new AsyncResource('Microtask', { requireManualDestroy: true });
    enqueueMicrotask(() => {
      try {
        resource.runInAsyncScope(callback);
      } catch (err) {
        triggerUncaught(err, 'uncaughtException');
      }
      resource.emitDestroy();
    });
    return;
  }
  enqueueMicrotask(() => {
    try {
      callback();
    } catch (err) {
      triggerUncaught(err, 'uncaughtException');
    }
  });
}

function triggerUncaught(err, origin) {
  if (!internals.onUncaught(err, origin)) fatal(err);
}

// Promises rejected with no handler, in rejection order; removed when a handler
// is attached before the queue drains.
const pendingRejections = new Map();
const reportedRejections = new WeakMap();
let lastRejectionId = 0;

function promiseReject(event, promise, reason) {
  if (event === 0) {
    // The rejecting code's async context, for node:test's attribution.
    // With node:domain loaded, a rejection made inside a domain goes to its 'error'.
    pendingRejections.set(promise, { reason, id: ++lastRejectionId, context: getContext(), domain: process.domain });
    tickInfo[kHasRejectionToWarn] = 1;
  } else if (pendingRejections.has(promise)) {
    pendingRejections.delete(promise);
    if (pendingRejections.size === 0 && asyncHandled.length === 0) tickInfo[kHasRejectionToWarn] = 0;
  } else if (reportedRejections.has(promise)) {
    // Reported once the microtasks have run (the handler's own reaction first), as Node.
    const id = reportedRejections.get(promise);
    reportedRejections.delete(promise);
    const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${id})`);
    warning.name = 'PromiseRejectionHandledWarning';
    asyncHandled.push({ promise, warning });
    tickInfo[kHasRejectionToWarn] = 1;
  }
}
// Rejections reported as unhandled that got a handler since.
const asyncHandled = [];

class UnhandledPromiseRejection extends Error {
  constructor(reason) {
    super('This error originated either by throwing inside of an async function without a catch block, ' +
      `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${reason}".`);
    this.code = 'ERR_UNHANDLED_REJECTION';
  }
}
Object.defineProperty(UnhandledPromiseRejection.prototype, 'name', { value: 'UnhandledPromiseRejection', writable: true, configurable: true });

function warnUnhandled(reason, id) {
  // As Node: an object with its own stack (an Error or error-like) shows that stack, a
  // primitive itself (a string without quotes), another object its inspection.
  let text;
  if (typeof reason === 'object' && reason !== null && Object.prototype.hasOwnProperty.call(reason, 'stack')) {
    text = `${reason.stack}`;
  } else if (typeof reason === 'object' || typeof reason === 'function') {
    text = require('internal/inspect').inspect(reason);
  } else {
    text = typeof reason === 'symbol' ? reason.toString() : `${reason}`;
  }
  const w = new Error(text);
  w.name = 'UnhandledPromiseRejectionWarning';
  process.emitWarning(w);
  const w2 = new Error('Unhandled promise rejection. This error originated either by throwing inside of an async ' +
    'function without a catch block, or by rejecting a promise which was not handled with .catch(). To terminate the ' +
    'node process on unhandled promise rejection, use the CLI flag `--unhandled-rejections=strict` (see ' +
    `https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: ${id})`);
  w2.name = 'UnhandledPromiseRejectionWarning';
  process.emitWarning(w2);
}

function processRejections() {
  const handledLate = asyncHandled.length > 0;
  while (asyncHandled.length > 0) {
    const { promise, warning } = asyncHandled.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  if (pendingRejections.size === 0) {
    tickInfo[kHasRejectionToWarn] = 0;
    return handledLate;
  }
  const entries = [...pendingRejections];
  pendingRejections.clear();
  tickInfo[kHasRejectionToWarn] = 0;
  // --unhandled-rejections=throw (default) | strict | warn | warn-with-error-code | none
  const mode = require('internal/options').getOptionValue('--unhandled-rejections') ?? 'throw';
  for (const [promise, { reason, id, context, domain }] of entries) {
    reportedRejections.set(promise, id);
    const asError = () => {
      if (reason instanceof Error || binding.types.isNativeError(reason)) return reason;
      const { inspect } = require('internal/inspect');
      return new UnhandledPromiseRejection(typeof reason === 'string' ? reason : inspect(reason));
    };
    if (mode === 'strict') {
      const handled = internals.onUncaught(asError(), 'unhandledRejection');
      if (!handled) fatal(asError());
      process.emit('unhandledRejection', reason, promise);
      continue;
    }
    // Whose async context rejected: node:test attributes the rejection by it.
    internals.uncaughtContext = { frame: context };
    const handled = domain ? domain.emit('error', reason) : process.emit('unhandledRejection', reason, promise);
    internals.uncaughtContext = undefined;
    if (mode === 'none') continue;
    if (mode === 'warn') {
      warnUnhandled(reason, id);
      continue;
    }
    if (handled) continue;
    if (mode === 'warn-with-error-code') {
      warnUnhandled(reason, id);
      process.exitCode = 1;
      continue;
    }
    triggerUncaught(asError(), 'unhandledRejection');
  }
  return true;
}

// Node's name, called with `process` as its receiver as Node's is, so that stacks
// show `process.processTicksAndRejections` where the tick queue called.
// With no tick queued and no rejection to report, only the microtasks run (Node's
// runNextTicks).
function runTicks() {
  if (tickInfo[kHasTickScheduled] === 0 && tickInfo[kHasRejectionToWarn] === 0) {
    runMicrotasks();
    if (tickInfo[kHasTickScheduled] === 0 && tickInfo[kHasRejectionToWarn] === 0) return;
  }
  processTicksAndRejections.call(getProcess() ?? globalThis.process);
}

function processTicksAndRejections() {
  do {
    while (head < queue.length) {
      const tick = queue[head];
      queue[head++] = undefined;
      if (head === queue.length) { queue = []; head = 0; }
      const { callback, args, context } = tick;
      const prev = getContext();
      setContext(context);
      let threw = true;
      try {
        if (ah.on) asyncHooks.enter(tick);
        if (args.length === 0) callback();
        else Reflect.apply(callback, undefined, args);
        if (ah.on) { asyncHooks.leave(tick); asyncHooks.destroy(tick); }
        threw = false;
      } finally {
        // Whose async context threw: node:test attributes the error by it.
        if (threw) internals.uncaughtContext = { frame: getContext() };
        setContext(prev);
      }
    }
    tickInfo[kHasTickScheduled] = 0;
    runMicrotasks();
  } while (head < queue.length || processRejections());
}

function hasTicks() {
  return head < queue.length;
}

module.exports = { nextTick, queueMicrotask, runTicks, processTicksAndRejections, promiseReject, hasTicks, triggerUncaught, tickInfo, getProcess };
