// msw's node server (setupServer) intercepting http.request and fetch() with REST handlers.
const { http: rest, HttpResponse } = require('msw');
const { setupServer } = require('msw/node');
const http = require('http');
const server = setupServer(
  rest.get('http://api.example/user/:id', ({ params, request }) => HttpResponse.json({ id: params.id, q: new URL(request.url).searchParams.get('q') })),
  rest.post('http://api.example/echo', async ({ request }) => HttpResponse.json({ got: await request.json() }, { status: 201, headers: { 'x-msw': '1' } })),
  rest.get('http://api.example/fail', () => HttpResponse.error()),
);
server.listen({ onUnhandledRequest: 'error' });
const viaHttp = (url) => new Promise((resolve) => {
  http.get(url, (res) => { let d = ''; res.on('data', (c) => d += c); res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type']} ${d}`)); }).on('error', (e) => resolve(`error ${e.message}`));
});
(async () => {
  console.log('http.get', await viaHttp('http://api.example/user/5?q=x'));
  const r = await fetch('http://api.example/echo', { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
  console.log('fetch', r.status, r.headers.get('x-msw'), await r.text());
  try { await fetch('http://api.example/fail'); } catch (e) { console.log('fetch error', e.name, e.message); }
  console.log('http.get fail', await viaHttp('http://api.example/fail'));
  server.close();
})();
