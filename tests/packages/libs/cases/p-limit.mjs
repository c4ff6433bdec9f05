// p-limit (ESM): concurrency limiting of async functions.
import pLimit from 'p-limit';
const limit = pLimit(2);
let running = 0;
let peak = 0;
const order = [];
const task = (id, ms) => limit(async () => { running++; peak = Math.max(peak, running); order.push('start ' + id); await new Promise((r) => setTimeout(r, ms)); running--; order.push('end ' + id); return id * 10; });
const results = await Promise.all([task(1, 30), task(2, 5), task(3, 5), task(4, 5)]);
console.log(results, peak, order.slice(0, 2), order.length);
console.log(limit.activeCount, limit.pendingCount, limit.concurrency);
const l2 = pLimit({ concurrency: 1 });
const r2 = await Promise.allSettled([l2(() => Promise.reject(new Error('x'))), l2(() => 'ok')]);
console.log(r2.map((r) => r.status + ':' + (r.value ?? r.reason.message)));
console.log(await Promise.all(limit.map ? await limit.map([1, 2, 3], async (x) => x + 1) : []));
try { pLimit(0); } catch (e) { console.log(e.constructor.name, e.message); }
