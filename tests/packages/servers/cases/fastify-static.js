// @fastify/static serving this directory's package.json, with ranges and 404s.
const path = require('path');
const Fastify = require('fastify');
(async () => {
  const app = Fastify();
  await app.register(require('@fastify/static'), { root: path.join(__dirname, '..'), prefix: '/pub/' });
  let r = await app.inject({ url: '/pub/package.json' });
  console.log(r.statusCode, r.headers['content-type'], JSON.parse(r.body).name);
  r = await app.inject({ url: '/pub/package.json', headers: { range: 'bytes=0-9' } });
  console.log(r.statusCode, r.headers['content-range'].replace(/\/\d+$/, '/N'), JSON.stringify(r.body));
  r = await app.inject({ url: '/pub/nope.txt' });
  console.log(r.statusCode);
  await app.close();
})();
