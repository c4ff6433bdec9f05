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

// Each AsyncResource gets its own id, and the id of the context it was made in as its
// trigger (amber tracks no other resources' ids: see executionAsyncId below).
let lastAsyncId = 1;

class AsyncResource {
  constructor(type, opts = {}) {
    const { validateString } = require('internal/errors');
    validateString(type, 'type');
    const trigger = typeof opts === 'number' ? opts : opts?.triggerAsyncId;
    this.type = type;
    this._frame = currentFrame();
    this._asyncId = ++lastAsyncId;
    this._triggerAsyncId = trigger ?? executionAsyncId();
  }
  runInAsyncScope(fn, thisArg, ...args) { return runInFrame(this._frame, fn, args, thisArg); }
  emitDestroy() { return this; }
  asyncId() { return this._asyncId; }
  triggerAsyncId() { return this._triggerAsyncId; }
  bind(fn, thisArg) { return (...args) => this.runInAsyncScope(fn, thisArg, ...args); }
  static bind(fn, type, thisArg) { return new AsyncResource(type ?? 'bound-anonymous-fn').bind(fn, thisArg); }
}

// The main script runs in async context 1, triggered by 0, as in Node. amber does not
// track which resource (timer, request, promise) later callbacks run for, so these
// report the main context everywhere (Node would report the resource's ids).
function executionAsyncId() { return 1; }
function triggerAsyncId() { return 0; }

// amber does not call async hooks: a hook with callbacks cannot be enabled (one without
// any would never be called anyway).
const kHookNames = ['init', 'before', 'after', 'destroy', 'promiseResolve'];
function createHook(callbacks = {}) {
  const { codes: { ERR_ASYNC_CALLBACK, ERR_NOT_IMPLEMENTED } } = require('internal/errors');
  const given = kHookNames.filter((name) => callbacks[name] !== undefined);
  for (const name of given) {
    if (typeof callbacks[name] !== 'function') throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
  }
  return {
    enable() {
      if (given.length > 0) throw new ERR_NOT_IMPLEMENTED(`async_hooks.createHook({ ${given.join(', ')} }).enable()`);
      return this;
    },
    disable() { return this; },
  };
}

function executionAsyncResource() {
  const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
  throw new ERR_NOT_IMPLEMENTED('async_hooks.executionAsyncResource()');
}

module.exports = {
  AsyncLocalStorage, AsyncResource, createHook,
  executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders: {},
};
