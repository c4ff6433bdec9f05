'use strict';
// A listening HTTP/2 server carried across a snapshot: it is a net.Server, so it listens
// again at restore like any other, and the restored process serves a request on it.
const http2 = require('http2');
const v8 = require('v8');
const server = http2.createServer((req, res) => res.end(`carried ${req.url}`));
server.listen(0, '127.0.0.1');
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const go = () => {
    const client = http2.connect(`http://127.0.0.1:${server.address().port}`);
    const req = client.request({ ':path': '/after-restore' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => { console.log(body); client.close(); server.close(); });
  };
  if (server.listening) go(); else server.on('listening', go);
});
