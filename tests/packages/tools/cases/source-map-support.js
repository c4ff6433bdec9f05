// source-map-support: a stack trace of code compiled with an inline source map points
// at the original file, line and column.
const sms = require('source-map-support');
const { SourceMapGenerator } = require('source-map');
sms.install({ environment: 'node', handleUncaughtExceptions: false, hookRequire: true });
const gen = new SourceMapGenerator({ file: 'gen.js' });
// Generated line 2 (the throw) comes from original.ts line 40, column 6.
gen.addMapping({ generated: { line: 1, column: 0 }, original: { line: 30, column: 0 }, source: 'original.ts' });
gen.addMapping({ generated: { line: 2, column: 8 }, original: { line: 40, column: 6 }, source: 'original.ts', name: 'boom' });
const code = 'function f() {\n  throw new Error("boom");\n}\nmodule.exports = f;\n//# sourceMappingURL=data:application/json;base64,' + Buffer.from(gen.toString()).toString('base64');
const Module = require('module');
const path = require('path');
const file = path.join(__dirname, 'virtual-generated.js');
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(__dirname);
m._compile(code, file);
try {
  m.exports();
} catch (e) {
  const frame = e.stack.split('\n')[1].trim();
  console.log(frame.replace(__dirname, '<dir>'));
}
const pos = sms.mapSourcePosition({ source: file, line: 2, column: 9 });
console.log(pos.source.replace(__dirname, '<dir>'), pos.line, pos.column);
