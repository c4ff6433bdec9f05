'use strict';
// node:v8 — heap statistics and the startup snapshot API.

module.exports = {
  getHeapStatistics() {
    const m = process.memoryUsage();
    return { total_heap_size: m.heapTotal, used_heap_size: m.heapUsed, heap_size_limit: 4345298944, total_available_size: 4345298944 - m.heapUsed, external_memory: m.external, malloced_memory: 0, peak_malloced_memory: 0, does_zap_garbage: 0, number_of_native_contexts: 1, number_of_detached_contexts: 0, total_physical_size: m.heapTotal, total_heap_size_executable: 0, total_global_handles_size: 0, used_global_handles_size: 0 };
  },
  getHeapSpaceStatistics() { return []; },
  setFlagsFromString() {},
  cachedDataVersionTag() { return 0; },
};
Object.defineProperty(module.exports, 'startupSnapshot', { enumerable: true, get: () => require('amber/snapshot') });
