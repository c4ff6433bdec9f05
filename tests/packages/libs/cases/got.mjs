// got (ESM) against a local http server on 127.0.0.1 port 0: JSON, hooks, retries, errors, streams.
import got from 'got';
import http from 'node:http';
let hits = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/json') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ method: req.method, q: url.searchParams.get('q'), ua: req.headers['user-agent'].split('/')[0] })); }
  else if (url.pathname === '/echo') { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ got: JSON.parse(b), ct: req.headers['content-type'] })); }); }
  else if (url.pathname === '/flaky') { hits++; if (hits < 3) { res.statusCode = 503; res.end('busy'); } else res.end('ok after ' + hits); }
  else if (url.pathname === '/redirect') { res.statusCode = 302; res.setHeader('location', '/json?q=redirected'); res.end(); }
  else if (url.pathname === '/stream') { res.write('chunk1,'); setTimeout(() => res.end('chunk2'), 10); }
  else { res.statusCode = 404; res.end('nope'); }
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const client = got.extend({ prefixUrl: base, hooks: { beforeRequest: [(o) => { o.headers['x-hook'] = '1'; }] } });
  console.log(await client('json', { searchParams: { q: 'amber' } }).json());
  console.log((await client.post('echo', { json: { a: [1, 2] }, responseType: 'json' })).body);
  console.log((await client('flaky', { retry: { limit: 3, calculateDelay: ({ computedValue }) => (computedValue ? 1 : 0) } })).body, hits);
  const r = await client('redirect');
  console.log(r.statusCode, r.redirectUrls.map((u) => u.pathname + u.search), JSON.parse(r.body).q);
  try { await client('missing', { retry: { limit: 0 } }); } catch (e) { console.log(e.name, e.code, e.response.statusCode, e.response.body); }
  let streamed = '';
  for await (const c of client.stream('stream')) streamed += c;
  console.log(streamed);
  try { await got('http://127.0.0.1:1/', { retry: { limit: 0 } }); } catch (e) { console.log(e.name, e.code); }
  server.close(() => console.log('closed'));
});
