'use strict';
// node:readline — line-oriented input over a readable stream: 'line' events, question,
// prompt, async iteration; plus the cursor helpers for terminals.

const EventEmitter = require('events');

const kQuestion = Symbol('question');

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let options = input;
    if (!input || typeof input.on !== 'function' || input.read === undefined && options.input) {
      options = input;
    } else {
      options = { input, output, completer, terminal };
    }
    this.input = options.input;
    this.output = options.output;
    this.terminal = !!(options.terminal ?? this.output?.isTTY);
    this._prompt = options.prompt ?? '> ';
    this.crlfDelay = options.crlfDelay ?? 100;
    this.line = '';
    this.closed = false;
    this.paused = false;
    this.history = [];
    this._buffer = '';
    this._questionCb = null;
    this._lines = [];
    this._waiters = [];
    this._ondata = (chunk) => this._onData(typeof chunk === 'string' ? chunk : this._decode(chunk));
    this._onend = () => {
      if (this._buffer.length > 0) {
        const line = this._buffer;
        this._buffer = '';
        this._emitLine(line);
      }
      this.close();
    };
    if (this.input) {
      this.input.on('data', this._ondata);
      this.input.on('end', this._onend);
      if (typeof this.input.resume === 'function') this.input.resume();
    }
    if (options.signal) options.signal.addEventListener('abort', () => this.close(), { once: true });
  }

  _decode(chunk) {
    if (!this._decoder) {
      const { StringDecoder } = require('string_decoder');
      this._decoder = new StringDecoder('utf8');
    }
    return this._decoder.write(chunk);
  }

  _onData(text) {
    this._buffer += text;
    let idx;
    while ((idx = this._buffer.search(/\r\n|\n|\r/)) !== -1) {
      const line = this._buffer.slice(0, idx);
      const sepLen = this._buffer.startsWith('\r\n', idx) ? 2 : 1;
      this._buffer = this._buffer.slice(idx + sepLen);
      this._emitLine(line);
    }
  }

  _emitLine(line) {
    if (this._questionCb) {
      const cb = this._questionCb;
      this._questionCb = null;
      cb(line);
      return;
    }
    this.history.unshift(line);
    this.emit('line', line);
  }

  setPrompt(prompt) { this._prompt = prompt; }
  getPrompt() { return this._prompt; }
  prompt() {
    if (this.closed) {
      const e = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    if (this.output) this.output.write(this._prompt);
    this.resume();
  }
  question(query, options, cb) {
    if (typeof options === 'function') cb = options;
    if (this.closed) {
      const e = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    this._questionCb = cb;
    if (this.output) this.output.write(query);
    this.resume();
  }
  write(data) {
    if (this.closed) return;
    if (typeof data === 'string') this._onData(data);
  }
  pause() {
    if (this.paused) return this;
    this.input?.pause?.();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return this;
    this.input?.resume?.();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.input) {
      this.input.removeListener('data', this._ondata);
      this.input.removeListener('end', this._onend);
      if (typeof this.input.pause === 'function' && this.input !== process.stdin) this.input.pause();
      if (this.input === process.stdin) this.input.pause();
    }
    this.emit('close');
  }
  getCursorPos() { return { rows: 0, cols: this.line.length }; }
  [Symbol.asyncIterator]() {
    const events = require('events');
    const it = events.on(this, 'line');
    this.once('close', () => it.return());
    return {
      next: () => it.next().then((r) => (r.done ? r : { value: r.value[0], done: false })),
      return: () => it.return(),
      [Symbol.asyncIterator]() { return this; },
    };
  }
  [kQuestion]() {}
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

function cursorTo(stream, x, y, cb) {
  if (typeof y === 'function') { cb = y; y = undefined; }
  const data = typeof y !== 'number' ? `\x1b[${x + 1}G` : `\x1b[${y + 1};${x + 1}H`;
  return stream.write(data, cb);
}
function moveCursor(stream, dx, dy, cb) {
  let data = '';
  if (dx < 0) data += `\x1b[${-dx}D`; else if (dx > 0) data += `\x1b[${dx}C`;
  if (dy < 0) data += `\x1b[${-dy}A`; else if (dy > 0) data += `\x1b[${dy}B`;
  return stream.write(data, cb);
}
function clearLine(stream, dir, cb) {
  const type = dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K';
  return stream.write(type, cb);
}
function clearScreenDown(stream, cb) { return stream.write('\x1b[0J', cb); }
// Decodes terminal input into 'keypress' events: (sequence, { sequence, name, ctrl, meta, shift }).
const kKeypress = Symbol('keypress decoder');
const escapes = {
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[H': 'home', '[F': 'end', 'OA': 'up', 'OB': 'down', 'OC': 'right',
  'OD': 'left', 'OH': 'home', 'OF': 'end', '[1~': 'home', '[4~': 'end', '[2~': 'insert', '[3~': 'delete', '[5~': 'pageup',
  '[6~': 'pagedown', '[Z': 'tab', 'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
};
function decodeKeys(text) {
  const keys = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const key = { sequence: ch, name: undefined, ctrl: false, meta: false, shift: false };
    if (ch === '\x1b' && i + 1 < text.length && (text[i + 1] === '[' || text[i + 1] === 'O')) {
      const m = /^\x1b([[O][0-9;]*[A-Za-z~])/.exec(text.slice(i));
      if (m) {
        key.sequence = m[0];
        key.code = m[1];
        key.name = escapes[m[1]];
        key.shift = m[1] === '[Z';
        keys.push(key);
        i += m[0].length;
        continue;
      }
    }
    if (ch === '\x1b' && i + 1 < text.length) {
      key.sequence = text.slice(i, i + 2);
      key.meta = true;
      key.name = text[i + 1].toLowerCase();
      keys.push(key);
      i += 2;
      continue;
    }
    if (ch === '\r') key.name = 'return';
    else if (ch === '\n') key.name = 'enter';
    else if (ch === '\t') key.name = 'tab';
    else if (ch === '\b' || ch === '\x7f') key.name = 'backspace';
    else if (ch === '\x1b') key.name = 'escape';
    else if (ch === ' ') key.name = 'space';
    else if (ch <= '\x1a') {
      key.name = String.fromCharCode(ch.charCodeAt(0) + 96);
      key.ctrl = true;
    } else if (/^[0-9]$/.test(ch)) key.name = ch;
    else if (/^[a-z]$/.test(ch)) key.name = ch;
    else if (/^[A-Z]$/.test(ch)) { key.name = ch.toLowerCase(); key.shift = true; }
    keys.push(key);
    i += 1;
  }
  return keys;
}

function emitKeypressEvents(stream) {
  if (stream[kKeypress]) return;
  const { StringDecoder } = require('string_decoder');
  const decoder = new StringDecoder('utf8');
  stream[kKeypress] = true;
  const onData = (chunk) => {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (const key of decodeKeys(text)) {
      stream.emit('keypress', key.sequence.length > 1 && key.sequence[0] === '\x1b' ? undefined : key.sequence, key);
    }
  };
  const attach = (event) => {
    if (event === 'keypress') {
      stream.removeListener('newListener', attach);
      stream.on('data', onData);
    }
  };
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', attach);
}

const promises = {
  Interface,
  createInterface(...args) {
    const rl = createInterface(...args);
    const question = rl.question.bind(rl);
    rl.question = (query, options) => new Promise((resolve) => question(query, options, resolve));
    return rl;
  },
};

module.exports = { Interface, createInterface, cursorTo, moveCursor, clearLine, clearScreenDown, emitKeypressEvents, promises };
