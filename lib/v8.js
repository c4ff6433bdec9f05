'use strict';
// node:v8 — heap statistics, the startup snapshot API and V8's serializer
// (internal/v8/serdes.js), heap snapshots (internal/v8/heap_snapshot.js).

const serdes = require('internal/v8/serdes');
const heapSnapshot = require('internal/v8/heap_snapshot');

// GCProfiler: what V8's garbage collections cost while it runs (bindings/gc_profiler.rs).
// One started while a snapshot is built is carried: a serialize callback stops it
// natively, keeping its records here, and a deserialize callback starts it again.
class GCProfiler {
  #id = 0;
  #running = false;
  #startTime = 0;
  #carried = [];
  #carriedAcrossSnapshot = false;

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#startTime = Date.now();
    this.#carried = [];
    this.#id = binding.gcProfiler.start();
    if (binding.snapshot.mode() === 1 && !this.#carriedAcrossSnapshot) {
      this.#carriedAcrossSnapshot = true;
      const snapshot = require('amber/snapshot');
      snapshot.addSerializeCallback(() => {
        if (!this.#running) return;
        this.#carried.push(...binding.gcProfiler.stop(this.#id));
        this.#id = 0;
      });
      snapshot.addDeserializeCallback(() => {
        if (this.#running) this.#id = binding.gcProfiler.start();
      });
    }
  }

  stop() {
    if (!this.#running) return undefined;
    this.#running = false;
    const statistics = [...this.#carried, ...binding.gcProfiler.stop(this.#id)];
    this.#carried = [];
    this.#id = 0;
    return { version: 1, startTime: this.#startTime, endTime: Date.now(), statistics };
  }
}

module.exports = {
  getHeapStatistics() {
    return binding.process.heapStatistics();
  },
  getHeapSpaceStatistics() {
    return binding.process.heapSpaceStatistics();
  },
  getHeapCodeStatistics() {
    return binding.process.heapCodeStatistics();
  },
  setFlagsFromString(flags) {
    const { validateString } = require('internal/errors');
    validateString(flags, 'flags');
    binding.process.setV8Flags(flags);
  },
  cachedDataVersionTag() {
    return binding.process.cachedDataVersionTag();
  },
  getHeapSnapshot: heapSnapshot.getHeapSnapshot,
  writeHeapSnapshot: heapSnapshot.writeHeapSnapshot,
  Serializer: serdes.Serializer,
  Deserializer: serdes.Deserializer,
  GCProfiler,
  DefaultSerializer: serdes.DefaultSerializer,
  DefaultDeserializer: serdes.DefaultDeserializer,
  serialize: serdes.serialize,
  deserialize: serdes.deserialize,
  // Coverage is collected only when NODE_V8_COVERAGE started it
  // (internal/inspector/coverage.js); without it (as in Node) these do nothing.
  takeCoverage() {
    if (internals.endCoverage !== undefined) require('internal/inspector/coverage').take();
  },
  stopCoverage() {
    if (internals.endCoverage !== undefined) require('internal/inspector/coverage').stop();
  },
};
Object.defineProperty(module.exports, 'promiseHooks', { enumerable: true, get: () => require('internal/promise_hooks').promiseHooks });
Object.defineProperty(module.exports, 'startupSnapshot', { enumerable: true, get: () => require('amber/snapshot') });
