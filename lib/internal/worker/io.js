'use strict';
// MessagePort, MessageChannel and BroadcastChannel over amber's native port table
// (crates/runtime/src/bindings/messaging.rs). A port object holds only its native id
// and the id of the persistent op its wake-ups arrive on: a message posted on another
// thread is queued natively and announced on this thread's event loop, which then
// takes the messages one by one (V8's structured clone) and emits them.
//
// A port is an EventEmitter ('message', 'messageerror', 'close') and, as in Node, also
// answers the EventTarget API (addEventListener, onmessage). A 'message' listener
// starts the port and refs it; a port starts unref'd, and ref()/unref() decide whether
// it keeps the event loop alive (started or not, as Node's handle).

const EventEmitter = require('events');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_TRANSFER_OBJECT, ERR_MISSING_ARGS, ERR_INVALID_THIS, ERR_NOT_SUPPORTED_IN_SNAPSHOT,
    ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST, ERR_CONSTRUCT_CALL_INVALID, ERR_CONSTRUCT_CALL_REQUIRED,
  },
} = require('internal/errors');
const m = binding.messaging;
const { setOpRef } = binding.core;

const kId = Symbol('kPortId');
const kOp = Symbol('kPortOp');
const kState = Symbol('kPortState');
// Registered, so that Node-API (crates/napi, external ArrayBuffers) can set it natively.
const kUntransferable = Symbol.for('amber.untransferable');
const kHandlers = Symbol('kHandlers');

function DataCloneError(message) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, 'DataCloneError');
}
// The JS transferables of the transfer list of the message being posted, and the error
// their own transfer lists hold for when one of them is written (after its kTransfer,
// as in Node).
let transferring = [];
let transferError = null;
const cloneCallbacks = {
  error: (message) => DataCloneError(message),
  // An object marked with markTransferMode (internal/worker/js_transferable.js).
  transferable: (obj) => {
    const record = require('internal/worker/js_transferable').serializeTransferable(obj, transferring, DataCloneError);
    if (transferError !== null) throw transferError;
    return record;
  },
  // A MessagePort inside a message that is not in the transfer list.
  missing: () => new ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST(),
};

function refuseInSnapshot(what) {
  if (binding.snapshot.mode() === 1) throw new ERR_NOT_SUPPORTED_IN_SNAPSHOT(what);
}

function runTicks() {
  require('internal/task_queues').runTicks();
}

const { Event, EventTarget } = require('internal/event_target');

class MessageEvent extends Event {
  #data;
  #ports;
  #origin;
  #lastEventId;
  #source;
  constructor(type, init = {}) {
    super(type, init);
    const source = init?.source ?? null;
    if (source !== null && !(source instanceof MessagePort)) {
      throw new ERR_INVALID_ARG_TYPE('init.source', 'MessagePort', source);
    }
    const portsInit = init?.ports ?? [];
    if (portsInit === null || typeof portsInit[Symbol.iterator] !== 'function') throw new TypeError('ports is not iterable');
    const ports = [...portsInit];
    ports.forEach((p, i) => {
      if (!(p instanceof MessagePort)) throw new ERR_INVALID_ARG_TYPE(`init.ports[${i}]`, 'MessagePort', p);
    });
    this.#data = init?.data ?? null;
    this.#origin = `${init?.origin ?? ''}`;
    this.#lastEventId = `${init?.lastEventId ?? ''}`;
    this.#source = source;
    this.#ports = ports;
    if (init?.target !== undefined) { this.target = init.target; this.currentTarget = init.target; }
  }
  get data() { MessageEvent.#check(this); return this.#data; }
  get ports() { MessageEvent.#check(this); return this.#ports; }
  get origin() { MessageEvent.#check(this); return this.#origin; }
  get lastEventId() { MessageEvent.#check(this); return this.#lastEventId; }
  get source() { MessageEvent.#check(this); return this.#source; }
  static #check(obj) {
    if (obj === null || typeof obj !== 'object' || !(#data in obj)) throw new ERR_INVALID_THIS('MessageEvent');
  }
}

const kLastPorts = Symbol('kLastPorts');
const kReceive = Symbol('kReceive');

// The EventTarget side of a port, one step up its prototype chain (as Node's
// NodeEventTarget): MessagePort.prototype itself has only the port's own methods.
class PortEventTarget extends EventEmitter {
  addEventListener(type, listener, options) {
    if (listener == null) return;
    const once = typeof options === 'object' && options !== null && !!options.once;
    this[kHandlers] ??= new Map();
    const key = `${type}`;
    const list = this[kHandlers].get(key) ?? [];
    if (list.some((h) => h.listener === listener)) return;
    const handler = (data) => {
      if (once) this.removeEventListener(type, listener);
      const event = key === 'message' || key === 'messageerror' ? new MessageEvent(key, { data, ports: this[kLastPorts] ?? [], target: this }) : Object.assign(new Event(key), { target: this, detail: data });
      if (typeof listener === 'function') listener.call(this, event);
      else listener.handleEvent(event);
    };
    list.push({ listener, handler });
    this[kHandlers].set(key, list);
    this.on(key, handler);
  }

  removeEventListener(type, listener) {
    const list = this[kHandlers]?.get(`${type}`);
    const i = list?.findIndex((h) => h.listener === listener) ?? -1;
    if (i === -1) return;
    this.off(`${type}`, list[i].handler);
    list.splice(i, 1);
  }

  dispatchEvent(event) {
    this.emit(event.type, event.data);
    return true;
  }
}

// The class ports are made of; `MessagePort` (below) is its public face, which, as in
// Node, cannot be called or constructed.
class Port extends PortEventTarget {
  postMessage(value, transferList) {
    if (!(this instanceof Port)) throw new ERR_INVALID_THIS('MessagePort');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    const { buffers, ports, ids, objects, error } = splitTransferList(transferList, this);
    const state = this[kState];
    if (state === undefined || state.closed) return;
    // A prebuilt worker's parentPort at build time: posted when the worker starts.
    if (state.pending !== undefined) {
      state.pending.push([value, transferList]);
      return;
    }
    // Its own other end in the list: the message (and its buffers) goes, but nothing
    // could ever receive it; both ends close, as in Node.
    const peer = ids.length > 0 ? m.peerOf(this[kId]) : -1;
    transferring = objects;
    transferError = error;
    try {
      m.post(this[kId], value, buffers, ports, ids, cloneCallbacks);
    } finally {
      transferring = [];
      transferError = null;
    }
    for (const p of ports) detachPort(p);
    if (peer >= 0 && ids.includes(peer)) {
      process.emitWarning('The target port was posted to itself, and the communication channel was lost');
      m.close(peer);
      this.close();
    }
  }

  start() {
    const state = this[kState];
    if (state === undefined || state.closed || state.started) return;
    state.started = true;
    if (state.pending !== undefined) return;
    // Binding again announces messages that arrived before the start: they are
    // delivered by the event loop, as any other, not before the current task ends.
    m.bind(this[kId], this[kOp], state.refed);
  }

  close(callback) {
    const state = this[kState];
    if (typeof callback === 'function') this.once('close', callback);
    if (state === undefined || state.closed) return;
    // Closed while its messages are being delivered: what is already queued is still
    // delivered, then the port closes (drain does it).
    if (state.draining) {
      state.closePending = true;
      return;
    }
    state.closed = true;
    // Until 'close' is emitted the port still reports the ref it had (as Node's handle
    // does until its close completes).
    state.refedUntilClose = state.refed;
    const emitClose = () => {
      state.refedUntilClose = false;
      this.emit('close');
    };
    if (state.pending !== undefined) {
      setImmediate(emitClose);
      return;
    }
    m.close(this[kId]);
    internals.unregisterStream(this[kOp]);
    setImmediate(emitClose);
  }

  ref() {
    const state = this[kState];
    if (state !== undefined && !state.closed) {
      state.refed = true;
      // Started or not, a ref'd port keeps the loop alive (Node's handle is ref'd).
      if (state.pending === undefined) setOpRef(this[kOp], true);
    }
    return this;
  }

  unref() {
    const state = this[kState];
    if (state !== undefined && !state.closed) {
      state.refed = false;
      if (state.pending === undefined) setOpRef(this[kOp], false);
    }
    return this;
  }

  hasRef() {
    const state = this[kState];
    if (state === undefined) return false;
    return state.closed ? !!state.refedUntilClose : state.refed;
  }

  get onmessage() { return this[kHandlers]?.get('message')?.find((h) => h.attribute)?.listener ?? null; }
  set onmessage(fn) { setAttributeHandler(this, 'message', fn); }
  get onmessageerror() { return this[kHandlers]?.get('messageerror')?.find((h) => h.attribute)?.listener ?? null; }
  set onmessageerror(fn) { setAttributeHandler(this, 'messageerror', fn); }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const state = this[kState];
    return `MessagePort [EventTarget] ${inspect({ active: state !== undefined && !state.closed, refed: this.hasRef() }, options)}`;
  }
}
// A port is an EventTarget to Object.prototype.toString and inspect, as in Node.
Object.defineProperty(PortEventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true, writable: false, enumerable: false });

function MessagePort() {
  throw new ERR_CONSTRUCT_CALL_INVALID();
}
MessagePort.prototype = Port.prototype;
Object.defineProperty(Port.prototype, 'constructor', { value: MessagePort, writable: true, configurable: true, enumerable: false });
Object.setPrototypeOf(MessagePort, EventEmitter);

function setAttributeHandler(port, type, fn) {
  const list = port[kHandlers]?.get(type);
  const old = list?.find((h) => h.attribute);
  if (old) port.removeEventListener(type, old.listener);
  if (typeof fn === 'function') {
    port.addEventListener(type, fn);
    port[kHandlers].get(type).at(-1).attribute = true;
  }
}

// A 'message' listener starts the port (Node's behaviour); removing the last one unrefs it.
function onNewListener(event) {
  if (event === 'message' && this[kState] !== undefined) {
    this[kState].refed = true;
    this.start();
    if (this[kState].started && !this[kState].closed && this[kState].pending === undefined) setOpRef(this[kOp], true);
  }
}
// Without one the port stops: messages wait in its queue for the next listener (or
// receiveMessageOnPort), as in Node.
function onRemoveListener(event) {
  if (event === 'message' && this.listenerCount('message') === 0 && this[kState] !== undefined && !this[kState].closed && this[kState].pending === undefined) {
    this[kState].started = false;
    this[kState].refed = false;
    setOpRef(this[kOp], false);
  }
}

// Wraps native port `id` in a MessagePort of this thread.
function makePort(id) {
  const port = new Port();
  m.markPort(port);
  port[kId] = id;
  port[kState] = { started: false, closed: false, refed: false };
  port[kOp] = internals.registerStream(() => drain(port), 'MessagePort', port);
  port.on('newListener', onNewListener);
  port.on('removeListener', onRemoveListener);
  m.bind(id, port[kOp], false);
  return port;
}

// A port with no native side yet: a prebuilt worker's parentPort while its script runs
// at build time (docs/workers-in-snapshots.md). Listeners, start, ref state and posted
// messages are kept in JS; `adoptPort` connects it when the worker starts.
function makePendingPort() {
  const port = new Port();
  m.markPort(port);
  port[kId] = undefined;
  port[kState] = { started: false, closed: false, refed: false, pending: [] };
  port[kOp] = undefined;
  port.on('newListener', onNewListener);
  port.on('removeListener', onRemoveListener);
  return port;
}

// Gives the pending `port` the native port of `from` (a port just received, which is
// detached): what it recorded takes effect (started, refed, closed) and the messages
// it was given are posted, in order.
function adoptPort(port, from) {
  const state = port[kState];
  const id = from[kId];
  detachPort(from);
  const queued = state.pending;
  state.pending = undefined;
  port[kId] = id;
  port[kOp] = internals.registerStream(() => drain(port), 'MessagePort', port);
  if (state.closed) {
    m.close(id);
    internals.unregisterStream(port[kOp]);
    return;
  }
  m.bind(id, port[kOp], state.refed);
  setOpRef(port[kOp], state.refed);
  for (const [value, transferList] of queued) port.postMessage(value, transferList);
}

// Delivers queued messages (when started), then a close of the other side.
function drain(port) {
  const state = port[kState];
  if (state === undefined || state.closed || state.draining) return;
  state.draining = true;
  try {
    deliver(port, state);
  } finally {
    state.draining = false;
  }
  if (state.closePending) {
    state.closePending = false;
    port.close();
    return;
  }
  if (!state.closed && m.peerGone(port[kId])) port.close();
}

// Delivers the messages queued when it starts: one posted meanwhile (a reply loop) waits
// for the next loop turn, so a port cannot starve timers and I/O.
function deliver(port, state) {
  if (state.started) {
    for (let left = m.queued(port[kId]); left > 0; left--) {
      if (state.closed || !state.started) return;
      let r;
      try {
        r = receive(port[kId]);
      } catch (err) {
        port.emit('messageerror', err);
        continue;
      }
      if (r === undefined) break;
      port[kLastPorts] = r[1];
      port.emit('message', r[0]);
      port[kLastPorts] = undefined;
      runTicks();
    }
  }
}

function detachPort(port) {
  const state = port[kState];
  state.closed = true;
  internals.unregisterStream(port[kOp]);
  port[kState] = undefined;
}

// The next message of native port `id` (`[value, ports]`), its JS transferables made
// instances of their classes; throws what deserializing it threw.
function receive(id) {
  const r = m.receive(id, makePort);
  if (r !== undefined && r.length > 2) require('internal/worker/js_transferable').finishTransferables(r[2]);
  return r;
}

function splitTransferList(transferList, source) {
  const buffers = [];
  const ports = [];
  const ids = [];
  const objects = [];
  let error = null;
  if (transferList === undefined || transferList === null) return { buffers, ports, ids, objects, error };
  let what = 'transferList';
  if (typeof transferList === 'object' && !Array.isArray(transferList) && !(Symbol.iterator in transferList)) {
    // An options object: `{ transfer }`.
    what = 'options.transfer';
    transferList = transferList.transfer;
    if (transferList === undefined) return { buffers, ports, ids, objects, error };
  }
  let items;
  if (transferList !== null && typeof transferList === 'object' && typeof transferList[Symbol.iterator] === 'function') {
    const iterator = transferList[Symbol.iterator]();
    if (iterator !== null && typeof iterator === 'object' && typeof iterator.next === 'function') items = [...{ [Symbol.iterator]: () => iterator }];
  }
  if (items === undefined) {
    const err = new ERR_INVALID_ARG_TYPE(what, 'iterable', transferList);
    err.message = `Optional ${what} argument must be an iterable`;
    throw err;
  }
  const given = items.length;
  for (const [i, item] of items.entries()) {
    // Untransferable objects are left out of the list: a buffer is then copied, a port
    // is refused as a port missing from the list.
    if (item !== null && typeof item === 'object' && item[kUntransferable]) continue;
    if (item instanceof MessagePort) {
      if (item === source) throw DataCloneError('Transfer list contains source port');
      if (item[kState] === undefined || item[kState].closed) {
        const err = DataCloneError('MessagePort in transfer list is already detached');
        // From a JS transferable's own list: refused when that object is written.
        if (i >= given) {
          error ??= err;
          continue;
        }
        throw err;
      }
      if (ports.includes(item)) throw DataCloneError('Transfer list contains duplicate MessagePort');
      ports.push(item);
      ids.push(item[kId]);
    } else if (binding.types.isArrayBuffer(item)) {
      if (buffers.includes(item)) throw DataCloneError('Transfer list contains duplicate ArrayBuffer');
      buffers.push(item);
    } else if (item !== null && typeof item === 'object' && (m.transferMode(item) & 1) === 1) {
      // A transferable JS object; what it holds that must be transferred with it joins
      // the list.
      if (objects.includes(item)) {
        if (i < given) throw DataCloneError(`Transfer list contains duplicate ${item.constructor?.name ?? 'object'}`);
        continue;
      }
      objects.push(item);
      const { kTransferList } = require('internal/worker/js_transferable');
      if (typeof item[kTransferList] === 'function') items.push(...(item[kTransferList]() ?? []));
    } else {
      throw new ERR_INVALID_TRANSFER_OBJECT();
    }
  }
  return { buffers, ports, ids, objects, error };
}

// Posts through the port with native id `id`, wherever it lives (a thread inbox,
// internal/worker/messaging.js).
function postToPortId(id, value, transferList) {
  const { buffers, ports, ids, objects, error } = splitTransferList(transferList, null);
  transferring = objects;
  transferError = error;
  try {
    m.post(id, value, buffers, ports, ids, cloneCallbacks);
  } finally {
    transferring = [];
    transferError = null;
  }
  for (const p of ports) detachPort(p);
}

function MessageChannel() {
  if (new.target === undefined) throw new ERR_CONSTRUCT_CALL_REQUIRED('MessageChannel');
  refuseInSnapshot('Creating a MessageChannel');
  const [a, b] = m.createChannel();
  this.port1 = makePort(a);
  this.port2 = makePort(b);
}

function receiveMessageOnPort(port) {
  if (port instanceof BroadcastChannel) {
    const r = port[kReceive]();
    return r === undefined ? undefined : { message: r[0] };
  }
  if (!(port instanceof MessagePort)) {
    const err = new ERR_INVALID_ARG_TYPE('port', 'MessagePort', port);
    err.message = 'The "port" argument must be a MessagePort instance';
    throw err;
  }
  if (port[kState] === undefined || port[kState].closed) return undefined;
  const r = receive(port[kId]);
  return r === undefined ? undefined : { message: r[0] };
}

function markAsUntransferable(obj) {
  if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) return;
  Object.defineProperty(obj, kUntransferable, { value: true, configurable: false });
}

function isMarkedAsUntransferable(obj) {
  return obj != null && obj[kUntransferable] === true;
}

// This thread's open BroadcastChannels, oldest first. A wake-up of any of them delivers
// what every one has queued, channel by channel in that order: Node's order (a channel
// receives all its messages before the next channel gets any).
const openChannels = new Set();
// Whether `port` is still open (worker_threads.moveMessagePortToContext refuses a closed one).
function isPortOpen(port) {
  const state = port[kState];
  return state !== undefined && !state.closed;
}

function drainChannels() {
  for (const channel of [...openChannels]) channel[kDrain]();
}
const kDrain = Symbol('kDrain');

class BroadcastChannel extends EventTarget {
  #id;
  #op;
  #name;
  #closed = false;
  #handlers = new Map();
  constructor(name) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    refuseInSnapshot('Creating a BroadcastChannel');
    const channelName = `${name}`;
    super();
    this.#name = channelName;
    this.#id = m.broadcastJoin(channelName);
    this.#op = internals.registerStream(drainChannels, 'BroadcastChannel');
    m.bind(this.#id, this.#op, true);
    openChannels.add(this);
  }

  [kDrain]() {
    for (let left = m.queued(this.#id); left > 0; left--) {
      if (this.#closed) return;
      let r;
      try {
        r = receive(this.#id);
      } catch (err) {
        this.dispatchEvent(new MessageEvent('messageerror', { data: err }));
        continue;
      }
      if (r === undefined) return;
      this.dispatchEvent(new MessageEvent('message', { data: r[0] }));
      runTicks();
    }
  }

  static #check(obj) {
    if (obj === null || typeof obj !== 'object' || !(#id in obj)) throw new ERR_INVALID_THIS('BroadcastChannel');
  }

  get name() {
    BroadcastChannel.#check(this);
    return this.#name;
  }

  [kReceive]() {
    return this.#closed ? undefined : receive(this.#id);
  }

  postMessage(message) {
    BroadcastChannel.#check(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    if (this.#closed) {
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    }
    m.broadcast(this.#id, message, cloneCallbacks);
  }

  close() {
    BroadcastChannel.#check(this);
    if (this.#closed) return;
    this.#closed = true;
    openChannels.delete(this);
    m.close(this.#id);
    internals.unregisterStream(this.#op);
  }

  ref() { BroadcastChannel.#check(this); if (!this.#closed) setOpRef(this.#op, true); return this; }
  unref() { BroadcastChannel.#check(this); if (!this.#closed) setOpRef(this.#op, false); return this; }

  #setHandler(type, fn) {
    const old = this.#handlers.get(type);
    if (old) this.removeEventListener(type, old);
    this.#handlers.delete(type);
    if (typeof fn === 'function') { this.#handlers.set(type, fn); this.addEventListener(type, fn); }
  }
  get onmessage() { return this.#handlers.get('message') ?? null; }
  set onmessage(fn) { this.#setHandler('message', fn); }
  get onmessageerror() { return this.#handlers.get('messageerror') ?? null; }
  set onmessageerror(fn) { this.#setHandler('messageerror', fn); }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    BroadcastChannel.#check(this);
    if (depth < 0) return 'BroadcastChannel';
    return `BroadcastChannel ${inspect({ name: this.name, active: !this.#closed }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

// The `type`s of the messages a worker and its parent exchange on their private port
// (internal/worker/thread.js and worker.js).
const messageTypes = {
  UP_AND_RUNNING: 'online',
  ERROR_MESSAGE: 'error',
  COULD_NOT_SERIALIZE_ERROR: 'couldNotSerializeError',
  STDIO_PAYLOAD: 'stdio',
  STDIN_PAYLOAD: 'stdin',
  HEAP_SNAPSHOT: 'heapSnapshot',
};

module.exports = {
  messageTypes,
  MessagePort, MessageChannel, MessageEvent, BroadcastChannel, receiveMessageOnPort, markAsUntransferable,
  isMarkedAsUntransferable, isPortOpen, refuseInSnapshot, makePort, makePendingPort, adoptPort, kId, DataCloneError, drainNow: drain, postToPortId,
};
