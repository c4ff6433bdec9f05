// Requests made by a CommonJS build, which cannot await them: the build's loop waits
// until each response has ended (Node's build runs its loop until nothing is left),
// so what they answered is in the snapshot. A request that fails is waited for too.
// The agent's idle keep-alive socket and the server are closed in a serialize callback,
// as the refusal of live resources asks.
const http = require('http');
const net = require('net');
const v8 = require('v8');

const got = [];
const server = http.createServer((req, res) => {
  // Answer in pieces, later than the request: a build that did not wait would miss it.
  res.write(`answer to ${req.url}`);
  setImmediate(() => res.end(' (in two pieces)'));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  http.get(`http://127.0.0.1:${port}/by-http-get`, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => { body += d; });
    res.on('end', () => {
      got.push(`http.get: ${res.statusCode} ${body}`);
      fetch(`http://127.0.0.1:${port}/by-fetch`)
        .then((r) => r.text())
        .then((t) => got.push(`fetch: ${t}`));
    });
  });
  // A port nobody listens on (a closed server's): the error is the answer.
  const closed = net.createServer().listen(0, '127.0.0.1', () => {
    const deadPort = closed.address().port;
    closed.close(() => {
      http.get(`http://127.0.0.1:${deadPort}/`).on('error', (e) => got.push(`refused: ${e.code}`));
    });
  });
});
v8.startupSnapshot.addSerializeCallback(() => {
  http.globalAgent.destroy();
  server.close();
});
v8.startupSnapshot.setDeserializeMainFunction(() => console.log(got.sort().join('\n')));
