// A worker that loads the typescript compiler at its top level and answers 'version'
// with ts.version (bench/worker_pool.sh; typescript from bench/node_modules).
const { parentPort } = require('worker_threads');
const ts = require('typescript');

parentPort.once('message', () => {
  parentPort.postMessage(ts.version);
  parentPort.close();
});
