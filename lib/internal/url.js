'use strict';
// WHATWG URL and URLSearchParams. Parsing and setters are native (the `url` crate);
// the object keeps its components in a private field.

const { parse, set } = binding.url;
const { inspect } = require('internal/inspect');
const {
  codes: { ERR_INVALID_URL, ERR_MISSING_ARGS, ERR_INVALID_THIS, ERR_ARG_NOT_ITERABLE, ERR_INVALID_TUPLE },
  validateFunction,
} = require('internal/errors');

const kParts = Symbol('parts');

function invalid(input, base) {
  const e = new ERR_INVALID_URL();
  e.input = input;
  if (base !== undefined) e.base = base;
  return e;
}

// The URL's query as a URLSearchParams sees it: `linkParams` ties a URLSearchParams to its
// URL (whose `search` it rewrites on every change) and `resetParams` refills it when the
// URL's query changes; both are set by URLSearchParams' static block below.
let linkParams;
let resetParams;
// For URLSearchParams' iterator: the pair at an index, or undefined past the end.
let pairAt;
let setPart;

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
  // Not a private method: a setter on a foreign receiver fails reading `#parts`, as in Node.
  static {
    setPart = (url, part, value) => {
      const parts = set(url.#parts[0], part, `${value}`);
      if (parts !== undefined) url.#parts = parts;
      if ((part === 'search' || part === 'href') && url.#search !== null) resetParams(url.#search, url.#parts[7]);
    };
  }
  // A private method, so that a foreign receiver is refused as V8 refuses it for Node's
  // URL ("Receiver must be an instance of class URL").
  #getHref() { return this.#parts[0]; }
  #getSearch() { return this.#parts[7]; }
  // The property order is the WebIDL one (for-in lists them so): stringifier first.
  toString() { return this.#getHref(); }
  get href() { return this.#getHref(); }
  set href(v) { setPart(this, 'href', v); }
  get origin() { return this.#parts[9]; }
  get protocol() { return this.#parts[1]; }
  set protocol(v) { setPart(this, 'protocol', v); }
  get username() { return this.#parts[2]; }
  set username(v) { setPart(this, 'username', v); }
  get password() { return this.#parts[3]; }
  set password(v) { setPart(this, 'password', v); }
  get host() { return this.#parts[5] ? `${this.#parts[4]}:${this.#parts[5]}` : this.#parts[4]; }
  set host(v) { setPart(this, 'host', v); }
  get hostname() { return this.#parts[4]; }
  set hostname(v) { setPart(this, 'hostname', v); }
  get port() { return this.#parts[5]; }
  set port(v) { setPart(this, 'port', v); }
  get pathname() { return this.#parts[6]; }
  set pathname(v) { setPart(this, 'pathname', v); }
  get search() { return this.#getSearch(); }
  set search(v) { setPart(this, 'search', v); }
  get searchParams() {
    if (this.#search === null) {
      this.#search = new URLSearchParams(this.#parts[7]);
      linkParams(this.#search, this);
    }
    return this.#search;
  }
  get hash() { return this.#parts[8]; }
  set hash(v) { setPart(this, 'hash', v); }
  toJSON() { return this.#getHref(); }
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

// WebIDL's USVString: a string with lone surrogates replaced by U+FFFD (a Symbol throws
// "Cannot convert a Symbol value to a string", as String conversion does).
function toUSVString(v) {
  return `${v}`.toWellFormed();
}

// application/x-www-form-urlencoded, as the URL standard defines it.
function encodeComponent(s) {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
let utf8Decoder;
function decodeComponent(s) {
  s = s.replace(/\+/g, ' ');
  if (!s.includes('%')) return s;
  // Percent-decode the string's UTF-8 bytes, then read them back as UTF-8 (invalid
  // sequences become U+FFFD).
  const { TextEncoder, TextDecoder } = require('internal/encoding');
  const input = new TextEncoder().encode(s);
  const out = new Uint8Array(input.length);
  const hex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const b = input[i];
    if (b === 0x25 && i + 2 < input.length && hex(input[i + 1]) && hex(input[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  utf8Decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
  return utf8Decoder.decode(out.subarray(0, n));
}
function parseQuery(query) {
  const list = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? '' : part.slice(eq + 1);
    list.push([decodeComponent(k), decodeComponent(v)]);
  }
  return list;
}

function stripColors(s) {
  return s.replace(/\u001b\[\d\d?m/g, '');
}

class URLSearchParams {
  // The name-value pairs, in order.
  #list = [];
  // The URL whose query this is, if any.
  #url = null;

  static {
    linkParams = (params, url) => { params.#url = url; };
    pairAt = (params, i) => params.#list[i];
    resetParams = (params, query) => {
      params.#list = parseQuery(query.startsWith('?') ? query.slice(1) : query);
    };
  }

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method !== undefined && method !== null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          const p = [];
          for (const x of pair) p.push(toUSVString(x));
          if (p.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this.#list.push(p);
        }
      } else {
        // A record: its own enumerable keys, a later key that converts to the same
        // string replacing the value of the earlier one.
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = toUSVString(key);
          const value = toUSVString(init[key]);
          const i = seen.get(name);
          if (i === undefined) {
            seen.set(name, this.#list.length);
            this.#list.push([name, value]);
          } else {
            this.#list[i][1] = value;
          }
        }
      }
    } else {
      let query = toUSVString(init);
      if (query.startsWith('?')) query = query.slice(1);
      this.#list = parseQuery(query);
    }
  }

  static #check(self) {
    if (!URLSearchParams.#is(self)) throw new ERR_INVALID_THIS('URLSearchParams');
  }
  static #is(v) {
    return typeof v === 'object' && v !== null && #list in v;
  }
  #update() {
    if (this.#url === null) return;
    const s = this.toString();
    this.#url.search = s === '' ? '' : `?${s}`;
  }

  get size() {
    if (!URLSearchParams.#is(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return this.#list.length;
  }
  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push([toUSVString(name), toUSVString(value)]);
    this.#update();
  }
  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    if (value !== undefined) {
      value = toUSVString(value);
      this.#list = this.#list.filter(([k, v]) => k !== name || v !== value);
    } else {
      this.#list = this.#list.filter(([k]) => k !== name);
    }
    this.#update();
  }
  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const e = this.#list.find(([k]) => k === name);
    return e ? e[1] : null;
  }
  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    return this.#list.filter(([k]) => k === name).map(([, v]) => v);
  }
  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    return this.#list.some(([k, v]) => k === name && (value === undefined || v === value));
  }
  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    name = toUSVString(name);
    value = toUSVString(value);
    const i = this.#list.findIndex(([k]) => k === name);
    if (i === -1) {
      this.#list.push([name, value]);
    } else {
      this.#list[i][1] = value;
      this.#list = this.#list.filter(([k], j) => k !== name || j === i);
    }
    this.#update();
  }
  // Stable, by the names' UTF-16 code units.
  sort() {
    URLSearchParams.#check(this);
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }
  entries() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'key+value');
  }
  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    validateFunction(callback, 'callback');
    // Live: the callback may change the list it walks.
    for (let i = 0; i < this.#list.length; i++) {
      const [k, v] = this.#list[i];
      callback.call(thisArg, v, k, this);
    }
  }
  keys() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'key');
  }
  values() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'value');
  }
  toString() {
    URLSearchParams.#check(this);
    return this.#list.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  }
  [inspect.custom](depth, options) {
    URLSearchParams.#check(this);
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options };
    if (depth !== null && depth !== undefined) inner.depth = depth - 1;
    const pairs = this.#list.map(([k, v]) => `${inspect(k, inner)} => ${inspect(v, inner)}`);
    const width = pairs.reduce((n, p) => n + stripColors(p).length + 2, -2);
    if (pairs.length === 0) return `${this.constructor.name} {}`;
    if (width > options.breakLength) return `${this.constructor.name} {\n  ${pairs.join(',\n  ')} }`;
    return `${this.constructor.name} { ${pairs.join(', ')} }`;
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
});
Object.defineProperties(URLSearchParams.prototype, Object.fromEntries(
  ['append', 'delete', 'get', 'getAll', 'has', 'set', 'size', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString']
    .map((k) => [k, { enumerable: true }]),
));
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// The iterator of keys(), values() and entries(): live, it reads the list as it goes.
class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;
  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }
  #item(pair) {
    if (this.#kind === 'key') return pair[0];
    if (this.#kind === 'value') return pair[1];
    return [pair[0], pair[1]];
  }
  next() {
    if (typeof this !== 'object' || this === null || !(#params in this)) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    const pair = pairAt(this.#params, this.#index);
    if (pair === undefined) return { value: undefined, done: true };
    this.#index++;
    return { value: this.#item(pair), done: false };
  }
  [inspect.custom](depth, options) {
    if (typeof this !== 'object' || this === null || !(#params in this)) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options };
    if (depth !== null && depth !== undefined) inner.depth = depth - 1;
    const rest = [];
    for (let i = this.#index, pair; (pair = pairAt(this.#params, i)) !== undefined; i++) rest.push(this.#item(pair));
    const parts = rest.map((x) => inspect(x, inner));
    const body = inspect(rest, inner).includes('\n') ? `\n  ${parts.join(',\n  ')}` : ` ${parts.join(', ')}`;
    return `URLSearchParams Iterator {${body} }`;
  }
}
Object.setPrototypeOf(URLSearchParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(URLSearchParamsIterator.prototype, 'next', { enumerable: true });
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });

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
