// handlebars loaded while the snapshot is built (compiler, runtime, the global helper registry).
// The restored process runs cases/handlebars.js, whose requires then come from require.cache.
require('handlebars');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/handlebars.js'));
