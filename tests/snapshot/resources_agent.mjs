// A carried server that answered a keep-alive request during the build (a top-level
// await holds the build until the response ended): the client agent's pooled socket
// and the server's side of it are connected sockets, which a snapshot cannot carry; the
// build refuses them by name. With CLOSE=1 a serialize callback closes them and the
// build succeeds; the restored server serves.
import http from 'node:http';
import { once } from 'node:events';
import v8 from 'node:v8';

const server = http.createServer((req, res) => res.end(`ok ${req.url}`));
const agent = new http.Agent({ keepAlive: true });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const [res] = await once(http.get({ port: server.address().port, host: '127.0.0.1', path: '/build', agent }), 'response');
res.resume();
await once(res, 'end');

if (process.env.CLOSE) {
  v8.startupSnapshot.addSerializeCallback(() => {
    agent.destroy();
    server.closeAllConnections();
  });
}
v8.startupSnapshot.setDeserializeMainFunction(() => {
  http.get({ port: server.address().port, host: '127.0.0.1', path: '/restored', agent }, (r) => {
    let body = '';
    r.on('data', (c) => { body += c; });
    r.on('end', () => {
      console.log(r.statusCode, body);
      agent.destroy();
      server.close();
    });
  });
});
