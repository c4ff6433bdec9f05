// CommonJS entry that sets its main function later: in an immediate, after a promise.
const v8 = require('v8');
require('./modapp/lib/dep.js');
setImmediate(() => {
  Promise.resolve().then(() => v8.startupSnapshot.setDeserializeMainFunction(() => console.log('main set later')));
});
