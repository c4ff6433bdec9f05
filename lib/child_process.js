'use strict';
// node:child_process — spawn/exec/execFile/fork and their Sync forms. This file checks
// and normalizes the public arguments; internal/child_process.js holds ChildProcess, the
// stdio handling and the synchronous spawn (called through its module object, so that
// --expose-internals tests can wrap it).

const internalCp = require('internal/child_process');
const { ChildProcess, getValidStdio, stdioStringToArray, convertToValidSignal, errors } = internalCp;
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE },
  validateObject, validateFunction, validateString,
} = require('internal/errors');

const MAX_BUFFER = 1024 * 1024;

function validateArgumentNullCheck(arg, name) {
  if (typeof arg === 'string' && arg.includes('\u0000')) throw new ERR_INVALID_ARG_VALUE(name, arg, 'must be a string without null bytes');
}

function validateArgumentsNullCheck(args, name) {
  for (let i = 0; i < args.length; i++) validateArgumentNullCheck(args[i], `${name}[${i}]`);
}

function validateBooleanOption(value, name) {
  if (value != null && typeof value !== 'boolean') throw new ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) throw new ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw new ERR_OUT_OF_RANGE('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
  if (killSignal != null) throw new ERR_INVALID_ARG_TYPE('options.killSignal', ['string', 'number'], killSignal);
  return undefined;
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

// A path option: string, Buffer or file: URL, without null bytes.
function validatedPath(value, name) {
  if (value instanceof URL) value = require('url').fileURLToPath(value);
  else if (ArrayBuffer.isView(value)) value = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString();
  else if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], value);
  if (value.includes('\u0000')) throw new ERR_INVALID_ARG_VALUE(name, value, 'must be a string or Uint8Array without null bytes');
  return value;
}

const isInt32 = (v) => v === (v | 0);

// (file, [args], [options]) -> { file, args (argv0 first), envPairs, ...options }.
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  validateArgumentNullCheck(file, 'file');
  if (file.length === 0) throw new ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  validateArgumentsNullCheck(args, 'args');
  if (options === undefined) options = { __proto__: null };
  else validateObject(options, 'options');
  options = { __proto__: null, ...options };
  let cwd = options.cwd;
  if (cwd != null) cwd = validatedPath(cwd, 'options.cwd');
  validateBooleanOption(options.detached, 'options.detached');
  if (options.uid != null && !isInt32(options.uid)) throw new ERR_INVALID_ARG_TYPE('options.uid', 'int32', options.uid);
  if (options.gid != null && !isInt32(options.gid)) throw new ERR_INVALID_ARG_TYPE('options.gid', 'int32', options.gid);
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  validateBooleanOption(options.windowsHide, 'options.windowsHide');
  let { windowsVerbatimArguments } = options;
  validateBooleanOption(windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  if (options.shell) {
    validateArgumentNullCheck(options.shell, 'options.shell');
    const command = [file, ...args].join(' ');
    if (process.platform === 'win32') {
      file = typeof options.shell === 'string' ? options.shell : process.env.comspec || 'cmd.exe';
      if (/^(?:.*\\)?cmd(?:\.exe)?$/i.test(file)) {
        args = ['/d', '/s', '/c', `"${command}"`];
        windowsVerbatimArguments = true;
      } else {
        args = ['-c', command];
      }
    } else {
      file = typeof options.shell === 'string' ? options.shell : process.platform === 'android' ? '/system/bin/sh' : '/bin/sh';
      args = ['-c', command];
    }
  }
  if (typeof options.argv0 === 'string') args.unshift(options.argv0);
  else args.unshift(file);
  const env = options.env || process.env;
  const envPairs = [];
  // Inherited variables too, as Node does.
  for (const key in env) {
    const value = env[key];
    if (value === undefined) continue;
    validateArgumentNullCheck(key, `options.env['${key}']`);
    validateArgumentNullCheck(value, `options.env['${key}']`);
    envPairs.push(`${key}=${value}`);
  }
  // NODE_V8_COVERAGE always reaches children (unless options.env has the key), as in Node.
  const coverage = process.env.NODE_V8_COVERAGE;
  if (coverage && env !== process.env && !Object.hasOwn(env, 'NODE_V8_COVERAGE')) envPairs.push(`NODE_V8_COVERAGE=${coverage}`);
  return {
    __proto__: null, ...options, args, cwd, detached: !!options.detached, envPairs, file,
    windowsHide: !!options.windowsHide, windowsVerbatimArguments: !!windowsVerbatimArguments,
  };
}

function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  validateAbortSignal(options.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn(options);
  // `timeout`: killed with killSignal when it runs longer.
  if (options.timeout > 0) {
    let timer = setTimeout(() => {
      if (timer === null) return;
      timer = null;
      try {
        child.kill(killSignal);
      } catch (err) {
        child.emit('error', err);
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    });
  }
  // `signal`: killed when it aborts, with an AbortError.
  const { signal } = options;
  if (signal) {
    const onAbort = () => {
      try {
        if (child.kill(killSignal)) {
          const err = new Error('The operation was aborted', { cause: signal.reason });
          err.name = 'AbortError';
          err.code = 'ABORT_ERR';
          child.emit('error', err);
        }
      } catch (err) {
        child.emit('error', err);
      }
    };
    if (signal.aborted) {
      process.nextTick(onAbort);
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function spawnSync(file, args, options) {
  options = { __proto__: null, maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  options.stdio = getValidStdio(options.stdio || 'pipe', true).stdio;
  if (options.input) options.stdio[0] = { __proto__: null, ...options.stdio[0], input: options.input };
  for (let i = 0; i < options.stdio.length; i++) {
    const input = options.stdio[i] && options.stdio[i].input;
    if (input == null) continue;
    const pipe = options.stdio[i] = { __proto__: null, ...options.stdio[i] };
    if (ArrayBuffer.isView(input)) pipe.input = input;
    else if (typeof input === 'string') pipe.input = Buffer.from(input, options.encoding);
    else throw new ERR_INVALID_ARG_TYPE(`options.stdio[${i}]`, ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  return internalCp.spawnSync(options);
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = Object.assign(new Error(msg), ret);
  }
  return err;
}

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (args == null) args = [];
  if (typeof options === 'function') callback = options;
  else if (options != null) validateObject(options, 'options');
  if (options == null || typeof options === 'function') options = { __proto__: null };
  if (callback != null) validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  return { file, args, options, callback };
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  validateArgumentNullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { __proto__: null, ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [options.argv0 || file, ...args]);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = { __proto__: null, encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM', cwd: null, env: null, shell: false, ...options };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const child = spawn(file, args, {
    __proto__: null,
    cwd: options.cwd, env: options.env, gid: options.gid, shell: options.shell, signal: options.signal, uid: options.uid,
    windowsHide: !!options.windowsHide, windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });
  const encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const out = [];
  const err = [];
  let outLen = 0;
  let errLen = 0;
  let killed = false;
  let exited = false;
  let timer = null;
  let ex = null;
  let cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!callback) return;
    // Strings when an encoding was asked for, here or by setEncoding on the stream.
    const join = (chunks, stream) => (encoding || stream?.readableEncoding ? chunks.join('') : Buffer.concat(chunks));
    const stdout = join(out, child.stdout);
    const stderr = join(err, child.stderr);
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args?.length) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = new Error(`Command failed: ${cmd}\n${stderr}`);
      ex.code = code < 0 ? require('util').getSystemErrorName(code) : code;
      ex.killed = child.killed || killed;
      ex.signal = signal;
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    child.stdout?.destroy();
    child.stderr?.destroy();
    exithandler();
  }

  function kill() {
    child.stdout?.destroy();
    child.stderr?.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timer = setTimeout(() => {
      kill();
      timer = null;
    }, options.timeout);
  }

  const collect = (stream, chunks, name, getLen, setLen) => {
    if (!stream) return;
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      // Another listener may have set an encoding of its own.
      const length = typeof chunk === 'string' ? Buffer.byteLength(chunk, stream.readableEncoding ?? 'utf8') : chunk.length;
      const total = getLen() + length;
      setLen(total);
      if (total > options.maxBuffer) {
        const keep = options.maxBuffer - (total - length);
        chunks.push(chunk.slice(0, keep));
        ex = errors.maxBuffer(name);
        kill();
      } else {
        chunks.push(chunk);
      }
    });
  };
  collect(child.stdout, out, 'stdout', () => outLen, (v) => { outLen = v; });
  collect(child.stderr, err, 'stderr', () => errLen, (v) => { errLen = v; });
  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return module.exports.execFile(opts.file, opts.options, opts.callback);
}

// fork(modulePath[, args][, options]): a new amber running modulePath with an IPC channel.
function fork(modulePath, args, options) {
  modulePath = validatedPath(modulePath, 'modulePath');
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else if (!Array.isArray(args)) {
    throw new ERR_INVALID_ARG_TYPE('args', 'Array', args);
  }
  if (options != null) validateObject(options, 'options');
  options = { __proto__: null, ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  validateArgumentNullCheck(options.execPath, 'options.execPath');
  let execArgv = options.execArgv || process.execArgv;
  validateArgumentsNullCheck(execArgv, 'options.execArgv');
  // A parent run with -e does not pass its script on (it would fork itself forever).
  if (execArgv === process.execArgv && process._eval != null) {
    const index = execArgv.lastIndexOf(process._eval);
    if (index > 0) {
      execArgv = execArgv.slice();
      execArgv.splice(index - 1, 2);
    }
  }
  args = [...execArgv, modulePath, ...args];
  if (typeof options.stdio === 'string') {
    options.stdio = stdioStringToArray(options.stdio, 'ipc');
  } else if (!Array.isArray(options.stdio)) {
    options.stdio = stdioStringToArray(options.silent ? 'pipe' : 'inherit', 'ipc');
  } else if (!options.stdio.includes('ipc')) {
    throw errors.ipcRequired('options.stdio');
  }
  return spawn(options.execPath, args, options);
}

const { promisify } = require('util');
// util.promisify(exec/execFile): resolves { stdout, stderr }; the promise carries `.child`.
// Argument errors throw synchronously, as from the callback forms.
const customPromisify = (fn) => (...args) => {
  let settle;
  const promise = new Promise((resolve, reject) => {
    settle = (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    };
  });
  promise.child = fn(...args, settle);
  return promise;
};
Object.defineProperty(exec, promisify.custom, { enumerable: false, value: customPromisify(exec) });
Object.defineProperty(execFile, promisify.custom, { enumerable: false, value: customPromisify(execFile) });

module.exports = { _forkChild, ChildProcess, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync };

// Node's hook for a child started with an IPC channel on a given descriptor.
function _forkChild(fd, serializationMode) {
  require('internal/ipc').attach(process, fd, { refWhenListening: true, serialization: serializationMode || 'json' });
}
