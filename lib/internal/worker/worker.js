'use strict';
// The parent's side of a worker: `new Worker(...)` validates its options, posts the
// start message on a private channel, starts the thread (binding.worker.spawn: a new
// isolate from the runtime snapshot on its own OS thread) and turns what comes back
// into events: 'online', 'message' (the public channel, whose other end is the
// worker's parentPort), 'error' (uncaught exceptions, serialized by the worker), output
// on worker.stdout/stderr, and 'exit' once the thread has ended.

const EventEmitter = require('events');
const path = require('path');
const { Readable, Writable } = require('stream');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_WORKER_PATH, ERR_INVALID_URL_SCHEME, ERR_NOT_SUPPORTED_IN_SNAPSHOT,
    ERR_WORKER_OUT_OF_MEMORY, ERR_NOT_IMPLEMENTED, ERR_WORKER_INVALID_EXEC_ARGV, ERR_WORKER_INIT_FAILED,
    ERR_WORKER_NOT_RUNNING, ERR_WORKER_UNSERIALIZABLE_ERROR,
  },
} = require('internal/errors');
const io = require('internal/worker/io');
const state = require('internal/worker/state');
const { deserializeError } = require('internal/worker/errors');
const { setOpRef } = binding.core;

const kPort = Symbol('kPort');
const kPublic = Symbol('kPublicPort');
const kExitOp = Symbol('kExitOp');
const kExited = Symbol('kExited');
const kTerminate = Symbol('kTerminate');
const kInbox = Symbol('kInbox');
// Heap snapshots asked of the worker and not answered yet: id → { resolve, reject }.
const kSnapshots = Symbol('kSnapshots');

// Node's defaults, reported as `worker.resourceLimits` when not given.
const kDefaultStackMb = 4;

function limitsOf(options) {
  const rl = options.resourceLimits;
  if (rl === undefined) return {};
  if (rl === null || typeof rl !== 'object') throw new ERR_INVALID_ARG_TYPE('options.resourceLimits', 'Object', rl);
  const out = {};
  for (const key of ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb']) {
    const v = rl[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') throw new ERR_INVALID_ARG_TYPE(`options.resourceLimits.${key}`, 'number', v);
    // A generation limit of 0 is V8's smallest heap, as in Node (the worker runs out of it).
    if (v > 0 || (v === 0 && (key === 'maxYoungGenerationSizeMb' || key === 'maxOldGenerationSizeMb'))) out[key] = v;
  }
  return out;
}

// Workers of the runtime itself (the module customization hooks' thread) run a module
// of lib/ (`options[kInternalMain]`, its id): `internal/modules/esm/worker`.
const kInternalMain = Symbol('kInternalMain');

// Captured at load: `--no-harmony-sharedarraybuffer` removes the globals later.
const SAB = globalThis.SharedArrayBuffer;
const AtomicsAdd = globalThis.Atomics?.add;

// The counter of working directory changes workers read before trusting the directory
// they cached; only the main thread changes directory (process.chdir), and counts.
function cwdCounter() {
  if (state.cwdCounter === null && state.isMainThread && SAB !== undefined && AtomicsAdd !== undefined) {
    const counter = new Int32Array(new SAB(4));
    state.cwdCounter = counter;
    internals.onChdir = () => AtomicsAdd(counter, 0, 1);
  }
  return state.cwdCounter ?? undefined;
}

function workerSource(filename, options) {
  if (typeof options[kInternalMain] === 'string') return { kind: 'internal', id: options[kInternalMain], filename: `node:${options[kInternalMain]}` };
  if (options.eval) {
    if (typeof filename !== 'string') throw new ERR_INVALID_ARG_VALUE('options.eval', options.eval, 'must be false when \'filename\' is not a string');
    return { kind: 'eval', code: filename, filename: '[worker eval]' };
  }
  if (filename instanceof URL || (filename !== null && typeof filename === 'object' && typeof filename.href === 'string' && typeof filename.protocol === 'string')) {
    const url = filename;
    if (url.protocol === 'data:') return { kind: 'data', filename: url.href };
    if (url.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME(['file', 'data']);
    return { kind: 'file', filename: require('url').fileURLToPath(url) };
  }
  if (typeof filename !== 'string') throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) throw new ERR_WORKER_PATH(filename);
  return { kind: 'file', filename: path.resolve(filename) };
}

// What async hooks see as the worker's 'WORKER' resource (Node's native handle): it
// reports whether the worker keeps the loop alive, and nothing (undefined) once the
// worker is gone.
class WorkerHandle {
  #refed = true;
  #closed = false;
  hasRef() { return this.#closed ? undefined : this.#refed; }
  static setRef(handle, refed) { handle.#refed = refed; }
  static close(handle) { handle.#closed = true; }
}
const kHandle = Symbol('kHandle');

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (binding.snapshot.mode() === 1) throw new ERR_NOT_SUPPORTED_IN_SNAPSHOT('Creating workers');
    if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const source = workerSource(filename, options);
    if (options.execArgv !== undefined && !Array.isArray(options.execArgv)) throw new ERR_INVALID_ARG_TYPE('options.execArgv', 'Array', options.execArgv);
    if (options.argv !== undefined && !Array.isArray(options.argv)) throw new ERR_INVALID_ARG_TYPE('options.argv', 'Array', options.argv);
    // The Node options the worker runs with (undefined: the parent's): those of its
    // execArgv, after those of its env's NODE_OPTIONS when it differs from this thread's.
    // What a worker cannot have (per-process options, V8 flags, unknown ones) is refused.
    let nodeOptions;
    if (options.execArgv !== undefined) {
      // Options, and the module names after --require/-r.
      const bad = options.execArgv.filter((a, i, all) => typeof a !== 'string' ||
        (!a.startsWith('-') && !(i > 0 && (all[i - 1] === '--require' || all[i - 1] === '-r'))));
      if (bad.length > 0) throw new ERR_WORKER_INVALID_EXEC_ARGV(bad);
      const end = options.execArgv.indexOf('--');
      const parsed = binding.worker.parseOptions(end === -1 ? options.execArgv : options.execArgv.slice(0, end));
      if (typeof parsed === 'string') throw new ERR_WORKER_INVALID_EXEC_ARGV([parsed]);
      nodeOptions = parsed;
    }
    const envOptions = options.env !== null && typeof options.env === 'object' && options.env !== state.SHARE_ENV ? options.env.NODE_OPTIONS : undefined;
    if (envOptions !== undefined && `${envOptions}` !== process.env.NODE_OPTIONS) {
      const parsed = binding.worker.parseOptions(`${envOptions}`, true);
      if (typeof parsed === 'string') throw new ERR_WORKER_INVALID_EXEC_ARGV([parsed], 'invalid NODE_OPTIONS env variable');
      nodeOptions = [...parsed, ...(nodeOptions ?? binding.process.nodeOptions())];
    }
    let env = null;
    if (options.env === state.SHARE_ENV) env = 'share';
    else if (options.env !== undefined && options.env !== null) {
      if (typeof options.env !== 'object') {
        const err = new ERR_INVALID_ARG_TYPE('options.env', 'object', options.env);
        err.message = `The "options.env" property must be of type object or one of undefined, null, or worker_threads.SHARE_ENV.${err.message.slice(err.message.indexOf(' Received'))}`;
        throw err;
      }
      env = {};
      for (const key of Object.keys(options.env)) env[key] = `${options.env[key]}`;
    } else {
      env = { ...process.env };
    }
    const limits = limitsOf(options);
    // What the worker runs with (0: V8's default), in Node's order; `{}` once it ended.
    this.resourceLimits = {
      maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb ?? 0,
      maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb ?? 0,
      codeRangeSizeMb: limits.codeRangeSizeMb ?? 0,
      stackSizeMb: limits.stackSizeMb ?? kDefaultStackMb,
    };

    // The handle comes first, then its ports (the order async hooks see, as in Node).
    this[kHandle] = new WorkerHandle();
    this[kExitOp] = internals.registerStream((info) => this.#onExit(info), 'Worker', this[kHandle]);
    const [parentEnd, workerEnd] = binding.messaging.createChannel();
    const internal = io.makePort(parentEnd);
    const { port1, port2 } = new io.MessageChannel();
    this[kPort] = internal;
    this[kPublic] = port1;
    this[kExited] = false;
    this[kSnapshots] = new Map();

    const start = {
      source,
      workerData: options.workerData,
      environmentData: state.environmentData,
      env,
      argv: (options.argv ?? []).map((a) => String(a)),
      // A `--` ends the options, as on a command line: it is not one of them.
      execArgv: options.execArgv === undefined ? process.execArgv :
        options.execArgv.includes('--') ? options.execArgv.slice(0, options.execArgv.indexOf('--')) : options.execArgv,
      resourceLimits: this.resourceLimits,
      trackUnmanagedFds: typeof options.trackUnmanagedFds === 'boolean' ? options.trackUnmanagedFds : true,
      name: options.name === undefined ? '' : `${options.name}`,
      port: port2,
      stdin: !!options.stdin,
      inbox: undefined,
      cwdCounter: cwdCounter(),
    };
    // Its inbox for postMessageToThread (internal/worker/messaging.js).
    const inbox = require('internal/worker/messaging').createWorkerInbox();
    start.inbox = inbox.receiver;
    this[kInbox] = inbox;
    const transfer = [port2, inbox.receiver, ...(options.transferList ?? [])];
    try {
      internal.postMessage(start, transfer);
    } catch (err) {
      internals.unregisterStream(this[kExitOp]);
      throw err;
    }

    this.stdout = new Readable({ read() {} });
    this.stderr = new Readable({ read() {} });
    this.stdin = null;
    if (options.stdin) {
      this.stdin = new Writable({
        write: (chunk, encoding, cb) => { internal.postMessage({ type: 'stdin', chunk }); cb(); },
        final: (cb) => { internal.postMessage({ type: 'stdin', chunk: null }); cb(); },
      });
    }
    // By default the worker's output goes out through the parent's own streams (written
    // chunk by chunk: a pipe per worker would pile listeners onto process.stdout).
    if (!options.stdout) this.stdout.on('data', (chunk) => process.stdout.write(chunk));
    if (!options.stderr) this.stderr.on('data', (chunk) => process.stderr.write(chunk));

    internal.on('message', (msg) => this.#onInternal(msg));
    internal.unref();
    port1.on('message', (value) => this.emit('message', value));
    port1.on('messageerror', (err) => this.emit('messageerror', err));
    port1.unref();

    const argv = [process.execPath, source.filename, ...start.argv];
    // A snapshot may hold a worker context prebuilt for this file, in which the script's
    // top level already ran (docs/workers-in-snapshots.md); it is used unless the script
    // read there what this worker is given.
    const given = [];
    if (start.workerData !== undefined) given.push('workerData');
    if (start.environmentData.size > 0) given.push('environmentData');
    this.threadId = binding.worker.spawn(workerEnd, this[kExitOp], argv, start.execArgv,
      [limits.maxYoungGenerationSizeMb ?? -1, limits.maxOldGenerationSizeMb ?? -1, limits.stackSizeMb ?? 0],
      source.kind === 'file' ? source.filename : undefined, given, nodeOptions);
    inbox.register(this.threadId);
    if (source.kind !== 'internal') process.nextTick(() => process.emit('worker', this));
    this.performance = { eventLoopUtilization() { throw new ERR_NOT_IMPLEMENTED('worker.performance.eventLoopUtilization()'); } };
  }

  #onInternal(msg) {
    switch (msg?.type) {
      case 'online': this.emit('online'); break;
      case 'stdio': (msg.fd === 2 ? this.stderr : this.stdout).push(msg.chunk); break;
      case 'error': this.emit('error', deserializeError(msg.error)); break;
      case 'couldNotSerializeError': this.emit('error', new ERR_WORKER_UNSERIALIZABLE_ERROR()); break;
      case 'heapSnapshot': this.#onHeapSnapshot(msg); break;
      // Only the runtime posts here: anything else is a bug, reported as Node does.
      default: require('internal/assert').fail(`Unknown worker message type ${msg?.type}`);
    }
  }

  #onExit([code, why]) {
    this[kExited] = true;
    // What the worker sent before it ended is delivered before 'exit'.
    io.drainNow(this[kPort]);
    io.drainNow(this[kPublic]);
    if (why === 1) this.emit('error', new ERR_WORKER_OUT_OF_MEMORY('JS heap out of memory'));
    if (why === 2) this.emit('error', new ERR_WORKER_INIT_FAILED(binding.worker.initError(this.threadId) ?? 'unknown error'));
    this.stdout.push(null);
    this.stderr.push(null);
    for (const { reject } of this[kSnapshots].values()) reject(new ERR_WORKER_NOT_RUNNING());
    this[kSnapshots].clear();
    this[kPort].close();
    this[kPublic].close();
    this[kInbox].unregister(this.threadId);
    this.threadId = -1;
    this.resourceLimits = {};
    const resolve = this[kTerminate];
    this[kTerminate] = undefined;
    try {
      this.emit('exit', code);
    } finally {
      // The handle is gone after 'exit' (async hooks' destroy comes then, as in Node).
      internals.unregisterStream(this[kExitOp]);
      WorkerHandle.close(this[kHandle]);
    }
    resolve?.(code);
  }

  postMessage(...args) {
    if (this[kExited]) return;
    this[kPublic].postMessage(...args);
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.', 'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => callback(null, code));
    }
    if (this[kExited]) return Promise.resolve();
    // Waiting for the end keeps the loop alive, even for an unref()ed worker.
    setOpRef(this[kExitOp], true);
    return new Promise((resolve) => {
      const previous = this[kTerminate];
      this[kTerminate] = (code) => { previous?.(code); resolve(code); };
      binding.worker.terminate(this.threadId);
    });
  }

  // As in Node, the public port follows: a ref'd worker also waits for its messages.
  ref() {
    if (this[kExited]) return;
    setOpRef(this[kExitOp], true);
    WorkerHandle.setRef(this[kHandle], true);
    this[kPublic].ref();
  }

  unref() {
    if (this[kExited]) return;
    setOpRef(this[kExitOp], false);
    WorkerHandle.setRef(this[kHandle], false);
    this[kPublic].unref();
  }

  // The worker takes its own snapshot when its loop gets the request
  // (internal/worker/thread.js) and sends the bytes back; waiting for them keeps this
  // thread alive.
  getHeapSnapshot(options) {
    const heapSnapshot = require('internal/v8/heap_snapshot');
    heapSnapshot.validateOptions(options);
    if (this[kExited]) return Promise.reject(new ERR_WORKER_NOT_RUNNING());
    return new Promise((resolve, reject) => {
      const id = this[kSnapshots].size === 0 ? 1 : Math.max(...this[kSnapshots].keys()) + 1;
      this[kSnapshots].set(id, { resolve, reject });
      this[kPort].ref();
      this[kPort].postMessage({ type: 'heapSnapshot', id });
    });
  }

  #onHeapSnapshot({ id, bytes, error }) {
    const pending = this[kSnapshots].get(id);
    if (pending === undefined) return;
    this[kSnapshots].delete(id);
    if (this[kSnapshots].size === 0) this[kPort].unref();
    if (error !== undefined) pending.reject(deserializeError(error));
    else pending.resolve(require('internal/v8/heap_snapshot').streamOf(bytes));
  }
}

module.exports = { Worker, kInternalMain };
