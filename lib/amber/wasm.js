'use strict';
// amber:wasm — WebAssembly modules in startup snapshots (docs/wasm-in-snapshots.md).
const w = require('internal/wasm/snapshot');
module.exports = {
  precompile: w.precompile,
  module: w.module,
  stats: w.stats,
};
