// ejs: render with includes (from a temp dir), escaping, custom delimiters, errors.
const ejs = require('ejs');
const fs = require('fs');
const os = require('os');
const path = require('path');
console.log(ejs.render('<% if (user) { %><h2><%= user.name %></h2><% } %><ul><% items.forEach(function(i){ %><li><%- i %></li><% }) %></ul>', { user: { name: '<Ada & co>' }, items: ['<b>a</b>', 'b'] }));
console.log(ejs.render('<?= a ?>-<?- b ?>', { a: '<', b: '<' }, { delimiter: '?' }));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejs-'));
fs.writeFileSync(path.join(dir, 'header.ejs'), '<header><%= title %></header>');
fs.writeFileSync(path.join(dir, 'page.ejs'), '<%- include("header", { title: title.toUpperCase() }) %>\n<main><%= body %></main>');
ejs.renderFile(path.join(dir, 'page.ejs'), { title: 'home', body: 'x' }, (err, str) => {
  console.log(err, str);
  const fn = ejs.compile('<%= a.b.c %>', { filename: 'inline.ejs' });
  try { fn({ a: {} }); } catch (e) { console.log(e.name, e.message.split('\n').filter((l) => /inline|Cannot read/.test(l))); }
  ejs.render('<%= await Promise.resolve(a) %>!', { a: 'async' }, { async: true }).then((s) => {
    console.log(s);
    fs.rmSync(dir, { recursive: true });
  });
});
