// bcryptjs (its Blowfish tables) loaded while the snapshot is built.
// The restored process runs cases/bcryptjs.js, whose requires then come from require.cache.
require('bcryptjs');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/bcryptjs.js'));
