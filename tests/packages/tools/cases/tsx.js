// tsx: run a .ts file through its CLI, and through `--import tsx`, in a child process of
// the same runtime (process.execPath).
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.join(__dirname, '..');
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  console.log(`[${args.join(' ')}] exit ${r.status}`);
  process.stdout.write(r.stdout);
  if (r.status !== 0) console.log(r.stderr);
};
run(['node_modules/tsx/dist/cli.mjs', 'fixtures/ts/main.ts']);
run(['--import', 'tsx', 'fixtures/ts/main.ts']);
run(['node_modules/tsx/dist/cli.mjs', '-e', 'const x: string = "eval"; console.log(x.toUpperCase(), typeof require)']);
