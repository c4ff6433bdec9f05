// hono routes served by @hono/node-server on a real listen, fetched with fetch().
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();
app.get('/', (c) => c.text('hono root'));
app.get('/user/:id', (c) => c.json({ id: c.req.param('id'), q: c.req.query('q') }));
app.post('/echo', async (c) => c.json({ got: await c.req.json() }, 201));
app.notFound((c) => c.text('custom 404', 404));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, async (info) => {
  const base = `http://127.0.0.1:${info.port}`;
  for (const [url, init] of [['/', {}], ['/user/42?q=z', {}], ['/echo', { method: 'POST', body: JSON.stringify({ a: [1, 2] }), headers: { 'content-type': 'application/json' } }], ['/missing', {}]]) {
    const r = await fetch(base + url, init);
    console.log(r.status, r.headers.get('content-type'), await r.text());
  }
  const inproc = await app.request('/user/7');
  console.log('request():', inproc.status, await inproc.text());
  server.close();
});
