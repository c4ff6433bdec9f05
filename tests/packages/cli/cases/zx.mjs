// zx: $ runs echo and a node-style child (this runtime), cd, within, quiet, nothrow, fs.
import { $, cd, within, fs, path, os, quote } from 'zx';
$.verbose = false;
const name = 'amber zx';
const r = await $`echo ${name} and ${['a b', 'c']}`;
console.log(JSON.stringify(r.stdout), r.exitCode);
const n = await $`${process.execPath} -e ${'console.log(6*7); console.error("err")'}`;
console.log(n.stdout.trim(), n.stderr.trim());
const failed = await $`exit 3`.nothrow();
console.log('nothrow', failed.exitCode);
try { await $`sh -c ${'echo oops >&2; exit 2'}`; } catch (e) { console.log('threw', e.exitCode, e.stderr.trim()); }
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-zx-'));
await within(async () => { cd(tmp); fs.writeFileSync('f.txt', 'hi'); console.log('within ls', (await $`ls`).stdout.trim()); });
console.log('pipe', (await $`printf 'b\na\nc\n'`.pipe($`sort`)).stdout.trim().split('\n').join(','));
console.log('lines', (await $`printf 'x\ny\n'`).lines());
fs.removeSync(tmp);
console.log(quote('it\'s'), fs.existsSync(tmp));
