// dotenv-cli loads a .env file (with -v overrides) for a child command.
const fs = require('fs'); const os = require('os'); const path = require('path');
const { bin } = require('./_run');
const d = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-dotenv-'));
fs.writeFileSync(path.join(d, '.env'), 'A=from-file\nB="quoted value"\n# comment\nC=${A}-expanded\n');
const r = bin('dotenv-cli/cli.js', ['-e', path.join(d, '.env'), '-v', 'D=cli', '--', process.execPath, '-e', 'console.log([process.env.A, process.env.B, process.env.C, process.env.D].join("|"))']);
console.log(r.status, r.stdout.trim(), r.stderr.trim());
const p = bin('dotenv-cli/cli.js', ['-e', path.join(d, '.env'), '-p', 'B']);
console.log(p.status, p.stdout.trim());
fs.rmSync(d, { recursive: true });
