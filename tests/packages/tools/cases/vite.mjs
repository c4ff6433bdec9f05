// vite: `vite build` of a tiny app, through its JS API (in this process) and its CLI
// (a child process of the same runtime); prints the emitted files and the bundle.
import { build } from 'vite';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'vite');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vite-case-'));

function listing(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${fs.statSync(p).size}`);
    }
  };
  walk(dir);
  return out;
}

const api = path.join(tmp, 'api');
const result = await build({ root: fixture, logLevel: 'silent', configFile: false, build: { outDir: api, emptyOutDir: true } });
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
console.log('api chunks', outputs.map((o) => `${o.type} ${o.fileName}`).sort());
console.log(listing(api));
const js = outputs.find((o) => o.type === 'chunk');
console.log(js.code.includes('Hello, ${') || js.code.includes('Hello,'), js.code.includes('tree-shaken'));
console.log(fs.readFileSync(path.join(api, 'index.html'), 'utf8'));

const cli = path.join(tmp, 'cli');
const r = spawnSync(process.execPath, [path.join(here, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', cli, '--emptyOutDir', '--logLevel', 'warn'], { cwd: fixture, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
console.log('cli exit', r.status, r.stdout, r.stderr);
console.log(listing(cli));
console.log('same output', JSON.stringify(listing(cli)) === JSON.stringify(listing(api)));
fs.rmSync(tmp, { recursive: true });
