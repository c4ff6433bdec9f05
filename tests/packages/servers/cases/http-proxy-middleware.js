// http-proxy-middleware in an express app proxying /api to a second local server, with a path rewrite.
const express = require('express');
const http = require('http');
const { createProxyMiddleware } = require('http-proxy-middleware');
const backend = http.createServer((req, res) => res.end(JSON.stringify({ url: req.url, host: req.headers.host === `127.0.0.1:${backend.address().port}`, method: req.method })));
backend.listen(0, '127.0.0.1', () => {
  const app = express();
  app.use('/api', createProxyMiddleware({ target: `http://127.0.0.1:${backend.address().port}`, changeOrigin: true, pathRewrite: { '^/': '/v2/' }, logger: undefined }));
  app.get('/local', (req, res) => res.send('local'));
  const front = app.listen(0, '127.0.0.1', async () => {
    const base = `http://127.0.0.1:${front.address().port}`;
    for (const [p, m] of [['/api/users?x=1', 'GET'], ['/api/items', 'DELETE'], ['/local', 'GET']]) {
      const r = await fetch(base + p, { method: m });
      console.log(p, m, r.status, await r.text());
    }
    front.close(); backend.close();
  });
});
