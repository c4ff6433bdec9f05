// An http server listening on port 0 when the snapshot is built is carried: the
// restored process listens again (on a new free port) before its main function runs,
// and 'listening' is emitted again. The main function requests the server at
// server.address().port. Run from source (node or amber) the same main function runs
// on the first 'listening'; every way prints the same.
const http = require('http');
const v8 = require('v8');

let served = 0;
const server = http.createServer((req, res) => {
  served++;
  res.setHeader('x-served', String(served));
  res.end(`hello ${req.method} ${req.url}`);
});
server.on('listening', () => console.log('listening:', server.listening, typeof server.address().port));
server.listen(0, '127.0.0.1');

function main() {
  const { port, address, family } = server.address();
  console.log('main:', address, family, port > 0);
  http.get({ port, host: '127.0.0.1', path: '/self?x=1', agent: false }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { body += c; });
    res.on('end', () => {
      const head = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        if (res.rawHeaders[i] !== 'Date') head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      }
      console.log(res.statusCode, head, body);
      server.close(() => console.log('closed'));
    });
  });
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  v8.startupSnapshot.setDeserializeMainFunction(main);
} else {
  server.once('listening', main);
}
