// node:domain loaded at build time (a domain made, its 'error' listener set) is carried:
// after restore an error thrown in a timer made inside it reaches its handler.
const domain = require('domain');
const d = domain.create();
d.on('error', (e) => console.log('domain caught', e.message, e.domainThrown));
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  d.run(() => setTimeout(() => {
    console.log('in the timer', process.domain === d);
    throw new Error('thrown after restore');
  }, 1));
  console.log('outside', process.domain);
});
