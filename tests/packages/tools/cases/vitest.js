// vitest: `vitest run` on a small test directory (its forks pool runs the tests in a
// child process of the same runtime); prints the exit code and the report without times.
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.join(__dirname, '..');
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--root', 'fixtures/vitest', '--reporter=verbose'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
});
console.log('exit', r.status);
const out = (r.stdout + r.stderr).split('\n')
  .map((l) => l.replace(/\s*\d+(\.\d+)?\s*m?s\b/g, ' T').replace(/\s+$/, '').replace(root, '<root>'))
  .filter((l) => !/^\s*(Start at|Duration)/.test(l) && !/RUN\s+v/.test(l));
console.log(out.filter((l) => /(✓|×|↓|Tests|Test Files|AssertionError|Expected|Received|^\s*[-+] )/.test(l)).join('\n'));
