// express with helmet, cors, morgan, cookie-parser, body-parser, compression, express-rate-limit and supertest loaded while the snapshot is built.
// The restored process runs cases/express-middleware.js, whose requires then come from require.cache.
require('express');
require('helmet');
require('cors');
require('morgan');
require('cookie-parser');
require('body-parser');
require('compression');
require('express-rate-limit');
require('supertest');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/express-middleware.js'));
