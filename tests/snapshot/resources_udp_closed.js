// A UDP socket closed in a serialize callback lets the build go through; the restored
// process binds a new one and talks to itself.
const dgram = require('dgram');
const v8 = require('v8');
const early = dgram.createSocket('udp4');
early.bind(0, '127.0.0.1');
v8.startupSnapshot.addSerializeCallback(() => early.close());
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const s = dgram.createSocket('udp4');
  s.on('message', (msg) => {
    console.log(`restored socket got ${msg}`);
    s.close();
  });
  s.bind(0, '127.0.0.1', () => s.send('a datagram', s.address().port, '127.0.0.1'));
});
