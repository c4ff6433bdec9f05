'use strict';
// Performance entries node modules make about their own work: 'dns' (lookups and
// queries), 'net' (TCP connects), 'http' (client requests and served requests). A module
// asks `observing(type)`, a counter kept by perf_hooks, before it measures anything, so
// nothing is timed (and perf_hooks is not loaded) unless a PerformanceObserver watches
// that type.

const { now } = binding.timers;

// ('gc' is counted too: perf_hooks times collections natively while it is observed.)
const counts = { __proto__: null, dns: 0, gc: 0, http: 0, net: 0 };
// perf_hooks' entry maker, set when it loads (before that nothing can observe).
let make = null;

function observing(type) {
  return counts[type] > 0;
}

// perf_hooks: how many observers watch each type, after an observe() or disconnect().
function setCounts(observers, typesOf) {
  for (const t in counts) counts[t] = 0;
  for (const o of observers) {
    for (const t of typesOf(o)) if (t in counts) counts[t]++;
  }
}

function setMaker(fn) {
  make = fn;
}

// The start of a measured operation: what `finish` needs to make its entry.
function start(type, name, detail) {
  return { type, name, startTime: now(), detail };
}

// Makes the entry of `started` (from `start`), its detail extended with `more`, and hands
// it to the observers of its type (if any are left).
function finish(started, more) {
  if (started === undefined || !observing(started.type) || make === null) return;
  const detail = more === undefined ? started.detail : { ...started.detail, ...more };
  make(started.type, started.name, started.startTime, now() - started.startTime, detail);
}

// The started entry of an http request or response (set only while 'http' is observed).
const kHttpPerf = Symbol('kHttpPerf');

module.exports = { observing, setCounts, setMaker, start, finish, kHttpPerf };
