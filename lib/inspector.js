'use strict';
// node:inspector: in-process sessions of this thread's V8 inspector
// (internal/inspector/session.js), V8's own console, and the parts that need an
// inspector server (a WebSocket endpoint for remote debuggers), which amber does not
// have: `open()` throws ERR_NOT_IMPLEMENTED, `url()` is undefined as in a Node process
// not listening, `waitForDebugger()` throws ERR_INSPECTOR_NOT_ACTIVE as Node does then.

const { codes: { ERR_INSPECTOR_NOT_ACTIVE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');
const { Session } = require('internal/inspector/session');
const { consoleFromVM } = require('internal/console');

function open() {
  throw new ERR_NOT_IMPLEMENTED('inspector.open()');
}

// Nothing listens, so there is nothing to close (as in Node when no server is open).
function close() {}

function url() {
  return undefined;
}

function waitForDebugger() {
  throw new ERR_INSPECTOR_NOT_ACTIVE();
}

// Node's Network events go to its own protocol domain (NetworkAgent), which V8's
// inspector does not have.
const Network = {};
for (const name of ['requestWillBeSent', 'responseReceived', 'loadingFinished', 'loadingFailed']) {
  Network[name] = { [name]() { throw new ERR_NOT_IMPLEMENTED(`inspector.Network.${name}()`); } }[name];
}

module.exports = { open, close, url, waitForDebugger, console: consoleFromVM, Session, Network };
