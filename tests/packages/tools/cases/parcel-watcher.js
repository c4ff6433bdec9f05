// @parcel/watcher (native addon): subscribe to a temporary directory, write a file,
// print the event; then a snapshot of changes since a written state.
const watcher = require('@parcel/watcher');
const fs = require('fs');
const os = require('os');
const path = require('path');

(async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parcel-watcher-')));
  let resolveEvent;
  const got = new Promise((r) => (resolveEvent = r));
  const sub = await watcher.subscribe(dir, (err, events) => {
    if (err) throw err;
    const mine = events.filter((e) => path.basename(e.path) === 'hello.txt');
    if (mine.length) resolveEvent(mine);
  });
  fs.writeFileSync(path.join(dir, 'hello.txt'), 'hi');
  const events = await got;
  console.log('event', events[0].type, path.relative(dir, events[0].path));
  await sub.unsubscribe();
  const snap = path.join(dir, '..', path.basename(dir) + '.snapshot');
  await watcher.writeSnapshot(dir, snap);
  fs.writeFileSync(path.join(dir, 'second.txt'), 'x');
  fs.unlinkSync(path.join(dir, 'hello.txt'));
  const changes = await watcher.getEventsSince(dir, snap);
  console.log('since', changes.map((e) => `${e.type} ${path.relative(dir, e.path)}`).sort());
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(snap);
})();
