// A client socket still open when the snapshot is built. The build waits for its
// connect to finish, then names it and the server's side of it (the listening server
// is closed in a serialize callback, so it is not named).
const net = require('net');
const v8 = require('v8');
const server = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
  net.connect(server.address().port, '127.0.0.1');
});
v8.startupSnapshot.addSerializeCallback(() => server.close());
