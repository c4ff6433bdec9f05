// lodash (one 540 kB module of closures) loaded while the snapshot is built.
// The restored process runs cases/lodash.js, whose requires then come from require.cache.
require('lodash');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/lodash.js'));
