// An express app already listening when the snapshot is built (issue 7): the server
// is carried, and each restored process listens again on a fresh port (it was asked
// for port 0) before the main function requests it. Its output must equal
// `node servers/express.js`, which listens and requests from source.
const { makeApp, exercise } = require('../servers/express.js');
const server = makeApp().listen(0, '127.0.0.1');
require('v8').startupSnapshot.setDeserializeMainFunction(() => exercise(server));
