// yaml: parse, stringify, Document API with comments, errors.
const YAML = require('yaml');
console.log(YAML.parse('3.14159'), YAML.parse('[ true, false, maybe, null ]\n'), YAML.parse('number: 3\nplain: string\nblock: |\n  two\n  lines\n'));
console.log(YAML.stringify({ number: 3, plain: 'string', block: 'two\nlines\n', list: [{ a: 1 }, 'x'], date: new Date(0) }));
const doc = YAML.parseDocument('# top comment\nkey: value # trailing\nseq:\n  - a\n  - b\n');
doc.set('added', YAML.parse('[1, 2]'));
doc.getIn(['seq']).add('c');
doc.commentBefore = ' replaced';
console.log(String(doc), doc.toJS());
const bad = YAML.parseDocument('a: 1\na: 2\nb: [');
console.log(bad.errors.map((e) => `${e.code} ${e.linePos && e.linePos[0].line}`));
const map = new YAML.Document(new Map([['k', new Set(['x'])]]));
console.log(map.toString(), YAML.stringify([1, 2], { flow: true }));
