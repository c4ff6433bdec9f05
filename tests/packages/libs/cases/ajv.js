// ajv + ajv-formats: compile JSON schemas, validate, report errors, coerce.
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const ajv = new Ajv({ allErrors: true, coerceTypes: false });
addFormats(ajv);
const schema = {
  type: 'object',
  properties: {
    id: { type: 'integer', minimum: 1 },
    email: { type: 'string', format: 'email' },
    when: { type: 'string', format: 'date-time' },
    ip: { type: 'string', format: 'ipv4' },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    kind: { enum: ['a', 'b'] },
  },
  required: ['id', 'email'],
  additionalProperties: false,
};
const validate = ajv.compile(schema);
console.log(validate({ id: 1, email: 'a@b.co', when: '2020-01-01T00:00:00Z', ip: '10.0.0.1', tags: ['x'] }), validate.errors);
console.log(validate({ id: 0, email: 'bad', ip: '999.1.1.1', tags: ['x', 'x'], kind: 'c', extra: 1 }));
console.log(validate.errors.map((e) => `${e.instancePath} ${e.keyword} ${e.message}`));
console.log(ajv.errorsText(validate.errors));
const coerce = new Ajv({ coerceTypes: true, useDefaults: true });
const v2 = coerce.compile({ type: 'object', properties: { n: { type: 'number' }, flag: { type: 'boolean', default: false } } });
const data = { n: '12.5' };
console.log(v2(data), data);
const jtd = require('ajv/dist/jtd');
const ser = new jtd().compileSerializer({ properties: { a: { type: 'int32' }, b: { type: 'string' } } });
console.log(ser({ a: 5, b: 'x"y' }));
console.log(validate.toString().length > 100);
