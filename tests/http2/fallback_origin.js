'use strict';
// An http2 secure server with allowHTTP1 answers HTTP/1.1 clients (https) and h2 clients
// on the same port; ORIGIN frames (server option `origins` and session.origin()) grow
// the client's originSet, a 421 takes the request's origin out again; ALTSVC frames
// reach the client's 'altsvc' listener. Run by node and amber and compared
// (crates/cli/tests/http2.rs), with the certificates of tests/tls/gen-certs.sh.
const http2 = require('http2');
const https = require('https');
const fs = require('fs');

const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);

const server = http2.createSecureServer({
  key: read('server.key'), cert: read('server.pem'), allowHTTP1: true, origins: ['https://a.example'],
});
server.on('session', (session) => {
  session.origin('https://b.example/ignored/path', new URL('https://c.example:8443'));
  session.altsvc('h2=":9000"', 'https://a.example');
});
server.on('request', (req, res) => {
  if (req.httpVersion === '2.0' && req.url === '/alt') req.stream.session.altsvc('h3=":443"', req.stream.id);
  res.writeHead(req.url === '/misdirected' ? 421 : 200, { 'content-type': 'text/plain' });
  res.end(`${req.httpVersion} ${req.method} ${req.url}`);
});

function http1() {
  return new Promise((resolve) => {
    https.get({ port: server.address().port, path: '/one', ca: read('ca.pem'), servername: 'localhost', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        console.log('http/1.1 client:', res.statusCode, res.httpVersion, body);
        resolve();
      });
    });
  });
}

function h2() {
  return new Promise((resolve) => {
    const port = server.address().port;
    const client = http2.connect(`https://localhost:${port}`, { ca: read('ca.pem') });
    const own = `https://localhost:${port}`;
    const show = (set) => set.map((o) => (o === own ? 'own' : o)).join(' ');
    let origins = 0;
    client.on('altsvc', (alt, origin, stream) => console.log('altsvc', alt, JSON.stringify(origin), stream));
    client.on('origin', (list) => {
      console.log('origin frame:', list.join(' '), '| set:', show(client.originSet));
      if (++origins < 2) return;
      const get = (path, headers, next) => {
        const req = client.request({ ':path': path, ...headers });
        let body = '';
        req.setEncoding('utf8');
        req.on('response', (h) => console.log('h2 response', path, h[':status']));
        req.on('data', (c) => { body += c; });
        req.on('end', () => {
          console.log('h2 body', body, '| set:', show(client.originSet));
          next();
        });
      };
      get('/alt', {}, () => get('/misdirected', { ':authority': 'c.example:8443' }, () => {
        client.close();
        resolve();
      }));
    });
  });
}

server.listen(0, async () => {
  await http1();
  await h2();
  server.close(() => console.log('server closed'));
});
