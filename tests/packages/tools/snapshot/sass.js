// sass loaded while the snapshot is built; the restored process runs cases/sass.js.
require('sass');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/sass.js'));
