'use strict';
// node:cluster in a worker (a process forked by cluster.fork, NODE_UNIQUE_ID set): the
// worker announces itself 'online', and every listen() that is not `exclusive` asks the
// primary (net.js calls internals.clusterListen). The answer is either the listening
// socket itself (SCHED_NONE; the server listens on it as its own) or, round-robin, the
// primary's address: the server gets a handle without anything native and each
// connection arrives as a 'newconn' message carrying its descriptor.

const EventEmitter = require('events');
const path = require('path');
const Worker = require('internal/cluster/worker');
const { sendHelper, internal } = require('internal/cluster/utils');

const cluster = new EventEmitter();
const handles = new Map(); // key -> net.Server listening through the primary
const indexes = new Map();

module.exports = cluster;

cluster.isWorker = true;
cluster.isMaster = false; // deprecated alias
cluster.isPrimary = false;
cluster.worker = null;
cluster.Worker = Worker;

cluster._setupWorker = function _setupWorker() {
  const worker = new Worker({ id: +process.env.NODE_UNIQUE_ID | 0, process, state: 'online' });
  cluster.worker = worker;
  process.once('disconnect', () => {
    worker.emit('disconnect');
    // The primary went away, or disconnected without asking: nothing left to do.
    if (!worker.exitedAfterDisconnect) process.exit(0);
  });
  process.on('internalMessage', internal(worker, onmessage));
  send({ act: 'online' });
  internals.clusterListen = getServer;

  function onmessage(message, handle) {
    if (message.act === 'newconn') onconnection(message, handle);
    else if (message.act === 'disconnect') disconnectWorker.call(worker, true);
  }
};

// `server` listens on `options` ({ address, port, addressType, backlog, flags } or a
// Unix path with port -1) through the primary.
function getServer(server, options) {
  let address = options.address;
  if (options.port < 0 && typeof address === 'string') address = path.resolve(address);
  const indexesKey = [address, options.port, options.addressType, options.fd].join(':');
  let indexSet = indexes.get(indexesKey);
  if (indexSet === undefined) {
    indexSet = { nextIndex: 0, set: new Set() };
    indexes.set(indexesKey, indexSet);
  }
  const index = indexSet.nextIndex++;
  indexSet.set.add(index);
  const message = { act: 'queryServer', index, data: null, ...options, address };
  // Data a server wants its siblings to share (TLS ticket keys).
  if (typeof server._getServerData === 'function') message.data = server._getServerData();
  const listeningId = server._listeningId;
  send(message, (reply, handle) => {
    if (typeof server._setServerData === 'function') server._setServerData(reply.data);
    if (listeningId !== server._listeningId) {
      // The server was asked to listen again meanwhile: this answer is not used.
      handle?.close();
      if (reply.errno) removeIndexesKey(indexesKey, index);
      else forget(reply.key, indexesKey, index);
      return;
    }
    if (reply.errno) {
      removeIndexesKey(indexesKey, index);
      handle?.close();
      server.emit('error', bindError(reply, options.address, options.port));
      return;
    }
    if (handle) shared(server, reply, handle, options, indexesKey, index);
    else roundRobin(server, reply, options, indexesKey, index);
  });
  server.once('listening', () => {
    if (!indexes.has(indexesKey)) return; // closed already
    cluster.worker.state = 'listening';
    const addr = server.address();
    message.act = 'listening';
    message.port = (addr && addr.port) || options.port;
    send(message);
  });
}

// Node's form: `bind EADDRINUSE null:8000`.
function bindError(reply, address, port) {
  const code = reply.code ?? require('util').getSystemErrorName(reply.errno);
  let details = '';
  if (port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const err = new Error(`bind ${code}${details}`);
  err.errno = reply.errno;
  err.code = code;
  err.syscall = 'bind';
  err.address = address;
  if (port > 0) err.port = port;
  return err;
}

function removeIndexesKey(indexesKey, index) {
  const indexSet = indexes.get(indexesKey);
  if (!indexSet) return;
  indexSet.set.delete(index);
  if (indexSet.set.size === 0) indexes.delete(indexesKey);
}

function forget(key, indexesKey, index) {
  send({ act: 'close', key });
  handles.delete(key);
  removeIndexesKey(indexesKey, index);
}

// SCHED_NONE: the listening socket itself.
function shared(server, reply, handle, options, indexesKey, index) {
  const { key } = reply;
  handles.set(key, server);
  const fd = handle.fd;
  handle.fd = -1; // listenFd takes it over
  server._onClusterClose = () => forget(key, indexesKey, index);
  server._listenOn(() => binding.tcp.listenFd(fd, server._op), options.address, options.port);
}

// Round-robin: the primary listens; this server only receives connections.
function roundRobin(server, reply, options, indexesKey, index) {
  let { key } = reply;
  // Nothing native holds the process: a ref'd server does it with a timer, as in Node.
  let keepAlive = null;
  const handle = {
    ref() {
      if (keepAlive === null) keepAlive = setInterval(() => {}, 2 ** 31 - 1);
    },
    unref() {
      if (keepAlive !== null) clearInterval(keepAlive);
      keepAlive = null;
    },
    close() {
      if (key === undefined) return;
      handle.unref();
      forget(key, indexesKey, index);
      key = undefined;
    },
  };
  handle.ref();
  handles.set(key, server);
  const pipe = reply.sockname === undefined;
  server._listenOnClusterHandle(handle, pipe ? options.address : reply.sockname, pipe);
}

// Round-robin connection: taken unless the server is gone or full.
function onconnection(message, handle) {
  const server = handles.get(message.key);
  let accepted = server !== undefined && handle !== undefined && typeof server._handle === 'object' && server._handle !== null;
  if (accepted && server.maxConnections != null && server._connections >= server.maxConnections) accepted = false;
  send({ ack: message.seq, accepted });
  if (!accepted) {
    handle?.close();
    return;
  }
  const fd = handle.fd;
  handle.fd = -1;
  if (!server._clusterConnection(fd)) require('internal/ipc').NativeHandle.prototype.close.call({ fd });
}

function send(message, cb) {
  return sendHelper(process, message, null, cb);
}

// Closes every server, then disconnects (a worker-initiated disconnect tells the primary
// first, so that it knows the exit is expected).
function disconnectWorker(primaryInitiated) {
  this.exitedAfterDisconnect = true;
  let waiting = 1;
  const check = () => {
    if (--waiting !== 0) return;
    if (primaryInitiated) process.disconnect();
    else send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
  };
  const servers = [...handles.values()];
  handles.clear();
  for (const server of servers) {
    waiting++;
    server.close(check);
  }
  check();
}

Worker.prototype.disconnect = function disconnect() {
  if (this.state !== 'disconnecting' && this.state !== 'destroying') {
    this.state = 'disconnecting';
    disconnectWorker.call(this, false);
  }
  return this;
};

Worker.prototype.destroy = function destroy() {
  if (this.state === 'destroying') return;
  this.exitedAfterDisconnect = true;
  if (!this.isConnected()) {
    process.exit(0);
  } else {
    this.state = 'destroying';
    send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
    process.once('disconnect', () => process.exit(0));
  }
};
