'use strict';
// The global console and the Console class: formatting through util.format/inspect,
// grouping indentation, counters, timers, table, trace and assert, as Node prints them.

const { formatWithOptions, inspect } = require('internal/inspect');

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE }, validateInteger, validateObject,
} = require('internal/errors');

const kIsConsole = Symbol('kIsConsole');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentationWidth');
const kCounts = Symbol('counts');
const kColorMode = Symbol('kColorMode');
const kInspectOptions = Symbol('kInspectOptions');
const kWriteToConsole = Symbol('kWriteToConsole');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kFormat = Symbol('kFormat');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kBindProperties = Symbol('kBindProperties');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

// Console output does not throw by default (`ignoreErrors`): a failed write (EPIPE,
// ENOSPC on /dev/full) is swallowed by a one-time no-op 'error' listener added only when
// nobody else listens, so user handlers still see it.
const noop = () => {};
const hasEvents = (stream) => typeof stream.listenerCount === 'function' && typeof stream.once === 'function';
function writeErrorHandler(instance, useStdout) {
  return (err) => {
    const stream = useStdout ? instance._stdout : instance._stderr;
    if (err !== null && err !== undefined && !stream._writableState?.errorEmitted && hasEvents(stream) && stream.listenerCount('error') === 0) {
      stream.once('error', noop);
    }
  };
}
const isStackOverflow = (e) => e instanceof RangeError && /call stack/.test(e.message);

const consolePropAttributes = { writable: true, enumerable: false, configurable: true };

// A function constructor, as Node's: callable without `new`, and `instanceof Console`
// holds for the global console too.
function Console(options /* or: stdout, stderr, ignoreErrors */) {
  if (!new.target) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const { stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions, groupIndentation } = options;
  const { ERR_CONSOLE_WRITABLE_STREAM, ERR_INCOMPATIBLE_OPTION_PAIR } = require('internal/errors').codes;
  if (!stdout || typeof stdout.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');
  if (typeof colorMode !== 'boolean' && colorMode !== 'auto') {
    throw new ERR_INVALID_ARG_VALUE('colorMode', colorMode, "must be one of: 'auto', true, false");
  }
  if (groupIndentation !== undefined) validateInteger(groupIndentation, 'groupIndentation', 0, 1000);
  if (inspectOptions !== undefined) {
    validateObject(inspectOptions, 'options.inspectOptions');
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
    this[kInspectOptions] = inspectOptions;
  }
  // Methods are bound so they can be passed around, under their own names.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = Function.prototype.bind.call(this[key], this);
    Object.defineProperty(this[key], 'name', { value: key });
  }
  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}
Object.defineProperty(Console, Symbol.hasInstance, { value: (instance) => instance?.[kIsConsole] === true });

const internalMethods = {
  [kBindStreamsEager](stdout, stderr) {
    Object.defineProperties(this, {
      _stdout: { ...consolePropAttributes, value: stdout },
      _stderr: { ...consolePropAttributes, value: stderr },
    });
  },
  // The global console: process.stdout and process.stderr are looked up at each write
  // (never cached: a restored snapshot has its own), unless console._stdout is set.
  [kBindStreamsLazy](proc) {
    let stdout;
    let stderr;
    Object.defineProperties(this, {
      _stdout: { enumerable: false, configurable: true, get() { return stdout ?? proc.stdout; }, set(v) { stdout = v; } },
      _stderr: { enumerable: false, configurable: true, get() { return stderr ?? proc.stderr; }, set(v) { stderr = v; } },
    });
  },
  [kBindProperties](ignoreErrors, colorMode, groupIndentation = 2) {
    Object.defineProperties(this, {
      _stdoutErrorHandler: { ...consolePropAttributes, value: writeErrorHandler(this, true) },
      _stderrErrorHandler: { ...consolePropAttributes, value: writeErrorHandler(this, false) },
      _ignoreErrors: { ...consolePropAttributes, value: Boolean(ignoreErrors) },
      _times: { ...consolePropAttributes, value: new Map() },
      [kCounts]: { ...consolePropAttributes, value: new Map() },
      [kColorMode]: { ...consolePropAttributes, value: colorMode },
      [kIsConsole]: { ...consolePropAttributes, value: true },
      [kGroupIndent]: { ...consolePropAttributes, value: '' },
      [kGroupIndentationWidth]: { ...consolePropAttributes, value: groupIndentation },
    });
  },
  [kWriteToConsole](streamSymbol, string) {
    const useStdout = streamSymbol === kUseStdout;
    const stream = useStdout ? this._stdout : this._stderr;
    const indent = this[kGroupIndent];
    if (indent.length !== 0) {
      if (string.includes('\n')) string = string.replace(/\n/g, `\n${indent}`);
      string = indent + string;
    }
    string += '\n';
    if (this._ignoreErrors === false) return stream.write(string);
    // Errors may come synchronously (files, terminals) or later (pipes): a no-op
    // listener covers the first kind, the write callback the second.
    const listen = hasEvents(stream) && stream.listenerCount('error') === 0;
    try {
      if (listen) stream.once('error', noop);
      stream.write(string, useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler);
    } catch (e) {
      if (isStackOverflow(e)) throw e;
    } finally {
      if (listen && typeof stream.removeListener === 'function') stream.removeListener('error', noop);
    }
  },
  [kGetInspectOptions](stream) {
    let color = this[kColorMode];
    if (color === 'auto') {
      // As Node: FORCE_COLOR colours any stream (a pipe too), else a terminal with colours.
      const forced = require('internal/stdio').forcedColorDepth();
      color = forced !== undefined ? forced > 2 : !!stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
    }
    const options = this[kInspectOptions];
    if (options) {
      if (options.colors === undefined) return { ...options, colors: color };
      return options;
    }
    return { colors: color };
  },
  [kFormat](stream, args) {
    return formatWithOptions(this[kGetInspectOptions](stream), ...args);
  },
};

const consoleMethods = {
  log(...args) { this[kWriteToConsole](kUseStdout, this[kFormat](this._stdout, args)); },
  warn(...args) { this[kWriteToConsole](kUseStderr, this[kFormat](this._stderr, args)); },
  dir(object, options) {
    this[kWriteToConsole](kUseStdout, inspect(object, { customInspect: false, ...this[kGetInspectOptions](this._stdout), ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, process.hrtime());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this._times.delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl(this, 'timeLog', `${label}`, data);
  },
  trace: function trace(...args) {
    const err = { name: 'Trace', message: this[kFormat](this._stderr, args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },
  // On a terminal (and not TERM=dumb): cursor home, then erase the screen.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') this._stdout.write('\u001b[1;1H\u001b[0J');
  },
  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    this.log(`${label}: ${n}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  },
  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },
  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },
  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) throw new ERR_INVALID_ARG_TYPE('properties', 'Array', properties);
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    this.log(tableOf(this, tabularData, properties));
  },
};

function timeLogImpl(console, name, label, data) {
  const start = console._times.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const [s, ns] = process.hrtime(start);
  const ms = s * 1000 + ns / 1e6;
  if (data === undefined) console.log('%s: %s', label, formatTime(ms));
  else console.log('%s: %s', label, formatTime(ms), ...data);
  return true;
}

for (const key of Reflect.ownKeys(internalMethods)) {
  Object.defineProperty(Console.prototype, key, { ...consolePropAttributes, value: internalMethods[key] });
}
for (const key of Reflect.ownKeys(consoleMethods)) Console.prototype[key] = consoleMethods[key];
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

function formatTime(ms) {
  let hours = 0, minutes = 0, seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) { hours = Math.floor(ms / 3600000); ms %= 3600000; }
      minutes = Math.floor(ms / 60000); ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes;
    return `${res}:${s.padStart(2, '0')}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// console.table: the rows and columns of `data` as Node lays them out.
function tableOf(console, data, properties) {
  const t = binding.types;
  const { previewEntries } = binding.util;
  const show = (v) => {
    const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...console[kGetInspectOptions](console._stdout) });
  };
  const indices = (length) => Array.from({ length }, (_, i) => show(i));
  const iterKey = '(iteration index)';
  const mapIter = t.isMapIterator(data);
  let isKeyValue = false;
  if (mapIter) [data, isKeyValue] = previewEntries(data) ?? [[], false];
  if (isKeyValue || t.isMap(data)) {
    const keys = [];
    const values = [];
    if (mapIter) {
      for (let i = 0; i < data.length / 2; i++) {
        keys.push(show(data[i * 2]));
        values.push(show(data[i * 2 + 1]));
      }
    } else {
      for (const [k, v] of data) {
        keys.push(show(k));
        values.push(show(v));
      }
    }
    return renderTable([iterKey, 'Key', 'Values'], [indices(keys.length), keys, values]);
  }
  const setIter = t.isSetIterator(data);
  if (setIter) data = previewEntries(data)?.[0] ?? [];
  if (setIter || mapIter || t.isSet(data)) {
    const values = [];
    for (const v of data) values.push(show(v));
    return renderTable([iterKey, 'Values'], [indices(values.length), values]);
  }
  const map = Object.create(null);
  let hasPrimitives = false;
  const primitives = [];
  const indexKeys = Object.keys(data);
  for (let i = 0; i < indexKeys.length; i++) {
    const item = data[indexKeys[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitives[i] = show(item);
    } else {
      for (const key of properties || Object.keys(item)) {
        map[key] ??= [];
        map[key][i] = (primitive && properties) || !Object.hasOwn(item, key) ? '' : show(item[key]);
      }
    }
  }
  const head = Object.keys(map);
  const columns = Object.values(map);
  if (hasPrimitives) {
    head.push('Values');
    columns.push(primitives);
  }
  head.unshift('(index)');
  columns.unshift(indexKeys);
  return renderTable(head, columns);
}

// Display width: escape sequences take none, wide (East Asian) characters two.
function stringWidth(str) {
  str = String(str).replace(/\u001b\[[0-9;]*m/g, '');
  let width = 0;
  for (const ch of str) {
    const code = ch.codePointAt(0);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code < 0x370) || code === 0x200b) continue;
    const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x1f900 && code <= 0x1f9ff) || (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

// A box-drawn table, cells left-aligned (Node 20's cli_table).
function renderTable(head, columns) {
  const widths = head.map((h) => stringWidth(h));
  const longest = Math.max(...columns.map((c) => c.length));
  const rows = [];
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      rows[j] ??= [];
      const value = rows[j][i] = Object.hasOwn(column, j) ? column[j] : '';
      widths[i] = Math.max(widths[i] || 0, stringWidth(value));
    }
  }
  const renderRow = (row) => `│ ${row.map((cell, i) => cell + ' '.repeat(widths[i] - stringWidth(cell))).join(' │ ')} │`;
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let out = `┌${divider.join('┬')}┐\n${renderRow(head)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) out += `${renderRow(row)}\n`;
  out += `└${divider.join('┴')}┘`;
  return out;
}

// V8's own console (`inspector.console`): its methods report to the inspector. It is
// the global until bootstrap replaces it with the one below.
const consoleFromVM = globalThis.console;
// Set while a user's inspector.Session is connected (internal/inspector/session.js).
function setInspectorActive(active) {
  binding.inspector.setConsoleActive(active);
}
// Each global console method also calls V8's, while a session is connected, so that
// `Runtime.consoleAPICalled` reports it as in Node (bindings/inspector.rs: native, so
// its frame is in no stack trace).
const { consoleCall } = binding.inspector;

// The global console: Console.prototype's methods bound to it, with lazy streams.
const globalConsole = Object.create({});
for (const key of Reflect.ownKeys(Console.prototype)) {
  if (key === 'constructor') continue;
  const desc = Reflect.getOwnPropertyDescriptor(Console.prototype, key);
  if (typeof desc.value === 'function') {
    const fromVM = typeof key === 'string' ? consoleFromVM?.[key] : undefined;
    desc.value = typeof fromVM === 'function' ?
      Function.prototype.bind.call(consoleCall, globalConsole, fromVM, desc.value) :
      Function.prototype.bind.call(desc.value, globalConsole);
    Object.defineProperty(desc.value, 'name', { value: key });
  }
  Reflect.defineProperty(globalConsole, key, desc);
}
globalConsole[kBindStreamsLazy](process);
globalConsole[kBindProperties](true, 'auto');
globalConsole.Console = Console;
// What only V8's console has (profile, profileEnd, timeStamp, context, createTask): V8's.
for (const key of Object.keys(consoleFromVM ?? {})) {
  if (!Object.hasOwn(globalConsole, key)) Reflect.defineProperty(globalConsole, key, Reflect.getOwnPropertyDescriptor(consoleFromVM, key));
}

module.exports = { Console, globalConsole, consoleFromVM, setInspectorActive, consoleCall, kBindStreamsLazy, kBindProperties, kWriteToConsole, formatTime };
