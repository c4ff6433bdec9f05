// csv-parse + csv-stringify: sync and streaming APIs, both directions.
const { parse } = require('csv-parse');
const { parse: parseSync } = require('csv-parse/sync');
const { stringify } = require('csv-stringify');
const { stringify: stringifySync } = require('csv-stringify/sync');
const input = 'name,age,quote\n"Smith, J",42,"he said ""hi"""\nDoe,7,\n';
console.log(parseSync(input, { columns: true, cast: true, skip_empty_lines: true }));
console.log(stringifySync([{ a: 1, b: 'x,y' }, { a: 2, b: 'q"q' }], { header: true, quoted_string: false }));
const rows = [];
const parser = parse({ delimiter: ';', from_line: 2, relax_column_count: true });
parser.on('readable', () => { let r; while ((r = parser.read()) !== null) rows.push(r); });
parser.on('error', (e) => console.log('error', e.code));
parser.on('end', () => {
  console.log(rows, parser.info.records);
  const out = [];
  const s = stringify({ header: true, columns: ['id', 'v'], cast: { boolean: (b) => (b ? 'yes' : 'no') } });
  s.on('data', (c) => out.push(c.toString()));
  s.on('end', () => {
    console.log(out.join(''));
    try { parseSync('a,b\n1,2,3\n', { columns: true }); } catch (e) { console.log(e.code, e.message); }
  });
  s.write([1, true]);
  s.write({ id: 2, v: false });
  s.end();
});
parser.write('h1;h2\n1;2\n3;4;5\n');
parser.end();
