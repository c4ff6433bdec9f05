// lightningcss from a snapshot: its Node-API addon is loaded at build time (the heap keeps the
// addon's functions; a restored process loads the addon again and re-binds them), and
// the main function runs the fixture of tests/compat/fixtures/addons, whose
// require('lightningcss') finds the module already in the heap. Run from source, it prints
// what the fixture prints.
const v8 = require('v8');
require('../node_modules/lightningcss');
const main = () => require('../fixtures/addons/lightningcss.js');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
