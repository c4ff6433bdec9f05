// lodash: collection, object and function utilities.
const _ = require('lodash');
const users = [
  { user: 'barney', age: 36, active: true },
  { user: 'fred', age: 40, active: false },
  { user: 'pebbles', age: 1, active: true },
];
console.log(_.map(_.sortBy(users, ['age']), 'user'));
console.log(_.groupBy([6.1, 4.2, 6.3], Math.floor));
console.log(_.chunk(['a', 'b', 'c', 'd', 'e'], 2));
console.log(_.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }));
console.log(_.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), _.set({}, 'x.y[1].z', 7));
console.log(_.chain(users).filter('active').map((u) => `${u.user}:${u.age}`).join(',').value());
console.log(_.template('hello <%= user %>! <% _.forEach(list, function(x) { %><li><%- x %></li><% }); %>')({ user: 'amber', list: ['<a>', 'b'] }));
console.log(_.isEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] }), _.cloneDeep(new Map([[1, { a: 2 }]])));
console.log(_.camelCase('Foo Bar_baz'), _.kebabCase('fooBarBaz'), _.startCase('--foo-bar--'), _.padStart('7', 3, '0'));
console.log(_.uniqBy([2.1, 1.2, 2.3], Math.floor), _.difference([2, 1], [2, 3]), _.zipObject(['a', 'b'], [1, 2]));
const memo = _.memoize((n) => n * 2);
console.log(memo(21), memo.cache.has(21), _.range(0, 20, 5), _.sumBy(users, 'age'));
