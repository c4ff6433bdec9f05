'use strict';
// node:v8 — heap statistics, the startup snapshot API and V8's serializer
// (internal/v8/serdes.js).

const serdes = require('internal/v8/serdes');

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
  Serializer: serdes.Serializer,
  Deserializer: serdes.Deserializer,
  DefaultSerializer: serdes.DefaultSerializer,
  DefaultDeserializer: serdes.DefaultDeserializer,
  serialize: serdes.serialize,
  deserialize: serdes.deserialize,
};
Object.defineProperty(module.exports, 'startupSnapshot', { enumerable: true, get: () => require('amber/snapshot') });
