// sass (dart-sass compiled to JS): compileString with variables, nesting, mixins, modules.
const sass = require('sass');
const src = `
@use 'sass:math';
$base: 16px;
@mixin box($pad) { padding: $pad; border: 1px solid darken(#336699, 10%); }
.card { @include box(math.div($base, 2)); .title { font-size: $base * 1.5; &:hover { color: red; } } }
@each $n in 1, 2, 3 { .m-#{$n} { margin: $n * 4px; } }
`;
const r = sass.compileString(src, { silenceDeprecations: ['color-functions', 'global-builtin'] });
console.log(r.css);
console.log(sass.compileString('a { b { c: d } }', { style: 'compressed' }).css);
try {
  sass.compileString('.a { color: $nope; }');
} catch (e) {
  console.log('error:', e.sassMessage, e.span.start.line);
}
