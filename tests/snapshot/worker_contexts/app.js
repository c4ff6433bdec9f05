// The application of the prebuilt-worker-context tests (crates/cli/tests/worker_snapshot.rs).
// `amber app.snap <scenario> [n]` (or `amber app.js ...` from source) starts workers and
// prints what they answer, in a stable order; the worker scripts' top levels append a
// line to trace.log each time they run.
const { Worker } = require('worker_threads');
const path = require('path');
const fs = require('fs');

function start(file, options) {
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(__dirname, file), options);
    const got = [];
    w.on('message', (m) => {
      got.push(m);
      if (m === 'ready') w.postMessage(options?.ask ?? 'ping');
    });
    w.on('error', reject);
    w.on('exit', (code) => resolve({ code, got }));
  });
}

async function main() {
  const [scenario, n = '1'] = process.argv.slice(2);
  const runs = [];
  if (scenario === 'counter') {
    for (let i = 0; i < Number(n); i++) runs.push(start('counter_worker.js', { workerData: { i }, ask: `ping ${i}` }));
  } else if (scenario === 'two') {
    runs.push(start('counter_worker.js', { workerData: 'c' }));
    runs.push(start('other_worker.js', { ask: 21 }));
  } else if (scenario === 'reads-data') {
    runs.push(start('reads_data_worker.js', {}));
    runs.push(start('reads_data_worker.js', { workerData: 'given' }));
  } else if (scenario === 'esm') {
    runs.push(start('esm_worker.mjs', { ask: 'a' }));
    runs.push(start('esm_worker.mjs', { ask: 'b' }));
    runs.push(start('esm_worker.mjs', { ask: 'c', workerData: 'given' }));
  } else if (scenario === 'eval') {
    runs.push(start('counter_worker.js', {}));
    runs.push(new Promise((resolve) => {
      const w = new Worker('require("worker_threads").parentPort.postMessage("from eval")', { eval: true });
      w.on('message', (m) => resolve({ code: 0, got: [m] }));
    }));
  }
  for (const r of await Promise.all(runs)) console.log(JSON.stringify(r));
  const trace = path.join(__dirname, 'trace.log');
  const lines = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8') : '';
  process.stdout.write(`trace:\n${lines}`);
}

const { startupSnapshot } = require('v8');
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(main);
else main();
