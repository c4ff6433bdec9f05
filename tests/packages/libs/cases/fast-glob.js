// fast-glob over a temporary tree: sync, async, stream, options.
const fg = require('fast-glob');
const fs = require('fs');
const os = require('os');
const path = require('path');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-'));
for (const f of ['a.js', 'b.ts', 'src/x.js', 'src/y.mjs', 'src/deep/z.js', 'node_modules/m/index.js', '.hidden/h.js']) {
  fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
  fs.writeFileSync(path.join(root, f), f);
}
(async () => {
  console.log((await fg(['**/*.js', '!node_modules'], { cwd: root, ignore: ['**/node_modules/**'] })).sort());
  console.log(fg.sync('**', { cwd: root, dot: true, onlyFiles: false, deep: 2 }).sort());
  const entries = await fg('src/**/*', { cwd: root, stats: true, objectMode: true });
  console.log(entries.map((e) => `${e.path} ${e.stats.size}`).sort());
  const streamed = [];
  for await (const e of fg.stream('*.{js,ts}', { cwd: root })) streamed.push(e);
  console.log(streamed.sort(), fg.isDynamicPattern('a/*'), fg.escapePath('a(b)'), fg.generateTasks(['src/*.js', '!src/x.js']).length);
  fs.rmSync(root, { recursive: true });
})();
