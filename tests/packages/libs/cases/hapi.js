// @hapi/hapi: routes with validation-free handlers, server.inject, then a real listen on 127.0.0.1.
const Hapi = require('@hapi/hapi');
const http = require('http');
(async () => {
  const server = Hapi.server({ port: 0, host: '127.0.0.1', debug: false });
  server.route({ method: 'GET', path: '/', handler: () => 'Hello World!' });
  server.route({ method: 'GET', path: '/users/{id}', handler: (req, h) => h.response({ id: Number(req.params.id), q: req.query }).code(200).header('x-id', req.params.id) });
  server.route({ method: 'POST', path: '/echo', handler: (req) => ({ body: req.payload }) });
  server.route({ method: 'GET', path: '/fail', handler: () => { throw new Error('oops'); } });
  server.ext('onPreResponse', (req, h) => { if (req.response.isBoom) req.response.output.headers['x-boom'] = String(req.response.output.statusCode); return h.continue; });
  for (const opts of [{ url: '/' }, { url: '/users/42?x=y' }, { method: 'POST', url: '/echo', payload: { a: 1 } }, { url: '/fail' }, { url: '/missing' }]) {
    const res = await server.inject(opts);
    console.log(opts.url, res.statusCode, res.headers['content-type'], res.headers['x-id'] || res.headers['x-boom'] || '', res.payload);
  }
  await server.start();
  const body = await new Promise((resolve) => http.get(server.info.uri + '/users/7', (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(res.statusCode + ' ' + b)); }));
  console.log('listen', server.info.protocol, server.info.host, body);
  await server.stop();
  console.log('stopped');
})();
