// A piscina pool of worker threads: four tasks, their results in order, the pool's
// counters, then the pool destroyed. Runs as a script (node, amber) and as a snapshot
// entry (piscina loaded at build time, the pool made in the main function).
const path = require('path');
const { Piscina } = require('../node_modules/piscina');

async function main() {
  const pool = new Piscina({ filename: path.join(__dirname, '..', 'fixtures', 'piscina', 'task.js'), minThreads: 1, maxThreads: 2 });
  const results = await Promise.all([1, 2, 3, 4].map((n) => pool.run({ n, text: `task ${n}` })));
  for (const r of results) console.log(JSON.stringify(r));
  console.log('completed', pool.completed, 'queued', pool.queueSize);
  await pool.destroy();
  console.log('destroyed');
}

const v8 = require('v8');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
