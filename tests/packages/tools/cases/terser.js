// terser: minify with compress, mangle and a source map.
const { minify } = require('terser');
const code = {
  'a.js': 'function add(first, second) { const unused = 3; return first + second; }\nconsole.log(add(1, 2));\n',
  'b.js': 'export class Greeter { constructor(name) { this.name = name; } greet() { if (true) { return "hi " + this.name; } } }\n',
};
minify(code, { module: true, compress: { passes: 2 }, mangle: { toplevel: true }, sourceMap: { filename: 'out.js', url: 'out.js.map' } }).then((r) => {
  console.log(r.code);
  const map = JSON.parse(r.map);
  console.log(map.sources, map.names, map.mappings);
  return minify('let a = ;');
}).catch((e) => console.log('error:', e.name, e.message, e.line, e.col));
