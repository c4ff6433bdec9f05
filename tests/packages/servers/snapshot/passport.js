// passport with passport-local registered, express and supertest loaded while the snapshot is built.
// The restored process runs cases/passport.js, whose requires then come from require.cache.
require('express');
require('passport');
require('passport-local');
require('supertest');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/passport.js'));
