'use strict';
// node:_http_server — http.Server over net.Server and ServerResponse. Each connection
// gets one parser; requests are answered in order (a pipelined response buffers until
// the ones before it finish), keep-alive follows the request's version and Connection
// header, malformed or oversized heads get Node's 400/431 answers ('clientError'),
// 'upgrade'/'connect' hand the socket over, and close/closeIdleConnections/
// closeAllConnections track connections by their idle state.

// process.nextTick without the `process` global's accessor (see internal/streams/utils).
const { nextTick } = require('internal/streams/utils');
const net = require('net');
const { Buffer } = require('buffer');
const { HTTPParser, isParseError, continueExpression, chunkExpression, parsers, freeParser } = require('_http_common');
const { OutgoingMessage, kOutHeaders, onSocketDrain, kUniqueHeaders, kRejectNonStandardBodyWrites, parseUniqueHeadersOption,
  validateHeaderName, validateHeaderValue } = require('_http_outgoing');
const { IncomingMessage } = require('_http_incoming');
const { STATUS_CODES } = require('internal/http/constants');
const perf = require('internal/perf/observe');
const {
  validateObject, validateInteger, validateBoolean,
  codes: { ERR_OUT_OF_RANGE, ERR_HTTP_REQUEST_TIMEOUT, ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE, ERR_INVALID_CHAR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_HTTP_SOCKET_ASSIGNED, ERR_HTTP_SOCKET_ENCODING },
} = require('internal/errors');

const kServerResponse = Symbol('ServerResponse');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  this.statusCode = 200;
  this.statusMessage = undefined;
  if (options) {
    if (options[kUniqueHeaders]) this[kUniqueHeaders] = options[kUniqueHeaders];
    if (options.rejectNonStandardBodyWrites) this[kRejectNonStandardBodyWrites] = true;
  }
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
  // An 'http' performance entry, 'HttpRequest', made when the response finishes.
  if (perf.observing('http')) {
    this[perf.kHttpPerf] = perf.start('http', 'HttpRequest', { req: { method: req.method, url: req.url, headers: req.headers } });
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};
function onServerResponseClose() {
  if (this._httpMessage) emitCloseNT(this._httpMessage);
}
ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};
ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};
ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};
// One Link value of an Early Hints response: `<uri>` then `; param` or `; param=value`
// (a value may be quoted) parts.
const linkValueRegExp = /^<[^>]*>(?:\s*;\s*[^;"\s=]+(?:=(?:"[^"]*"|[^;"\s]*))?)*$/;
function validateLink(link) {
  if (typeof link !== 'string' || !linkValueRegExp.test(link.trim())) {
    throw new ERR_INVALID_ARG_VALUE('hints.link', link, 'must be an array or string of format "</styles.css>; rel=preload; as=style"');
  }
  return link.trim();
}

// A 103 Early Hints interim response: the Link header (a string or an array of links,
// each checked) and any other hints given, written at once.
ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = Array.isArray(hints.link) ? hints.link.map(validateLink).join(', ') : validateLink(hints.link);
  if (link.length === 0) return;
  let head = 'HTTP/1.1 103 Early Hints\r\nLink: ' + link + '\r\n';
  for (const key of Object.keys(hints)) {
    if (key === 'link') continue;
    validateHeaderName(key);
    validateHeaderValue(key, hints[key]);
    head += key + ': ' + hints[key] + '\r\n';
  }
  head += '\r\n';
  this._writeRaw(head, 'ascii', cb);
};
ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  if (Array.isArray(obj) && !(obj.length && Array.isArray(obj[0])) && obj.length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('headers', obj);
  }
  let headers;
  if (this[kOutHeaders]) {
    if (obj) {
      if (Array.isArray(obj)) {
        if (obj.length && Array.isArray(obj[0])) for (const [k, v] of obj) this.setHeader(k, v);
        else {
          // The array's fields replace earlier ones of the same name but may repeat
          // among themselves: remove the conflicts first, then append.
          for (let i = 0; i < obj.length; i += 2) this.removeHeader(obj[i]);
          for (let i = 0; i < obj.length; i += 2) if (obj[i]) this.appendHeader(obj[i], obj[i + 1]);
        }
      } else {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }
  if (/[\r\n]/.test(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

function emitCloseNT(res) {
  if (!res._closed) {
    res._closed = true;
    res.destroyed = true;
    res.emit('close');
  }
}

// Whether a parser is lenient (llhttp's flags under Node's insecureHTTPParser): the
// option given, else the --insecure-http-parser flag.
function isLenient(insecureHTTPParser) {
  return insecureHTTPParser ?? require('internal/options').getOptionValue('--insecure-http-parser');
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') { requestListener = options; options = {}; }
  else if (options == null) options = {};
  else validateObject(options, 'options');
  if (options.highWaterMark !== undefined) validateInteger(options.highWaterMark, 'options.highWaterMark', 0);
  net.Server.call(this, { allowHalfOpen: true, highWaterMark: options.highWaterMark, noDelay: options.noDelay ?? true, keepAlive: options.keepAlive, keepAliveInitialDelay: options.keepAliveInitialDelay });
  storeHTTPOptions.call(this, options);
  if (requestListener) this.on('request', requestListener);
  this.on('connection', connectionListener);
  setupHTTPServer.call(this);
}

// A rejected async 'request' listener under captureRejections: a response not yet
// started becomes a bare 500 (none of the headers set so far leak out); one already
// under way is cut off. Other events are handled as net.Server handles them.
Server.prototype[require('events').captureRejectionSymbol] = function onRejection(err, event, ...args) {
  if (event !== 'request') {
    Reflect.apply(net.Server.prototype[require('events').captureRejectionSymbol], this, [err, event, ...args]);
    return;
  }
  const res = args[1];
  if (!res.headersSent && !res.writableEnded) {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = 500;
    res.end(STATUS_CODES[500]);
  } else {
    res.destroy();
  }
};

// The options an http.Server (or https.Server) takes from its caller.
function storeHTTPOptions(options) {
  this.IncomingMessage = options.IncomingMessage || IncomingMessage;
  this.ServerResponse = options.ServerResponse || ServerResponse;
  this.maxHeaderSize = options.maxHeaderSize;
  this.requireHostHeader = options.requireHostHeader ?? true;
  if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = options.insecureHTTPParser;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  if (options.rejectNonStandardBodyWrites !== undefined) validateBoolean(options.rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  this.rejectNonStandardBodyWrites = !!options.rejectNonStandardBodyWrites;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
  // Both timeouts are whole milliseconds; headers cannot be given longer than the
  // whole request (60 s, or the request timeout if shorter, by default).
  const { requestTimeout, headersTimeout, keepAliveTimeout, connectionsCheckingInterval } = options;
  if (requestTimeout !== undefined) validateInteger(requestTimeout, 'requestTimeout', 0);
  this.requestTimeout = requestTimeout ?? 300000;
  if (headersTimeout !== undefined) validateInteger(headersTimeout, 'headersTimeout', 0);
  this.headersTimeout = headersTimeout ?? Math.min(60000, this.requestTimeout);
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw new ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', headersTimeout);
  }
  if (keepAliveTimeout !== undefined) validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
  this.keepAliveTimeout = keepAliveTimeout ?? 5000;
  if (connectionsCheckingInterval !== undefined) validateInteger(connectionsCheckingInterval, 'connectionsCheckingInterval', 0);
  this.connectionsCheckingInterval = connectionsCheckingInterval ?? 30000;
}

// State and listeners shared by http.Server and https.Server.
function setupHTTPServer() {
  this.httpAllowHalfOpen = false;
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this._httpConnections = new Set();
  this[kConnectionsCheckingInterval] = undefined;
  this.on('listening', setupConnectionsTracking);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.close = function close(cb) {
  httpServerPreClose(this);
  return net.Server.prototype.close.call(this, cb);
};
// What closing an http (or https) server does before the listener closes: idle
// connections go, and the timeout checks stop.
function httpServerPreClose(server) {
  server.closeIdleConnections();
  clearInterval(server[kConnectionsCheckingInterval]);
}
Server.prototype.closeAllConnections = function closeAllConnections() {
  for (const socket of this._httpConnections) socket.destroy();
};
Server.prototype.closeIdleConnections = function closeIdleConnections() {
  for (const socket of this._httpConnections) {
    const st = socket._httpState;
    if (!st) continue;
    if (st.incoming.length === 0 && !st.parsing) {
      socket.destroy();
    } else if (!st.parsing && st.outgoing.length === 0 && st.incoming.length === 1 && st.incoming[0].complete && socket._httpMessage?.finished) {
      // The request was read whole and its response ended but is not flushed yet: idle
      // for Node too. The socket closes once that response is out (resOnFinish).
      socket._httpMessage._last = true;
    }
  }
};
Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};
Server.prototype[Symbol.asyncDispose] = async function () {
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

// headersTimeout/requestTimeout are checked every connectionsCheckingInterval, as in
// Node, for connections with a request under way.
// (Re)started on each 'listening'.
function setupConnectionsTracking() {
  clearInterval(this[kConnectionsCheckingInterval]);
  this[kConnectionsCheckingInterval] = setInterval(checkConnections.bind(this), this.connectionsCheckingInterval).unref();
}
function checkConnections() {
  if (!this.headersTimeout && !this.requestTimeout) return;
  const now = Date.now();
  for (const socket of this._httpConnections) {
    const st = socket._httpState;
    if (!st || !st.requestStart) continue;
    const headersExpired = this.headersTimeout > 0 && st.headersStart && now - st.headersStart > this.headersTimeout;
    const requestExpired = this.requestTimeout > 0 && now - st.requestStart > this.requestTimeout;
    if (headersExpired || requestExpired) {
      st.requestStart = 0;
      st.headersStart = 0;
      socket.parser?.[HTTPParser.kOnTimeout]?.();
    }
  }
}
const requestTimeoutResponse = Buffer.from('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n', 'latin1');

const payloadTooLargeResponse = Buffer.from('HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n', 'latin1');
const badRequestResponse = Buffer.from('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', 'latin1');
const requestHeaderFieldsTooLargeResponse = Buffer.from('HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n', 'latin1');

// Bytes buffered in responses waiting behind the one on the socket (pipelined requests;
// Node's outgoingData), as a server response's _onPendingData (one shared function: a
// closure made for every response cost the server its tail latency, p99 1.3 -> 4-6 ms
// under wrk). Reading paused by a flood resumes once they are flushed below the socket's
// high-water mark and the socket itself is not over it.
function onResponsePendingData(delta) {
  const state = this._httpState;
  if (state === undefined) return;
  state.outgoingData += delta;
  const { socket } = state;
  if (state.floodPaused && state.outgoingData < socket.writableHighWaterMark && !socket._writableState.needDrain) {
    endFloodPause(socket, state);
  }
}

// Reading paused by a flood of requests resumes (unless the request being read paused
// the socket itself).
function endFloodPause(socket, state) {
  state.floodPaused = false;
  const req = state.incoming[state.incoming.length - 1];
  if (!req || !req._pausedSocket) socket.resume();
}

// The connection's writes drained: reading resumes if a flood of requests paused it,
// then the response on the socket may write again.
function onServerSocketDrain() {
  const state = this._httpState;
  if (state.floodPaused) endFloodPause(this, state);
  onSocketDrain.call(this);
}

function socketSetEncoding() {
  throw new ERR_HTTP_SOCKET_ENCODING();
}

function connectionListener(socket) {
  const server = this;
  // A socket handed over from elsewhere (another process, emitted by hand) is this
  // server's from now on.
  socket.server = server;
  // The first request's headers and whole-request timers run from the connection's
  // start, as in Node (a connection that sends nothing is timed out too).
  const now = Date.now();
  const state = { incoming: [], outgoing: [], parsing: false, floodPaused: false, outgoingData: 0, socket, keepAliveTimeoutSet: false, requests: 0, requestStart: now, headersStart: now };
  socket._httpState = state;
  // HTTP/1.1 is bytes (RFC 7230 section 3): the connection's encoding stays as it is.
  socket.setEncoding = socketSetEncoding;
  socket.on('drain', onServerSocketDrain);
  server._httpConnections.add(socket);
  const onClose = () => {
    server._httpConnections.delete(socket);
    if (socket.parser === parser) freeParser(parser, null, socket);
    abortIncoming(state.incoming);
    for (const res of state.outgoing) emitCloseNT(res);
  };
  socket.on('close', onClose);
  if (server.timeout) socket.setTimeout(server.timeout);
  const onTimeout = () => {
    const req = state.incoming[0];
    const reqTimeout = req && !req.complete && req.emit('timeout', socket);
    const res = socket._httpMessage;
    const resTimeout = res && res.emit('timeout', socket);
    const serverTimeout = server.emit('timeout', socket);
    if (!reqTimeout && !resTimeout && !serverTimeout) socket.destroy();
  };
  socket.on('timeout', onTimeout);
  // A parser from the pool, the socket's until it closes or is upgraded.
  const parser = parsers.alloc();
  parser.initialize('request', undefined, server.maxHeaderSize ?? require('http').maxHeaderSize, isLenient(server.insecureHTTPParser));
  parser.socket = socket;
  socket.parser = parser;
  // What checkConnections calls when headersTimeout/requestTimeout expire.
  parser[HTTPParser.kOnTimeout] = () => onError(new ERR_HTTP_REQUEST_TIMEOUT());
  let req = null;
  parser.onHeadersComplete = (info) => {
    state.parsing = false;
    state.headersStart = 0;
    if (state.keepAliveTimeoutSet) { socket.setTimeout(server.timeout || 0); state.keepAliveTimeoutSet = false; }
    req = new server.IncomingMessage(socket);
    parser.incoming = req;
    req.method = info.method;
    req.url = info.url;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = info.versionMinor;
    req.httpVersion = info.versionMinor === 1 ? '1.1' : info.versionMinor === 0 ? '1.0' : `1.${info.versionMinor}`;
    req.joinDuplicateHeaders = !!server.joinDuplicateHeaders;
    req.rawHeaders = server.maxHeadersCount > 0 ? info.rawHeaders.slice(0, server.maxHeadersCount * 2) : info.rawHeaders;
    req.upgrade = info.upgrade;
    if (info.upgrade) {
      const event = info.method === 'CONNECT' ? 'connect' : 'upgrade';
      if (server.listenerCount(event) > 0) {
        req.complete = true;
        state.upgradeReq = req;
        return 'upgrade';
      }
      if (event === 'connect') { socket.destroy(); return 'upgrade'; }
      req.upgrade = false;
    }
    state.incoming.push(req);
    state.requests++;
    // (No computed key in the options literal: V8 builds that one property by property.)
    const res = new server.ServerResponse(req, { highWaterMark: socket.writableHighWaterMark, rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites });
    if (server[kUniqueHeaders]) res[kUniqueHeaders] = server[kUniqueHeaders];
    res.shouldKeepAlive = info.shouldKeepAlive && res.shouldKeepAlive !== false;
    if (req.httpVersionMinor === 0) res.shouldKeepAlive = info.shouldKeepAlive;
    res._keepAliveTimeout = server.keepAliveTimeout;
    res._maxRequestsPerSocket = server.maxRequestsPerSocket;
    if (server.maxRequestsPerSocket && state.requests >= server.maxRequestsPerSocket) res.maxRequestsOnConnectionReached = true;
    res._httpState = state;
    res._onPendingData = onResponsePendingData;
    if (socket._httpMessage) state.outgoing.push(res);
    else res.assignSocket(socket);
    // Flood prevention, as Node's parserOnIncoming: while the answers cannot get out (the
    // socket over its high-water mark, or the responses waiting behind the one on it
    // holding that much) no more requests are read.
    if (!state.floodPaused && (socket._writableState.needDrain || state.outgoingData >= socket.writableHighWaterMark)) {
      state.floodPaused = true;
      socket.pause();
    }
    const thisReq = req;
    res.on('finish', () => resOnFinish(thisReq, res, socket, state, server));
    if (req.httpVersionMinor === 1 && server.requireHostHeader && req.headers.host === undefined) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return false;
    }
    if (req.httpVersionMinor === 1 && server.maxRequestsPerSocket > 0 && state.requests > server.maxRequestsPerSocket) {
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
      return false;
    }
    const expect = req.headers.expect;
    if (expect !== undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
      if (continueExpression.test(expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) server.emit('checkContinue', req, res);
        else { res.writeContinue(); server.emit('request', req, res); }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    } else {
      server.emit('request', req, res);
    }
    return false;
  };
  parser.onBody = (chunk) => { if (req) req._pushBody(Buffer.from(chunk)); };
  parser.onMessageComplete = (trailers) => {
    const r = req;
    req = null;
    state.requestStart = 0;
    if (!r) return;
    r.complete = true;
    r.rawTrailers = trailers || [];
    r.push(null);
  };
  // A parse error, a timeout or an error of the socket itself: 'clientError' when
  // someone listens, else the answer Node gives (when nothing of a response went out
  // yet) and the socket destroyed with the error. Later socket errors are ignored.
  const onError = (err) => {
    socket.removeListener('error', onError);
    if (socket.listenerCount('error') === 0) socket.on('error', noop);
    if (server.listenerCount('clientError') > 0) {
      err.rawPacket ??= parser.buf;
      server.emit('clientError', err, socket);
      return;
    }
    if (socket.writable && (!socket._httpMessage || !socket._httpMessage._headerSent)) {
      socket.write(err.code === 'HPE_HEADER_OVERFLOW' ? requestHeaderFieldsTooLargeResponse
        : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? payloadTooLargeResponse
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? requestTimeoutResponse : badRequestResponse);
    }
    socket.destroy(err);
  };
  state.onError = onError;
  const onData = (d) => {
    if (state.upgraded) return;
    // After a parse error the parser is stuck on it: each chunk reports it again (as
    // llhttp does), with that chunk as the raw packet.
    if (state.failedError) {
      const again = new Error(state.failedError.message);
      again.code = state.failedError.code;
      again.reason = state.failedError.reason;
      again.bytesParsed = 0;
      again.rawPacket = d;
      return onError(again);
    }
    state.parsing = true;
    if (!state.requestStart && !req) state.requestStart = state.headersStart = Date.now();
    let rest;
    try {
      rest = parser.execute(d);
    } catch (err) {
      // A listener's exception is the program's (uncaught, as in Node), not a bad request.
      if (!isParseError(err)) throw err;
      err.rawPacket = d;
      state.failedError = err;
      return onError(err);
    }
    if (parser.state === 'head' && !(parser.buf && parser.buf.length)) state.parsing = false;
    // A pipelined message begun in this chunk has its timers running from now.
    else if (parser.state === 'head' && !req && !state.requestStart) state.requestStart = state.headersStart = Date.now();
    if (rest !== undefined && state.upgradeReq) {
      // The socket is the listener's now, with none of the server's listeners (its
      // own and any others stay).
      state.upgraded = true;
      socket.removeListener('data', onData);
      socket.removeListener('timeout', onTimeout);
      socket.removeListener('end', onEnd);
      socket.removeListener('close', onClose);
      socket.removeListener('drain', onServerSocketDrain);
      socket.removeListener('error', onError);
      server._httpConnections.delete(socket);
      freeParser(parser, null, socket);
      const r = state.upgradeReq;
      const event = r.method === 'CONNECT' ? 'connect' : 'upgrade';
      server.emit(event, r, socket, rest);
      return;
    }
    // Flood prevention, as in Node: while the responses cannot get out (the socket's
    // writable side is over its high-water mark) no more requests are read; 'drain'
    // resumes reading.
    if (!state.floodPaused && socket._writableState.needDrain) {
      state.floodPaused = true;
      socket.pause();
    }
  };
  socket.on('data', onData);
  // The peer ended its side. Unless the server allows half-open connections the socket
  // ends too, so it closes (and 'close' aborts the requests still under way), even
  // with a response in progress.
  const onEnd = () => {
    if (state.failedError) {
      if (socket.writable && !server.httpAllowHalfOpen) socket.end();
      return;
    }
    const err = parser.finish();
    if (err) return onError(err);
    if (!server.httpAllowHalfOpen) {
      if (socket.writable) socket.end();
    } else if (state.outgoing.length === 0 && !socket._httpMessage) {
      if (socket.writable) socket.end();
    } else if (state.outgoing.length) {
      state.outgoing[state.outgoing.length - 1]._last = true;
    } else if (socket._httpMessage) {
      socket._httpMessage._last = true;
    }
  };
  socket.on('end', onEnd);
  socket.on('error', onError);
}
function noop() {}

// Requests whose connection went away: each is destroyed with Node's 'aborted' error
// (emitted only to an 'error' listener).
function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    const err = new Error('aborted');
    err.code = 'ECONNRESET';
    req.destroy(err);
  }
}

// The parser's current request is forgotten once it has been read to its end (called
// again as the request's 'end' listener, with the request as `this`: no closure).
function clearIncoming(req) {
  req ||= this;
  const parser = req.socket?.parser;
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else req.on('end', clearIncoming);
  }
}

const kKeepAliveTimeoutBuffer = 1000;

function resOnFinish(req, res, socket, state, server) {
  if (res[perf.kHttpPerf] !== undefined) {
    perf.finish(res[perf.kHttpPerf], { res: { statusCode: res.statusCode, statusMessage: res.statusMessage, headers: res.getHeaders() } });
    res[perf.kHttpPerf] = undefined;
  }
  if (state.incoming[0] === req) state.incoming.shift();
  clearIncoming(req);
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  nextTick(emitCloseNT, res);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon(); else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      // An idle connection is closed a second after the advertised timeout, as in
      // Node: a client reusing it at the last moment (its own timer a little late)
      // does not meet a reset.
      socket.setTimeout(server.keepAliveTimeout + kKeepAliveTimeoutBuffer);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

module.exports = { kConnectionsCheckingInterval, httpServerPreClose, isLenient, STATUS_CODES, Server, ServerResponse, setupConnectionsTracking, storeHTTPOptions, setupHTTPServer, _connectionListener: connectionListener, kServerResponse };
