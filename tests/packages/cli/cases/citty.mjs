// citty: defineCommand with typed args and subcommands, runMain-style, usage rendering.
import { defineCommand, runCommand, renderUsage, parseArgs } from 'citty';
const sub = defineCommand({ meta: { name: 'greet', description: 'Greets' }, args: { name: { type: 'positional', description: 'who' }, loud: { type: 'boolean', alias: 'l' } }, run({ args }) { console.log('hello', args.name, args.loud ? '!!' : '.'); return 'ok'; } });
const main = defineCommand({ meta: { name: 'app', version: '1.0.0', description: 'An app' }, args: { verbose: { type: 'boolean' } }, subCommands: { greet: sub } });
const res = await runCommand(main, { rawArgs: ['greet', 'world', '-l'] });
console.log(JSON.stringify(res.result));
console.log(await renderUsage(sub));
console.log(JSON.stringify(parseArgs(['--count', '5', 'x', '--no-color'], { count: { type: 'string' }, color: { type: 'boolean', default: true } })));
