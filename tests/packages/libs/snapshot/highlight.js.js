// highlight.js loaded while the snapshot is built, with its ~190 languages registered.
// The restored process runs cases/highlight.js.js, whose requires then come from require.cache.
require('highlight.js');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/highlight.js.js'));
