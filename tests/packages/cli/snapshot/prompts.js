// prompts loaded while the snapshot is built; the restored process runs cases/prompts.js.
require('prompts');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/prompts.js'));
