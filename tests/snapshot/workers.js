// While a snapshot is built, threads and cross-thread ports are refused by name (a
// worker's isolate and a port's native end cannot be stored in the heap); the
// restored process starts workers normally, from the embedded runtime snapshot.
const v8 = require('v8');
const { Worker, MessageChannel, BroadcastChannel } = require('worker_threads');
const refused = [];
for (const [what, make] of [['Worker', () => new Worker('1', { eval: true })], ['MessageChannel', () => new MessageChannel()], ['BroadcastChannel', () => new BroadcastChannel('b')]]) {
  try {
    make();
    refused.push(`${what}: allowed`);
  } catch (e) {
    refused.push(`${what}: ${e.code} ${e.message}`);
  }
}
v8.startupSnapshot.setDeserializeMainFunction(() => {
  for (const line of refused) console.log(line);
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(`
    const { parentPort, workerData } = require('worker_threads');
    workerData.port.postMessage('through a port: ' + workerData.text);
    parentPort.postMessage(require('worker_threads').isMainThread);`,
  { eval: true, workerData: { port: port2, text: 'hello' }, transferList: [port2] });
  port1.once('message', (m) => {
    console.log(m);
    port1.close();
  });
  w.on('message', (isMain) => console.log('worker isMainThread:', isMain));
  w.on('exit', (code) => console.log('worker exit', code));
});
