'use strict';
// The worker's side: `hooks.workerMain(portId)` runs in the new isolate (restored from
// the runtime snapshot) once its thread has started. It takes the start message from
// the private port, makes this isolate a worker (worker_threads state, its own
// process.env, stdio that goes to the parent, no signals, no chdir), tells the parent
// it is online and runs the worker's code: a file (CommonJS or ES module), a `data:`
// URL, or `eval` source.
//
// A worker context prebuilt for one script (`amber snapshot build --worker FILE`,
// docs/workers-in-snapshots.md) ran that script's top level at build time
// (`buildWorkerScript`): its parentPort was a pending port. `workerMain` then takes the
// start message as usual, gives the pending port the real one, and runs nothing.

const state = require('internal/worker/state');
const io = require('internal/worker/io');
const { serializeError } = require('internal/worker/errors');
const { codes: { ERR_WORKER_UNSUPPORTED_OPERATION } } = require('internal/errors');

let internalPort;

function makeStdout(fd) {
  const { Writable } = require('stream');
  const stream = new Writable({
    write(chunk, encoding, cb) {
      internalPort.postMessage({ type: 'stdio', fd, chunk });
      cb();
    },
    writev(chunks, cb) {
      for (const { chunk } of chunks) internalPort.postMessage({ type: 'stdio', fd, chunk });
      cb();
    },
  });
  stream.fd = fd;
  stream.isTTY = false;
  stream.columns = undefined;
  stream.hasColors = () => false;
  stream.getColorDepth = () => 1;
  return stream;
}

// A worker's own copy of the environment (unless SHARE_ENV): strings only, as the
// process's environment.
function makeEnv(env) {
  if (env === 'share') return process.env;
  const store = Object.create(null);
  Object.assign(store, env);
  return new Proxy(store, {
    set(target, key, value) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      target[key] = `${value}`;
      return true;
    },
    defineProperty(target, key, desc) {
      if (!desc.configurable || !desc.writable || !desc.enumerable || !('value' in desc)) {
        const { ERR_INVALID_OBJECT_DEFINE_PROPERTY } = require('internal/errors').codes;
        throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY('process.env', 'only accepts a configurable, writable, and enumerable data descriptor');
      }
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      target[key] = `${desc.value}`;
      return true;
    },
  });
}

function setupProcess(start) {
  const unsupported = (what) => {
    const stub = () => { throw new ERR_WORKER_UNSUPPORTED_OPERATION(what); };
    stub.disabled = true;
    return stub;
  };
  const stdout = makeStdout(1);
  const stderr = makeStdout(2);
  const { Readable } = require('stream');
  // With `stdin: true` the parent writes into it; while the worker reads it, the
  // private port keeps the worker alive, until the parent ends it.
  const stdin = new Readable({
    read() {
      if (start.stdin && !stdin.readableEnded) internalPort.ref();
    },
  });
  stdin.fd = 0;
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdout });
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stderr });
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdin });
  process.env = makeEnv(start.env);
  for (const fn of ['abort', 'chdir', 'setuid', 'seteuid', 'setgid', 'setegid', 'setgroups', 'initgroups']) {
    process[fn] = unsupported(`process.${fn}()`);
  }
  // The IPC members exist, as stubs, only when the worker's environment says the process
  // has a channel (NODE_CHANNEL_FD), as in Node; otherwise a worker has no send(),
  // disconnect(), channel or connected at all (ava tells a forked worker from a thread by
  // `typeof process.send`).
  if (process.env.NODE_CHANNEL_FD) {
    for (const fn of ['send', 'disconnect']) process[fn] = unsupported(`process.${fn}()`);
    for (const prop of ['channel', 'connected']) {
      Object.defineProperty(process, prop, { configurable: true, enumerable: false, get: unsupported(`process.${prop}`), set() {} });
    }
  } else {
    for (const prop of ['send', 'disconnect', 'channel', 'connected']) delete process[prop];
  }
  // The inspector server is the main thread's: no `_debugEnd` in a worker (as in Node).
  delete process._debugEnd;
  // The title and the debug port belong to the process: a worker's writes are ignored.
  for (const prop of ['title', 'debugPort']) {
    const value = process[prop];
    Object.defineProperty(process, prop, { configurable: true, enumerable: true, get: () => value, set() {} });
  }
  const umask = process.umask;
  process.umask = (mask) => {
    if (mask !== undefined) throw new ERR_WORKER_UNSUPPORTED_OPERATION('Setting process.umask()');
    return umask();
  };
  process.argv = [process.execPath, start.source.filename, ...start.argv];
  process.execArgv = start.execArgv;
  // The working directory is the process's, which only the main thread changes: it is
  // asked again only after the shared counter of changes moved (Atomics.load).
  state.cwdCounter = start.cwdCounter ?? null;
  const counter = state.cwdCounter;
  if (counter !== null && typeof Atomics === 'object') {
    const realCwd = process.cwd;
    let cached;
    let seen = -1;
    process.cwd = function cwd() {
      const changes = Atomics.load(counter, 0);
      if (changes !== seen) {
        cached = realCwd();
        seen = changes;
      }
      return cached;
    };
  }
  return stdin;
}

// parentPort keeps the worker alive only while it has 'message' listeners.
function refWhileListened(port) {
  port.unref();
  port.on('newListener', (event) => { if (event === 'message') port.ref(); });
  port.on('removeListener', (event) => { if (event === 'message' && port.listenerCount('message') === 0) port.unref(); });
}

// Build time: runs the worker script `filename` (CommonJS or ES module) as a worker
// would, except that its parentPort is not connected yet and the per-worker facts
// (workerData, threadId, ...) are not known; reading them is recorded (state.reads) for
// the build to judge.
// Returns undefined, or why the script cannot be prebuilt (one line).
function buildWorkerScript(filename) {
  state.isMainThread = false;
  state.threadId = 0;
  state.workerData = undefined;
  state.resourceLimits = {};
  state.name = '';
  state.parentPort = io.makePendingPort();
  refWhileListened(state.parentPort);
  state.prebuilt = { filename };
  state.reads = new Set();
  process.argv = [process.execPath, filename];
  try {
    // An ES module is evaluated as a worker's would be: an exception or a top-level await
    // that never settles fails the build as for an entry.
    require('internal/modules/cjs').runMain(filename);
  } catch (err) {
    let what;
    try {
      what = err instanceof Error ? `${err.name}: ${err.message}` : `${require('internal/inspect').inspect(err)}`;
    } catch {
      what = 'an exception';
    }
    const where = err instanceof Error ? `${err.stack}`.split('\n').find((l) => l.includes(filename) || /^\s+at .*\//.test(l))?.trim() : undefined;
    return `it threw ${what}${where ? ` (${where})` : ''}`;
  }
  return undefined;
}

function workerMain(portId) {
  internalPort = io.makePort(portId);
  const received = io.receiveMessageOnPort(internalPort);
  if (received === undefined) throw new Error('worker start message missing');
  const start = received.message;
  const prebuilt = state.prebuilt;
  state.prebuilt = null;
  state.reads = null;
  state.isMainThread = false;
  state.threadId = binding.worker.threadId();
  state.workerData = start.workerData;
  state.resourceLimits = start.resourceLimits;
  state.environmentData = new Map();
  require('internal/worker').assignEnvironmentData(start.environmentData);
  state.name = start.name;
  if (prebuilt === null) {
    state.parentPort = start.port;
    refWhileListened(start.port);
  }
  if (start.inbox !== undefined) require('internal/worker/messaging').listenOnInbox(start.inbox);
  const stdin = setupProcess(start);
  // Descriptors fs.open/openSync gave this worker are closed when it ends (natively,
  // whatever ends it), unless `trackUnmanagedFds: false`.
  if (start.trackUnmanagedFds !== false) {
    internals.trackUnmanagedFd = (fd, opened) => {
      if (binding.worker.trackFd(fd, opened)) return;
      process.emitWarning(opened ? `File descriptor ${fd} opened in unmanaged mode twice` :
        `File descriptor ${fd} closed but not opened in unmanaged mode`);
    };
  }
  internalPort.on('message', (msg) => {
    if (msg?.type === 'heapSnapshot') return sendHeapSnapshot(msg.id);
    if (msg?.type !== 'stdin') return;
    stdin.push(msg.chunk);
    if (msg.chunk === null) internalPort.unref();
  });
  internalPort.unref();
  internalPort.postMessage({ type: 'online' });
  if (prebuilt !== null) {
    // The script ran at build time. An ES module script's `import { threadId, workerData }
    // from 'node:worker_threads'` bindings were set then: they get this worker's values.
    binding.esm.refreshExports('node:worker_threads');
    // Its deserialize callbacks see this worker's facts, env and stdio (afterRestore was
    // told to leave them); then its parentPort (listeners, messages it posted) is
    // connected, and messages are delivered from the next loop turn on.
    require('internal/snapshot').runDeserializeCallbacks();
    io.adoptPort(state.parentPort, start.port);
    return;
  }
  const cjs = require('internal/modules/cjs');
  const { source } = start;
  // --require/-r in the worker's execArgv: preloaded before its script, as in Node.
  const preloads = [];
  (start.execArgv ?? []).forEach((a, i, all) => {
    if ((a === '--require' || a === '-r') && i + 1 < all.length) preloads.push(all[i + 1]);
    else if (a.startsWith('--require=')) preloads.push(a.slice('--require='.length));
  });
  // Errors of the worker's code are caught here and handled as uncaught exceptions of
  // the worker: V8's --abort-on-uncaught-exception does not apply to workers (as in Node).
  try {
    // Preloads for eval and data: workers; a file worker's go with its --import/--loader
    // handling below.
    if (source.kind === 'internal') {
      require(source.id).main();
    } else if (source.kind === 'eval') {
      for (const request of preloads) cjs.preload(request);
      evalSource(cjs, `${source.code}`, source.filename);
    } else if (source.kind === 'data') {
      for (const request of preloads) cjs.preload(request);
      runDataModule(source.filename);
    } else {
      // `--require` and `--import` modules and `--loader` hooks apply to workers as to
      // the main thread.
      // (Not for workers the hooks start: their execArgv has no hooks flags.)
      const esm = require('internal/modules/esm');
      esm.runRequirePreloads(process.execArgv);
      const hooked = process.execArgv.some((a) => /^--(experimental-loader|loader|import)(=|$)/.test(a));
      if (!hooked || !esm.runMainWithHooks(source.filename, cjs.runMain)) cjs.runMain(source.filename);
    }
  } catch (err) {
    require('internal/task_queues').triggerUncaught(err, 'uncaughtException');
  }
}

// `eval` source: an ES module with `--input-type=module`, or CommonJS unless only a
// module could have its syntax (module detection, unless `--input-type=commonjs` or
// `--no-experimental-detect-module`), as for `--eval`. The worker's own options decide.
function evalSource(cjs, code, filename) {
  const { getOptionValue } = require('internal/options');
  const esm = require('internal/modules/esm');
  const type = getOptionValue('--input-type');
  if (type === 'module') return esm.evalEsm(code, false);
  if (type !== 'commonjs' && getOptionValue('--experimental-detect-module')) {
    try {
      binding.modules.compileFunction(code, filename, []);
    } catch (err) {
      if (esm.looksLikeEsm(err, code)) return esm.evalEsm(code, false);
    }
  }
  cjs.evalScript(code, filename);
}

// A `data:` URL is an ES module. amber's loader reads modules from files: the source
// is written to a private temporary file, loaded from there, and removed.
function runDataModule(href) {
  const code = decodeDataUrl(href);
  const fs = require('fs');
  const path = require('path');
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'amber-worker-'));
  const file = path.join(dir, 'data-url.mjs');
  fs.writeFileSync(file, code, { mode: 0o600 });
  try {
    require('internal/modules/esm').runMainEsm(file, href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `data:text/javascript,...` (percent-encoded or `;base64`): the module's source.
function decodeDataUrl(href) {
  const comma = href.indexOf(',');
  const meta = comma === -1 ? '' : href.slice(5, comma);
  const mime = meta.split(';')[0];
  if (comma === -1 || !/^(text|application)\/javascript$/.test(mime)) {
    const { ERR_UNKNOWN_MODULE_FORMAT } = require('internal/errors').codes;
    throw new ERR_UNKNOWN_MODULE_FORMAT(mime, href);
  }
  const body = href.slice(comma + 1);
  if (/;base64$/.test(meta)) return Buffer.from(body, 'base64').toString('utf8');
  return decodeURIComponent(body);
}

// `worker.getHeapSnapshot()` in the parent: this isolate's snapshot, its bytes moved.
function sendHeapSnapshot(id) {
  let bytes;
  try {
    bytes = require('internal/v8/heap_snapshot').take();
  } catch (err) {
    internalPort.postMessage({ type: 'heapSnapshot', id, error: serializeError(err) });
    return;
  }
  internalPort.postMessage({ type: 'heapSnapshot', id, bytes }, [bytes.buffer]);
}

// An exception nothing handled: the parent's 'error' event gets it.
function workerUncaught(err) {
  if (internalPort === undefined) return;
  const error = serializeError(err);
  if (error.kind === 'unserializable') internalPort.postMessage({ type: io.messageTypes.COULD_NOT_SERIALIZE_ERROR });
  else internalPort.postMessage({ type: io.messageTypes.ERROR_MESSAGE, error });
}

// The worker's end of its private port to the parent (undefined on the main thread).
function envMessagePort() {
  return internalPort;
}

module.exports = { workerMain, workerUncaught, buildWorkerScript, envMessagePort };
