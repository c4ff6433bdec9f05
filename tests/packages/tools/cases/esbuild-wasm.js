// esbuild-wasm: the same compiler as WebAssembly, run in a worker of its own.
const esbuild = require('esbuild-wasm');
(async () => {
  const t = await esbuild.transform('let x: number = 1 + 2;\nexport const f = (a: string) => a.repeat(x);\n', { loader: 'ts', format: 'esm', minify: true });
  console.log(t.code);
  const r = await esbuild.build({
    stdin: { contents: "import { a } from './a.js'; console.log(a * 2);", resolveDir: '/', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    plugins: [{
      name: 'virtual',
      setup(build) {
        build.onResolve({ filter: /^\.\/a\.js$/ }, (args) => ({ path: args.path, namespace: 'v' }));
        build.onLoad({ filter: /.*/, namespace: 'v' }, () => ({ contents: 'export const a = 21;', loader: 'js' }));
      },
    }],
  });
  console.log(r.outputFiles[0].text);
  try { await esbuild.transform('let = ;'); } catch (e) { console.log('error:', e.errors[0].text); }
  await esbuild.stop();
})();
