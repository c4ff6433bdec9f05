// Loads the typescript compiler (about 9 MB of JavaScript) and transpiles a small file.
// typescript.js is evaluated as a CommonJS function body rather than require()d, because
// Node's user-land snapshots only allow built-in modules to be required; the same code
// runs on every runtime compared.
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'node_modules', 'typescript', 'lib', 'typescript.js');
const mod = { exports: {} };
new Function('module', 'exports', 'require', '__filename', '__dirname', fs.readFileSync(file, 'utf8'))(mod, mod.exports, require, file, path.dirname(file));
const ts = mod.exports;
const source = 'interface P { x: number; y?: string }\nexport const f = (p: P): number => p.x * 2;\nenum E { A, B }\nexport class C<T> { constructor(private v: T) {} get(): T { return this.v; } }\n';
function main() {
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  console.log(out.outputText.split('\n').length, 'lines; typescript', ts.version);
}
const v8 = require('v8');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
