'use strict';
// Helpers node:net shares with other modules, under Node's internal name: the address
// predicates, the mark of an argument list that net._normalizeArgs has produced
// (connect() takes such a list as its only argument), and what a socket's write data is.

const { isIP, isIPv4, isIPv6 } = require('internal/net/address');

const normalizedArgsSymbol = Symbol('normalizedArgs');

// What net.Socket hands to _writeGeneric(data, cb, latin1), and native code writes as
// it is: a Buffer (or other view), a string (UTF-8, or latin1 when `latin1` is true), or
// a writev list [chunk, latin1, chunk, latin1, ...] of those. Sockets that write
// elsewhere (TLS, a JS stream) turn it into one Buffer with writeDataToBuffer.
function writeDataLength(data, latin1) {
  if (typeof data === 'string') return latin1 ? data.length : Buffer.byteLength(data);
  if (Array.isArray(data)) {
    let n = 0;
    for (let i = 0; i < data.length; i += 2) n += writeDataLength(data[i], data[i + 1]);
    return n;
  }
  return data.length;
}
function writeDataToBuffer(data, latin1) {
  if (typeof data === 'string') return Buffer.from(data, latin1 ? 'latin1' : 'utf8');
  if (Array.isArray(data)) {
    const bufs = [];
    for (let i = 0; i < data.length; i += 2) bufs.push(writeDataToBuffer(data[i], data[i + 1]));
    return Buffer.concat(bufs);
  }
  return data;
}

module.exports = { isIP, isIPv4, isIPv6, normalizedArgsSymbol, writeDataLength, writeDataToBuffer };
