// Loads the typescript compiler, says 'ready' and stays alive until it is killed:
// bench/memory.sh starts many of these at once and measures their memory. typescript.js
// is evaluated as a CommonJS function body (as apps/tsc_app.js does), because Node's
// user-land snapshots only allow built-in modules to be required.
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'node_modules', 'typescript', 'lib', 'typescript.js');
const mod = { exports: {} };
new Function('module', 'exports', 'require', '__filename', '__dirname', fs.readFileSync(file, 'utf8'))(mod, mod.exports, require, file, path.dirname(file));
const ts = mod.exports;
function main() {
  console.log(`ready ${ts.version}`);
  setInterval(() => {}, 1 << 30);
}
const v8 = require('v8');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
