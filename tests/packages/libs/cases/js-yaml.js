// js-yaml: load, dump, multi-document, schemas and errors.
const yaml = require('js-yaml');
const doc = yaml.load(`
greeting: hello
list: [1, 2.5, true, null, ~]
nested:
  when: 2001-12-14t21:59:43.10-05:00
  anchors: &a { x: 1 }
  ref: *a
  merged:
    <<: *a
    y: 2
multi: |
  line one
  line two
folded: >
  a
  b
`);
console.log(doc);
console.log(yaml.dump({ a: [1, { b: 'c: d' }], s: 'multi\nline', e: {}, n: null, d: new Date(0) }, { sortKeys: true }));
console.log(yaml.loadAll('---\na: 1\n---\nb: 2\n'));
try { yaml.load('a: [1, 2'); } catch (e) { console.log(e.name, e.reason, e.mark.line, e.mark.column); }
console.log(yaml.load('x: !!str 123').x, yaml.dump('yes'), yaml.load('v: 0x1F', { schema: yaml.JSON_SCHEMA }));
