'use strict';
// node:tls is not implemented in amber (see node:net).
const net = require('net');
class TLSSocket extends net.Socket {}
class Server extends net.Server {}
module.exports = require('internal/not_implemented').stubModule('tls', ['connect', 'createServer', 'createSecureContext', 'checkServerIdentity', 'getCiphers'], {
  TLSSocket, Server, DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3', DEFAULT_ECDH_CURVE: 'auto', rootCertificates: [],
});
