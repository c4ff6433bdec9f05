// concurrently: run two commands (child processes of the same runtime, through a
// shell) with --raw output, in order (--max-processes 1), and its API's exit results.
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.join(__dirname, '..');
const node = JSON.stringify(process.execPath);
const r = spawnSync(process.execPath, [
  'node_modules/concurrently/dist/bin/concurrently.js', '--raw', '--max-processes', '1',
  `${node} fixtures/concurrently/first.js`,
  `${node} fixtures/concurrently/second.js`,
], { cwd: root, encoding: 'utf8' });
console.log('exit', r.status);
process.stdout.write(r.stdout);
const concurrently = require('concurrently');
const { result } = concurrently([
  { command: `${node} fixtures/concurrently/exit.js 0`, name: 'ok' },
  { command: `${node} fixtures/concurrently/exit.js 3`, name: 'bad' },
], { raw: true, maxProcesses: 1, successCondition: 'all', cwd: root });
result.then(
  (events) => console.log('resolved', events.map((e) => `${e.command.name}:${e.exitCode}`)),
  (events) => console.log('rejected', events.map((e) => `${e.command.name}:${e.exitCode}`).sort()),
);
