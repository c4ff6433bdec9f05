'use strict';
// Headers (WHATWG Fetch): a header list of (name, value) pairs kept in insertion order,
// with the first spelling of each name; reads combine values with ', ' and iteration is
// sorted by lower-cased name, with each set-cookie value on its own (as undici does).
// The guard ('none', 'request', 'response', 'immutable') decides whether it may change.

const { inspect } = require('internal/inspect');

const kList = Symbol('headers list');
const kGuard = Symbol('headers guard');

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function isValidName(name) { return TOKEN.test(name); }
// A value after normalisation: no NUL, CR or LF.
function isValidValue(value) { return !/[\0\r\n]/.test(value); }
function normalizeValue(value) { return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''); }

function byteString(value, prefix) {
  const s = `${value}`;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 255) {
      throw new TypeError(`Cannot convert argument to a ByteString because the character at index ${i} has a value of ${s.charCodeAt(i)} which is greater than 255.`);
    }
  }
  return s;
}

function checkHeaders(self) {
  if (self === null || typeof self !== 'object' || !(kList in self)) throw new TypeError('Illegal invocation');
}

// The list itself: Map lower-name -> { name, values[] }, in insertion order of names.
class HeaderList {
  constructor() { this.map = new Map(); this.sorted = null; }
  append(name, value) {
    const key = name.toLowerCase();
    const e = this.map.get(key);
    if (e) e.values.push(value);
    else this.map.set(key, { name, values: [value] });
    this.sorted = null;
  }
  set(name, value) {
    const key = name.toLowerCase();
    const e = this.map.get(key);
    if (e) e.values = [value];
    else this.map.set(key, { name, values: [value] });
    this.sorted = null;
  }
  delete(name) { if (this.map.delete(name.toLowerCase())) this.sorted = null; }
  has(name) { return this.map.has(name.toLowerCase()); }
  get(name) {
    const e = this.map.get(name.toLowerCase());
    return e === undefined ? null : e.values.join(', ');
  }
  getSetCookie() { return this.map.get('set-cookie')?.values.slice() ?? []; }
  // [lower name, combined value] sorted by name; set-cookie values one by one.
  entries() {
    if (this.sorted) return this.sorted;
    const keys = [...this.map.keys()].sort();
    const out = [];
    for (const k of keys) {
      const e = this.map.get(k);
      if (k === 'set-cookie') for (const v of e.values) out.push([k, v]);
      else out.push([k, e.values.join(', ')]);
    }
    this.sorted = out;
    return out;
  }
  // [name as first spelled, combined value] in insertion order: what goes on the wire.
  raw() {
    const out = [];
    for (const [k, e] of this.map) {
      if (k === 'set-cookie') for (const v of e.values) out.push([e.name, v]);
      else out.push([e.name, e.values.join(', ')]);
    }
    return out;
  }
  clone() {
    const c = new HeaderList();
    for (const [k, e] of this.map) c.map.set(k, { name: e.name, values: e.values.slice() });
    return c;
  }
}

function appendHeader(headers, name, value, method) {
  value = normalizeValue(value);
  if (!isValidName(name)) throw new TypeError(`Headers.${method}: "${name}" is an invalid header name.`);
  if (!isValidValue(value)) throw new TypeError(`Headers.${method}: "${value}" is an invalid header value.`);
  if (headers[kGuard] === 'immutable') throw new TypeError('immutable');
  headers[kList].append(name, value);
}

function fill(headers, init) {
  if (init === null || typeof init !== 'object' && typeof init !== 'function') {
    throw new TypeError("Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.");
  }
  const iter = init[Symbol.iterator];
  if (iter !== undefined) {
    if (typeof iter !== 'function') throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    for (const pair of init) {
      if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
        throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
      }
      const p = [...pair];
      if (p.length !== 2) throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${p.length}.`);
      appendHeader(headers, byteString(p[0], 'Header name'), byteString(p[1], 'Header value'), 'append');
    }
  } else {
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      if (typeof key === 'symbol') throw new TypeError('Headers constructor: Key Symbol() in init is a symbol, which cannot be converted to a ByteString.');
      appendHeader(headers, byteString(key, 'Header name'), byteString(init[key], 'Header value'), 'append');
    }
  }
}

class Headers {
  constructor(init = undefined) {
    this[kList] = new HeaderList();
    this[kGuard] = 'none';
    if (init !== undefined) fill(this, init);
  }
  append(name, value) {
    checkHeaders(this);
    if (arguments.length < 2) throw new TypeError(`Headers.append: 2 arguments required, but only ${arguments.length} present.`);
    appendHeader(this, byteString(name, 'Header name'), byteString(value, 'Header value'), 'append');
  }
  delete(name) {
    checkHeaders(this);
    if (arguments.length < 1) throw new TypeError('Headers.delete: 1 argument required, but only 0 present.');
    name = byteString(name, 'Header name');
    if (!isValidName(name)) throw new TypeError(`Headers.delete: "${name}" is an invalid header name.`);
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].delete(name);
  }
  get(name) {
    checkHeaders(this);
    if (arguments.length < 1) throw new TypeError('Headers.get: 1 argument required, but only 0 present.');
    name = byteString(name, 'Header name');
    if (!isValidName(name)) throw new TypeError(`Headers.get: "${name}" is an invalid header name.`);
    return this[kList].get(name);
  }
  getSetCookie() { checkHeaders(this); return this[kList].getSetCookie(); }
  has(name) {
    checkHeaders(this);
    if (arguments.length < 1) throw new TypeError('Headers.has: 1 argument required, but only 0 present.');
    name = byteString(name, 'Header name');
    if (!isValidName(name)) throw new TypeError(`Headers.has: "${name}" is an invalid header name.`);
    return this[kList].has(name);
  }
  set(name, value) {
    checkHeaders(this);
    if (arguments.length < 2) throw new TypeError(`Headers.set: 2 arguments required, but only ${arguments.length} present.`);
    name = byteString(name, 'Header name');
    value = normalizeValue(byteString(value, 'Header value'));
    if (!isValidName(name)) throw new TypeError(`Headers.set: "${name}" is an invalid header name.`);
    if (!isValidValue(value)) throw new TypeError(`Headers.set: "${value}" is an invalid header value.`);
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].set(name, value);
  }
  forEach(callback, thisArg = undefined) {
    checkHeaders(this);
    if (typeof callback !== 'function') {
      throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    }
    for (const [k, v] of this) callback.call(thisArg, v, k, this);
  }
  keys() { checkHeaders(this); return makeIterator(this, 'key'); }
  values() { checkHeaders(this); return makeIterator(this, 'value'); }
  entries() { checkHeaders(this); return makeIterator(this, 'key+value'); }
  [Symbol.iterator]() { checkHeaders(this); return makeIterator(this, 'key+value'); }
  [inspect.custom](depth, options) {
    const obj = {};
    for (const [k, e] of this[kList].map) obj[k === 'set-cookie' ? k : e.name] = e.values.join(', ');
    options = { ...options, depth: options.depth == null ? null : options.depth };
    return `Headers ${inspect(obj, options)}`;
  }
}
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });
for (const m of ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries']) {
  Object.defineProperty(Headers.prototype, m, { enumerable: true });
}

// An iterator over the sorted list as it is at each step (the spec's value pairs).
const HeadersIteratorPrototype = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), {
  next: {
    value: function next() {
      const it = this;
      if (it === null || typeof it !== 'object' || !('target' in it)) throw new TypeError("'next' called on an object that does not implement interface Headers Iterator.");
      const list = it.target[kList].entries();
      if (it.index >= list.length) return { value: undefined, done: true };
      const [k, v] = list[it.index++];
      return { value: it.kind === 'key' ? k : it.kind === 'value' ? v : [k, v], done: false };
    },
    writable: true, enumerable: true, configurable: true,
  },
  [Symbol.toStringTag]: { value: 'Headers Iterator', configurable: true },
});
function makeIterator(target, kind) {
  const it = Object.create(HeadersIteratorPrototype);
  it.target = target; it.kind = kind; it.index = 0;
  return it;
}

// Helpers for Request/Response/fetch.
function headersFromList(list, guard) {
  const h = Object.create(Headers.prototype);
  h[kList] = list;
  h[kGuard] = guard;
  return h;
}
function getList(h) { return h[kList]; }
function setGuard(h, guard) { h[kGuard] = guard; }
function getGuard(h) { return h[kGuard]; }

module.exports = { Headers, HeaderList, fill, headersFromList, getList, setGuard, getGuard, isValidName, isValidValue, normalizeValue };
