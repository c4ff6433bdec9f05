// serve-handler (with its mime database and path-to-regexp) loaded while the snapshot is
// built; the restored process runs cases/serve-handler.js (a new server and requests).
require('serve-handler');
require('http');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/serve-handler.js'));
