// jest: run a small test directory with --ci in worker processes of the same runtime;
// prints the summary, each test's status and the failure's diff (times removed: jest
// shows a test's duration only when it took a millisecond or more, which depends on the
// machine's load; test files finish in any order, so their lines are sorted).
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.join(__dirname, '..');
const r = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--ci', '--rootDir', 'fixtures/jest', '--maxWorkers=2', '--verbose'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
});
console.log('exit', r.status);
const lines = r.stderr.split('\n')
  .filter((l) => !/^(Time|Ran all test suites)/.test(l.trim()))
  .map((l) => l.replace(/\s*\(\d+(\.\d+)? m?s\)/g, '').replace(/\s+$/, '').replace(root, '<root>'));
console.log(lines.filter((l) => /^\s*(✓|✕|○|PASS|FAIL|Tests:|Test Suites:|Snapshots:)/.test(l)).sort().join('\n'));
const diff = lines.slice(lines.findIndex((l) => l.includes('● fails with a diff')));
console.log(diff.slice(0, diff.findIndex((l) => l.includes('fail.test.js:')) + 1).join('\n'));
