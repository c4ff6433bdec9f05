// zod: schema parsing, transforms, refinements and error reports.
const { z } = require('zod');
const User = z.object({
  name: z.string().min(2),
  email: z.string().email(),
  age: z.number().int().positive().optional(),
  tags: z.array(z.string()).default([]),
  role: z.enum(['admin', 'user']),
  joined: z.coerce.date(),
});
console.log(User.parse({ name: 'Ada', email: 'ada@example.com', role: 'admin', joined: '2020-01-02' }));
const bad = User.safeParse({ name: 'A', email: 'nope', age: -3, role: 'root', joined: 'x' });
console.log(bad.success, bad.error.issues.map((i) => `${i.path.join('.')}: ${i.code} ${i.message}`));
console.log(z.treeifyError ? JSON.stringify(z.treeifyError(bad.error)) : '');
const Num = z.string().transform((s) => parseInt(s, 10)).pipe(z.number().max(100));
console.log(Num.parse('42'), Num.safeParse('420').success);
const Shape = z.discriminatedUnion('kind', [z.object({ kind: z.literal('circle'), r: z.number() }), z.object({ kind: z.literal('sq'), side: z.number() })]);
console.log(Shape.parse({ kind: 'sq', side: 2 }), Shape.safeParse({ kind: 'tri' }).error.issues[0].code);
const Pw = z.object({ a: z.string(), b: z.string() }).refine((o) => o.a === o.b, { message: 'mismatch', path: ['b'] });
console.log(Pw.safeParse({ a: 'x', b: 'y' }).error.issues[0]);
console.log(JSON.stringify(z.toJSONSchema(User.omit({ joined: true }))));
z.string().parseAsync(5).catch((e) => console.log('async', e.issues[0].message));
