// node-fetch v3 (ESM) and v2 (CommonJS) against a local server.
import http from 'node:http';
import fetch3, { Headers } from 'node-fetch';
import { createRequire } from 'node:module';
const fetch2 = createRequire(import.meta.url)('node-fetch-v2');
const server = http.createServer((req, res) => {
  let d = ''; req.on('data', (c) => d += c); req.on('end', () => {
    if (req.url === '/redir') { res.writeHead(302, { location: '/json' }); return res.end(); }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, method: req.method, ct: req.headers['content-type'], body: d }));
  });
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  for (const [name, f] of [['v3', fetch3], ['v2', fetch2]]) {
    let r = await f(base + '/redir');
    console.log(name, r.status, r.redirected, r.url.replace(base, ''), await r.json());
    r = await f(base + '/post', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) });
    console.log(name, r.status, r.headers.get('content-type'), await r.text());
    try { await f('http://127.0.0.1:1/'); } catch (e) { console.log(name, e.name, e.code); }
  }
  console.log(new Headers({ 'X-A': '1' }).get('x-a'));
  server.close();
});
