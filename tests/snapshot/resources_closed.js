// Resources closed in a serialize callback do not fail the build.
const fs = require('fs');
const fd = fs.openSync(__filename, 'r');
require('v8').startupSnapshot.addSerializeCallback(() => fs.closeSync(fd));
require('v8').startupSnapshot.setDeserializeMainFunction(() => console.log('restored without the descriptor'));
