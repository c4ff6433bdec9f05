// c8: V8 coverage through NODE_V8_COVERAGE. c8's bin (run by the runtime running this
// case) spawns the same runtime on a fixture app, then reads the coverage-*.json files
// that runtime wrote and prints istanbul's text and json-summary reports.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const root = path.join(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c8-case-'));
const r = spawnSync(process.execPath, [
  'node_modules/c8/bin/c8.js', '--temp-directory', path.join(tmp, 'raw'), '--report-dir', path.join(tmp, 'report'),
  '--reporter', 'text', '--reporter', 'json-summary', '--include', 'fixtures/c8/**',
  process.execPath, 'fixtures/c8/app.js',
], { cwd: root, encoding: 'utf8' });
console.log('exit', r.status);
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
// The raw files of the app's process (foreground-child's watchdog process may write one
// of its own, without the app's scripts, when it ends before c8 kills it).
const raw = fs.readdirSync(path.join(tmp, 'raw'));
const ofApp = raw.filter((f) => fs.readFileSync(path.join(tmp, 'raw', f), 'utf8').includes('fixtures/c8/app.js'));
console.log('raw files of the app', ofApp.length, raw.every((f) => /^coverage-\d+-\d+-\d+\.json$/.test(f)));
const summary = JSON.parse(fs.readFileSync(path.join(tmp, 'report', 'coverage-summary.json'), 'utf8'));
for (const [file, s] of Object.entries(summary)) {
  console.log(file === 'total' ? file : path.relative(root, file), s.lines.pct, s.functions.pct, s.branches.pct);
}
fs.rmSync(tmp, { recursive: true, force: true });
