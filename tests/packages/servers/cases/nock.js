// nock intercepting http.request and fetch-less clients.
const nock = require('nock');
const http = require('http');
nock.disableNetConnect();
nock('http://api.test').get('/repos').query({ page: 2 }).reply(200, [{ id: 7 }], { 'X-Total': '9' })
  .post('/things', { name: 'x' }).reply(201, (uri, body) => ({ uri, body }));
const call = (opts, body) => new Promise((resolve) => {
  const req = http.request(opts, (res) => { let d = ''; res.on('data', (c) => d += c); res.on('end', () => resolve(`${res.statusCode} ${res.headers['x-total']} ${d}`)); });
  req.on('error', (e) => resolve('error ' + e.code + ' ' + e.message));
  if (body) req.write(body);
  req.end();
});
(async () => {
  console.log(await call('http://api.test/repos?page=2'));
  console.log(await call({ host: 'api.test', path: '/things', method: 'POST', headers: { 'content-type': 'application/json' } }, JSON.stringify({ name: 'x' })));
  console.log(await call('http://api.test/other'));
  console.log('done', nock.isDone());
})();
