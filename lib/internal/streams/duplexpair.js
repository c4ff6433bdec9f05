'use strict';
// duplexPair(options): two Duplexes joined back to back: what one writes, the other
// reads; ending one ends the other's readable side. A write completes when the other
// side asks for more (backpressure crosses the pair).

const Duplex = require('internal/streams/duplex');

class DuplexSide extends Duplex {
  #other = null;
  #wantMore = null;
  link(other) { this.#other = other; }
  _read() {
    const cb = this.#wantMore;
    if (cb) {
      this.#wantMore = null;
      cb();
    }
  }
  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      process.nextTick(callback);
      return;
    }
    this.#other.#wantMore = callback;
    this.#other.push(chunk);
  }
  _final(callback) {
    this.#other.on('end', callback);
    this.#other.push(null);
  }
}

module.exports = function duplexPair(options) {
  const a = new DuplexSide(options);
  const b = new DuplexSide(options);
  a.link(b);
  b.link(a);
  return [a, b];
};
