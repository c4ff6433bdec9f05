// chokidar: watch a temporary directory, see an add, a change and an unlink.
import chokidar from 'chokidar';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chokidar-')));
fs.writeFileSync(path.join(dir, 'existing.txt'), '1');
const watcher = chokidar.watch(dir, { awaitWriteFinish: false });
const log = [];
const seen = (want) => new Promise((resolve) => {
  const check = (ev, p) => { if (`${ev} ${path.relative(dir, p)}` === want) { watcher.off('all', check); resolve(); } };
  watcher.on('all', check);
});
watcher.on('all', (ev, p) => log.push(`${ev} ${path.relative(dir, p) || '.'}`));
await new Promise((r) => watcher.on('ready', r));
console.log('initial', log.sort());
log.length = 0;
let next = seen('add new.txt');
fs.writeFileSync(path.join(dir, 'new.txt'), 'a');
await next;
next = seen('change new.txt');
fs.appendFileSync(path.join(dir, 'new.txt'), 'b');
await next;
next = seen('unlink existing.txt');
fs.unlinkSync(path.join(dir, 'existing.txt'));
await next;
console.log('watched', Object.entries(watcher.getWatched()).map(([d, f]) => [path.relative(dir, d) || '.', f.sort()]).filter(([d]) => !d.startsWith('..')));
console.log('events', log);
await watcher.close();
fs.rmSync(dir, { recursive: true });
