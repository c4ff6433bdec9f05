// express: a couple of routes, a JSON body parser, a 404 handler and an error handler,
// requested with fetch and with http.get (raw headers as the server sent them).
'use strict';
const http = require('http');
const express = require('express');

function makeApp() {
  const app = express();
  app.use(express.json());
  app.get('/hello/:name', (req, res) => res.json({ hello: req.params.name, query: req.query }));
  app.post('/echo', (req, res) => res.status(201).json({ got: req.body, type: req.get('content-type') }));
  app.get('/text', (req, res) => res.type('text').send('plain words'));
  app.get('/fail', () => { throw new Error('boom'); });
  app.use((req, res) => res.status(404).send(`no route for ${req.method} ${req.path}`));
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
  return app;
}

function rawGet(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        const head = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i] !== 'Date') head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ status: res.statusCode, head, body });
      });
    }).on('error', reject);
  });
}

async function exercise(server) {
  const base = `http://127.0.0.1:${server.address().port}`;
  let r = await fetch(`${base}/hello/amber?x=1&y=two`);
  console.log(r.status, r.headers.get('content-type'), await r.json());
  r = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: [1, 2], b: 'c' }) });
  console.log(r.status, await r.json());
  r = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{broken' });
  console.log(r.status, r.headers.get('content-type'));
  console.log(await rawGet(`${base}/text`));
  console.log(await rawGet(`${base}/missing`));
  r = await fetch(`${base}/fail`);
  console.log(r.status, await r.json());
  await new Promise((resolve) => server.close(resolve));
  console.log('closed');
}

module.exports = { makeApp, exercise };
if (require.main === module) {
  const server = makeApp().listen(0, '127.0.0.1', () => exercise(server));
}
