// cli-progress: a progress bar rendered to a non-TTY stream (noTTYOutput), driven synchronously.
const cliProgress = require('cli-progress');
const { Writable } = require('stream');
const chunks = [];
const stream = new Writable({ write(c, e, cb) { chunks.push(String(c)); cb(); } });
stream.isTTY = false;
const bar = new cliProgress.SingleBar({ stream, noTTYOutput: true, notTTYSchedule: 1e9, format: '{bar} {percentage}% | {value}/{total} | {task}', barsize: 20 }, cliProgress.Presets.shades_classic);
bar.start(10, 0, { task: 'start' });
for (let i = 1; i <= 10; i++) { bar.update(i, { task: 'step' + i }); bar.render(); }
bar.stop();
console.log(JSON.stringify(chunks));
