// ts-node: register the require hook (type-checking with typescript), require .ts files;
// a type error is reported as TSError with the diagnostic code.
const path = require('path');
const tsNode = require('ts-node');
tsNode.register({ compilerOptions: { module: 'commonjs', target: 'es2020', strict: true, esModuleInterop: true }, skipProject: true });
require(path.join(__dirname, '../fixtures/ts/main.ts'));
const util = require(path.join(__dirname, '../fixtures/ts/util.ts'));
console.log('area', util.area({ kind: 'square', size: 5 }), util.Color.Red);
try {
  require(path.join(__dirname, '../fixtures/ts/bad.ts'));
} catch (e) {
  console.log(e.name, e.diagnosticCodes, e.message.split('\n').find((l) => l.includes('TS2322')).replace(/^.*?(fixtures)/, '$1'));
}
const service = tsNode.create({ transpileOnly: true, compilerOptions: { module: 'commonjs', target: 'es2015' }, skipProject: true });
console.log(service.compile('const x: number = 1 as number; export const y = x ?? 2;', 'inline.ts').split('\n//# sourceMappingURL')[0]);
