// A client socket still open when the snapshot is built (its server was closed in a
// serialize callback, so the socket is the only live resource named).
const net = require('net');
const v8 = require('v8');
const server = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
  net.connect(server.address().port, '127.0.0.1');
});
v8.startupSnapshot.addSerializeCallback(() => server.close());
