// fs-extra in a temporary directory: copy, move, ensure, JSON files, remove, promises.
const fse = require('fs-extra');
const os = require('os');
const path = require('path');
(async () => {
  const root = await fse.mkdtemp(path.join(os.tmpdir(), 'fse-'));
  const rel = (p) => path.relative(root, p);
  await fse.ensureDir(path.join(root, 'a/b/c'));
  await fse.outputFile(path.join(root, 'a/b/c/file.txt'), 'hello');
  await fse.writeJson(path.join(root, 'a/data.json'), { x: [1, 2] }, { spaces: 2 });
  console.log(await fse.readJson(path.join(root, 'a/data.json')), await fse.pathExists(path.join(root, 'a/b/c/file.txt')));
  await fse.copy(path.join(root, 'a'), path.join(root, 'copy'), { filter: (src) => !src.endsWith('.json') });
  await fse.move(path.join(root, 'copy/b'), path.join(root, 'moved'));
  fse.ensureFileSync(path.join(root, 'moved/new/empty.txt'));
  await fse.ensureSymlink(path.join(root, 'moved/c/file.txt'), path.join(root, 'link.txt'));
  console.log(await fse.readFile(path.join(root, 'link.txt'), 'utf8'));
  const walk = (d) => fse.readdirSync(d).sort().flatMap((n) => { const p = path.join(d, n); return fse.lstatSync(p).isDirectory() ? [rel(p) + '/', ...walk(p)] : [rel(p)]; });
  console.log(walk(root));
  await fse.emptyDir(path.join(root, 'moved'));
  console.log(fse.readdirSync(path.join(root, 'moved')));
  try { await fse.move(path.join(root, 'a'), path.join(root, 'link.txt')); } catch (e) { console.log(e.message.replaceAll(root, '<root>')); }
  fse.copySync(path.join(root, 'a/data.json'), path.join(root, 'd2.json'));
  console.log(fse.readJsonSync(path.join(root, 'd2.json')));
  await fse.remove(root);
  console.log(fse.existsSync(root));
})();
