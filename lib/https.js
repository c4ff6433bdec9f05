'use strict';
// node:https — HTTP/1.1 over TLS: the http server, client and agent of lib/_http_*.js
// with a tls.Server accepting connections (requests are read from each TLSSocket once
// it is secure) and an Agent whose connections are tls.connect() sockets, pooled per
// host, port and TLS options, so keep-alive reuses a TLS session's socket as http does.

const tls = require('tls');
const { Agent: HttpAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const { Server: HttpServer, storeHTTPOptions, setupHTTPServer, _connectionListener } = require('_http_server');
const { urlToHttpOptions } = require('url');

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts === undefined || opts === null) {
    opts = {};
  } else if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('options', 'Object', opts);
  }
  opts = { ...opts };
  if (!opts.ALPNProtocols && !opts.ALPNCallback) opts.ALPNProtocols = ['http/1.1'];
  tls.Server.call(this, { noDelay: true, ...opts, allowHalfOpen: true }, _connectionListener);
  storeHTTPOptions.call(this, opts);
  // A failed TLS handshake is an http 'clientError' too (destroying the socket when
  // nobody handles it), as in Node.
  this.on('tlsClientError', function onTlsClientError(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
  if (requestListener) this.on('request', requestListener);
  setupHTTPServer.call(this);
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);
for (const m of ['close', 'closeAllConnections', 'closeIdleConnections', 'setTimeout']) Server.prototype[m] = HttpServer.prototype[m];
Server.prototype[Symbol.asyncDispose] = HttpServer.prototype[Symbol.asyncDispose];

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// ---- Agent ------------------------------------------------------------------------

function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = port;
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;
  // Agents resume the last session of the same connection name, as Node's do.
  const key = options._agentKey;
  if (key && this instanceof Agent) {
    const session = this._getSession(key);
    if (session) options = { session, ...options };
  }
  const socket = tls.connect(options);
  // An agent's 'keylog' listeners get its sockets' key log lines, as in Node.
  if (this instanceof Agent && this.listenerCount('keylog') > 0) socket.on('keylog', (line) => this.emit('keylog', line, socket));
  if (key && this instanceof Agent) {
    socket.on('session', (session) => this._cacheSession(key, session));
    socket.once('close', (hadError) => { if (hadError) this._evictSession(key); });
  }
  return socket;
}

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions ?? 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);
Agent.prototype.createConnection = createConnection;

Agent.prototype._getSession = function _getSession(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function _cacheSession(key, session) {
  if (this.maxCachedSessions === 0) return;
  const cache = this._sessionCache;
  if (!(key in cache.map)) {
    if (cache.list.length >= this.maxCachedSessions) delete cache.map[cache.list.shift()];
    cache.list.push(key);
  }
  cache.map[key] = session;
};

Agent.prototype._evictSession = function _evictSession(key) {
  const cache = this._sessionCache;
  const i = cache.list.indexOf(key);
  if (i === -1) return;
  cache.list.splice(i, 1);
  delete cache.map[key];
};

// Connections are shared only between requests with the same TLS options.
Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  name += ':';
  for (const key of ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername',
    'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam', 'secureOptions',
    'sessionIdContext', 'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine']) {
    // (sigalgs goes in JSON form, and a servername only when it is not the host, as in Node.)
    if (key === 'servername' && options.servername === options.host) {
      // nothing
    } else if (options[key] !== undefined && options[key] !== null) {
      name += key === 'sigalgs' ? JSON.stringify(options[key]) : options[key];
    }
    name += ':';
  }
  return name.slice(0, -1);
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- request ----------------------------------------------------------------------

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    options = urlToHttpOptions(new URL(args.shift()));
  } else if (args[0] instanceof URL) {
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] && typeof args[0] === 'object') options = { ...options, ...args.shift() };
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return new ClientRequest(...args);
}

function get(...args) {
  const req = request(...args);
  req.end();
  return req;
}

module.exports = { Agent, globalAgent, Server, createServer, get, request };
