'use strict';
// Duplex: a Readable that is also a Writable (Writable's methods and accessors are
// copied onto its prototype), Duplex.from and the web adapters.

const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');

// A duplex's event map with both sides' common slots, with fast properties (see
// ReadableEvents in readable.js).
function DuplexEvents() {
  this.close = undefined;
  this.error = undefined;
  this.prefinish = undefined;
  this.finish = undefined;
  this.drain = undefined;
  this.data = undefined;
  this.end = undefined;
  this.readable = undefined;
}
DuplexEvents.prototype = Object.create(null);

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  // The common events' slots of both sides, in Node's order (eventNames() lists them so).
  this._events ??= new DuplexEvents();
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) { this._readableState.readable = false; this._readableState.ended = true; this._readableState.endEmitted = true; }
    if (options.writable === false) { this._writableState.writable = false; this._writableState.ending = true; this._writableState.ended = true; this._writableState.finished = true; }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
}
for (const name of ['write', 'end', 'cork', 'uncork', 'setDefaultEncoding', '_write']) Duplex.prototype[name] = Writable.prototype[name];
// Writable's destroy: it also fails the writes still buffered.
Duplex.prototype.destroy = Writable.prototype.destroy;
for (const name of Object.getOwnPropertyNames(Writable.prototype)) {
  const d = Object.getOwnPropertyDescriptor(Writable.prototype, name);
  if (d.get && !Object.getOwnPropertyDescriptor(Duplex.prototype, name)) Object.defineProperty(Duplex.prototype, name, d);
}

// Duplex.from(body): see internal/streams/duplexify.js.
Duplex.from = function from(body) {
  return require('internal/streams/duplexify')(body, 'body');
};

function webAdapters() { return require('internal/webstreams/adapters'); }
Duplex.toWeb = (duplex) => webAdapters().newReadableWritablePairFromDuplex(duplex);
Duplex.fromWeb = (pair, options) => webAdapters().newStreamDuplexFromReadableWritablePair(pair, options);

module.exports = Duplex;
