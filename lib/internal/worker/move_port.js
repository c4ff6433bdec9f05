'use strict';
// worker_threads.moveMessagePortToContext(port, contextifiedSandbox): a port that
// delivers its messages inside a vm context. The moved port is an object of that
// context (a `MessagePort` class, `DOMException` and the functions on it are compiled
// there, so everything reachable from it belongs to the context), driven by the original
// port, which stays in this realm and holds the native state (so a snapshot build refuses
// it as it refuses any live port; moving is refused while a snapshot is built). A received message is deserialized here and then
// copied into the context with the context's own constructors (objects, arrays, Map, Set,
// Date, RegExp, errors, ArrayBuffers and typed arrays), so `data instanceof
// context.Object`; ports it carries are moved into the context too. A value that only
// exists as a class of amber's library (a FileHandle, a KeyObject, ...) has no
// counterpart in the context: the message is discarded and `onmessageerror` gets
// ERR_MESSAGE_TARGET_CONTEXT_UNAVAILABLE, as in Node.

const vm = require('vm');
const io = require('internal/worker/io');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_CLOSED_MESSAGE_PORT } } = require('internal/errors');

const contextSource = `(function (hooks) {
  'use strict';
  class DOMException extends Error {
    constructor(message, name, code) {
      super(message);
      Object.defineProperty(this, 'name', { value: name, writable: true, configurable: true });
      Object.defineProperty(this, 'code', { value: code, writable: true, configurable: true });
    }
  }
  class MessagePort {
    constructor() { throw new TypeError('Illegal constructor'); }
    postMessage(message, transfer) { return hooks.call(this, 'postMessage', arguments); }
    start() { return hooks.call(this, 'start', arguments); }
    close() { return hooks.call(this, 'close', arguments); }
    drain() { return hooks.call(this, 'drain', arguments); }
    ref() { return hooks.call(this, 'ref', arguments); }
    unref() { return hooks.call(this, 'unref', arguments); }
    hasRef() { return hooks.call(this, 'hasRef', arguments); }
  }
  return {
    MessagePort, DOMException, Object, Array, Map, Set, Date, RegExp, ArrayBuffer, Uint8Array,
    Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, globalThis,
  };
})`;

const realms = new WeakMap(); // contextified sandbox -> the context's constructors
const originals = new WeakMap(); // moved port -> { port, realm, context, started }

function realmOf(context) {
  let realm = realms.get(context);
  if (realm === undefined) {
    realm = vm.runInContext(contextSource, context, { filename: 'node:internal/worker/move_port' })({ call });
    realms.set(context, realm);
  }
  return realm;
}

function targetContextUnavailable() {
  const e = new Error('Message could not be deserialized in the target context');
  e.code = 'ERR_MESSAGE_TARGET_CONTEXT_UNAVAILABLE';
  return e;
}

// `value`, made of the context's objects.
function toContext(value, realm, context, memo) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (memo.has(value)) return memo.get(value);
  let out;
  const copyInto = (o) => {
    memo.set(value, o);
    for (const key of Object.keys(value)) o[key] = toContext(value[key], realm, context, memo);
    return o;
  };
  if (value instanceof io.MessagePort) {
    out = moveMessagePortToContext(value, context);
  } else if (Array.isArray(value)) {
    return copyInto(new realm.Array(value.length));
  } else if (value instanceof Date) {
    out = new realm.Date(value.getTime());
  } else if (value instanceof RegExp) {
    out = new realm.RegExp(value.source, value.flags);
  } else if (value instanceof Map) {
    out = new realm.Map();
    memo.set(value, out);
    for (const [k, v] of value) out.set(toContext(k, realm, context, memo), toContext(v, realm, context, memo));
    return out;
  } else if (value instanceof Set) {
    out = new realm.Set();
    memo.set(value, out);
    for (const v of value) out.add(toContext(v, realm, context, memo));
    return out;
  } else if (value instanceof ArrayBuffer) {
    out = new realm.Uint8Array(new Uint8Array(value)).buffer;
  } else if (ArrayBuffer.isView(value)) {
    const buffer = toContext(value.buffer, realm, context, memo);
    const name = value instanceof DataView ? 'DataView' : Object.getPrototypeOf(Object.getPrototypeOf(value)) === Uint8Array.prototype ? 'Uint8Array' : value.constructor.name;
    const Ctor = vm.runInContext(name, context);
    out = name === 'DataView' ? new Ctor(buffer, value.byteOffset, value.byteLength) : new Ctor(buffer, value.byteOffset, value.length);
  } else if (value instanceof Error) {
    const Ctor = Object.hasOwn(realm, value.name) && realm[value.name].prototype instanceof realm.Error ? realm[value.name] : realm.Error;
    out = new Ctor(value.message);
    memo.set(value, out);
    Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true });
    if ('cause' in value) out.cause = toContext(value.cause, realm, context, memo);
    return out;
  } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
    return copyInto(Object.getPrototypeOf(value) === null ? realm.Object.create(null) : new realm.Object());
  } else {
    throw targetContextUnavailable();
  }
  memo.set(value, out);
  return out;
}

// An error thrown by the original port, as one of the context's.
function errorToContext(err, realm) {
  if (err instanceof Error && err.name === 'DataCloneError') return new realm.DOMException(err.message, err.name, err.code);
  try {
    return toContext(err, realm, undefined, new Map());
  } catch {
    return err;
  }
}

function dispatch(moved, type, event) {
  const handler = moved[type];
  if (typeof handler === 'function') handler.call(moved, event);
}

function start(record, moved) {
  if (record.started) return;
  record.started = true;
  const { port, realm, context } = record;
  port.addEventListener('message', (ev) => {
    let event;
    try {
      const memo = new Map();
      event = new realm.Object();
      event.data = toContext(ev.data, realm, context, memo);
      event.ports = toContext(Array.from(ev.ports ?? []), realm, context, memo);
      event.target = moved;
    } catch (err) {
      const errEvent = new realm.Object();
      errEvent.data = err;
      errEvent.target = moved;
      dispatch(moved, 'onmessageerror', errEvent);
      return;
    }
    dispatch(moved, 'onmessage', event);
  });
  port.on('messageerror', (err) => {
    const errEvent = new realm.Object();
    errEvent.data = errorToContext(err, realm);
    errEvent.target = moved;
    dispatch(moved, 'onmessageerror', errEvent);
  });
  port.start();
}

function call(moved, method, args) {
  const record = originals.get(moved);
  if (record === undefined) throw new TypeError('Illegal invocation');
  const { port, realm } = record;
  try {
    switch (method) {
      case 'postMessage': {
        const [message, transfer] = args;
        const list = transfer == null ? transfer : Array.from(transfer, (x) => originals.get(x)?.port ?? x);
        return args.length === 0 ? port.postMessage() : port.postMessage(message, list);
      }
      case 'start': return start(record, moved);
      case 'close': return port.close();
      case 'drain': io.drainNow(port); return undefined;
      case 'ref': port.ref(); return undefined;
      case 'unref': port.unref(); return undefined;
      case 'hasRef': return port.hasRef();
    }
  } catch (err) {
    throw errorToContext(err, realm);
  }
}

function moveMessagePortToContext(port, contextifiedSandbox) {
  if (!(port instanceof io.MessagePort)) throw new ERR_INVALID_ARG_TYPE('port', 'MessagePort', port);
  // Only a prebuilt worker's pending parentPort can exist while a snapshot is built; its
  // moved face would hold a vm context and listeners bound to the build's port, so
  // moving is refused there by name, as creating a channel is.
  io.refuseInSnapshot('Moving a MessagePort to a vm context');
  if (!io.isPortOpen(port)) throw new ERR_CLOSED_MESSAGE_PORT();
  if (!vm.isContext(contextifiedSandbox)) throw new ERR_INVALID_ARG_TYPE('contextifiedSandbox', 'vm.Context', contextifiedSandbox);
  const realm = realmOf(contextifiedSandbox);
  const moved = Object.create(realm.MessagePort.prototype);
  originals.set(moved, { port, realm, context: contextifiedSandbox, started: false });
  return moved;
}

module.exports = { moveMessagePortToContext };
