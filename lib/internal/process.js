'use strict';
// The `process` object. Per-process facts (argv, pid, execPath, stdio kinds) are
// (re)installed by `refresh()`, which runs at bootstrap and again after a snapshot
// restore (DESIGN.md rule 7). `env` is a live view of the real environment.

const EventEmitter = require('events');
const p = binding.process;
const { nextTick } = require('internal/task_queues');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_SIGNAL, ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET }, validateInteger, parseFileMode } = require('internal/errors');

const NODE_VERSION = '20.20.2';
const [amberVersion, v8Version] = p.versions();

// Like Node's, the process object's constructor is named `process` (stack frames of its
// listeners read `process.<anonymous>`) and inherits from EventEmitter.
const ProcessConstructor = { process: function () {} }.process;
Object.setPrototypeOf(ProcessConstructor.prototype, EventEmitter.prototype);
const process = new ProcessConstructor();
EventEmitter.call(process);
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', enumerable: false, writable: true, configurable: true });

// DEP0104 (under --pending-deprecation): a value other than a string, number or boolean
// is stored as its string form, with a warning once.
let envValueWarned = false;
function envValue(value) {
  const t = typeof value;
  if (!envValueWarned && t !== 'string' && t !== 'number' && t !== 'boolean' &&
      require('internal/options').getOptionValue('--pending-deprecation')) {
    envValueWarned = true;
    process.emitWarning('Assigning any value other than a string, number, or boolean to a process.env property is deprecated. ' +
      'Please make sure to convert the value to a string before setting process.env with it.', 'DeprecationWarning', 'DEP0104');
  }
  return `${value}`;
}

// process.env: variables are its own properties; anything else (hasOwnProperty,
// Symbol.toStringTag) comes from Object.prototype, as in Node.
const env = new Proxy({}, {
  get(target, key) {
    if (typeof key === 'symbol') return target[key];
    const value = p.envGet(key);
    return value === undefined ? target[key] : value;
  },
  set(target, key, value) {
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    p.envSet(key, envValue(value));
    return true;
  },
  has(target, key) {
    return typeof key === 'string' && p.envGet(key) !== undefined;
  },
  deleteProperty(target, key) {
    if (typeof key === 'string') p.envDelete(key);
    return true;
  },
  ownKeys() {
    return p.envKeys();
  },
  getOwnPropertyDescriptor(target, key) {
    if (typeof key !== 'string') return undefined;
    const value = p.envGet(key);
    if (value === undefined) return undefined;
    return { value, writable: true, enumerable: true, configurable: true };
  },
  defineProperty(target, key, desc) {
    const { ERR_INVALID_OBJECT_DEFINE_PROPERTY } = require('internal/errors').codes;
    if ('get' in desc || 'set' in desc) {
      throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY('process.env', 'does not accept an accessor(getter/setter) descriptor');
    }
    if (!('value' in desc) || !desc.configurable || !desc.writable || !desc.enumerable) {
      throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY('process.env', 'only accepts a configurable, writable, and enumerable data descriptor');
    }
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    p.envSet(key, envValue(desc.value));
    return true;
  },
});

process.title = 'amber';
// Node's internal switch-off of the inspector server (`inspector.close()`).
process._debugEnd = () => {
  if (internals.builtinLoaded('internal/inspector/remote')) require('internal/inspector/remote').close();
};
// The inspector's port (`--inspect-port`, or the one `--inspect` opened on).
Object.defineProperty(process, 'debugPort', {
  get() { return require('internal/inspector/remote').getDebugPort(); },
  set(port) { require('internal/inspector/remote').setDebugPort(port >>> 0); },
  enumerable: true,
  configurable: true,
});
process.version = `v${NODE_VERSION}`;
// openssl: amber has no OpenSSL (crypto is RustCrypto, TLS is rustls), but its crypto
// and TLS follow the behaviour and error codes of OpenSSL 3.0.19, the one Node 20.20.2
// reports; programs (and Node's tests, through common.hasCrypto) read this field to
// know which behaviour to expect (README, Node compatibility).
// icu, unicode, cldr, tz: read from the ICU amber links (V8's, with the full data of
// deno_core_icudata; bindings/icu.rs).
const [icuVersion, unicodeVersion, cldrVersion, tzVersion] = binding.icu.versions();
process.versions = {
  node: NODE_VERSION, amber: amberVersion, v8: v8Version, modules: '115', openssl: '3.0.19',
  icu: icuVersion, unicode: unicodeVersion, cldr: cldrVersion, tz: tzVersion,
};
for (const key of ['cldr', 'tz']) if (process.versions[key] === undefined) delete process.versions[key];
process.release = { name: 'node', lts: 'Iron' };
// The active domain: null until node:domain enters one (as in Node, the property exists
// from the start).
process.domain = null;
process.arch = 'x64';
process.platform = 'linux';
process.env = env;
process.features = { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: false, tls: true, cached_builtins: true, require_module: true };
// amber's own: whether this process started from a snapshot. Not enumerable, so the
// keys are Node 20's.
Object.defineProperty(process.features, 'startup_snapshot', { value: false, writable: true, configurable: true, enumerable: false });
// node_use_node_snapshot: amber starts from an embedded snapshot of its library too.
// default_configuration: where addon build tools and Node's tests look for addons
// (build/Release). Read-only, as Node's (parsed from its build's config.gypi and frozen).
// The ICU facts are those of the build (bindings/icu.rs): V8 with i18n support and ICU
// built in with its full data (all locales, so not `icu_small`); `icu_gyp_path` is the
// value by which Node's build, and programs reading it, tell a bundled ICU from the
// system's.
process.config = Object.freeze({
  target_defaults: Object.freeze({ default_configuration: 'Release' }),
  variables: Object.freeze({
    napi_build_version: '9', node_module_version: Number(process.versions.modules), node_use_node_snapshot: true,
    v8_enable_i18n_support: 1, icu_small: false, icu_ver_major: icuVersion.split('.')[0], icu_gyp_path: 'tools/icu/icu-generic.gyp',
  }),
});
process.moduleLoadList = [];
// process.exitCode takes an integer (or a string of one), null or undefined, as Node's.
let exitCode;
Object.defineProperty(process, 'exitCode', {
  get() { return exitCode; },
  set(code) {
    if (code !== null && code !== undefined) {
      let value = code;
      if (typeof code === 'string' && code !== '' && Number.isInteger(+code)) value = +code;
      validateInteger(value, 'code');
    }
    exitCode = code;
  },
  enumerable: true,
  configurable: false,
});
process._exiting = false;
process.nextTick = nextTick;
process.cwd = () => p.cwd();
process.chdir = (dir) => {
  if (typeof dir !== 'string') throw new ERR_INVALID_ARG_TYPE('directory', 'string', dir);
  try {
    p.chdir(dir);
    // Workers cache the working directory until it changes (internal/worker/worker.js).
    internals.onChdir?.();
  } catch (err) {
    // Node's wording names the directory it left and the one it could not enter.
    if (err && typeof err.code === 'string' && err.syscall === 'chdir') {
      const cwd = process.cwd();
      err.message = err.message.replace(/, chdir .*$/, `, chdir ${cwd} -> '${dir}'`);
      err.path = cwd;
      err.dest = dir;
    }
    throw err;
  }
};
process.umask = (mask) => p.umask(mask === undefined ? undefined : parseFileMode(mask, 'mask'));
process.getuid = () => p.ids()[0];
process.getgid = () => p.ids()[1];
process.geteuid = () => p.ids()[2];
process.getegid = () => p.ids()[3];
process.uptime = () => binding.timers.now() / 1000;

// Credentials (POSIX): ids as numbers or user/group names from the system databases.
// A failed call throws Node's errno exception (`EPERM, operation not permitted`).
function validateId(id, name) {
  if (typeof id === 'number') require('internal/errors').validateUint32(id, name);
  else if (typeof id !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['number', 'string'], id);
}
function unknownCredential(type, id) {
  const err = new Error(`${type} identifier does not exist: ${id}`);
  err.code = 'ERR_UNKNOWN_CREDENTIAL';
  return err;
}
function errnoException(errno, syscall) {
  const [code, message] = require('util').getSystemErrorMap().get(-errno) ?? [`Unknown system error ${errno}`, ''];
  const err = new Error(`${code}, ${message}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  return err;
}
function resolveId(type, id) {
  if (typeof id === 'number') return id >>> 0;
  const found = type === 'User' ? p.lookupUser(id) : p.lookupGroup(id);
  if (found === undefined) throw unknownCredential(type, id);
  return found;
}
for (const [name, kind, type] of [['setuid', 0, 'User'], ['setgid', 1, 'Group'], ['seteuid', 2, 'User'], ['setegid', 3, 'Group']]) {
  process[name] = { [name](id) {
    validateId(id, 'id');
    const errno = p.setId(kind, resolveId(type, id));
    if (errno !== 0) throw errnoException(errno, name);
  } }[name];
}
// The supplementary groups and the effective group, as Node reports them.
process.getgroups = function getgroups() {
  const groups = p.getGroups();
  const egid = p.ids()[3];
  if (!groups.includes(egid)) groups.push(egid);
  return groups;
};
process.setgroups = function setgroups(groups) {
  if (!Array.isArray(groups)) throw new ERR_INVALID_ARG_TYPE('groups', 'Array', groups);
  for (let i = 0; i < groups.length; i++) validateId(groups[i], `groups[${i}]`);
  const gids = groups.map((g) => resolveId('Group', g));
  const errno = p.setGroups(gids);
  if (errno !== 0) throw errnoException(errno, 'setgroups');
};
process.initgroups = function initgroups(user, extraGroup) {
  validateId(user, 'user');
  validateId(extraGroup, 'extraGroup');
  const gid = resolveId('Group', extraGroup);
  const userName = typeof user === 'number' ? p.lookupUser(user >>> 0) : user;
  if (userName === undefined) throw unknownCredential('User', user);
  const errno = p.initGroups(userName, gid);
  if (errno !== 0) throw errnoException(errno, 'initgroups');
};

function hrtime(prev) {
  const ns = p.hrtime();
  const sec = Number(ns / 1000000000n);
  const nsec = Number(ns % 1000000000n);
  if (prev !== undefined) {
    if (!Array.isArray(prev)) throw new ERR_INVALID_ARG_TYPE('time', 'Array', prev);
    if (prev.length !== 2) throw new ERR_OUT_OF_RANGE('time', 2, prev.length);
    let s = sec - prev[0];
    let n = nsec - prev[1];
    if (n < 0) { s -= 1; n += 1e9; }
    return [s, n];
  }
  return [sec, nsec];
}
hrtime.bigint = () => p.hrtime();
process.hrtime = hrtime;

function memoryUsage() {
  const [rss, heapTotal, heapUsed, external, arrayBuffers] = p.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers };
}
memoryUsage.rss = () => p.memoryUsage()[0];
process.memoryUsage = memoryUsage;
// A previous cpuUsage() value: numbers from 0 to MAX_SAFE_INTEGER.
function validateCpuUsage(prev, key) {
  const v = prev[key];
  if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER) return;
  if (typeof prev !== 'object') throw new ERR_INVALID_ARG_TYPE('prevValue', 'object', prev);
  if (typeof v !== 'number') throw new ERR_INVALID_ARG_TYPE(`prevValue.${key}`, 'number', v);
  throw new ERR_INVALID_ARG_VALUE.RangeError(`prevValue.${key}`, v);
}
process.cpuUsage = (prev) => {
  if (prev) {
    validateCpuUsage(prev, 'user');
    validateCpuUsage(prev, 'system');
  }
  const [user, system] = p.cpuUsage();
  if (prev) return { user: user - prev.user, system: system - prev.system };
  return { user, system };
};
process.resourceUsage = () => {
  const [userCPUTime, systemCPUTime] = p.cpuUsage();
  return { userCPUTime, systemCPUTime, maxRSS: Math.round(p.memoryUsage()[0] / 1024) };
};

const signals = require('internal/signals');
process.kill = (pid, sig = 'SIGTERM') => {
  if (pid != (pid | 0)) throw new ERR_INVALID_ARG_TYPE('pid', 'number', pid); // eslint-disable-line eqeqeq
  let num = sig;
  if (typeof sig === 'string') {
    num = signals[sig];
    if (num === undefined) throw new ERR_UNKNOWN_SIGNAL(sig);
  }
  p.kill(pid, num);
  return true;
};

function exitCodeOf(code) {
  if (code === undefined || code === null) return process.exitCode ?? 0;
  if (typeof code === 'string' && /^-?\d+$/.test(code)) code = Number(code);
  validateInteger(code, 'code');
  return code;
}

process.exit = (code) => {
  if (code !== undefined) process.exitCode = code;
  const final = exitCodeOf(code);
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', final);
  }
  internals.endCoverage?.();
  internals.endProfilers?.();
  // Connected debuggers are served until they leave, as Node does.
  if (internals.builtinLoaded('internal/inspector/remote')) require('internal/inspector/remote').waitForDisconnect();
  internals.napiTeardown?.();
  internals.flushCompileCache?.();
  const status = exitCodeOf(process.exitCode ?? final) & 0xff;
  if (require('internal/options').getOptionValue('--trace-exit')) traceExit(status);
  // Through the property, which programs may replace (as in Node).
  process.reallyExit(status);
  // In a worker reallyExit returns after TerminateExecution, which V8 acts on at its
  // next stack check: a call gives it one before the caller's next statement runs.
  nop();
};
function nop() {}

// `--trace-exit`: where the process (or a worker, the thread) exited, written straight
// to descriptor 2 as Node does, since a worker's process.stderr would not get it out.
function traceExit(code) {
  const { threadId } = require('internal/worker/state');
  const frames = `${new Error().stack}`.split('\n').slice(2).join('\n');
  const who = threadId > 0 ? `${process.pid}, thread:${threadId}` : `${process.pid}`;
  try {
    require('fs').writeSync(2, `(node:${who}) WARNING: Exited the environment with code ${code}\n${frames}\n`);
  } catch {
    // stderr closed: nothing to report to
  }
}
process.reallyExit = (code) => p.reallyExit(code | 0);

// Node-API addons (crates/napi). One persistent op carries every completion other
// threads hand back (async work, thread-safe functions, finalizers); it keeps the loop
// alive only while such work is pending (the native side sets its ref).
let napiOp;
internals.loadedAddons = new Set();
process.dlopen = function dlopen(module, filename, flags = 0) {
  if (module === null || typeof module !== 'object') {
    throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('module', 'object', module);
  }
  if (typeof filename !== 'string') {
    throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('filename', 'string', filename);
  }
  if (!require('internal/options').getOptionValue('--addons')) {
    const err = new Error('Cannot load native addon because loading addons is disabled.');
    err.code = 'ERR_DLOPEN_DISABLED';
    throw err;
  }
  ensureNapiOp();
  if (module.exports === undefined) module.exports = {};
  const force = require('internal/options').getOptionValue('--force-node-api-uncaught-exceptions-policy');
  binding.napi.dlopen(module, filename, flags | 0, napiOp, force === true);
  internals.loadedAddons.add(filename);
};
function ensureNapiOp() {
  if (napiOp === undefined) {
    napiOp = internals.registerStream(() => binding.napi.runPending(), 'Node-API addon');
    binding.core.setOpRef(napiOp, false);
    internals.napiTeardown = () => binding.napi.teardown();
  }
}
// Addons in snapshots (crates/napi/src/snapshot.rs): after the serialize callbacks, what
// each addon's registration created (its functions stay in the heap); in the restored
// process each is loaded again and its registration re-binds those functions.
internals.prepareAddons = () => (napiOp === undefined ? [] : binding.napi.prepareSnapshot());
internals.rebindAddons = (carried) => {
  ensureNapiOp();
  for (const { path, envId, kinds, functions } of carried) binding.napi.rebind(path, envId, kinds, functions, napiOp);
};
process.abort = () => p.reallyExit(134);

// Called by Rust when the loop is done (or after an uncaught exception, with 1).
process._emitExit = (forced) => {
  if (forced !== undefined) process.exitCode = forced;
  else {
    const unsettled = require('internal/modules/esm').unsettledMain();
    // Exit code 13, silently, as Node 20 does.
    if (unsettled !== undefined && process.exitCode === undefined) process.exitCode = 13;
  }
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', exitCodeOf(process.exitCode));
  }
  internals.endCoverage?.();
  internals.endProfilers?.();
  // Connected debuggers are served until they leave, as Node does.
  if (internals.builtinLoaded('internal/inspector/remote')) require('internal/inspector/remote').waitForDisconnect();
  internals.napiTeardown?.();
  if (forced === undefined) internals.flushCompileCache?.();
  return exitCodeOf(process.exitCode) & 0xff;
};

// The `--trace-warnings` hint is printed once per process (reset by refresh()).
let warnedHint = false;
const { getOptionValue } = require('internal/options');
process.emitWarning = (warning, type, code, ctor) => {
  let detail;
  if (typeof type === 'object' && type !== null && !Array.isArray(type)) {
    const options = type;
    ({ type, code, detail } = options);
    if (typeof options.ctor === 'function') ctor = options.ctor;
    type ||= 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw new ERR_INVALID_ARG_TYPE('type', 'string', type);
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined && typeof code !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('code', 'string', code);
  }
  if (typeof warning !== 'string' && !(warning instanceof Error)) throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  if (typeof warning === 'string') {
    const w = new Error(warning);
    Error.captureStackTrace(w, typeof ctor === 'function' ? ctor : process.emitWarning);
    w.name = type || 'Warning';
    if (code !== undefined) w.code = code;
    if (typeof detail === 'string') w.detail = detail;
    warning = w;
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    // Thrown from the tick queue, as an uncaught exception (Node's order).
    if (process.throwDeprecation) {
      nextTick(() => { throw warning; });
      return;
    }
    // Every call warns, as in Node: the once-per-code rule belongs to util.deprecate()
    // and to each library call site's own flag, not to emitWarning.
  }
  // --disable-warning=CODE or =Type
  const disabled = getOptionValue('--disable-warning');
  if (disabled.length > 0 && (disabled.includes(warning.code) || disabled.includes(warning.name))) return;
  nextTick(() => process.emit('warning', warning));
};
// The default 'warning' listener, as Node's: it prints, so removing every 'warning'
// listener silences warnings while an added listener does not.
function writeWarning(warning) {
  if (process.noProcessWarnings || !(warning instanceof Error)) return;
  const prefix = warning.code ? `[${warning.code}] ` : '';
  const isDeprecation = warning.name === 'DeprecationWarning';
  const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
  const trace = isDeprecation ? process.traceDeprecation : getOptionValue('--trace-warnings');
  const hint = !trace && !warnedHint ? `\n(Use \`node ${flag} ...\` to show where the warning was created)` : '';
  if (!trace) warnedHint = true;
  let text = trace && warning.stack ? warning.stack : `${warning.name}: ${warning.message}`;
  if (typeof warning.detail === 'string') text += `\n${warning.detail}`;
  const line = `(node:${process.pid}) ${prefix}${text}${hint}\n`;
  // --redirect-warnings, or the NODE_REDIRECT_WARNINGS variable as Node reads it.
  const file = getOptionValue('--redirect-warnings') || process.env.NODE_REDIRECT_WARNINGS;
  if (file) {
    try {
      require('fs').appendFileSync(file, line);
      return;
    } catch {}
  }
  process.stderr.write(line);
}
process.on('warning', writeWarning);

// process.assert (DEP0100): throws an ERR_ASSERTION Error when the value is falsy.
process.assert = function assert(value, message) {
  if (!warnedAssert) {
    warnedAssert = true;
    process.emitWarning('process.assert() is deprecated. Please use the `assert` module instead.', 'DeprecationWarning', 'DEP0100');
  }
  if (!value) {
    const err = new Error(message || 'assertion error');
    err.code = 'ERR_ASSERTION';
    throw err;
  }
};
let warnedAssert = false;

// Memory the system can still give (MemAvailable), and the cgroup limit (0 when none),
// as libuv reports them on Linux.
function readProc(file) {
  try { return require('fs').readFileSync(file, 'latin1'); } catch { return undefined; }
}
process.availableMemory = () => {
  const info = readProc('/proc/meminfo');
  const m = info && /^MemAvailable:\s+(\d+) kB/m.exec(info);
  const avail = m ? Number(m[1]) * 1024 : require('os').freemem();
  const limit = process.constrainedMemory();
  return limit > 0 ? Math.min(avail, limit) : avail;
};
process.constrainedMemory = () => {
  const v2 = readProc('/sys/fs/cgroup/memory.max');
  if (v2 !== undefined) return /^\d+/.test(v2) ? Number(v2.trim()) : 0;
  const v1 = readProc('/sys/fs/cgroup/memory/memory.limit_in_bytes');
  const n = v1 === undefined ? 0 : Number(v1.trim());
  return Number.isFinite(n) && n < 2 ** 62 ? n : 0;
};

// process.getBuiltinModule(id): a built-in module, or undefined (never a file).
process.getBuiltinModule = (id) => {
  if (typeof id !== 'string') throw new ERR_INVALID_ARG_TYPE('id', 'string', id);
  if (!internals.isBuiltin(id)) return undefined;
  return require('internal/modules/cjs').Module._load(id, null, false);
};

// process.loadEnvFile(path = './.env'): dotenv variables into the environment (those
// already set keep their value, as with --env-file).
process.loadEnvFile = (path = '.env') => {
  const fs = require('fs');
  const text = fs.readFileSync(path instanceof URL ? require('url').fileURLToPath(path) : path, 'utf8');
  const vars = require('util').parseEnv(text);
  for (const key of Object.keys(vars)) {
    if (p.envGet(key) === undefined) p.envSet(key, vars[key]);
  }
};

// process.binding (deprecated, DEP0111): the few legacy bindings amber has real
// counterparts for; `util` is the type checks Node's legacy binding kept.
const legacyUtilChecks = ['isAnyArrayBuffer', 'isArrayBuffer', 'isArrayBufferView', 'isAsyncFunction', 'isDataView', 'isDate', 'isExternal', 'isMap', 'isMapIterator', 'isNativeError', 'isPromise', 'isRegExp', 'isSet', 'isSetIterator', 'isTypedArray', 'isUint8Array'];
const legacyBindings = new Map();
process.binding = function binding(name) {
  let b = legacyBindings.get(name);
  if (b !== undefined) return b;
  if (name === 'util') {
    const { types } = require('util');
    b = {};
    for (const k of legacyUtilChecks) b[k] = types[k];
  } else if (name === 'uv' || name === 'constants') {
    b = require('internal/bindings').internalBinding(name);
  } else {
    throw new Error(`No such module: ${name}`);
  }
  legacyBindings.set(name, b);
  return b;
};
// Writes to stderr at once, bypassing process.stderr (Node's debugging aid).
process._rawDebug = (...args) => { require('fs').writeSync(2, `${require('util').format(...args)}\n`); };
// Active resources by Node's names: timers, immediates, child processes, pending reads.
// Source maps in stack traces (internal/source_map/).
process.setSourceMapsEnabled = function setSourceMapsEnabled(val) {
  const { validateBoolean } = require('internal/errors');
  validateBoolean(val, 'val');
  require('internal/source_map/source_map_cache').setSourceMapsEnabled(val);
};
// The objects behind the handles that keep the loop alive (sockets, servers, child
// processes, fs watchers), and the requests in flight, as Node's underscored helpers.
process._getActiveHandles = () => [
  ...(internals.netHandleOwners?.() ?? []),
  ...(internals.liveChildProcesses?.() ?? []),
  ...(internals.liveWatchers?.() ?? []),
];
process._getActiveRequests = () => internals.describePendingOps();
process.getActiveResourcesInfo = () => {
  const timers = require('internal/timers');
  const out = [];
  for (let i = 0; i < timers.activeTimers().length; i++) out.push('Timeout');
  for (let i = 0; i < timers.pendingImmediates(); i++) out.push('Immediate');
  for (let i = (internals.describeChildren?.() ?? []).length; i > 0; i--) out.push('ProcessWrap');
  for (const r of internals.describePendingOps()) {
    if (r.kind === 'stdin read') out.push('TTYWrap');
    else if (r.kind.startsWith('dns lookup of')) out.push('GetAddrInfoReqWrap');
    else if (r.kind.startsWith('dns lookupService')) out.push('GetNameInfoReqWrap');
    else if (r.kind.startsWith('dns ')) out.push('QueryReqWrap');
    else out.push('FSReqCallback');
  }
  out.push(...(internals.netResourceNames?.() ?? []));
  out.push(...(internals.dgramResourceNames?.() ?? []));
  return out;
};
process.setUncaughtExceptionCaptureCallback = (fn) => {
  if (fn === null) {
    process._captureCallback = undefined;
    binding.process.setUncaughtCapture(false);
    return;
  }
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'null'], fn);
  if (typeof process._captureCallback === 'function') throw new ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET();
  process._captureCallback = fn;
  binding.process.setUncaughtCapture(true);
};
process.hasUncaughtExceptionCaptureCallback = () => typeof process._captureCallback === 'function';
process.emit = function emit(type, ...args) {
  if (type === 'uncaughtException' && typeof process._captureCallback === 'function') {
    process._captureCallback(args[0]);
    return true;
  }
  return EventEmitter.prototype.emit.call(this, type, ...args);
};
const origListenerCount = EventEmitter.prototype.listenerCount;
process.listenerCount = function listenerCount(type, listener) {
  if (type === 'uncaughtException' && typeof process._captureCallback === 'function') return 1;
  return origListenerCount.call(this, type, listener);
};

// Signal listeners: the first listener for a signal starts watching it natively; when
// it arrives with no listener left, the default action happens (as in Node).
const watchedSignals = new Map();
function watchSignal(name) {
  // Signals belong to the process (the main thread): a worker's listeners never fire.
  if (binding.worker.threadId() !== 0) return;
  const signo = signals[name];
  const id = internals.registerStream(() => {
    if (process.listenerCount(name) > 0) {
      process.emit(name, name, signo);
    } else {
      // NODE_V8_COVERAGE: a SIGINT ends the process, with its coverage written first.
      internals.endCoverage?.();
      p.defaultSignal(signo);
    }
  }, `signal ${name}`);
  p.watchSignal(signo, id);
  watchedSignals.set(name, id);
}
internals.watchSignal = (name) => {
  if (!watchedSignals.has(name)) watchSignal(name);
};
process.on('newListener', (event) => {
  if (typeof event === 'string' && event.startsWith('SIG') && signals[event] !== undefined && !watchedSignals.has(event)) {
    if (event === 'SIGKILL' || event === 'SIGSTOP') {
      const { ERR_UNKNOWN_SIGNAL } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_SIGNAL(event);
    }
    watchSignal(event);
  }
});

let stdio;
function stdioModule() {
  return stdio ??= require('internal/stdio');
}
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdioModule().stdout });
Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stdioModule().stderr });
Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdioModule().stdin });
// Deprecated since Node 0.x but still there: stdin, flowing.
process.openStdin = function openStdin() {
  process.stdin.resume();
  return process.stdin;
};

// What the Node options of this process change on `process` and the globals.
function applyOptions() {
  const options = require('internal/options');
  options.reset();
  warnedHint = false;
  const { getOptionValue } = options;
  for (const [name, prop, on] of [['--deprecation', 'noDeprecation', false], ['--throw-deprecation', 'throwDeprecation', true], ['--trace-deprecation', 'traceDeprecation', true]]) {
    if (getOptionValue(name) === on) process[prop] = true;
  }
  if (getOptionValue('--warnings') === false) process.noProcessWarnings = true;
  process.features.require_module = getOptionValue('--experimental-require-module');
  const title = getOptionValue('--title');
  if (title !== undefined) process.title = title;
  if (!getOptionValue('--experimental-global-webcrypto')) {
    for (const name of ['crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto']) delete globalThis[name];
  }
  if (!getOptionValue('--experimental-global-customevent')) delete globalThis.CustomEvent;
  // V8 15 has no flags for these any more: Node's switches remove the globals.
  if (!getOptionValue('--harmony-sharedarraybuffer')) delete globalThis.SharedArrayBuffer;
  if (!getOptionValue('--harmony-atomics')) delete globalThis.Atomics;
  if (!getOptionValue('--experimental-fetch')) {
    for (const name of ['fetch', 'FormData', 'Headers', 'Request', 'Response']) delete globalThis[name];
    // Streaming compilation reads a Response: Node leaves it out with fetch.
    if (typeof WebAssembly === 'object') {
      delete WebAssembly.compileStreaming;
      delete WebAssembly.instantiateStreaming;
    }
  }
  const proto = getOptionValue('--disable-proto');
  if (proto === 'delete') {
    delete Object.prototype.__proto__;
  } else if (proto === 'throw') {
    Object.defineProperty(Object.prototype, '__proto__', {
      configurable: true,
      get() { throw Object.assign(new Error('Accessing Object.prototype.__proto__ has been disallowed with --disable-proto=throw'), { code: 'ERR_PROTO_ACCESS' }); },
      set() { throw Object.assign(new Error('Accessing Object.prototype.__proto__ has been disallowed with --disable-proto=throw'), { code: 'ERR_PROTO_ACCESS' }); },
    });
  }
}

// A process forked with an IPC channel (NODE_CHANNEL_FD, child_process.fork): process.send
// and the 'message' events, set up before the main script runs, as in Node.
function setupChannel() {
  const fdText = p.envGet('NODE_CHANNEL_FD');
  if (fdText === undefined || binding.snapshot.mode() === 1) return;
  const serialization = p.envGet('NODE_CHANNEL_SERIALIZATION_MODE') === 'advanced' ? 'advanced' : 'json';
  p.envDelete('NODE_CHANNEL_FD');
  p.envDelete('NODE_CHANNEL_SERIALIZATION_MODE');
  const fd = Number.parseInt(fdText, 10);
  if (!(fd >= 0)) return;
  require('internal/ipc').attach(process, fd, { refWhenListening: true, serialization });
  // A cluster worker (cluster.fork): node:cluster loads as the worker's side and says
  // 'online'; the variable is not inherited by the worker's own children.
  if (p.envGet('NODE_UNIQUE_ID') !== undefined) {
    require('cluster')._setupWorker();
    p.envDelete('NODE_UNIQUE_ID');
  }
}

// Facts that belong to the running process; re-run after a snapshot restore.
function refresh() {
  const argv = p.argv();
  process.argv = argv;
  process.argv0 = p.argv0();
  process.execArgv = p.execArgv();
  process.execPath = p.execPath();
  process.pid = p.pid();
  applyOptions();
  process.ppid = p.ppid();
  if (stdio !== undefined) stdio.refresh();
  // Bootstrapping from source, the op machinery is not there yet: bootstrap.js calls
  // setupChannel itself once it is.
  if (internals.registerStream !== undefined) setupChannel();
  // CommonJS global search paths come from this process's HOME, NODE_PATH and execPath.
  if (internals.initModulePaths !== undefined) internals.initModulePaths();
  // Native signal watches belong to a process: a restored one starts them again.
  for (const [name, id] of [...watchedSignals]) {
    internals.unregisterStream(id);
    watchedSignals.delete(name);
    if (process.listenerCount(name) > 0) watchSignal(name);
  }
}
refresh();

module.exports = { process, refresh, setupChannel };
