// koa: middleware cascade, context helpers, errors, served on 127.0.0.1 and requested with http.
const Koa = require('koa');
const http = require('http');
const app = new Koa();
app.on('error', (err) => console.log('app error event:', err.message));
app.use(async (ctx, next) => { const order = ['mw1 in']; ctx.state.order = order; await next(); order.push('mw1 out'); ctx.set('X-Order', order.join(',')); });
app.use(async (ctx, next) => {
  ctx.state.order.push('mw2');
  if (ctx.path === '/json') ctx.body = { q: ctx.query, method: ctx.method, accepts: ctx.accepts('json', 'html') };
  else if (ctx.path === '/boom') ctx.throw(418, 'teapot here');
  else if (ctx.path === '/crash') throw new Error('crashed');
  else if (ctx.path === '/redirect') ctx.redirect('/json');
  else await next();
});
app.use((ctx) => { ctx.status = 201; ctx.type = 'text'; ctx.body = 'fallthrough ' + ctx.path; });
const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const get = (path, headers = {}) => new Promise((resolve) => http.get({ host: '127.0.0.1', port, path, headers }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type']} ${res.headers['x-order'] || ''} ${res.headers.location || ''} ${b}`)); }));
  for (const p of ['/json?a=1&b=2', '/boom', '/crash', '/redirect', '/other']) console.log(p, await get(p, { accept: 'application/json' }));
  server.close(() => console.log('closed'));
});
