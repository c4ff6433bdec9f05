// @inquirer/prompts driven by a scripted input stream: input, confirm, select.
import { input, confirm, select } from '@inquirer/prompts';
import { PassThrough } from 'node:stream';
function io() { const i = new PassThrough(); const o = new PassThrough(); let shown = ''; o.on('data', d => { shown += d; }); return { input: i, output: o, shown: () => shown }; }
function typeLater(s, keys) { keys.forEach((k, n) => setTimeout(() => s.write(k), 10 * (n + 1))); }
let c = io(); typeLater(c.input, ['amber', '\r']);
console.log('input', await input({ message: 'Name?' }, { input: c.input, output: c.output }));
c = io(); typeLater(c.input, ['n', '\r']);
console.log('confirm', await confirm({ message: 'Sure?' }, { input: c.input, output: c.output }));
c = io(); typeLater(c.input, ['\x1b[B', '\r']);
console.log('select', await select({ message: 'Pick', choices: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] }, { input: c.input, output: c.output }));
console.log(c.shown().includes('Pick'));
