// yargs (ESM): commands, options, coercion, validation and generated help.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
function make(argv) {
  return yargs(argv)
    .scriptName('pirate-parser')
    .usage('$0 <cmd> [args]')
    .command('hello [name]', 'welcome ter yargs!', (y) => y.positional('name', { type: 'string', default: 'Cambi', describe: 'the name to say hello to' }), (a) => console.log('hello', a.name, 'welcome to yargs!', a.loud))
    .option('loud', { alias: 'l', type: 'boolean', description: 'shout' })
    .option('n', { type: 'number', coerce: (x) => x * 2 })
    .strict()
    .exitProcess(false)
    .wrap(80)
    .fail((msg, err) => console.log('FAIL', msg || err.message));
}
console.log(hideBin(['node', 'script', 'a', 'b']));
const a = make(['hello', 'Ada', '--loud', '-n', '21']).parseSync();
console.log(a._, a.name, a.loud, a.n, a.l);
make(['bogus']).parseSync();
make(['hello', '--nope']).parseSync();
const help = await make([]).getHelp();
console.log(help);
const b = yargs(['--a.b', '1', '--list', 'x', '--list', 'y', '--no-color', '--', 'z']).parserConfiguration({}).parseSync();
// $0 is left out: yargs derives it from process.argv[0] only for binaries named node|iojs|electron|bun.
delete b.$0;
console.log(b);
