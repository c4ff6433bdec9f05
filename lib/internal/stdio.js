'use strict';
// process.stdout / stderr / stdin. Writes are synchronous (like Node's for files and
// TTYs, and so never lost at exit). The stream kind (tty, file, pipe) is detected
// from the file descriptor on every `refresh()`, so a restored snapshot sees its own.

const EventEmitter = require('events');
const { Stream: LegacyStream } = require('internal/streams/legacy');
const { write, kind, windowSize, readStdin } = binding.stdio;
const { setOpRef } = binding.core;

function toBytesOrString(chunk, encoding) {
  if (typeof chunk === 'string') {
    if (encoding && encoding !== 'utf8' && encoding !== 'utf-8' && globalThis.Buffer) {
      return globalThis.Buffer.from(chunk, encoding);
    }
    return chunk;
  }
  if (ArrayBuffer.isView(chunk)) return chunk;
  const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
  throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
}

// The colour depth FORCE_COLOR sets, as Node reads it ('', 1 or true: 16 colours, 2: 256,
// 3: 16 million, anything else: none); undefined when it is not set.
function forcedColorDepth(env = process.env) {
  const force = env.FORCE_COLOR;
  if (force === undefined) return undefined;
  if (force === '' || force === '1' || force === 'true') return 4;
  if (force === '2') return 8;
  if (force === '3') return 24;
  return 1;
}

// A stream as Node's stdout is (`instanceof Stream`, with pipe()), so code that asks
// whether it got a stream (is-stream, winston's Stream transport) takes it.
class WriteStream extends LegacyStream {
  constructor(fd) {
    super();
    this.fd = fd;
    this.writable = true;
    this._isStdio = true;
    this.destroyed = false;
    this.writableEnded = false;
    this.writableFinished = false;
    this.writableHighWaterMark = 16384;
    this.writableLength = 0;
    this.writableObjectMode = false;
    this.writableCorked = 0;
    // What console.* consults to decide whether a failed write is the first one.
    this._writableState = { errorEmitted: false };
    this._detect();
  }

  _detect() {
    this._kind = kind(this.fd);
    // Node's names for the three stream kinds.
    this._type = this._kind === 'tty' ? 'tty' : this._kind === 'pipe' ? 'pipe' : 'fs';
    this.isTTY = this._kind === 'tty' ? true : undefined;
    if (this._kind === 'tty') {
      const size = windowSize(this.fd);
      if (size) { this.columns = size[0]; this.rows = size[1]; }
    } else {
      delete this.columns;
      delete this.rows;
    }
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    const data = toBytesOrString(chunk, encoding);
    if (this.destroyed) {
      if (typeof cb === 'function') process.nextTick(cb, this._error ?? null);
      return false;
    }
    const errno = write(this.fd, data);
    if (errno !== 0) {
      this._fail(errno, cb);
      return false;
    }
    if (typeof cb === 'function') process.nextTick(cb, null);
    return true;
  }

  // A failed write (EPIPE when the reader went away, ENOSPC on a full disk) calls the
  // write's callback, then emits 'error' - every time, as Node's stdio streams do (they
  // are never destroyed). console.* swallows the first such error (see
  // internal/console); with no listener, a later one ends the process.
  _fail(errno, cb) {
    const [code, desc] = binding.util.errnoInfo(errno);
    // Files report like fs calls, pipes and terminals like sockets.
    const err = new Error(this._type === 'fs' ? `${code}: ${desc}, write` : `write ${code}`);
    err.errno = -errno;
    err.code = code;
    err.syscall = 'write';
    this._error = err;
    if (typeof cb === 'function') process.nextTick(cb, err);
    // Failures before the 'error' event went out are reported by that one event.
    if (this._errorPending) return;
    this._errorPending = true;
    process.nextTick(() => {
      this._errorPending = false;
      this._writableState.errorEmitted = true;
      this.emit('error', err);
    });
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    this.writableEnded = true;
    process.nextTick(() => {
      this.writableFinished = true;
      this.emit('finish');
      if (typeof cb === 'function') cb();
    });
    return this;
  }

  cork() { this.writableCorked++; }
  uncork() { if (this.writableCorked) this.writableCorked--; }
  setDefaultEncoding() { return this; }
  // stdout and stderr cannot be destroyed (as in Node, whose stdio streams undestroy
  // themselves at once): destroy() reports its error and 'close', and the stream stays.
  destroy(err) {
    if (err) process.nextTick(() => this.emit('error', err));
    process.nextTick(() => this.emit('close'));
    return this;
  }
  getColorDepth(env = process.env) {
    const forced = forcedColorDepth(env);
    if (forced !== undefined) return forced;
    if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return 1;
    // A piped or file stdout is not a terminal; the prototype itself (yoctocolors and
    // others call tty.WriteStream.prototype.hasColors()) judges by the environment, as
    // in Node.
    if (this._kind !== undefined && !this.isTTY) return 1;
    if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
    if (env.TERM && /-256(colou?r)?$/i.test(env.TERM)) return 8;
    return 4;
  }
  hasColors(count = 16, env) {
    if (typeof count === 'object') { env = count; count = 16; }
    return count <= 2 ** this.getColorDepth(env);
  }
  getWindowSize() { return [this.columns, this.rows]; }
  cursorTo(x, y, cb) { return require('readline').cursorTo(this, x, y, cb); }
  moveCursor(dx, dy, cb) { return require('readline').moveCursor(this, dx, dy, cb); }
  clearLine(dir, cb) { return require('readline').clearLine(this, dir, cb); }
  clearScreenDown(cb) { return require('readline').clearScreenDown(this, cb); }
}

// stdin: a readable of Buffers (or strings after setEncoding), read in chunks by an
// async native operation while flowing.
class ReadStream extends EventEmitter {
  constructor(fd) {
    super();
    this.fd = fd;
    this.readable = true;
    this.readableEnded = false;
    this._flowing = null;
    this._reading = false;
    this._encoding = null;
    this._decoder = null;
    this._buffered = [];
    this._detect();
    this.on('newListener', (ev) => {
      if (ev === 'data' && this._flowing !== false) this.resume();
      if (ev === 'readable' || ev === 'end') this._startReading();
    });
  }

  _detect() {
    this._kind = kind(this.fd);
    this.isTTY = this._kind === 'tty' ? true : undefined;
  }

  setEncoding(enc) {
    this._encoding = enc || 'utf8';
    const { TextDecoder } = require('internal/encoding');
    this._decoder = new TextDecoder(this._encoding === 'utf8' ? 'utf-8' : this._encoding);
    return this;
  }

  setRawMode(flag) {
    if (this.isTTY) binding.stdio.setRawMode(this.fd, !!flag);
    this.isRaw = !!flag;
    return this;
  }

  _convert(bytes) {
    if (this._decoder) return this._decoder.decode(bytes, { stream: true });
    return globalThis.Buffer ? globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
  }

  _startReading() {
    if (this._reading || this.readableEnded) return;
    this._reading = true;
    this._readOp = internals.startOp(readStdin, (value) => {
      this._reading = false;
      if (value instanceof Error) {
        this.emit('error', value);
        return;
      }
      if (value === null) {
        if (this._decoder) {
          const rest = this._decoder.decode();
          if (rest) this._deliver(rest);
        }
        this.readableEnded = true;
        this._ended = true;
        this._maybeEnd();
        return;
      }
      this._deliver(this._convert(value));
      if (this._flowing !== false) this._startReading();
    }, 'stdin read');
  }

  _deliver(chunk) {
    if (this._flowing) this.emit('data', chunk);
    else { this._buffered.push(chunk); this.emit('readable'); }
  }

  _maybeEnd() {
    if (this._buffered.length === 0 && this._ended && !this._endEmitted) {
      this._endEmitted = true;
      process.nextTick(() => { this.emit('end'); this.emit('close'); });
    } else if (this._ended && !this._flowing) {
      this.emit('readable');
    }
  }

  read() {
    if (this._buffered.length === 0) {
      this._startReading();
      this._maybeEnd();
      return null;
    }
    const chunks = this._buffered.splice(0);
    const out = typeof chunks[0] === 'string' ? chunks.join('') : (globalThis.Buffer ? globalThis.Buffer.concat(chunks) : chunks[0]);
    this._maybeEnd();
    return out;
  }

  resume() {
    this._flowing = true;
    if (this._reading) setOpRef(this._readOp, true);
    while (this._buffered.length) this.emit('data', this._buffered.shift());
    this._maybeEnd();
    this._startReading();
    return this;
  }

  pause() {
    this._flowing = false;
    // A read already in flight no longer keeps the process alive, as in Node.
    if (this._reading) setOpRef(this._readOp, false);
    return this;
  }

  isPaused() { return this._flowing === false; }

  pipe(dest) {
    this.on('data', (chunk) => dest.write(chunk));
    this.on('end', () => { if (dest !== process.stdout && dest !== process.stderr) dest.end(); });
    return dest;
  }

  unref() { return this; }
  ref() { return this; }
  destroy() { this.readableEnded = true; return this; }

  [Symbol.asyncIterator]() {
    const events = require('events');
    const it = events.on(this, 'data');
    const done = new Promise((resolve) => this.once('end', resolve));
    const self = this;
    return {
      async next() {
        if (self._endEmitted && self._buffered.length === 0) return { value: undefined, done: true };
        const r = await Promise.race([it.next(), done.then(() => ({ value: undefined, done: true }))]);
        if (r.done) { it.return(); return r; }
        return { value: r.value[0], done: false };
      },
      return() { it.return(); return Promise.resolve({ value: undefined, done: true }); },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}

const stdout = new WriteStream(1);
const stderr = new WriteStream(2);
const stdin = new ReadStream(0);

function refresh() {
  stdout._detect();
  stderr._detect();
  stdin._detect();
}

module.exports = { stdout, stderr, stdin, refresh, WriteStream, ReadStream, forcedColorDepth };
