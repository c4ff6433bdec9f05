// Requires the typescript compiler (about 9 MB of JavaScript, one module) through the
// module loader and transpiles a small file: what a compile cache can speed up.
const ts = require('typescript');
const source = 'interface P { x: number; y?: string }\nexport const f = (p: P): number => p.x * 2;\nenum E { A, B }\nexport class C<T> { constructor(private v: T) {} get(): T { return this.v; } }\n';
const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
console.log(out.outputText.split('\n').length, 'lines; typescript', ts.version);
