// nunjucks: templates with inheritance (from an in-memory loader), filters, macros, async.
const nunjucks = require('nunjucks');
const { Environment, Loader } = nunjucks;
const files = {
  'base.njk': '<title>{% block title %}Base{% endblock %}</title><body>{% block body %}{% endblock %}</body>',
  'page.njk': '{% extends "base.njk" %}{% import "macros.njk" as m %}{% block title %}{{ title | upper }}{% endblock %}{% block body %}{% for u in users | sort(false, false, "name") %}{{ m.card(u) }}{% else %}none{% endfor %}{% endblock %}',
  'macros.njk': '{% macro card(u) %}<div>{{ u.name | title }} {{ u.age | default("?") }}</div>{% endmacro %}',
};
const MemLoader = Loader.extend({ getSource(name) { return { src: files[name], path: name, noCache: false }; } });
const env = new Environment(new MemLoader(), { autoescape: true });
env.addFilter('shout', (s) => s + '!');
env.addFilter('later', (s, cb) => setImmediate(() => cb(null, s + '?')), true);
console.log(env.render('page.njk', { title: 'hello', users: [{ name: 'zed', age: 3 }, { name: 'amy' }] }));
console.log(env.renderString('{{ x | shout }} {{ html }} {{ html | safe }} {{ [1,2,3] | join("-") }} {% set t = 2 * 3 %}{{ t }} {{ "%05d" }} {{ d | dump }}', { x: 'hey', html: '<b>', d: { a: [1] } }));
env.renderString('{{ "x" | later }}', {}, (err, res) => console.log(err, res));
try { env.renderString('{% if %}', {}); } catch (e) { console.log(e.name, e.message.split('\n').slice(0, 2).join(' | ')); }
