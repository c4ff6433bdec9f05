// ajv and ajv-formats loaded while the snapshot is built (the JSON-schema compiler and its format table).
// The restored process runs cases/ajv.js, whose requires then come from require.cache.
require('ajv');
require('ajv-formats');
require('ajv/dist/jtd');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/ajv.js'));
