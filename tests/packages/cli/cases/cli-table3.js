// cli-table3: renders tables (head, colWidths, spans, vertical tables).
const Table = require('cli-table3');
const t = new Table({ head: ['Name', 'Version'], colWidths: [12, 10], style: { head: [], border: [] } });
t.push(['amber', '0.1.0'], ['node', '20.19.2']);
console.log(t.toString());
const v = new Table({ style: { head: [], border: [] } });
v.push({ 'key one': 'value' }, { 'key two': 'a longer value' });
console.log(v.toString());
const s = new Table({ style: { head: [], border: [] } });
s.push([{ colSpan: 2, content: 'spans two', hAlign: 'center' }], ['a', 'b']);
console.log(s.toString());
