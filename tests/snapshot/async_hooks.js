// An async hook enabled at build time is carried (it is plain JS): after restore it
// still sees timers and promises (V8's promise hooks are installed again), the main
// context is 1 again and new ids continue after the ones used at build time.
const ah = require('async_hooks');
const fs = require('fs');
const seen = [];
let watching = false;
ah.createHook({
  init(id, type, trigger) { if (watching) seen.push(`${type}${trigger === ah.executionAsyncId() ? ' made here' : ''}`); },
  before(id) { if (watching) seen.push(`before ${id === ah.executionAsyncId() ? 'current' : id}`); },
}).enable();
const atBuild = new ah.AsyncResource('AtBuild').asyncId();
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  fs.writeSync(1, `main ${ah.executionAsyncId()} ${ah.triggerAsyncId()}\n`);
  watching = true;
  setTimeout(() => {
    const id = ah.executionAsyncId();
    fs.writeSync(1, `timer ran as ${ah.executionAsyncResource().constructor.name}, id after build ids: ${id > atBuild}\n`);
    Promise.resolve().then(() => {
      watching = false;
      fs.writeSync(1, `${seen.join('\n')}\n`);
    });
  }, 1);
});
