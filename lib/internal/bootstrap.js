'use strict';
// Bootstrap: the builtin module loader, the global object (process, console, timers,
// web APIs) and the hooks object the Rust event loop calls. Runs once per isolate;
// everything it creates lives in the heap, so a snapshot carries it.
// Called as (exports, require, module, binding, internals).

const builtinCache = new Map();
const builtinIds = new Set(binding.modules.builtinIds());

function requireBuiltin(id) {
  const cached = builtinCache.get(id);
  if (cached !== undefined) return cached.exports;
  const fn = binding.modules.compileBuiltin(id);
  if (fn === undefined) throw new Error(`No such built-in module: ${id}`);
  const mod = { exports: {}, id, loaded: false };
  builtinCache.set(id, mod);
  fn.call(mod.exports, mod.exports, requireBuiltin, mod, binding, internals);
  mod.loaded = true;
  return mod.exports;
}

// Builtins that exist only with the `node:` scheme (`node:test`): a bare `test` is a
// package name, and Node leaves them out of `builtinModules`.
const schemeOnlyBuiltins = new Set(['test', 'test/reporters']);
// Public builtins: every lib/ file outside internal/, plus aliases.
const publicBuiltins = [...builtinIds]
  .filter((id) => !id.startsWith('internal/') && !id.startsWith('amber/') && !schemeOnlyBuiltins.has(id))
  .sort();
internals.isInternalBuiltin = (id) => id.startsWith('internal/') && builtinIds.has(id);
internals.isAmberBuiltin = (id) => id.startsWith('amber/') && builtinIds.has(id);
internals.requireBuiltin = requireBuiltin;
internals.builtinLoaded = (id) => builtinCache.has(id);
internals.publicBuiltins = publicBuiltins;
internals.isBuiltin = (name) => {
  if (typeof name !== 'string') return false;
  if (name.startsWith('node:')) {
    const id = name.slice(5);
    return publicBuiltins.includes(id) || (schemeOnlyBuiltins.has(id) && builtinIds.has(id));
  }
  return publicBuiltins.includes(name);
};

// ---- globals ---------------------------------------------------------------

// V8 leaves Error.stackTraceLimit unset in a snapshot-creator isolate, which would
// give errors created during a snapshot build no stack. Set Node's default.
if (typeof Error.stackTraceLimit !== 'number') Error.stackTraceLimit = 10;
// As Node, no V8's non-standard Intl.v8BreakIterator (vm contexts and ShadowRealms lose it
// natively, helpers::remove_v8_break_iterator).
delete Intl.v8BreakIterator;

function defineLazy(target, name, load, enumerable = false) {
  // Accessors named `get <name>`/`set <name>`, as Node's lazy globals; the first read or
  // write turns the property into a plain value.
  const { get, set } = Object.getOwnPropertyDescriptor({
    get [name]() {
      const value = load();
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable });
      return value;
    },
    set [name](value) {
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable });
    },
  }, name);
  Object.defineProperty(target, name, { configurable: true, enumerable, get, set });
}

// `process` and `Buffer` stay accessors when assigned (Node keeps them so for ESM's sake).
function defineKept(target, name, load) {
  let loaded = false;
  let value;
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    get: function get() {
      if (!loaded) {
        value = load();
        loaded = true;
      }
      return value;
    },
    set: function set(v) {
      value = v;
      loaded = true;
    },
  });
}

function defineValue(target, name, value, enumerable = false) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable });
}

const process = requireBuiltin('internal/process').process;
Object.defineProperty(globalThis, Symbol.toStringTag, { value: 'global', writable: false, enumerable: false, configurable: true });
defineValue(globalThis, 'global', globalThis, true);
defineKept(globalThis, 'process', () => process);
Object.defineProperty(globalThis, 'console', {
  value: requireBuiltin('internal/console').globalConsole, writable: true, configurable: true, enumerable: false,
});

const timers = requireBuiltin('internal/timers');
for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) {
  defineValue(globalThis, name, timers[name], true);
}
const taskQueues = requireBuiltin('internal/task_queues');
defineValue(globalThis, 'queueMicrotask', taskQueues.queueMicrotask, true);
defineValue(globalThis, 'fetch', function fetch(input, init = undefined) {
  return requireBuiltin('internal/fetch/fetch').fetch(input, init);
}, true);
defineValue(globalThis, 'structuredClone', requireBuiltin('internal/structured_clone').structuredClone, true);

defineLazy(globalThis, 'TextEncoder', () => requireBuiltin('internal/encoding').TextEncoder);
defineLazy(globalThis, 'TextDecoder', () => requireBuiltin('internal/encoding').TextDecoder);
defineLazy(globalThis, 'atob', () => requireBuiltin('internal/encoding').atob, true);
defineLazy(globalThis, 'btoa', () => requireBuiltin('internal/encoding').btoa, true);
// Plain values in Node, not lazy ones.
defineValue(globalThis, 'URL', requireBuiltin('internal/url').URL);
defineValue(globalThis, 'URLSearchParams', requireBuiltin('internal/url').URLSearchParams);
defineLazy(globalThis, 'performance', () => requireBuiltin('perf_hooks').performance, true);
for (const name of ['PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  defineLazy(globalThis, name, () => requireBuiltin('perf_hooks')[name]);
}
defineLazy(globalThis, 'EventTarget', () => requireBuiltin('internal/event_target').EventTarget);
defineLazy(globalThis, 'Event', () => requireBuiltin('internal/event_target').Event);
defineLazy(globalThis, 'AbortController', () => requireBuiltin('internal/abort_controller').AbortController);
defineLazy(globalThis, 'AbortSignal', () => requireBuiltin('internal/abort_controller').AbortSignal);
defineKept(globalThis, 'Buffer', () => requireBuiltin('buffer').Buffer);
defineLazy(globalThis, 'Blob', () => requireBuiltin('buffer').Blob);
defineLazy(globalThis, 'File', () => requireBuiltin('buffer').File);
// fetch and its classes (internal/fetch/), as Node 20 installs them.
defineLazy(globalThis, 'Headers', () => requireBuiltin('internal/fetch/headers').Headers);
defineLazy(globalThis, 'Request', () => requireBuiltin('internal/fetch/request').Request);
defineLazy(globalThis, 'Response', () => requireBuiltin('internal/fetch/response').Response);
defineLazy(globalThis, 'FormData', () => requireBuiltin('internal/fetch/formdata').FormData);
defineLazy(globalThis, 'crypto', () => requireBuiltin('crypto').webcrypto, true);
defineLazy(globalThis, 'Crypto', () => requireBuiltin('crypto').webcrypto.constructor);
defineLazy(globalThis, 'CryptoKey', () => requireBuiltin('internal/crypto/webcrypto_keys').CryptoKey);
defineLazy(globalThis, 'SubtleCrypto', () => requireBuiltin('internal/crypto/webcrypto').SubtleCrypto);
defineLazy(globalThis, 'DOMException', () => requireBuiltin('internal/dom_exception').DOMException);
defineLazy(globalThis, 'CustomEvent', () => requireBuiltin('internal/event_target').CustomEvent);
defineLazy(globalThis, 'MessageChannel', () => requireBuiltin('worker_threads').MessageChannel);
defineLazy(globalThis, 'MessagePort', () => requireBuiltin('worker_threads').MessagePort);
defineLazy(globalThis, 'BroadcastChannel', () => requireBuiltin('worker_threads').BroadcastChannel);
defineLazy(globalThis, 'MessageEvent', () => requireBuiltin('internal/worker/io').MessageEvent);
// Web streams, as Node 20 installs them (lazily: loading them costs nothing until used).
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
  'TransformStream', 'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
  'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
  'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream']) {
  defineLazy(globalThis, name, () => requireBuiltin('stream/web')[name]);
}

// ---- hooks called from Rust --------------------------------------------------

const { inspect } = requireBuiltin('internal/inspect');
const cjs = requireBuiltin('internal/modules/cjs');

exports.processTimers = timers.processTimers;
exports.processImmediates = timers.processImmediates;
// Called by the event loop only when a tick is queued or a rejection is to be
// reported (runtime.rs runs the microtasks alone otherwise): bound to `process`, so a
// stack shows `process.processTicksAndRejections` below the tick, as in Node.
exports.runTicks = taskQueues.processTicksAndRejections.bind(process);
exports.tickInfo = taskQueues.tickInfo;
exports.promiseReject = taskQueues.promiseReject;
exports.onOpComplete = (id, value) => internals.completeOp(id, value);
// Small socket reads arrive as `offset * 8192 + length` in this slab (runtime.rs,
// read_value); a new one comes before the first read into it.
internals.readSlab = null;
exports.setReadSlab = (ab) => { internals.readSlab = ab; };
// Collections timed while 'gc' is observed (perf_hooks), after the macrotask they
// happened in.
exports.gcEntries = (list) => internals.onGcEntries?.(list);
exports.onUncaught = (err) => internals.onUncaught(err, 'uncaughtException');
// Errors and other objects print as inspected; primitives with Node's hint.
exports.formatUncaught = (err) => {
  if (err !== null && (typeof err === 'object' || typeof err === 'function')) {
    // An unhandled 'error' event's error: its stack gains where it was emitted (events.js).
    const { kEnhanceStackBeforeInspector } = requireBuiltin('internal/errors');
    if (typeof err[kEnhanceStackBeforeInspector] === 'function') {
      try {
        err.stack = err[kEnhanceStackBeforeInspector]();
      } catch {
        // Shown without it.
      }
    }
    return inspect(err);
  }
  const shown = typeof err === 'string' ? err : inspect(err);
  // With --trace-uncaught the place follows (errors.rs), so no hint.
  if (requireBuiltin('internal/options').getOptionValue('--trace-uncaught')) return shown;
  return `${shown}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)`;
};
exports.emitExit = (code) => process._emitExit(code);
exports.emitBeforeExit = () => process.emit('beforeExit', process.exitCode ?? 0);
exports.runMain = (path) => {
  // `--build-snapshot node:embedded_snapshot_main`: the library alone, no user entry.
  if (binding.snapshot.mode() === 1) {
    requireBuiltin('internal/intl').install();
    requireBuiltin('internal/finalization').install();
  }
  if (path === 'node:embedded_snapshot_main' && binding.snapshot.mode() === 1) return;
  // V8 leaves WebAssembly out of a snapshot build: a stand-in refuses its uses by name.
  if (binding.snapshot.mode() === 1) requireBuiltin('internal/wasm/snapshot').installBuildPlaceholder();
  // `--watch`: this process watches and runs the program in a child (internal/watch_mode.js);
  // that child reports the files it loads.
  if (binding.snapshot.mode() !== 1) {
    const opt = requireBuiltin('internal/options').getOptionValue;
    if (opt('--watch') === true || opt('--watch-path').length > 0) return requireBuiltin('internal/watch_mode').runWatched(path);
    if (process.env.AMBER_WATCH_REPORT === '1') requireBuiltin('internal/watch_mode').reportLoadedFiles();
  }
  // `--import` modules and `--loader` hooks come first (internal/modules/esm.js).
  requireBuiltin('internal/source_map/source_map_cache').isEnabled();
  if (requireBuiltin('internal/modules/esm').runMainWithHooks(path, cjs.runMain)) return;
  cjs.runMain(path);
  // As in Node, a snapshot's builder entry is not a module of the snapshot: requiring
  // it after restore loads it again (it ran without `module`, see Module._compile).
  if (binding.snapshot.mode() === 1) delete cjs.Module._cache[path];
};
exports.preload = (request) => cjs.preload(request);
exports.repl = () => requireBuiltin('internal/repl').start();
exports.esmExportNames = (key) => requireBuiltin('internal/modules/esm').exportNames(key);
exports.vmSyntheticEvaluate = (key) => requireBuiltin('internal/vm_module').evaluateSynthetic(key);
exports.wasmStreaming = (id, source) => requireBuiltin('internal/wasm_web_api').streaming(id, source);
exports.esmWasmSource = (key) => requireBuiltin('internal/modules/esm').wasmSource(key);
exports.esmHookResolve = (specifier, parentURL, attributes) => requireBuiltin('internal/modules/esm/hooks').resolve(specifier, parentURL, attributes);
exports.esmResolveBare = (specifier, base, conditions) => requireBuiltin('internal/modules/esm/resolve').resolveBare(specifier, base, conditions);
exports.esmNotFoundHint = (specifier, base) => requireBuiltin('internal/modules/esm/resolve').commonJsHint(specifier, base);
exports.esmDetectModuleSyntax = (source, filename) => requireBuiltin('internal/options').getOptionValue('--experimental-detect-module') !== false &&
  requireBuiltin('internal/modules/esm/get_format').containsModuleSyntax(source, filename);
exports.esmDecorateLinkError = (err, parentURL, line) => requireBuiltin('internal/modules/esm').decorateLinkError(err, parentURL, line);
exports.esmHookLoad = (key, attributes) => requireBuiltin('internal/modules/esm/hooks').load(key, attributes);
exports.esmExports = (key) => requireBuiltin('internal/modules/esm').exportsOf(key);
exports.dynamicImport = (specifier, referrer, attributeType, vmImportId) => requireBuiltin('internal/modules/esm').dynamicImport(specifier, referrer, attributeType, vmImportId);
exports.initImportMeta = (meta, path, url) => requireBuiltin('internal/modules/esm').initImportMeta(meta, path, url);
exports.warmup = () => {
  for (const id of ['path', 'fs', 'util', 'events', 'buffer', 'url', 'os', 'assert', 'module', 'timers', 'internal/stdio']) requireBuiltin(id);
  const { formatWithOptions } = requireBuiltin('internal/inspect');
  formatWithOptions({}, '%s %d %j', 'warm', 1, { a: [1, 'x', { b: new Map([[1, 2]]) }], s: new Set([1]), d: new Date(0), e: null });
  void process.stdout;
  void process.stderr;
  requireBuiltin('path').resolve('a', '../b');
  requireBuiltin('buffer').Buffer.from('warm').toString('hex');
};
// A worker thread's start (crates/runtime/src/worker.rs) and its uncaught exceptions.
exports.workerMain = (portId) => requireBuiltin('internal/worker/thread').workerMain(portId);
exports.workerUncaught = (err) => requireBuiltin('internal/worker/thread').workerUncaught(err);
// `amber snapshot build --worker FILE`: FILE's top level, run in its own context.
exports.buildWorkerScript = (filename) => {
  requireBuiltin('internal/wasm/snapshot').installBuildPlaceholder();
  return requireBuiltin('internal/worker/thread').buildWorkerScript(filename) ?? null;
};
exports.prepareSnapshot = () => requireBuiltin('internal/snapshot').prepareSnapshot();
// The cold context of a warm-up build, deserialized from the cold snapshot and about to
// be serialized again (crates/runtime/src/snapshot.rs, warm_up): V8 installed
// Error.stackTraceLimit when it deserialized it, which must not be stored (see
// prepareSnapshot). Nothing else runs in that context.
exports.prepareResnapshot = () => { delete Error.stackTraceLimit; };
// A warm-up context (the same function): V8 leaves Error.stackTraceLimit out of contexts
// it deserializes in a snapshot-building isolate; errors thrown during the warm-up get
// their stack traces as in a restored process.
exports.prepareWarmup = () => {
  if (!Object.hasOwn(Error, 'stackTraceLimit')) Error.stackTraceLimit = 10;
  // Nor WebAssembly (a context deserialized in a snapshot-creator isolate).
  requireBuiltin('internal/wasm/snapshot').installBuildPlaceholder();
  requireBuiltin('internal/snapshot').markWarmup();
};
// The ES entry whose evaluation (top-level await) has not finished, or null.
exports.entryPending = () => requireBuiltin('internal/modules/esm').unsettledMain() ?? null;
exports.prepareStackTrace = (global, error, sites) => requireBuiltin('internal/source_map/prepare_stack_trace').prepareStackTrace(global, error, sites);
exports.formatStackTrace = (ErrorCtor, error, sites) => requireBuiltin('internal/snapshot').formatStackTrace(ErrorCtor, error, sites);
// `deferCallbacks`: a worker started from a prebuilt worker context runs the deserialize
// callbacks itself, once its worker facts are in place (internal/worker/thread.js).
exports.afterRestore = (deferCallbacks) => requireBuiltin('internal/snapshot').afterRestore(deferCallbacks === true);
exports.runSnapshotMain = (entry) => {
  if (requireBuiltin('internal/snapshot').runSnapshotMain()) return;
  if (entry) {
    process.argv[1] = entry;
    cjs.runMain(entry);
  }
};
// -c/--check: compile the file (as an ES module when it is one) without running it.
exports.checkSyntax = (filename) => {
  // `--import` modules are imported first, as Node does.
  if (requireBuiltin('internal/modules/esm').runAfterPreloads(() => checkSyntaxNow(filename))) return;
  checkSyntaxNow(filename);
};
// `--check` with the script piped in: compiled as `[stdin]` (an ES module under
// `--input-type=module`), never run.
exports.checkStdinSyntax = (source) => {
  if (requireBuiltin('internal/options').getOptionValue('--input-type') === 'module') {
    binding.esm.compileOnly(source, '[stdin]');
    return;
  }
  requireBuiltin('vm').compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: '[stdin]' });
};
function checkSyntaxNow(filename) {
  const source = requireBuiltin('fs').readFileSync(filename, 'utf8').replace(/^#!.*/, '');
  const esm = requireBuiltin('internal/modules/esm');
  if (esm.isEsmFile(filename)) {
    binding.esm.compileOnly(source, filename);
    return;
  }
  // A file no package types is an ES module when its syntax says so. (Otherwise the
  // error is thrown by the compilation itself, so it is reported where it is.)
  if (binding.esm.packageType(filename) === 'none') {
    let detected = false;
    try {
      binding.modules.compileFunction(source, filename, []);
    } catch (err) {
      detected = esm.looksLikeEsm(err, source);
    }
    if (detected) return binding.esm.compileOnly(source, filename);
  }
  requireBuiltin('vm').compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
}
// -e/-p/stdin code sees the public builtin modules as globals (`fs`, `assert`, ...),
// loaded when first read and replaced by what the code assigns, as in Node.
function addBuiltinLibsToGlobal() {
  for (const id of requireBuiltin('module').builtinModules) {
    if (id.startsWith('_') || id.includes('/') || Object.hasOwn(globalThis, id)) continue;
    const set = (value) => {
      Object.defineProperty(globalThis, id, { value, writable: true, enumerable: false, configurable: true });
    };
    Object.defineProperty(globalThis, id, {
      get() {
        const value = requireBuiltin(id);
        set(value);
        return value;
      },
      set,
      enumerable: false,
      configurable: true,
    });
  }
}

exports.evalScript = (code, print, name = '[eval]') => {
  // As Node: the source of `-e`/`-p` (or piped-in) code, which child_process.fork()
  // leaves out of the child's execArgv (else every child would fork again).
  if (name === '[eval]' || name === '[stdin]') process._eval = code;
  const esm = requireBuiltin('internal/modules/esm');
  // `--import` modules and `--loader` hooks come first, as for a main entry.
  if ((name === '[eval]' || name === '[stdin]') && esm.runAfterPreloads(() => evalScriptNow(code, print, name))) return;
  evalScriptNow(code, print, name);
};
function evalScriptNow(code, print, name) {
  addBuiltinLibsToGlobal();
  const esm = requireBuiltin('internal/modules/esm');
  const type = requireBuiltin('internal/options').getOptionValue('--input-type');
  if (type === 'module') return esm.evalEsm(code, print);
  if (type !== 'commonjs') {
    try {
      binding.modules.compileFunction(`${code}`, name, []);
    } catch (err) {
      if (esm.looksLikeEsm(err, code)) return esm.evalEsm(code, print);
    }
  }
  // As in Node, the identifier `crypto` in `-e`/`-p` code is node:crypto rather than
  // the WebCrypto global (for code written before that global existed): the code runs
  // with a binding of that name around it.
  if (name === '[eval]' && /\bcrypto\b/.test(code) && requireBuiltin('internal/options').getOptionValue('--experimental-global-webcrypto')) {
    code = print ? `let crypto=require("node:crypto");{${code}}` : `(crypto=>{{${code}}})(require('node:crypto'))`;
  }
  const result = cjs.evalScript(code, name);
  if (print) console.log(result);
}

// ---- async operations --------------------------------------------------------

// The first stack frame outside the runtime's own library: where user code created a
// resource (named when a snapshot build refuses it).
internals.callerLocation = () => new Error().stack.split('\n').slice(1).find((l) => l.includes('    at ') && !l.includes('(node:') && !l.includes(' node:'))?.trim() ?? '';

const pendingOps = new Map();
let nextOpId = 1;
// `kind` names the resource in errors (e.g. a snapshot build refusing live resources).
// `where` may be given ('' when never shown: file-system jobs, which a build waits for).
// A `start` that throws (invalid arguments) leaves no op behind.
// With async hooks tracking (internal/async_hooks), each op is an async resource: its
// callback runs between before and after hooks.
const asyncHooks = requireBuiltin('internal/async_hooks');
const ah = asyncHooks.state;
// The async context (AsyncLocalStorage) an op was started in is the one its callback
// runs in; `undefined` (nothing ever set one) costs no native call either way.
const asyncContext = requireBuiltin('internal/async_context');
internals.startOp = (start, callback, kind = 'async operation', where = internals.callerLocation()) => {
  const id = nextOpId++;
  const op = { callback, kind, where, resource: undefined, context: asyncContext.getContext() };
  if (ah.on) asyncHooks.trackOp(op);
  pendingOps.set(id, op);
  try {
    start(id);
  } catch (err) {
    pendingOps.delete(id);
    if (op.resource !== undefined) asyncHooks.destroy(op.resource);
    throw err;
  }
  return id;
};
internals.completeOp = (id, value) => {
  const op = pendingOps.get(id);
  if (op === undefined) return;
  if (!op.persistent) pendingOps.delete(id);
  if (op.context !== undefined) return completeInContext(op, value);
  if (ah.on) {
    // An op started before tracking began gets its resource (and ids) now.
    const resource = op.resource ?? asyncHooks.lateOp(op);
    asyncHooks.enter(resource);
    op.callback(value);
    asyncHooks.leave(resource);
    if (!op.persistent) asyncHooks.destroy(resource);
    return;
  }
  op.callback(value);
};
function completeInContext(op, value) {
  const prev = asyncContext.getContext();
  asyncContext.setContext(op.context);
  try {
    if (!ah.on) return op.callback(value);
    const resource = op.resource ?? asyncHooks.lateOp(op);
    asyncHooks.enter(resource);
    op.callback(value);
    asyncHooks.leave(resource);
    if (!op.persistent) asyncHooks.destroy(resource);
  } finally {
    asyncContext.setContext(prev);
  }
}
internals.describePendingOps = () => [...pendingOps.values()].filter((op) => !op.persistent).map(({ kind, where }) => ({ kind, where }));
// Streams of events (child output, exits): the callback stays until unregistered.
// `resource`: the object async hooks see for it (a MessagePort), else one of its kind.
internals.registerStream = (callback, kind, resource) => {
  const id = nextOpId++;
  const op = { callback, kind, where: '', persistent: true, resource: undefined, context: asyncContext.getContext() };
  if (ah.on) asyncHooks.trackOp(op, resource);
  pendingOps.set(id, op);
  return id;
};
internals.unregisterStream = (id) => {
  const resource = pendingOps.get(id)?.resource;
  if (resource !== undefined) asyncHooks.destroy(resource);
  return pendingOps.delete(id);
};
// A one-shot op cancelled natively (a DNS query): its completion will never come.
internals.forgetOp = (id) => internals.unregisterStream(id);
requireBuiltin('internal/process').setupChannel();

// process._fatalException(err, fromPromise) is what an uncaught exception goes through
// (returns whether a listener handled it). As in Node, a program that replaced it with a
// non-function exits with code 6 after the error is printed, and one whose monitor or
// 'uncaughtException' listener throws exits with 7 (handle_uncaught in runtime.rs).
process._fatalException = (err, fromPromise) =>
  onGlobalUncaught(err, fromPromise ? 'unhandledRejection' : 'uncaughtException');
internals.onUncaught = (err, origin) => {
  if (typeof process._fatalException !== 'function') binding.core.fatal(err, 6);
  return !!process._fatalException(err, origin === 'unhandledRejection');
};
const onGlobalUncaught = (err, origin) => {
  // Monitors see every uncaught exception first, handled or not (as in Node).
  process.emit('uncaughtExceptionMonitor', err, origin);
  if (process.listenerCount('uncaughtException') > 0) {
    process.emit('uncaughtException', err, origin);
    // The callbacks the error unwound are over (their after hooks run now, as in Node).
    if (ah.on) asyncHooks.clearStack();
    // The tick queue that threw was abandoned half-way: an empty immediate makes the
    // next loop turn run what is left of it and report pending rejections, as Node does.
    setImmediate(() => {});
    return true;
  }
  return false;
};

// NODE_V8_COVERAGE, in a process bootstrapped from source (a restored one starts it in
// afterRestore).
if (process.env.NODE_V8_COVERAGE) requireBuiltin('internal/inspector/coverage').start();
// `--cpu-prof`/`--heap-prof` (not in a build).
if (binding.snapshot.mode() !== 1 && (requireBuiltin('internal/options').getOptionValue('--cpu-prof') === true || requireBuiltin('internal/options').getOptionValue('--heap-prof') === true)) {
  requireBuiltin('internal/inspector/profilers').start();
}
// What every start uses is part of the runtime snapshot, not compiled at each start
// (AMBER_TRACE_BUILTINS=1 lists what is): the modules afterRestore and runMain use
// (internal/snapshot.js), the ES module loader, and streams (an ES module importing
// `fs` reads its stream classes). Measured with callgrind (debug build, compile cache
// off): hello world 41.9 -> 38.6 M instructions, an ES module hello world 60.8 -> 42.8 M.
requireBuiltin('internal/finalization');
requireBuiltin('internal/source_map/source_map_cache');
requireBuiltin('internal/inspector/remote_options');
requireBuiltin('internal/modules/esm');
requireBuiltin('stream');
// `--inspect*`: the inspector server opens before the main module runs (not in a build).
if (binding.snapshot.mode() !== 1 && requireBuiltin('internal/inspector/remote_options').inspectAsked()) requireBuiltin('internal/inspector/remote').startFromOptions();
