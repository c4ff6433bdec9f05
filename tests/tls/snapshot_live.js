'use strict';
// Built as a snapshot with a TLS connection still open: the build must refuse it by
// name (the TLS session and the TCP sockets under it).
const tls = require('tls');
const fs = require('fs');
const dir = process.env.AMBER_TLS_CERTS;
const read = (name) => fs.readFileSync(`${dir}/${name}`);
const server = tls.createServer({ key: read('server.key'), cert: read('server.pem') }, (s) => s.pipe(s));
server.listen(0, '127.0.0.1', () => {
  const s = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: read('ca.pem') }, () => {
    server.close();
  });
});
