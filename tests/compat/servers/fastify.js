// fastify: a route with a JSON schema for the body and the response (validation errors
// and response serialization both come from the schema), inject(), listen on port 0.
'use strict';
const Fastify = require('fastify');

function makeApp() {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  app.post('/sum', {
    schema: {
      body: {
        type: 'object', required: ['a', 'b'],
        properties: { a: { type: 'number' }, b: { type: 'number' } },
      },
      response: { 200: { type: 'object', properties: { sum: { type: 'number' } } } },
    },
  }, async (req) => ({ sum: req.body.a + req.body.b, dropped: 'not in the schema' }));
  app.get('/items/:id', async (req, reply) => {
    reply.header('x-item', req.params.id);
    return { id: Number(req.params.id) };
  });
  return app;
}

// `listen` is how the app comes to listen (a snapshot entry passes the address of an
// app that was already listening when the snapshot was built).
async function exercise(app, listen = () => app.listen({ port: 0, host: '127.0.0.1' })) {
  const injected = await app.inject({ method: 'GET', url: '/' });
  console.log('inject', injected.statusCode, injected.json());

  const address = await listen();
  console.log('listening', /^http:\/\/127\.0\.0\.1:\d+$/.test(address));
  const base = address;
  let r = await fetch(`${base}/`);
  console.log(r.status, r.headers.get('content-type'), await r.json());
  r = await fetch(`${base}/sum`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 2, b: 40 }) });
  console.log(r.status, await r.json());
  r = await fetch(`${base}/sum`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 2 }) });
  console.log(r.status, await r.json());
  r = await fetch(`${base}/items/7`);
  console.log(r.status, r.headers.get('x-item'), await r.json());
  r = await fetch(`${base}/nothing`);
  console.log(r.status, await r.json());
  await app.close();
  console.log('closed');
}
module.exports = { makeApp, exercise };
if (require.main === module) exercise(makeApp()).catch((e) => { console.error(e); process.exitCode = 1; });
