// clean-css loaded while the snapshot is built; the restored process runs cases/clean-css.js.
require('clean-css');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/clean-css.js'));
