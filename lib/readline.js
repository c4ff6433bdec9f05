'use strict';
// node:readline — line-oriented input over a readable stream. Without a terminal the
// Interface splits decoded input into 'line' events (CR, LF or CRLF, with crlfDelay for a
// CRLF split across chunks). On a terminal (`terminal: true`, or an output that is a TTY)
// input is decoded into 'keypress' events (emitKeypressEvents) and edited in place: the
// line, the cursor, history (up/down, with prefix search), word and line deletions, tab
// completion, and the prompt redrawn on the output with ANSI escapes, as Node does.

const EventEmitter = require('events');
const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE }, validateFunction,
} = require('internal/errors');

const kEscape = '\x1b';
const kClearToLineBeginning = '\x1b[1K';
const kClearToLineEnd = '\x1b[0K';
const kClearLine = '\x1b[2K';
const kClearScreenDown = '\x1b[0J';
const kMincrlfDelay = 100;
const kMaxHistorySize = 30;
const lineEnding = /\r?\n|\r(?!\n)/g;

function useAfterClose() {
  const err = new Error('readline was closed');
  err.code = 'ERR_USE_AFTER_CLOSE';
  return err;
}

// ---- characters and display width --------------------------------------------------

function isFullWidth(code) {
  return code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a ||
    (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b) ||
    (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001) ||
    (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
}
function isZeroWidth(code) {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xfe20 && code <= 0xfe2f) || (code >= 0xe0100 && code <= 0xe01ef) ||
    // Hangul medial vowels and final consonants (Jungseong, Jongseong): they join the
    // initial consonant before them into one syllable, as in NFD text.
    (code >= 0x1160 && code <= 0x11ff) || (code >= 0xd7b0 && code <= 0xd7ff);
}
function stripVTControlCharacters(str) {
  return require('util').stripVTControlCharacters(str);
}
function stringWidth(str, strip = true) {
  if (strip) str = stripVTControlCharacters(str);
  let width = 0;
  for (const ch of str) {
    const code = ch.codePointAt(0);
    if (isFullWidth(code)) width += 2;
    else if (!isZeroWidth(code)) width++;
  }
  return width;
}
// The length in code units of the character before / at `i`.
function charLengthLeft(str, i) {
  if (i <= 0) return 0;
  if ((i > 1 && str.codePointAt(i - 2) >= 0x10000) || str.codePointAt(i - 1) >= 0x10000) return 2;
  return 1;
}
function charLengthAt(str, i) {
  if (str.length <= i) return 1;
  return str.codePointAt(i) >= 0x10000 ? 2 : 1;
}
function commonPrefix(strings) {
  if (strings.length === 0) return '';
  if (strings.length === 1) return strings[0];
  const sorted = [...strings].sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  for (let i = 0; i < min.length; i++) if (min[i] !== max[i]) return min.slice(0, i);
  return min;
}

// ---- keypress decoding ------------------------------------------------------------

const kKeyNames = {
  OP: 'f1', OQ: 'f2', OR: 'f3', OS: 'f4', '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4', '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[200~': 'paste-start', '[201~': 'paste-end',
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5', '[15~': 'f5', '[17~': 'f6', '[18~': 'f7',
  '[19~': 'f8', '[20~': 'f9', '[21~': 'f10', '[23~': 'f11', '[24~': 'f12',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  OA: 'up', OB: 'down', OC: 'right', OD: 'left', OE: 'clear', OF: 'end', OH: 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup', '[6~': 'pagedown',
  '[[5~': 'pageup', '[[6~': 'pagedown', '[7~': 'home', '[8~': 'end',
};
const kShiftKeyNames = {
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear',
  '[2$': 'insert', '[3$': 'delete', '[5$': 'pageup', '[6$': 'pagedown', '[7$': 'home', '[8$': 'end', '[Z': 'tab',
};
const kCtrlKeyNames = {
  Oa: 'up', Ob: 'down', Oc: 'right', Od: 'left', Oe: 'clear',
  '[2^': 'insert', '[3^': 'delete', '[5^': 'pageup', '[6^': 'pagedown', '[7^': 'home', '[8^': 'end',
};

// A generator fed one character at a time (`''` flushes a lone escape after the
// timeout); it emits 'keypress' on `stream` for each complete key.
function* emitKeys(stream) {
  while (true) {
    let ch = yield;
    let s = ch;
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };
    if (ch === kEscape) {
      escaped = true;
      s += (ch = yield);
      if (ch === kEscape) s += (ch = yield);
    }
    if (escaped && (ch === 'O' || ch === '[')) {
      // An ANSI escape sequence: ESC O letter, ESC O modifier letter, ESC [ letter,
      // ESC [ modifier letter, ESC [ [ letter, ESC [ number ~, ESC [ number ; modifier ~.
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        s += (ch = yield);
        if (ch >= '0' && ch <= '9') {
          modifier = (ch >> 0) - 1;
          s += (ch = yield);
        }
        code += ch;
      } else if (ch === '[') {
        s += (ch = yield);
        if (ch === '[') {
          code += ch;
          s += (ch = yield);
        }
        const cmdStart = s.length - 1;
        if (ch >= '0' && ch <= '9') {
          s += (ch = yield);
          if (ch >= '0' && ch <= '9') {
            s += (ch = yield);
            if (ch >= '0' && ch <= '9') s += (ch = yield);
          }
        }
        if (ch === ';') {
          s += (ch = yield);
          if (ch >= '0' && ch <= '9') s += yield;
        }
        const cmd = s.slice(cmdStart);
        let match;
        if ((match = /^(?:(\d\d?)(?:;(\d))?([~^$])|(\d{3}~))$/.exec(cmd))) {
          if (match[4]) {
            code += match[4];
          } else {
            code += match[1] + match[3];
            modifier = (match[2] || 1) - 1;
          }
        } else if ((match = /^((\d;)?(\d))?([A-Za-z])$/.exec(cmd))) {
          code += match[4];
          modifier = (match[3] || 1) - 1;
        } else {
          code += cmd;
        }
      }
      key.ctrl = !!(modifier & 4);
      key.meta = !!(modifier & 10);
      key.shift = !!(modifier & 1);
      key.code = code;
      if (Object.hasOwn(kKeyNames, code)) {
        key.name = kKeyNames[code];
      } else if (Object.hasOwn(kShiftKeyNames, code)) {
        key.name = kShiftKeyNames[code];
        key.shift = true;
      } else if (Object.hasOwn(kCtrlKeyNames, code)) {
        key.name = kCtrlKeyNames[code];
        key.ctrl = true;
      } else {
        key.name = 'undefined';
      }
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === kEscape) {
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }
    key.sequence = s;
    if (s.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : s, key);
    } else if (charLengthAt(s, 0) === s.length) {
      stream.emit('keypress', s, key);
    }
  }
}

const kKeypressDecoder = Symbol('keypress-decoder');
const kEscapeDecoder = Symbol('escape-decoder');
const kEscapeCodeTimeout = 500;

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  const { StringDecoder } = require('string_decoder');
  stream[kKeypressDecoder] = new StringDecoder('utf8');
  stream[kEscapeDecoder] = emitKeys(stream);
  stream[kEscapeDecoder].next();
  const escapeCodeTimeout = () => stream[kEscapeDecoder].next('');
  let timeoutId;

  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const string = stream[kKeypressDecoder].write(input);
      if (string) {
        clearTimeout(timeoutId);
        // A whole key at once (a paste is several) may be completed by tab.
        iface._sawKeyPress = charLengthAt(string, 0) === string.length;
        iface.isCompletionEnabled = false;
        let length = 0;
        for (const character of string) {
          length += character.length;
          if (length === string.length) iface.isCompletionEnabled = true;
          try {
            stream[kEscapeDecoder].next(character);
            // A lone escape at the end may start a sequence: wait for the rest.
            if (length === string.length && character === kEscape) {
              timeoutId = setTimeout(escapeCodeTimeout, iface.escapeCodeTimeout ?? kEscapeCodeTimeout);
            }
          } catch (err) {
            // A listener threw: start a new decoder so the next key still decodes.
            stream[kEscapeDecoder] = emitKeys(stream);
            stream[kEscapeDecoder].next();
            throw err;
          }
        }
      }
    } else {
      // Nobody listens any more: stop decoding until someone does.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }
  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

// ---- the Interface ----------------------------------------------------------------

const kQuestionCallback = Symbol('questionCallback');
const kOldPrompt = Symbol('oldPrompt');
const kLineBuffer = Symbol('lineBuffer');
const kSawReturnAt = Symbol('sawReturnAt');
const kSubstringSearch = Symbol('substringSearch');
const kPreviousKey = Symbol('previousKey');
const kDecoder = Symbol('decoder');
const kLineObjectStream = Symbol('lineObjectStream');
const kKillRing = Symbol('killRing');
const kKillRingCursor = Symbol('killRingCursor');
const kYanking = Symbol('yanking');
const kUndoStack = Symbol('undoStack');
const kRedoStack = Symbol('redoStack');
const kMaxKillRing = 32;
const kMaxUndoRedo = 2048;

function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  EventEmitter.call(this);
  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  this.escapeCodeTimeout = kEscapeCodeTimeout;
  this.tabSize = 8;
  if (input?.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    history = input.history;
    historySize = input.historySize;
    signal = input.signal;
    if (input.tabSize !== undefined) {
      const { validateUint32 } = require('internal/errors');
      validateUint32(input.tabSize, 'tabSize', true);
      this.tabSize = input.tabSize;
    }
    removeHistoryDuplicates = input.removeHistoryDuplicates;
    if (input.prompt !== undefined) prompt = input.prompt;
    if (input.escapeCodeTimeout !== undefined) {
      if (Number.isFinite(input.escapeCodeTimeout)) {
        this.escapeCodeTimeout = input.escapeCodeTimeout;
      } else {
        throw new ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
    }
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
    }
    crlfDelay = input.crlfDelay;
    input = input.input;
  }
  if (completer !== undefined && typeof completer !== 'function') throw new ERR_INVALID_ARG_VALUE('completer', completer);
  if (history === undefined) history = [];
  else if (!Array.isArray(history)) throw new ERR_INVALID_ARG_TYPE('history', 'Array', history);
  if (historySize === undefined) historySize = kMaxHistorySize;
  if (typeof historySize !== 'number') throw new ERR_INVALID_ARG_TYPE('historySize', 'number', historySize);
  if (Number.isNaN(historySize) || historySize < 0) {
    const { ERR_OUT_OF_RANGE } = require('internal/errors').codes;
    throw new ERR_OUT_OF_RANGE('historySize', '>= 0', historySize);
  }
  // Unless told otherwise, a terminal output means terminal mode.
  if (terminal === undefined && !(output === null || output === undefined)) terminal = !!output.isTTY;

  this.line = '';
  this.output = output;
  this.input = input;
  this[kSubstringSearch] = null;
  this.history = history;
  this.historySize = historySize;
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
  this.completer = completer;
  this._prompt = prompt;
  this.terminal = !!terminal;
  this[kLineBuffer] = null;
  this[kSawReturnAt] = 0;
  this[kQuestionCallback] = null;
  this[kPreviousKey] = null;
  this.isCompletionEnabled = true;
  this._sawKeyPress = false;
  this[kKillRing] = [];
  this[kKillRingCursor] = 0;
  this[kYanking] = false;
  this[kUndoStack] = [];
  this[kRedoStack] = [];
  this.closed = false;
  this.paused = false;

  const self = this;
  function onerror(err) { self.emit('error', err); }
  function ondata(data) { self._normalWrite(data); }
  function onend() {
    if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) self.emit('line', self[kLineBuffer]);
    self.close();
  }
  function ontermend() {
    if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
    self.close();
  }
  function onkeypress(s, key) {
    self._ttyWrite(s, key);
    if (key && key.sequence) {
      // Half of a surrogate pair on its own: redraw once the line is consistent again.
      const ch = key.sequence.codePointAt(0);
      if (ch >= 0xd800 && ch <= 0xdfff) self._refreshLine();
    }
  }
  function onresize() { self._refreshLine(); }

  this[kLineObjectStream] = undefined;
  input.on('error', onerror);
  if (!this.terminal) {
    const { StringDecoder } = require('string_decoder');
    this[kDecoder] = new StringDecoder('utf8');
    input.on('data', ondata);
    input.on('end', onend);
    this.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
  } else {
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this._setRawMode(true);
    this.terminal = true;
    this.cursor = 0;
    this.historyIndex = -1;
    if (output !== null && output !== undefined) output.on('resize', onresize);
    this.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
      if (output !== null && output !== undefined) output.removeListener('resize', onresize);
    });
  }
  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      self.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }
  // The input may have been paused before (a previous Interface on it).
  input.resume();
}
Object.setPrototypeOf(Interface.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Interface, EventEmitter);

const methods = class {
  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }
  setPrompt(prompt) { this._prompt = prompt; }
  getPrompt() { return this._prompt; }
  _setRawMode(mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }
  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this._refreshLine();
    } else {
      this._writeToOutput(this._prompt);
    }
  }
  question(query, options, cb) {
    cb = typeof options === 'function' ? options : cb;
    if (options !== null && typeof options === 'object' && options.signal) {
      const { signal } = options;
      if (signal.aborted) return;
      const onAbort = () => this._questionCancel();
      signal.addEventListener('abort', onAbort, { once: true });
      const callback = cb;
      cb = (answer) => {
        signal.removeEventListener('abort', onAbort);
        callback(answer);
      };
    }
    if (typeof cb === 'function') this._question(query, cb);
  }
  _questionCancel() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }
  _question(query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this._prompt;
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }
  _onLine(line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }
  _writeToOutput(stringToWrite) {
    if (typeof stringToWrite !== 'string') throw new ERR_INVALID_ARG_TYPE('stringToWrite', 'string', stringToWrite);
    if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
  }
  _addHistory() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    // A 'history' listener may change the entry (e.g. drop a password).
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }
  _refreshLine() {
    const line = this._prompt + this.line;
    const dispPos = this._getDisplayPos(line);
    const lineCols = dispPos.cols;
    const lineRows = dispPos.rows;
    const cursorPos = this.getCursorPos();
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this._writeToOutput(line);
    // Makes the terminal allocate a new line when the text fills the last one.
    if (lineCols === 0) this._writeToOutput(' ');
    cursorTo(this.output, cursorPos.cols);
    const diff = lineRows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }
  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this._setRawMode(false);
    this.closed = true;
    this.emit('close');
  }
  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  write(d, key) {
    if (this.closed) throw useAfterClose();
    if (this.paused) this.resume();
    if (this.terminal) this._ttyWrite(d, key);
    else this._normalWrite(d);
  }
  _normalWrite(b) {
    if (b === undefined) return;
    let string = typeof b === 'string' ? b : this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let match = lineEnding.exec(string);
    if (match !== null) {
      if (this[kLineBuffer]) {
        string = this[kLineBuffer] + string;
        this[kLineBuffer] = null;
        lineEnding.lastIndex = 0;
        match = lineEnding.exec(string);
      }
      this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
      const indexes = [0, match.index, lineEnding.lastIndex];
      let next;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      this[kLineBuffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) {
        this._onLine(string.slice(indexes[i - 1], indexes[i]));
        if (this.closed) break;
      }
    } else if (string) {
      this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + string : string;
    }
  }
  // The line before an edit, for undo (ctrl+_) and redo (ctrl+^).
  _beforeEdit(oldText, oldCursor) {
    this[kUndoStack].push({ text: oldText, cursor: oldCursor });
    if (this[kUndoStack].length > kMaxUndoRedo) this[kUndoStack].shift();
    this[kRedoStack] = [];
  }
  _undo() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this._refreshLine();
  }
  _redo() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this._refreshLine();
  }
  // Deleted words and line parts go to a kill ring, yanked back with ctrl+y (meta+y
  // cycles through older ones).
  _pushToKillRing(del) {
    if (!del || del === this[kKillRing][0]) return;
    this[kKillRing].unshift(del);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > kMaxKillRing) this[kKillRing].pop();
  }
  _yank() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this._insertString(this[kKillRing][this[kKillRingCursor]]);
    }
  }
  _yankPop() {
    if (!this[kYanking]) return;
    if (this[kKillRing].length > 1) {
      const lastYank = this[kKillRing][this[kKillRingCursor]];
      this[kKillRingCursor]++;
      if (this[kKillRingCursor] >= this[kKillRing].length) this[kKillRingCursor] = 0;
      const currentYank = this[kKillRing][this[kKillRingCursor]];
      const head = this.line.slice(0, this.cursor - lastYank.length);
      const tail = this.line.slice(this.cursor);
      this.line = head + currentYank + tail;
      this.cursor = head.length + currentYank.length;
      this._refreshLine();
    }
  }
  _insertString(c) {
    this._beforeEdit(this.line, this.cursor);
    if (this.cursor < this.line.length) {
      this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
      this.cursor += c.length;
      this._refreshLine();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this._refreshLine();
      else this._writeToOutput(c);
    }
  }
  // Asks the completer (callback style when it takes two arguments, else its return
  // value); a value given at once completes at once, as in Node.
  _tabComplete(lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    const done = (err, value) => {
      this.resume();
      if (err) {
        this._writeToOutput(`Tab completion error: ${require('internal/inspect').inspect(err)}`);
        return;
      }
      this._tabCompleter(lastKeypressWasTab, value);
    };
    if (this.completer.length === 2) {
      this.completer(string, done);
      return;
    }
    let value;
    try {
      value = this.completer(string);
    } catch (err) {
      done(err);
      return;
    }
    done(null, value);
  }
  _tabCompleter(lastKeypressWasTab, [completions, completeOn] = []) {
    if (!completions || completions.length === 0) return;
    const prefix = commonPrefix(completions.filter((e) => e !== ''));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this._insertString(prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix + this.line.slice(this.cursor);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this._refreshLine();
      return;
    }
    if (!lastKeypressWasTab) return;
    this._beforeEdit(this.line, this.cursor);
    // A second tab lists the completions in columns.
    const widths = completions.map((e) => stringWidth(e));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let lineIndex = 0;
    let whitespace = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || lineIndex === maxColumns) {
        output += '\r\n';
        lineIndex = 0;
        whitespace = 0;
      } else {
        output += ' '.repeat(whitespace);
      }
      if (completion !== '') {
        output += completion;
        whitespace = width - widths[i];
        lineIndex++;
      } else {
        output += '\r\n';
      }
    }
    if (lineIndex !== 0) output += '\r\n\r\n';
    this._writeToOutput(output);
    this._refreshLine();
  }
  _wordLeft() {
    if (this.cursor > 0) {
      const reversed = [...this.line.slice(0, this.cursor)].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      this._moveCursor(-match[0].length);
    }
  }
  _wordRight() {
    if (this.cursor < this.line.length) {
      const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(this.line.slice(this.cursor));
      this._moveCursor(match[0].length);
    }
  }
  _deleteLeft() {
    if (this.cursor > 0 && this.line.length > 0) {
      this._beforeEdit(this.line, this.cursor);
      const size = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - size) + this.line.slice(this.cursor);
      this.cursor -= size;
      this._refreshLine();
    }
  }
  _deleteRight() {
    if (this.cursor < this.line.length) {
      this._beforeEdit(this.line, this.cursor);
      const size = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + size);
      this._refreshLine();
    }
  }
  _deleteWordLeft() {
    if (this.cursor > 0) {
      this._beforeEdit(this.line, this.cursor);
      let leading = this.line.slice(0, this.cursor);
      const reversed = [...leading].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      this._pushToKillRing(leading.slice(leading.length - match[0].length));
      leading = leading.slice(0, leading.length - match[0].length);
      this.line = leading + this.line.slice(this.cursor);
      this.cursor = leading.length;
      this._refreshLine();
    }
  }
  _deleteWordRight() {
    if (this.cursor < this.line.length) {
      this._beforeEdit(this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this._pushToKillRing(match[0]);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this._refreshLine();
    }
  }
  _deleteLineLeft() {
    this._beforeEdit(this.line, this.cursor);
    this._pushToKillRing(this.line.slice(0, this.cursor));
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this._refreshLine();
  }
  _deleteLineRight() {
    this._beforeEdit(this.line, this.cursor);
    this._pushToKillRing(this.line.slice(this.cursor));
    this.line = this.line.slice(0, this.cursor);
    this._refreshLine();
  }
  clearLine() {
    this._moveCursor(+Infinity);
    this._writeToOutput('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }
  _line() {
    const line = this._addHistory();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this._onLine(line);
  }
  _historyNext() {
    if (this.historyIndex >= 0) {
      this._beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex - 1;
      while (index >= 0 && (!this.history[index].startsWith(search) || this.line === this.history[index])) index--;
      this.line = index === -1 ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this._refreshLine();
    }
  }
  _historyPrev() {
    if (this.historyIndex < this.history.length && this.history.length) {
      this._beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex + 1;
      while (index < this.history.length && (!this.history[index].startsWith(search) || this.line === this.history[index])) index++;
      this.line = index === this.history.length ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this._refreshLine();
    }
  }
  // Where text would be shown: rows and columns from the start of the prompt, with
  // tabs aligned and wide characters taking two columns.
  _getDisplayPos(str) {
    let offset = 0;
    const col = this.columns;
    let rows = 0;
    str = stripVTControlCharacters(str);
    for (const char of str) {
      if (char === '\n') {
        rows += Math.ceil(offset / col) || 1;
        offset = 0;
        continue;
      }
      if (char === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = stringWidth(char, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        if ((offset + 1) % col === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % col;
    rows += (offset - cols) / col;
    return { cols, rows };
  }
  getCursorPos() {
    return this._getDisplayPos(this._prompt + this.line.slice(0, this.cursor));
  }
  _moveCursor(dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this._refreshLine();
  }
  // One key (or a string of several) typed on the terminal.
  _ttyWrite(s, key) {
    const previousKey = this[kPreviousKey];
    key = key || {};
    this[kPreviousKey] = key;
    // Up and down search the history for lines starting as this one (up to the cursor).
    if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
      if (this[kSubstringSearch] === null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] !== null) {
      this[kSubstringSearch] = null;
      // The search ran past the oldest entry: start again from the newest.
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }
    // Undo (ctrl+_) and redo (ctrl+^).
    if (typeof key.sequence === 'string') {
      const code = key.sequence.codePointAt(0);
      if (code === 0x1f) { this._undo(); return; }
      if (code === 0x1e) { this._redo(); return; }
    }
    if (this[kYanking] && !(key.meta && key.name === 'y')) this[kYanking] = false;
    if (key.name === 'escape') return;
    if (key.ctrl && key.shift) {
      switch (key.name) {
        case 'backspace': this._deleteLineLeft(); break;
        case 'delete': this._deleteLineRight(); break;
      }
    } else if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
          else this.close();
          break;
        case 'h': this._deleteLeft(); break;
        case 'd':
          if (this.cursor === 0 && this.line.length === 0) this.close();
          else if (this.cursor < this.line.length) this._deleteRight();
          break;
        case 'u': this._deleteLineLeft(); break;
        case 'k': this._deleteLineRight(); break;
        case 'a': this._moveCursor(-Infinity); break;
        case 'e': this._moveCursor(+Infinity); break;
        case 'b': this._moveCursor(-charLengthLeft(this.line, this.cursor)); break;
        case 'f': this._moveCursor(+charLengthAt(this.line, this.cursor)); break;
        case 'l':
          cursorTo(this.output, 0, 0);
          clearScreenDown(this.output);
          this._refreshLine();
          break;
        case 'n': this._historyNext(); break;
        case 'y': this._yank(); break;
        case 'p': this._historyPrev(); break;
        case 'z':
          if (process.platform === 'win32') break;
          if (this.listenerCount('SIGTSTP') > 0) {
            this.emit('SIGTSTP');
          } else {
            process.once('SIGCONT', () => {
              if (!this.paused) {
                this.pause();
                this.emit('SIGCONT');
              }
              this._setRawMode(true);
              this._refreshLine();
            });
            this._setRawMode(false);
            process.kill(process.pid, 'SIGTSTP');
          }
          break;
        case 'w':
        case 'backspace': this._deleteWordLeft(); break;
        case 'delete': this._deleteWordRight(); break;
        case 'left': this._wordLeft(); break;
        case 'right': this._wordRight(); break;
      }
    } else if (key.meta) {
      switch (key.name) {
        case 'b': this._wordLeft(); break;
        case 'f': this._wordRight(); break;
        case 'd':
        case 'delete': this._deleteWordRight(); break;
        case 'backspace': this._deleteWordLeft(); break;
        case 'y': this._yankPop(); break;
      }
    } else {
      if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
      switch (key.name) {
        case 'return':
          this[kSawReturnAt] = Date.now();
          this._line();
          break;
        case 'enter':
          // A CR just before (CRLF split in two keys) already ended the line.
          if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this._line();
          this[kSawReturnAt] = 0;
          break;
        case 'backspace': this._deleteLeft(); break;
        case 'delete': this._deleteRight(); break;
        case 'left': this._moveCursor(-charLengthLeft(this.line, this.cursor)); break;
        case 'right': this._moveCursor(+charLengthAt(this.line, this.cursor)); break;
        case 'home': this._moveCursor(-Infinity); break;
        case 'end': this._moveCursor(+Infinity); break;
        case 'up': this._historyPrev(); break;
        case 'down': this._historyNext(); break;
        case 'tab':
          if (typeof this.completer === 'function' && this.isCompletionEnabled) {
            this._tabComplete(previousKey?.name === 'tab');
            break;
          }
        // falls through
        default:
          if (typeof s === 'string' && s) {
            // Several lines at once (a paste, or write()): each ends a line.
            lineEnding.lastIndex = 0;
            let match;
            let lastIndex = 0;
            while ((match = lineEnding.exec(s)) !== null) {
              this._insertString(s.slice(lastIndex, match.index));
              ({ lastIndex } = lineEnding);
              this._line();
              lineEnding.lastIndex = lastIndex;
            }
            this._insertString(s.slice(lastIndex));
          }
      }
    }
  }
  // Lines as an async iterator (events.on): the input is paused while more than 1024
  // lines wait unread, and resumed once they were all read; 'close' ends it.
  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) {
      const { kFirstEventParam } = require('internal/event_target');
      this[kLineObjectStream] = require('events').on(this, 'line', {
        close: ['close'],
        highWaterMark: 1024,
        [kFirstEventParam]: true,
      });
    }
    return this[kLineObjectStream];
  }
};
for (const key of Reflect.ownKeys(methods.prototype)) {
  if (key !== 'constructor') Object.defineProperty(Interface.prototype, key, Object.getOwnPropertyDescriptor(methods.prototype, key));
}
// util.promisify(rl.question) resolves with the answer.
Object.defineProperty(Interface.prototype.question, Symbol.for('nodejs.util.promisify.custom'), {
  value: function question(query, options) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      if (options?.signal) {
        // Node's AbortError, with the signal's reason as its cause.
        const abortError = () => {
          const err = new Error('The operation was aborted', { cause: options.signal.reason });
          err.name = 'AbortError';
          err.code = 'ABORT_ERR';
          return err;
        };
        if (options.signal.aborted) return reject(abortError());
        const onAbort = () => {
          this._questionCancel();
          reject(abortError());
        };
        options.signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          options.signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      // The signal is handled here: the callback form gets none.
      Interface.prototype.question.call(this, query, cb);
    });
  },
});

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

// ---- cursor helpers ---------------------------------------------------------------

function doneAtOnce(callback) {
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}
function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw new ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) return doneAtOnce(callback);
  if (typeof x !== 'number') {
    const err = new TypeError('Cannot set cursor row without setting its column');
    err.code = 'ERR_INVALID_CURSOR_POS';
    throw err;
  }
  const data = typeof y !== 'number' ? `\x1b[${x + 1}G` : `\x1b[${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}
function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) return doneAtOnce(callback);
  let data = '';
  if (dx < 0) data += `\x1b[${-dx}D`;
  else if (dx > 0) data += `\x1b[${dx}C`;
  if (dy < 0) data += `\x1b[${-dy}A`;
  else if (dy > 0) data += `\x1b[${dy}B`;
  return stream.write(data, callback);
}
function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) return doneAtOnce(callback);
  const type = dir < 0 ? kClearToLineBeginning : dir > 0 ? kClearToLineEnd : kClearLine;
  return stream.write(type, callback);
}
function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) return doneAtOnce(callback);
  return stream.write(kClearScreenDown, callback);
}

// ---- readline/promises -------------------------------------------------------------

// The same Interface whose question() returns a promise.
function PromisesInterface(input, output, completer, terminal) {
  if (!(this instanceof PromisesInterface)) return new PromisesInterface(input, output, completer, terminal);
  Interface.call(this, input, output, completer, terminal);
}
Object.setPrototypeOf(PromisesInterface.prototype, Interface.prototype);
Object.setPrototypeOf(PromisesInterface, Interface);
PromisesInterface.prototype.question = Interface.prototype.question[Symbol.for('nodejs.util.promisify.custom')];
// The completer may return a promise; its result is always awaited.
PromisesInterface.prototype._tabComplete = async function _tabComplete(lastKeypressWasTab) {
  this.pause();
  const string = this.line.slice(0, this.cursor);
  let value;
  try {
    value = await this.completer(string);
  } catch (err) {
    this._writeToOutput(`Tab completion error: ${require('internal/inspect').inspect(err)}`);
    return;
  } finally {
    this.resume();
  }
  this._tabCompleter(lastKeypressWasTab, value);
};

const promises = {
  Interface: PromisesInterface,
  get Readline() { return require('internal/readline/promises').Readline; },
  createInterface: function createInterface(input, output, completer, terminal) {
    return new PromisesInterface(input, output, completer, terminal);
  },
};

// A tagged template for Control Sequence Introducer strings: CSI`${n}G`.
function CSI(strings, ...args) {
  let ret = '\x1b[';
  for (let n = 0; n < strings.length; n++) {
    ret += strings[n];
    if (n < args.length) ret += args[n];
  }
  return ret;
}
CSI.kEscape = kEscape;
CSI.kClearToLineBeginning = kClearToLineBeginning;
CSI.kClearToLineEnd = kClearToLineEnd;
CSI.kClearLine = kClearLine;
CSI.kClearScreenDown = kClearScreenDown;

module.exports = {
  Interface, createInterface, cursorTo, moveCursor, clearLine, clearScreenDown, emitKeypressEvents, promises,
};
// For internal/readline/utils and internal/util/inspect.
Object.defineProperty(module.exports, Symbol.for('amber.readline.internals'), {
  value: { CSI, charLengthAt, charLengthLeft, commonPrefix, emitKeys, stringWidth, kSubstringSearch },
});
