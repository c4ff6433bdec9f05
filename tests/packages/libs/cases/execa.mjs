// execa (ESM): run child processes (node -e, echo), pipes, errors, template syntax.
import { execa, execaSync, $ } from 'execa';
const node = process.env.AMBER_PACKAGES_NODE || 'node';
const { stdout, exitCode } = await execa('echo', ['unicorns', 'rainbows']);
console.log(stdout, exitCode);
const r = await execa(node, ['-e', 'process.stdin.pipe(process.stdout); console.error("err line")'], { input: 'from stdin' });
console.log(JSON.stringify(r.stdout), JSON.stringify(r.stderr));
try { await execa(node, ['-e', 'process.exit(3)']); } catch (e) { console.log(e.exitCode, e.failed, e.shortMessage.replace(node, 'NODE')); }
console.log(execaSync('sh', ['-c', 'echo $FOO'], { env: { FOO: 'bar' } }).stdout);
const lines = await $({ lines: true })`printf ${'a\nb\nc'}`;
console.log(lines.stdout);
const piped = await execa('printf', ['z\ny\nx\n']).pipe('sort');
console.log(JSON.stringify(piped.stdout));
const sub = execa(node, ['-e', 'setInterval(() => {}, 1000)']);
setTimeout(() => sub.kill('SIGTERM'), 100);
const killed = await sub.catch((e) => e);
console.log(killed.isTerminated, killed.signal);
for await (const line of execa('printf', ['1\n2\n'])) console.log('line', line);
