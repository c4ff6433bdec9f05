'use strict';
// Response (WHATWG Fetch): status, status text, header list (guard 'response', or
// 'immutable' for network, error and redirect responses), URL list and body.

const { inspect } = require('internal/inspect');
const { HeaderList, fill, headersFromList } = require('internal/fetch/headers');
const { extractBody, bodyUnusable, mixinBody, cloneBody } = require('internal/fetch/body');

const kState = Symbol('response state');
const kHeaders = Symbol('response headers');
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

function state(self) {
  if (self === null || typeof self !== 'object' || !(kState in self)) throw new TypeError('Illegal invocation');
  return self[kState];
}

// A Response object around an inner response (used by fetch and the static methods).
function makeResponse(inner, guard) {
  const r = Object.create(Response.prototype);
  r[kState] = inner;
  r[kHeaders] = headersFromList(inner.headers, guard);
  return r;
}
function innerResponse(fields) {
  return {
    type: 'default', status: 200, statusText: '', headers: new HeaderList(), urlList: [], body: null,
    redirected: false, ...fields,
  };
}

function initialize(response, init, body) {
  if (init.status !== undefined) {
    const status = Number(init.status) | 0;
    if (status < 200 || status > 599) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    response[kState].status = status;
  }
  if (init.statusText !== undefined) {
    const text = `${init.statusText}`;
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(text)) throw new TypeError('Invalid statusText');
    response[kState].statusText = text;
  }
  if (init.headers !== undefined) fill(response[kHeaders], init.headers);
  if (body !== null) {
    if (NULL_BODY_STATUS.has(response[kState].status)) {
      throw new TypeError(`Response constructor: Invalid response status code ${response[kState].status}`);
    }
    response[kState].body = body.body;
    if (body.type !== null && !response[kState].headers.has('content-type')) {
      response[kState].headers.append('content-type', body.type);
    }
  }
}

class Response {
  constructor(body = null, init = {}) {
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Response constructor: Expected init (\"Argument 2\") to be an object.");
    }
    init ??= {};
    this[kState] = innerResponse();
    this[kHeaders] = headersFromList(this[kState].headers, 'response');
    initialize(this, init, body === null ? null : extractBody(body));
  }
  static error() {
    return makeResponse(innerResponse({ type: 'error', status: 0 }), 'immutable');
  }
  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = makeResponse(innerResponse(), 'response');
    initialize(r, init ?? {}, { body: extractBody(text).body, type: 'application/json' });
    return r;
  }
  static redirect(url, status = 302) {
    let parsed;
    try {
      parsed = new URL(`${url}`);
    } catch (err) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause: err });
    }
    status = Number(status) | 0;
    if (!REDIRECT_STATUS.has(status)) throw new RangeError(`Invalid status code ${status}`);
    const inner = innerResponse({ status });
    inner.headers.set('location', parsed.href);
    return makeResponse(inner, 'immutable');
  }
  get type() { return state(this).type; }
  get url() {
    const list = state(this).urlList;
    const u = list[list.length - 1];
    if (u === undefined) return '';
    const s = u.href;
    const hash = s.indexOf('#');
    return hash === -1 ? s : s.slice(0, hash);
  }
  get redirected() { return state(this).urlList.length > 1; }
  get status() { return state(this).status; }
  get ok() { const s = state(this).status; return s >= 200 && s <= 299; }
  get statusText() { return state(this).statusText; }
  get headers() { state(this); return this[kHeaders]; }
  clone() {
    const s = state(this);
    if (bodyUnusable(s.body)) throw new TypeError('Response.clone: Body has already been consumed.');
    const inner = { ...s, headers: s.headers.clone(), urlList: s.urlList.slice(), body: s.body === null ? null : cloneBody(s.body) };
    const guard = this[kHeaders] && require('internal/fetch/headers').getGuard(this[kHeaders]);
    return makeResponse(inner, guard);
  }
  [inspect.custom](depth, options) {
    if (depth < 0) return this;
    const props = {
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type, url: this.url,
    };
    return `Response ${inspect(props, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(Response.prototype, state);
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });
for (const name of Object.getOwnPropertyNames(Response.prototype)) {
  if (name === 'constructor') continue;
  const d = Object.getOwnPropertyDescriptor(Response.prototype, name);
  d.enumerable = true;
  Object.defineProperty(Response.prototype, name, d);
}

module.exports = { Response, makeResponse, innerResponse, responseState: state, NULL_BODY_STATUS, REDIRECT_STATUS };
