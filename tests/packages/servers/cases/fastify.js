// fastify with @fastify/cors, @fastify/formbody and @fastify/cookie: routes exercised
// through inject() and one real listen on an ephemeral port.
const Fastify = require('fastify');
const http = require('http');
(async () => {
  const app = Fastify({ logger: false });
  await app.register(require('@fastify/cors'), { origin: 'https://example.com' });
  await app.register(require('@fastify/formbody'));
  await app.register(require('@fastify/cookie'), { secret: 'k' });
  app.get('/hello/:name', { schema: { params: { type: 'object', properties: { name: { type: 'string', minLength: 2 } } } } },
    async (req) => ({ hello: req.params.name, q: req.query }));
  app.post('/form', async (req, reply) => { reply.setCookie('sid', 'abc', { signed: true, path: '/' }); return { body: req.body }; });
  app.get('/cookie', async (req) => ({ raw: req.cookies.sid, un: req.unsignCookie(req.cookies.sid || '') }));
  let r = await app.inject({ method: 'GET', url: '/hello/world?x=1', headers: { origin: 'https://example.com' } });
  console.log(r.statusCode, r.headers['access-control-allow-origin'], r.body);
  r = await app.inject({ method: 'GET', url: '/hello/w' });
  console.log(r.statusCode, JSON.parse(r.body).message);
  r = await app.inject({ method: 'POST', url: '/form', payload: 'a=1&b=two', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const cookie = r.headers['set-cookie'];
  console.log(r.statusCode, r.body, cookie);
  r = await app.inject({ method: 'GET', url: '/cookie', headers: { cookie: cookie.split(';')[0] } });
  console.log(r.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = app.server.address().port;
  const body = await new Promise((res, rej) => http.get(`http://127.0.0.1:${port}/hello/net`, (m) => { let d = ''; m.on('data', (c) => d += c); m.on('end', () => res(m.statusCode + ' ' + d)); }).on('error', rej));
  console.log('listen:', body);
  await app.close();
})();
