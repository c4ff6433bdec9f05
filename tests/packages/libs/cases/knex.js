// knex: query building for PostgreSQL, printed with .toString() / .toSQL() (no server).
const knex = require('knex')({ client: 'pg' });
console.log(knex('users').where({ first_name: 'Test', last_name: 'User' }).select('id').toString());
console.log(knex('users').where('votes', '>', 100).orWhereIn('id', [1, 2, 3]).orderBy('name', 'desc').limit(10).offset(5).toString());
console.log(knex('books').insert([{ title: "O'Reilly" }, { title: 'B' }]).returning('id').toString());
console.log(knex('accounts').where('id', 1).update({ balance: knex.raw('balance + ?', [10]), updated: new Date(0) }).toString());
console.log(knex('a').join('b', 'a.id', 'b.a_id').leftJoin('c', function () { this.on('c.id', '=', 'b.c_id').andOn('c.x', '>', knex.raw('?', [2])); }).groupBy('a.id').having(knex.raw('count(*) > ?', [1])).select('a.id', knex.raw('count(*) as n')).toString());
const sql = knex('t').where('x', 'like', '%a%').whereNull('deleted').del().toSQL().toNative();
console.log(sql);
console.log(knex.schema.createTable('users', (t) => { t.increments('id'); t.string('name', 100).notNullable(); t.jsonb('meta'); t.timestamps(true, true); t.unique(['name']); }).toString());
console.log(knex.with('recent', knex.select('*').from('posts').where('age', '<', 7)).select('*').from('recent').union(knex.select('*').from('old')).toString());
console.log(knex('t').insert({ a: 1 }).onConflict('a').merge().toString());
knex.destroy().then(() => console.log('destroyed'));
