'use strict';
// The HTTP/1-style compatibility API of node:http2: a server's 'request' event gives an
// Http2ServerRequest (a Readable over the stream's body) and an Http2ServerResponse
// (headers kept in a map until the stream responds), both over one ServerHttp2Stream.

const { Readable, Stream } = require('stream');
const { sensitiveHeaders, kSingleValue } = require('internal/http2/util');
const {
  codes: {
    ERR_HTTP2_HEADERS_SENT, ERR_HTTP2_INVALID_HEADER_VALUE, ERR_HTTP2_INVALID_STREAM, ERR_HTTP2_STATUS_INVALID,
    ERR_HTTP2_INFO_STATUS_NOT_ALLOWED, ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_CHAR,
    ERR_STREAM_WRITE_AFTER_END, ERR_INVALID_ARG_VALUE,
  },
  validateFunction, validateString, validateObject,
} = require('internal/errors');

const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const invalidValueRe = /[^\t\x20-\x7e\x80-\xff]/;

let statusMessageWarned = false;
function statusMessageWarn() {
  if (statusMessageWarned) return;
  statusMessageWarned = true;
  process.emitWarning('Status message is not supported by HTTP/2 (RFC7540 8.1.2.4)', 'UnsupportedWarning');
}

function validateName(name) {
  if (typeof name === 'string' && name[0] === ':') throw new ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED();
  if (typeof name !== 'string' || !tokenRe.test(name)) throw new ERR_INVALID_HTTP_TOKEN('Header name', name);
}

function validateValue(name, value) {
  if (value === undefined || value === null) throw new ERR_HTTP2_INVALID_HEADER_VALUE(value, name);
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (invalidValueRe.test(String(v))) throw new ERR_INVALID_CHAR('header content', name);
  }
}

class Http2ServerRequest extends Readable {
  constructor(stream, headers, options, rawHeaders) {
    super({ autoDestroy: false, ...options });
    this.stream = stream;
    this.headers = headers;
    this.rawHeaders = rawHeaders;
    this.trailers = {};
    this.rawTrailers = [];
    this._closed = false;
    this._aborted = false;
    this._reading = false;
    stream.on('trailers', (trailers, flags, raw) => {
      this.trailers = trailers;
      this.rawTrailers = raw;
    });
    stream.on('data', (chunk) => {
      if (!this.push(chunk)) stream.pause();
    });
    stream.on('end', () => {
      this.push(null);
    });
    stream.on('aborted', () => {
      if (this._closed) return;
      this._aborted = true;
      this.emit('aborted');
    });
    // As in Node, stream errors are not forwarded to the request (or the response).
    stream.on('close', () => {
      this._closed = true;
      this.emit('close');
    });
    stream.on('timeout', () => this.emit('timeout', stream));
    stream.pause();
  }

  get aborted() { return this._aborted; }
  // Whether the request is over: read to its end, aborted, or its stream gone.
  get complete() { return this._aborted || this.readableEnded || this._closed || this.stream.destroyed; }
  get method() { return this.headers[':method']; }
  set method(m) {
    validateString(m, 'method');
    if (m.trim() === '') throw new ERR_INVALID_ARG_VALUE('method', m);
    this.headers[':method'] = m;
  }
  get authority() { return this.headers[':authority'] ?? this.headers.host; }
  get scheme() { return this.headers[':scheme']; }
  get url() { return this.headers[':path']; }
  set url(u) { this.headers[':path'] = u; }
  get httpVersion() { return '2.0'; }
  get httpVersionMajor() { return 2; }
  get httpVersionMinor() { return 0; }
  get socket() {
    return (this._socketProxy ??= require('internal/http2/core').streamSocketProxy(this.stream, this));
  }
  get connection() { return this.socket; }

  _read() {
    this.stream.resume();
  }

  setTimeout(msecs, callback) {
    if (!this.stream.destroyed) this.stream.setTimeout(msecs, callback);
    return this;
  }
}

// HTTP/2 has no Connection header: one set through the compatibility API is dropped,
// with a warning the first time (`connection: trailers` is the exception Node makes).
let connectionHeaderWarned = false;
function connectionHeaderAllowed(name, value) {
  if (name !== 'connection' || value === 'trailers') return true;
  if (!connectionHeaderWarned) {
    connectionHeaderWarned = true;
    process.emitWarning('The provided connection header is not valid, the value will be dropped from the header and will never be in use.', 'UnsupportedWarning');
  }
  return false;
}

class Http2ServerResponse extends Stream {
  constructor(stream, options) {
    super(options);
    this.stream = stream;
    this.req = undefined;
    this.sendDate = true;
    this.writable = true;
    this._statusCode = 200;
    this._headers = { __proto__: null };
    this._trailers = null;
    this._ended = false;
    this._finished = false;
    stream.on('wantTrailers', () => {
      stream.sendTrailers(this._trailers ?? {});
    });
    stream.on('drain', () => this.emit('drain'));
    stream.on('aborted', () => {});
    stream.on('close', () => {
      this.writable = false;
      if (!this._finished) {
        this._finished = true;
        this.emit('finish');
      }
      this.emit('close');
    });
    stream.on('finish', () => {
      if (!this._finished) {
        this._finished = true;
        this.emit('finish');
      }
    });
    stream.on('timeout', () => this.emit('timeout', stream));
  }

  get statusCode() { return this._statusCode; }
  set statusCode(code) {
    code |= 0;
    if (code >= 100 && code < 200) throw new ERR_HTTP2_INFO_STATUS_NOT_ALLOWED();
    if (code < 100 || code > 599) throw new ERR_HTTP2_STATUS_INVALID(code);
    this._statusCode = code;
  }
  get statusMessage() {
    statusMessageWarn();
    return '';
  }
  set statusMessage(msg) { statusMessageWarn(); }
  get headersSent() { return this.stream.headersSent; }
  get _header() { return this.headersSent; }
  get finished() { return this._ended; }
  get writableEnded() { return this._ended; }
  get writableFinished() { return this._finished; }
  // Detached from the connection once finished, as Node's response is.
  get socket() {
    if (this._finished) return undefined;
    return this.req?.socket ?? (this._socketProxy ??= require('internal/http2/core').streamSocketProxy(this.stream));
  }
  get connection() { return this.socket; }
  get writableCorked() { return this.stream.writableCorked; }
  get writableHighWaterMark() { return this.stream.writableHighWaterMark; }
  get writableLength() { return this.stream.writableLength; }

  setHeader(name, value) {
    validateString(name, 'name');
    if (this.stream.headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    validateName(name);
    validateValue(name, value);
    if (!connectionHeaderAllowed(name, value)) return this;
    this._headers[name] = value;
    return this;
  }

  appendHeader(name, value) {
    validateString(name, 'name');
    if (this.stream.headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    validateName(name);
    validateValue(name, value);
    if (!connectionHeaderAllowed(name, value)) return this;
    const existing = this._headers[name];
    if (existing === undefined) this._headers[name] = value;
    else this._headers[name] = [].concat(existing, value);
    return this;
  }

  getHeader(name) {
    validateString(name, 'name');
    return this._headers[name.trim().toLowerCase()];
  }

  getHeaderNames() { return Object.keys(this._headers); }
  getHeaders() { return Object.assign({ __proto__: null }, this._headers); }

  hasHeader(name) {
    validateString(name, 'name');
    return this._headers[name.trim().toLowerCase()] !== undefined;
  }

  removeHeader(name) {
    validateString(name, 'name');
    if (this.stream.headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    name = name.trim().toLowerCase();
    if (name === 'date') this.sendDate = false;
    delete this._headers[name];
  }

  addTrailers(headers) {
    for (const key of Object.keys(headers)) this.setTrailer(key, headers[key]);
  }

  setTrailer(name, value) {
    validateString(name, 'name');
    name = name.trim().toLowerCase();
    validateName(name);
    if (value === undefined || value === null) throw new ERR_HTTP2_INVALID_HEADER_VALUE(String(value), name);
    validateValue(name, value);
    this._trailers = { ...this._trailers, [name]: value };
  }

  cork() { this.stream.cork(); }
  uncork() { this.stream.uncork(); }

  flushHeaders() {
    if (!this.stream.headersSent && !this.stream.destroyed) this._respond(false);
  }

  writeHead(statusCode, statusMessage, headers) {
    if (typeof statusMessage === 'string') statusMessageWarn();
    else headers = statusMessage;
    // A response that is over ignores it.
    if (this._finished || this.stream.destroyed || this.stream.closed) return this;
    if (this.stream.headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    this.statusCode = statusCode;
    if (Array.isArray(headers) && Array.isArray(headers[0])) {
      for (const [name, value] of headers) this.appendHeader(String(name), value);
    } else if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.appendHeader(String(headers[i]), headers[i + 1]);
    } else if (headers != null) {
      for (const key of Object.keys(headers)) this.setHeader(key, headers[key]);
    }
    this._respond(false);
    return this;
  }

  _respond(endStream) {
    const headers = { ...this._headers, ':status': this._statusCode };
    if (this.sendDate && headers.date === undefined) headers.date = new Date().toUTCString();
    for (const name of Object.keys(headers)) {
      if (kSingleValue.has(name) && Array.isArray(headers[name]) && headers[name].length > 1) {
        headers[name] = headers[name][headers[name].length - 1];
      }
    }
    if (this._headers[sensitiveHeaders]) headers[sensitiveHeaders] = this._headers[sensitiveHeaders];
    this.stream.respond(headers, { endStream, waitForTrailers: true, sendDate: false });
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = 'utf8';
    }
    if (this._ended) {
      const err = new ERR_STREAM_WRITE_AFTER_END();
      if (typeof cb === 'function') process.nextTick(cb, err);
      this.destroy(err);
      return false;
    }
    // Destroyed by its user: nothing to say.
    if (this._destroyed) return false;
    if (this.stream.destroyed || this.stream.closed) {
      const err = new ERR_HTTP2_INVALID_STREAM();
      if (typeof cb === 'function') process.nextTick(cb, err);
      else this.destroy(err);
      return false;
    }
    if (!this.stream.headersSent) this._respond(false);
    return this.stream.write(chunk, encoding, cb);
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = 'utf8';
    }
    if (this._ended) {
      if (typeof cb === 'function') process.nextTick(cb);
      return this;
    }
    // On a stream already closed there is nothing to send: the callback runs anyway.
    if (this.stream.destroyed || this.stream.closed) {
      this._ended = true;
      if (typeof cb === 'function') process.nextTick(cb);
      return this;
    }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    this._ended = true;
    if (typeof cb === 'function') this.once('finish', cb);
    // Nothing was written: the headers end the stream (and trailers set are not sent,
    // as in Node).
    if (!this.stream.headersSent) this._respond(true);
    this.stream.end();
    // A request body nobody read is not wanted any more: let it flow to its 'end'.
    if (this.req && this.req.readableFlowing === null) this.req.resume();
    return this;
  }

  destroy(err) {
    if (this._destroyed) return;
    this._destroyed = true;
    if (this.stream.destroyed) return;
    this.stream.destroy(err);
  }

  setTimeout(msecs, callback) {
    if (!this.stream.destroyed) this.stream.setTimeout(msecs, callback);
    return this;
  }

  createPushResponse(headers, callback) {
    validateFunction(callback, 'callback');
    if (this.stream.destroyed || this.stream.closed) {
      process.nextTick(callback, new ERR_HTTP2_INVALID_STREAM());
      return;
    }
    this.stream.pushStream(headers, {}, (err, stream) => {
      if (err) callback(err);
      else callback(null, new Http2ServerResponse(stream, {}));
    });
  }

  writeContinue() {
    if (this.stream.headersSent || this.stream.destroyed) return false;
    this.stream.additionalHeaders({ ':status': 100 });
    return true;
  }

  // 103 Early Hints with the `link` given (a string or an array of them, each
  // `<url>; param=value...`) and the other hints as headers; nothing without a link.
  writeEarlyHints(hints) {
    validateObject(hints, 'hints');
    const link = linkHeaderValue(hints.link);
    if (link === '') return false;
    if (this.stream.headersSent || this.stream.destroyed) return false;
    const headers = { __proto__: null };
    for (const key of Object.keys(hints)) if (key !== 'link') headers[key] = hints[key];
    this.stream.additionalHeaders({ ...headers, ':status': 103, link });
    return true;
  }
}

const linkValueRe = /^<[^>]*>(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/;
function linkHeaderValue(link) {
  const check = (v) => {
    if (typeof v !== 'string' || !linkValueRe.test(v.trim())) {
      throw new ERR_INVALID_ARG_VALUE('hints', link, 'must be an array or string of format "</styles.css>; rel=preload; as=style"');
    }
    return v.trim();
  };
  if (typeof link === 'string') return check(link);
  if (Array.isArray(link)) return link.map(check).join(', ');
  throw new ERR_INVALID_ARG_VALUE('hints', link, 'must be an array or string of format "</styles.css>; rel=preload; as=style"');
}

function onServerRequest(server, stream, headers, rawHeaders) {
  const options = server[require('internal/http2/core').kOptions] ?? {};
  const Request = options.Http2ServerRequest ?? Http2ServerRequest;
  const Response = options.Http2ServerResponse ?? Http2ServerResponse;
  const request = new Request(stream, headers, undefined, rawHeaders);
  const response = new Response(stream);
  response.req = request;
  stream.on('error', (err) => {
    if (server.listenerCount('streamError') > 0) server.emit('streamError', err, stream);
  });
  // CONNECT requests go to 'connect' listeners; without one they are not allowed.
  if (headers[':method'] === 'CONNECT') {
    if (!server.emit('connect', request, response)) {
      response.statusCode = 405;
      response.end();
    }
    return;
  }
  if (headers.expect !== undefined) {
    if (headers.expect === '100-continue') {
      if (server.listenerCount('checkContinue') > 0) {
        server.emit('checkContinue', request, response);
        return;
      }
      response.writeContinue();
    } else if (server.listenerCount('checkExpectation') > 0) {
      server.emit('checkExpectation', request, response);
      return;
    } else {
      response.statusCode = 417;
      response.end();
      return;
    }
  }
  server.emit('request', request, response);
}

module.exports = { Http2ServerRequest, Http2ServerResponse, onServerRequest };
