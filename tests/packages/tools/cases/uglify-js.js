// uglify-js: minify with compress, mangle, output options and a source map.
const UglifyJS = require('uglify-js');
const r = UglifyJS.minify({
  'file1.js': 'function add(first, second) { return first + second; }',
  'file2.js': 'var result = add(1 + 2, 3 * 4); if (result > 5) { console.log("big", result); } else { console.log("small"); }',
}, { toplevel: true, sourceMap: { filename: 'out.js' }, output: { beautify: false } });
console.log(r.code);
console.log(JSON.parse(r.map).mappings);
const bad = UglifyJS.minify('function (');
console.log('error:', bad.error.message, bad.error.line, bad.error.col);
console.log(UglifyJS.minify('var a = [1,2,3].map(function (x) { return x * 2 });', { output: { beautify: true } }).code);
