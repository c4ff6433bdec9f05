'use strict';
// structuredClone for the structured-serializable types: primitives, plain objects,
// arrays, Date, RegExp, Map, Set, ArrayBuffer and views, Errors, boxed primitives, Blobs;
// cycles and shared references are preserved. Functions and symbols throw.

function cloneError() {
  const e = new Error('could not be cloned.');
  Object.defineProperty(e, 'name', { value: 'DataCloneError', configurable: true, writable: true });
  e.code = 25;
  return e;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const { ERR_MISSING_ARGS } = require('internal/errors').codes;
    throw new ERR_MISSING_ARGS('value');
  }
  const transfer = options?.transfer ?? [];
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
    // A Blob (a File too, as in Node 20) clones as a Blob with the same bytes and type.
    const { Blob } = require('buffer');
    if (v instanceof Blob) { out = new Blob([v], { type: v.type }); seen.set(v, out); return out; }
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
    // Web streams can only be transferred, which amber does not implement.
    const streamType = v[require('internal/webstreams/util').kType];
    if (streamType === 'ReadableStream' || streamType === 'WritableStream' || streamType === 'TransformStream') {
      if (transfer.includes(v)) {
        const { ERR_NOT_IMPLEMENTED } = require('internal/errors').codes;
        throw new ERR_NOT_IMPLEMENTED(`transferring a ${streamType}`);
      }
      const err = new TypeError('Object that needs transfer was found in message but not listed in transferList');
      err.code = 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST';
      throw err;
    }
    out = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

module.exports = { structuredClone };
