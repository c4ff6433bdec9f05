// cli-table3 loaded (and a table rendered once) while the snapshot is built; the restored
// process runs cases/cli-table3.js.
const Table = require('cli-table3');
new Table({ head: ['x'] }).toString();
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/cli-table3.js'));
