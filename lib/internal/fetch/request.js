'use strict';
// Request (WHATWG Fetch): method, URL, header list (guard 'request'), body, redirect
// mode and an AbortSignal that follows the one given. The inner state is a plain object
// under a symbol, so requests built during a snapshot build are ordinary heap data.

const { inspect } = require('internal/inspect');
const { AbortController, AbortSignal } = require('internal/abort_controller');
const { HeaderList, fill, headersFromList } = require('internal/fetch/headers');
const { extractBody, bodyUnusable, mixinBody, cloneBody } = require('internal/fetch/body');
const { TransformStream } = require('internal/webstreams/transformstream');

const kState = Symbol('request state');
const kSignal = Symbol('request signal');
const kHeaders = Symbol('request headers');

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
let patchWarned = false;
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const enums = {
  mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'manual', 'error'],
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin',
    'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
};

function state(self) {
  if (self === null || typeof self !== 'object' || !(kState in self)) throw new TypeError('Illegal invocation');
  return self[kState];
}

const kDetach = Symbol('detach from the followed signal');

// The request's own signal, aborted when `signal` is. The listener on `signal` stays
// until detach() (fetch calls it when its exchange is over), so a long-lived signal
// shared by many fetches does not collect one listener per request.
function followSignal(request, signal) {
  const ac = new AbortController();
  request[kDetach] = () => {};
  if (signal != null) {
    if (signal.aborted) ac.abort(signal.reason);
    else {
      const onAbort = () => ac.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      request[kDetach] = () => signal.removeEventListener('abort', onAbort);
    }
  }
  return ac.signal;
}

class Request {
  constructor(input, init = {}) {
    if (arguments.length < 1) throw new TypeError('Request constructor: 1 argument required, but only 0 present.');
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Request constructor: Expected init (\"Argument 2\") to be an object.");
    }
    init ??= {};
    let inner; let signal = null; let inputBody = null;
    if (input instanceof Request) {
      const s = input[kState];
      inner = { ...s, headers: s.headers.clone(), body: null };
      inputBody = s.body;
      signal = input[kSignal];
    } else {
      let url;
      try {
        url = new URL(`${input}`);
      } catch (err) {
        throw new TypeError(`Failed to parse URL from ${input}`, { cause: err });
      }
      if (url.username || url.password) {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      }
      inner = {
        method: 'GET', url, headers: new HeaderList(), body: null, mode: 'cors', credentials: 'same-origin',
        cache: 'default', redirect: 'follow', referrer: 'about:client', referrerPolicy: '', integrity: '',
        keepalive: false, duplex: 'half',
      };
    }
    for (const key of Object.keys(enums)) {
      if (init[key] !== undefined) {
        const v = `${init[key]}`;
        if (!enums[key].includes(v)) {
          throw new TypeError(`Request constructor: ${v} is not an accepted type. Expected one of ${enums[key].join(', ')}.`);
        }
        if (key === 'mode' && v === 'navigate') {
          throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
        }
        inner[key] = v;
      }
    }
    if (init.referrer !== undefined) {
      const r = `${init.referrer}`;
      if (r === '') inner.referrer = 'no-referrer';
      else {
        try { inner.referrer = new URL(r).href; } catch (err) { throw new TypeError(`Referrer "${r}" is not a valid URL.`, { cause: err }); }
      }
    }
    if (init.integrity !== undefined) inner.integrity = `${init.integrity}`;
    if (init.keepalive !== undefined) inner.keepalive = !!init.keepalive;
    if (init.method !== undefined) {
      let method = `${init.method}`;
      if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      if (NORMALIZED.has(upper)) method = upper;
      else if (upper === 'PATCH' && method !== 'PATCH' && !patchWarned) {
        patchWarned = true;
        process.emitWarning('Using `patch` is highly likely to result in a `405 Method Not Allowed`. `PATCH` is much more likely to succeed.', { code: 'UNDICI-FETCH-patch' });
      }
      inner.method = method;
    }
    if (init.signal !== undefined) {
      if (init.signal !== null && !(init.signal instanceof AbortSignal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      signal = init.signal;
    }
    if (init.headers !== undefined) {
      inner.headers = new HeaderList();
    }
    this[kState] = inner;
    this[kSignal] = followSignal(this, signal);
    this[kHeaders] = headersFromList(inner.headers, 'request');
    if (init.headers !== undefined) fill(this[kHeaders], init.headers);

    const initBody = init.body;
    if ((initBody != null || inputBody !== null) && (inner.method === 'GET' || inner.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (initBody != null) {
      const { body, type } = extractBody(initBody);
      inner.body = body;
      if (type !== null && !inner.headers.has('content-type')) inner.headers.append('content-type', type);
      if (body.source === null && init.duplex !== 'half') {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
    } else if (inputBody !== null) {
      if (bodyUnusable(inputBody)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      // The new request reads the old one's stream through a proxy, which uses it up.
      const proxy = new TransformStream();
      inputBody.stream.pipeTo(proxy.writable).catch(() => {});
      inner.body = { stream: proxy.readable, source: inputBody.source, length: inputBody.length };
    }
  }
  get method() { return state(this).method; }
  get url() { return state(this).url.href; }
  get headers() { state(this); return this[kHeaders]; }
  get destination() { state(this); return ''; }
  get referrer() {
    const r = state(this).referrer;
    return r === 'no-referrer' ? '' : r;
  }
  get referrerPolicy() { return state(this).referrerPolicy; }
  get mode() { return state(this).mode; }
  get credentials() { return state(this).credentials; }
  get cache() { return state(this).cache; }
  get redirect() { return state(this).redirect; }
  get integrity() { return state(this).integrity; }
  get keepalive() { return state(this).keepalive; }
  get isReloadNavigation() { state(this); return false; }
  get isHistoryNavigation() { state(this); return false; }
  get signal() { state(this); return this[kSignal]; }
  get duplex() { state(this); return 'half'; }
  clone() {
    const s = state(this);
    if (bodyUnusable(s.body)) throw new TypeError('unusable');
    const copy = Object.create(Request.prototype);
    const inner = { ...s, headers: s.headers.clone(), body: s.body === null ? null : cloneBody(s.body) };
    copy[kState] = inner;
    copy[kSignal] = followSignal(copy, this[kSignal]);
    copy[kHeaders] = headersFromList(inner.headers, 'request');
    return copy;
  }
  [inspect.custom](depth, options) {
    if (depth < 0) return this;
    const props = {
      method: this.method, url: this.url, headers: this.headers, destination: this.destination,
      referrer: this.referrer, referrerPolicy: this.referrerPolicy, mode: this.mode, credentials: this.credentials,
      cache: this.cache, redirect: this.redirect, integrity: this.integrity, keepalive: this.keepalive,
      isReloadNavigation: false, isHistoryNavigation: false, signal: this.signal,
    };
    return `Request ${inspect(props, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(Request.prototype, state);
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor') continue;
  const d = Object.getOwnPropertyDescriptor(Request.prototype, name);
  d.enumerable = true;
  Object.defineProperty(Request.prototype, name, d);
}

module.exports = { Request, requestState: state, requestSignal: (r) => r[kSignal], detachSignal: (r) => r[kDetach]() };
