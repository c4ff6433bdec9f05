'use strict';
// node:net is not implemented in amber; address helpers are real, sockets and servers
// throw ERR_NOT_IMPLEMENTED.
const EventEmitter = require('events');
const { Duplex } = require('stream');

const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
function isIPv4(s) { return typeof s === 'string' && v4.test(s); }
function isIPv6(s) {
  if (typeof s !== 'string' || !s.includes(':')) return false;
  try { return new URL(`http://[${s.replace(/%.*$/, '')}]/`).hostname.length > 2; } catch { return false; }
}
function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

const { validateBoolean, validateInteger } = require('internal/errors');

// Happy-eyeballs defaults (Node 20: on, 250 ms per attempt; at least 10 ms).
let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;
function getDefaultAutoSelectFamily() { return autoSelectFamilyDefault; }
function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  autoSelectFamilyDefault = value;
}
function getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeoutDefault; }
function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInteger(value, 'value', 1, 2 ** 31 - 1);
  autoSelectFamilyAttemptTimeoutDefault = value < 10 ? 10 : value;
}

class Socket extends Duplex {}
class Server extends EventEmitter {}
class BlockList {}
class SocketAddress {}

module.exports = require('internal/not_implemented').stubModule('net', ['connect', 'createConnection', 'createServer'], {
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout, setDefaultAutoSelectFamilyAttemptTimeout,
  isIP, isIPv4, isIPv6, Socket, Stream: Socket, Server, BlockList, SocketAddress,
});
