'use strict';
// node:_http_incoming — IncomingMessage, the Readable a server hands out as `req` and a
// client as `res`: head fields (method/url or statusCode/statusMessage, httpVersion,
// headers joined as Node joins duplicates, rawHeaders, trailers) and the body pushed by
// the connection's parser. Backpressure pauses the socket; _read resumes it.

// process.nextTick without the `process` global's accessor (see internal/streams/utils).
const { nextTick } = require('internal/streams/utils');
const { Readable } = require('stream');

// Fields whose duplicates Node drops (first wins).
const kDropDuplicates = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards',
  'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function addHeaderLine(field, value, dest, join) {
  const name = field.toLowerCase();
  // Own properties only: a header named `constructor` is not Object.prototype's.
  const current = Object.hasOwn(dest, name) ? dest[name] : undefined;
  if (name === 'set-cookie') {
    if (current !== undefined) current.push(value); else dest[name] = [value];
  } else if (current === undefined) {
    dest[name] = value;
  } else if (kDropDuplicates.has(name) && !join) {
    // keep the first
  } else if (name === 'cookie') {
    dest[name] += '; ' + value;
  } else {
    dest[name] += ', ' + value;
  }
}

function IncomingMessage(socket) {
  // autoDestroy as in Node: a body read to its end destroys the message ('close').
  Readable.call(this, socket ? { highWaterMark: socket.readableHighWaterMark } : undefined);
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this.rawHeaders = [];
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  this._dumped = false;
  this._headers = null;
  this._trailers = null;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'headers', {
  get() {
    if (!this._headers) {
      this._headers = {};
      for (let i = 0; i < this.rawHeaders.length; i += 2) addHeaderLine(this.rawHeaders[i], this.rawHeaders[i + 1], this._headers, this.joinDuplicateHeaders);
    }
    return this._headers;
  },
  set(v) { this._headers = v; }, configurable: true, enumerable: true,
});
// Every value of each field, in order, under its lower-cased name.
function distinct(raw) {
  const out = {};
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    if (Object.hasOwn(out, k)) out[k].push(raw[i + 1]); else out[k] = [raw[i + 1]];
  }
  return out;
}
Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
  get() { return distinct(this.rawHeaders); }, configurable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'trailersDistinct', {
  get() { return distinct(this.rawTrailers); }, configurable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'trailers', {
  get() {
    if (!this._trailers) {
      this._trailers = {};
      for (let i = 0; i < this.rawTrailers.length; i += 2) addHeaderLine(this.rawTrailers[i], this.rawTrailers[i + 1], this._trailers, this.joinDuplicateHeaders);
    }
    return this._trailers;
  },
  set(v) { this._trailers = v; }, configurable: true,
});

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function _read() {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  if (this.socket && this._pausedSocket) {
    this._pausedSocket = false;
    if (this.socket.readable) this.socket.resume();
  }
};

// Called by the connection with each body chunk.
IncomingMessage.prototype._pushBody = function _pushBody(chunk) {
  if (this._dumped) return;
  if (!this.push(chunk) && this.socket && !this._pausedSocket) {
    this._pausedSocket = true;
    this.socket.pause();
  }
};

IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  // As in Node, the error is emitted only when someone listens for it (an aborted
  // response nobody handles errors of is not a crash).
  // (amber's destroy() also emits the error destroy() was called with, so an unheard
  // one is marked as emitted.)
  const done = (e) => {
    if (this.listenerCount('error') > 0) return cb(e);
    this._readableState.errorEmitted = true;
    cb();
  };
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = require('stream').finished(this.socket, (e) => {
      cleanup();
      nextTick(done, e && e.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? e : err);
    });
  } else {
    nextTick(done, err);
  }
};

// Reads and discards the rest of the body (a response nobody reads).
IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers, n) {
  for (let i = 0; i < n; i += 2) addHeaderLine(headers[i], headers[i + 1], this.headers);
};
IncomingMessage.prototype._addHeaderLine = function (field, value, dest) { addHeaderLine(field, value, dest); };

module.exports = { IncomingMessage, readStart(socket) { if (socket && !socket._paused && socket.readable) socket.resume(); }, readStop(socket) { if (socket) socket.pause(); } };
