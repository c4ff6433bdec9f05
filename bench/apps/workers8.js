// Spawns WORKERS (default 8) workers that each require('typescript') and report its
// version; exits when all have answered. `TS_DIR` is where typescript is installed.
const { Worker } = require('worker_threads');
const count = Number(process.env.WORKERS || 8);
const tsDir = process.env.TS_DIR;
let pending = count;
for (let i = 0; i < count; i++) {
  const w = new Worker(`
    const { parentPort, workerData } = require('worker_threads');
    const ts = require(require('path').join(workerData, 'typescript'));
    parentPort.postMessage(ts.version);`, { eval: true, workerData: tsDir });
  w.once('message', () => {
    if (--pending === 0) process.exitCode = 0;
  });
}
