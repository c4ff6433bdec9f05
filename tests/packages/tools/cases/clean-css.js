// clean-css: level 1 and 2 optimizations, stats, and an @import it cannot inline.
const CleanCSS = require('clean-css');
const src = `
a { color: #ff0000; margin: 0px 0px 0px 0px; }
a { color: red; padding: 10px; }
.b { background: url( "img.png" ); font-weight: bold; }
.c { font-weight: bold; }
@media screen { .d { color: rgb(0, 0, 255) } }
`;
const out = new CleanCSS({ level: 2 }).minify(src);
console.log(out.styles);
console.log('efficiency', out.stats.efficiency.toFixed(4), 'original', out.stats.originalSize, 'minified', out.stats.minifiedSize);
console.log('warnings', out.warnings, 'errors', out.errors);
console.log(new CleanCSS({ format: 'beautify' }).minify('a{color:red}b{color:blue}').styles);
