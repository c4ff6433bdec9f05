// express-session with its MemoryStore: a counter kept across requests by the cookie.
const express = require('express');
const session = require('express-session');
const request = require('supertest');
const app = express();
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false, name: 'sid' }));
app.get('/n', (req, res) => { req.session.n = (req.session.n || 0) + 1; res.json({ n: req.session.n }); });
(async () => {
  const agent = request.agent(app);
  for (let i = 0; i < 3; i++) { const r = await agent.get('/n'); console.log(r.status, r.text, i === 0 ? /^sid=s%3A/.test(r.headers['set-cookie'][0]) : r.headers['set-cookie']); }
  const fresh = await request(app).get('/n');
  console.log('fresh agent', fresh.text);
})();
