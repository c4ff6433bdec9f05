// glob (ESM): patterns, ignore, dot files, withFileTypes, over a temporary tree.
import { glob, globSync, hasMagic } from 'glob';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'glob-'));
for (const f of ['a.js', 'b.ts', 'src/x.js', 'src/y.mjs', 'src/deep/z.js', 'node_modules/m/index.js', '.hidden/h.js', 'README.md']) {
  fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
  fs.writeFileSync(path.join(root, f), f);
}
const sort = (a) => a.map((p) => p.split(path.sep).join('/')).sort();
console.log(sort(await glob('**/*.js', { cwd: root, ignore: 'node_modules/**' })));
console.log(sort(globSync('**/*.{js,mjs}', { cwd: root, dot: true, ignore: ['node_modules/**'] })));
console.log(sort(await glob('src/**', { cwd: root, nodir: true })), sort(await glob('*', { cwd: root, mark: true })));
const typed = await glob('src/*', { cwd: root, withFileTypes: true });
console.log(typed.map((p) => `${p.name}:${p.isDirectory()}`).sort());
console.log(hasMagic('a/*.js'), hasMagic('a/b.js'), sort(await glob('**/[xy].*', { cwd: root })));
fs.rmSync(root, { recursive: true });
