// papaparse: parse with header and dynamic typing, unparse, errors, step callback.
const Papa = require('papaparse');
const r = Papa.parse('a,b,c\n1,"x,y",true\n2,,false\n', { header: true, dynamicTyping: true, skipEmptyLines: true });
console.log(r.data, r.errors, r.meta);
console.log(Papa.unparse([{ a: 1, b: 'q"uote' }, { a: 2, b: 'new\nline' }]), Papa.unparse({ fields: ['x'], data: [[1], [2]] }, { quotes: true }));
const bad = Papa.parse('a,b\n1,2,3\n"unterminated', { header: true });
console.log(bad.errors);
const steps = [];
Papa.parse('1\t2\n3\t4', { step: (row) => steps.push(row.data), complete: () => console.log('steps', steps), delimiter: '' });
