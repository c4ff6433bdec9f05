// A server listening on a fixed port (BUILD_PORT at build time). After restore it
// listens on that port again, or on the port AMBER_LISTEN_PORT names. When the port is
// taken, 'error' reports it if a listener exists (ON_ERROR=1 adds one in a deserialize
// callback, which runs before the failure is reported); otherwise amber exits with one line.
const net = require('net');
const v8 = require('v8');

const buildPort = Number(process.env.BUILD_PORT);
const server = net.createServer((s) => s.end('fixed'));
server.listen(buildPort, '127.0.0.1');

v8.startupSnapshot.addDeserializeCallback(() => {
  if (process.env.ON_ERROR) server.on('error', (e) => console.log('error event:', e.code, e.syscall, e.port === buildPort));
});
v8.startupSnapshot.setDeserializeMainFunction(() => {
  console.log('main: listening', server.listening);
  if (!server.listening) return;
  const { port } = server.address();
  console.log('on the build port:', port === buildPort);
  let got = '';
  net.connect(port, '127.0.0.1').on('data', (d) => { got += d; }).on('close', () => {
    console.log(got);
    server.close();
  });
});
