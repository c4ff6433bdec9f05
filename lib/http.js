'use strict';
// node:http — the public face of amber's HTTP/1.1: re-exports the server
// (_http_server), client (_http_client), agent, messages and Node's data, and the
// request/get/createServer helpers. The parts live in lib/_http_*.js and
// lib/internal/http/; heads are parsed natively by httparse (bindings/http_parser.rs).

const { METHODS, STATUS_CODES } = require('internal/http/constants');
const { Agent, globalAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const { IncomingMessage } = require('_http_incoming');
const { OutgoingMessage, validateHeaderName, validateHeaderValue } = require('_http_outgoing');
const { Server, ServerResponse, _connectionListener } = require('_http_server');

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}
function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}
function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

// --max-http-header-size (read on use, so a restored snapshot follows its command line).
function maxHeaderSize() {
  const v = require('internal/options').getOptionValue('--max-http-header-size');
  return v === undefined ? 16384 : Number(v);
}
module.exports = {
  _connectionListener,
  METHODS: METHODS.slice().sort(),
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  // How many idle parsers are kept for reuse.
  setMaxIdleHTTPParsers(max) {
    require('internal/errors').validateInteger(max, 'max', 1);
    require('_http_common').parsers.max = max;
  },
};
Object.defineProperty(module.exports, 'maxHeaderSize', {
  configurable: true, enumerable: true,
  get: maxHeaderSize,
});
Object.defineProperty(module.exports, 'globalAgent', {
  configurable: true, enumerable: true,
  get() { return require('_http_agent').globalAgent; },
  set(v) { require('_http_agent').globalAgent = v; },
});
