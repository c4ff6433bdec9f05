// express with helmet, cors, morgan (to a captured stream), cookie-parser, body-parser,
// compression and express-rate-limit, driven by supertest.
const express = require('express');
const request = require('supertest');
const { Writable } = require('stream');
const zlib = require('zlib');
const logs = [];
const sink = new Writable({ write(c, e, cb) { logs.push(String(c).trim()); cb(); } });
const app = express();
app.use(require('helmet')());
app.use(require('cors')({ origin: 'https://a.example' }));
app.use(require('morgan')(':method :url :status :res[content-length]', { stream: sink }));
app.use(require('cookie-parser')('sekret'));
app.use(require('body-parser').json());
app.use(require('compression')({ threshold: 0 }));
app.use('/limited', require('express-rate-limit').rateLimit({ windowMs: 60000, limit: 2, standardHeaders: 'draft-7', legacyHeaders: false }));
app.get('/limited', (req, res) => res.send('ok'));
app.get('/c', (req, res) => res.cookie('s', 'v', { signed: true }).json({ cookies: req.cookies, signed: req.signedCookies }));
app.post('/j', (req, res) => res.json({ sum: req.body.nums.reduce((a, b) => a + b, 0) }));
app.get('/big', (req, res) => res.type('text').send('x'.repeat(5000)));
(async () => {
  let r = await request(app).get('/c').set('Cookie', 'plain=1; s=s%3Av.5f0MnGIyBO7T8CYtj1iqDUBxZ7Hm2aQ%2F6FoB4OJI9Vk');
  console.log(r.status, JSON.stringify(r.body), r.headers['set-cookie']);
  console.log('helmet:', r.headers['x-content-type-options'], r.headers['x-frame-options'], r.headers['strict-transport-security']);
  r = await request(app).post('/j').set('Origin', 'https://a.example').send({ nums: [1, 2, 3.5] });
  console.log(r.status, r.text, r.headers['access-control-allow-origin']);
  r = await request(app).get('/big').set('Accept-Encoding', 'gzip').buffer(true).parse((res, cb) => { const b = []; res.on('data', (c) => b.push(c)); res.on('end', () => cb(null, Buffer.concat(b))); });
  console.log(r.status, r.headers['content-encoding'], r.body.length === 5000 ? 'inflated by supertest' : zlib.gunzipSync(r.body).length);
  for (let i = 0; i < 3; i++) { r = await request(app).get('/limited'); console.log('limited', r.status, r.headers['ratelimit-policy']); }
  console.log(logs.join('\n'));
})();
