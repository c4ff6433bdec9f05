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

module.exports = { performance, PerformanceEntry, PerformanceObserver, monitorEventLoopDelay, constants: {} };
