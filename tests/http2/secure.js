'use strict';
// h2 over TLS (ALPN 'h2') on loopback with the certificates of tests/tls/gen-certs.sh,
// run by node and amber and compared (crates/cli/tests/http2.rs).
const http2 = require('http2');
const fs = require('fs');

const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);

const server = http2.createSecureServer({ key: read('server.key'), cert: read('server.pem') });
server.on('session', (session) => console.log('server session', session.alpnProtocol, session.encrypted));
server.on('stream', (stream, headers) => {
  console.log('server stream', headers[':method'], headers[':path'], headers[':scheme'], headers[':authority'] === `localhost:${server.address().port}`);
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (c) => { body += c; });
  stream.on('end', () => {
    stream.respond({ ':status': 200, 'content-type': 'text/plain' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'x-length': String(body.length) }));
    stream.end(`secure ${headers[':path']} ${body.length}`);
  });
});

// `log` collects a request's lines: how the events of two concurrent streams interleave
// depends on where the TLS records of the connection end (which neither runtime fixes),
// so those are printed per stream once both are done; each stream's own order is kept.
function request(client, path, body, log = (...a) => console.log(...a)) {
  return new Promise((resolve) => {
    const req = client.request({ ':path': path, ':method': body ? 'POST' : 'GET' });
    let data = '';
    req.setEncoding('utf8');
    req.on('response', (h) => log('response', path, h[':status'], h['content-type']));
    req.on('trailers', (t) => log('trailers', path, t['x-length']));
    req.on('data', (c) => { data += c; });
    req.on('end', () => { log('body', path, data); resolve(); });
    if (body) req.end(body);
  });
}

function collect() {
  const lines = [];
  const log = (...a) => lines.push(a.join(' '));
  log.print = () => { for (const l of lines) console.log(l); };
  return log;
}

server.listen(0, '127.0.0.1', async () => {
  const url = `https://localhost:${server.address().port}`;
  const client = http2.connect(url, { ca: read('ca.pem') });
  client.on('connect', () => {
    console.log('client connect', client.alpnProtocol, client.encrypted, client.socket.authorized, client.originSet[0] === url);
  });
  await request(client, '/one');
  const two = collect();
  const three = collect();
  await Promise.all([request(client, '/two', 'a'.repeat(70000), two), request(client, '/three', 'xyz', three)]);
  two.print();
  three.print();
  client.close(() => console.log('client closed'));

  // A client that does not trust the server's certificate fails with Node's error.
  const untrusting = http2.connect(url);
  untrusting.on('error', (e) => console.log('untrusting error', e.code));
  untrusting.on('close', () => {
    console.log('untrusting closed');
    server.close(() => console.log('server closed'));
  });
});
