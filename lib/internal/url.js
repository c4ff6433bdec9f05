'use strict';
// WHATWG URL and URLSearchParams. Parsing and setters are native (the `url` crate);
// the object keeps its components in a private field.

const { parse, set } = binding.url;
const { inspect } = require('internal/inspect');
const { codes: { ERR_INVALID_URL, ERR_MISSING_ARGS } } = require('internal/errors');

const kParts = Symbol('parts');

function invalid(input, base) {
  const e = new ERR_INVALID_URL();
  e.input = input;
  if (base !== undefined) e.base = base;
  return e;
}

class URL {
  #parts;
  #search = null;
  constructor(input, base) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    const parts = parse(input, base);
    if (parts === undefined) throw invalid(input, base);
    this.#parts = parts;
  }
  static canParse(input, base) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    return parse(`${input}`, base === undefined ? undefined : `${base}`) !== undefined;
  }
  static parse(input, base) {
    try { return new URL(input, base); } catch { return null; }
  }
  #set(part, value) {
    const parts = set(this.#parts[0], part, `${value}`);
    if (parts !== undefined) this.#parts = parts;
    if (part === 'search' || part === 'href') this.#search?._reset(this.#parts[7]);
  }
  get href() { return this.#parts[0]; }
  set href(v) { this.#set('href', v); }
  get protocol() { return this.#parts[1]; }
  set protocol(v) { this.#set('protocol', v); }
  get username() { return this.#parts[2]; }
  set username(v) { this.#set('username', v); }
  get password() { return this.#parts[3]; }
  set password(v) { this.#set('password', v); }
  get host() { return this.#parts[5] ? `${this.#parts[4]}:${this.#parts[5]}` : this.#parts[4]; }
  set host(v) { this.#set('host', v); }
  get hostname() { return this.#parts[4]; }
  set hostname(v) { this.#set('hostname', v); }
  get port() { return this.#parts[5]; }
  set port(v) { this.#set('port', v); }
  get pathname() { return this.#parts[6]; }
  set pathname(v) { this.#set('pathname', v); }
  get search() { return this.#parts[7]; }
  set search(v) { this.#set('search', v); }
  get hash() { return this.#parts[8]; }
  set hash(v) { this.#set('hash', v); }
  get origin() { return this.#parts[9]; }
  get searchParams() {
    if (this.#search === null) {
      this.#search = new URLSearchParams(this.#parts[7]);
      this.#search._url = this;
    }
    return this.#search;
  }
  toString() { return this.#parts[0]; }
  toJSON() { return this.#parts[0]; }
  [inspect.custom](depth, options) {
    const obj = {
      href: this.href, origin: this.origin, protocol: this.protocol, username: this.username,
      password: this.password, host: this.host, hostname: this.hostname, port: this.port,
      pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash,
    };
    if (depth < 0) return `URL ${inspect(obj, { ...options, depth: -1 })}`.replace('Object', 'URL');
    return `URL ${inspect(obj, options)}`;
  }
}
Object.defineProperties(URL.prototype, Object.fromEntries(
  ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin', 'searchParams', 'toString', 'toJSON']
    .map((k) => [k, { enumerable: true }]),
));
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

function encodeComponent(s) {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function decodeComponent(s) {
  s = s.replace(/\+/g, ' ');
  try { return decodeURIComponent(s); } catch { return s.replace(/%([0-9a-fA-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))); }
}

class URLSearchParams {
  constructor(init = '') {
    this._list = [];
    this._url = null;
    if (typeof init === 'object' && init !== null) {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = [...pair];
          if (p.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
          this._list.push([`${p[0]}`, `${p[1]}`]);
        }
      } else {
        for (const k of Object.keys(init)) this._list.push([k, `${init[k]}`]);
      }
    } else {
      this._reset(`${init}`);
    }
  }
  _reset(query) {
    this._list = [];
    if (query.startsWith('?')) query = query.slice(1);
    for (const part of query.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const k = eq === -1 ? part : part.slice(0, eq);
      const v = eq === -1 ? '' : part.slice(eq + 1);
      this._list.push([decodeComponent(k), decodeComponent(v)]);
    }
  }
  _update() {
    if (this._url) {
      const s = this.toString();
      this._url.search = s;
    }
  }
  get size() { return this._list.length; }
  append(k, v) { this._list.push([`${k}`, `${v}`]); this._update(); }
  delete(k, v) { this._list = this._list.filter(([a, b]) => a !== `${k}` || (v !== undefined && b !== `${v}`)); this._update(); }
  get(k) { const e = this._list.find(([a]) => a === `${k}`); return e ? e[1] : null; }
  getAll(k) { return this._list.filter(([a]) => a === `${k}`).map(([, b]) => b); }
  has(k, v) { return this._list.some(([a, b]) => a === `${k}` && (v === undefined || b === `${v}`)); }
  set(k, v) {
    k = `${k}`;
    const i = this._list.findIndex(([a]) => a === k);
    if (i === -1) this._list.push([k, `${v}`]);
    else {
      this._list[i][1] = `${v}`;
      this._list = this._list.filter(([a], j) => a !== k || j === i);
    }
    this._update();
  }
  sort() { this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
  forEach(cb, thisArg) { for (const [k, v] of this._list) cb.call(thisArg, v, k, this); }
  keys() { return this._list.map(([k]) => k)[Symbol.iterator](); }
  values() { return this._list.map(([, v]) => v)[Symbol.iterator](); }
  entries() { return this._list.map(([k, v]) => [k, v])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this._list.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&'); }
  [inspect.custom](depth, options) {
    if (this._list.length === 0) return 'URLSearchParams {}';
    const inner = this._list.map(([k, v]) => `${inspect(k, options)} => ${inspect(v, options)}`).join(', ');
    return `URLSearchParams { ${inner} }`;
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// Object URLs (`blob:nodedata:<uuid>`) name Blobs registered in this process, for
// buffer.resolveObjectURL.
const blobRegistry = new Map();
function objectURLId(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'blob:') return undefined;
  const split = parsed.pathname.split(':');
  return split.length === 2 && split[0] === 'nodedata' ? split[1] : undefined;
}
Object.defineProperties(URL, {
  createObjectURL: {
    enumerable: true, writable: true, configurable: true,
    value: function createObjectURL(obj) {
      const { Blob } = require('buffer');
      if (!(obj instanceof Blob)) {
        const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
        throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
      }
      const id = require('crypto').randomUUID();
      blobRegistry.set(id, obj);
      return `blob:nodedata:${id}`;
    },
  },
  revokeObjectURL: {
    enumerable: true, writable: true, configurable: true,
    value: function revokeObjectURL(url) {
      if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
      const id = objectURLId(`${url}`);
      if (id !== undefined) blobRegistry.delete(id);
    },
  },
});
function resolveObjectURL(url) {
  const id = objectURLId(`${url}`);
  return id === undefined ? undefined : blobRegistry.get(id);
}

// Whether `self` is a WHATWG URL rather than a legacy url.parse() object (which has
// `auth` and `path`) or some other object with an href.
function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

module.exports = { URL, URLSearchParams, kParts, resolveObjectURL, isURL };
