// pug: compile templates with mixins, conditionals, iteration, filters-free.
const pug = require('pug');
const fn = pug.compile(`
doctype html
html(lang="en")
  head
    title= pageTitle
  body
    mixin item(name, price)
      li.item(data-price=price)= name + ': ' + price.toFixed(2)
    h1#title Pug - #{pageTitle}
    if youAreUsingPug
      p You are amazing
    else
      p Get on it!
    ul
      each p in products
        +item(p.name, p.price)
    p.
      Pug is a terse and simple templating language with a
      #[strong focus] on performance.
    case n
      when 1
        p one
      default
        p other #{n}
    input(type='checkbox' checked=false disabled)
    | !{raw} #{raw}
`, { pretty: true });
console.log(fn({ pageTitle: 'T&C', youAreUsingPug: true, products: [{ name: 'a', price: 1 }, { name: 'b<', price: 2.5 }], n: 3, raw: '<i>x</i>' }));
console.log(pug.render('p= a\n  span hi', { a: 'x' }));
try { pug.render('div\n  p(\n'); } catch (e) { console.log(e.code, e.msg); }
console.log(pug.compileClient('p Hello #{name}', { name: 'tpl' }).length > 100);
