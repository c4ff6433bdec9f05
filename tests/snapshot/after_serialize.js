// Nothing user-visible runs after the serialize callbacks: a timer that comes due
// while they run, and a tick they queue, run after restore (in the new process).
const v8 = require('v8');
v8.startupSnapshot.addSerializeCallback(() => {
  const t = Date.now();
  while (Date.now() - t < 20);
  setTimeout(() => {
    console.log('timer, pid set:', process.pid > 0);
    require('fs').closeSync(require('fs').openSync(__filename, 'r'));
  }, 1);
  process.nextTick(() => console.log('tick, pid set:', process.pid > 0));
});
v8.startupSnapshot.setDeserializeMainFunction(() => console.log('main'));
