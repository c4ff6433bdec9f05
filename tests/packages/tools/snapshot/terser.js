// terser loaded while the snapshot is built; the restored process runs cases/terser.js.
require('terser');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/terser.js'));
