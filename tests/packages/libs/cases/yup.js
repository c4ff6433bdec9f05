// yup: schema validation with casting and async validation errors.
const yup = require('yup');
const schema = yup.object({
  name: yup.string().required(),
  age: yup.number().required().positive().integer(),
  email: yup.string().email(),
  website: yup.string().url().nullable(),
  createdOn: yup.date().default(() => new Date(0)),
  tags: yup.array().of(yup.string().lowercase()).min(1),
});
(async () => {
  const user = await schema.validate({ name: 'jimmy', age: '24', tags: ['A', 'B'], website: null });
  console.log(user);
  try {
    await schema.validate({ name: '', age: -1, email: 'x', tags: [] }, { abortEarly: false });
  } catch (e) {
    console.log(e.name, e.errors, e.inner.map((i) => i.path));
  }
  console.log(schema.cast({ name: 'x', age: '3.0', tags: ['Q'] }), schema.isValidSync({ name: 'x', age: 1.5 }));
  const cond = yup.object({ isBig: yup.boolean(), count: yup.number().when('isBig', { is: true, then: (s) => s.min(5), otherwise: (s) => s.min(0) }) });
  console.log(await cond.isValid({ isBig: true, count: 3 }), await cond.isValid({ isBig: false, count: 3 }));
  console.log(JSON.stringify(schema.describe().fields.age));
})();
