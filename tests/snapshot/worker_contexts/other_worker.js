// A second worker script: doubles the number it is sent.
const { parentPort } = require('worker_threads');
require('fs').appendFileSync(require('path').join(__dirname, 'trace.log'), 'other top level ran\n');
parentPort.postMessage('ready');
parentPort.once('message', (n) => {
  parentPort.postMessage({ doubled: n * 2 });
  parentPort.close();
});
