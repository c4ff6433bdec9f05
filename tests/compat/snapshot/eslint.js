// eslint's CLI from a snapshot (what bin/eslint.js does, minus --init/--mcp).
const cli = require('../node_modules/eslint/lib/cli');
require('v8').startupSnapshot.setDeserializeMainFunction(async () => {
  process.exitCode = await cli.execute(process.argv, null, true);
});
