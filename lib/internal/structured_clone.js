'use strict';
// structuredClone for the structured-serializable types: primitives, plain objects,
// arrays, Date, RegExp, Map, Set, ArrayBuffer and views, Errors, boxed primitives, and the
// objects of amber's classes that say how they travel (Blobs, transferable web streams and
// AbortSignals: internal/worker/js_transferable.js); cycles and shared references are
// preserved. Functions and symbols throw.

function cloneError() {
  const e = new Error('could not be cloned.');
  Object.defineProperty(e, 'name', { value: 'DataCloneError', configurable: true, writable: true });
  e.code = 25;
  return e;
}

function dataCloneError(message) {
  const e = cloneError();
  e.message = message;
  return e;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const { ERR_MISSING_ARGS } = require('internal/errors').codes;
    throw new ERR_MISSING_ARGS('value');
  }
  const jt = require('internal/worker/js_transferable');
  const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
  if (options !== undefined && options !== null && typeof options !== 'object') {
    const err = new ERR_INVALID_ARG_TYPE('options', 'object', options);
    err.message = 'The options argument must be either an object or undefined';
    throw err;
  }
  const list = options?.transfer;
  if (list !== undefined && list !== null && (typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function')) {
    const err = new ERR_INVALID_ARG_TYPE('transferList', 'iterable', list);
    err.message = 'Optional transferList argument must be an iterable';
    throw err;
  }
  const transfer = [...(list ?? [])];
  // What a transferable object of the list holds that must travel with it joins the list.
  const given = transfer.length;
  for (let i = 0; i < transfer.length; i++) {
    const item = transfer[i];
    const transferable = item !== null && typeof item === 'object' && ((jt.transferModeOf(item) ?? 0) & jt.kTransferable);
    if (transferable && i < given && transfer.indexOf(item) !== i) {
      throw dataCloneError(`Transfer list contains duplicate ${item.constructor?.name ?? 'object'}`);
    }
    if (transferable && typeof item[jt.kTransferList] === 'function') {
      for (const x of item[jt.kTransferList]() ?? []) if (!transfer.includes(x)) transfer.push(x);
    }
  }
  const seen = new Map();
  const clone = (v) => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      if (typeof v === 'symbol') { const e = cloneError(); e.message = `${String(v)} could not be cloned.`; throw e; }
      return v;
    }
    if (typeof v === 'function') { const e = cloneError(); e.message = `${v.toString().slice(0, 60)} could not be cloned.`; throw e; }
    if (seen.has(v)) return seen.get(v);
    const t = binding.types;
    let out;
    if (Array.isArray(v)) {
      out = new Array(v.length);
      seen.set(v, out);
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    }
    if (t.isDate(v)) { out = new Date(v.getTime()); seen.set(v, out); return out; }
    if (t.isRegExp(v)) { out = new RegExp(v.source, v.flags); seen.set(v, out); return out; }
    if (t.isBoxedPrimitive(v)) { out = Object(v.valueOf()); seen.set(v, out); return out; }
    if (t.isMap(v)) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
    if (t.isSet(v)) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
    if (t.isArrayBuffer(v)) {
      if (transfer.includes(v)) { out = v.transfer(); seen.set(v, out); return out; }
      out = v.slice(0); seen.set(v, out); return out;
    }
    if (ArrayBuffer.isView(v)) {
      const buf = clone(v.buffer);
      const Ctor = t.isDataView(v) ? DataView : Object.getPrototypeOf(Object.getPrototypeOf(v)) === Object.getPrototypeOf(Uint8Array.prototype) ? v.constructor : Uint8Array;
      out = t.isDataView(v) ? new DataView(buf, v.byteOffset, v.byteLength) : new (globalThis[Object.prototype.toString.call(v).slice(8, -1)] || Ctor)(buf, v.byteOffset, v.length);
      seen.set(v, out);
      return out;
    }
    if (t.isNativeError(v)) {
      const Ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] || Error;
      out = new Ctor(v.message);
      seen.set(v, out);
      out.stack = v.stack;
      if ('cause' in v) out.cause = clone(v.cause);
      return out;
    }
    // process.env is a Proxy in amber, an object with interceptors in Node: it clones as
    // a plain object of its variables, as there.
    if (v === globalThis.process?.env) {
      out = {};
      seen.set(v, out);
      for (const k of Object.keys(v)) out[k] = v[k];
      return out;
    }
    if (t.isPromise(v) || t.isWeakMap(v) || t.isWeakSet(v) || t.isProxy(v)) {
      const e = cloneError(); e.message = `#<${v.constructor?.name ?? 'Object'}> could not be cloned.`; throw e;
    }
    // Objects of amber's own classes that say how they travel (js_transferable.js:
    // web streams, AbortSignals, ...): written with their [kTransfer] or [kClone] and made
    // again with [kDeserialize], as a message would carry them.
    const mode = jt.transferModeOf(v);
    if (mode !== undefined) {
      const [info, data] = jt.serializeTransferable(v, transfer, dataCloneError);
      out = {};
      seen.set(v, out);
      jt.finishTransferables([[out, info, clone(data)]]);
      return out;
    }
    // A MessagePort in the transfer list stays the same port: it never leaves this thread.
    if (transfer.includes(v) && v instanceof require('internal/worker/io').MessagePort) return v;
    out = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

module.exports = { structuredClone };
