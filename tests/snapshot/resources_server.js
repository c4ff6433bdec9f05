// A server still listening when the snapshot is built: refused by name and place.
const net = require('net');
const server = net.createServer(() => {}).listen(0, '127.0.0.1');
