// multer, express and form-data loaded while the snapshot is built.
// The restored process runs cases/multer.js, whose requires then come from require.cache.
require('express');
require('multer');
require('form-data');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/multer.js'));
