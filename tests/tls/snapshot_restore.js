'use strict';
// Built as a snapshot: tls and https are loaded and a secure context is made at build
// time (a context is plain data, so the snapshot carries it); the restored process
// serves https with it and fetches from itself.
const https = require('https');
const tls = require('tls');
const fs = require('fs');
const v8 = require('v8');
const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);
const context = tls.createSecureContext({ key: read('server.key'), cert: read('server.pem') });
const ca = read('ca.pem');
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const server = https.createServer({ secureContext: context }, (req, res) => res.end(`hello from ${req.url}`));
  server.listen(0, '127.0.0.1', () => {
    https.get({ host: 'localhost', port: server.address().port, path: '/restored', ca, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d) => console.log(res.statusCode, d, res.socket.getProtocol()));
      res.on('end', () => server.close());
    });
  });
});
