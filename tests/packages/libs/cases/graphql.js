// graphql: build a schema from SDL, execute queries with resolvers, validation errors.
const { graphql, buildSchema, parse, validate, execute, print, GraphQLSchema, GraphQLObjectType, GraphQLString, GraphQLList, GraphQLInt, subscribe } = require('graphql');
const schema = buildSchema(`
  type Query { hello(name: String = "world"): String, books(limit: Int): [Book!]!, book(id: ID!): Book }
  type Book { id: ID!, title: String!, author: Author }
  type Author { name: String, books: [Book] }
  type Mutation { addBook(title: String!): Book }
`);
const books = [{ id: '1', title: 'Dune', author: 'Herbert' }, { id: '2', title: 'Emma', author: 'Austen' }];
const rootValue = {
  hello: ({ name }) => `Hello ${name}!`,
  books: ({ limit }) => books.slice(0, limit ?? books.length).map((b) => ({ ...b, author: { name: b.author, books: () => books.filter((x) => x.author === b.author) } })),
  book: async ({ id }) => books.find((b) => b.id === id),
  addBook: ({ title }) => { const b = { id: String(books.length + 1), title }; books.push(b); return b; },
};
(async () => {
  console.log(JSON.stringify(await graphql({ schema, source: '{ hello, other: hello(name: "amber") }', rootValue })));
  console.log(JSON.stringify(await graphql({ schema, source: 'query Q($n: Int) { books(limit: $n) { id title author { name books { title } } } }', rootValue, variableValues: { n: 1 } })));
  console.log(JSON.stringify(await graphql({ schema, source: 'mutation { addBook(title: "New") { id title } } ', rootValue })));
  console.log(JSON.stringify(await graphql({ schema, source: '{ book(id: "9") { title } nope }', rootValue })));
  const doc = parse('query { book(id: "2") { ...F } } fragment F on Book { title }');
  console.log(validate(schema, doc).length, print(doc), JSON.stringify(await execute({ schema, document: doc, rootValue })));
  const typed = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Q', fields: { sq: { type: new GraphQLList(GraphQLInt), args: { n: { type: GraphQLInt } }, resolve: (_, { n }) => Array.from({ length: n }, (v, i) => i * i) }, err: { type: GraphQLString, resolve: () => { throw new Error('resolver failed'); } } } }) });
  console.log(JSON.stringify(await graphql({ schema: typed, source: '{ sq(n: 4) err }' })));
})();
