'use strict';
// node:worker_threads — amber runs one thread: isMainThread is true, Worker is refused.
const { codes: { ERR_NOT_IMPLEMENTED, ERR_NOT_SUPPORTED_IN_SNAPSHOT } } = require('internal/errors');
const EventEmitter = require('events');
class Worker extends EventEmitter {
  constructor() {
    super();
    if (binding.snapshot.mode() === 1) throw new ERR_NOT_SUPPORTED_IN_SNAPSHOT('Creating workers');
    throw new ERR_NOT_IMPLEMENTED('worker_threads.Worker');
  }
}
class MessageChannel {
  constructor() {
    this.port1 = new MessagePort();
    this.port2 = new MessagePort();
    this.port1._other = this.port2;
    this.port2._other = this.port1;
  }
}
class MessagePort extends EventEmitter {
  // Delivered as a macrotask, as Node's ports deliver through the event loop.
  postMessage(msg) { const o = this._other; if (o) { const copy = structuredClone(msg); setImmediate(() => o.emit('message', copy)); } }
  start() {}
  close() { this.emit('close'); }
  ref() { return this; }
  unref() { return this; }
}
module.exports = {
  isMainThread: true, parentPort: null, workerData: null, threadId: 0, resourceLimits: {},
  Worker, MessageChannel, MessagePort,
  BroadcastChannel: class BroadcastChannel extends EventEmitter {
    constructor(name) { super(); this.name = `${name}`; }
    postMessage() { throw new ERR_NOT_IMPLEMENTED('BroadcastChannel.postMessage()'); }
    close() {}
  },
  SHARE_ENV: Symbol('SHARE_ENV'), markAsUntransferable() {}, moveMessagePortToContext() { throw new ERR_NOT_IMPLEMENTED('worker_threads.moveMessagePortToContext'); },
  receiveMessageOnPort() { return undefined; }, getEnvironmentData() {}, setEnvironmentData() {},
};
