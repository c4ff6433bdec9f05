'use strict';
// The global console and the Console class: formatting through util.format/inspect,
// grouping indentation, counters, timers, table, trace and assert, as Node prints them.

const { formatWithOptions, inspect } = require('internal/inspect');

const kGroupIndent = Symbol('groupIndent');

// Console output does not throw: a failed write (EPIPE, ENOSPC on /dev/full) is
// dropped the first time, as Node's console does with its default `ignoreErrors: true`.
// The stream's own 'error' event gets a no-op listener only when nobody else listens,
// so user handlers still see it.
const noop = () => {};
function writeIgnoringErrors(stream, text) {
  try {
    stream.write(text, (err) => {
      // Only the first error of a stream is swallowed: once one was emitted, later ones
      // reach the stream's listeners (or end the process), as in Node.
      if (err && !stream._writableState?.errorEmitted && typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0) {
        stream.once('error', noop);
      }
    });
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) throw e;
  }
}

class Console {
  constructor(stdout, stderr, ignoreErrors) {
    let options = stdout;
    if (!options || typeof options.write === 'function') {
      options = { stdout, stderr, ignoreErrors };
    }
    this._stdout = options.stdout;
    this._stderr = options.stderr || options.stdout;
    this._colorMode = options.colorMode ?? 'auto';
    this._inspectOptions = options.inspectOptions;
    this[kGroupIndent] = '';
    this._counts = new Map();
    this._timers = new Map();
    // Methods are bound so they can be passed around, as in Node.
    for (const key of Object.getOwnPropertyNames(Console.prototype)) {
      if (key !== 'constructor' && typeof this[key] === 'function') this[key] = this[key].bind(this);
    }
  }

  _useColors(stream) {
    if (this._colorMode !== 'auto') return !!this._colorMode;
    return !!(stream && stream.isTTY && typeof stream.hasColors === 'function' && stream.hasColors());
  }

  _write(stream, args) {
    const opts = { ...this._inspectOptions };
    if (opts.colors === undefined) opts.colors = this._useColors(stream);
    let text = formatWithOptions(opts, ...args);
    const indent = this[kGroupIndent];
    if (indent.length !== 0) {
      if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
      text = indent + text;
    }
    writeIgnoringErrors(stream, `${text}\n`);
  }

  log(...args) { this._write(this._stdout, args); }
  info(...args) { this._write(this._stdout, args); }
  debug(...args) { this._write(this._stdout, args); }
  warn(...args) { this._write(this._stderr, args); }
  error(...args) { this._write(this._stderr, args); }

  dir(obj, options) {
    const opts = { customInspect: false, ...this._inspectOptions, ...options };
    if (opts.colors === undefined) opts.colors = this._useColors(this._stdout);
    this._stdout.write(`${this[kGroupIndent]}${inspect(obj, opts)}\n`);
  }
  dirxml(...args) { this.log(...args); }

  trace(...args) {
    const err = { name: 'Trace', message: formatWithOptions(this._inspectOptions || {}, ...args) };
    Error.captureStackTrace(err, this.trace);
    this.error(err.stack);
  }

  assert(condition, ...args) {
    if (!condition) {
      if (args.length === 0) this.warn('Assertion failed');
      else if (typeof args[0] === 'string') this.warn(`Assertion failed: ${args[0]}`, ...args.slice(1));
      else this.warn('Assertion failed:', ...args);
    }
  }

  count(label = 'default') {
    label = `${label}`;
    const n = (this._counts.get(label) || 0) + 1;
    this._counts.set(label, n);
    this.log(`${label}: ${n}`);
  }
  countReset(label = 'default') {
    label = `${label}`;
    if (!this._counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this._counts.delete(label);
  }

  // On a terminal (and not TERM=dumb): cursor home, then erase the screen.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') this._stdout.write('\u001b[1;1H\u001b[0J');
  }

  group(...labels) {
    if (labels.length) this.log(...labels);
    this[kGroupIndent] += '  ';
  }
  groupCollapsed(...labels) { this.group(...labels); }
  groupEnd() { this[kGroupIndent] = this[kGroupIndent].slice(0, -2); }

  time(label = 'default') {
    label = `${label}`;
    if (this._timers.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._timers.set(label, process.hrtime.bigint());
  }
  timeEnd(label = 'default') {
    label = `${label}`;
    if (this._timeLog('timeEnd', label, [])) this._timers.delete(label);
  }
  timeLog(label = 'default', ...data) {
    this._timeLog('timeLog', `${label}`, data);
  }
  _timeLog(name, label, data) {
    const start = this._timers.get(label);
    if (start === undefined) {
      process.emitWarning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    this.log(`${label}: ${formatTime(ms)}`, ...data);
    return true;
  }

  table(data, properties) {
    if (data === null || typeof data !== 'object') return this.log(data);
    this.log(renderTable(data, properties));
  }
}

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

// console.table: a box-drawn table like Node's.
function renderTable(data, properties) {
  const { inspect } = require('internal/inspect');
  const fmt = (v) => inspect(v, { depth: 1, breakLength: Infinity, compact: true, maxArrayLength: 3 });
  const indexKey = '(index)';
  const valuesKey = 'Values';
  const rows = [];
  const columns = [];
  let hasValues = false;
  const isMap = data instanceof Map;
  const isSet = data instanceof Set;
  let entries;
  if (isMap) entries = [...data].map(([k, v], i) => [i, v, k]);
  else if (isSet) entries = [...data].map((v, i) => [i, v]);
  else entries = Object.keys(data).map((k) => [k, data[k]]);
  const iterKey = 'Iteration Index';
  for (const [key, value, mapKey] of entries) {
    const row = { [indexKey]: isMap || isSet ? String(key) : key };
    if (isMap) row.Key = fmt(mapKey);
    if (value !== null && typeof value === 'object' && !(typeof value === 'function')) {
      for (const k of Object.keys(value)) {
        if (properties && !properties.includes(k)) continue;
        if (!columns.includes(k)) columns.push(k);
        row[k] = fmt(value[k]);
      }
    } else {
      hasValues = true;
      row[valuesKey] = fmt(value);
    }
    rows.push(row);
  }
  if (properties) columns.splice(0, columns.length, ...properties);
  const head = [isMap || isSet ? iterKey : indexKey];
  if (isMap) head.push('Key');
  head.push(...columns);
  if (hasValues) head.push(valuesKey);
  const keyFor = (h) => (h === iterKey ? indexKey : h);
  const width = (s) => [...s].length;
  const widths = head.map((h) => Math.max(width(h), ...rows.map((r) => width(String(r[keyFor(h)] ?? '')))) + 2);
  const center = (s, w) => ` ${s}${' '.repeat(w - width(s) - 1)}`;
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐')];
  out.push('│' + head.map((h, i) => center(h, widths[i])).join('│') + '│');
  out.push(line('├', '┼', '┤'));
  for (const r of rows) out.push('│' + head.map((h, i) => center(String(r[keyFor(h)] ?? ''), widths[i])).join('│') + '│');
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

const globalConsole = Object.create({});
{
  const inst = new Console({
    stdout: { write: (s, cb) => process.stdout.write(s, cb), listenerCount: (e) => process.stdout.listenerCount(e), once: (e, f) => process.stdout.once(e, f), get _writableState() { return process.stdout._writableState; }, get isTTY() { return process.stdout.isTTY; }, hasColors: (...a) => process.stdout.hasColors(...a) },
    stderr: { write: (s, cb) => process.stderr.write(s, cb), listenerCount: (e) => process.stderr.listenerCount(e), once: (e, f) => process.stderr.once(e, f), get _writableState() { return process.stderr._writableState; }, get isTTY() { return process.stderr.isTTY; }, hasColors: (...a) => process.stderr.hasColors(...a) },
  });
  for (const key of Object.getOwnPropertyNames(Console.prototype)) {
    if (key === 'constructor' || key.startsWith('_')) continue;
    Object.defineProperty(globalConsole, key, { value: inst[key], writable: true, enumerable: true, configurable: true });
  }
  globalConsole.Console = Console;
  globalConsole.context = () => globalConsole;
  globalConsole.profile = () => {};
  globalConsole.profileEnd = () => {};
  globalConsole.timeStamp = () => {};
}

module.exports = { Console, globalConsole };
