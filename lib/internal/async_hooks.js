'use strict';
// Async ids, the execution context stack and the hooks of node:async_hooks.
//
// Every async resource (a Timeout, an Immediate, a nextTick, a microtask, a promise, a
// native operation, an AsyncResource) can carry an asyncId and a triggerAsyncId (symbol
// keys on the resource itself, so nothing native and nothing outside the heap: a
// snapshot carries them). The central dispatch points (internal/timers.js,
// internal/task_queues.js, the op table in internal/bootstrap.js) call `init`, `enter`,
// `leave` and `destroy` below, but only while `state.on` is set: loading node:async_hooks
// turns it on, since from then on anyone may ask which resource is running. Until then
// each dispatch point costs one property check, and no id is ever allocated.
//
// Ids are allocated when a resource is made while tracking is on, or lazily when a
// resource made before runs. V8's promise hooks are installed only while an enabled
// hook exists (as Node, promises are then tracked for every hook).

const { enqueueMicrotask } = binding.core;

const kAsyncId = Symbol('asyncId');
const kTriggerAsyncId = Symbol('triggerAsyncId');

const state = { on: false };

// The main script runs as resource 1, triggered by 0 (as in Node).
let lastAsyncId = 1;
const topLevelResource = {};
let execId = 1;
let execTrigger = 0;
let execResource = topLevelResource;
// Saved (id, trigger, resource) triples of the contexts below the current one.
const stack = [];
// An explicit trigger for the next resource made (Node's default trigger id scope).
let defaultTrigger = -1;

// The enabled hooks, per callback; replaced (never mutated) when a hook is enabled or
// disabled, so a change made while callbacks run takes effect after the current batch.
let hooks = { init: [], before: [], after: [], destroy: [], promiseResolve: [], all: [] };

function newAsyncId() { return ++lastAsyncId; }

function idOf(resource) {
  let id = resource[kAsyncId];
  if (id === undefined) {
    id = newAsyncId();
    resource[kAsyncId] = id;
    resource[kTriggerAsyncId] = execId;
  }
  return id;
}

// Errors thrown by hook callbacks are fatal, as in Node: the stack (or "Error: value"
// for a thrown non-error) on stderr and exit code 1.
function fatalError(e) {
  const text = typeof e?.stack === 'string' ? e.stack : `Error: ${String(e)}`;
  require('fs').writeSync(2, `${text}\n`);
  if (require('internal/options').getOptionValue('--abort-on-uncaught-exception')) process.abort();
  process.exit(1);
}

function call(list, args) {
  for (let i = 0; i < list.length; i++) {
    try {
      Reflect.apply(list[i].fn, list[i].hook, args);
    } catch (e) {
      fatalError(e);
    }
  }
}

function emitInit(asyncId, type, triggerAsyncId, resource) {
  if (hooks.init.length > 0) call(hooks.init, [asyncId, type, triggerAsyncId, resource]);
}

function emitBefore(asyncId, triggerAsyncId, resource) {
  stack.push(execId, execTrigger, execResource);
  execId = asyncId;
  execTrigger = triggerAsyncId;
  execResource = resource;
  if (hooks.before.length > 0) call(hooks.before, [asyncId]);
}

function emitAfter(asyncId) {
  if (hooks.after.length > 0) call(hooks.after, [asyncId]);
  popContext();
}

function popContext() {
  if (stack.length === 0) return false;
  execResource = stack.pop();
  execTrigger = stack.pop();
  execId = stack.pop();
  return true;
}

// Destroy callbacks run later, in a batch (as Node's destroy queue), never inside the
// code that ended the resource.
let destroyQueue = [];
function flushDestroys() {
  const ids = destroyQueue;
  destroyQueue = [];
  for (const id of ids) call(hooks.destroy, [id]);
}
function emitDestroy(asyncId) {
  if (hooks.destroy.length === 0) return;
  if (destroyQueue.length === 0) enqueueMicrotask(flushDestroys);
  destroyQueue.push(asyncId);
}

// ---- what the dispatch points call (only while state.on) ---------------------

// A resource is made: it gets its ids, and init hooks see it.
function init(resource, type, triggerAsyncId) {
  const id = newAsyncId();
  let trigger = triggerAsyncId;
  if (trigger === undefined) trigger = defaultTrigger !== -1 ? defaultTrigger : execId;
  resource[kAsyncId] = id;
  resource[kTriggerAsyncId] = trigger;
  emitInit(id, type, trigger, resource);
  return id;
}

// The resource's callback is about to run.
function enter(resource) {
  const id = idOf(resource);
  emitBefore(id, resource[kTriggerAsyncId], resource);
}

// It returned (a callback that throws is left to clearStack, after 'uncaughtException').
function leave(resource) {
  if (execResource !== resource) return;
  emitAfter(execId);
}

function destroy(resource) {
  const id = resource[kAsyncId];
  if (id !== undefined) emitDestroy(id);
}

// An uncaught exception was handled: the callbacks it unwound are over, innermost
// first (Node's after hooks on the way out), and the stack is back at the top.
function clearStack() {
  while (stack.length > 0) {
    if (hooks.after.length > 0) call(hooks.after, [execId]);
    popContext();
  }
}

// Runs `fn` with `triggerAsyncId` as the trigger of every resource it makes.
function defaultTriggerAsyncIdScope(triggerAsyncId, fn, ...args) {
  const prev = defaultTrigger;
  defaultTrigger = triggerAsyncId;
  try {
    return Reflect.apply(fn, undefined, args);
  } finally {
    defaultTrigger = prev;
  }
}

// The type of a native operation, from the kind the op table names it by.
function typeOfOp(kind) {
  if (kind === 'fs.watch') return 'FSEVENTWRAP';
  if (kind.startsWith('fs.')) return 'FSREQCALLBACK';
  if (kind.startsWith('dns lookup of')) return 'GETADDRINFOREQWRAP';
  if (kind.startsWith('dns lookupService')) return 'GETNAMEINFOREQWRAP';
  if (kind.startsWith('dns ')) return 'QUERYWRAP';
  if (kind.startsWith('signal ')) return 'SIGNALWRAP';
  switch (kind) {
    case 'tcp socket': return 'TCPWRAP';
    case 'unix socket': case 'child stdout': case 'child stderr': case 'IPC channel': return 'PIPEWRAP';
    case 'server': return 'TCPSERVERWRAP';
    case 'udp socket': return 'UDPWRAP';
    case 'child exit': return 'PROCESSWRAP';
    case 'Worker': return 'WORKER';
    case 'MessagePort': case 'BroadcastChannel': return 'MESSAGEPORT';
    case 'crypto key derivation': return 'PBKDF2REQUEST';
    case 'zlib write': return 'ZLIB';
    default: return kind;
  }
}

// A native operation's resource, named as Node's (what executionAsyncResource() shows).
const opClasses = new Map();
const kOpClassNames = {
  FSREQCALLBACK: 'FSReqCallback', GETADDRINFOREQWRAP: 'GetAddrInfoReqWrap', GETNAMEINFOREQWRAP: 'GetNameInfoReqWrap',
  QUERYWRAP: 'QueryReqWrap', SIGNALWRAP: 'Signal', TCPWRAP: 'TCP', TCPSERVERWRAP: 'TCP', PIPEWRAP: 'Pipe',
  UDPWRAP: 'UDP', PROCESSWRAP: 'Process', FSEVENTWRAP: 'FSEvent', WORKER: 'Worker', MESSAGEPORT: 'MessagePort', PBKDF2REQUEST: 'PBKDF2Job',
  ZLIB: 'Zlib', RANDOMBYTESREQUEST: 'RandomBytesJob',
};
function opResource(type) {
  let C = opClasses.get(type);
  if (C === undefined) {
    const name = kOpClassNames[type] ?? 'AsyncWrap';
    C = { [name]: class {} }[name];
    opClasses.set(type, C);
  }
  return new C();
}

// An op (internal/bootstrap.js) started while tracking: its resource is `owner` or a
// new object named for its type, and init hooks see it.
function trackOp(op, owner) {
  const type = typeOfOp(op.kind);
  const resource = owner ?? opResource(type);
  op.resource = resource;
  init(resource, type);
}
// An op started before tracking began: a resource with ids, but no init (as a hook
// enabled late never sees the init of what already exists).
function lateOp(op) {
  op.resource = opResource(typeOfOp(op.kind));
  idOf(op.resource);
  return op.resource;
}

// A callback that a job done synchronously reports a tick later (crypto.randomBytes
// with a callback): while tracking, it runs as a resource of `type` (Node's request).
function nextTickAs(type, fn, ...args) {
  const resource = opResource(type);
  init(resource, type);
  process.nextTick(() => {
    enter(resource);
    Reflect.apply(fn, undefined, args);
    leave(resource);
    destroy(resource);
  });
}

// ---- promises -------------------------------------------------------------------

let promiseHooksOn = false;
let promiseRegistry;

function trackPromise(promise, parent) {
  if (promise[kAsyncId] !== undefined) return false;
  const trigger = parent !== undefined ? idOf(parent) : (defaultTrigger !== -1 ? defaultTrigger : execId);
  promise[kAsyncId] = newAsyncId();
  promise[kTriggerAsyncId] = trigger;
  return true;
}

function promiseInit(promise, parent) {
  trackPromise(promise, parent);
  const id = promise[kAsyncId];
  if (hooks.destroy.length > 0) {
    promiseRegistry ??= new FinalizationRegistry((asyncId) => call(hooks.destroy, [asyncId]));
    promiseRegistry.register(promise, id);
  }
  emitInit(id, 'PROMISE', promise[kTriggerAsyncId], promise);
}

function promiseBefore(promise) {
  trackPromise(promise);
  emitBefore(promise[kAsyncId], promise[kTriggerAsyncId], promise);
}

// After hooks hear of every reaction (also one already running when the hook was
// enabled); the context is popped only if its before was seen.
function promiseAfter(promise) {
  trackPromise(promise);
  const id = promise[kAsyncId];
  if (hooks.after.length > 0) call(hooks.after, [id]);
  if (execId === id && execResource === promise) popContext();
}

function promiseResolve(promise) {
  trackPromise(promise);
  if (hooks.promiseResolve.length > 0) call(hooks.promiseResolve, [promise[kAsyncId]]);
}

// V8's promise hooks, shared with v8.promiseHooks (internal/promise_hooks.js): added
// while a hook is enabled.
let stopPromiseHooks = null;
function updatePromiseHooks() {
  const want = hooks.all.length > 0;
  if (want === promiseHooksOn) return;
  promiseHooksOn = want;
  if (want) {
    const { add } = require('internal/promise_hooks');
    const stops = [add('init', promiseInit), add('before', promiseBefore), add('after', promiseAfter), add('settled', promiseResolve)];
    stopPromiseHooks = () => { for (const stop of stops) stop(); };
  } else {
    stopPromiseHooks();
    stopPromiseHooks = null;
  }
}

// ---- enabling hooks ---------------------------------------------------------------

const kNames = ['init', 'before', 'after', 'destroy', 'promiseResolve'];

function enableHook(hook, callbacks) {
  if (hooks.all.includes(hook)) return;
  state.on = true;
  const next = { all: [...hooks.all, hook] };
  for (const name of kNames) {
    next[name] = typeof callbacks[name] === 'function' ? [...hooks[name], { hook, fn: callbacks[name] }] : hooks[name];
  }
  hooks = next;
  updatePromiseHooks();
}

function disableHook(hook) {
  if (!hooks.all.includes(hook)) return;
  const next = { all: hooks.all.filter((h) => h !== hook) };
  for (const name of kNames) next[name] = hooks[name].filter((e) => e.hook !== hook);
  hooks = next;
  updatePromiseHooks();
}

function hasHooks(name) { return hooks[name].length > 0; }

// Snapshots: V8's promise hooks live on the context; the build clears them and the
// restored process installs them again from the (carried) JS lists.
function prepareSnapshot() {
  require('internal/promise_hooks').prepareSnapshot();
}
function afterRestore() {
  require('internal/promise_hooks').afterRestore();
}

module.exports = {
  state, kAsyncId, kTriggerAsyncId,
  init, enter, leave, destroy, clearStack, typeOfOp, trackOp, lateOp, nextTickAs,
  emitInit, emitBefore, emitAfter, emitDestroy, newAsyncId, hasHooks,
  enableHook, disableHook, defaultTriggerAsyncIdScope,
  executionAsyncId: () => execId,
  triggerAsyncId: () => execTrigger,
  executionAsyncResource: () => execResource,
  topLevelResource,
  prepareSnapshot, afterRestore,
};
