'use strict';
// The native side of node:dgram: a UdpHandle holds a socket's id in the native UDP
// table (0 until it is bound, as a libuv handle has no descriptor before its bind) and
// the one persistent op its events arrive on (crates/runtime/src/bindings/net/udp.rs).
// Errors come back as `{ errno, code, description }` objects or negative errnos and are
// turned into Node's error objects here.

const { setOpRef } = binding.core;
const natives = binding.udp;
const { getSystemErrorName } = require('util');

const kStateSymbol = Symbol('state symbol');
const BIND_STATE_UNBOUND = 0;
const BIND_STATE_BINDING = 1;
const BIND_STATE_BOUND = 2;

// Every bound socket, for a snapshot build (which refuses them by name) and for
// process.getActiveResourcesInfo().
const liveSockets = new Map();
internals.describeDgramSockets = () => [...liveSockets.values()].map((h) => ({ kind: `${h.type} socket`, where: h.where }));
internals.dgramResourceNames = () => [...liveSockets.values()].map(() => 'UDPWrap');

// `errno` is negative (libuv's numbering) or a native `{ errno, code }` object.
function errnoOf(err) { return typeof err === 'number' ? err : err.errno; }
function codeOf(err) { return typeof err === 'number' ? getSystemErrorName(err) : err.code; }

// Node's ErrnoException: `${syscall} ${code}`.
function errnoException(err, syscall) {
  const ex = new Error(`${syscall} ${codeOf(err)}`);
  ex.errno = errnoOf(err);
  ex.code = codeOf(err);
  ex.syscall = syscall;
  return ex;
}

// Node's ExceptionWithHostPort: `${syscall} ${code} ${address}:${port}`.
function exceptionWithHostPort(err, syscall, address, port) {
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const ex = new Error(`${syscall} ${codeOf(err)}${details}`);
  ex.errno = errnoOf(err);
  ex.code = codeOf(err);
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

// Native errors for the options are objects, successes null.
function check(r) { return r === null ? 0 : r.errno; }

// --test-udp-no-try-send, read once per process on the first send.
let noTrySend;

const OPTION = { broadcast: 0, ttl: 1, multicastTTL: 2, multicastLoopback: 3 };

class UdpHandle {
  constructor(type, lookup) {
    this.type = type;
    this.id = 0;
    this.op = 0;
    this.refed = true;
    this.where = internals.callerLocation();
    // Node's UDPWrap callback: (nread, handle, buf, rinfo), a negative nread for an error.
    this.onmessage = null;
    this._sends = new Map();
    this._nextReq = 1;
    const family = type === 'udp4' ? 4 : 6;
    const fallback = type === 'udp4' ? '127.0.0.1' : '::1';
    // The default is looked up when used: dns.lookup may be replaced meanwhile.
    const fn = lookup ?? ((...args) => require('dns').lookup(...args));
    this.lookup = (address, callback) => fn(address || fallback, family, callback);
  }

  _open(result) {
    if (!Array.isArray(result)) return result;
    this.id = result[0];
    liveSockets.set(this.op, this);
    if (!this.refed) setOpRef(this.op, false);
    return 0;
  }

  _register() {
    this.op = internals.registerStream((ev) => this._onEvent(ev), 'udp socket');
  }

  // -> 0, or the native error of the bind.
  bind(ip, port, reuseAddr, ipv6Only) {
    this._register();
    const r = this._open(natives.bind(ip, port, Boolean(reuseAddr), Boolean(ipv6Only), this.op));
    if (r !== 0) this._unregister();
    return r;
  }

  // Adopts a bound UDP socket's descriptor; -> 0 or the native error.
  open(fd) {
    this._register();
    const r = this._open(natives.open(fd, this.op));
    if (r !== 0) this._unregister();
    return r;
  }

  _unregister() {
    internals.unregisterStream(this.op);
    this.op = 0;
  }

  _onEvent(ev) {
    switch (ev[0]) {
      case 'message': {
        const v = ev[1];
        const buf = Buffer.from(v.buffer, v.byteOffset, v.length);
        const rinfo = { address: ev[2], family: ev[4] === 4 ? 'IPv4' : 'IPv6', port: ev[3], size: buf.length };
        this.onmessage?.(buf.length, this, buf, rinfo);
        return;
      }
      case 'recvError':
        this.onmessage?.(ev[1][0], this);
        return;
      case 'sent': {
        const req = this._sends.get(ev[1]);
        this._sends.delete(ev[1]);
        // A send in progress holds the loop even on an unrefed socket, as a libuv request.
        if (this._sends.size === 0 && !this.refed && this.op !== 0) setOpRef(this.op, false);
        if (req?.oncomplete) req.oncomplete(ev[2] === null ? null : ev[2][0], ev[3]);
      }
    }
  }

  // -> bytes + 1 when sent at once, 0 when queued (req.oncomplete(errno, sent) follows),
  // or a negative errno.
  send(req, list, port, ip) {
    const id = this._nextReq++;
    noTrySend ??= require('internal/options').getOptionValue('--test-udp-no-try-send');
    const r = natives.send(this.id, list, port ?? 0, ip ?? null, id, noTrySend);
    if (r === 0) {
      this._sends.set(id, req);
      if (!this.refed) setOpRef(this.op, true);
    }
    return r;
  }

  connect(ip, port) { return check(natives.connect(this.id, ip, port)); }
  disconnect() { return check(natives.disconnect(this.id)); }

  // Fills `out` with { address, family, port }; -> 0 or the native error.
  _address(out, peer) {
    const r = natives.address(this.id, peer);
    if (!Array.isArray(r)) return r.errno;
    out.address = r[0];
    out.family = r[2] === 4 ? 'IPv4' : 'IPv6';
    out.port = r[1];
    return 0;
  }

  getsockname(out) { return this._address(out, false); }
  getpeername(out) { return this._address(out, true); }
  setBroadcast(on) { return check(natives.setOption(this.id, OPTION.broadcast, on)); }
  setTTL(ttl) { return check(natives.setOption(this.id, OPTION.ttl, ttl)); }
  setMulticastTTL(ttl) { return check(natives.setOption(this.id, OPTION.multicastTTL, ttl)); }
  setMulticastLoopback(on) { return check(natives.setOption(this.id, OPTION.multicastLoopback, on)); }
  setMulticastInterface(address) { return check(natives.setMulticastInterface(this.id, address)); }
  addMembership(group, iface) { return check(natives.membership(this.id, group, iface ?? null, true)); }
  dropMembership(group, iface) { return check(natives.membership(this.id, group, iface ?? null, false)); }
  addSourceSpecificMembership(source, group, iface) { return check(natives.sourceMembership(this.id, source, group, iface ?? null, true)); }
  dropSourceSpecificMembership(source, group, iface) { return check(natives.sourceMembership(this.id, source, group, iface ?? null, false)); }

  // -> the size, or `ctx` filled with the failure (Node's ERR_SOCKET_BUFFER_SIZE context).
  bufferSize(size, recv, ctx) {
    const r = natives.bufferSize(this.id, size, recv);
    if (typeof r === 'number') return r;
    ctx.errno = r.errno;
    ctx.code = r.code;
    ctx.message = r.description;
    ctx.syscall = recv ? 'uv_recv_buffer_size' : 'uv_send_buffer_size';
    return undefined;
  }

  dupFd() { return this.id === 0 ? -1 : natives.dupFd(this.id); }

  getSendQueueSize() { return natives.queue(this.id)[0]; }
  getSendQueueCount() { return natives.queue(this.id)[1]; }

  ref() {
    this.refed = true;
    if (this.op !== 0) setOpRef(this.op, true);
  }

  unref() {
    this.refed = false;
    if (this.op !== 0 && this._sends.size === 0) setOpRef(this.op, false);
  }

  hasRef() { return this.refed && this.op !== 0; }

  close() {
    if (this.id !== 0) natives.close(this.id);
    if (this.op !== 0) {
      liveSockets.delete(this.op);
      this._unregister();
    }
    this.id = 0;
    // Sends still queued are dropped with their callbacks, as Node's are.
    this._sends.clear();
  }
}

module.exports = {
  kStateSymbol, BIND_STATE_UNBOUND, BIND_STATE_BINDING, BIND_STATE_BOUND,
  UdpHandle, errnoException, exceptionWithHostPort,
};
