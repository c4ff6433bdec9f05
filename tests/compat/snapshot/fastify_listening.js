// A fastify app already listening when the snapshot is built (issue 7): its server is
// carried and listens again on a fresh port in each restored process, before the main
// function requests it. Its output must equal `node servers/fastify.js`.
const { makeApp, exercise } = require('../servers/fastify.js');
const app = makeApp();
const listening = app.listen({ port: 0, host: '127.0.0.1' }); // settles during the build
require('v8').startupSnapshot.setDeserializeMainFunction(() => exercise(app, async () => {
  await listening;
  return `http://127.0.0.1:${app.server.address().port}`;
}));
