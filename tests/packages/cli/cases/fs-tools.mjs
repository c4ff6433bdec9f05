// mkdirp, cpy, fs-extra copy/move/outputJson, del and rimraf on a temp tree: each tool's
// result is checked by listing the tree (relative paths only).
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { mkdirp } from 'mkdirp'; import cpy from 'cpy'; import fse from 'fs-extra';
import { deleteAsync, deleteSync } from 'del'; import { rimraf, rimrafSync } from 'rimraf';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-fs-tools-'));
const list = (d) => fs.readdirSync(d, { recursive: true }).map(String).sort().join(' ');
const made = await mkdirp(path.join(root, 'src/a/b/c'));
console.log('mkdirp', path.relative(root, made), await mkdirp(path.join(root, 'src/a')) === undefined);
for (const f of ['a/one.txt', 'a/b/two.md', 'a/b/c/three.txt', 'top.txt']) fs.writeFileSync(path.join(root, 'src', f), f);
await cpy(['**/*.txt'], path.join(root, 'out-cpy'), { cwd: path.join(root, 'src') });
console.log('cpy', list(path.join(root, 'out-cpy')));
await fse.copy(path.join(root, 'src'), path.join(root, 'out-fse'), { filter: (p) => !p.endsWith('.md') });
console.log('fs-extra copy', list(path.join(root, 'out-fse')));
await fse.outputJson(path.join(root, 'deep/x/y.json'), { a: 1 }, { spaces: 1 });
console.log('outputJson', JSON.stringify(await fse.readJson(path.join(root, 'deep/x/y.json'))), await fse.pathExists(path.join(root, 'deep/x')));
await fse.move(path.join(root, 'deep'), path.join(root, 'moved'));
console.log('move', list(path.join(root, 'moved')));
await fse.emptyDir(path.join(root, 'moved'));
console.log('emptyDir', JSON.stringify(list(path.join(root, 'moved'))));
const deleted = await deleteAsync(['out-cpy/**/*.txt', '!out-cpy/top.txt'], { cwd: root });
console.log('del', deleted.map(p => path.relative(root, p)).sort().join(' '), '|', list(path.join(root, 'out-cpy')));
console.log('delSync', deleteSync(['moved'], { cwd: root }).length);
console.log('rimraf', await rimraf(path.join(root, 'out-fse')), fs.existsSync(path.join(root, 'out-fse')));
console.log('rimraf glob', await rimraf('src/**/*.txt', { glob: { cwd: root } }), list(path.join(root, 'src')));
rimrafSync(root);
console.log('gone', fs.existsSync(root));
