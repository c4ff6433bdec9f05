// Reads workerData at its top level: a worker given workerData cannot start from the
// context built without it, and starts from the library worker context instead.
const { parentPort, workerData } = require('worker_threads');
require('fs').appendFileSync(require('path').join(__dirname, 'trace.log'), `reads-data top level ran with ${JSON.stringify(workerData)}\n`);
parentPort.postMessage('ready');
parentPort.once('message', () => {
  parentPort.postMessage({ topLevelSaw: workerData ?? null });
  parentPort.close();
});
