// tsc from a snapshot: the typescript compiler is loaded at build time; each process
// runs its command line. ts.sys was created at build time, so its argv is renewed.
const ts = require('../node_modules/typescript');
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  ts.sys.args = process.argv.slice(2);
  ts.executeCommandLine(ts.sys, ts.noop, ts.sys.args);
});
