'use strict';
// cluster's round-robin scheduling (the default on Unix): the primary listens and hands
// each connection to the next free worker as a bare descriptor ('newconn'); a worker
// is free again once it answered. A connection a worker refused (its server is closing
// or full) goes to another one.

const net = require('net');
const { NativeHandle } = require('internal/ipc');
const { sendHelper } = require('internal/cluster/utils');

class RoundRobinHandle {
  constructor(key, address, { port, fd, flags, backlog, readableAll, writableAll }) {
    this.key = key;
    this.all = new Map();
    this.free = new Map();
    this.pending = [];
    this.listening = false;
    this.server = net.createServer(() => { throw new Error('unreachable: connections are distributed'); });
    // Accepted connections stay native handles; each becomes a descriptor to send.
    this.server._onRawConnection = (id) => {
      const dup = binding.net.dupFd(id);
      binding.net.close(id);
      if (dup >= 0) this.distribute(0, new NativeHandle(dup));
    };
    if (fd >= 0) this.server.listen({ fd, backlog });
    else if (port >= 0) this.server.listen({ port, host: address, ipv6Only: Boolean(flags & 1), backlog });
    else this.server.listen({ path: address, backlog, readableAll, writableAll });
    this.server.once('listening', () => { this.listening = true; });
  }

  add(worker, send) {
    this.all.set(worker.id, worker);
    const done = () => {
      if (this.server._pipe) send(0, null, null);
      else send(0, { sockname: this.server.address() }, null);
      this.handoff(worker); // connections may be waiting
    };
    if (this.listening) {
      done();
      return;
    }
    const onError = (err) => {
      this.server.removeListener('listening', done);
      send(err.errno, { code: err.code }, null);
    };
    this.server.once('listening', () => {
      this.server.removeListener('error', onError);
      done();
    });
    this.server.once('error', onError);
  }

  remove(worker) {
    if (!this.all.delete(worker.id)) return false;
    this.free.delete(worker.id);
    if (this.all.size !== 0) return false;
    for (const handle of this.pending.splice(0)) handle.close();
    this.server.close();
    return true;
  }

  // (err, handle), as Node's: a failed accept (err) is skipped.
  distribute(err, handle) {
    if (err) return;
    this.pending.push(handle);
    const first = this.free.values().next();
    if (!first.done) {
      const worker = first.value;
      this.free.delete(worker.id);
      this.handoff(worker);
    }
  }

  handoff(worker) {
    if (!this.all.has(worker.id)) return; // its server is closing or closed
    const handle = this.pending.shift();
    if (handle === undefined) {
      this.free.set(worker.id, worker);
      return;
    }
    const sent = sendHelper(worker.process, { act: 'newconn', key: this.key }, handle, (reply) => {
      if (reply.accepted) handle.close();
      else this.distribute(0, handle);
      this.handoff(worker);
    });
    if (!sent) this.pending.unshift(handle);
  }
}

module.exports = RoundRobinHandle;
