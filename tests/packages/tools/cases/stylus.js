// stylus: render with variables, mixins, functions, iteration.
const stylus = require('stylus');
const src = `
base = 10px
border-radius(n)
  -webkit-border-radius n
  border-radius n
add(a, b)
  a + b
.btn
  padding base (base * 2)
  border-radius(4px)
  width add(10px, 5px)
  &:hover
    color darken(#ff0000, 20%)
for i in 1..3
  .col-{i}
    width (i * 25)%
`;
stylus(src).set('filename', 'case.styl').render((err, css) => {
  if (err) throw err;
  console.log(css);
});
try {
  stylus('.a\n  color: ((').render();
} catch (e) {
  console.log('error:', e.name);
}
