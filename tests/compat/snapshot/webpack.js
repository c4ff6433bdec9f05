// webpack-cli from a snapshot, with webpack and the modules webpack-cli loads for every
// command (its built-in commands, colors, webpack's CLI helpers and options schema)
// loaded at build time.
const runCLI = require('../node_modules/webpack-cli/lib/bootstrap');
require('../node_modules/webpack');
// A production build minimizes in jest-worker threads (terser-webpack-plugin): a
// snapshot has a worker context only when worker_threads is loaded while it is built.
require('worker_threads');
for (const m of ['colorette', '@webpack-cli/serve', '@webpack-cli/info', '@webpack-cli/configtest', 'webpack/lib/cli.js', 'webpack/schemas/WebpackOptions.json']) {
  require(`../node_modules/${m}`);
}
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  process.title = 'webpack';
  runCLI(process.argv);
});
