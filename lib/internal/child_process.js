'use strict';
// The ChildProcess class and the stdio and synchronous-spawn machinery under
// node:child_process (lib/child_process.js normalizes the public arguments). A
// ChildProcess holds a numeric id; output arrives as events from native reader threads
// (crates/runtime/src/bindings/child_process.rs).

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const cp = binding.child;
const { setOpRef } = binding.core;
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_UNKNOWN_SIGNAL } } = require('internal/errors');

const signals = require('os').constants.signals;

function codedError(Base, code, message) {
  const err = new Base(message);
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  // As Node's errors: `TypeError [CODE]: message` in stacks and inspection.
  err.name = `${err.name} [${code}]`;
  void err.stack;
  delete err.name;
  return err;
}

const errors = {
  ipcOnePipe: () => codedError(Error, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe'),
  ipcSyncFork: () => codedError(Error, 'ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks'),
  syncForkInput: (value) => codedError(TypeError, 'ERR_INVALID_SYNC_FORK_INPUT',
    `Asynchronous forks do not support Buffer, TypedArray, DataView or string input: ${require('internal/inspect').inspect(value)}`),
  ipcRequired: (name) => codedError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', `Forked processes must have an IPC channel, missing value 'ipc' in ${name}`),
  maxBuffer: (name) => codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${name} maxBuffer length exceeded`),
};

function signalName(signo) {
  if (signo === null || signo === undefined) return null;
  return Object.keys(signals).find((k) => signals[k] === signo) ?? null;
}

// A signal name (any case) or number -> its number, or ERR_UNKNOWN_SIGNAL.
function convertToValidSignal(signal) {
  if (typeof signal === 'number' && signalName(signal) !== null) return signal;
  if (typeof signal === 'string') {
    const upper = signal.toUpperCase();
    if (Object.hasOwn(signals, upper)) return signals[upper];
  }
  throw new ERR_UNKNOWN_SIGNAL(signal);
}

function stdioStringToArray(stdio, channel) {
  const options = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe': options.push(stdio, stdio, stdio); break;
    case 'inherit': options.push(0, 1, 2); break;
    default: throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  if (channel) options.push(channel);
  return options;
}

// The stdio option -> one entry per descriptor: { type: 'pipe' | 'overlapped' | 'ignore'
// | 'inherit' | 'fd' | 'wrap', ... }, with the index of the IPC channel if there is one.
function getValidStdio(stdio, sync) {
  let ipc;
  let ipcFd;
  if (typeof stdio === 'string') stdio = stdioStringToArray(stdio);
  else if (!Array.isArray(stdio)) throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  while (stdio.length < 3) stdio.push(undefined);
  const out = [];
  for (let i = 0; i < stdio.length; i++) {
    let s = stdio[i];
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      out.push({ type: 'ignore' });
    } else if (s === 'pipe' || s === 'overlapped' || (typeof s === 'number' && s < 0)) {
      out.push({ type: s === 'overlapped' ? 'overlapped' : 'pipe', readable: i === 0, writable: i !== 0 });
    } else if (s === 'ipc') {
      if (sync || ipc !== undefined) throw sync ? errors.ipcSyncFork() : errors.ipcOnePipe();
      ipc = true;
      ipcFd = i;
      out.push({ type: 'pipe', ipc: true });
    } else if (s === 'inherit') {
      out.push({ type: 'inherit', fd: i });
    } else if (typeof s === 'object' && s[kChildPipe] !== undefined) {
      // Another child's stdin or piped output: this child gets the same pipe.
      out.push({ type: 'child', pipe: s[kChildPipe], _stdio: s });
    } else if (typeof s === 'number' || typeof s.fd === 'number') {
      out.push({ type: 'fd', fd: typeof s === 'number' ? s : s.fd });
    } else if (isNetHandle(s) || isNetHandle(s.handle) || isNetHandle(s._handle)) {
      out.push({ type: 'wrap', handle: isNetHandle(s) ? s : s.handle ?? s._handle, _stdio: s });
    } else if (ArrayBuffer.isView(s) || typeof s === 'string') {
      if (!sync) throw errors.syncForkInput(s);
      out.push({ type: 'pipe', readable: i === 0, writable: i !== 0 });
    } else {
      throw new ERR_INVALID_ARG_VALUE('stdio', s);
    }
  }
  return { stdio: out, ipc, ipcFd };
}

// On a child's stdin and piped outputs: { id } or { op }, so that another child can be
// given the same pipe as its stdio.
const kChildPipe = Symbol('kChildPipe');
// On a piped output given to another child: nobody here reads it until JS does, and the
// exit's flush leaves it alone (Node's kIsUsedAsStdio).
const kIsUsedAsStdio = Symbol('kIsUsedAsStdio');

// A net.Socket or net.Server with a native handle: its descriptor goes to the child.
function isNetHandle(value) {
  if (value === null || typeof value !== 'object') return false;
  const net = require('net');
  return (value instanceof net.Socket || value instanceof net.Server) && typeof value._hid === 'number';
}

// Entries as the native side takes them: 'pipe' | 'ignore' | 'inherit' | 'ipc' | fd.
// Descriptors duplicated for the call are closed by `release`.
function nativeStdio(stdio) {
  const dups = [];
  const list = stdio.map((s, i) => {
    switch (s.type) {
      case 'ignore': return 'ignore';
      case 'inherit': return 'inherit';
      case 'fd': return s.fd === i ? 'inherit' : s.fd;
      case 'child': {
        const fd = s.pipe.op !== undefined ? cp.outputFd(s.pipe.op) : cp.stdinFd(s.pipe.id);
        if (fd < 0) return 'ignore';
        dups.push(fd);
        return fd;
      }
      case 'wrap': {
        const fd = internals.netHandleFd(s.handle);
        if (fd < 0) return 'ignore';
        dups.push(fd);
        return fd;
      }
      default: return s.ipc ? 'ipc' : 'pipe';
    }
  });
  return { list, release: () => { for (const fd of dups) binding.ipc.close(fd); } };
}

function envValue(envPairs, name) {
  const prefix = `${name}=`;
  const pair = envPairs?.find((p) => p.startsWith(prefix));
  return pair === undefined ? undefined : pair.slice(prefix.length);
}

// Looks a bare command up in PATH, as execvp would (so errors name the command).
function resolveFile(file, envPairs) {
  if (file.includes('/')) return file;
  const fs = require('fs');
  for (const dir of String(envValue(envPairs, 'PATH') ?? process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const p = `${dir}/${file}`;
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  return file;
}

function nativeSpec(options, stdio) {
  const args = options.args ?? [options.file];
  return {
    __proto__: null,
    file: resolveFile(options.file, options.envPairs),
    args: args.slice(1).map(String),
    argv0: args.length > 0 ? String(args[0]) : options.file,
    cwd: options.cwd ? String(options.cwd) : undefined,
    env: options.envPairs,
    stdio,
    detached: Boolean(options.detached),
    uid: options.uid ?? undefined,
    gid: options.gid ?? undefined,
  };
}

// Errors name the file as it was given (the native side knows it as found in PATH).
function nameFile(err, call, file) {
  if (err.code !== undefined) err.message = `${call} ${file} ${err.code}`;
  err.syscall = `${call} ${file}`;
  err.path = file;
  return err;
}

const liveChildren = new Map();
internals.describeChildren = () => [...liveChildren.values()].map((c) => ({ kind: `child process ${c.spawnfile} (pid ${c.pid})`, where: c._where }));
internals.liveChildProcesses = () => [...liveChildren.values()];

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._id = undefined;
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = null;
  }

  // `options`: { file, args (argv0 first), envPairs, stdio, cwd, detached, uid, gid,
  // serialization }, as normalized by child_process.spawn.
  spawn(options) {
    if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const valid = getValidStdio(options.stdio || 'pipe', false);
    const stdio = options.stdio = valid.stdio;
    const { serialization } = options;
    require('internal/validators').validateOneOf(serialization, 'options.serialization', [undefined, 'json', 'advanced']);
    if (valid.ipc !== undefined) {
      if (options.envPairs === undefined) options.envPairs = [];
      else if (!Array.isArray(options.envPairs)) throw new ERR_INVALID_ARG_TYPE('options.envPairs', 'Array', options.envPairs);
      options.envPairs.push(`NODE_CHANNEL_FD=${valid.ipcFd}`, `NODE_CHANNEL_SERIALIZATION_MODE=${serialization || 'json'}`);
    }
    if (typeof options.file !== 'string') throw new ERR_INVALID_ARG_TYPE('options.file', 'string', options.file);
    this.spawnfile = options.file;
    if (options.args === undefined) this.spawnargs = [];
    else if (!Array.isArray(options.args)) throw new ERR_INVALID_ARG_TYPE('options.args', 'Array', options.args);
    else this.spawnargs = options.args;
    this._where = internals.callerLocation();

    const nat = nativeStdio(stdio);
    const register = (cb, kind) => internals.registerStream(cb, kind);
    const outOp = register((v) => this._onData(this.stdout, v), 'child stdout');
    const errOp = register((v) => this._onData(this.stderr, v), 'child stderr');
    const exitOp = register((v) => this._onExit(v), 'child exit');
    let ids;
    try {
      ids = cp.spawn(nativeSpec(options, nat.list), outOp, errOp, exitOp);
    } catch (err) {
      nat.release();
      internals.unregisterStream(outOp);
      internals.unregisterStream(errOp);
      internals.unregisterStream(exitOp);
      // Run-time failures (ENOENT, EACCES, ...) are 'error' events, then 'close'.
      nameFile(err, 'spawn', options.file);
      err.spawnargs = this.spawnargs.slice(1);
      process.nextTick(() => {
        this.emit('error', err);
        this.emit('close', -(require('os').constants.errno[err.code] ?? 2), null);
      });
      this._failed = true;
      // Streams are there as for a started child (Node's have no handle): no output
      // comes, input goes nowhere.
      if (nat.list[0] === 'pipe') {
        this.stdin = new Writable({ write(chunk, enc, cb) { cb(); } });
        this.stdin.readable = false;
        this.stdin.destroy();
      }
      for (const i of [1, 2]) {
        if (nat.list[i] !== 'pipe') continue;
        const r = new Readable({ read() {} });
        r.push(null);
        if (i === 1) this.stdout = r;
        else this.stderr = r;
      }
      this.stdio = stdio.map(() => null);
      [this.stdio[0], this.stdio[1], this.stdio[2]] = [this.stdin, this.stdout, this.stderr];
      return err;
    }
    nat.release();
    let extra;
    [this._id, this.pid, extra] = ids;
    liveChildren.set(this._id, this);
    this._ops = [outOp, errOp, exitOp];
    process.nextTick(() => this.emit('spawn'));

    if (nat.list[0] === 'pipe') {
      const id = this._id;
      this.stdin = new Writable({
        write(chunk, enc, cb) { cp.write(id, chunk); cb(); },
        final(cb) { cp.closeStdin(id); cb(); },
        destroy(err, cb) { cp.closeStdin(id); cb(err); },
      });
      this.stdin.readable = false;
      this.stdin[kChildPipe] = { id };
    }
    // Output pipes are handles of their own: unref() lets the process exit while the
    // child still writes, as with Node's sockets.
    const pipe = (op) => {
      // Destroyed before its end (exec after a kill), it stops holding the loop: a
      // grandchild may keep the pipe open long after.
      // Reading starts at once; a pipe given to another child stops (its _handle's
      // readStop) until this stream is read again.
      let refed = true;
      const handle = {
        reading: false,
        stopped: false,
        readStart() {
          // A destroyed stream no longer holds the loop (nor reads).
          if (r.destroyed) return;
          handle.reading = true;
          cp.setReading(op, true);
          if (refed) setOpRef(op, true);
        },
        readStop() {
          handle.reading = false;
          handle.stopped = true;
          cp.setReading(op, false);
          setOpRef(op, false);
        },
      };
      const r = new Readable({
        read() { if (!handle.reading) r._handle.readStart(); },
        destroy(err, cb) { setOpRef(op, false); cp.forgetOutput(op); cb(err); },
      });
      r._handle = handle;
      r[kChildPipe] = { op };
      r.ref = () => { refed = true; if (handle.reading) setOpRef(op, true); return r; };
      r.unref = () => { refed = false; setOpRef(op, false); return r; };
      r.on('end', () => cp.forgetOutput(op));
      // The native reader waits for this: after the spawning code, unless the pipe was
      // given to another child meanwhile.
      process.nextTick(() => { if (!handle.reading && !handle.stopped) handle.readStart(); });
      return r;
    };
    if (nat.list[1] === 'pipe') { this.stdout = pipe(outOp); this._closesNeeded++; } else internals.unregisterStream(outOp);
    if (nat.list[2] === 'pipe') { this.stderr = pipe(errOp); this._closesNeeded++; } else internals.unregisterStream(errOp);
    // A pipe counts once closed: at its end, or destroyed (exec's maxBuffer).
    for (const s of [this.stdout, this.stderr]) s?.on('close', () => this._maybeClose());
    this.stdio = [this.stdin, this.stdout, this.stderr];
    for (let i = 3; i < stdio.length; i++) this.stdio.push(null);
    // Another child's output now read by this one: this process stops reading it.
    for (const s of stdio) {
      if (s.type !== 'child' || s.pipe.op === undefined) continue;
      const r = s._stdio;
      r._handle.readStop();
      r.pause();
      r._readableState.flowing = false;
      r._readableState.reading = false;
      r[kIsUsedAsStdio] = true;
    }
    // Socket pairs: the IPC channel, and pipes past stderr (duplex sockets, as in Node).
    for (const [i, fd] of extra) {
      if (i === valid.ipcFd) {
        require('internal/ipc').attach(this, fd, { refWhenListening: false, serialization: serialization || 'json' });
        this._closesNeeded++;
        this.once('disconnect', () => this._maybeClose());
        continue;
      }
      const socket = new (require('net').Socket)({ fd, readable: true, writable: true });
      this.stdio[i] = socket;
      this._closesNeeded++;
      socket.on('close', () => this._maybeClose());
    }
    return undefined;
  }

  _onData(stream, v) {
    if (!stream) return;
    if (v === null) stream.push(null);
    else stream.push(Buffer.from(v.buffer, v.byteOffset, v.length));
  }

  _onExit(status) {
    // A child's IPC channel reaches EOF when the child dies, but the exit and the EOF come
    // from different threads: when the channel's other end is gone, 'exit' waits for the
    // channel's 'disconnect', the order Node's users (cluster) see. A channel still held
    // open elsewhere (a grandchild) is not waited for.
    if (this.connected && this.channel && binding.ipc.peerClosed(this.channel.fd)) {
      this.once('disconnect', () => this._exited(status));
      return;
    }
    this._exited(status);
  }

  _exited([code, sig]) {
    liveChildren.delete(this._id);
    internals.unregisterStream(this._ops[2]);
    const signal = sig ? signalName(sig) : null;
    this.exitCode = signal ? null : code;
    this.signalCode = signal;
    if (this.stdin) this.stdin.destroy();
    this.emit('exit', this.exitCode, this.signalCode);
    // As Node's flushStdio: output nobody reads is drained, so its 'end' (and then the
    // child's 'close') still come.
    process.nextTick(() => {
      for (const s of [this.stdout, this.stderr]) {
        if (s && s.readable && !s[kIsUsedAsStdio] && !s._readableState.readableListening) s.resume();
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

  kill(sig) {
    const num = sig === 0 ? 0 : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
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

// `options`: normalized as spawnSync's (file, args with argv0 first, envPairs, stdio
// entries with stdin's `input`, timeout, maxBuffer, killSignal as a number, encoding).
function spawnSync(options) {
  const nat = nativeStdio(options.stdio);
  const input = options.stdio[0]?.input;
  let r;
  try {
    r = cp.spawnSync(nativeSpec(options, nat.list), input, options.timeout ?? 0, options.maxBuffer ?? Infinity, options.killSignal ?? signals.SIGTERM);
  } finally {
    nat.release();
  }
  const encoding = options.encoding && options.encoding !== 'buffer' ? options.encoding : null;
  const conv = (u8, i) => {
    if (u8 === undefined || nat.list[i] !== 'pipe') return null;
    const b = Buffer.from(u8.buffer, u8.byteOffset, u8.length);
    return encoding ? b.toString(encoding) : b;
  };
  const started = r.stdout !== undefined;
  const result = {
    status: r.status ?? null,
    signal: signalName(r.signal),
    output: started ? [null, conv(r.stdout, 1), conv(r.stderr, 2)] : null,
    pid: r.pid ?? 0,
  };
  result.stdout = result.output && result.output[1];
  result.stderr = result.output && result.output[2];
  if (r.error) {
    result.error = nameFile(r.error, 'spawnSync', options.file);
    result.error.spawnargs = (options.args ?? []).slice(1);
  }
  return result;
}

module.exports = { ChildProcess, getValidStdio, stdioStringToArray, spawnSync, convertToValidSignal, signalName, errors };
