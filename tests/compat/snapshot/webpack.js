// webpack-cli from a snapshot, with webpack itself loaded at build time.
const runCLI = require('../node_modules/webpack-cli/lib/bootstrap');
require('../node_modules/webpack');
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  process.title = 'webpack';
  runCLI(process.argv);
});
