// A server closed in a serialize callback does not stop the build; the restored
// process can listen again.
const net = require('net');
const v8 = require('v8');
const server = net.createServer((s) => s.end('hi')).listen(0, '127.0.0.1');
v8.startupSnapshot.addSerializeCallback(() => server.close());
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const again = net.createServer((s) => s.end('hi from the restored server')).listen(0, '127.0.0.1', () => {
    let got = '';
    net.connect(again.address().port, '127.0.0.1').on('data', (d) => { got += d; }).on('close', () => {
      console.log(got);
      again.close();
    });
  });
});
