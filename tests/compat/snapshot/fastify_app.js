// A fastify app made ready at snapshot build time (plugins loaded, routes registered,
// the schemas compiled into validators and serializers); each restored process
// listens on a fresh port and requests it. Its output must equal `node servers/fastify.js`.
const { makeApp, exercise } = require('../servers/fastify.js');
const app = makeApp();
const ready = app.ready(); // settles while the build's event loop runs
require('v8').startupSnapshot.setDeserializeMainFunction(async () => {
  await ready;
  await exercise(app);
});
