// A bound UDP socket is native state a snapshot cannot carry: refused by name and
// place. One never bound, and one closed before the build ends, are not.
const dgram = require('dgram');
const bound = dgram.createSocket('udp4');
bound.bind(0, '127.0.0.1');
dgram.createSocket('udp6');
dgram.createSocket('udp4').bind(0, '127.0.0.1', function () { this.close(); });
globalThis.keep = bound;
