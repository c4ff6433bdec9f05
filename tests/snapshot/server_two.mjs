// Two servers carried: `first` is asked for first but binds second (its host name is
// looked up first). AMBER_LISTEN_PORT lists ports in the order of the listen() calls.
import net from 'node:net';
import v8 from 'node:v8';
import { once } from 'node:events';

const first = net.createServer((s) => s.end('first')).listen(0, 'localhost');
const second = net.createServer((s) => s.end('second')).listen(0, '127.0.0.1');
await Promise.all([once(first, 'listening'), once(second, 'listening')]);

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  const wanted = process.env.AMBER_LISTEN_PORT.split(',').map(Number);
  // `second` (an IP) listens before main runs; `first` once its host name is looked up.
  console.log('before main:', first.listening, second.listening);
  await once(first, 'listening');
  console.log('first on the first port:', first.address().port === wanted[0]);
  console.log('second on any port:', second.address().port > 0 && second.address().port !== wanted[0]);
  first.close();
  second.close();
});
