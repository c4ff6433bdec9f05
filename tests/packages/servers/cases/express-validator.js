// express-validator checking and sanitizing a JSON body.
const express = require('express');
const { body, query, validationResult, matchedData } = require('express-validator');
const request = require('supertest');
const app = express();
app.use(express.json());
app.post('/u', body('email').isEmail().normalizeEmail(), body('age').isInt({ min: 18 }).toInt(), query('ref').optional().isAlpha(), (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(422).json({ errors: errors.array().map((e) => [e.path, e.msg, e.value]) });
  res.json(matchedData(req));
});
(async () => {
  console.log((await request(app).post('/u?ref=abc').send({ email: 'Foo.Bar@GMAIL.com', age: '21' })).text);
  console.log((await request(app).post('/u?ref=a1').send({ email: 'nope', age: 12 })).text);
})();
