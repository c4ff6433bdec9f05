// A session used and disconnected at build time leaves nothing native behind; after
// restore the same Session object connects to the new process's inspector.
const inspector = require('inspector');
const session = new inspector.Session();
session.connect();
session.post('Runtime.evaluate', { expression: '1 + 1' }, (err, { result }) => console.log('build:', result.value));
session.disconnect();
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  session.connect();
  session.post('Runtime.evaluate', { expression: '2 + 3' }, (err, { result }) => console.log('restored:', err, result.value));
  session.disconnect();
});
