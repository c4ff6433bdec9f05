// express-session (its MemoryStore), express and supertest loaded while the snapshot is built.
// The restored process runs cases/express-session.js, whose requires then come from require.cache.
require('express');
require('express-session');
require('supertest');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/express-session.js'));
