// husky initialises hooks in a temp git repository; lint-staged runs a node task on the
// staged files there, and prints its --help.
const fs = require('fs'); const os = require('os'); const path = require('path'); const { execFileSync } = require('child_process');
const { bin } = require('./_run');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-husky-'));
const git = (...a) => execFileSync('git', a, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@b', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@b' } });
git('init', '-q', '-b', 'main');
fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'h', private: true, 'lint-staged': { '*.js': `${process.execPath} ${path.join(__dirname, '../fixtures/record-args.js')}` } }));
const h = bin('husky/bin.js', [], { cwd: repo });
console.log('husky', h.status, JSON.stringify(h.stdout.trim()), git('config', 'core.hooksPath').trim(), fs.readdirSync(path.join(repo, '.husky')).sort().join(' '));
const help = bin('lint-staged/bin/lint-staged.js', ['--help']);
console.log('help', help.status, help.stdout.split('\n')[0], help.stdout.includes('--concurrent'));
fs.writeFileSync(path.join(repo, 'a.js'), 'let a = 1\n'); fs.writeFileSync(path.join(repo, 'b.txt'), 'b\n');
git('add', '.');
const ls = bin('lint-staged/bin/lint-staged.js', ['--quiet'], { cwd: repo });
console.log('lint-staged', ls.status, JSON.stringify(ls.stdout.trim()), JSON.stringify(ls.stderr.trim()), fs.readFileSync(path.join(repo, 'ran.txt'), 'utf8'));
fs.rmSync(repo, { recursive: true, force: true });
