// cli-progress loaded while the snapshot is built; the restored process runs cases/cli-progress.js.
require('cli-progress');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/cli-progress.js'));
