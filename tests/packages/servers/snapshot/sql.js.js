// sql.js (the Emscripten loader of SQLite in WebAssembly) loaded while the snapshot is built.
// The restored process runs cases/sql.js.js, whose requires then come from require.cache.
require('sql.js');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/sql.js.js'));
