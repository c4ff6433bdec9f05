'use strict';
// node:v8 — heap statistics, the startup snapshot API and V8's serializer
// (internal/v8/serdes.js), heap snapshots (internal/v8/heap_snapshot.js).

const serdes = require('internal/v8/serdes');
const heapSnapshot = require('internal/v8/heap_snapshot');

module.exports = {
  getHeapStatistics() {
    return binding.process.heapStatistics();
  },
  getHeapSpaceStatistics() {
    return binding.process.heapSpaceStatistics();
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
