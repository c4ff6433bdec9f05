// A pool of WORKERS (default 8) workers of apps/ts_worker.js, each of which loads the
// typescript compiler at its top level; the parent asks each for ts.version and exits
// once all have answered. Runs as a script (node, amber) or as the main function of a
// snapshot (`amber snapshot build apps/worker_pool.js [--worker apps/ts_worker.js]`).
const { Worker } = require('worker_threads');
const path = require('path');

function main() {
  const count = Number(process.env.WORKERS || 8);
  const file = path.join(__dirname, 'ts_worker.js');
  const versions = [];
  for (let i = 0; i < count; i++) {
    const w = new Worker(file);
    w.once('message', (v) => {
      versions.push(v);
      if (versions.length === count && process.env.PRINT) console.log(versions.join(' '));
    });
    w.postMessage('version');
  }
}

const { startupSnapshot } = require('v8');
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(main);
else main();
