'use strict';
// Built as a snapshot with an HTTP/2 session open: the build refuses it by name.
const http2 = require('http2');
const server = http2.createServer((req, res) => res.end('x'));
server.listen(0, '127.0.0.1', () => {
  const client = http2.connect(`http://127.0.0.1:${server.address().port}`);
  client.request({ ':path': '/' }).on('response', () => server.close()).resume();
});
