// One file for both sides (the common `isMainThread` pattern): built with
// `--worker self_worker.js`, its worker branch runs at build time.
const { isMainThread, parentPort, Worker } = require('worker_threads');
if (isMainThread) {
  const main = () => {
    const w = new Worker(__filename);
    w.on('message', (m) => { console.log('parent got', m); });
    w.postMessage('hi');
  };
  const { startupSnapshot } = require('v8');
  if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(main); else main();
} else {
  console.log('worker top level');
  parentPort.once('message', (m) => { console.log('worker handler says', m); parentPort.postMessage(m + '!'); parentPort.close(); });
}
