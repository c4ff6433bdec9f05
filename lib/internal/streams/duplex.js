'use strict';
// Duplex: a Readable that is also a Writable (Writable's methods and accessors are
// copied onto its prototype), Duplex.from and the web adapters.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const { webStreamType } = require('internal/streams/utils');

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
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
for (const name of Object.getOwnPropertyNames(Writable.prototype)) {
  const d = Object.getOwnPropertyDescriptor(Writable.prototype, name);
  if (d.get && !Object.getOwnPropertyDescriptor(Duplex.prototype, name)) Object.defineProperty(Duplex.prototype, name, d);
}

Duplex.from = function from(body) {
  if (body instanceof Duplex) return body;
  if (body instanceof Readable || body instanceof Writable) return body;
  // Web streams, alone or as a { readable, writable } pair.
  if (webStreamType(body) === 'ReadableStream') return Readable.fromWeb(body);
  if (webStreamType(body) === 'WritableStream') return Writable.fromWeb(body);
  if (webStreamType(body?.readable) === 'ReadableStream' && webStreamType(body?.writable) === 'WritableStream') return Duplex.fromWeb(body);
  if (typeof body?.[Symbol.asyncIterator] === 'function' || typeof body?.[Symbol.iterator] === 'function') return Readable.from(body);
  throw new ERR_INVALID_ARG_TYPE('body', ['Stream', 'Iterable', 'AsyncIterable'], body);
};

function webAdapters() { return require('internal/webstreams/adapters'); }
Duplex.toWeb = (duplex) => webAdapters().newReadableWritablePairFromDuplex(duplex);
Duplex.fromWeb = (pair, options) => webAdapters().newStreamDuplexFromReadableWritablePair(pair, options);

module.exports = Duplex;
