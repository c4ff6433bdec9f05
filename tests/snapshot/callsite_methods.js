// Call sites kept at build time (as `depd` and `callsites` users do) answer after
// restore with the values of the build; default stacks and a throwing
// prepareStackTrace behave as in V8. Frames from npm's `callsites` package too.
const path = require('path');
const callsites = require('../compat/node_modules/callsites');
function where() { return callsites()[0]; }
const site = where();
const errorStack = new Error('plain').stack.split('\n').slice(0, 2).map((l) => l.replace(__dirname, '<dir>'));
Error.prepareStackTrace = (e, s) => s.map((c) => `${path.basename(c.getFileName())}:${c.getLineNumber()}:${c.getColumnNumber()} ${c.getFunctionName()} toplevel=${c.isToplevel()}`);
const custom = new Error('x').stack.slice(0, 1);
Error.prepareStackTrace = undefined;
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log(path.basename(site.getFileName()), site.getLineNumber(), site.getColumnNumber(), site.getFunctionName(), String(site).replace(__dirname, '<dir>'));
  console.log(errorStack.join(' | '));
  console.log(custom[0]);
  // After restore V8's own CallSites are back.
  console.log(typeof callsites()[0].getFileName());
});
