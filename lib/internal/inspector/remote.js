'use strict';
// The inspector server (`--inspect`, `--inspect-brk`, `--inspect-wait`,
// `inspector.open()`): a WebSocket endpoint for DevTools clients, served natively
// (crates/runtime/src/bindings/inspector_server.rs) on a thread of its own. Its sessions
// dispatch on this thread: from the event loop, from a V8 interrupt while JS runs, and
// while paused at a breakpoint. `--inspect-brk` pauses before the main module's first
// line (internal/modules/cjs.js, internal/modules/esm.js call `pauseOnStartIfAsked`).

const { getOptionValue } = require('internal/options');
const { isMainThread } = require('internal/worker/state');

const DEFAULT_PORT = 9229;
let debugPort;
let pauseOnStart = false;

// `[host:]port` as Node reads it: a bare number is a port, `[v6]:port` and `host:port`
// split at the last colon, anything else is a host.
function parseHostPort(value, host = '127.0.0.1', port = DEFAULT_PORT) {
  if (typeof value !== 'string' || value === '') return { host, port };
  if (/^\d+$/.test(value)) return { host, port: Number(value) };
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (v6) return { host: v6[1], port: v6[2] === undefined ? port : Number(v6[2]) };
  const colon = value.lastIndexOf(':');
  if (colon > 0 && value.indexOf(':') === colon) return { host: value.slice(0, colon), port: Number(value.slice(colon + 1)) };
  return { host: value, port };
}

function validPort(port) {
  return Number.isInteger(port) && port >= 0 && port <= 65535 && (port === 0 || port >= 1024);
}

function publishTo() {
  const v = getOptionValue('--inspect-publish-uid');
  return typeof v === 'string' ? v.split(',') : ['stderr', 'http'];
}

function writeErr(text) {
  try {
    require('fs').writeSync(2, text);
  } catch {
    // stderr closed: nothing to report to
  }
}

function targetUrl() {
  const main = process.argv[1];
  if (typeof main !== 'string' || main === '' || process._eval !== undefined) return '';
  return require('url').pathToFileURL(require('path').resolve(main)).href;
}

// Opens the server; returns its URL, or throws the bind error.
function open(host, port) {
  const [url, , boundPort] = binding.inspector.open(host, port, process.title, targetUrl(), process.version, require('internal/inspector/session').contextName());
  debugPort = boundPort;
  if (publishTo().includes('stderr')) {
    writeErr(`Debugger listening on ${url}\nFor help, see: https://nodejs.org/en/docs/inspector\n`);
  }
  return url;
}

function url() {
  return binding.inspector.url();
}

function close() {
  binding.inspector.close();
}

// Blocks until a client sends Runtime.runIfWaitingForDebugger; false without a server.
function waitForDebugger() {
  return binding.inspector.waitForDebugger();
}

// At startup (a process bootstrapped from source, or restored: internal/snapshot.js):
// `--inspect*` opens the server before the main module runs, as Node does.
// `--inspect-port` (or its alias `--debug-port`): the address the server opens on.
function portOption() {
  return parseHostPort(getOptionValue('--inspect-port') ?? getOptionValue('--debug-port'));
}

function startFromOptions() {
  const base = portOption();
  debugPort = base.port;
  if (!isMainThread) return;
  let mode;
  let value;
  for (const name of ['--inspect-brk', '--inspect-wait', '--inspect']) {
    const v = getOptionValue(name);
    if (v !== false && v !== undefined) {
      mode = name;
      value = v;
      break;
    }
  }
  if (mode === undefined) return;
  const { host, port } = parseHostPort(value === true ? undefined : value, base.host, base.port);
  debugPort = port;
  if (!validPort(port)) {
    writeErr(`${process.release.name}: ${mode}=${value === true ? '' : value}: must be 0 or in range 1024 to 65535.\n`);
    process.exit(12);
  }
  try {
    open(host, port);
  } catch (err) {
    // As Node: the program runs without the inspector.
    const why = err.code === 'EADDRINUSE' ? 'address already in use' : err.message;
    writeErr(`Starting inspector on ${host}:${port} failed: ${why}\n`);
    return;
  }
  if (mode !== '--inspect') {
    waitForDebugger();
    pauseOnStart = mode === '--inspect-brk';
  }
}

// `--inspect-brk`: `fn` (the main module's wrapper, the `-e` script) runs with a pause
// on its first statement (once).
function callMaybePaused(fn, thisArg, ...args) {
  if (!pauseOnStart) return Reflect.apply(fn, thisArg, args);
  pauseOnStart = false;
  return binding.inspector.callAndPauseOnStart(fn, thisArg, ...args);
}

// `--inspect-brk` for an ES module entry: a function whose first statement imports it.
function wantsPauseOnStart() {
  return pauseOnStart;
}

// At exit, connected clients are served until they leave (as Node does).
function waitForDisconnect() {
  if (binding.inspector.url() !== undefined) binding.inspector.waitForDisconnect();
}

function getDebugPort() {
  if (debugPort === undefined) debugPort = portOption().port;
  return debugPort;
}

function setDebugPort(port) {
  debugPort = port;
}

module.exports = {
  open, url, close, waitForDebugger, startFromOptions, callMaybePaused, wantsPauseOnStart, waitForDisconnect, parseHostPort,
  getDebugPort, setDebugPort, validPort,
};
