// handlebars: templates, helpers, partials, escaping, precompile.
const Handlebars = require('handlebars');
Handlebars.registerHelper('upper', (s) => s.toUpperCase());
Handlebars.registerHelper('list', function (items, options) { return '<ul>' + items.map((i) => '<li>' + options.fn(i) + '</li>').join('') + '</ul>'; });
Handlebars.registerPartial('person', '{{name}} ({{age}})');
const t = Handlebars.compile('<p>Hello, {{upper name}}! You have {{count}} new {{#if (eq count 1)}}message{{else}}messages{{/if}}.</p>{{{raw}}} {{esc}}\n{{#list people}}{{> person}}{{/list}}{{#each map}}[{{@key}}={{this}}{{#if @last}}!{{/if}}]{{/each}}{{!-- comment --}}');
Handlebars.registerHelper('eq', (a, b) => a === b);
console.log(t({ name: 'amber', count: 2, raw: '<b>bold</b>', esc: '<i>&"</i>', people: [{ name: 'Ada', age: 36 }, { name: 'Alan', age: 41 }], map: { a: 1, b: 2 } }));
const pre = Handlebars.precompile('{{#with user}}{{first}} {{last}}{{/with}}');
console.log(typeof pre, pre.length > 100);
const tpl = Handlebars.template(new Function('return ' + pre)());
console.log(tpl({ user: { first: 'Grace', last: 'Hopper' } }));
try { Handlebars.compile('{{#if}}')(); } catch (e) { console.log(e.message.split('\n')[0]); }
