'use strict';
// node:wasi: WASI preview 1 for WebAssembly programs, as Node 20 has it. A `WASI` owns a
// native context (crates/runtime/src/bindings/wasi.rs: arguments, environment and a
// descriptor table whose preopens map guest directories to host ones) under a u32 id;
// `wasiImport` holds one function per system call, each checking its arguments as
// Node does (a wrong count or type is EINVAL) and running the call natively on the
// instance's memory, set by `start()` or `initialize()`. `proc_exit` unwinds the guest
// with a private value that `start()` turns into its return value (`returnOnExit`,
// Node 20's default) or ends the process.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_WASI_ALREADY_STARTED, ERR_WASI_NOT_STARTED },
  validateObject, validateString, validateBoolean, validateFunction, validateInt32,
} = require('internal/errors');
const { emitExperimentalWarning } = require('internal/util');

const natives = binding.wasi;

emitExperimentalWarning('WASI');

// Each system call and its parameters: `i` a 32-bit number, `I` a 64-bit BigInt.
const signatures = {
  args_get: 'ii', args_sizes_get: 'ii', clock_res_get: 'ii', clock_time_get: 'iIi', environ_get: 'ii',
  environ_sizes_get: 'ii', fd_advise: 'iIIi', fd_allocate: 'iII', fd_close: 'i', fd_datasync: 'i',
  fd_fdstat_get: 'ii', fd_fdstat_set_flags: 'ii', fd_fdstat_set_rights: 'iII', fd_filestat_get: 'ii',
  fd_filestat_set_size: 'iI', fd_filestat_set_times: 'iIIi', fd_pread: 'iiiIi', fd_prestat_get: 'ii',
  fd_prestat_dir_name: 'iii', fd_pwrite: 'iiiIi', fd_read: 'iiii', fd_readdir: 'iiiIi', fd_renumber: 'ii',
  fd_seek: 'iIii', fd_sync: 'i', fd_tell: 'ii', fd_write: 'iiii', path_create_directory: 'iii',
  path_filestat_get: 'iiiii', path_filestat_set_times: 'iiiiIIi', path_link: 'iiiiiii', path_open: 'iiiiiIIii',
  path_readlink: 'iiiiii', path_remove_directory: 'iii', path_rename: 'iiiiii', path_symlink: 'iiiii',
  path_unlink_file: 'iii', poll_oneoff: 'iiii', proc_exit: 'i', proc_raise: 'i', random_get: 'ii',
  sched_yield: '', sock_accept: 'iii', sock_recv: 'iiiiii', sock_send: 'iiiii', sock_shutdown: 'ii',
};
const EINVAL = 28;

const kExit = Symbol('kExit');
const kState = Symbol('kState');

// `WebAssembly.Memory` objects of any realm (a vm context's too): the `buffer` getter
// accepts exactly those. Looked up when first needed: a snapshot build has no
// `WebAssembly` (it exists after restore).
let memoryBuffer;
function isMemory(value) {
  if (value === null || typeof value !== 'object') return false;
  memoryBuffer ??= Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer').get;
  try {
    Reflect.apply(memoryBuffer, value, []);
    return true;
  } catch {
    return false;
  }
}

function argsFit(sig, args) {
  if (args.length !== sig.length) return false;
  for (let i = 0; i < sig.length; i++) {
    if (typeof args[i] !== (sig[i] === 'i' ? 'number' : 'bigint')) return false;
  }
  return true;
}

// Instances alive, named when a snapshot build refuses them (internal/snapshot.js):
// their descriptors are host state a snapshot cannot carry. An instance's state is
// reachable from the WASI object and from every function of its wasiImport (which a
// WebAssembly instance may keep calling after the WASI object is gone); the native
// side is freed once neither is.
const live = new Map(); // token -> WeakRef(state)
const freeNative = new FinalizationRegistry(({ native, token }) => {
  live.delete(token);
  natives.free(native.id);
});
// One made during a snapshot build is carried (below); any other still holding
// descriptors when the build ends is refused by name.
internals.describeWasiInstances = () => [...live.values()].map((r) => r.deref()).filter((s) => s !== undefined && s.native.id !== 0)
  .map((s) => ({ kind: 'WASI instance (it holds host descriptors; make it after restore)', where: s.where }));

// The native context for the constructor's arguments: its id, or Node's error for a
// failed uvwasi_init (`UVWASI_ENOENT, uvwasi_init`).
function createNative(init) {
  const id = natives.create(...init);
  if (!Array.isArray(id)) return id;
  const [errno, code] = id;
  const err = new Error(`${code}, uvwasi_init`);
  err.errno = errno;
  err.code = code;
  err.syscall = 'uvwasi_init';
  throw err;
}

// A WASI made while a snapshot is built cannot have started (a build has no
// WebAssembly): its native context is closed when the build ends and made again from
// the same arguments in the restored process, so its preopens are opened anew there
// (a preopen that is gone by then fails the start as the constructor would). Its
// WeakRef in `live` is dropped meanwhile: V8's serializer aborts on that one.
function carry(state, token) {
  const { startupSnapshot } = require('v8');
  startupSnapshot.addSerializeCallback(() => {
    natives.free(state.native.id);
    state.native.id = 0;
    live.delete(token);
  });
  startupSnapshot.addDeserializeCallback(() => {
    state.native.id = createNative(state.init);
    live.set(token, new WeakRef(state));
  });
}

class WASI {
  constructor(options = undefined) {
    if (options === undefined) options = {};
    validateObject(options, 'options');
    const { version } = options;
    validateString(version, 'options.version');
    let bindingName;
    if (version === 'preview1') bindingName = 'wasi_snapshot_preview1';
    else if (version === 'unstable') bindingName = 'wasi_unstable';
    else throw new ERR_INVALID_ARG_VALUE('options.version', version, 'unsupported WASI version');

    const { args = [], env = {}, preopens = {}, returnOnExit = true, stdin = 0, stdout = 1, stderr = 2 } = options;
    if (!Array.isArray(args)) throw new ERR_INVALID_ARG_TYPE('options.args', 'Array', args);
    validateObject(env, 'options.env');
    validateObject(preopens, 'options.preopens');
    validateBoolean(returnOnExit, 'options.returnOnExit');
    validateInt32(stdin, 'options.stdin', 0);
    validateInt32(stdout, 'options.stdout', 0);
    validateInt32(stderr, 'options.stderr', 0);

    const envPairs = [];
    for (const key in env) {
      if (env[key] !== undefined) envPairs.push(`${key}=${env[key]}`);
    }
    const preopenPairs = [];
    for (const key in preopens) preopenPairs.push(String(key), String(preopens[key]));

    const init = [args.map(String), envPairs, preopenPairs, stdin, stdout, stderr];
    // `native.id` is the native context; a snapshot replaces it (see carry below).
    const native = { id: createNative(init) };
    const state = { native, init, memory: undefined, started: false, exitCode: 0, returnOnExit, bindingName, where: internals.callerLocation() };
    this[kState] = state;
    const token = {};
    live.set(token, new WeakRef(state));
    freeNative.register(state, { native, token });
    if (binding.snapshot.mode() === 1) carry(state, token);

    const wasiImport = {};
    for (const name of Object.keys(signatures)) {
      const sig = signatures[name];
      wasiImport[name] = {
        [name](...callArgs) {
          if (!argsFit(sig, callArgs)) return EINVAL;
          if (state.memory === undefined) throw new ERR_WASI_NOT_STARTED();
          return natives.syscall(native.id, name, state.memory.buffer, ...callArgs);
        },
      }[name];
    }
    wasiImport.proc_exit = {
      proc_exit(...callArgs) {
        if (!argsFit('i', callArgs)) return EINVAL;
        if (state.memory === undefined) throw new ERR_WASI_NOT_STARTED();
        if (state.returnOnExit) {
          state.exitCode = callArgs[0];
          throw kExit;
        }
        process.reallyExit(callArgs[0]);
      },
    }.proc_exit;
    this.wasiImport = wasiImport;
  }

  // Runs a command (`_start`); returns its exit code when `returnOnExit`, else 0.
  start(instance) {
    const exports = this.#begin(instance);
    const { _start, _initialize } = exports;
    validateFunction(_start, 'instance.exports._start');
    if (_initialize !== undefined) throw new ERR_INVALID_ARG_TYPE('instance.exports._initialize', 'undefined', _initialize);
    try {
      _start();
    } catch (err) {
      if (err !== kExit) throw err;
    }
    return this[kState].exitCode;
  }

  // Prepares a reactor (`_initialize`, which is optional).
  initialize(instance) {
    const exports = this.#begin(instance);
    const { _start, _initialize } = exports;
    if (_initialize !== undefined) validateFunction(_initialize, 'instance.exports._initialize');
    if (_start !== undefined) throw new ERR_INVALID_ARG_TYPE('instance.exports._start', 'undefined', _start);
    if (_initialize !== undefined) _initialize();
  }

  getImportObject() {
    return { [this[kState].bindingName]: this.wasiImport };
  }

  // What start() and initialize() share: an instance not yet started, whose exports
  // hold a WebAssembly.Memory, which the system calls then work on.
  #begin(instance) {
    validateObject(instance, 'instance');
    const state = this[kState];
    if (state.started) throw new ERR_WASI_ALREADY_STARTED();
    state.started = true;
    const { exports } = instance;
    validateObject(exports, 'instance.exports');
    const { memory } = exports;
    if (!isMemory(memory)) {
      const err = new ERR_INVALID_ARG_TYPE('instance.exports.memory', 'WebAssembly.Memory', memory);
      err.message = '"instance.exports.memory" property must be a WebAssembly.Memory object';
      throw err;
    }
    state.memory = memory;
    return exports;
  }
}

module.exports = { WASI };
