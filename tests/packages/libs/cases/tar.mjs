// tar (ESM): create a gzipped archive from a temp tree, list it, extract it elsewhere.
import * as tar from 'tar';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-'));
const src = path.join(root, 'src');
fs.mkdirSync(path.join(src, 'dir/sub'), { recursive: true });
fs.writeFileSync(path.join(src, 'a.txt'), 'alpha\n');
fs.writeFileSync(path.join(src, 'dir/b.txt'), 'beta'.repeat(1000));
fs.writeFileSync(path.join(src, 'dir/sub/c.json'), '{"c":3}');
fs.symlinkSync('a.txt', path.join(src, 'link'));
const file = path.join(root, 'out.tgz');
await tar.c({ gzip: true, file, cwd: src, portable: true, mtime: new Date('2020-01-01T00:00:00Z') }, ['a.txt', 'dir', 'link']);
const listed = [];
await tar.t({ file, onReadEntry: (e) => listed.push(`${e.path} ${e.type} ${e.size}`) });
console.log(listed);
const dest = path.join(root, 'dest');
fs.mkdirSync(dest);
await tar.x({ file, cwd: dest, filter: (p) => !p.endsWith('.json') });
const walk = (d) => fs.readdirSync(d).sort().flatMap((n) => { const p = path.join(d, n); const st = fs.lstatSync(p); return st.isDirectory() ? [n + '/', ...walk(p).map((x) => n + '/' + x)] : [n + (st.isSymbolicLink() ? ' -> ' + fs.readlinkSync(p) : ' ' + st.size)]; });
console.log(walk(dest), fs.readFileSync(path.join(dest, 'a.txt'), 'utf8'));
tar.c({ cwd: src, sync: true, file: path.join(root, 'plain.tar'), portable: true, mtime: new Date(0) }, ['a.txt']);
console.log(fs.statSync(path.join(root, 'plain.tar')).size);
const entries = [];
fs.createReadStream(path.join(root, 'plain.tar')).pipe(new tar.Parser({ onReadEntry: (e) => { e.on('data', (d) => entries.push(e.path + ':' + d.toString().trim())); } })).on('end', () => {
  console.log(entries);
  fs.rmSync(root, { recursive: true });
});
