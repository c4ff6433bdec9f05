// A worker script whose top level leaves a trace (a line in trace.log) and loads a
// module; it says 'ready' from its top level and answers one message, then closes.
const { parentPort } = require('worker_threads');
const fs = require('fs');
const path = require('path');
const helper = require('./helper');

const building = require('v8').startupSnapshot.isBuildingSnapshot() === true;
fs.appendFileSync(path.join(__dirname, 'trace.log'), `counter top level ran${building ? ' (building)' : ''}\n`);
let handled = 0;
// Built into a worker context: its deserialize callback runs in each worker, which by
// then has its own workerData.
let restoredWith;
if (building) require('v8').startupSnapshot.addDeserializeCallback(() => { restoredWith = require('worker_threads').workerData; });
parentPort.postMessage('ready');
parentPort.on('message', (msg) => {
  handled++;
  const { workerData, isMainThread } = require('worker_threads');
  parentPort.postMessage({ msg, workerData, isMainThread, handled, helper: helper.name, builtAt: building, restoredWith });
  parentPort.close();
});
