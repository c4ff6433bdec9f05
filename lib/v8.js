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
  // Coverage is written only when NODE_V8_COVERAGE started it; without it (as in Node)
  // these do nothing. amber does not collect coverage, so with it they say so.
  takeCoverage() {
    coverageNotCollected('v8.takeCoverage()');
  },
  stopCoverage() {
    coverageNotCollected('v8.stopCoverage()');
  },
};

function coverageNotCollected(what) {
  if (process.env.NODE_V8_COVERAGE) {
    const { ERR_NOT_IMPLEMENTED } = require('internal/errors').codes;
    throw new ERR_NOT_IMPLEMENTED(`${what} with NODE_V8_COVERAGE`);
  }
}
Object.defineProperty(module.exports, 'promiseHooks', { enumerable: true, get: () => require('internal/promise_hooks').promiseHooks });
Object.defineProperty(module.exports, 'startupSnapshot', { enumerable: true, get: () => require('amber/snapshot') });
