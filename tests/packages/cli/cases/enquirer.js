// enquirer: a child process (the same runtime) whose prompts are answered through its
// piped stdin; the child prints the answers.
const { spawnSync } = require('child_process');
const child = `const { prompt } = require('enquirer');
prompt([{ type: 'input', name: 'name', message: 'Name?' }, { type: 'select', name: 'color', message: 'Pick', choices: ['red', 'green', 'blue'] }])
  .then(a => console.error(JSON.stringify(a)), e => console.error('error', e));`;
const r = spawnSync(process.execPath, ['-e', child], { input: 'amber\r\x1b[B\r', encoding: 'utf8' });
console.log(r.status, r.stderr.trim());
