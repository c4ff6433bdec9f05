'use strict';
// node:_http_client — ClientRequest: turns url/options into a request head, gets a
// socket from its Agent (or createConnection), parses the response into an
// IncomingMessage ('response', 'continue', 'information', 'upgrade'), returns the socket
// to the agent when both sides are done, and reports errors, timeouts and aborts
// (AbortSignal) as Node does.

const net = require('net');
const { Buffer } = require('buffer');
const { URL, urlToHttpOptions } = require('url');
const { isParseError, checkIsHttpToken, parsers, freeParser } = require('_http_common');
const { OutgoingMessage, onSocketDrain, kUniqueHeaders, parseUniqueHeadersOption } = require('_http_outgoing');
const { IncomingMessage } = require('_http_incoming');
const { Agent, globalAgent } = require('_http_agent');
const perf = require('internal/perf/observe');
const {
  validateBoolean, validateNumber,
  codes: { ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_PROTOCOL, ERR_UNESCAPED_CHARACTERS,
    ERR_HTTP_HEADERS_SENT, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;

function connResetException(msg) {
  const e = new Error(msg);
  e.code = 'ECONNRESET';
  return e;
}
function abortError(reason) {
  const e = new Error('The operation was aborted', reason === undefined ? undefined : { cause: reason });
  e.code = 'ABORT_ERR';
  e.name = 'AbortError';
  return e;
}

const kBuildRelease = Symbol('kBuildRelease');
function holdBuildFor(req) {
  const release = require('internal/snapshot').holdBuild();
  req[kBuildRelease] = release;
  req.once('close', release);
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    input = urlToHttpOptions(new URL(input));
  } else if (input instanceof URL) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') { cb = options; options = input || {}; } else { options = { ...input, ...options }; }
  if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = options.insecureHTTPParser;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || require('_http_agent').globalAgent;
  if (agent === false) agent = new defaultAgent.constructor();
  else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
    options.agent = agent;
  } else if (typeof agent.addRequest !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;
  const protocol = options.protocol || defaultAgent.protocol;
  let expectedProtocol = defaultAgent.protocol;
  if (this.agent?.protocol) expectedProtocol = this.agent.protocol;
  if (protocol !== expectedProtocol) throw new ERR_INVALID_PROTOCOL(protocol, expectedProtocol);
  // Without an agent there is no default port: the Host header then names port 80 too.
  const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort);
  const port = options.port = options.port || defaultPort || 80;
  for (const key of ['hostname', 'host']) {
    const v = options[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      throw new ERR_INVALID_ARG_TYPE(`options.${key}`, ['string', 'undefined', 'null'], v);
    }
  }
  const host = options.host = (options.hostname || options.host || 'localhost').replace(/^\[|\]$/g, '');
  if (options.path && INVALID_PATH_REGEX.test(options.path)) throw new ERR_UNESCAPED_CHARACTERS('Request path');
  this.path = options.path || '/';
  if (cb) this.once('response', cb);
  let method = options.method;
  if (method != null && typeof method !== 'string') throw new ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  method = (method || 'GET').toUpperCase();
  if (!checkIsHttpToken(method)) throw new ERR_INVALID_HTTP_TOKEN('Method', method);
  this.method = method;
  this.host = host;
  this.protocol = protocol;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  if (options.timeout !== undefined) this.timeout = timerDuration(options.timeout, 'timeout');
  else this.timeout = this.agent?.options?.timeout;
  this.maxHeaderSize = options.maxHeaderSize;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(method);
  // Keep-alive when the agent can reuse the connection: a keepAlive agent, or one
  // with a finite maxSockets (a queued request takes the socket over).
  this.shouldKeepAlive = !!this.agent && (!!this.agent.keepAlive || Number.isFinite(this.agent.maxSockets));
  this._defaultKeepAlive = this.shouldKeepAlive;
  if (options.joinDuplicateHeaders !== undefined) this.joinDuplicateHeaders = options.joinDuplicateHeaders;

  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    if (host && !this.getHeader('host') && (options.setHost === undefined || Boolean(options.setHost))) {
      let hostHeader = host;
      // An IPv6 address (two colons or more) is bracketed, as in a URI.
      const colon = hostHeader.indexOf(':');
      if (colon !== -1 && hostHeader.includes(':', colon + 1) && !hostHeader.startsWith('[')) hostHeader = `[${hostHeader}]`;
      if (port && +port !== defaultPort) hostHeader += ':' + port;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
    }
    if (this.getHeader('expect')) {
      if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(`${method} ${this.path} HTTP/1.1\r\n`, this[require('_http_common').kOutHeaders]);
    }
  } else {
    this._storeHeader(`${method} ${this.path} HTTP/1.1\r\n`, options.headers);
  }

  if (options.signal) {
    const signal = options.signal;
    if (signal.aborted) this.destroy(abortError(signal.reason));
    else {
      const onAbort = () => this.destroy(abortError(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }

  // A snapshot build waits for the request to be answered (its response ended) or to
  // fail, as Node's build runs its loop until nothing is left.
  if (require('internal/snapshot').isBuildingSnapshot()) holdBuildFor(this);

  const optsWithoutSignal = { __proto__: null, ...options, signal: undefined };
  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    let called = false;
    const oncreate = (err, socket) => {
      if (called) return;
      called = true;
      if (err) { process.nextTick(() => this.emit('error', err)); return; }
      this.onSocket(socket);
    };
    // `path` is what createConnection connects to: a Unix socket's, else none (the
    // request's path is in the head).
    optsWithoutSignal.path = options.socketPath;
    let socket;
    try {
      socket = options.createConnection(optsWithoutSignal, oncreate);
    } catch (err) {
      oncreate(err);
    }
    if (socket) oncreate(null, socket);
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

// The request is all written: an 'http' performance entry, 'HttpClient', starts (made
// when the response arrives), as in Node.
ClientRequest.prototype._finish = function _finish() {
  if (perf.observing('http')) {
    const headers = typeof this.getHeaders === 'function' ? this.getHeaders() : {};
    this[perf.kHttpPerf] = perf.start('http', 'HttpClient', { req: { method: this.method, url: `${this.protocol}//${this.host}${this.path}`, headers } });
  }
};

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[require('_http_common').kOutHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(() => this.emit('abort'));
  this.destroy();
};

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  // Without a socket yet, onSocket reports the error and 'close' once one arrives.
  this.socket?.destroy(err);
  return this;
};
const kError = Symbol('kError');

ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

// A socket (or the error of getting one) for this request. A request destroyed
// meanwhile gives an agent's live socket back to the pool (other sockets are
// destroyed) and ends: with 'socket hang up' unless it was aborted or has its own
// error, then 'close'.
function onSocketNT(req, socket, err) {
  if (!req.destroyed && !err) {
    tickOnSocket(req, socket);
    return;
  }
  req.destroyed = true;
  const end = (e) => {
    if (req._closed) return;
    if (!req.aborted && !e) e = connResetException('socket hang up');
    if (e) req.emit('error', e);
    req._closed = true;
    req.emit('close');
  };
  if (!err && req.agent && socket && !socket.destroyed) {
    socket.emit('free');
    end(req[kError]);
  } else if (socket) {
    socket.destroy(err || req[kError]);
    const cleanup = require('stream').finished(socket, (e) => {
      cleanup();
      end(e && e.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? e : err || req[kError]);
    });
  } else {
    end(err || req[kError]);
  }
}

function tickOnSocket(req, socket) {
  // A parser from the pool, this request's until its response is read.
  const parser = parsers.alloc();
  parser.initialize('response', undefined, req.maxHeaderSize ?? require('http').maxHeaderSize, require('_http_server').isLenient(req.insecureHTTPParser));
  parser.socket = socket;
  parser.outgoing = req;
  parser.joinDuplicateHeaders = req.joinDuplicateHeaders ?? null;
  req.socket = socket;
  req.parser = parser;
  socket.parser = parser;
  socket._httpMessage = req;
  let res = null;
  let gotResponse = false;
  // A response head: informational ones are events of the request, an upgrade hands
  // the socket over, anything else is the response.
  parser.onIncoming = (info) => {
    res = new IncomingMessage(socket);
    res.httpVersionMajor = info.versionMajor;
    res.httpVersionMinor = info.versionMinor;
    res.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
    res.statusCode = info.statusCode;
    res.statusMessage = info.statusMessage;
    res.joinDuplicateHeaders = !!req.joinDuplicateHeaders;
    res.rawHeaders = req.maxHeadersCount > 0 ? info.rawHeaders.slice(0, req.maxHeadersCount * 2) : info.rawHeaders;
    res.req = req;
    if (info.statusCode >= 100 && info.statusCode < 200 && info.statusCode !== 101) {
      if (info.statusCode === 100) req.emit('continue');
      req.emit('information', { statusCode: res.statusCode, statusMessage: res.statusMessage, httpVersion: res.httpVersion,
        httpVersionMajor: 1, httpVersionMinor: res.httpVersionMinor, headers: res.headers, rawHeaders: res.rawHeaders });
      res = null;
      return true;
    }
    if (info.statusCode === 101 || (req.method === 'CONNECT' && info.statusCode >= 200 && info.statusCode < 300)) {
      const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      res.upgrade = true;
      // (Its message ends with the head, as llhttp completes it before the upgrade.)
      res.complete = true;
      req.res = res;
      // The rest is another protocol: the socket goes to the 'upgrade' ('connect')
      // listener, or is destroyed when there is none.
      if (req.listenerCount(event) > 0) req.upgradeOrConnect = true;
      return 'upgrade';
    }
    gotResponse = true;
    req.res = res;
    if (req.aborted) return true;
    if (req.shouldKeepAlive && !info.shouldKeepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;
    // The socket's timeouts are the response's too from now on.
    socket.on('timeout', responseOnTimeout);
    res.on('end', () => responseOnEnd(req, res, socket));
    if (req[kBuildRelease]) {
      res.once('end', req[kBuildRelease]);
      res.once('close', req[kBuildRelease]);
    }
    if (req[perf.kHttpPerf] !== undefined) {
      perf.finish(req[perf.kHttpPerf], { res: { statusCode: res.statusCode, statusMessage: res.statusMessage, headers: res.headers } });
      req[perf.kHttpPerf] = undefined;
    }
    if (!req.emit('response', res)) res._dump();
    return req.method === 'HEAD' ? true : false;
  };
  parser.onHeadersComplete = (info) => parser.onIncoming(info);
  parser.onBody = (chunk) => { if (res) res._pushBody(Buffer.from(chunk)); };
  parser.onMessageComplete = (trailers) => {
    const r = res;
    res = null;
    if (!r) return;
    r.complete = true;
    r.rawTrailers = trailers || [];
    r.push(null);
  };
  // (A listener may feed the socket from inside execute(): only the outermost call
  // may give the parser back.)
  let executing = 0;
  const onData = (d) => {
    let rest;
    try {
      executing++;
      rest = parser.execute(d);
    } catch (err) {
      if (!isParseError(err)) throw err;
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      freeParser(parser, req, socket);
      err.rawPacket = d;
      executing = 0;
      req._errorEmitted = true;
      socket.destroy();
      req.emit('error', err);
      return;
    } finally {
      if (executing > 0) executing--;
    }
    if (rest !== undefined && req.upgradeOrConnect) {
      // The socket is the caller's now, with none of the request's listeners.
      req._cleanupSocket();
      if (req.timeoutCb) { socket.removeListener('timeout', req.timeoutCb); req.timeoutCb = null; }
      freeParser(parser, req, socket);
      socket._httpMessage = null;
      socket.emit('agentRemove');
      const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      req.emit(event, req.res, socket, rest);
      req.destroyed = true;
      req._closed = true;
      req.emit('close');
    } else if (rest !== undefined) {
      // An upgrade nobody takes: the request ends with its socket ('close'; the
      // response, never emitted, is aborted).
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.removeListener('drain', onSocketDrain);
      if (req.timeoutCb) { socket.removeListener('timeout', req.timeoutCb); req.timeoutCb = null; }
      socket.removeListener('timeout', responseOnTimeout);
      freeParser(parser, req, socket);
      socket.destroy();
    } else if (executing === 0 && gotResponse && req.res?.complete && socket.parser === parser) {
      // The response was read whole: the parser goes back to the pool (its 'end'
      // is still to come).
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      freeParser(parser, req, socket);
    }
  };
  // The server ended the connection: a request never answered fails with 'socket
  // hang up'; a body read to end of stream is complete; the socket closes, and its
  // 'close' aborts a response cut short (onClose).
  const onEnd = () => {
    if (!req.res && !req._errorEmitted) {
      req._errorEmitted = true;
      req.emit('error', connResetException('socket hang up'));
    }
    parser.finish();
    socket.destroy();
  };
  // A socket error is the request's error, as in Node, also once a response has begun
  // (a body cut short is then aborted by the socket's 'close': ECONNRESET 'aborted').
  const onError = (err) => {
    if (req._errorEmitted) return;
    req.destroyed = true;
    req._errorEmitted = true;
    req.emit('error', err);
  };
  const onClose = () => {
    if (socket.parser === parser) freeParser(parser, req, socket);
    if (req.res && !req.res.complete) {
      // (destroy emits 'aborted')
      if (!req.res.destroyed) req.res.destroy(connResetException('aborted'));
    } else if (!req.res && !req._errorEmitted) {
      req.destroyed = true;
      req._errorEmitted = true;
      req.emit('error', req[kError] || connResetException('socket hang up'));
    }
    if (!req._closed) { req._closed = true; req.destroyed = true; req.emit('close'); }
  };
  socket.on('data', onData);
  socket.on('drain', onSocketDrain);
  socket.on('end', onEnd);
  socket.on('close', onClose);
  socket.on('error', onError);
  req._cleanupSocket = () => {
    socket.removeListener('data', onData);
    socket.removeListener('drain', onSocketDrain);
    socket.removeListener('end', onEnd);
    socket.removeListener('close', onClose);
    socket.removeListener('error', onError);
  };
  if (req.timeout !== undefined || (req.agent && req.agent.options && req.agent.options.timeout)) {
    listenSocketTimeout(req);
  }
  req.emit('socket', socket);
  // A head stored early (Expect: 100-continue, array headers) goes out at once.
  if (req._header && !req._headerSent) req._send('');
  // As in Node, the request goes to the socket at once, also while it is still
  // connecting (the socket holds the bytes until it is connected): a socket that
  // connects only once it has seen the request (nock's and msw's mock sockets) is
  // otherwise never written to.
  req._flush();
}

// A timeout in milliseconds as Node takes it: a non-negative finite number; one
// past the timers' limit is 1, with a warning.
function timerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw new ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  }
  if (msecs > 2147483647) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.\nTimer duration was truncated to 1.`, 'TimeoutOverflowWarning');
    return 1;
  }
  return msecs;
}

// The socket's next 'timeout' is the request's (once, so the request's listener is
// gone while it runs, as in Node).
function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = () => req.emit('timeout');
  if (req.socket) req.socket.once('timeout', req.timeoutCb);
  else req.once('socket', (socket) => socket.once('timeout', req.timeoutCb));
}

function responseOnTimeout() {
  const res = this._httpMessage?.res;
  if (res) res.emit('timeout');
}

function responseOnEnd(req, res, socket) {
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon(); else socket.end();
    }
  } else if (req.writableFinished || req._finishEmitted) {
    responseKeepAlive(req);
  } else {
    req.once('finish', () => responseKeepAlive(req));
  }
  // Without keep-alive the request closes with its socket (onClose); with it, in
  // responseKeepAlive.
}

function responseKeepAlive(req) {
  const socket = req.socket;
  req.destroyed = true;
  // The socket goes back to the agent: the response no longer holds it (so that
  // destroying the response cannot destroy a socket another request uses).
  if (req.res) req.res.socket = null;
  req._cleanupSocket();
  if (req.timeoutCb) { socket.removeListener('timeout', req.timeoutCb); req.timeoutCb = null; }
  socket.removeListener('timeout', responseOnTimeout);
  process.nextTick(() => {
    if (!req._closed) {
      req._closed = true;
      req.emit('close');
    }
    socket.emit('free');
  });
}

ClientRequest.prototype.setTimeout = function setTimeout(msecs, callback) {
  // After the response ended the socket is no longer this request's.
  if (this._ended) return this;
  listenSocketTimeout(this);
  msecs = timerDuration(msecs, 'msecs');
  if (callback) this.once('timeout', callback);
  const apply = (sock) => {
    if (sock.connecting) sock.once('connect', () => sock.setTimeout(msecs));
    else sock.setTimeout(msecs);
  };
  if (this.socket) apply(this.socket);
  else this.once('socket', apply);
  return this;
};
ClientRequest.prototype.setNoDelay = function setNoDelay(v) {
  if (this.socket) this.socket.setNoDelay(v); else this.once('socket', (s) => s.setNoDelay(v));
};
ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive(enable, delay) {
  if (this.socket) this.socket.setKeepAlive(enable, delay); else this.once('socket', (s) => s.setKeepAlive(enable, delay));
};
ClientRequest.prototype.clearTimeout = function clearTimeout(cb) { this.setTimeout(0, cb); };

module.exports = { ClientRequest };
