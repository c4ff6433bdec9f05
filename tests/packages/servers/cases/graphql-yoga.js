// graphql-yoga: a schema served by node:http on a real listen, queried with fetch().
const http = require('http');
const { createYoga, createSchema } = require('graphql-yoga');
const books = [{ id: '1', title: 'Dune', year: 1965 }, { id: '2', title: 'Neuromancer', year: 1984 }];
const yoga = createYoga({
  logging: false,
  maskedErrors: true,
  schema: createSchema({
    typeDefs: 'type Book { id: ID!, title: String!, year: Int } type Query { books(after: Int): [Book!]!, hello(name: String): String!, boom: String } type Mutation { add(title: String!): Book! }',
    resolvers: {
      Query: { books: (_, { after }) => books.filter((b) => after === undefined || b.year > after), hello: (_, { name }) => `Hello ${name || 'world'}`, boom: () => { throw new Error('secret'); } },
      Mutation: { add: (_, { title }) => { const b = { id: String(books.length + 1), title, year: null }; books.push(b); return b; } },
    },
  }),
});
const server = http.createServer(yoga);
server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}/graphql`;
  const q = async (query, variables) => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return `${r.status} ${await r.text()}`;
  };
  console.log(await q('{ hello(name: "yoga") books { id title } }'));
  console.log(await q('query($a: Int) { books(after: $a) { title year } }', { a: 1970 }));
  console.log(await q('mutation { add(title: "Snow Crash") { id title year } }'));
  console.log(await q('{ boom }'));
  console.log(await q('{ nope }'));
  const g = await fetch(url + '?query=' + encodeURIComponent('{ hello }'), { headers: { accept: 'application/json' } });
  console.log(g.status, await g.text());
  server.close();
});
