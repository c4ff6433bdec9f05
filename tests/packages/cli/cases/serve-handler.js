// serve-handler behind http.createServer: static files, cleanUrls, rewrites, headers, 404.
const http = require('http'); const fs = require('fs'); const os = require('os'); const path = require('path');
const handler = require('serve-handler');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amber-serve-'));
fs.writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
fs.writeFileSync(path.join(root, 'about.html'), '<h1>about</h1>');
fs.mkdirSync(path.join(root, 'dir')); fs.writeFileSync(path.join(root, 'dir/a.txt'), 'A');
const server = http.createServer((req, res) => handler(req, res, { public: root, cleanUrls: true, rewrites: [{ source: '/old/**', destination: '/about.html' }], headers: [{ source: '**/*.txt', headers: [{ key: 'X-Kind', value: 'text' }] }] }));
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  for (const p of ['/', '/about', '/about.html', '/old/x', '/dir/a.txt', '/dir/', '/nope']) {
    const r = await fetch(base + p, { redirect: 'manual' });
    const body = await r.text();
    console.log(p, r.status, r.headers.get('content-type'), r.headers.get('x-kind'), r.headers.get('location'), body.includes('<') ? body.length > 0 : JSON.stringify(body));
  }
  server.close(); fs.rmSync(root, { recursive: true });
});
