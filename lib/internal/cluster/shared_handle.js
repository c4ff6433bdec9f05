'use strict';
// cluster's SCHED_NONE: the primary binds and listens once and every worker gets the
// listening socket (a bare descriptor), accepting on it itself; the kernel spreads the
// connections. The primary's own listener is closed as soon as it has the socket, before
// its loop could accept anything, and only a duplicate of the descriptor is kept.

const net = require('net');
const { NativeHandle } = require('internal/ipc');

class SharedHandle {
  constructor(key, address, { port, flags, backlog }) {
    this.key = key;
    this.workers = new Map();
    this.handle = null;
    this.errno = 0;
    this.code = undefined;
    this.ready = false;
    this.waiting = [];
    const server = net.createServer();
    const settle = () => {
      this.ready = true;
      for (const [worker, send] of this.waiting.splice(0)) this.add(worker, send);
    };
    const take = () => {
      const fd = internals.netHandleFd(server);
      server.close();
      if (fd >= 0) this.handle = new NativeHandle(fd);
      else this.errno = -9; // EBADF
      settle();
    };
    server.once('error', (err) => {
      this.errno = err.errno;
      this.code = err.code;
      settle();
    });
    server.listen({ port, host: address, ipv6Only: Boolean(flags & 1), backlog });
    // Bound synchronously unless a host name is looked up first.
    if (server._handle !== null) take();
    else server.once('listening', take);
  }

  add(worker, send) {
    if (!this.ready) {
      this.waiting.push([worker, send]);
      return;
    }
    this.workers.set(worker.id, worker);
    send(this.errno, this.errno ? { code: this.code } : null, this.handle);
  }

  remove(worker) {
    if (!this.workers.delete(worker.id)) return false;
    if (this.workers.size !== 0) return false;
    this.handle?.close();
    this.handle = null;
    return true;
  }
}

module.exports = SharedHandle;
