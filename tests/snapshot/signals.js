// A signal listener added at build time works in the restored process.
process.on('SIGUSR1', () => {
  console.log('SIGUSR1 handled after restore');
  clearTimeout(keepAlive);
});
let keepAlive;
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  keepAlive = setTimeout(() => console.log('signal never arrived'), 2000);
  process.kill(process.pid, 'SIGUSR1');
});
