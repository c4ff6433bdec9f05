// mocha from a snapshot: its CLI (option parsing, runner, reporters) loaded at build
// time; each process runs its command line. --parallel forks workers that run the spec
// files from source.
const cli = require('../node_modules/mocha/lib/cli/cli.js');
require('../node_modules/mocha');
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  cli.main(process.argv.slice(2));
});
