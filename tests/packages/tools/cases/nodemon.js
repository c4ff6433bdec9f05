// nodemon: `--version` through its CLI, and its config/option parsing through the API
// module (which does not start watching).
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.join(__dirname, '..');
const r = spawnSync(process.execPath, ['node_modules/nodemon/bin/nodemon.js', '--version'], { cwd: root, encoding: 'utf8' });
console.log('exit', r.status, 'version', r.stdout.trim(), 'matches package.json', r.stdout.trim() === require('nodemon/package.json').version);
const cli = require('nodemon/lib/cli');
const parsed = cli.parse('node nodemon.js --watch src --ext ts,json --delay 2.5 --exec "ts-node" app.ts -- --port 3000');
console.log(JSON.stringify(parsed));
const h = spawnSync(process.execPath, ['node_modules/nodemon/bin/nodemon.js', '--help'], { cwd: root, encoding: 'utf8' });
console.log('help exit', h.status, h.stdout.split('\n').filter((l) => l.includes('--watch')).map((l) => l.trim()));
