'use strict';
// The startup-snapshot API (Node's v8.startupSnapshot and amber:snapshot) and the hooks
// the runtime calls around a snapshot: `prepareSnapshot` after the build's loop has
// settled, `afterRestore` first thing in a restored process, `runSnapshotMain` last.

const { codes: { ERR_NOT_BUILDING_SNAPSHOT, ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION }, validateFunction } = require('internal/errors');
const { mode } = binding.snapshot;

const serializeCallbacks = [];
const deserializeCallbacks = [];
let mainFunction;
let mainData;
const vmContexts = [];
// Addons loaded at build time: [{ path, envId, kinds, functions }] (internal/process).
let carriedAddons = [];

function isBuildingSnapshot() {
  return mode() === 1;
}

// Makes a snapshot build's loop wait for work that ends by itself (an http request
// until its response has ended) before it serializes. Returns the release function
// (idempotent); outside a build it does nothing.
function holdBuild() {
  if (!isBuildingSnapshot()) return () => {};
  binding.snapshot.hold(1);
  let held = true;
  return () => {
    if (held) {
      held = false;
      binding.snapshot.hold(-1);
    }
  };
}

function throwIfNotBuilding() {
  if (!isBuildingSnapshot()) throw new ERR_NOT_BUILDING_SNAPSHOT();
}

function addSerializeCallback(callback, data) {
  throwIfNotBuilding();
  validateFunction(callback, 'callback');
  serializeCallbacks.push([callback, data]);
}

function addDeserializeCallback(callback, data) {
  throwIfNotBuilding();
  validateFunction(callback, 'callback');
  deserializeCallbacks.push([callback, data]);
}

function setDeserializeMainFunction(callback, data) {
  throwIfNotBuilding();
  if (mainFunction !== undefined) throw new ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION();
  validateFunction(callback, 'callback');
  mainFunction = callback;
  mainData = data;
}

// Live resources that a snapshot cannot carry, described with where they were created.
function liveResources() {
  return [
    ...internals.describePendingOps(),
    ...(internals.describeChildren?.() ?? []),
    ...(internals.describeOpenFiles?.() ?? []),
    ...(internals.describeNetHandles?.() ?? []),
    ...(internals.describeDgramSockets?.() ?? []),
    ...(internals.describeTlsSessions?.() ?? []),
    ...(internals.describeHttp2Sessions?.() ?? []),
    ...(internals.describeWasiInstances?.() ?? []),
    ...(internals.describeWatchers?.() ?? []),
    ...(internals.describeZlibStreams?.() ?? []),
    ...(internals.describeVmMicrotaskContexts?.() ?? []),
    ...(internals.describeInspectorSessions?.() ?? []),
  ];
}

function prepareSnapshot() {
  for (const [cb, data] of serializeCallbacks) cb(data);
  // Servers still listening are carried: their listeners close now and listen again
  // at restore (lib/net.js). Not from a prebuilt worker context (--worker), which every
  // worker of that script starts from: there they are live resources, refused.
  const prebuiltWorker = internals.builtinLoaded('internal/worker/state') && require('internal/worker/state').prebuilt !== null;
  if (!prebuiltWorker) internals.detachListeningServers?.();
  // NODE_V8_COVERAGE: the build's coverage is written now, and its session ends.
  internals.endCoverage?.();
  // An inspector server opened by `inspector.open()` at build time closes (its sockets and
  // thread are not carried).
  if (internals.builtinLoaded('internal/inspector/remote')) require('internal/inspector/remote').close();
  const live = liveResources();
  // Timers are stored relative to the moment of the snapshot (remaining delay), so a
  // build without pending timers holds no clock values and is reproducible.
  require('internal/timers').rebaseTimers(binding.timers.now(), 0);
  // Enabled async hooks are plain JS and carried; V8's promise hooks are put back at restore.
  require('internal/async_hooks').prepareSnapshot();
  require('internal/intl').dropInstances();
  process.features.startup_snapshot = false;
  // Per-process facts are refreshed at restore; clear them so the file does not vary.
  process.pid = 0;
  process.ppid = 0;
  const { Module } = require('internal/modules/cjs');
  const result = {
    mainSet: mainFunction !== undefined,
    modules: Object.keys(Module._cache),
    contexts: 1 + vmContexts.length,
    // An application that loaded worker_threads gets a worker context in its snapshot.
    workers: internals.builtinLoaded('worker_threads'),
    // In a worker script's context (--worker): the per-worker facts its top level read.
    workerReads: internals.builtinLoaded('internal/worker/state') ? [...(require('internal/worker/state').reads ?? [])] : [],
    error: undefined,
  };
  // WebAssembly: the build's stand-in leaves the global (V8 installs its own at
  // restore); modules declared with amber:wasm's precompile() are compiled natively.
  const wasm = internals.builtinLoaded('internal/wasm/snapshot') ? require('internal/wasm/snapshot') : undefined;
  wasm?.removeBuildPlaceholder();
  result.wasm = wasm?.pendingRecords() ?? [];
  let addonError;
  try {
    carriedAddons = internals.prepareAddons?.() ?? [];
  } catch (err) {
    addonError = err.message;
  }
  result.addons = carriedAddons.map(({ path, kinds }) => ({ path, kinds }));
  if (addonError !== undefined) {
    result.error = addonError;
  } else if (live.length > 0) {
    result.error = `cannot build the snapshot: ${live.length} live resource${live.length > 1 ? 's' : ''} cannot be carried (close ${live.length > 1 ? 'them' : 'it'} in v8.startupSnapshot.addSerializeCallback): ` +
      live.map((r) => `${r.kind} created ${r.where}`).join('; ');
  }
  // V8 installs Error.stackTraceLimit itself when it deserializes a context; a value
  // stored in the snapshot would be a duplicate property (a fatal V8 check).
  delete Error.stackTraceLimit;
  return result;
}

// Built-in modules with per-process state register here to refresh it first thing in a
// restored process (e.g. perf_hooks' time origin).
const restoreHooks = [];
function onRestore(fn) {
  restoreHooks.push(fn);
}

// A warm-up at build time (docs/warmup.md) runs in a context that is thrown away.
let warmingUp = false;
function markWarmup() {
  warmingUp = true;
}

function afterRestore(deferCallbacks = false) {
  process.features.startup_snapshot = true;
  require('internal/process').refresh();
  // NODE_V8_COVERAGE: each process (or thread) collects its own; not a build's warm-up.
  if (process.env.NODE_V8_COVERAGE && mode() !== 1) require('internal/inspector/coverage').start();
  // `--cpu-prof`/`--heap-prof`: each process profiles itself from here.
  if (mode() !== 1 && (require('internal/options').getOptionValue('--cpu-prof') === true || require('internal/options').getOptionValue('--heap-prof') === true)) {
    require('internal/inspector/profilers').start();
  }
  // `--inspect*`: the inspector server opens before the main function runs.
  if (mode() !== 1 && require('internal/inspector/remote_options').inspectAsked()) require('internal/inspector/remote').startFromOptions();
  require('internal/timers').rebaseTimers(0, binding.timers.now());
  require('internal/async_hooks').afterRestore();
  for (const fn of restoreHooks) fn();
  require('internal/finalization').afterRestore();
  require('internal/source_map/source_map_cache').afterRestore();
  // The snapshot holds the code of what it loaded; what the program loads from now on
  // is compiled from files and cached like in a process started from source. (Not in a
  // warm-up at build time.)
  if (mode() === 2 && !warmingUp) require('internal/modules/cjs').startCompileCache();
  // Carried addons are loaded and bound again before anything can call them.
  if (carriedAddons.length > 0) {
    try {
      internals.rebindAddons(carriedAddons);
    } catch (err) {
      require('fs').writeSync(2, `amber: ${err.message}\n`);
      process.exit(1);
    }
  }
  // Carried servers listen before the deserialize callbacks, so these see the heap as it
  // was serialized: the server listening (its new address known for an IP host).
  // AMBER_LISTEN_PORT without any carried server is an error too, reported by net.
  if (mode() === 2 && (internals.relistenCarriedServers !== undefined || process.env.AMBER_LISTEN_PORT)) {
    require('net');
    internals.relistenCarriedServers();
  }
  if (!deferCallbacks) runDeserializeCallbacks();
}

function runDeserializeCallbacks() {
  const callbacks = deserializeCallbacks.splice(0);
  for (const [cb, data] of callbacks) cb(data);
}

// Returns true when a main function ran; false when the caller should run an entry.
function runSnapshotMain() {
  if (mainFunction === undefined) return false;
  const fn = mainFunction;
  mainFunction = undefined;
  fn(mainData);
  return true;
}

// ---- stack traces while building ---------------------------------------------
// V8 cannot restore its CallSite objects (the frames `Error.prepareStackTrace` receives):
// a snapshot holding one crashes the restored process. While a snapshot is built, the
// runtime formats stack traces itself (an isolate callback) and hands a user
// `prepareStackTrace` plain objects with the same methods, answering from values
// captured when the trace was made. Libraries such as `depd` keep those frames.

const callSiteMethods = [
  'getThis', 'getTypeName', 'getFunction', 'getFunctionName', 'getMethodName', 'getFileName',
  'getLineNumber', 'getColumnNumber', 'getEvalOrigin', 'isToplevel', 'isEval', 'isNative',
  'isConstructor', 'isAsync', 'isPromiseAll', 'getPromiseIndex', 'getScriptNameOrSourceURL',
  'getScriptHash', 'getEnclosingColumnNumber', 'getEnclosingLineNumber', 'getPosition', 'toString',
];

class CallSite {
  #values;
  constructor(site) {
    const values = { __proto__: null };
    for (const name of callSiteMethods) {
      try {
        values[name] = site[name]();
      } catch {
        values[name] = undefined;
      }
    }
    this.#values = values;
  }

  static {
    for (const name of callSiteMethods) {
      Object.defineProperty(CallSite.prototype, name, {
        value: { [name]() { return this.#values[name]; } }[name],
        writable: true, configurable: true, enumerable: false,
      });
    }
  }
}

const errorToString = Error.prototype.toString;

// What V8 would make of `error.stack` (Error.prepareStackTrace or its own format).
function formatStackTrace(ErrorCtor, error, sites) {
  let prepare;
  try {
    prepare = ErrorCtor?.prepareStackTrace;
  } catch {
    prepare = undefined;
  }
  if (typeof prepare === 'function') {
    return Reflect.apply(prepare, ErrorCtor, [error, sites.map((s) => new CallSite(s))]);
  }
  let head;
  try {
    head = Reflect.apply(errorToString, error, []);
  } catch {
    head = '<error>';
  }
  let out = head;
  for (const s of sites) out += `\n    at ${s}`;
  return out;
}

module.exports = {
  formatStackTrace,
  isBuildingSnapshot, holdBuild, addSerializeCallback, addDeserializeCallback, setDeserializeMainFunction,
  prepareSnapshot, afterRestore, markWarmup, onRestore, runDeserializeCallbacks, runSnapshotMain, vmContexts,
};
