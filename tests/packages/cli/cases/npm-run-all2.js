// npm-run-all2's run-s / run-p run package.json scripts (node one-liners) in order and in
// parallel; npm itself is the runner it spawns (--npm-path names it).
const path = require('path'); const { execSync } = require('child_process');
const { bin } = require('./_run');
const cwd = path.join(__dirname, '../fixtures/run-all');
const npmCli = execSync('npm root -g', { encoding: 'utf8' }).trim() + '/npm/bin/npm-cli.js';
const s = bin('npm-run-all2/bin/run-s/index.js', ['--silent', '--npm-path', npmCli, 'build:*', 'check'], { cwd });
console.log('run-s', s.status, JSON.stringify(s.stdout), s.stderr.trim());
const p = bin('npm-run-all2/bin/run-p/index.js', ['--silent', '--print-label', '--npm-path', npmCli, 'build:one', 'build:two'], { cwd });
console.log('run-p', p.status, p.stdout.trim().split('\n').sort().join(' / '));
