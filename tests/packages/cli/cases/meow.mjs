// meow: parses argv into input and typed flags, builds help from a template.
import meow from 'meow';
const cli = meow(`
  Usage
    $ foo <input>

  Options
    --rainbow, -r  Include a rainbow
`, {
  importMeta: import.meta,
  argv: ['unicorns', '-r', '--count', '3', '--name=x', 'more'],
  flags: { rainbow: { type: 'boolean', shortFlag: 'r' }, count: { type: 'number' }, name: { type: 'string', default: 'd' }, other: { type: 'string', default: 'dflt' } },
});
console.log(JSON.stringify(cli.input), JSON.stringify(cli.flags));
console.log(cli.help);
console.log(cli.pkg.name);
