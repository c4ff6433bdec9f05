'use strict';
// node:net — TCP and Unix-domain sockets and servers on the runtime's event loop.
// A Socket is a stream.Duplex over a native stream handle; a Server wraps a native
// listener. Each holds a u32 handle id and one persistent op whose events arrive as
// arrays (see crates/runtime/src/bindings/net/mod.rs): reads flow only while the
// readable side wants data, writes complete through their own events, and the op is
// what ref()/unref() switch. Host names go through dns.lookup first.

const EventEmitter = require('events');
const { Duplex } = require('stream');
const dc = require('diagnostics_channel');
// Node's channels for new sockets: a client's from net.connect(), a server's on accept.
const clientSocketChannel = dc.channel('net.client.socket');
const serverSocketChannel = dc.channel('net.server.socket');
// And for listen(): asyncStart when asked (with the options), asyncEnd once bound, error
// when binding failed.
const serverListenChannel = dc.tracingChannel('net.server.listen');
const { setOpRef } = binding.core;
const natives = binding.net;
// Buffer's own constructor (a Uint8Array subclass): a read's bytes become a Buffer without
// Buffer.from's checks.
const FastBuffer = require('buffer').Buffer[Symbol.species];
const { isIP, isIPv4, isIPv6, SocketAddress, BlockList } = require('internal/net/address');
const perf = require('internal/perf/observe');
const { rearmUnrefTimeout } = require('internal/timers');
const { normalizedArgsSymbol, writeDataLength } = require('internal/net');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_MISSING_ARGS, ERR_SOCKET_BAD_PORT,
    ERR_SOCKET_CLOSED, ERR_SERVER_ALREADY_LISTEN, ERR_SERVER_NOT_RUNNING, ERR_OUT_OF_RANGE,
    ERR_SOCKET_CLOSED_BEFORE_CONNECTION, ERR_INVALID_IP_ADDRESS, ERR_INVALID_ADDRESS_FAMILY },
  validateBoolean, validateInteger, validateFunction, validateNumber,
} = require('internal/errors');

// ---- errors ------------------------------------------------------------------

const errWriteAfterFin = () => Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });

// `[errno, code, description]` from native code -> Node's error with address and port.
// `withDescription` is Node's listen/bind form (`listen EADDRINUSE: address already in
// use ::1:80`), whose properties also come in another order.
function netError([errno, code, description], syscall, address, port, withDescription = false) {
  let details = '';
  if (address !== undefined && address !== null && address !== '') details = port > 0 ? ` ${address}:${port}` : ` ${address}`;
  const err = new Error(`${syscall} ${code}${withDescription ? `: ${description}` : ''}${details}`);
  if (withDescription) {
    err.code = code;
    err.errno = errno;
  } else {
    err.errno = errno;
    err.code = code;
  }
  err.syscall = syscall;
  // The listen form always names the address (null for a descriptor).
  if (address || withDescription) err.address = address;
  if (port > 0) err.port = port;
  return err;
}

// ---- live handles (named when a snapshot build refuses them) -----------------

const liveHandles = new Map();
// Counts listen() calls: AMBER_LISTEN_PORT follows the order of the calls, not of the
// binds (a host name is looked up first).
let listenCalls = 0;
// The place is read when described: an accepted socket learns its server's only after
// its handle is open.
internals.describeNetHandles = () => [...liveHandles.values()].map(({ describe: d, owner }) => ({ kind: d(), where: owner._where }));
// The sockets and servers themselves, for process._getActiveHandles().
internals.netHandleOwners = () => [...liveHandles.values()].map(({ owner }) => owner);
// Node's names for them in process.getActiveResourcesInfo().
internals.netResourceNames = () => [...liveHandles.values()].map(({ owner }) => {
  if (owner instanceof Server) return owner._pipe ? 'PipeServerWrap' : 'TCPServerWrap';
  return owner._pipe ? 'PipeWrap' : 'TCPSocketWrap';
});

function openHandle(owner, id, op, describeFn) {
  owner._hid = id;
  owner._op = op;
  liveHandles.set(op, { describe: describeFn, owner });
  if (owner._unrefed) setOpRef(op, false);
}

function closeHandle(owner) {
  if (owner._clusterHandle) {
    // A cluster worker's round-robin listener: nothing native here (see _listenOnClusterHandle).
    const handle = owner._clusterHandle;
    owner._clusterHandle = null;
    handle.close();
  } else {
    if (owner._hid === null) return;
    closeNative(owner);
    owner._hid = null;
  }
  // A cluster worker tells the primary when a listener it got from there closes.
  const onClusterClose = owner._onClusterClose;
  if (onClusterClose !== undefined) {
    owner._onClusterClose = undefined;
    onClusterClose();
  }
}

// Closes the native handle and forgets its events, the JS side unchanged.
function closeNative(owner) {
  // A socket whose descriptor is its own ends at once (see natives.close), unless it is
  // to be reset.
  natives.close(owner._hid, owner._fdShared === false && owner._linger0 !== true);
  internals.unregisterStream(owner._op);
  liveHandles.delete(owner._op);
}

// What `socket._handle` and `server._handle` are while Node would have a handle (a socket
// from connect() on, a server while it listens): Node's TCPWrap/PipeWrap and its server
// form. They hold no native state, only their owner (the native handle is the owner's
// `_hid`), so code that replaces one of their methods (Node's tests do) is called where
// Node calls it. An accepted connection's handle exists before its socket, with its id.
class StreamHandle {
  constructor(id, pipe) {
    this.owner = null;
    this._id = id;
    this._pipe = pipe;
  }

  get _native() { return this.owner === null ? this._id : this.owner._hid; }
  get _isPipe() { return this.owner === null ? this._pipe : this.owner._pipe; }
  // The descriptor, -1 once closed. (Whoever asks may hand it on: the socket is then
  // taken for shared.)
  get fd() {
    if (this._native === null) return -1;
    if (this.owner !== null) this.owner._fdShared = true;
    return natives.fd(this._native);
  }

  setNoDelay(on) {
    if (this._native !== null && !this._isPipe) natives.setNoDelay(this._native, Boolean(on));
    return 0;
  }

  setKeepAlive(on, initialDelaySecs) {
    if (this._native !== null && !this._isPipe) natives.setKeepAlive(this._native, Boolean(on), initialDelaySecs | 0);
    return 0;
  }

  readStart() {
    this.owner?._startReading();
    return 0;
  }

  readStop() {
    const s = this.owner;
    if (s !== null && s._reading && s._hid !== null) {
      s._reading = false;
      natives.readStop(s._hid);
      s._updateRef();
    }
    return 0;
  }

  // Closes the native handle under the socket, which still takes itself for open: its
  // next write fails with EBADF, as in Node.
  close(callback) {
    const s = this.owner;
    if (s === null) natives.close(this._id);
    else if (s._hid !== null) closeNative(s);
    if (typeof callback === 'function') process.nextTick(callback);
  }
}

class ServerHandle {
  constructor(server) { this.owner = server; }

  // Turns an accepted connection into a Socket; replaceable, as Node's.
  onconnection(err, clientHandle) {
    this.owner._onconnection(err, clientHandle);
  }

  close(callback) {
    this.owner.close();
    if (typeof callback === 'function') process.nextTick(callback);
  }

  // The bound address into `out`; 0, or a negative errno (Node's handle method, which
  // Server#address() reads through).
  getsockname(out) {
    const address = this.owner._address;
    if (address) Object.assign(out, address);
    return 0;
  }
}

// ---- argument normalization --------------------------------------------------

function isPipeName(s) { return typeof s === 'string' && toNumber(s) === false; }
function toNumber(x) { return (x = Number(x)) >= 0 ? x : false; }

// connect(options[, cb]) / connect(path[, cb]) / connect(port[, host][, cb]) -> [options, cb]
function normalizeArgs(args) {
  if (args.length === 0) {
    const out = [{}, null];
    out[normalizedArgsSymbol] = true;
    return out;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) options = arg0;
  else if (isPipeName(arg0)) options.path = arg0;
  else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  const out = [options, typeof cb === 'function' ? cb : null];
  out[normalizedArgsSymbol] = true;
  return out;
}

const { validatePort } = require('internal/validators');

function lookupFn() { return require('dns').lookup; }

// ---- Socket ------------------------------------------------------------------

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  options = { ...options };
  if (options.fd !== undefined) validateInteger(options.fd, 'fd', 0);
  this.connecting = false;
  this._hid = null;
  this._op = 0;
  this._host = null;
  this._peer = null;
  this._local = null;
  this._pipe = false;
  this._reading = false;
  this._writeCallbacks = new Map();
  this._nextReq = 1;
  this._pendingWrite = null;
  this._pendingBytes = 0;
  this._timeoutMs = 0;
  this._timer = null;
  this._unrefed = false;
  this._where = internals.callerLocation();
  this.bytesRead = 0;
  this._dispatched = 0;
  this.server = null;
  this._server = null;
  // Whether another descriptor may share this socket (one handed over by number, or
  // duplicated to send it elsewhere): closing it then must not end the connection.
  this._fdShared = false;
  for (const key of ['objectMode', 'readableObjectMode', 'writableObjectMode']) {
    if (options[key]) throw new ERR_INVALID_ARG_VALUE(`options.${key}`, options[key], 'is not supported');
  }
  const allowHalfOpen = Boolean(options.allowHalfOpen);
  // The signal is attached once here (Duplex would attach it for each side).
  Duplex.call(this, { ...options, signal: undefined, allowHalfOpen, emitClose: false, autoDestroy: true, decodeStrings: false });
  if (options.signal) require('stream').addAbortSignal(options.signal, this);
  this.allowHalfOpen = allowHalfOpen;
  this._onread = null;
  // Node ignores an onread option that is not { buffer, callback } of the right types.
  const onread = options.onread;
  if (onread !== null && typeof onread === 'object' && (typeof onread.buffer === 'function' || ArrayBuffer.isView(onread.buffer)) &&
      typeof onread.callback === 'function') {
    this._onread = { buffer: onread.buffer, callback: onread.callback, queue: [], paused: false, ended: false };
  }
  this._noDelay = Boolean(options.noDelay);
  this._keepAlive = Boolean(options.keepAlive);
  // A negative initial delay is 0, as in Node.
  this._keepAliveDelay = Math.max(0, ~~((options.keepAliveInitialDelay ?? 0) / 1000));
  if (options.fd !== undefined) {
    // A connected socket handed over by descriptor (pipes, terminals and files are not).
    this._fdShared = true;
    const r = binding.tcp.openFd(options.fd);
    if (!Array.isArray(r)) {
      if (r.code === 'ENOTSOCK') throw new ERR_NOT_IMPLEMENTED('net.Socket({ fd }) for a descriptor that is not a socket');
      throw netError([r.errno, r.code, r.description], 'open');
    }
    this._attach(r[0], r[1]);
    this._setAddresses(r, 2);
    if (options.readable !== false) this.read(0);
  } else if (options.handle !== undefined) {
    // An accepted connection: the handle is connected already (a StreamHandle from a
    // server, or the bare id).
    let handle = options.handle;
    if (!(handle instanceof StreamHandle)) {
      if (typeof handle !== 'number') throw new ERR_NOT_IMPLEMENTED('net.Socket({ handle }) with a handle amber did not make');
      handle = new StreamHandle(handle, Boolean(options.pipe));
    }
    handle.owner = this;
    this._handleObject = handle;
    this._attach(handle._id, handle._pipe);
    if (options.pauseOnConnect) this._readableState.flowing = false;
    else this.read(0);
  }
  this.on('end', onReadableEnd);
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

function onReadableEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFin;
  }
}

// After the peer's FIN a socket that is not half-open may still write until it ends.
function writeAfterFin(chunk, encoding, cb) {
  if (!this.writableEnded) return Socket.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') cb = encoding;
  const err = errWriteAfterFin();
  if (typeof cb === 'function') process.nextTick(cb, err);
  this.destroy(err);
  return false;
}

Socket.prototype._attach = function _attach(id, pipe) {
  this._pipe = Boolean(pipe);
  const op = internals.registerStream((ev) => this._onEvent(ev), pipe ? 'unix socket' : 'tcp socket');
  openHandle(this, id, op, () => this._describe());
  natives.start(id, op);
  this._applyOptions();
  this._updateRef();
};

Socket.prototype._describe = function _describe() {
  if (this.connecting) return `connecting socket to ${this._pipe ? this._host : `${this._host}:${this._port}`}`;
  if (this._pipe) return `connected unix socket${this._host ? ` ${this._host}` : ''}`;
  const p = this._peer;
  const accepted = this._server ? ' accepted by the server' : '';
  return `connected socket ${this._local?.address}:${this._local?.port} -> ${p?.address}:${p?.port}${accepted}`;
};

Socket.prototype._applyOptions = function _applyOptions() {
  if (this._pipe) return;
  if (this._noDelay) this._handle.setNoDelay?.(true);
  if (this._keepAlive) this._handle.setKeepAlive?.(true, this._keepAliveDelay);
};

Socket.prototype._setAddresses = function _setAddresses(ev, from) {
  const [la, lp, lf, ra, rp, rf] = ev.slice(from, from + 6);
  if (la !== null) this._local = { address: la, family: lf === 4 ? 'IPv4' : 'IPv6', port: lp };
  if (ra !== null) this._peer = { address: ra, family: rf === 4 ? 'IPv4' : 'IPv6', port: rp };
};

Socket.prototype._onEvent = function _onEvent(ev) {
  if (ev === null) return;
  // A read comes as its bytes alone (a small one as its place in the read slab, a
  // bigger one as an ArrayBuffer); every other event as [kind, ...values].
  if (typeof ev === 'number') return this._onData(new FastBuffer(internals.readSlab, ev >>> 13, ev & 8191));
  if (ev instanceof ArrayBuffer) return this._onData(new FastBuffer(ev));
  switch (ev[0]) {
    case 'connect': return this._onConnect(ev);
    case 'connectError': {
      // The native entry is gone already; destroy() releases the JS side.
      // One error per address tried; several become an AggregateError, as with Node's
      // autoSelectFamily.
      const [localAddress, localPort] = this._localBind ?? [null, 0];
      const errors = ev[1].map(([err, address, port, syscall]) => {
        const e = netError(err, syscall, address, port);
        // A connect from a chosen local address names it too, as Node does.
        if (syscall === 'connect' && localAddress && localPort) {
          e.message += ` - Local (${localAddress}:${localPort})`;
          e.localAddress = localAddress;
          e.localPort = localPort;
        }
        return e;
      });
      this.connecting = false;
      if (this._tried?.report) this.autoSelectFamilyAttemptedAddresses = this._tried.addresses.map((a) => `${a}:${this._tried.port}`);
      if (errors.length === 1) {
        this.destroy(errors[0]);
      } else {
        const agg = new AggregateError(errors);
        agg.code = errors[errors.length - 1].code;
        this.destroy(agg);
      }
      return;
    }
    case 'end':
      this._reading = false;
      this._updateRef();
      if (this._onread !== null) {
        // libuv allocates a buffer for the read that finds the end, too.
        if (typeof this._onread.buffer === 'function') this._onread.buffer();
        this._onread.ended = true;
        this._drainOnread();
        return;
      }
      this.push(null);
      this.read(0);
      return;
    case 'readError':
      this.destroy(netError(ev[1], 'read'));
      return;
    case 'written': {
      const cb = this._writeCallbacks.get(ev[1]);
      this._writeCallbacks.delete(ev[1]);
      this._updateRef();
      this._touch();
      if (cb) cb(ev[2] ? netError(ev[2], 'write') : null);
      return;
    }
    case 'shutdown': {
      const cb = this._writeCallbacks.get(ev[1]);
      this._writeCallbacks.delete(ev[1]);
      this._updateRef();
      if (cb) cb(ev[2] ? netError(ev[2], 'shutdown') : null);
      return;
    }
  }
};

Socket.prototype._onData = function _onData(buf) {
  this.bytesRead += buf.length;
  this._touch();
  if (this._onread !== null) {
    this._onread.queue.push(buf);
    this._drainOnread();
    return;
  }
  if (!this.push(buf) && this._hid !== null) {
    this._reading = false;
    natives.readStop(this._hid);
    this._updateRef();
  }
};

Socket.prototype._onConnect = function _onConnect(ev) {
  this._setAddresses(ev, 1);
  // The addresses tried in turn until this one answered (with autoSelectFamily).
  const tried = this._tried;
  if (tried?.report) {
    this.autoSelectFamilyAttemptedAddresses = tried.addresses.slice(0, ev[7] + 1).map((a) => `${a}:${tried.port}`);
  }
  this.connecting = false;
  this._applyOptions();
  this._touch();
  this._updateRef();
  if (this._onread !== null || this._readableState.flowing !== false || this._readableState.needReadable) this._startReading();
  this.emit('connect');
  this.emit('ready');
  if (this._connectPerf !== undefined) {
    perf.finish(this._connectPerf);
    this._connectPerf = undefined;
  }
  const pending = this._pendingWrite;
  this._pendingWrite = null;
  if (pending) {
    this._pendingBytes = 0;
    if (pending.final) this._final(pending.cb);
    else this._dispatch(pending.data, pending.cb, pending.latin1);
  }
};

// The onread option: data is copied into the caller's buffer (or one its function
// returns) and handed to its callback, bypassing the stream; a callback returning false
// pauses reading until resume().
Socket.prototype._drainOnread = function _drainOnread() {
  const o = this._onread;
  while (o.queue.length > 0 && !o.paused) {
    const target = typeof o.buffer === 'function' ? o.buffer() : o.buffer;
    const view = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    const chunk = o.queue[0];
    const n = Math.min(view.length, chunk.length);
    view.set(chunk.subarray(0, n));
    if (n < chunk.length) o.queue[0] = chunk.subarray(n);
    else o.queue.shift();
    if (o.callback.call(this, n, target) === false) this.pause();
  }
  if (o.queue.length === 0 && o.ended && !o.endPushed) {
    o.endPushed = true;
    this.push(null);
    this.read(0);
  }
};

Socket.prototype.pause = function pause() {
  if (this._onread !== null) {
    this._onread.paused = true;
    if (this._reading && this._hid !== null) {
      this._reading = false;
      natives.readStop(this._hid);
      this._updateRef();
    }
  }
  return Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function resume() {
  if (this._onread !== null && this._onread.paused) {
    this._onread.paused = false;
    this._drainOnread();
    if (!this._onread.paused && !this._onread.ended) this._startReading();
  }
  return Duplex.prototype.resume.call(this);
};

// Like a libuv handle, a socket keeps the loop alive only while it is active (connecting,
// reading, or with writes in flight) and refed: a paused idle socket lets the process end.
Socket.prototype._updateRef = function _updateRef() {
  if (this._hid === null) return;
  const active = this.connecting || this._reading || this._writeCallbacks.size > 0;
  setOpRef(this._op, active && !this._unrefed);
};

Socket.prototype._startReading = function _startReading() {
  if (this._reading || this._hid === null || this.connecting) return;
  this._reading = true;
  natives.readStart(this._hid);
  this._updateRef();
};

Socket.prototype._read = function _read() {
  if (this.connecting || this._hid === null) return;
  this._startReading();
};

// `data` as internal/net describes it (a view, a string, or a writev list).
Socket.prototype._dispatch = function _dispatch(data, cb, latin1) {
  if (this._hid === null) {
    cb(new ERR_SOCKET_CLOSED());
    return;
  }
  const req = this._nextReq++;
  this._dispatched += writeDataLength(data, latin1);
  // 2: the kernel took it all at once (the callback runs now, as after a synchronous
  // uv_try_write); 1: the rest completes with a 'written' event.
  const r = natives.write(this._hid, data, req, latin1);
  if (r === 2) {
    this._touch();
    cb(null);
    return;
  }
  if (r === 0) {
    // The native handle is gone (closed under the socket through `_handle.close()`).
    cb(netError([-9, 'EBADF', 'bad file descriptor'], 'write'));
    return;
  }
  this._writeCallbacks.set(req, cb);
  this._updateRef();
};

Socket.prototype._writeGeneric = function _writeGeneric(data, cb, latin1) {
  if (this.connecting) {
    this._pendingWrite = { data, cb, latin1 };
    this._pendingBytes = writeDataLength(data, latin1);
    return;
  }
  this._dispatch(data, cb, latin1);
};

// Whether a string written in `encoding` is its UTF-8 (false), its latin1 (true; Node's
// 'ascii' writes are latin1 too), or must be converted in JS (undefined).
function nativeStringEncoding(encoding) {
  switch (encoding) {
    case 'utf8': case 'utf-8': return false;
    case 'latin1': case 'binary': case 'ascii': return true;
    default: return undefined;
  }
}

// Strings in UTF-8 or latin1 go to native code as they are (encoded there, with no
// Buffer between).
Socket.prototype._write = function _write(chunk, encoding, cb) {
  if (typeof chunk !== 'string') return this._writeGeneric(chunk, cb, false);
  const latin1 = nativeStringEncoding(encoding);
  if (latin1 === undefined) return this._writeGeneric(Buffer.from(chunk, encoding), cb, false);
  this._writeGeneric(chunk, cb, latin1);
};

// Several chunks (a corked socket's): one native write of a list, each string encoded
// natively into the one buffer written.
Socket.prototype._writev = function _writev(chunks, cb) {
  if (chunks.length === 1) return this._write(chunks[0].chunk, chunks[0].encoding, cb);
  const list = [];
  for (let i = 0; i < chunks.length; i++) {
    const { chunk, encoding } = chunks[i];
    if (typeof chunk !== 'string') {
      list.push(chunk, false);
      continue;
    }
    const latin1 = nativeStringEncoding(encoding);
    if (latin1 === undefined) list.push(Buffer.from(chunk, encoding), false);
    else list.push(chunk, latin1);
  }
  this._writeGeneric(list, cb, false);
};

Socket.prototype._final = function _final(cb) {
  if (this.connecting) {
    this._pendingWrite = { final: true, cb };
    return;
  }
  if (this._hid === null) {
    cb();
    return;
  }
  const req = this._nextReq++;
  // With nothing left to write, the shutdown is as good as done (libuv completes it
  // in the same turn, so 'finish' precedes the next immediates); the FIN itself is
  // still sent after every queued write.
  if (this._writeCallbacks.size === 0) {
    natives.shutdown(this._hid, req);
    cb();
    return;
  }
  const done = () => cb();
  done.shutdown = true;
  this._writeCallbacks.set(req, done);
  this._updateRef();
  natives.shutdown(this._hid, req);
};

Socket.prototype._destroy = function _destroy(err, cb) {
  this._clearTimer();
  const pending = this._pendingWrite;
  this._pendingWrite = null;
  if (pending && this.connecting) pending.cb(new ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
  this.connecting = false;
  const hadHandle = this._hid !== null;
  closeHandle(this);
  // Writes in flight are abandoned with the handle; their callbacks still run (without
  // an error, as in Node, where closing the handle completes them).
  const inFlight = [...this._writeCallbacks.values()].filter((f) => !f.shutdown);
  this._writeCallbacks.clear();
  cb(err);
  if (inFlight.length > 0) process.nextTick(() => { for (const f of inFlight) f(null); });
  const server = this._server;
  if (server) {
    this._server = null;
    server._connections--;
    server._emitCloseIfDrained();
  }
  const emitClose = () => this.emit('close', Boolean(err));
  // Without a native handle Node emits 'close' with no argument.
  if (hadHandle) setImmediate(emitClose);
  else process.nextTick(() => this.emit('close'));
};

Socket.prototype.connect = function connect(...args) {
  let options;
  let cb;
  if (Array.isArray(args[0]) && args[0][normalizedArgsSymbol]) [options, cb] = args[0];
  else [options, cb] = normalizeArgs(args);
  if (this.write === writeAfterFin) delete this.write;
  if (this.destroyed) undestroy(this);
  if (cb) this.once('connect', cb);
  this.connecting = true;
  this._where = internals.callerLocation() || this._where;
  if (options.timeout) this.setTimeout(options.timeout);
  if (options.noDelay !== undefined) this._noDelay = Boolean(options.noDelay);
  if (options.keepAlive !== undefined) this._keepAlive = Boolean(options.keepAlive);
  const { path } = options;
  if (path !== undefined && path !== null) {
    if (typeof path !== 'string') throw new ERR_INVALID_ARG_TYPE('options.path', 'string', path);
    this._pipe = true;
    this._host = path;
    const op = internals.registerStream((ev) => this._onEvent(ev), 'unix socket');
    openHandle(this, binding.pipe.connect(path, op), op, () => this._describe());
    return this;
  }
  const { localAddress, localPort } = options;
  if (localAddress && !isIP(localAddress)) throw new ERR_INVALID_IP_ADDRESS(localAddress);
  if (localPort !== undefined && localPort !== null) {
    if (typeof localPort !== 'number') throw new ERR_INVALID_ARG_TYPE('options.localPort', 'number', localPort);
    validatePort(localPort, 'options.localPort');
  }
  this._localBind = [localAddress || null, localPort || 0];
  const host = options.host || 'localhost';
  if (typeof host !== 'string') throw new ERR_INVALID_ARG_TYPE('options.host', 'string', host);
  if (options.port === undefined) throw new ERR_MISSING_ARGS(['options', 'port', 'path']);
  if (typeof options.port !== 'number' && typeof options.port !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], options.port);
  }
  const port = validatePort(options.port);
  // dns.lookup checks the hints; a custom lookup gets them as given, as in Node.
  if (options.lookup == null && options.hints && (options.hints & ~(32 | 16 | 8)) !== 0) {
    throw new ERR_INVALID_ARG_VALUE('hints', options.hints);
  }
  this._host = host;
  this._port = port;
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family ?? 0;
  if (options.autoSelectFamily !== undefined) validateBoolean(options.autoSelectFamily, 'options.autoSelectFamily');
  if (options.autoSelectFamilyAttemptTimeout !== undefined) {
    validateInteger(options.autoSelectFamilyAttemptTimeout, 'options.autoSelectFamilyAttemptTimeout', 1, 2 ** 31 - 1);
  }
  if (isIP(host)) {
    this._connectTo([host], port);
    return this;
  }
  // The defaults in force when connect() is called apply.
  const autoSelect = options.autoSelectFamily ?? getDefaultAutoSelectFamily();
  const attemptTimeout = Math.max(10, options.autoSelectFamilyAttemptTimeout ?? getDefaultAutoSelectFamilyAttemptTimeout());
  const lookup = options.lookup ?? lookupFn();
  if (typeof lookup !== 'function') throw new ERR_INVALID_ARG_TYPE('options.lookup', 'Function', lookup);
  process.nextTick(() => {
    if (!this.connecting) return;
    // As Node: without a family, only address families configured on this host.
    let hints = options.hints ?? 0;
    if (hints === 0 && family !== 4 && family !== 6) hints = 32; // dns.ADDRCONFIG
    // The family as given ('IPv4'/'IPv6' as numbers), undefined when none was.
    const dnsFamily = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    lookup(host, { family: dnsFamily, all: true, hints }, (err, addresses, fam) => {
      if (!this.connecting) return;
      // A custom lookup may answer with one address (address, family).
      if (!err && !Array.isArray(addresses)) addresses = [{ address: addresses, family: fam }];
      const first = addresses?.[0];
      this.emit('lookup', err ?? null, first?.address, first?.family, host);
      if (err) {
        this.destroy(err);
        return;
      }
      if (addresses.length === 0) {
        const e = netError([-3008, 'ENOTFOUND', ''], 'getaddrinfo', host);
        this.destroy(e);
        return;
      }
      for (const { address: ip, family: type } of addresses) {
        if (!isIP(ip)) {
          this.destroy(new ERR_INVALID_IP_ADDRESS(ip));
          return;
        }
        if (type !== 4 && type !== 6) {
          this.destroy(Object.assign(new ERR_INVALID_ADDRESS_FAMILY(type, host, port), { host, port }));
          return;
        }
      }
      // Without autoSelectFamily only the first address is tried; with it, the families
      // alternate (starting with the first answer's) and each attempt but the last has
      // autoSelectFamilyAttemptTimeout to succeed.
      if (!autoSelect) {
        this._connectTo([addresses[0].address], port);
        return;
      }
      const same = addresses.filter((a) => a.family === addresses[0].family);
      const other = addresses.filter((a) => a.family !== addresses[0].family);
      const order = [];
      for (let i = 0; i < Math.max(same.length, other.length); i++) {
        if (i < same.length) order.push(same[i].address);
        if (i < other.length) order.push(other[i].address);
      }
      this._connectTo(order, port, attemptTimeout);
      this._tried.report = true;
    });
  });
  return this;
};

Socket.prototype._connectTo = function _connectTo(addresses, port, attemptTimeout = 0) {
  this._tried = { addresses, port };
  // A 'net' performance entry for the connect, made once connected (TCP only, as Node).
  this._connectPerf = perf.observing('net') ? perf.start('net', 'connect', { host: addresses[0], port }) : undefined;
  const op = internals.registerStream((ev) => this._onEvent(ev), 'tcp socket');
  const [localAddress, localPort] = this._localBind ?? [null, 0];
  openHandle(this, binding.tcp.connect(addresses, port, op, localAddress, localPort, attemptTimeout), op, () => this._describe());
};

// A destroyed socket can connect again (Node's undestroy): both sides start over.
function undestroy(socket) {
  const r = socket._readableState;
  const w = socket._writableState;
  Object.assign(r, {
    reading: false, ended: false, endEmitted: false, destroyed: false, closed: false, closeEmitted: false,
    errored: null, errorEmitted: false, emittedReadable: false, needReadable: false,
  });
  Object.assign(w, {
    ending: false, ended: false, finished: false, destroyed: false, closed: false, closeEmitted: false,
    errored: null, errorEmitted: false, finalCalled: false, prefinished: false, writing: false, pendingcb: 0,
  });
  socket.bytesRead = 0;
  socket._dispatched = 0;
  socket._peer = null;
  socket._local = null;
}

// As Node: the handle is told only of a change (and, while connecting, again once
// connected).
Socket.prototype.setNoDelay = function setNoDelay(enable = true) {
  enable = Boolean(enable);
  const handle = this._handle;
  if (handle === null) {
    this._noDelay = enable;
    return this;
  }
  if (handle.setNoDelay && enable !== this._noDelay) {
    this._noDelay = enable;
    handle.setNoDelay(enable);
  }
  return this;
};

Socket.prototype.setKeepAlive = function setKeepAlive(enable = false, initialDelay = 0) {
  enable = Boolean(enable);
  const delay = ~~(initialDelay / 1000);
  const handle = this._handle;
  if (handle === null) {
    this._keepAlive = enable;
    this._keepAliveDelay = delay;
    return this;
  }
  if (!handle.setKeepAlive) return this;
  if (enable !== this._keepAlive || (enable && this._keepAliveDelay !== delay)) {
    this._keepAlive = enable;
    this._keepAliveDelay = delay;
    handle.setKeepAlive(enable, delay);
  }
  return this;
};

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  validateNumber(msecs, 'msecs');
  if (!(msecs >= 0) || !Number.isFinite(msecs)) {
    throw new ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs);
  }
  this._timeoutMs = msecs;
  this.timeout = msecs;
  if (msecs === 0) {
    this._clearTimer();
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    // A running timer of another length restarts with the new one (refresh keeps its old).
    if (this._timer !== null && this._timer._idleTimeout !== msecs) this._clearTimer();
    this._touch();
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
};

Socket.prototype._clearTimer = function _clearTimer() {
  if (this._timer) clearTimeout(this._timer);
  this._timer = null;
};

// Node's socket[kTimeout]: the idle Timeout, also once it fired or was cleared (then
// with _idleTimeout -1); null before setTimeout().
Object.defineProperty(Socket.prototype, require('internal/timers').kTimeout, {
  __proto__: null, configurable: true, get() { return this._timer ?? this._idleTimer ?? null; },
});

// Activity restarts the idle timer (an unrefed timer, as in Node).
Socket.prototype._touch = function _touch() {
  if (this._timeoutMs === 0 || this.destroyed) return;
  if (this._timer) {
    this._timer.refresh();
    return;
  }
  const idle = this._idleTimer;
  if (idle !== undefined && rearmUnrefTimeout(idle, this._timeoutMs)) {
    this._timer = idle;
    return;
  }
  this._timer = globalThis.setTimeout(() => {
    this._timer = null;
    this.emit('timeout');
  }, this._timeoutMs);
  this._timer.unref();
  this._idleTimer = this._timer;
};

Socket.prototype.ref = function ref() {
  this._unrefed = false;
  this._updateRef();
  return this;
};

Socket.prototype.unref = function unref() {
  this._unrefed = true;
  this._updateRef();
  return this;
};

Socket.prototype.address = function address() {
  if (this._pipe) return this._host ?? {};
  return this._local ? { ...this._local } : {};
};

// Closes with a TCP RST (SO_LINGER 0), so the peer sees ECONNRESET.
Socket.prototype.resetAndDestroy = function resetAndDestroy() {
  if (this._hid === null) return this.destroy(new ERR_SOCKET_CLOSED());
  const reset = () => {
    if (!this._pipe && this._hid !== null) {
      natives.setLinger0(this._hid);
      this._linger0 = true;
    }
    this.destroy();
  };
  if (this.connecting) this.once('connect', reset);
  else reset();
  return this;
};

// Ends the writable side, then destroys once everything is flushed.
Socket.prototype.destroySoon = function destroySoon() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype.write = function write(chunk, encoding, cb) {
  if (chunk !== null && typeof chunk !== 'string' && !ArrayBuffer.isView(chunk)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
  }
  if (chunk !== null && typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Duplex.prototype.write.call(this, chunk, encoding, cb);
};

Socket.prototype.end = function end(data, encoding, cb) {
  Duplex.prototype.end.call(this, data, encoding, cb);
  return this;
};

Object.defineProperties(Socket.prototype, {
  // Node's handle object (see StreamHandle): from connect() on, until destroyed. Set to
  // null, the socket has no handle any more (its native one is closed).
  _handle: {
    get() {
      if (this._hid === null && !this.connecting) return null;
      if (this._handleObject === undefined) {
        this._handleObject = new StreamHandle(null, false);
        this._handleObject.owner = this;
      }
      return this._handleObject;
    },
    set(v) {
      if (v !== null) throw new ERR_INVALID_ARG_VALUE('socket._handle', v, 'can only be set to null in amber');
      closeHandle(this);
    },
    configurable: true,
  },
  remoteAddress: { get() { return this._peer?.address; }, configurable: true },
  remotePort: { get() { return this._peer?.port; }, configurable: true },
  remoteFamily: { get() { return this._peer?.family; }, configurable: true },
  localAddress: { get() { return this._local?.address; }, configurable: true },
  localPort: { get() { return this._local?.port; }, configurable: true },
  localFamily: { get() { return this._local?.family; }, configurable: true },
  pending: { get() { return this._hid === null || this.connecting; }, configurable: true },
  readyState: {
    get() {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
    configurable: true,
  },
  bufferSize: { get() { return this._hid !== null || this.connecting ? this.writableLength : undefined; }, configurable: true },
  bytesWritten: {
    // Bytes handed to the native write queue plus those still buffered by the stream.
    get() {
      // Read on a prototype (no stream state): undefined, as in Node.
      if (this._writableState === undefined) return undefined;
      let n = this._dispatched + this._pendingBytes;
      for (const { chunk } of this._writableState.buffered) n += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return n;
    },
    configurable: true,
  },
  _connecting: { get() { return this.connecting; }, configurable: true },
});

// ---- Server ------------------------------------------------------------------

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  this._connections = 0;
  // The high-water mark of the sockets it accepts (both sides); a negative one is the default.
  if (options.highWaterMark !== undefined) validateNumber(options.highWaterMark, 'options.highWaterMark');
  this.highWaterMark = options.highWaterMark >= 0 ? options.highWaterMark : require('internal/streams/state').getDefaultHighWaterMark();
  this._hid = null;
  this._op = 0;
  this._address = null;
  this._pipe = false;
  this._unrefed = false;
  this._where = '';
  this._usingWorkers = false;
  this._workers = [];
  this._pendingListen = false;
  this._listenRecord = null;
  // Counts listen() calls: an answer to an earlier one (a cluster worker's, which
  // comes asynchronously) is dropped.
  this._listeningId = 1;
  this._relistening = false;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  // Seconds, as Node keeps it.
  this.keepAliveInitialDelay = ~~((options.keepAliveInitialDelay ?? 0) / 1000);
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

// listen(port[, host][, backlog][, cb]) / listen(path[, backlog][, cb]) /
// listen(options[, cb]) / listen([cb]), with Node's precedence: a port wins over a path.
Server.prototype.listen = function listen(...args) {
  let [options, cb] = normalizeArgs(args);
  if (typeof options !== 'object' || options === null) options = {};
  if (this._hid !== null || this._clusterHandle || this._pendingListen) throw new ERR_SERVER_ALREADY_LISTEN();
  this._listeningId++;
  let backlog = toNumber(args.length > 1 && args[1]) || toNumber(args.length > 2 && args[2]);
  if (options instanceof Server || options instanceof Socket || typeof (options._handle ?? options.handle) === 'number') {
    throw new ERR_NOT_IMPLEMENTED('net.Server.listen(handle)');
  }
  options = options._handle || options.handle || options;
  if (serverListenChannel.hasSubscribers) serverListenChannel.asyncStart.publish({ server: this, options });
  if (typeof options.fd === 'number' && options.fd >= 0) {
    // An inherited listening socket (socket activation); errors such as ENOTSOCK are
    // reported through 'error' like any failed listen.
    const { fd } = options;
    if (cb) this.once('listening', cb);
    this._where = internals.callerLocation();
    this._listenRecord = null; // a descriptor cannot be listened on again: not carried
    this._listenOn(() => binding.tcp.listenFd(fd, this._op), null, -1);
    return this;
  }
  if (options.signal !== undefined) {
    const { signal } = options;
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
    if (signal.aborted) {
      process.nextTick(() => this.close());
    } else {
      signal.addEventListener('abort', () => this.close(), { once: true });
    }
  }
  if (args.length === 0 || typeof args[0] === 'function' || (options.port === undefined && 'port' in options) || options.port === null) {
    options = { ...options, port: 0 };
  }
  const listening = () => {
    if (cb) this.once('listening', cb);
    this._where = internals.callerLocation();
  };
  if (typeof options.port === 'number' || typeof options.port === 'string') {
    const port = validatePort(options.port, 'options.port');
    backlog = options.backlog || backlog || 511;
    listening();
    this._listenRecord = { order: ++listenCalls, host: options.host || null, port, backlog, exclusive: Boolean(options.exclusive), ipv6Only: Boolean(options.ipv6Only) };
    this._listenFromRecord();
    return this;
  }
  if (options.path && isPipeName(options.path)) {
    listening();
    this._listenRecord = { order: ++listenCalls, path: options.path, backlog: options.backlog || backlog || 511, readableAll: Boolean(options.readableAll), writableAll: Boolean(options.writableAll), exclusive: Boolean(options.exclusive) };
    this._listenFromRecord();
    return this;
  }
  if (!('port' in options || 'path' in options)) {
    throw new ERR_INVALID_ARG_VALUE('options', options, 'must have the property "port" or "path"');
  }
  throw new ERR_INVALID_ARG_VALUE('options', options);
};

// Listens on what `listen()` was asked for, kept in `_listenRecord` as requested (host
// name, port 0 for "any", backlog, exclusive, ipv6Only; or a Unix-socket path): the same
// record is how a server carried in a snapshot listens again after restore.
Server.prototype._listenFromRecord = function _listenFromRecord() {
  const rec = this._listenRecord;
  if (rec.path !== undefined) {
    this._pipe = true;
    if (internals.clusterListen !== undefined && !rec.exclusive) {
      internals.clusterListen(this, { address: rec.path, port: -1, addressType: -1, backlog: rec.backlog, readableAll: rec.readableAll, writableAll: rec.writableAll });
      return;
    }
    this._listenOn(() => binding.pipe.listen(rec.path, this._op), rec.path, -1);
    if (this._hid !== null && (rec.readableAll || rec.writableAll)) {
      // uv_pipe_chmod: open the socket file to everyone for reading and/or writing.
      const fs = require('fs');
      const mode = fs.statSync(rec.path).mode;
      fs.chmodSync(rec.path, (mode | (rec.readableAll ? 0o444 : 0) | (rec.writableAll ? 0o222 : 0)) & 0o7777);
    }
    return;
  }
  const { host, port, backlog, ipv6Only } = rec;
  if (!host || isIP(host)) {
    this._listenTcp(host || null, port, backlog, ipv6Only);
    return;
  }
  this._pendingListen = true;
  lookupFn()(host, { family: 0 }, (err, address) => {
    if (!this._pendingListen) return; // closed meanwhile
    this._pendingListen = false;
    if (err) {
      if (serverListenChannel.hasSubscribers) serverListenChannel.error.publish({ server: this, error: err });
      this._emitListenError(err);
      return;
    }
    this._listenTcp(address, port, backlog, ipv6Only);
  });
};

Server.prototype._listenTcp = function _listenTcp(host, port, backlog, ipv6Only) {
  this._pipe = false;
  // In a cluster worker the primary listens (lib/internal/cluster/child.js), unless
  // the listen is `exclusive`.
  if (internals.clusterListen !== undefined && !this._listenRecord?.exclusive) {
    internals.clusterListen(this, { address: host, port, addressType: host ? isIP(host) : 4, backlog, flags: ipv6Only ? 1 : 0 });
    return;
  }
  this._listenOn(() => binding.tcp.listen(host, port, backlog, ipv6Only, this._op), host ?? '::', port);
};

// Binds through `bind()` (which returns the handle or an error object) and reports
// 'listening' or 'error' on the next tick, as Node does.
Server.prototype._listenOn = function _listenOn(bind, address, port) {
  this._op = internals.registerStream((ev) => this._onEvent(ev), 'server');
  const r = bind();
  if (typeof r === 'object' && !Array.isArray(r)) {
    internals.unregisterStream(this._op);
    const err = netError([r.errno, r.code, r.description], 'listen', address, port, true);
    if (serverListenChannel.hasSubscribers) serverListenChannel.error.publish({ server: this, error: err });
    process.nextTick(() => this._emitListenError(err));
    return;
  }
  let id = r;
  if (Array.isArray(r) && r.length === 1) {
    // A Unix-domain socket taken over from a descriptor.
    id = r[0];
    this._pipe = true;
    this._address = address;
  } else if (Array.isArray(r)) {
    const [hid, a, p, f] = r;
    id = hid;
    this._address = { address: a, family: f === 4 ? 'IPv4' : 'IPv6', port: p };
    this._connectionKey = `${f}:${a}:${port}`;
  } else {
    this._address = address;
    this._connectionKey = `-1:${address}:-1`;
  }
  openHandle(this, id, this._op, () => `listening server ${this._pipe ? this._address : `${this._address.address}:${this._address.port}`}` +
    (this._listenRecord === null ? ' (on an inherited descriptor, which cannot be listened on again after restore)' : ''));
  if (serverListenChannel.hasSubscribers) serverListenChannel.asyncEnd.publish({ server: this });
  process.nextTick(() => {
    this._relistening = false;
    if (this._hid !== null) this.emit('listening');
  });
};

// A failed listen goes to 'error'. When amber itself listens again for a server carried
// in a snapshot and nobody listens for 'error', the process ends with one line instead of
// an uncaught exception pointing into amber's own code.
Server.prototype._emitListenError = function _emitListenError(err) {
  if (this._relistening) {
    this._relistening = false;
    if (this.listenerCount('error') === 0) {
      const hint = this._listenRecord?.path === undefined ? '; AMBER_LISTEN_PORT chooses another port' : '';
      restoreFailure(`a server carried in the snapshot cannot listen again: ${err.message} (server created ${this._where})${hint}`);
    }
  }
  this.emit('error', err);
};

// ---- servers carried in a snapshot --------------------------------------------------
// A server listening when a snapshot is built is carried (issue 7): the serialization
// closes its listener (a descriptor cannot be in the heap) and the server keeps
// `_listenRecord`, what listen() was asked for. The restored process listens on it again
// (port 0 gives a new free port) before the deserialize callbacks and the main function
// run, and the server emits 'listening' again, as after close() and listen(). Servers
// listening on an inherited descriptor are not carried: the build refuses them.

const carriedServers = [];

function restoreFailure(message) {
  require('fs').writeSync(2, `amber: ${message}\n`);
  process.exit(1);
}

internals.detachListeningServers = () => {
  for (const { owner } of [...liveHandles.values()]) {
    if (!(owner instanceof Server) || owner._listenRecord === null) continue;
    closeHandle(owner);
    carriedServers.push(owner);
  }
  carriedServers.sort((a, b) => a._listenRecord.order - b._listenRecord.order);
};

// AMBER_LISTEN_PORT=N[,N...]: the ports for the carried TCP servers, in the order they
// started listening at build time; it must name each of them.
function listenPortOverride(count) {
  const value = process.env.AMBER_LISTEN_PORT;
  if (value === undefined || value === '') return null;
  const parts = value.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^[0-9]{1,5}$/.test(p) || Number(p) > 65535);
  if (bad !== undefined) restoreFailure(`AMBER_LISTEN_PORT: ${JSON.stringify(bad)} is not a port (0 to 65535)`);
  if (parts.length !== count) {
    restoreFailure(`AMBER_LISTEN_PORT gives ${parts.length} port${parts.length === 1 ? '' : 's'} but the snapshot carries ${count} listening TCP server${count === 1 ? '' : 's'}`);
  }
  return parts.map(Number);
}

internals.relistenCarriedServers = () => {
  const servers = carriedServers.splice(0);
  const tcp = servers.filter((s) => s._listenRecord.path === undefined);
  const ports = listenPortOverride(tcp.length);
  if (ports) tcp.forEach((s, i) => { s._listenRecord.port = ports[i]; });
  for (const s of servers) {
    if (s._hid !== null || s._pendingListen) continue;
    s._relistening = true;
    s._listenFromRecord();
  }
};

Server.prototype._onEvent = function _onEvent(ev) {
  if (ev === null || this._hid === null) return;
  if (ev[0] === 'acceptError') {
    this.emit('error', netError(ev[1], 'accept'));
    return;
  }
  if (ev[0] !== 'connection') return;
  // A cluster primary's round-robin listener hands connections to its workers.
  if (this._onRawConnection !== undefined) {
    this._onRawConnection(ev[1]);
    return;
  }
  this._onConnectionHandle(ev[1], this._pipe, ev);
};

// A connection accepted natively (handle `id`; its addresses in `ev` from index 2) becomes
// a Socket and 'connection', or is dropped past maxConnections.
Server.prototype._onConnectionHandle = function _onConnectionHandle(id, pipe, ev) {
  if (this.maxConnections != null && this._connections >= this.maxConnections) {
    natives.close(id);
    if (pipe) {
      this.emit('drop');
      return;
    }
    const [la, lp, lf, ra, rp, rf] = ev.slice(2, 8);
    const family = (f) => (f === 4 ? 'IPv4' : 'IPv6');
    const data = Object.create(null);
    Object.assign(data, { localAddress: la, localPort: lp, localFamily: family(lf), remoteAddress: ra, remotePort: rp, remoteFamily: family(rf) });
    this.emit('drop', data);
    return;
  }
  this._accepted = ev;
  const clientHandle = new StreamHandle(id, pipe);
  // A cluster worker's round-robin listener has no server handle to go through.
  if (this._clusterHandle) this._onconnection(null, clientHandle);
  else this._handle.onconnection(null, clientHandle);
};

Server.prototype._onconnection = function _onconnection(err, clientHandle) {
  const ev = this._accepted;
  this._accepted = null;
  if (err) {
    this.emit('error', err);
    return;
  }
  const socket = new Socket({ handle: clientHandle, pipe: clientHandle._isPipe ?? this._pipe, allowHalfOpen: this.allowHalfOpen, pauseOnConnect: this.pauseOnConnect,
    readableHighWaterMark: this.highWaterMark, writableHighWaterMark: this.highWaterMark });
  // As Node: the server's options reach the new handle after the socket is made.
  if (this.noDelay && clientHandle.setNoDelay) {
    socket._noDelay = true;
    clientHandle.setNoDelay(true);
  }
  if (this.keepAlive && clientHandle.setKeepAlive) {
    socket._keepAlive = true;
    socket._keepAliveDelay = this.keepAliveInitialDelay;
    clientHandle.setKeepAlive(true, this.keepAliveInitialDelay);
  }
  if (ev) socket._setAddresses(ev, 2);
  socket._where = this._where;
  socket.server = this;
  socket._server = this;
  this._connections++;
  if (serverSocketChannel.hasSubscribers) serverSocketChannel.publish({ socket });
  this.emit('connection', socket);
};

// ---- cluster workers (lib/internal/cluster/child.js) ------------------------------
// With round-robin scheduling the primary listens and hands each connection over; the
// worker's server then holds a handle object with nothing native (`{ close, ref, unref }`)
// and reports the primary's address.
Server.prototype._listenOnClusterHandle = function _listenOnClusterHandle(handle, address, pipe) {
  this._pipe = pipe;
  this._address = address;
  this._connectionKey = pipe ? `-1:${address}:-1` : `${address.family === 'IPv4' ? 4 : 6}:${address.address}:${address.port}`;
  this._clusterHandle = handle;
  if (this._unrefed) handle.unref();
  process.nextTick(() => {
    if (this._handle !== null) this.emit('listening');
  });
};

// A connection the primary sent (its descriptor, taken over); false when it cannot be
// adopted.
Server.prototype._clusterConnection = function _clusterConnection(fd) {
  const r = binding.tcp.openFd(fd);
  if (!Array.isArray(r)) return false;
  this._onConnectionHandle(r[0], r[1], r);
  return true;
};

Server.prototype.address = function address() {
  if (this._hid === null && !this._clusterHandle) return null;
  if (this._pipe) return this._address;
  const handle = this._handle;
  if (handle instanceof ServerHandle && typeof handle.getsockname === 'function') {
    const out = {};
    const err = handle.getsockname(out);
    if (err) throw require('internal/errors').errnoException(err, 'address');
    return out;
  }
  return { ...this._address };
};

Server.prototype.close = function close(cb) {
  if (typeof cb === 'function') {
    if (this._hid === null && !this._clusterHandle) this.once('close', () => cb(new ERR_SERVER_NOT_RUNNING()));
    else this.once('close', cb);
  }
  this._pendingListen = false;
  closeHandle(this);
  if (this._usingWorkers && this._workers.length > 0) {
    // Sockets handed to other processes (child.send(msg, socket)) close there first;
    // the extra count keeps 'close' to one emission while the answers come in.
    let left = this._workers.length;
    const onWorkerClosed = () => {
      if (--left !== 0) return;
      this._connections = 0;
      this._emitCloseIfDrained();
    };
    this._connections++;
    for (const worker of [...this._workers]) worker.close(onWorkerClosed);
  } else {
    this._emitCloseIfDrained();
  }
  return this;
};

// A process this server's sockets were sent to (internal/ipc.js), until it exits.
Server.prototype._setupWorker = function _setupWorker(list) {
  this._usingWorkers = true;
  this._workers.push(list);
  list.once('exit', () => {
    const i = this._workers.indexOf(list);
    if (i !== -1) this._workers.splice(i, 1);
  });
};

Server.prototype._emitCloseIfDrained = function _emitCloseIfDrained() {
  if (this._hid !== null || this._connections > 0 || this._closeQueued) return;
  this._closeQueued = true;
  process.nextTick(() => {
    this._closeQueued = false;
    this.emit('close');
  });
};

Server.prototype.getConnections = function getConnections(cb) {
  if (!this._usingWorkers || this._workers.length === 0) {
    process.nextTick(cb, null, this._connections);
    return this;
  }
  // Its own connections plus each receiving process's count.
  let left = this._workers.length;
  let total = this._connections;
  let failed = null;
  const done = (err, count) => {
    if (err && !failed) failed = err;
    total += count || 0;
    if (--left === 0) cb(failed, failed ? undefined : total);
  };
  for (const worker of [...this._workers]) worker.getConnections(done);
  return this;
};

Server.prototype.ref = function ref() {
  this._unrefed = false;
  if (this._clusterHandle) this._clusterHandle.ref();
  else if (this._hid !== null) setOpRef(this._op, true);
  return this;
};

Server.prototype.unref = function unref() {
  this._unrefed = true;
  if (this._clusterHandle) this._clusterHandle.unref();
  else if (this._hid !== null) setOpRef(this._op, false);
  return this;
};

// A rejected async listener under captureRejections: a failed 'connection' handler
// destroys that socket with the error; anything else is the server's error, as in Node.
Server.prototype[EventEmitter.captureRejectionSymbol] = function onRejection(err, event, sock) {
  if (event === 'connection') sock.destroy(err);
  else this.emit('error', err);
};

Server.prototype[Symbol.asyncDispose] = function asyncDispose() {
  if (this._hid === null) return Promise.resolve();
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

// Node's server handle object (see ServerHandle) while listening.
Object.defineProperty(Server.prototype, '_handle', {
  get() {
    if (this._clusterHandle) return this._clusterHandle;
    if (this._hid === null) return null;
    this._handleObject ??= new ServerHandle(this);
    return this._handleObject;
  },
  configurable: true,
});
Object.defineProperty(Server.prototype, 'listening', { get() { return this._hid !== null || Boolean(this._clusterHandle); }, configurable: true, enumerable: true });

// ---- module functions ------------------------------------------------------------

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const options = normalized[0];
  if (options.timeout) validateNumber(options.timeout, 'options.timeout');
  const socket = new Socket(options);
  socket._where = internals.callerLocation();
  if (options.timeout) socket.setTimeout(options.timeout);
  if (clientSocketChannel.hasSubscribers) clientSocketChannel.publish({ socket });
  // The arguments go on normalized, as one array, as in Node (a wrapped
  // Socket.prototype.connect sees them so).
  return socket.connect(normalized);
}

// Happy-eyeballs defaults (Node 20: on, 250 ms per attempt; at least 10 ms). amber tries
// the looked-up addresses one after the other.
// The command line's --[no-]network-family-autoselection and
// --network-family-autoselection-attempt-timeout (milliseconds) are
// read on first use, so a snapshot restored with other flags sees its own.
let autoSelectFamilyDefault;
let autoSelectFamilyAttemptTimeoutDefault;
function getDefaultAutoSelectFamily() {
  autoSelectFamilyDefault ??= require('internal/options').getOptionValue('--network-family-autoselection');
  return autoSelectFamilyDefault;
}
function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  autoSelectFamilyDefault = value;
}
function getDefaultAutoSelectFamilyAttemptTimeout() {
  if (autoSelectFamilyAttemptTimeoutDefault === undefined) {
    const v = require('internal/options').getOptionValue('--network-family-autoselection-attempt-timeout');
    autoSelectFamilyAttemptTimeoutDefault = v === undefined ? 250 : Math.max(10, Number(v));
  }
  return autoSelectFamilyAttemptTimeoutDefault;
}
function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInteger(value, 'value', 1, 2 ** 31 - 1);
  autoSelectFamilyAttemptTimeoutDefault = value < 10 ? 10 : value;
}

let simultaneousAcceptsWarned = false;

// ---- handles sent over IPC (internal/ipc.js) ----------------------------------

// A duplicate of the socket under a Server or Socket, for `send(msg, handle)`, or -1.
internals.netHandleFd = (owner) => {
  if (owner._hid === null || owner.connecting) return -1;
  owner._fdShared = true;
  return natives.dupFd(owner._hid);
};

// Detaches a sent socket from its JS object, as Node does unless `keepOpen`: no more
// reads or timeouts, and its server stops counting it. Returns the closer of the native
// handle, called when the receiver acknowledges the descriptor.
internals.netDetachSocket = (socket) => {
  const id = socket._hid;
  if (socket._reading) {
    natives.readStop(id);
    socket._reading = false;
  }
  socket.setTimeout(0);
  internals.unregisterStream(socket._op);
  liveHandles.delete(socket._op);
  // Like an idle libuv handle, it no longer holds the loop while it waits to be closed.
  setOpRef(socket._op, false);
  socket._hid = null;
  const server = socket._server;
  if (server) {
    socket._server = null;
    server._connections--;
  }
  // An http connection lets go of its parser and its response, and its server no
  // longer tracks it (it will never close here).
  const { HTTPParser, freeParser } = require('_http_common');
  if (socket.parser instanceof HTTPParser) {
    freeParser(socket.parser, null, socket);
    socket._httpMessage?.detachSocket(socket);
    socket.server?._httpConnections?.delete(socket);
  }
  return () => natives.close(id);
};

module.exports = {
  _createServerHandle() { throw new ERR_NOT_IMPLEMENTED('net._createServerHandle()'); },
  _normalizeArgs: normalizeArgs,
  // A Windows-only tuning knob in Node; elsewhere it only warns, once.
  _setSimultaneousAccepts() {
    if (simultaneousAcceptsWarned) return;
    simultaneousAcceptsWarned = true;
    process.emitWarning('net._setSimultaneousAccepts() is deprecated and will be removed.', 'DeprecationWarning', 'DEP0121');
  },
  BlockList,
  SocketAddress,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
  getDefaultAutoSelectFamily,
  setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout,
};
