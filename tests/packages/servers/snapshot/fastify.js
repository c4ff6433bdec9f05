// fastify (its router, ajv schema compiler, avvio) and the @fastify/cors, formbody and cookie plugins loaded while the snapshot is built.
// The restored process runs cases/fastify.js, whose requires then come from require.cache.
require('fastify');
require('@fastify/cors');
require('@fastify/formbody');
require('@fastify/cookie');
require('v8').startupSnapshot.setDeserializeMainFunction(() => require('../cases/fastify.js'));
