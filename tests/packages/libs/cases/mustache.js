// mustache: sections, inverted sections, partials, lambdas, custom tags.
const Mustache = require('mustache');
const view = { title: 'Joe', calc: () => 2 + 4, items: [{ n: 'a' }, { n: '<b>' }], empty: [], wrap: () => (text, render) => '<w>' + render(text) + '</w>' };
console.log(Mustache.render('{{title}} spends {{calc}}\n{{#items}}- {{n}} {{{n}}}\n{{/items}}{{^empty}}no empties{{/empty}} {{#wrap}}hi {{title}}{{/wrap}} {{> foot}}', view, { foot: '({{title}})' }));
console.log(Mustache.render('<%name%> {{name}}', { name: 'x' }, {}, ['<%', '%>']), JSON.stringify(Mustache.parse('a {{b}} {{#c}}d{{/c}}')));
try { Mustache.render('{{#a}}', {}); } catch (e) { console.log(e.message); }
