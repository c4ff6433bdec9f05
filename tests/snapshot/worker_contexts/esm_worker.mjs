// An ES module worker script: static and dynamic imports, a top-level await, and
// node:worker_threads bindings that must be this worker's own after start.
import { parentPort, threadId } from 'node:worker_threads';
import { appendFileSync } from 'node:fs';
import helper from './helper.js';
import { dep } from './esm_dep.mjs';

await new Promise((resolve) => setTimeout(resolve, 1));
appendFileSync(new URL('./trace.log', import.meta.url), 'esm top level ran\n');
parentPort.postMessage('ready');
parentPort.once('message', async (msg) => {
  const wt = await import('node:worker_threads');
  const again = await import('./esm_dep.mjs');
  parentPort.postMessage({ msg, dep, helper: helper.name, workerData: wt.workerData ?? null, ownThreadId: threadId === wt.threadId && threadId > 0, sameModule: again.dep === dep });
  parentPort.close();
});
