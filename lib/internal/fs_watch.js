'use strict';
// fs.watch (inotify, crates/runtime/src/bindings/fs_watch.rs), fs.promises.watch, and
// fs.watchFile / unwatchFile (stat polling, as Node's StatWatcher does).
// `recursive: true` watches every directory of the tree and adds the ones created later,
// reporting names relative to the watched directory, as Node does on Linux.

const EventEmitter = require('events');
const path = require('path');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE }, validateFunction } = require('internal/errors');
const { setOpRef } = binding.core;
const fsb = binding.fs;

function toPathArg(p, name = 'filename') {
  let s;
  if (typeof p === 'string') s = p;
  else if (p instanceof URL) s = require('url').fileURLToPath(p);
  else if (ArrayBuffer.isView(p)) s = new TextDecoder().decode(p);
  else throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], p);
  if (s.includes('\u0000')) {
    const { ERR_INVALID_ARG_VALUE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE(name, p, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return s;
}

function watchOptions(options) {
  if (typeof options === 'string') options = { encoding: options };
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  if (typeof persistent !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.persistent', 'boolean', persistent);
  if (typeof recursive !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.recursive', 'boolean', recursive);
  if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return { persistent, recursive, encoding, signal };
}

// One inotify watch: calls onEvent(kind, name) until stopped.
class NativeWatch {
  constructor(filename, persistent, onEvent) {
    this.op = internals.registerStream((value) => {
      if (value === null) {
        this.fd = -1;
        internals.unregisterStream(this.op);
        return;
      }
      const text = Buffer.from(value).toString('utf8');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const tab = line.indexOf('\t');
        onEvent(line.slice(0, tab), line.slice(tab + 1));
      }
    }, 'fs.watch');
    try {
      this.fd = fsb.watchStart(filename, this.op);
    } catch (err) {
      internals.unregisterStream(this.op);
      // As Node's: the error names the watched file as `path` and `filename`.
      if (err && typeof err === 'object' && typeof err.code === 'string') {
        err.path ??= filename;
        err.filename = filename;
      }
      throw err;
    }
    if (!persistent) setOpRef(this.op, false);
  }
  ref() { if (this.fd !== -1) setOpRef(this.op, true); }
  unref() { if (this.fd !== -1) setOpRef(this.op, false); }
  stop() {
    if (this.fd === -1) return;
    fsb.watchStop(this.fd);
    // The op ends when the reading thread sees the watch removed; it no longer holds the loop.
    setOpRef(this.op, false);
  }
}

const watchers = new Set();
internals.liveWatchers = () => [...watchers];
internals.describeWatchers = () => [...watchers].map((w) => ({ kind: 'fs.watch watcher', where: w._where }));

class FSWatcher extends EventEmitter {
  #watches = new Map();
  #closed = false;
  #persistent = true;
  #refed = true;
  #encoding = 'utf8';
  #root = '';
  #recursive = false;

  _start(filename, options) {
    this.#persistent = options.persistent;
    this.#encoding = options.encoding;
    this.#root = filename;
    this.#recursive = options.recursive;
    this._where = internals.callerLocation();
    this.#add(filename, '');
    if (this.#recursive) {
      let isDir = false;
      try { isDir = require('fs').statSync(filename).isDirectory(); } catch {}
      if (isDir) this.#addTree(filename, '');
    }
    watchers.add(this);
  }

  #add(dir, rel) {
    if (this.#watches.has(dir)) return;
    const w = new NativeWatch(dir, this.#persistent && this.#refed, (kind, name) => this.#onEvent(dir, rel, kind, name));
    this.#watches.set(dir, w);
  }

  // `announce`: the directory appeared while watching; what it already holds was created
  // before its watch existed, so each entry is reported as a 'rename', as Node does.
  #addTree(dir, rel, announce = false) {
    let entries = [];
    try { entries = require('fs').readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const r = rel === '' ? e.name : path.join(rel, e.name);
      if (announce) this.#emitChange('rename', r);
      if (!e.isDirectory()) continue;
      try { this.#add(full, r); } catch { continue; }
      this.#addTree(full, r, announce);
    }
  }

  #onEvent(dir, rel, kind, name) {
    if (this.#closed) return;
    let filename = this.#recursive && dir !== this.#root ? path.join(rel, name) : name;
    if (this.#recursive && kind === 'rename') {
      const full = path.join(dir, name);
      let isDir = false;
      try { isDir = require('fs').statSync(full).isDirectory(); } catch {}
      if (isDir && !this.#watches.has(full)) {
        try { this.#add(full, filename); } catch {}
        this.#emitChange(kind, filename);
        this.#addTree(full, filename, true);
        return;
      } else if (!isDir && this.#watches.has(full) && full !== this.#root) {
        this.#watches.get(full).stop();
        this.#watches.delete(full);
      }
    }
    this.#emitChange(kind, filename);
  }

  #emitChange(kind, filename) {
    if (this.#closed) return;
    if (this.#encoding === 'buffer') filename = Buffer.from(filename);
    else if (this.#encoding !== 'utf8' && this.#encoding !== 'utf-8') filename = Buffer.from(filename).toString(this.#encoding);
    this.emit('change', kind, filename);
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    watchers.delete(this);
    for (const w of this.#watches.values()) w.stop();
    this.#watches.clear();
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    this.#refed = true;
    if (this.#persistent) for (const w of this.#watches.values()) w.ref();
    return this;
  }

  unref() {
    this.#refed = false;
    for (const w of this.#watches.values()) w.unref();
    return this;
  }
}

function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  filename = toPathArg(filename);
  options = watchOptions(options);
  const watcher = new FSWatcher();
  watcher._start(filename, options);
  if (listener !== undefined) watcher.on('change', listener);
  if (options.signal) {
    if (options.signal.aborted) process.nextTick(() => watcher.close());
    else options.signal.addEventListener('abort', () => watcher.close(), { once: true });
  }
  return watcher;
}

// fs.promises.watch: an async iterator of { eventType, filename }.
function watchPromise(filename, options) {
  filename = toPathArg(filename);
  options = watchOptions(options);
  const { signal } = options;
  const abortError = () => {
    const err = new Error('The operation was aborted');
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
    err.cause = signal?.reason;
    return err;
  };
  if (signal?.aborted) {
    return { async next() { throw abortError(); }, [Symbol.asyncIterator]() { return this; }, async return() { return { done: true, value: undefined }; } };
  }
  const watcher = new FSWatcher();
  watcher._start(filename, { ...options, signal: undefined });
  const queue = [];
  let waiting;
  let failed;
  let done = false;
  const finish = () => {
    done = true;
    watcher.close();
  };
  watcher.on('change', (eventType, name) => {
    const ev = { eventType, filename: name };
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w.resolve({ value: ev, done: false });
    } else {
      queue.push(ev);
    }
  });
  const onAbort = () => {
    failed = abortError();
    finish();
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w.reject(failed);
    }
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (failed) return Promise.reject(failed);
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => { waiting = { resolve, reject }; });
    },
    return() {
      finish();
      signal?.removeEventListener('abort', onAbort);
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w.resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

// ---- watchFile: stat polling -------------------------------------------------------

const statWatchers = new Map();

class StatWatcher extends EventEmitter {
  constructor(bigint) {
    super();
    this._bigint = bigint;
    this._timer = undefined;
  }
  _start(filename, persistent, interval) {
    const fs = require('fs');
    // As libuv's fs_poll: the first stat only records, unless it fails; a failure is
    // reported once per error code (current stats zeroed); a success after a failure
    // or with other stats than the last is a change.
    let prev = require('internal/fs/utils').zeroStats(this._bigint);
    let state = 0; // 0: never polled, 1: last stat succeeded, else the last error code
    const poll = () => {
      let curr;
      try {
        curr = fs.statSync(filename, { bigint: this._bigint });
      } catch (err) {
        if (state !== err.code) {
          state = err.code;
          this.emit('change', require('internal/fs/utils').zeroStats(this._bigint), prev);
        }
        return;
      }
      if (state !== 0 && (state !== 1 || !sameStats(prev, curr))) {
        const old = prev;
        prev = curr;
        state = 1;
        this.emit('change', curr, old);
        return;
      }
      prev = curr;
      state = 1;
    };
    this._timer = setInterval(poll, interval);
    if (!persistent) this._timer.unref();
    setImmediate(() => { if (this._timer !== undefined) poll(); });
  }
  stop() {
    if (this._timer === undefined) return;
    clearInterval(this._timer);
    this._timer = undefined;
    process.nextTick(() => this.emit('stop'));
  }
  ref() { this._timer?.ref(); return this; }
  unref() { this._timer?.unref(); return this; }
}


function sameStats(a, b) {
  for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'ino', 'size', 'blocks', 'mtimeMs', 'ctimeMs', 'birthtimeMs']) {
    if (a[k] !== b[k]) return false;
  }
  return true;
}

function watchFile(filename, options, listener) {
  filename = path.resolve(toPathArg(filename));
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  options = { interval: 5007, persistent: true, bigint: false, ...options };
  validateFunction(listener, 'listener');
  let w = statWatchers.get(filename);
  if (w === undefined) {
    w = new StatWatcher(options.bigint);
    w._start(filename, options.persistent, options.interval);
    statWatchers.set(filename, w);
  }
  w.addListener('change', listener);
  return w;
}

function unwatchFile(filename, listener) {
  filename = path.resolve(toPathArg(filename));
  const w = statWatchers.get(filename);
  if (w === undefined) return;
  if (typeof listener === 'function') w.removeListener('change', listener);
  else w.removeAllListeners('change');
  if (w.listenerCount('change') === 0) {
    w.stop();
    statWatchers.delete(filename);
  }
}

module.exports = { watch, watchPromise, watchFile, unwatchFile, FSWatcher, StatWatcher };
