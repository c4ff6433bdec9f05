// http-server's bin serves a directory; the case fetches a file, a directory listing and a
// 404, then stops it.
const fs = require('fs'); const os = require('os'); const path = require('path'); const { spawn } = require('child_process');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-http-server-'));
fs.writeFileSync(path.join(root, 'hello.txt'), 'hello from http-server\n');
fs.writeFileSync(path.join(root, 'data.json'), '{"a":1}');
// The port comes from a listener of our own, closed before http-server binds it.
const srv = require('net').createServer().listen(0, '127.0.0.1', async () => {
  const port = srv.address().port; srv.close();
  const c = spawn(process.execPath, [path.join(__dirname, '../node_modules/http-server/bin/http-server'), root, '-p', String(port), '-a', '127.0.0.1', '-c-1'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  c.stdout.on('data', d => { out += d; });
  for (let i = 0; i < 400 && !out.includes('Available on'); i++) await new Promise(r => setTimeout(r, 50));
  const base = `http://127.0.0.1:${port}`;
  const a = await fetch(`${base}/hello.txt`); console.log(a.status, a.headers.get('content-type'), JSON.stringify(await a.text()));
  const b = await fetch(`${base}/data.json`); console.log(b.status, b.headers.get('content-type'), await b.text());
  const l = await fetch(`${base}/`); const html = await l.text(); console.log(l.status, html.includes('hello.txt'), html.includes('data.json'));
  const m = await fetch(`${base}/missing`); console.log(m.status);
  c.kill('SIGINT');
  c.on('exit', () => { fs.rmSync(root, { recursive: true }); console.log('stopped'); });
});
