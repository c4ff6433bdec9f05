// passport + passport-local authenticating form logins on an express app (supertest).
const express = require('express');
const passport = require('passport');
const { Strategy } = require('passport-local');
const request = require('supertest');
const users = { ann: { id: 1, username: 'ann', password: 'pw1' } };
passport.use(new Strategy((username, password, done) => {
  const u = users[username];
  if (!u) return done(null, false, { message: 'no such user' });
  if (u.password !== password) return done(null, false, { message: 'bad password' });
  return done(null, u);
}));
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/login', (req, res, next) => passport.authenticate('local', { session: false }, (err, user, info) => {
  if (err) return next(err);
  res.status(user ? 200 : 401).json({ user: user && user.username, info });
})(req, res, next));
(async () => {
  for (const body of ['username=ann&password=pw1', 'username=ann&password=x', 'username=zed&password=x', 'username=ann']) {
    const r = await request(app).post('/login').type('form').send(body);
    console.log(body, '->', r.status, r.text);
  }
})();
