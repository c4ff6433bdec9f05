// commander: options, subcommands, help text and errors, parsed from fixed argv.
const { Command, Option, InvalidArgumentError } = require('commander');
function make() {
  const program = new Command();
  program.name('string-util').description('CLI to some JavaScript string utilities').version('0.8.0').exitOverride().configureOutput({ writeOut: (s) => process.stdout.write('[out] ' + s), writeErr: (s) => process.stdout.write('[err] ' + s) });
  program.command('split').description('Split a string into substrings').argument('<string>', 'string to split')
    .option('--first', 'display just the first substring').option('-s, --separator <char>', 'separator character', ',')
    .addOption(new Option('-c, --count <n>', 'repeat').argParser((v) => { const n = parseInt(v, 10); if (isNaN(n)) throw new InvalidArgumentError('Not a number.'); return n; }).default(1))
    .action((str, options) => { const limit = options.first ? 1 : undefined; for (let i = 0; i < options.count; i++) console.log(str.split(options.separator, limit)); });
  return program;
}
make().parse(['split', '--separator', '/', 'a/b/c'], { from: 'user' });
make().parse(['node', 'x', 'split', '--first', '-c', '2', 'a,b,c']);
for (const argv of [['--help'], ['split', '--help'], ['split'], ['nope'], ['split', '-c', 'x', 'a'], ['--version']]) {
  try { make().parse(argv, { from: 'user' }); } catch (e) { console.log(e.code, e.exitCode); }
}
const p = new Command().allowExcessArguments(true).option('-d, --debug').option('-p, --pizza-type <type>', 'flavour').option('--no-sauce').allowUnknownOption();
p.parse(['-d', '--pizza-type', 'cheese', '--no-sauce', 'rest'], { from: 'user' });
console.log(p.opts(), p.args);
