// mathjs loaded while the snapshot is built: its typed-function registry of every function and unit.
// The restored process runs cases/mathjs.js, whose requires then come from require.cache.
require('mathjs');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/mathjs.js'));
