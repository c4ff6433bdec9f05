// postcss with autoprefixer (fixed browser list) and postcss-nested.
const postcss = require('postcss');
const autoprefixer = require('autoprefixer');
const nested = require('postcss-nested');
const src = `
.a { display: flex; user-select: none; &:hover { transition: transform 1s; } .b { appearance: none; } }
@media (min-resolution: 2dppx) { .c { background-clip: text; } }
`;
postcss([nested, autoprefixer({ overrideBrowserslist: ['last 4 versions', 'ie 10', 'safari 6'] })])
  .process(src, { from: 'in.css', to: 'out.css', map: { inline: false } })
  .then((r) => {
    console.log(r.css);
    console.log('map sources', JSON.parse(r.map.toString()).sources);
    console.log('warnings', r.warnings().length);
    const root = postcss.parse('a { color: red; b { c: d } }');
    root.walkDecls((d) => console.log('decl', d.prop, d.value));
    try { postcss.parse('a {'); } catch (e) { console.log('error:', e.name, e.reason, e.line, e.column); }
  });
