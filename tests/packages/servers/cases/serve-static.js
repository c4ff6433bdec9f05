// serve-static on a plain http server: file, HEAD, conditional GET, directory redirect.
const http = require('http');
const path = require('path');
const serveStatic = require('serve-static');
const serve = serveStatic(path.join(__dirname, '..'), { index: false });
const server = http.createServer((req, res) => serve(req, res, () => { res.statusCode = 404; res.end('none'); }));
const get = (p, headers = {}, method = 'GET') => new Promise((resolve) => http.request({ port: server.address().port, host: '127.0.0.1', path: p, headers, method }, (r) => {
  let d = ''; r.on('data', (c) => d += c); r.on('end', () => resolve(r));
  r.text = () => d; r.on('end', () => { r.body = d; });
}).end());
server.listen(0, '127.0.0.1', async () => {
  let r = await get('/package.json');
  console.log(r.statusCode, r.headers['content-type'], JSON.parse(r.body).private, !!r.headers.etag);
  r = await get('/package.json', { 'if-none-match': r.headers.etag });
  console.log('conditional', r.statusCode);
  r = await get('/package.json', {}, 'HEAD');
  console.log('head', r.statusCode, r.body.length);
  r = await get('/cases');
  console.log('dir', r.statusCode, r.headers.location);
  r = await get('/missing');
  console.log('missing', r.statusCode, r.body);
  server.close();
});
