// undici from npm (not the runtime's own fetch): request(), its fetch(), a Pool, and
// the stream bodies it returns, against a local http server.
'use strict';
const http = require('http');
const undici = require('undici');

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/chunked') {
      res.write('a');
      setImmediate(() => res.end('bc'));
      return;
    }
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-n': '1' });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, ua: req.headers['user-agent'] ?? null }));
  });
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  let r = await undici.request(`${base}/get?x=1`);
  console.log('request', r.statusCode, r.headers['content-type'], r.headers['x-n'], await r.body.json());
  r = await undici.request(`${base}/post`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
  console.log('request POST', r.statusCode, await r.body.json());
  r = await undici.request(`${base}/chunked`);
  console.log('request chunked', r.statusCode, await r.body.text());
  r = await undici.request(`${base}/missing`);
  console.log('request 404', r.statusCode, (await r.body.json()).url);

  const f = await undici.fetch(`${base}/fetch`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
  console.log('fetch', f.status, f.headers.get('content-type'), await f.json());

  const pool = new undici.Pool(base, { connections: 2 });
  const results = await Promise.all([1, 2, 3].map(async (i) => {
    const { statusCode, body } = await pool.request({ path: `/pool/${i}`, method: 'GET' });
    return [statusCode, (await body.json()).url];
  }));
  console.log('pool', results);
  await pool.close();

  try {
    await undici.request('http://127.0.0.1:1/');
  } catch (e) {
    console.log('error', e.code);
  }
  await undici.getGlobalDispatcher().close();
  server.close(() => console.log('closed'));
});
