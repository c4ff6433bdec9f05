// clipanion loaded while the snapshot is built; the restored process runs cases/clipanion.js.
require('clipanion');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/clipanion.js'));
