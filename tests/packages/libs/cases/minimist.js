// minimist: argument parsing.
const parse = require('minimist');
console.log(parse(['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz']));
console.log(parse(['--no-color', '-v', '-v', '--name', 'x', '--', '--not-an-opt'], { boolean: ['v'], string: ['name'], alias: { n: 'name' }, default: { color: true }, '--': true }));
console.log(parse(['--a.b=1', '--list', '1', '--list', '2', '-h'], { unknown: (a) => a !== '-h' }));
