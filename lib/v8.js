'use strict';
// node:v8 — heap statistics and the startup snapshot API.

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
};
Object.defineProperty(module.exports, 'startupSnapshot', { enumerable: true, get: () => require('amber/snapshot') });
