'use strict';
// node:async_hooks — AsyncLocalStorage on V8's continuation-preserved embedder data,
// which follows promise reactions; timers, immediates and nextTick carry it too.

const core = require('internal/async_context');
let nextId = 1;

function currentFrame() { return core.getContext(); }

class AsyncLocalStorage {
  constructor() { this._id = Symbol(`als${nextId++}`); this._enabled = true; }
  static bind(fn) { return AsyncResource.bind(fn); }
  static snapshot() {
    const frame = currentFrame();
    return (fn, ...args) => runInFrame(frame, fn, args);
  }
  run(store, fn, ...args) {
    const prev = currentFrame();
    const frame = { ...(prev ?? {}), [this._id]: store };
    core.setContext(frame);
    try {
      return fn(...args);
    } finally {
      core.setContext(prev);
    }
  }
  exit(fn, ...args) {
    const prev = currentFrame();
    const frame = { ...(prev ?? {}) };
    delete frame[this._id];
    core.setContext(frame);
    try {
      return fn(...args);
    } finally {
      core.setContext(prev);
    }
  }
  getStore() {
    const frame = currentFrame();
    return frame ? frame[this._id] : undefined;
  }
  enterWith(store) {
    core.setContext({ ...(currentFrame() ?? {}), [this._id]: store });
  }
  disable() { core.setContext(undefined); }
}

function runInFrame(frame, fn, args, thisArg) {
  const prev = currentFrame();
  core.setContext(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    core.setContext(prev);
  }
}

class AsyncResource {
  constructor(type) { this.type = type; this._frame = currentFrame(); }
  runInAsyncScope(fn, thisArg, ...args) { return runInFrame(this._frame, fn, args, thisArg); }
  emitDestroy() { return this; }
  asyncId() { return 1; }
  triggerAsyncId() { return 0; }
  bind(fn, thisArg) { return (...args) => this.runInAsyncScope(fn, thisArg, ...args); }
  static bind(fn, type, thisArg) { return new AsyncResource(type ?? 'bound-anonymous-fn').bind(fn, thisArg); }
}

function createHook() { return { enable() { return this; }, disable() { return this; } }; }

module.exports = {
  AsyncLocalStorage, AsyncResource, createHook,
  executionAsyncId: () => 1, triggerAsyncId: () => 0, executionAsyncResource: () => ({}),
  asyncWrapProviders: {},
};
