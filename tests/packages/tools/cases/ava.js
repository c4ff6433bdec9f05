// ava: run a small test directory (worker threads of the same runtime); prints the exit
// code and the report, results sorted (tests may finish in any order), times removed.
const { spawnSync } = require('child_process');
const path = require('path');
const dir = path.join(__dirname, '..', 'fixtures', 'ava');
const r = spawnSync(process.execPath, ['../../node_modules/ava/entrypoints/cli.mjs', '--tap'], {
  cwd: dir,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
});
console.log('exit', r.status);
const lines = r.stdout.split('\n').map((l) => l.replace(/\s+$/, ''));
console.log(lines.filter((l) => /^(ok|not ok|# )/.test(l)).map((l) => l.replace(/^(ok|not ok) \d+/, '$1')).sort().join('\n'));
console.log(lines.filter((l) => /^\s+(message|assertion|values|operator|- |\+ )/.test(l) || /'(amber|node)'/.test(l)).join('\n'));
