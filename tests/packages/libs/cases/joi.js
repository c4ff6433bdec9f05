// joi: object schemas, conversion, custom messages.
const Joi = require('joi');
const schema = Joi.object({
  username: Joi.string().alphanum().min(3).max(30).required(),
  password: Joi.string().pattern(/^[a-zA-Z0-9]{3,30}$/),
  repeat_password: Joi.ref('password'),
  birth_year: Joi.number().integer().min(1900).max(2013),
  email: Joi.string().email({ minDomainSegments: 2, tlds: { allow: ['com', 'net'] } }),
  created: Joi.date().iso(),
}).with('username', 'birth_year').xor('password', 'access_token').append({ access_token: [Joi.string(), Joi.number()] });
console.log(schema.validate({ username: 'abc', birth_year: '1994', password: 'pw1', created: '2020-05-01T00:00:00Z' }));
console.log(schema.validate({}).error.message);
const r = schema.validate({ username: 'a!', birth_year: 3000, email: 'x@y.org', password: 'p', repeat_password: 'q' }, { abortEarly: false });
console.log(r.error.details.map((d) => [d.path.join('.'), d.type, d.message]));
try { Joi.attempt(-1, Joi.number().positive().label('count')); } catch (e) { console.log(e.name, e.message, e.isJoi); }
console.log(Joi.array().items(Joi.number()).unique().validate([1, '2', 2]).error.message);
console.log(JSON.stringify(Joi.string().valid('a', 'b').describe()));
schema.validateAsync({ username: 'xyz', birth_year: 2000, access_token: 5 }).then((v) => console.log('async', v));
