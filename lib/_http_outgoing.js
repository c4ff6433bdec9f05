'use strict';
// node:_http_outgoing — OutgoingMessage, the writable half shared by ServerResponse and
// ClientRequest: the header map (names kept with their case, looked up lower-cased),
// validation with Node's errors, serialisation of the head (_storeHeader: Date,
// Connection/Keep-Alive, Content-Length or chunked framing), body writes with chunked
// encoding, trailers, and 'finish' once the last byte is handed to the socket. Until a
// socket is attached (pipelined responses, requests waiting for an agent) output is
// buffered in `outputData`.

// process.nextTick without the `process` global's accessor (see internal/streams/utils).
const { nextTick } = require('internal/streams/utils');
const Stream = require('stream');
const { Buffer } = require('buffer');
const { checkIsHttpToken, checkInvalidHeaderChar } = require('_http_common');
const { kOutHeaders, kNeedDrain, utcDate } = require('internal/http');
const {
  codes: { ERR_INVALID_HTTP_TOKEN, ERR_INVALID_CHAR, ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_HEADER_VALUE,
    ERR_INVALID_ARG_TYPE, ERR_STREAM_WRITE_AFTER_END, ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES,
    ERR_HTTP_CONTENT_LENGTH_MISMATCH, ERR_HTTP_TRAILER_INVALID, ERR_HTTP_BODY_NOT_ALLOWED, ERR_METHOD_NOT_IMPLEMENTED },
} = require('internal/errors');

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) throw new ERR_INVALID_HTTP_TOKEN(label, name);
}
function validateHeaderValue(name, value) {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(String(value))) throw new ERR_INVALID_CHAR('header content', name);
}

function nop() {}

// The header map (`this[kOutHeaders]`: lower-cased name -> [name, value]). Made by a
// constructor whose prototype has no properties rather than as a `{ __proto__: null }`
// literal: V8 starts such a literal as a dictionary, and collecting a dictionary's keys
// (every head written) is a runtime call; this object keeps fast properties.
function HeaderMap() {}
HeaderMap.prototype = Object.create(null);

const kUniqueHeaders = Symbol('kUniqueHeaders');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');
const kHighWaterMark = Symbol('kHighWaterMark');
// The head _storeHeader built when every part of it was found ASCII (else null): _send
// then need not scan the whole head again before joining a UTF-8 body to it.
const kAsciiHeader = Symbol('kAsciiHeader');
const { getDefaultHighWaterMark } = require('internal/streams/state');

// The `uniqueHeaders` option: names (any case) whose array values go out as one line
// joined with '; ' instead of one line per value. Anything but an array means none.
function parseUniqueHeadersOption(headers) {
  if (!Array.isArray(headers)) return null;
  const unique = new Set();
  for (const name of headers) unique.add(String(name).toLowerCase());
  return unique;
}

function OutgoingMessage(options) {
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this.errored = null;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this.finished = false;
  this._headerSent = false;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kAsciiHeader] = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this._bytesWritten = 0;
  this._pendingWrites = 0;
  this._finishPending = false;
  this[kUniqueHeaders] = null;
  this[kRejectNonStandardBodyWrites] = false;
  this[kHighWaterMark] = options?.highWaterMark ?? getDefaultHighWaterMark();
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.defineProperty(OutgoingMessage.prototype, 'connection', { get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'headersSent', { get() { return !!this._header; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'writableEnded', { get() { return this.finished; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'closed', { get() { return this._closed; } });
Object.defineProperty(OutgoingMessage.prototype, 'writableFinished', {
  get() { return !!this._finishEmitted || (this.finished && this.outputSize === 0 && this._pendingWrites === 0 && (!this.socket || this.socket.writableLength === 0)); }, configurable: true,
});
Object.defineProperty(OutgoingMessage.prototype, 'writableObjectMode', { get() { return false; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'writableCorked', { get() { return this.socket ? this.socket.writableCorked : 0; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'writableHighWaterMark', { get() { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'writableLength', { get() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }, configurable: true });
Object.defineProperty(OutgoingMessage.prototype, 'writableNeedDrain', { get() { return !this.destroyed && !this.finished && !!this[kNeedDrain]; }, configurable: true });

// Node's deprecated views of the header map (DEP0066): `_headers` is getHeaders(),
// `_headerNames` maps lower-cased names to their spelling; both can be assigned.
let warnedHeaders = false;
let warnedHeaderNames = false;
function warnDep0066(what) {
  process.emitWarning(`OutgoingMessage.prototype.${what} is deprecated`, 'DeprecationWarning', 'DEP0066');
}
Object.defineProperty(OutgoingMessage.prototype, '_headers', {
  get() {
    if (!warnedHeaders) { warnedHeaders = true; warnDep0066('_headers'); }
    return this.getHeaders();
  },
  set(val) {
    if (!warnedHeaders) { warnedHeaders = true; warnDep0066('_headers'); }
    if (val == null) {
      this[kOutHeaders] = null;
    } else if (typeof val === 'object') {
      const headers = this[kOutHeaders] = new HeaderMap();
      for (const name of Object.keys(val)) headers[name.toLowerCase()] = [name, val[name]];
    }
  },
  configurable: true,
});
Object.defineProperty(OutgoingMessage.prototype, '_headerNames', {
  get() {
    if (!warnedHeaderNames) { warnedHeaderNames = true; warnDep0066('_headerNames'); }
    const headers = this[kOutHeaders];
    if (headers === null) return null;
    const out = { __proto__: null };
    for (const key of Object.keys(headers)) out[key] = headers[key][0];
    return out;
  },
  set(val) {
    if (!warnedHeaderNames) { warnedHeaderNames = true; warnDep0066('_headerNames'); }
    if (typeof val === 'object' && val !== null) {
      const headers = this[kOutHeaders];
      if (!headers) return;
      for (const key of Object.keys(val)) {
        const header = headers[key];
        if (header) header[0] = val[key];
      }
    }
  },
  configurable: true,
});

// The headers as they would be sent: { spelling: value }.
OutgoingMessage.prototype._renderHeaders = function _renderHeaders() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  const headers = this[kOutHeaders];
  const out = {};
  if (headers) for (const key of Object.keys(headers)) out[headers[key][0]] = headers[key][1];
  return out;
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) this.once('socket', (s) => s.setTimeout(msecs));
  else this.socket.setTimeout(msecs);
  return this;
};

OutgoingMessage.prototype.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this.errored = error;
  if (this.socket) this.socket.destroy(error);
  else this.once('socket', (socket) => socket.destroy(error));
  return this;
};

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  (this[kOutHeaders] ??= new HeaderMap())[name.toLowerCase()] = [name, value];
  return this;
};
OutgoingMessage.prototype.setHeaders = function setHeaders(headers) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
  }
  // A Headers object iterates each set-cookie value on its own: collect them, since
  // setHeader would keep only the last.
  const cookies = [];
  for (const [k, v] of headers) {
    if (k === 'set-cookie') {
      if (Array.isArray(v)) cookies.push(...v);
      else cookies.push(v);
      continue;
    }
    this.setHeader(k, v);
  }
  if (cookies.length) this.setHeader('set-cookie', cookies);
  return this;
};
OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const key = name.toLowerCase();
  const h = (this[kOutHeaders] ??= new HeaderMap());
  if (h[key] === undefined) { h[key] = [name, value]; return this; }
  const old = Array.isArray(h[key][1]) ? h[key][1] : [h[key][1]];
  h[key][1] = old.concat(value);
  return this;
};
OutgoingMessage.prototype.getHeader = function getHeader(name) {
  if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
  const e = this[kOutHeaders]?.[name.toLowerCase()];
  return e && e[1];
};
OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] ? Object.keys(this[kOutHeaders]) : [];
};
OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
  return this[kOutHeaders] ? Object.values(this[kOutHeaders]).map((e) => e[0]) : [];
};
OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const out = { __proto__: null };
  if (this[kOutHeaders]) for (const k of Object.keys(this[kOutHeaders])) out[k] = this[kOutHeaders][k][1];
  return out;
};
OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
  if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
  return !!this[kOutHeaders] && this[kOutHeaders][name.toLowerCase()] !== undefined;
};
OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  if (key === 'connection') this._removedConnection = true;
  else if (key === 'content-length') this._removedContLen = true;
  else if (key === 'transfer-encoding') this._removedTE = true;
  else if (key === 'date') this.sendDate = false;
  if (this[kOutHeaders]) delete this[kOutHeaders][key];
};
OutgoingMessage.prototype._implicitHeader = function _implicitHeader() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

// One header line of a head being built (`state.header`), and what it tells about the
// message: an array value is one line per element.
function processHeader(msg, state, name, value, key, validate) {
  if (Array.isArray(value)) {
    // One line per value, except for a Cookie (RFC 6265 wants one line) and the
    // names the `uniqueHeaders` option lists: those are joined with '; '.
    const lower = (value.length > 1 && (name.length === 6 || msg[kUniqueHeaders])) ? name.toLowerCase() : '';
    if (lower && (lower === 'cookie' || msg[kUniqueHeaders]?.has(lower))) {
      value = value.join('; ');
    } else {
      for (const v of value) processHeader(msg, state, name, v, key, validate);
      return;
    }
  }
  if (validate) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  }
  state.header += name + ': ' + value + '\r\n';
  // (A name checked above is a token, so ASCII; a value that is neither a string nor a
  // number is not looked at again, as converting it may have effects: assumed not ASCII.)
  if (state.ascii && ((!validate && nonAsciiRegExp.test(name)) ||
      (typeof value === 'string' ? nonAsciiRegExp.test(value) : typeof value !== 'number'))) {
    state.ascii = false;
  }
  // Only these names (10, 17, 14, 4, 6, 7 and 7 characters long) matter here.
  const len = name.length;
  if (len !== 10 && len !== 17 && len !== 14 && len !== 4 && len !== 6 && len !== 7) return;
  key ??= name.toLowerCase();
  if (key === 'keep-alive') {
    // The caller's Keep-Alive replaces the one the server would add.
    msg._defaultKeepAlive = false;
  } else if (key === 'connection') {
    state.connection = true;
    msg._removedConnection = false;
    if (/(?:^|\W)close(?:$|\W)/i.test(value)) msg._last = true; else msg.shouldKeepAlive = true;
  } else if (key === 'transfer-encoding') {
    state.te = true;
    msg._removedTE = false;
    if (/(?:^|\W)chunked(?:$|\W)/i.test(value)) msg.chunkedEncoding = true;
  } else if (key === 'content-length') {
    state.contLen = true;
    msg._contentLength = +value;
    msg._removedContLen = false;
  } else if (key === 'date') state.date = true;
  else if (key === 'expect') state.expect = true;
  else if (key === 'trailer') state.trailer = true;
  else if (key === 'upgrade') state.upgrade = true;
}

// Builds the head: `firstLine` then the given headers (an object of [name, value] pairs
// or a flat array), then what Node adds on its own, in Node's order.
OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
  const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, upgrade: false, header: firstLine,
    ascii: !nonAsciiRegExp.test(firstLine) };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      // Validated by setHeader/appendHeader already (Node does not check them again).
      const keys = Object.keys(headers);
      for (let i = 0; i < keys.length; i++) {
        const e = headers[keys[i]];
        processHeader(this, state, e[0], e[1], keys[i], false);
      }
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) processHeader(this, state, k, v, null, true);
      else for (let i = 0; i < headers.length; i += 2) processHeader(this, state, headers[i], headers[i + 1], null, true);
    } else {
      for (const key of Object.keys(headers)) {
        const e = headers[key];
        if (Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && e[0].toLowerCase() === key) processHeader(this, state, e[0], e[1], key, true);
        else processHeader(this, state, key, e, null, true);
      }
    }
  }
  let header = state.header;
  if (this.sendDate && !state.date) header += 'Date: ' + utcDate() + '\r\n';
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    // No body may follow: a chunked framing asked for cannot be kept, so the
    // connection ends with the message.
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }
  if (this._removedConnection) {
    // No Connection header at all: the connection persists as the version says.
    if (!this.shouldKeepAlive) this._last = true;
  } else if (!state.connection) {
    const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      header += 'Connection: close\r\n';
    } else if (shouldSendKeepAlive) {
      header += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        header += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}`;
        if (this._maxRequestsPerSocket) header += `, max=${this._maxRequestsPerSocket}`;
        header += '\r\n';
      }
    } else {
      this._last = true;
      header += 'Connection: close\r\n';
    }
  }
  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
      header += 'Content-Length: ' + this._contentLength + '\r\n';
    } else if (!this._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  if (this.chunkedEncoding !== true && state.trailer) throw new ERR_HTTP_TRAILER_INVALID();
  this._header = header + '\r\n';
  // What Node adds itself (Date, Connection, Keep-Alive, framing) is ASCII.
  this[kAsciiHeader] = state.ascii ? this._header : null;
  this._headerSent = false;
};

// Hands bytes to the socket, or buffers them until one is attached.
OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback) {
  if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  const conn = this.socket;
  if (conn && conn.destroyed) return false;
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    this._pendingWrites++;
    return conn.write(data, encoding, (err) => {
      this._pendingWrites--;
      if (callback) callback(err);
    });
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

OutgoingMessage.prototype._send = function _send(data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    // The head is latin1; it shares a write with a string body only when that is the
    // same bytes either way (an ASCII head, or a latin1 body).
    if (typeof data === 'string' && (encoding === 'latin1' || ((encoding === 'utf8' || !encoding) &&
        (this[kAsciiHeader] === this._header || !nonAsciiRegExp.test(this._header))))) {
      data = this._header + data;
    } else {
      this.outputData.unshift({ data: this._header, encoding: 'latin1', callback: null });
      this.outputSize += this._header.length;
      this._onPendingData(this._header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  const data = this.outputData;
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  let ret = true;
  socket.cork();
  for (const { data: d, encoding, callback } of data) {
    this._pendingWrites++;
    ret = socket.write(d, encoding, (err) => { this._pendingWrites--; if (callback) callback(err); });
  }
  socket.uncork();
  return ret;
};
OutgoingMessage.prototype._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) this._finish();
    else if (ret && this[kNeedDrain]) { this[kNeedDrain] = false; this.emit('drain'); }
  }
};

const nonAsciiRegExp = /[^\x00-\x7f]/;

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
}

function writeChecks(msg, chunk, fromEnd) {
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
}

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  const ret = OutgoingMessage.prototype._write0.call(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

OutgoingMessage.prototype._write0 = function (chunk, encoding, callback, fromEnd) {
  let err;
  if (this.finished) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (this.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    nextTick(() => {
      if (typeof callback === 'function') callback(err);
      if (!this.destroyed) this.emit('error', err);
    });
    return false;
  }
  writeChecks(this, chunk, fromEnd);
  if (!this._header) {
    if (fromEnd) this._contentLength = byteLength(chunk, encoding);
    this._implicitHeader();
  }
  if (!this._hasBody) {
    if (this[kRejectNonStandardBodyWrites]) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    if (typeof callback === 'function') nextTick(callback);
    return true;
  }
  // As in Node, the writes of one tick are held back in the socket (corked) and go out
  // together on the next tick: write() then reports backpressure once the socket's
  // high-water mark is passed, not only when the kernel is full.
  const conn = this.socket;
  if (!fromEnd && conn !== null && conn._httpMessage === this && !conn.writableCorked && conn.writable) {
    conn.cork();
    nextTick(connectionCorkNT, conn);
  }
  const len = byteLength(chunk, encoding);
  if (len === 0) {
    // Nothing to frame, but the head goes out now; an empty write still takes its turn
    // after the writes before it (its callback comes after theirs).
    return this._send('', 'latin1', callback);
  }
  if (strictContentLength(this) && (fromEnd ? this._bytesWritten + len !== this._contentLength : this._bytesWritten + len > this._contentLength)) {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this._bytesWritten + len, this._contentLength);
  }
  this._bytesWritten += len;
  if (this.chunkedEncoding) {
    // Four writes to the socket, as Node's (the size and its line end apart).
    this._send(len.toString(16), 'latin1', null);
    this._send('\r\n', 'latin1', null);
    this._send(chunk, encoding, null);
    return this._send('\r\n', 'latin1', callback);
  }
  return this._send(chunk, encoding, callback);
};

// strictContentLength holds the body to the Content-Length the head declared (only when
// the head declared one and the body is not chunked).
function strictContentLength(msg) {
  return msg.strictContentLength && msg._contentLength != null && msg._hasBody && !msg._removedContLen &&
    !msg.chunkedEncoding && !msg.hasHeader('transfer-encoding');
}

function connectionCorkNT(conn) {
  conn.uncork();
}

OutgoingMessage.prototype.addTrailers = function addTrailers(headers) {
  this._trailer = '';
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [field, value] of entries) {
    validateHeaderName(field, 'Trailer name');
    if (Array.isArray(value) && value.length > 1 && !this[kUniqueHeaders]?.has(field.toLowerCase())) {
      for (const v of value) {
        if (checkInvalidHeaderChar(String(v))) throw new ERR_INVALID_CHAR('trailer content', field);
        this._trailer += field + ': ' + v + '\r\n';
      }
      continue;
    }
    const v = Array.isArray(value) ? value.join('; ') : value;
    if (checkInvalidHeaderChar(String(v))) throw new ERR_INVALID_CHAR('trailer content', field);
    this._trailer += field + ': ' + v + '\r\n';
  }
};

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') { callback = chunk; chunk = null; encoding = null; } else if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  // A message whose connection is gone never finishes (its bytes go nowhere).
  const dead = this.destroyed || !!this.socket?.destroyed || !!this.socket?.writableEnded;
  const finish = () => { if (!dead) this._finishPendingEmit(); };
  let lastWrite;
  if (chunk) {
    if (this.finished) {
      const err = new ERR_STREAM_WRITE_AFTER_END();
      // (a closed message reports to the callback only)
      nextTick(() => { if (typeof callback === 'function') callback(err); if (!this.destroyed) this.emit('error', err); });
      return this;
    }
    if (this.socket) this.socket.cork();
    // A plain body's last chunk carries 'finish' itself: no empty write after it (a
    // chunked body still writes its terminator, a bodiless response its head).
    lastWrite = OutgoingMessage.prototype._write0.call(this, chunk, encoding, (err) => { if (!err && this._hasBody && !this.chunkedEncoding) finish(); }, true);
    if (this.socket) this.socket.uncork();
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.once('finish', () => callback(new ERR_STREAM_ALREADY_FINISHED('end')));
      else nextTick(callback, new ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (!this._header) {
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  if (strictContentLength(this) && this._bytesWritten !== this._contentLength) {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this._bytesWritten, this._contentLength);
  }
  let handedOff;
  if (this._hasBody && this.chunkedEncoding) {
    handedOff = this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
  } else if (lastWrite !== undefined && this._headerSent && this._hasBody) {
    handedOff = lastWrite;
  } else if (!this._headerSent || this.writableLength || chunk) {
    handedOff = this._send('', 'latin1', finish);
  } else {
    nextTick(finish);
  }
  // end() uncorks the connection fully (the tick's cork from write() included), before the
  // 'finish' below is queued, so the callbacks of the writes it flushes run first.
  if (this.socket && this.socket._writableState.corked > 0) {
    this.socket._writableState.corked = 1;
    this.socket.uncork();
  }
  // libuv completes a write to a socket with room at once, so Node's 'finish' comes a
  // tick after end(); amber's writer reports later, so a write the socket accepted
  // below its high-water mark counts as done (an error still reaches the socket).
  if (handedOff === true && this.socket && this.socket._httpMessage === this && this.outputData.length === 0) {
    nextTick(finish);
  }
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
  return this;
};
const { codes: { ERR_STREAM_ALREADY_FINISHED } } = require('internal/errors');

OutgoingMessage.prototype._finishPendingEmit = function () {
  if (this._finishEmitted) return;
  this._finishEmitted = true;
  this.emit('prefinish');
  this.emit('finish');
};
OutgoingMessage.prototype._finish = function _finish() {};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};
OutgoingMessage.prototype.pipe = function pipe() {
  this.emit('error', new (require('internal/errors').codes.ERR_STREAM_CANNOT_PIPE || Error)('Cannot pipe, not readable'));
};
OutgoingMessage.prototype.cork = function cork() { if (this.socket) this.socket.cork(); };
OutgoingMessage.prototype.uncork = function uncork() { if (this.socket) this.socket.uncork(); };

// A rejected async listener under captureRejections destroys the message with the error.
OutgoingMessage.prototype[require('events').captureRejectionSymbol] = function onRejection(err, event) {
  this.destroy(err);
};

// The socket drained: the message attached to it may write again.
function onSocketDrain() {
  const msg = this._httpMessage;
  if (msg && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

module.exports = { kHighWaterMark, kUniqueHeaders, kRejectNonStandardBodyWrites, parseUniqueHeadersOption, OutgoingMessage, validateHeaderName, validateHeaderValue, kOutHeaders, utcDate, onSocketDrain };
