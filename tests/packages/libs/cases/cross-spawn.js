// cross-spawn: spawn and spawn.sync as child_process does, with shebang handling.
const spawn = require('cross-spawn');
const r = spawn.sync('node', ['-e', 'console.log(process.argv.slice(1).join("|"))', 'a b', 'c'], { encoding: 'utf8' });
console.log(r.status, JSON.stringify(r.stdout));
const miss = spawn.sync('definitely-not-a-command-xyz', []);
console.log(miss.error && miss.error.code, miss.status);
const child = spawn('sh', ['-c', 'echo out; echo err 1>&2; exit 4'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
let err = '';
child.stdout.on('data', (d) => { out += d; });
child.stderr.on('data', (d) => { err += d; });
child.on('close', (code) => {
  console.log('close', code, JSON.stringify(out), JSON.stringify(err));
  const bad = spawn('definitely-not-a-command-xyz');
  bad.on('error', (e) => console.log('error', e.code, e.syscall));
});
