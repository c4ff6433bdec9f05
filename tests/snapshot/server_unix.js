// A Unix-domain server listening when the snapshot is built (on the path in SOCK at
// build time) listens on the same path again after restore.
const net = require('net');
const fs = require('fs');
const v8 = require('v8');

const buildPath = process.env.SOCK;
const server = net.createServer((s) => s.end('unix hello'));
server.listen(buildPath);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const path = server.address();
  console.log('listening on the build path:', path === buildPath, fs.statSync(path).isSocket());
  let got = '';
  net.connect(path).on('data', (d) => { got += d; }).on('close', () => {
    console.log(got);
    server.close(() => console.log('closed; socket file removed:', !fs.existsSync(path)));
  });
});
