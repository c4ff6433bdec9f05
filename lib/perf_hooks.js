'use strict';
// node:perf_hooks — performance.now() relative to this process's time origin, marks
// and measures.

const { now } = binding.timers;
const entries = [];

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name; this.entryType = entryType; this.startTime = startTime; this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() { return { ...this }; }
}

const timeOrigin = Date.now() - now();
const performance = {
  now,
  get timeOrigin() { return timeOrigin; },
  mark(name, options = {}) {
    const e = new PerformanceEntry(name, 'mark', options.startTime ?? now(), 0, options.detail ?? null);
    entries.push(e);
    return e;
  },
  measure(name, start, end) {
    const find = (n) => (typeof n === 'string' ? entries.findLast((e) => e.name === n)?.startTime : n);
    let s = 0, f = now();
    if (typeof start === 'object' && start !== null) { s = find(start.start) ?? 0; f = find(start.end) ?? f; }
    else { if (start !== undefined) s = find(start) ?? 0; if (end !== undefined) f = find(end) ?? f; }
    const e = new PerformanceEntry(name, 'measure', s, f - s);
    entries.push(e);
    return e;
  },
  getEntries() { return [...entries, ...resourceEntries].sort((a, b) => a.startTime - b.startTime); },
  getEntriesByName(name, type) { return this.getEntries().filter((e) => e.name === name && (!type || e.entryType === type)); },
  getEntriesByType(type) { return this.getEntries().filter((e) => e.entryType === type); },
  clearMarks(name) { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (!name || entries[i].name === name)) entries.splice(i, 1); },
  clearMeasures(name) { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (!name || entries[i].name === name)) entries.splice(i, 1); },
  toJSON() { return { timeOrigin, nodeTiming: {}, eventLoopUtilization: {} }; },
  eventLoopUtilization() {
    const { ERR_NOT_IMPLEMENTED } = require('internal/errors').codes;
    throw new ERR_NOT_IMPLEMENTED('performance.eventLoopUtilization()');
  },
  timerify(fn) { return fn; },
  // Resource timing (fetch implementations such as undici's report each fetch here).
  markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode, bodyInfo = {}, responseStatus = 0) {
    const start = timingInfo?.startTime ?? now();
    const e = new PerformanceEntry(`${requestedUrl}`, 'resource', start, (timingInfo?.endTime ?? start) - start);
    e.initiatorType = initiatorType;
    e.responseStatus = responseStatus;
    e.encodedBodySize = bodyInfo.encodedBodySize ?? 0;
    e.decodedBodySize = bodyInfo.decodedBodySize ?? 0;
    if (resourceEntries.length < resourceBufferSize) resourceEntries.push(e);
    return e;
  },
  clearResourceTimings() { resourceEntries.length = 0; },
  setResourceTimingBufferSize(n) { resourceBufferSize = n >>> 0; },
};
let resourceBufferSize = 250;
const resourceEntries = [];
Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance' });

class PerformanceObserver {
  constructor(cb) { this.cb = cb; }
  observe() {}
  disconnect() {}
  static get supportedEntryTypes() { return ['mark', 'measure']; }
}

function monitorEventLoopDelay() {
  const { ERR_NOT_IMPLEMENTED } = require('internal/errors').codes;
  throw new ERR_NOT_IMPLEMENTED('perf_hooks.monitorEventLoopDelay()');
}

// createHistogram(): a RecordableHistogram. Values are kept exactly (a count per
// distinct value), where Node's HdrHistogram rounds to `figures` significant digits;
// percentiles are reported at Node's levels (0, 50, 75, 87.5, ... up to the maximum).
const kValues = Symbol('kValues');
const kState = Symbol('kState');
class Histogram {
  constructor() { throw new TypeError('Illegal constructor'); }
  get count() { return this[kState].count; }
  get countBigInt() { return BigInt(this[kState].count); }
  get min() { return this[kState].count ? this[kState].min : 9223372036854776000; }
  get minBigInt() { return this[kState].count ? BigInt(this[kState].min) : 9223372036854775807n; }
  get max() { return this[kState].count ? this[kState].max : 0; }
  get maxBigInt() { return BigInt(this.max); }
  get mean() {
    const st = this[kState];
    return st.count ? st.sum / st.count : NaN;
  }
  get stddev() {
    const st = this[kState];
    if (!st.count) return NaN;
    const mean = st.sum / st.count;
    let sq = 0;
    for (const [v, n] of this[kValues]) sq += n * (v - mean) ** 2;
    return Math.sqrt(sq / st.count);
  }
  get exceeds() { return this[kState].exceeds; }
  get exceedsBigInt() { return BigInt(this[kState].exceeds); }
  percentile(percentile) {
    const { validateNumber } = require('internal/errors');
    validateNumber(percentile, 'percentile');
    if (!(percentile > 0 && percentile <= 100)) {
      throw new (require('internal/errors').codes.ERR_OUT_OF_RANGE)('percentile', '> 0 && <= 100', percentile);
    }
    return valueAt(this, percentile);
  }
  percentileBigInt(percentile) { return BigInt(this.percentile(percentile)); }
  get percentiles() {
    const out = new Map();
    const st = this[kState];
    if (!st.count) {
      out.set(100, 0);
      return out;
    }
    for (let p = 0; ; p += (100 - p) / 2) {
      const v = valueAt(this, p);
      out.set(p, v);
      if (v >= st.max || p >= 100) break;
    }
    out.set(100, st.max);
    return out;
  }
  get percentilesBigInt() {
    const out = new Map();
    for (const [p, v] of this.percentiles) out.set(p, BigInt(v));
    return out;
  }
  reset() {
    this[kValues].clear();
    Object.assign(this[kState], { count: 0, sum: 0, min: 0, max: 0, exceeds: 0, prev: undefined });
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const shown = { min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev, count: this.count, percentiles: this.percentiles };
    return `Histogram ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
function valueAt(h, p) {
  const st = h[kState];
  if (!st.count) return 0;
  if (p <= 0) return st.min;
  const want = Math.max(1, Math.ceil((p / 100) * st.count));
  let seen = 0;
  for (const v of [...h[kValues].keys()].sort((a, b) => a - b)) {
    seen += h[kValues].get(v);
    if (seen >= want) return v;
  }
  return st.max;
}
class RecordableHistogram extends Histogram {
  constructor() { throw new TypeError('Illegal constructor'); }
  record(val) {
    const st = this[kState];
    if (typeof val === 'bigint') {
      if (val < 1n) throw new (require('internal/errors').codes.ERR_OUT_OF_RANGE)('val', `>= 1 && <= ${st.highest}`, val);
      val = Number(val);
    } else {
      require('internal/errors').validateInteger(val, 'val', 1);
    }
    if (val > st.highest) {
      st.exceeds++;
      return;
    }
    this[kValues].set(val, (this[kValues].get(val) ?? 0) + 1);
    if (st.count === 0 || val < st.min) st.min = val;
    if (st.count === 0 || val > st.max) st.max = val;
    st.count++;
    st.sum += val;
  }
  // Records the nanoseconds since the previous call (nothing on the first).
  recordDelta() {
    const st = this[kState];
    const now = process.hrtime.bigint();
    if (st.prev !== undefined) {
      const d = Number(now - st.prev);
      if (d >= 1) this.record(d);
    }
    st.prev = now;
  }
  add(other) {
    if (!(other instanceof RecordableHistogram)) throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('other', 'RecordableHistogram', other);
    const st = this[kState];
    st.exceeds += other[kState].exceeds;
    for (const [v, n] of other[kValues]) {
      for (let i = 0; i < n; i++) this.record(v);
    }
  }
}
function createHistogram(options = {}) {
  const { validateObject, validateInteger } = require('internal/errors');
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  validateInteger(typeof lowest === 'bigint' ? Number(lowest) : lowest, 'options.lowest', 1);
  validateInteger(typeof highest === 'bigint' ? Number(highest) : highest, 'options.highest', 2 * Number(lowest));
  validateInteger(figures, 'options.figures', 1, 5);
  const h = Object.create(RecordableHistogram.prototype);
  h[kValues] = new Map();
  h[kState] = { count: 0, sum: 0, min: 0, max: 0, exceeds: 0, prev: undefined, highest: Number(highest) };
  return h;
}

module.exports = { performance, PerformanceEntry, PerformanceObserver, monitorEventLoopDelay, createHistogram, constants: {} };
