'use strict';
// node:child_process — spawn/exec/execFile/fork and their Sync forms.
// Output arrives as events from native reader threads; a ChildProcess holds an id.

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const cp = binding.child;
const { setOpRef } = binding.core;
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } } = require('internal/errors');

const noNullBytes = (value, name) => {
  if (typeof value === 'string' && value.includes('\0')) throw new ERR_INVALID_ARG_VALUE(name, value, 'must be a string without null bytes');
};

// spawn/spawnSync arguments as Node checks them: (file, [args], [options]); args may be
// left out, but a non-object in its place is an error, not options.
function normalizeSpawnArgs(file, args, options) {
  if (typeof file !== 'string') throw new ERR_INVALID_ARG_TYPE('file', 'string', file);
  if (file.length === 0) throw new ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  noNullBytes(file, 'file');
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
  args.forEach((a, i) => noNullBytes(a, `args[${i}]`));
  if (options === undefined) options = {};
  else if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  const { cwd, serialization, stdio, killSignal } = options;
  if (killSignal !== undefined && typeof killSignal !== 'number' && signals[killSignal] === undefined) {
    throw new (require('internal/errors').codes.ERR_UNKNOWN_SIGNAL)(killSignal);
  }
  if (cwd != null && typeof cwd !== 'string' && !(cwd instanceof URL) && !ArrayBuffer.isView(cwd)) {
    throw new ERR_INVALID_ARG_TYPE('options.cwd', ['string', 'Buffer', 'URL'], cwd);
  }
  if (serialization !== undefined && serialization !== 'json' && serialization !== 'advanced') {
    throw new ERR_INVALID_ARG_VALUE('options.serialization', serialization, "must be one of: undefined, 'json', 'advanced'");
  }
  if (typeof stdio === 'string' && !['ignore', 'pipe', 'inherit', 'overlapped'].includes(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  return [args, options];
}

const signals = require('os').constants.signals;
const liveChildren = new Map();
internals.liveChildProcesses = () => [...liveChildren.values()];
internals.describeChildren = () => [...liveChildren.values()].map((c) => ({ kind: `child process ${c.spawnfile} (pid ${c.pid})`, where: c._where }));

function normalizeStdio(stdio) {
  if (stdio === undefined) return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  const out = [];
  for (let i = 0; i < 3; i++) {
    const s = stdio[i];
    if (s === undefined || s === null || s === 'pipe' || s === 'overlapped') out.push('pipe');
    else if (s === 'inherit' || s === i || s === process.stdin || s === process.stdout || s === process.stderr) out.push('inherit');
    else if (s === 'ignore') out.push('ignore');
    else out.push('inherit');
  }
  return out;
}

function buildSpec(file, args, options) {
  if (typeof file !== 'string') throw new ERR_INVALID_ARG_TYPE('file', 'string', file);
  if (args != null && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  args = (args ?? []).map(String);
  options = { ...options };
  let spawnfile = file;
  let spawnargs = [file, ...args];
  if (options.shell) {
    const command = [file, ...args].join(' ');
    spawnfile = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    spawnargs = [spawnfile, '-c', command];
  }
  let envObj = options.env ?? process.env;
  // An 'ipc' entry (fork): the child's end of the channel is its fd 3.
  const ipcIndex = Array.isArray(options.stdio) ? options.stdio.indexOf('ipc') : -1;
  if (ipcIndex !== -1 && ipcIndex !== 3) throw new (require('internal/errors').codes.ERR_NOT_IMPLEMENTED)(`an 'ipc' stdio entry at index ${ipcIndex} (only 3)`);
  if (ipcIndex === 3) envObj = { ...envObj, NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' };
  const env = Object.keys(envObj).filter((k) => envObj[k] !== undefined).map((k) => `${k}=${envObj[k]}`);
  return {
    spec: {
      file: resolveFile(spawnfile, envObj), args: spawnargs.slice(1), cwd: options.cwd ? String(options.cwd instanceof URL ? require('url').fileURLToPath(options.cwd) : options.cwd) : undefined,
      env, stdio: normalizeStdio(options.stdio), argv0: options.argv0 ?? spawnfile, ipc: ipcIndex === 3,
    },
    options, spawnfile, spawnargs,
  };
}

// Looks a bare command up in PATH, as execvp would (so errors name the command).
function resolveFile(file, env) {
  if (file.includes('/')) return file;
  const fs = require('fs');
  for (const dir of String(env.PATH ?? process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const p = `${dir}/${file}`;
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  return file;
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this._closesNeeded = 1;
    this._closesGot = 0;
  }

  spawn(options) {
    const { spec, spawnfile, spawnargs } = buildSpec(options.file, options.args, options);
    this.spawnfile = spawnfile;
    this.spawnargs = spawnargs;
    this._where = internals.callerLocation();
    const register = (cb, kind) => internals.registerStream(cb, kind);
    const outOp = register((v) => this._onData(this.stdout, v), 'child stdout');
    const errOp = register((v) => this._onData(this.stderr, v), 'child stderr');
    const exitOp = register((v) => this._onExit(v), 'child exit');
    let ids;
    try {
      ids = cp.spawn(spec, outOp, errOp, exitOp);
    } catch (err) {
      internals.unregisterStream(outOp);
      internals.unregisterStream(errOp);
      internals.unregisterStream(exitOp);
      process.nextTick(() => {
        this.emit('error', err);
        this.emit('close', -2, null);
      });
      this._failed = true;
      return err;
    }
    let ipcFd;
    [this._id, this.pid, ipcFd] = ids;
    liveChildren.set(this._id, this);
    if (ipcFd >= 0) {
      require('internal/ipc').attach(this, ipcFd, { refWhenListening: false });
      this._closesNeeded++;
      this.once('disconnect', () => this._maybeClose());
    }
    this._ops = [outOp, errOp, exitOp];
    if (spec.stdio[0] === 'pipe') {
      const id = this._id;
      this.stdin = new Writable({
        write(chunk, enc, cb) { cp.write(id, chunk); cb(); },
        final(cb) { cp.closeStdin(id); cb(); },
        destroy(err, cb) { cp.closeStdin(id); cb(err); },
      });
    }
    // Output pipes are handles of their own: unref() lets the process exit while the
    // child still writes, as with Node's sockets.
    const pipe = (op) => {
      const r = new Readable({ read() {} });
      r.ref = () => { setOpRef(op, true); return r; };
      r.unref = () => { setOpRef(op, false); return r; };
      return r;
    };
    if (spec.stdio[1] === 'pipe') { this.stdout = pipe(outOp); this._closesNeeded++; } else internals.unregisterStream(outOp);
    if (spec.stdio[2] === 'pipe') { this.stderr = pipe(errOp); this._closesNeeded++; } else internals.unregisterStream(errOp);
    this.stdio = [this.stdin, this.stdout, this.stderr];
    for (const s of [this.stdout, this.stderr]) s?.on('end', () => this._maybeClose());
    return undefined;
  }

  _onData(stream, v) {
    if (!stream) return;
    if (v === null) stream.push(null);
    else stream.push(Buffer.from(v.buffer, v.byteOffset, v.length));
  }

  _onExit([code, sig]) {
    liveChildren.delete(this._id);
    for (const op of this._ops) if (op !== this._ops[0] && op !== this._ops[1]) internals.unregisterStream(op);
    const signal = sig ? signalName(sig) : null;
    this.exitCode = signal ? null : code;
    this.signalCode = signal;
    this.emit('exit', this.exitCode, this.signalCode);
    // As Node's flushStdio: output nobody reads is drained, so its 'end' (and then the
    // child's 'close') still come.
    process.nextTick(() => {
      for (const s of [this.stdout, this.stderr]) {
        if (s && s.readable && !s._readableState.readableListening) s.resume();
      }
    });
    this._maybeClose();
  }

  _maybeClose() {
    if (++this._closesGot === this._closesNeeded) {
      internals.unregisterStream(this._ops[0]);
      internals.unregisterStream(this._ops[1]);
      process.nextTick(() => this.emit('close', this.exitCode, this.signalCode));
    }
  }

  kill(sig = 'SIGTERM') {
    const num = typeof sig === 'number' ? sig : signals[sig];
    if (num === undefined) {
      const { ERR_UNKNOWN_SIGNAL } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_SIGNAL(sig);
    }
    if (this._id === undefined || this.exitCode !== null || this.signalCode !== null) return false;
    const ok = cp.kill(this._id, num);
    if (ok) this.killed = true;
    return ok;
  }

  [Symbol.dispose]() {
    if (!this.killed) this.kill();
  }

  ref() {
    if (this._ops) setOpRef(this._ops[2], true);
    this._refChannel?.();
  }
  unref() {
    if (this._ops) setOpRef(this._ops[2], false);
    this._unrefChannel?.();
  }
}

function spawn(file, args, options) {
  [args, options] = normalizeSpawnArgs(file, args, options);
  const { signal, timeout, killSignal } = options ?? {};
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
    const { ERR_OUT_OF_RANGE } = require('internal/errors').codes;
    throw new ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
  }
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  if (killSignal !== undefined && typeof killSignal !== 'number' && signals[killSignal] === undefined) {
    const { ERR_UNKNOWN_SIGNAL } = require('internal/errors').codes;
    throw new ERR_UNKNOWN_SIGNAL(killSignal);
  }
  const child = new ChildProcess();
  child.spawn({ ...options, file, args: args ?? [] });
  // `timeout`: killed with killSignal when it runs longer.
  if (timeout > 0) {
    const timer = setTimeout(() => child.kill(killSignal), timeout);
    timer.unref();
    child.once('exit', () => clearTimeout(timer));
  }
  // `signal`: killed when it aborts, with an AbortError.
  if (signal !== undefined) {
    const onAbort = () => {
      if (child.kill(killSignal)) {
        const err = new Error('The operation was aborted', { cause: signal.reason });
        err.name = 'AbortError';
        err.code = 'ABORT_ERR';
        child.emit('error', err);
      }
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function signalName(signo) {
  if (signo === null || signo === undefined) return null;
  return Object.keys(signals).find((k) => signals[k] === signo) ?? null;
}

function spawnSync(file, args, options) {
  [args, options] = normalizeSpawnArgs(file, args, options);
  if (options.input != null && typeof options.input !== 'string' && !ArrayBuffer.isView(options.input)) {
    throw new ERR_INVALID_ARG_TYPE('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], options.input);
  }
  const { spec, options: opts, spawnargs } = buildSpec(file, args, options);
  let input = opts.input;
  if (typeof input === 'string') input = Buffer.from(input, opts.encoding && opts.encoding !== 'buffer' ? opts.encoding : 'utf8');
  const r = cp.spawnSync(spec, input);
  const encoding = opts.encoding && opts.encoding !== 'buffer' ? opts.encoding : null;
  const conv = (u8) => {
    if (u8 === undefined) return null;
    const b = Buffer.from(u8.buffer, u8.byteOffset, u8.length);
    return encoding ? b.toString(encoding) : b;
  };
  const out = conv(r.stdout);
  const err = conv(r.stderr);
  const result = {
    pid: r.pid ?? 0, output: [null, spec.stdio[1] === 'pipe' ? out : null, spec.stdio[2] === 'pipe' ? err : null],
    stdout: spec.stdio[1] === 'pipe' ? out : null, stderr: spec.stdio[2] === 'pipe' ? err : null,
    status: r.status ?? null, signal: signalName(r.signal),
  };
  if (r.error) {
    result.error = r.error;
    result.error.spawnargs = spawnargs.slice(1);
  }
  return result;
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = new Error(msg);
  }
  if (err) Object.assign(err, ret);
  return err;
}

function execSync(command, options) {
  const opts = { ...options, shell: options?.shell ?? true };
  if (opts.stdio === undefined) opts.stdio = ['pipe', 'pipe', 'inherit'];
  const ret = spawnSync(command, [], opts);
  if (opts.stdio[2] === 'inherit' && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [], command);
  if (err) throw err;
  return ret.stdout;
}

function execFileSync(file, args, options) {
  if (args != null && !Array.isArray(args)) { options = args; args = []; }
  const opts = { ...options };
  if (opts.stdio === undefined) opts.stdio = ['pipe', 'pipe', 'inherit'];
  const ret = spawnSync(file, args ?? [], opts);
  if (opts.stdio[2] === 'inherit' && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [file, ...(args ?? [])]);
  if (err) throw err;
  return ret.stdout;
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') { callback = args; args = []; options = {}; }
  else if (args != null && !Array.isArray(args)) { callback = options; options = args; args = []; }
  if (typeof options === 'function') { callback = options; options = {}; }
  options = { encoding: 'utf8', ...options };
  const child = spawn(file, args ?? [], options);
  const out = [];
  const err = [];
  child.stdout?.on('data', (c) => out.push(c));
  child.stderr?.on('data', (c) => err.push(c));
  const finish = (code, signal, spawnError) => {
    const enc = options.encoding;
    const conv = (chunks) => {
      const b = Buffer.concat(chunks);
      return enc && enc !== 'buffer' ? b.toString(enc) : b;
    };
    const stdout = conv(out);
    const stderr = conv(err);
    let error = spawnError ?? null;
    if (!error && (code !== 0 || signal)) {
      const cmd = [file, ...(args ?? [])].join(' ');
      error = new Error(`Command failed: ${cmd}\n${stderr}`);
      error.code = code;
      error.killed = child.killed;
      error.signal = signal;
      error.cmd = cmd;
    }
    if (callback) callback(error, stdout, stderr);
  };
  child.on('error', (e) => finish(null, null, e));
  child.on('close', (code, signal) => { if (!child._failed) finish(code, signal); });
  return child;
}

function exec(command, options, callback) {
  noNullBytes(command, 'command');
  if (typeof options === 'function') { callback = options; options = {}; }
  return execFile(command, [], { ...options, shell: options?.shell ?? true }, callback);
}

// fork(modulePath[, args][, options]): a new amber running modulePath with an IPC channel.
function fork(modulePath, args, options) {
  const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
  if (modulePath instanceof URL) modulePath = require('url').fileURLToPath(modulePath);
  if (typeof modulePath !== 'string') throw new ERR_INVALID_ARG_TYPE('modulePath', ['string', 'URL'], modulePath);
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else if (!Array.isArray(args)) {
    throw new ERR_INVALID_ARG_TYPE('args', 'Array', args);
  }
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  options = { ...options, shell: false };
  if (options.serialization !== undefined && options.serialization !== 'json') {
    throw new ERR_NOT_IMPLEMENTED(`fork() with serialization '${options.serialization}'`);
  }
  const execArgv = options.execArgv ?? process.execArgv;
  let stdio = options.stdio;
  if (typeof stdio === 'string') stdio = [stdio, stdio, stdio, 'ipc'];
  else if (stdio === undefined) stdio = options.silent ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['inherit', 'inherit', 'inherit', 'ipc'];
  else if (!stdio.includes('ipc')) {
    const err = new Error('Forked processes must have an IPC channel, missing value \'ipc\' in options.stdio');
    err.code = 'ERR_CHILD_PROCESS_IPC_REQUIRED';
    throw err;
  }
  options.stdio = stdio;
  return spawn(options.execPath ?? process.execPath, [...execArgv, modulePath, ...args.map(String)], options);
}

const { promisify } = require('util');
// util.promisify(exec/execFile): resolves { stdout, stderr }; the promise carries `.child`.
const customPromisify = (fn) => (...args) => {
  let child;
  const promise = new Promise((resolve, reject) => {
    child = fn(...args, (err, stdout, stderr) => {
      if (err) { err.stdout = stdout; err.stderr = stderr; reject(err); } else resolve({ stdout, stderr });
    });
  });
  promise.child = child;
  return promise;
};
exec[promisify.custom] = customPromisify(exec);
execFile[promisify.custom] = customPromisify(execFile);

module.exports = { ChildProcess, spawn, spawnSync, exec, execSync, execFile, execFileSync, fork };
