// uglify-js loaded while the snapshot is built; the restored process runs cases/uglify-js.js.
require('uglify-js');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/uglify-js.js'));
