'use strict';
// node:perf_hooks — performance.now() relative to this process's time origin, marks
// and measures.

const { now } = binding.timers;
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, ERR_ILLEGAL_CONSTRUCTOR },
  validateObject, validateFunction, validateInteger,
} = require('internal/errors');
const { EventTarget, Event } = require('internal/event_target');
const entries = [];
const kInternal = Symbol('kInternal');

class PerformanceEntry {
  constructor(key, name, entryType, startTime, duration, detail) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this.name = name; this.entryType = entryType; this.startTime = startTime; this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() { return { ...this }; }
}
class PerformanceMark extends PerformanceEntry {
  constructor(name, options) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    if (options !== undefined) validateObject(options, 'options');
    const startTime = options?.startTime ?? now();
    if (typeof startTime !== 'number') throw new ERR_INVALID_ARG_TYPE('options.startTime', 'number', startTime);
    const detail = options?.detail;
    super(kInternal, `${name}`, 'mark', startTime, 0, detail === undefined ? null : structuredClone(detail));
  }
}
class PerformanceMeasure extends PerformanceEntry {
  constructor(key, name, startTime, duration, detail) {
    super(key, name, 'measure', startTime, duration, detail);
  }
}
const kTiming = Symbol('kTiming');
class PerformanceResourceTiming extends PerformanceEntry {
  constructor(key, name, timingInfo, initiatorType, cacheMode) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(key, name, 'resource', timingInfo.startTime, timingInfo.endTime - timingInfo.startTime);
    this[kTiming] = { info: timingInfo, initiatorType, cacheMode };
  }
  get initiatorType() { return this[kTiming].initiatorType; }
  get nextHopProtocol() { return this[kTiming].info.finalConnectionTimingInfo?.ALPNNegotiatedProtocol; }
  get workerStart() { return this[kTiming].info.finalServiceWorkerStartTime; }
  get redirectStart() { return this[kTiming].info.redirectStartTime; }
  get redirectEnd() { return this[kTiming].info.redirectEndTime; }
  get fetchStart() { return this[kTiming].info.postRedirectStartTime; }
  get domainLookupStart() { return this[kTiming].info.finalConnectionTimingInfo?.domainLookupStartTime; }
  get domainLookupEnd() { return this[kTiming].info.finalConnectionTimingInfo?.domainLookupEndTime; }
  get connectStart() { return this[kTiming].info.finalConnectionTimingInfo?.connectionStartTime; }
  get connectEnd() { return this[kTiming].info.finalConnectionTimingInfo?.connectionEndTime; }
  get secureConnectionStart() { return this[kTiming].info.finalConnectionTimingInfo?.secureConnectionStartTime; }
  get requestStart() { return this[kTiming].info.finalNetworkRequestStartTime; }
  get responseStart() { return this[kTiming].info.finalNetworkResponseStartTime; }
  get responseEnd() { return this[kTiming].info.endTime; }
  get encodedBodySize() { return this[kTiming].info.encodedBodySize; }
  get decodedBodySize() { return this[kTiming].info.decodedBodySize; }
  // The spec's transfer size: nothing from the local cache, the 300-byte header
  // allowance for a revalidation, else the body plus that allowance.
  get transferSize() {
    const { cacheMode, info } = this[kTiming];
    if (cacheMode === 'local') return 0;
    if (cacheMode === 'validated') return 300;
    return info.encodedBodySize + 300;
  }
  toJSON() {
    return {
      name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration,
      initiatorType: this.initiatorType, nextHopProtocol: this.nextHopProtocol, workerStart: this.workerStart,
      redirectStart: this.redirectStart, redirectEnd: this.redirectEnd, fetchStart: this.fetchStart,
      domainLookupStart: this.domainLookupStart, domainLookupEnd: this.domainLookupEnd,
      connectStart: this.connectStart, connectEnd: this.connectEnd, secureConnectionStart: this.secureConnectionStart,
      requestStart: this.requestStart, responseStart: this.responseStart, responseEnd: this.responseEnd,
      transferSize: this.transferSize, encodedBodySize: this.encodedBodySize, decodedBodySize: this.decodedBodySize,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    return `PerformanceResourceTiming ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

for (const C of [PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceResourceTiming]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { configurable: true, value: C.name });
}

// The observers: each entry made (mark, measure, resource, timerified function) goes to
// every observer of its type, and each observer's callback runs once per turn of the
// event loop (in an immediate) with the entries gathered since.
const observers = new Set();
// ('http2' entries are not made: not listed, so observing them does nothing.)
const kSupported = ['dns', 'function', 'gc', 'http', 'mark', 'measure', 'net', 'resource'];
const nodeEntries = require('internal/perf/observe');
nodeEntries.setMaker((type, name, startTime, duration, detail) => {
  enqueue(new PerformanceEntry(kInternal, name, type, startTime, duration, detail));
});
// Collections are timed natively (bindings/gc_observer.rs) only while someone observes
// 'gc'; a snapshot build stops that and the restored process starts it again.
let timingGc = false;
let gcCarried = false;
function countObservers() {
  nodeEntries.setCounts(observers, (o) => o[kInternal].types);
  const gc = nodeEntries.observing('gc');
  if (gc === timingGc) return;
  timingGc = gc;
  if (gc) binding.gcObserver.start(); else binding.gcObserver.stop();
  if (gc && binding.snapshot.mode() === 1 && !gcCarried) {
    gcCarried = true;
    const snapshot = require('amber/snapshot');
    snapshot.addSerializeCallback(() => { if (timingGc) binding.gcObserver.stop(); });
    snapshot.addDeserializeCallback(() => { if (timingGc) binding.gcObserver.start(); });
  }
}

// A collection's entry: Node's kind and flags in `detail`, and (deprecated, DEP0152) on
// the entry itself.
const gcConstants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};
let dep0152Warned = false;
function dep0152() {
  if (dep0152Warned) return;
  dep0152Warned = true;
  process.emitWarning('Custom PerformanceEntry accessors are deprecated. Please use the detail property.', 'DeprecationWarning', 'DEP0152');
}
// The loop's `gcEntries` hook: [startTime, duration, kind, flags, ...] per collection.
internals.onGcEntries = (list) => {
  if (!timingGc) return;
  for (let i = 0; i + 3 < list.length; i += 4) {
    const detail = { kind: list[i + 2], flags: list[i + 3] };
    const e = new PerformanceEntry(kInternal, 'gc', 'gc', list[i], list[i + 1], detail);
    Object.defineProperties(e, {
      kind: { __proto__: null, enumerable: true, configurable: true, get() { dep0152(); return detail.kind; } },
      flags: { __proto__: null, enumerable: true, configurable: true, get() { dep0152(); return detail.flags; } },
    });
    enqueue(e);
  }
};

class PerformanceObserverEntryList {
  constructor(key, list) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kInternal] = list;
  }
  getEntries() { return this[kInternal].slice(); }
  getEntriesByType(type) {
    type = `${type}`;
    return this[kInternal].filter((e) => e.entryType === type);
  }
  getEntriesByName(name, type) {
    name = `${name}`;
    return this[kInternal].filter((e) => e.name === name && (type === undefined || e.entryType === `${type}`));
  }
  get [Symbol.toStringTag]() { return 'PerformanceObserverEntryList'; }
}

class PerformanceObserver {
  constructor(callback) {
    validateFunction(callback, 'callback');
    this[kInternal] = { callback, types: new Set(), mode: undefined, buffer: [], pending: false };
  }
  observe(options = {}) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = options;
    const st = this[kInternal];
    if (entryTypes === undefined && type === undefined) throw new ERR_MISSING_ARGS('options.entryTypes', 'options.type');
    if (entryTypes !== undefined && type !== undefined) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes, 'options.entryTypes can not set with options.type together');
    }
    const mode = entryTypes !== undefined ? 'multiple' : 'single';
    if (st.mode !== undefined && st.mode !== mode) {
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('PerformanceObserver can not change to multiple observations', 'InvalidModificationError');
    }
    if (mode === 'multiple') {
      if (!Array.isArray(entryTypes)) throw new ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', entryTypes);
      st.types.clear();
      for (const t of entryTypes) if (kSupported.includes(t)) st.types.add(t);
    } else {
      if (!kSupported.includes(type)) return;
      st.types.add(type);
      if (buffered) {
        const old = globalBufferOf(type);
        if (old.length) {
          st.buffer.push(...old);
          schedule(this);
        }
      }
    }
    st.mode = mode;
    if (st.types.size) observers.add(this); else observers.delete(this);
    countObservers();
  }
  disconnect() {
    const st = this[kInternal];
    observers.delete(this);
    countObservers();
    st.types.clear();
    st.buffer = [];
    st.mode = undefined;
  }
  takeRecords() {
    const st = this[kInternal];
    const list = st.buffer;
    st.buffer = [];
    return list;
  }
  static get supportedEntryTypes() { return kSupported.slice(); }
  get [Symbol.toStringTag]() { return 'PerformanceObserver'; }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const st = this[kInternal];
    const shown = { connected: observers.has(this), pending: st.pending, entryTypes: [...st.types], buffer: st.buffer };
    return `PerformanceObserver ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

function schedule(observer) {
  const st = observer[kInternal];
  if (st.pending) return;
  st.pending = true;
  setImmediate(() => {
    st.pending = false;
    const list = st.buffer;
    if (!list.length) return;
    st.buffer = [];
    list.sort((a, b) => a.startTime - b.startTime);
    st.callback.call(observer, new PerformanceObserverEntryList(kInternal, list), observer);
  });
}

function enqueue(entry) {
  for (const o of observers) {
    if (!o[kInternal].types.has(entry.entryType)) continue;
    o[kInternal].buffer.push(entry);
    schedule(o);
  }
}

function globalBufferOf(type) {
  if (type === 'resource') return resourceEntries.slice();
  return entries.filter((e) => e.entryType === type);
}

function markNotSet(name) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
}

// The process's time origin in ms since the epoch; a restored process has its own.
let timeOrigin = Date.now() - now();
require('internal/snapshot').onRestore(() => {
  timeOrigin = Date.now() - now();
});

// performance.nodeTiming: this process's (or worker's) milestones, in ms since the time
// origin, read from the runtime (`binding.timers.milestones`) each time they are asked
// for. loopStart and loopExit are -1 until the event loop was entered and left.
const milestoneIndex = { nodeStart: 0, v8Start: 1, environment: 2, bootstrapComplete: 3, loopStart: 4, loopExit: 5, idleTime: 6 };
const milestone = (name) => binding.timers.milestones()[milestoneIndex[name]];
class PerformanceNodeTiming {
  constructor(key) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
  get name() { return 'node'; }
  get entryType() { return 'node'; }
  get startTime() { return 0; }
  get duration() { return now(); }
  get nodeStart() { return milestone('nodeStart'); }
  get v8Start() { return milestone('v8Start'); }
  get environment() { return milestone('environment'); }
  get bootstrapComplete() { return milestone('bootstrapComplete'); }
  get loopStart() { return milestone('loopStart'); }
  get loopExit() { return milestone('loopExit'); }
  get idleTime() { return milestone('idleTime'); }
  toJSON() {
    const [nodeStart, v8Start, environment, bootstrapComplete, loopStart, loopExit, idleTime] = binding.timers.milestones();
    return {
      name: 'node', entryType: 'node', startTime: 0, duration: now(),
      nodeStart, v8Start, bootstrapComplete, environment, loopStart, loopExit, idleTime,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (depth < 0) return this;
    return `PerformanceNodeTiming ${require('internal/inspect').inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
const nodeTiming = new PerformanceNodeTiming(kInternal);

// performance.eventLoopUtilization([util1[, util2]]): time the loop was idle (waiting
// for events) and active since it was entered, or between two earlier readings.
function eventLoopUtilization(util1, util2) {
  const ms = binding.timers.milestones();
  const loopStart = ms[milestoneIndex.loopStart];
  if (loopStart <= 0) return { idle: 0, active: 0, utilization: 0 };
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = ms[milestoneIndex.idleTime];
  const active = now() - loopStart - idle;
  if (!util1) return { idle, active, utilization: active / (idle + active) };
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

// A mark's time; the nodeTiming milestones are marks too (measure('x', 'nodeStart')).
const milestoneMarks = new Set(['nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit', 'bootstrapComplete']);
function findMark(n) {
  if (typeof n === 'number') return n;
  if (milestoneMarks.has(n)) return milestone(n);
  const found = entries.findLast((e) => e.entryType === 'mark' && e.name === n);
  if (!found) throw markNotSet(n);
  return found.startTime;
}
function allEntries() {
  return [...entries, ...resourceEntries].sort((a, b) => a.startTime - b.startTime);
}
function clearEntries(type, name) {
  if (name !== undefined) name = `${name}`;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  }
}

// `performance` is the one instance of Performance, an EventTarget (it fires
// 'resourcetimingbufferfull'). Its methods do not depend on `this`, so they work detached.
class Performance extends EventTarget {
  constructor(key) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
  }
  get timeOrigin() { return timeOrigin; }
  now() { return now(); }
  mark(name, options) {
    const e = new PerformanceMark(name, options);
    entries.push(e);
    enqueue(e);
    return e;
  }
  measure(name, start, end) {
    let s = 0, f = now(), detail = null;
    if (typeof start === 'object' && start !== null) {
      if (start.end !== undefined) f = findMark(start.end);
      if (start.start !== undefined) {
        s = findMark(start.start);
        if (start.end === undefined && start.duration !== undefined) f = s + start.duration;
      } else if (start.end !== undefined && start.duration !== undefined) {
        s = f - start.duration;
      }
      if (start.detail !== undefined) detail = structuredClone(start.detail);
    } else {
      if (start !== undefined) s = findMark(start);
      if (end !== undefined) f = findMark(end);
    }
    const e = new PerformanceMeasure(kInternal, `${name}`, s, f - s, detail);
    entries.push(e);
    enqueue(e);
    return e;
  }
  getEntries() { return allEntries(); }
  getEntriesByName(name, type) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    return allEntries().filter((e) => e.name === name && (type === undefined || e.entryType === `${type}`));
  }
  getEntriesByType(type) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    type = `${type}`;
    return allEntries().filter((e) => e.entryType === type);
  }
  clearMarks(name) { clearEntries('mark', name); }
  clearMeasures(name) { clearEntries('measure', name); }
  get nodeTiming() { return nodeTiming; }
  toJSON() { return { nodeTiming, timeOrigin, eventLoopUtilization: eventLoopUtilization() }; }
  eventLoopUtilization(util1, util2) { return eventLoopUtilization(util1, util2); }
  timerify(fn, options) { return timerify(fn, options); }
  // Resource timing (fetch implementations such as undici's report each fetch here).
  markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode) {
    const e = new PerformanceResourceTiming(kInternal, `${requestedUrl}`, timingInfo, initiatorType, cacheMode);
    addResource(e);
    enqueue(e);
    return e;
  }
  clearResourceTimings() { resourceEntries.length = 0; }
  setResourceTimingBufferSize(n) {
    resourceBufferSize = typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
  }
  get [Symbol.toStringTag]() { return 'Performance'; }
}
const performance = new Performance(kInternal);

// The resource timing buffer as the W3C Resource Timing spec keeps it: entries that do
// not fit wait in a secondary buffer while a 'resourcetimingbufferfull' event (fired in
// an immediate) lets listeners clear the buffer or grow it; what still does not fit is
// then dropped.
let resourceBufferSize = 250;
const resourceEntries = [];
const secondaryEntries = [];
let bufferFullPending = false;
function addResource(e) {
  if (!bufferFullPending && resourceEntries.length < resourceBufferSize) {
    resourceEntries.push(e);
    return;
  }
  secondaryEntries.push(e);
  if (!bufferFullPending) {
    bufferFullPending = true;
    setImmediate(fireBufferFull);
  }
}
function fireBufferFull() {
  while (secondaryEntries.length) {
    const before = secondaryEntries.length;
    if (resourceEntries.length >= resourceBufferSize) {
      performance.dispatchEvent(new Event('resourcetimingbufferfull'));
    }
    while (secondaryEntries.length && resourceEntries.length < resourceBufferSize) {
      resourceEntries.push(secondaryEntries.shift());
    }
    if (secondaryEntries.length >= before) {
      secondaryEntries.length = 0;
      break;
    }
  }
  bufferFullPending = false;
}

// timerify(fn): a wrapper that times each call (and construction) of fn; each call makes
// a 'function' entry for observers (its detail the arguments) and, with
// options.histogram, records the duration in nanoseconds. A promise result is timed
// until it settles.
function timerify(fn, options = {}) {
  validateFunction(fn, 'fn');
  validateObject(options, 'options');
  const { histogram } = options;
  if (histogram !== undefined && !(histogram instanceof RecordableHistogram)) {
    throw new ERR_INVALID_ARG_TYPE('options.histogram', 'RecordableHistogram', histogram);
  }
  const done = (start, args) => {
    const duration = now() - start;
    if (histogram !== undefined) histogram.record(Math.max(1, Math.ceil(duration * 1e6)));
    const e = new PerformanceEntry(kInternal, fn.name, 'function', start, duration, args);
    for (let i = 0; i < args.length; i++) e[i] = args[i];
    enqueue(e);
  };
  function timerified(...args) {
    const start = now();
    const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!new.target && result instanceof Promise) return result.finally(() => done(start, args));
    done(start, args);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { configurable: true, value: fn.length },
    name: { configurable: true, value: `timerified ${fn.name}` },
  });
  return timerified;
}

// createHistogram(): a RecordableHistogram. Values are kept exactly (a count per
// distinct value), where Node's HdrHistogram rounds to `figures` significant digits;
// percentiles are reported at Node's levels (0, 50, 75, 87.5, ... up to the maximum).
const kValues = Symbol('kValues');
const kState = Symbol('kState');
class Histogram {
  constructor() { throw new ERR_ILLEGAL_CONSTRUCTOR(); }
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
    if (depth < 0) return `[${this.constructor.name}]`;
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
  constructor() { throw new ERR_ILLEGAL_CONSTRUCTOR(); }
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
  initHistogram(h, Number(highest));
  return h;
}
function initHistogram(h, highest) {
  h[kValues] = new Map();
  h[kState] = { count: 0, sum: 0, min: 0, max: 0, exceeds: 0, prev: undefined, highest };
}

// monitorEventLoopDelay(): while enabled, an unref'd interval timer every `resolution`
// ms records the nanoseconds between its firings (so a blocked loop shows as long ones).
const kTimer = Symbol('kTimer');
class IntervalHistogram extends Histogram {
  constructor() { throw new ERR_ILLEGAL_CONSTRUCTOR(); }
  enable() {
    const t = this[kTimer];
    if (t.timer !== undefined) return false;
    const st = this[kState];
    st.prev = process.hrtime.bigint();
    t.timer = setInterval(() => {
      const at = process.hrtime.bigint();
      const d = Number(at - st.prev);
      st.prev = at;
      if (d >= 1) RecordableHistogram.prototype.record.call(this, d);
    }, t.resolution);
    t.timer.unref();
    return true;
  }
  disable() {
    const t = this[kTimer];
    if (t.timer === undefined) return false;
    clearInterval(t.timer);
    t.timer = undefined;
    return true;
  }
}
Object.defineProperty(IntervalHistogram, 'name', { value: 'ELDHistogram' });
function monitorEventLoopDelay(options = {}) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  const h = Object.create(IntervalHistogram.prototype);
  initHistogram(h, Number.MAX_SAFE_INTEGER);
  h[kTimer] = { resolution, timer: undefined };
  return h;
}

module.exports = {
  performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, PerformanceResourceTiming, monitorEventLoopDelay, createHistogram,
  constants: gcConstants,
};
