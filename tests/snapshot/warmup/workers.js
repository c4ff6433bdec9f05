// An application that loads worker_threads while its snapshot is built, so the snapshot
// gets a worker context; its main function starts a worker only when asked (`worker`),
// so that the warm-up (`amber snapshot build ... --warmup warm`) compiles without one.
const { Worker } = require('worker_threads');
function work(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  const mode = process.argv[2];
  console.log('main', mode, work(10));
  if (mode !== 'worker') return;
  const w = new Worker(`
    const { parentPort, isMainThread } = require('worker_threads');
    parentPort.postMessage('from the worker, isMainThread: ' + isMainThread);`, { eval: true });
  w.on('message', (m) => console.log(m));
  w.on('exit', (code) => console.log('worker exit', code));
});
