// Run with --v8-flags=--allow-natives-syntax from a snapshot of the library alone
// (`--build-snapshot node:embedded_snapshot_main`, the same snapshot as amber's own
// runtime snapshot). %GetBytecode(f) is undefined while f would have to be compiled on
// its next call: what every program runs after this line (formatting console output,
// the exit) was compiled by the library's warm-up at build time; a function nothing
// runs at startup was not. The warm-up's own effects are absent: its modules are not
// in require.cache, its 'exit' listener is not there, its output never appeared.
const compiled = (f) => %GetBytecode(f) !== undefined;
const util = require('util');
console.log(JSON.stringify({
  formatWithOptions: compiled(util.formatWithOptions),
  emitExit: compiled(process._emitExit),
  notRunAtStartup: compiled(util.getSystemErrorMap),
  cache: Object.keys(require.cache).map((p) => require('path').basename(p)),
  exitListeners: process.listenerCount('exit'),
  argv: process.argv.slice(2),
}));
