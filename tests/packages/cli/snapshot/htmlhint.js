// htmlhint loaded (its rules registered) while the snapshot is built; the restored process
// runs cases/htmlhint.js.
require('htmlhint').HTMLHint.verify('<p></p>');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/htmlhint.js'));
