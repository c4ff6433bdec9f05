// less loaded while the snapshot is built; the restored process runs cases/less.js.
require('less');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/less.js'));
