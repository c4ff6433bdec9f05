// @apollo/server: executeOperation against a schema with variables, errors and a context.
const { ApolloServer } = require('@apollo/server');
const typeDefs = 'type Query { add(a: Int!, b: Int!): Int!, whoami: String, fail: String }';
const resolvers = { Query: { add: (_, { a, b }) => a + b, whoami: (_, __, ctx) => ctx.user, fail: () => { throw new Error('nope'); } } };
(async () => {
  const server = new ApolloServer({ typeDefs, resolvers, includeStacktraceInErrorResponses: false });
  await server.start();
  for (const [query, variables] of [['query($x: Int!) { add(a: $x, b: 5) whoami }', { x: 37 }], ['{ fail }'], ['{ missing }'], ['query($x: Int!) { add(a: $x, b: 1) }', { x: 'str' }]]) {
    const res = await server.executeOperation({ query, variables }, { contextValue: { user: 'ann' } });
    console.log(res.http.status ?? 200, JSON.stringify(res.body.singleResult));
  }
  await server.stop();
})();
