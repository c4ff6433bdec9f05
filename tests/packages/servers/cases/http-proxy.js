// http-proxy between two local servers: a proxy rewriting headers in front of a backend.
const http = require('http');
const httpProxy = require('http-proxy');
const backend = http.createServer((req, res) => {
  let d = ''; req.on('data', (c) => d += c); req.on('end', () => {
    res.setHeader('x-backend', '1');
    res.end(JSON.stringify({ method: req.method, url: req.url, via: req.headers['x-via'], fwd: req.headers['x-forwarded-proto'], body: d }));
  });
});
backend.listen(0, '127.0.0.1', () => {
  const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${backend.address().port}`, xfwd: true });
  proxy.on('proxyReq', (p) => p.setHeader('x-via', 'amber-proxy'));
  proxy.on('proxyRes', (p, req, res) => res.setHeader('x-proxied', 'yes'));
  const front = http.createServer((req, res) => proxy.web(req, res));
  front.listen(0, '127.0.0.1', async () => {
    const call = (method, path, body) => new Promise((resolve) => {
      const r = http.request({ host: '127.0.0.1', port: front.address().port, method, path }, (res) => {
        let d = ''; res.on('data', (c) => d += c); res.on('end', () => resolve(`${res.statusCode} ${res.headers['x-backend']} ${res.headers['x-proxied']} ${d}`));
      });
      r.end(body);
    });
    console.log(await call('GET', '/a/b?c=1'));
    console.log(await call('POST', '/post', 'payload-data'));
    front.close(); backend.close(); proxy.close();
  });
});
