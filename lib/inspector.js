'use strict';
// node:inspector: in-process sessions of this thread's V8 inspector
// (internal/inspector/session.js), V8's own console, and the inspector server for
// remote debuggers (internal/inspector/remote.js: `open()`, `url()`, `close()`,
// `waitForDebugger()`).

const { codes: { ERR_INSPECTOR_ALREADY_ACTIVATED, ERR_INSPECTOR_NOT_ACTIVE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');
const { validateInt32 } = require('internal/errors');
const { Session } = require('internal/inspector/session');
const { consoleFromVM } = require('internal/console');
const remote = require('internal/inspector/remote');

// As Node's: no type checks but the port's range (the native side needs 16 bits); a
// port or host that is not one means the default.
function open(port, host, wait) {
  if (remote.url() !== undefined) throw new ERR_INSPECTOR_ALREADY_ACTIVATED();
  if (typeof port === 'number' && port >= 0 && Number.isInteger(port)) validateInt32(port, 'port', 0, 65535);
  else port = remote.getDebugPort();
  if (typeof host !== 'string' || host === '') host = '127.0.0.1';
  if (!/^(127\.|localhost$|\[?::1\]?$)/.test(host)) {
    process.emitWarning('Binding the inspector to a public IP with an open port is insecure, ' +
      'as it allows external hosts to connect to the inspector ' +
      'and perform a remote code execution attack. ' +
      'Documentation can be found at ' +
      'https://nodejs.org/api/cli.html#--inspecthostport', 'SecurityWarning');
  }
  remote.setDebugPort(port);
  remote.open(host, port);
  if (wait) remote.waitForDebugger();
  const disposable = { __proto__: null };
  if (typeof Symbol.dispose === 'symbol') disposable[Symbol.dispose] = close;
  return disposable;
}

function close() {
  remote.close();
}

function url() {
  return remote.url();
}

function waitForDebugger() {
  if (!remote.waitForDebugger()) throw new ERR_INSPECTOR_NOT_ACTIVE();
}

// Node's Network events go to its own protocol domain (NetworkAgent), which V8's
// inspector does not have.
const Network = {};
for (const name of ['requestWillBeSent', 'responseReceived', 'loadingFinished', 'loadingFailed']) {
  Network[name] = { [name]() { throw new ERR_NOT_IMPLEMENTED(`inspector.Network.${name}()`); } }[name];
}

module.exports = { open, close, url, waitForDebugger, console: consoleFromVM, Session, Network };
