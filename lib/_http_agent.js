'use strict';
// node:_http_agent — Agent: the pool of client sockets per `host:port:localAddress`
// name. A request gets a free socket when one is kept alive, a new connection while
// fewer than maxSockets are open, otherwise it waits in `requests`. A socket whose
// response is done comes back through 'free' and is kept (keepAlive, up to
// maxFreeSockets, unrefed, with a timeout) or destroyed.

const EventEmitter = require('events');
const net = require('net');
const { validateNumber } = require('internal/errors');

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);
  this.defaultPort = 80;
  this.protocol = 'http:';
  this.options = { __proto__: null, ...options };
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  this.options.path = null;
  this.requests = { __proto__: null };
  this.sockets = { __proto__: null };
  this.freeSockets = { __proto__: null };
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || 'lifo';
  // A positive number (Infinity too); none given is no limit.
  this.maxTotalSockets = this.options.maxTotalSockets;
  if (this.maxTotalSockets !== undefined) {
    validateNumber(this.maxTotalSockets, 'maxTotalSockets', 1);
  } else {
    this.maxTotalSockets = Infinity;
  }
  this.totalSocketCount = 0;

  this.on('free', (socket, options) => {
    const name = this.getName(options);
    if (!socket.writable) { socket.destroy(); return; }
    const requests = this.requests[name];
    if (requests && requests.length) {
      const req = requests.shift();
      if (!requests.length) delete this.requests[name];
      setRequestSocket(this, req, socket);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive) { socket.destroy(); return; }
    // At maxTotalSockets with requests of other origins waiting: this socket makes
    // room for them rather than idling.
    if (this.totalSocketCount >= this.maxTotalSockets && hasQueuedRequests(this)) { socket.destroy(); return; }
    const freeSockets = this.freeSockets[name] || [];
    const freeLen = freeSockets.length;
    let count = freeLen;
    if (this.sockets[name]) count += this.sockets[name].length;
    if (this.totalSocketCount > this.maxTotalSockets || count > this.maxSockets || freeLen >= this.maxFreeSockets || !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    this.freeSockets[name] = freeSockets;
    socket._httpMessage = null;
    removeSocket(this, socket, options, true);
    // An idle socket that errors (a reset by the server) is dropped, not thrown.
    socket.once('error', freeSocketErrorListener);
    freeSockets.push(socket);
  });
  this.on('newListener', () => {});
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Agent, EventEmitter);
Agent.defaultMaxSockets = Infinity;

Agent.prototype.createConnection = net.createConnection;

Agent.prototype.getName = function getName(options = {}) {
  let name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += `:${options.family}`;
  if (options.socketPath) name += `:${options.socketPath}`;
  return name;
};

Agent.prototype.addRequest = function addRequest(req, options, port, localAddress) {
  if (typeof options === 'string') options = { __proto__: null, host: options, port, localAddress };
  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  if (!options.servername && options.servername !== '') options.servername = serverName(options, req);
  const name = this.getName(options);
  this.sockets[name] ??= [];
  const freeSockets = this.freeSockets[name];
  let socket;
  if (freeSockets) {
    // (A destroyed one whose 'close' is still to come leaves the count here.)
    while (freeSockets.length && freeSockets[0].destroyed) { freeSockets.shift(); this.totalSocketCount--; }
    socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
    if (!freeSockets.length) delete this.freeSockets[name];
  }
  const freeLen = freeSockets ? freeSockets.length : 0;
  const sockLen = freeLen + this.sockets[name].length;
  if (socket) {
    socket.removeListener('error', freeSocketErrorListener);
    this.reuseSocket(socket, req);
    setRequestSocket(this, req, socket);
    this.sockets[name].push(socket);
  } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    this.createSocket(req, options, (err, s) => {
      if (err) req.onSocket(s, err);
      else setRequestSocket(this, req, s);
    });
  } else {
    req[kRequestOptions] = options;
    (this.requests[name] ??= []).push(req);
  }
};

Agent.prototype.createSocket = function createSocket(req, options, cb) {
  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  if (!options.servername && options.servername !== '') options.servername = serverName(options, req);
  const name = this.getName(options);
  options._agentKey = name;
  options.encoding = null;
  // A keep-alive agent's sockets probe the peer after keepAliveMsecs of silence.
  if (this.keepAlive) {
    options.keepAlive = true;
    options.keepAliveInitialDelay = this.keepAliveMsecs;
  }
  let called = false;
  const oncreate = (err, s) => {
    if (called) return;
    called = true;
    if (err) return cb(err);
    this.sockets[name] ??= [];
    this.sockets[name].push(s);
    this.totalSocketCount++;
    installListeners(this, s, options);
    cb(null, s);
  };
  const newSocket = this.createConnection(options, oncreate);
  if (newSocket) oncreate(null, newSocket);
};

// The TLS server name (SNI) for a request: the Host header's host part when one is set,
// else the host; never an IP address (Node does not send those).
function serverName(options, req) {
  let name = options.host;
  const header = req?.getHeader?.('host');
  if (header) {
    if (typeof header !== 'string') throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('options.headers.host', 'string', header);
    if (header.startsWith('[')) {
      const end = header.indexOf(']');
      name = end === -1 ? header : header.slice(1, end);
    } else {
      name = header.split(':', 1)[0];
    }
  }
  return net.isIP(name) ? '' : name;
}

function freeSocketErrorListener() {
  this.destroy();
  this.emit('agentRemove');
}

function installListeners(agent, s, options) {
  const onFree = () => agent.emit('free', s, options);
  const onClose = () => removeSocket(agent, s, options, false, true);
  const onTimeout = () => {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((n) => sockets[n].includes(s))) s.destroy();
  };
  const onRemove = () => {
    removeSocket(agent, s, options, false);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  };
  s.on('free', onFree);
  s.on('close', onClose);
  s.on('timeout', onTimeout);
  s.on('agentRemove', onRemove);
}

function removeSocket(agent, s, options, toFree, closed) {
  const name = agent.getName(options);
  const sets = toFree ? [agent.sockets] : [agent.sockets, agent.freeSockets];
  for (const set of sets) {
    const list = set[name];
    if (!list) continue;
    const i = list.indexOf(s);
    if (i !== -1) {
      list.splice(i, 1);
      // The count is of busy and idle sockets: moving one to the free list keeps it.
      if (!toFree) agent.totalSocketCount--;
      if (list.length === 0) delete set[name];
    }
  }
  if (toFree) return;
  // A socket went away: a request waiting for this origin, else one of another origin
  // that has no socket yet (maxTotalSockets held it back), gets a new connection.
  let queueName = null;
  if (agent.requests[name]?.length) {
    if (!agent.sockets[name] || agent.sockets[name].length < agent.maxSockets) queueName = name;
  } else {
    for (const other of Object.keys(agent.requests)) {
      if (agent.sockets[other]?.length) continue;
      queueName = other;
      break;
    }
  }
  if (queueName === null || agent.totalSocketCount >= agent.maxTotalSockets) return;
  // The new socket is announced with 'free', as a socket done with its request is,
  // and the handler gives it to the first request waiting (this one).
  const requests = agent.requests[queueName];
  const req = requests[0];
  const reqOptions = req[kRequestOptions] || options;
  req[kRequestOptions] = undefined;
  agent.createSocket(req, reqOptions, (err, s2) => {
    if (!err) { s2.emit('free'); return; }
    const i = requests.indexOf(req);
    if (i !== -1) requests.splice(i, 1);
    if (!requests.length && agent.requests[queueName] === requests) delete agent.requests[queueName];
    req.onSocket(s2, err);
  });
}

function hasQueuedRequests(agent) {
  for (const name in agent.requests) if (agent.requests[name].length) return true;
  return false;
}
const kRequestOptions = Symbol('requestOptions');

Agent.prototype.keepSocketAlive = function keepSocketAlive(socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();
  let agentTimeout = this.options.timeout || 0;
  if (socket._httpMessage?.res) {
    const m = /timeout=(\d+)/.exec(socket._httpMessage.res.headers['keep-alive'] || '');
    if (m) {
      const hint = Number(m[1]) * 1000 - 1000;
      if (hint > 0 && (!agentTimeout || hint < agentTimeout)) agentTimeout = hint;
    }
  }
  if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
  return true;
};

Agent.prototype.reuseSocket = function reuseSocket(socket, req) {
  req.reusedSocket = true;
  socket.ref();
};

Agent.prototype.destroy = function destroy() {
  for (const set of [this.freeSockets, this.sockets]) {
    for (const name of Object.keys(set)) for (const s of set[name].slice()) s.destroy();
  }
};

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

module.exports = { Agent, globalAgent };
