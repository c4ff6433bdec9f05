'use strict';
// tls.createSecurePair() (deprecated, DEP0064): a TLSSocket ("cleartext") over one end
// of an in-memory duplex pair whose other end ("encrypted") carries the ciphertext.

const EventEmitter = require('events');
const { Duplex } = require('stream');

// One end of the pair: what is written to it is pushed to the other end, and the write
// completes when the other end is read (so backpressure crosses the pair).
class PairEnd extends Duplex {
  constructor() {
    super();
    this._peer = null;
    this._pendingWrite = null;
  }

  _read() {
    const cb = this._pendingWrite;
    if (cb) {
      this._pendingWrite = null;
      cb();
    }
  }

  _write(chunk, encoding, cb) {
    if (chunk.length === 0) {
      process.nextTick(cb);
      return;
    }
    this._peer.push(chunk);
    this._peer._pendingWrite = cb;
  }

  _final(cb) {
    this._peer.on('end', cb);
    this._peer.push(null);
  }
}

class SecurePair extends EventEmitter {
  constructor(secureContext, isServer = false, requestCert = !isServer, rejectUnauthorized = false, options = {}) {
    super();
    const tls = require('tls');
    if (secureContext === undefined) secureContext = tls.createSecureContext();
    const a = new PairEnd();
    const b = new PairEnd();
    a._peer = b;
    b._peer = a;
    this.server = options.server;
    this.credentials = secureContext;
    this.encrypted = a;
    this.cleartext = new tls.TLSSocket(b, { secureContext, isServer, requestCert, rejectUnauthorized, ...options });
    this.cleartext.once('secure', () => this.emit('secure'));
  }

  destroy() {
    this.cleartext.destroy();
    this.encrypted.destroy();
  }
}

module.exports = { SecurePair };
