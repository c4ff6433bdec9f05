// A fetch during the snapshot build (a top-level await holds the build until it is
// done): its keep-alive connection is left idle in fetch's pool, which user code cannot
// reach; fetch closes it when the snapshot is written instead of failing the build. The
// restored process fetches again through the same (now empty) pool.
import http from 'node:http';
import { once } from 'node:events';
import v8 from 'node:v8';

const server = http.createServer((req, res) => res.end(`answer to ${req.url}`));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const config = await (await fetch(`http://127.0.0.1:${server.address().port}/at-build`)).text();
server.close();
server.closeAllConnections();
await once(server, 'close');

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  console.log('built with', config);
  const again = http.createServer((req, res) => res.end(`answer to ${req.url}`));
  again.listen(0, '127.0.0.1');
  await once(again, 'listening');
  console.log('restored:', await (await fetch(`http://127.0.0.1:${again.address().port}/after-restore`)).text());
  again.close();
  again.closeAllConnections();
});
