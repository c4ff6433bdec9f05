// esbuild: transformSync and build() go through its Go binary, spawned once and spoken
// to over stdin/stdout pipes in esbuild's binary protocol.
const esbuild = require('esbuild');
const fs = require('fs');
const os = require('os');
const path = require('path');

const t = esbuild.transformSync('let x: number = 1 + 2;\nexport const f = (a: string) => a.repeat(x);\n', { loader: 'ts', format: 'cjs' });
console.log('transformSync:\n' + t.code);
console.log('warnings', t.warnings.length);

try {
  esbuild.transformSync('let = ;', { loader: 'js' });
} catch (e) {
  console.log('syntax error:', e.errors.map((m) => `${m.location.line}:${m.location.column} ${m.text}`));
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esbuild-case-'));
  fs.writeFileSync(path.join(dir, 'main.ts'), "import { greet } from './greet';\nimport data from './data.json';\nconsole.log(greet(data.name));\n");
  fs.writeFileSync(path.join(dir, 'greet.ts'), 'export function greet(n: string): string { return `hello ${n}`; }\nexport function unused() { return 42; }\n');
  fs.writeFileSync(path.join(dir, 'data.json'), '{"name":"amber","extra":[1,2,3]}');
  const r = await esbuild.build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    outfile: path.join(dir, 'out.js'),
    metafile: true,
    logLevel: 'silent',
  });
  for (const f of r.outputFiles) console.log(path.basename(f.path), f.text);
  console.log('inputs', Object.keys(r.metafile.inputs).map((p) => path.basename(p)).sort());
  const t2 = await esbuild.transform('const a = 1 ?? 2; console.log(a?.b)', { target: 'es2015' });
  console.log('transform es2015:\n' + t2.code);
  fs.rmSync(dir, { recursive: true, force: true });
  await esbuild.stop();
})();
