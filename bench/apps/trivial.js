// A small app: some state built at startup, then main prints.
const util = require('util');
const table = Array.from({ length: 100 }, (_, i) => ({ i, sq: i * i }));
function main() {
  console.log(util.format('trivial app: %d rows, last %j', table.length, table[99]));
}
const v8 = require('v8');
if (v8.startupSnapshot?.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
