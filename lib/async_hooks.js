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

const ah = require('internal/async_hooks');
const { kAsyncId, kTriggerAsyncId } = ah;
// From here on the dispatch points record which resource runs (see internal/async_hooks).
ah.state.on = true;

const kDestroyed = Symbol('destroyed');
let destroyRegistry;

class AsyncResource {
  constructor(type, opts = {}) {
    const { validateString, codes: { ERR_INVALID_ASYNC_ID, ERR_ASYNC_TYPE } } = require('internal/errors');
    validateString(type, 'type');
    if (type.length === 0 && ah.hasHooks('init')) throw new ERR_ASYNC_TYPE(type);
    let triggerAsyncId = opts;
    let requireManualDestroy = false;
    if (typeof opts !== 'number') {
      triggerAsyncId = opts?.triggerAsyncId === undefined ? ah.executionAsyncId() : opts.triggerAsyncId;
      requireManualDestroy = !!opts?.requireManualDestroy;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || triggerAsyncId < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', triggerAsyncId);
    }
    this._frame = currentFrame();
    const asyncId = ah.init(this, type, triggerAsyncId);
    // Collected without emitDestroy(): destroy hooks still hear of it (as in Node).
    if (!requireManualDestroy && ah.hasHooks('destroy')) {
      const destroyed = { destroyed: false };
      this[kDestroyed] = destroyed;
      destroyRegistry ??= new FinalizationRegistry(({ id, destroyed: d }) => { if (!d.destroyed) ah.emitDestroy(id); });
      destroyRegistry.register(this, { id: asyncId, destroyed });
    }
  }
  runInAsyncScope(fn, thisArg, ...args) {
    ah.emitBefore(this[kAsyncId], this[kTriggerAsyncId], this);
    try {
      return runInFrame(this._frame, fn, args, thisArg);
    } finally {
      ah.leave(this);
    }
  }
  emitDestroy() {
    if (this[kDestroyed] !== undefined) this[kDestroyed].destroyed = true;
    ah.emitDestroy(this[kAsyncId]);
    return this;
  }
  asyncId() { return this[kAsyncId]; }
  triggerAsyncId() { return this[kTriggerAsyncId]; }
  bind(fn, thisArg) {
    require('internal/errors').validateFunction(fn, 'fn');
    const resource = this;
    const bound = thisArg === undefined ?
      function(...args) { return resource.runInAsyncScope(fn, this, ...args); } :
      (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperties(bound, {
      length: { __proto__: null, configurable: true, enumerable: false, writable: false, value: fn.length },
      asyncResource: { __proto__: null, configurable: true, enumerable: true, writable: true, value: this },
    });
    return bound;
  }
  static bind(fn, type, thisArg) {
    type = type || fn.name || 'bound-anonymous-fn';
    return new AsyncResource(type).bind(fn, thisArg);
  }
}

// The resource whose callback is running: 1 (triggered by 0) for the main script.
const { executionAsyncId, triggerAsyncId } = ah;
function executionAsyncResource() { return ah.executionAsyncResource(); }

const kHookNames = ['init', 'before', 'after', 'destroy', 'promiseResolve'];
class AsyncHook {
  #callbacks;
  constructor(callbacks) {
    const { codes: { ERR_ASYNC_CALLBACK } } = require('internal/errors');
    for (const name of kHookNames) {
      if (callbacks[name] !== undefined && typeof callbacks[name] !== 'function') {
        throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
      }
    }
    this.#callbacks = {};
    for (const name of kHookNames) this.#callbacks[name] = callbacks[name];
  }
  enable() { ah.enableHook(this, this.#callbacks); return this; }
  disable() { ah.disableHook(this); return this; }
}

function createHook(callbacks) { return new AsyncHook(callbacks ?? {}); }

// The provider names and numbers of Node 20 (what resource types native code reports).
const asyncWrapProviders = Object.freeze({ __proto__: null, ...Object.fromEntries([
  'NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ', 'BLOBREADER',
  'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'HEAPSNAPSHOT',
  'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING', 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE', 'HTTPCLIENTREQUEST',
  'JSSTREAM', 'JSUDPWRAP', 'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'PROCESSWRAP',
  'PROMISE', 'QUERYWRAP', 'QUIC_LOGSTREAM', 'QUIC_PACKET', 'SHUTDOWNWRAP', 'SIGNALWRAP', 'STATWATCHER',
  'STREAMPIPE', 'TCPCONNECTWRAP', 'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP', 'UDPWRAP',
  'SIGINTWATCHDOG', 'WORKER', 'WORKERHEAPSNAPSHOT', 'WRITEWRAP', 'ZLIB', 'CHECKPRIMEREQUEST', 'PBKDF2REQUEST',
  'KEYPAIRGENREQUEST', 'KEYGENREQUEST', 'KEYEXPORTREQUEST', 'CIPHERREQUEST', 'DERIVEBITSREQUEST', 'HASHREQUEST',
  'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST', 'SCRYPTREQUEST', 'SIGNREQUEST', 'TLSWRAP', 'VERIFYREQUEST',
].map((name, i) => [name, i])) });

module.exports = {
  AsyncLocalStorage, AsyncResource, createHook,
  executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders,
};
