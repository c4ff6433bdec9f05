'use strict';
// https server and client over loopback with a keep-alive Agent; run by amber and node
// with the certificates of gen-certs.sh (see roundtrip.js) and compared.

const https = require('https');
const fs = require('fs');

const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);
const ca = read('ca.pem');

const ports = new Set();
const server = https.createServer({ key: read('server.key'), cert: read('server.pem') }, (req, res) => {
  ports.add(req.socket.remotePort);
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    res.setHeader('content-type', 'text/plain');
    res.end(`${req.method} ${req.url} ${req.socket.encrypted} ${req.socket.alpnProtocol} ${body}`);
  });
});

function get(agent, path, extra = {}) {
  return new Promise((resolve) => {
    const req = https.request({ host: 'localhost', port: server.address().port, path, agent, ca, method: extra.body ? 'POST' : 'GET', ...extra }, (res) => {
      const { authorized } = res.socket;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        console.log(res.statusCode, res.headers['content-type'], JSON.stringify(text), 'reused', req.reusedSocket, 'authorized', authorized);
        resolve();
      });
    });
    req.on('error', (e) => {
      console.log('request error', e.code, e.reason ?? e.message);
      resolve();
    });
    req.end(extra.body);
  });
}

server.listen(0, '127.0.0.1', async () => {
  console.log('server is a tls.Server', server instanceof require('tls').Server);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  await get(agent, '/one');
  await get(agent, '/two', { body: 'posted' });
  await get(agent, '/three');
  console.log('connections used', ports.size);
  console.log('agent protocol', agent.protocol, agent.defaultPort, https.globalAgent.defaultPort);
  agent.destroy();
  // Without the CA, verification fails with Node's code.
  await get(undefined, '/untrusted', { ca: undefined, agent: false });
  await get(undefined, '/insecure', { ca: undefined, agent: false, rejectUnauthorized: false });
  // https.get with a URL string.
  await new Promise((resolve) => {
    https.get(`https://localhost:${server.address().port}/url?x=1`, { ca, agent: false }, (res) => {
      res.setEncoding('utf8');
      let t = '';
      res.on('data', (d) => { t += d; });
      res.on('end', () => { console.log('get', res.statusCode, t); resolve(); });
    });
  });
  server.close(() => console.log('closed'));
});
