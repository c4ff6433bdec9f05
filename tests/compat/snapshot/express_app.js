// An express app configured at snapshot build time (modules loaded, routes and
// middleware registered); each process restored from the snapshot listens on a fresh
// port and requests it. Its output must equal `node servers/express.js`.
const { makeApp, exercise } = require('../servers/express.js');
const app = makeApp();
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  const server = app.listen(0, '127.0.0.1', () => exercise(server));
});
