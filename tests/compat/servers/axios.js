// axios (its node http adapter) against a local http server: GET with params, POST of
// JSON and of a form, custom headers, an error status, a redirect and a timeout.
'use strict';
const http = require('http');
const axios = require('axios');

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url.startsWith('/redirect')) {
      res.writeHead(302, { location: '/echo?from=redirect' });
      res.end();
      return;
    }
    if (req.url === '/hang') return; // answered by nobody: the client times out
    const status = req.url.startsWith('/missing') ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'x-server': 'local' });
    res.end(JSON.stringify({
      method: req.method, url: req.url, body,
      contentType: req.headers['content-type'] ?? null, custom: req.headers['x-custom'] ?? null,
    }));
  });
});

server.listen(0, '127.0.0.1', async () => {
  const client = axios.create({ baseURL: `http://127.0.0.1:${server.address().port}` });
  let r = await client.get('/echo', { params: { a: 1, b: 'x y' }, headers: { 'X-Custom': 'yes' } });
  console.log(r.status, r.headers['content-type'], r.headers['x-server'], r.data);
  r = await client.post('/echo', { hello: 'world', n: [1, 2] });
  console.log(r.status, r.data);
  r = await client.post('/echo', new URLSearchParams({ a: '1', b: '2' }));
  console.log(r.status, r.data);
  r = await client.put('/echo', 'raw text', { headers: { 'content-type': 'text/plain' } });
  console.log(r.status, r.data);
  r = await client.get('/redirect');
  console.log(r.status, r.data.url);
  try {
    await client.get('/missing');
  } catch (e) {
    console.log('error', e.name, e.message, e.code, e.response.status, e.response.data.url);
  }
  try {
    await client.get('/hang', { timeout: 50 });
  } catch (e) {
    console.log('timeout', e.name, e.message, e.code);
  }
  server.close(() => console.log('closed'));
  server.closeAllConnections();
});
