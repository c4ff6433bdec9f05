// qs: nested query strings both ways.
const qs = require('qs');
console.log(qs.parse('a[b][c]=d&e[]=1&e[]=2&f[0][g]=h&i=%E2%9C%93&j'));
console.log(qs.parse('?x=1&y=2', { ignoreQueryPrefix: true }), qs.parse('a.b=c&d=1,2', { allowDots: true, comma: true }));
console.log(qs.stringify({ a: { b: { c: 'd e' } }, list: ['x', 'y'], date: new Date(0), n: null, u: undefined }));
console.log(qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'brackets', encodeValuesOnly: true }), qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'repeat' }));
console.log(qs.stringify({ a: { b: 1 } }, { allowDots: true, addQueryPrefix: true }), qs.parse('a[21]=x&a[1]=y'), qs.parse('a=1&a=2&a=3', { duplicates: 'last' }));
