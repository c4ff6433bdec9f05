// shelljs: portable shell commands in a temp dir.
const shell = require('shelljs');
const os = require('os');
const path = require('path');
shell.config.silent = true;
const root = shell.tempdir() && require('fs').mkdtempSync(path.join(os.tmpdir(), 'shjs-'));
shell.cd(root);
shell.mkdir('-p', 'a/b/c', 'd');
shell.ShellString('one\ntwo\nthree\n').to('a/file.txt');
shell.echo('four').toEnd('a/file.txt');
shell.cp('-R', 'a', 'copy');
shell.mv('copy/file.txt', 'd/moved.txt');
console.log(shell.ls('-R', '.').sort(), shell.test('-d', 'a/b'), shell.test('-f', 'nope'));
console.log(shell.cat('d/moved.txt').toString(), shell.grep('t', 'a/file.txt').stdout, shell.sed('-i', 'two', 'TWO', 'a/file.txt').stdout);
console.log(shell.head({ '-n': 2 }, 'a/file.txt').stdout, shell.sort('a/file.txt').stdout, shell.find('a').map((p) => p).sort());
const r = shell.exec('echo hello && echo oops 1>&2 && exit 2');
console.log(r.code, JSON.stringify(r.stdout), JSON.stringify(r.stderr));
console.log(shell.which('sh') !== null, shell.rm('-rf', 'a/b').code, shell.ls('a').toString(), shell.error());
shell.ls('nope');
console.log(JSON.stringify(shell.error()));
shell.exec('printf async', (code, stdout) => {
  console.log('async', code, stdout);
  shell.cd(os.tmpdir());
  shell.rm('-rf', root);
  console.log(shell.test('-e', root));
});
