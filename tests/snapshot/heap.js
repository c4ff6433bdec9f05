// Everything here is created at build time and checked after restore.
const v8 = require('v8');
const secret = Symbol('secret');
let counter = 0;
const closure = () => ++counter;
class Animal {
  #name;
  constructor(name) { this.#name = name; }
  get name() { return this.#name; }
  speak() { return `${this.#name} speaks`; }
}
class Dog extends Animal { speak() { return `${super.speak()} loudly`; } }
const weakKey = {};
const state = {
  dog: new Dog('rex'),
  sym: { [secret]: 'hidden', [Symbol.for('global')]: 'registered' },
  big: 2n ** 70n,
  date: new Date(Date.UTC(2020, 1, 29, 12, 0, 0)),
  re: /a(b+)c/gi,
  map: new Map([['k', { v: 1 }]]),
  set: new Set([1, 'two']),
  weak: new WeakMap([[weakKey, 'weak value']]),
  resolved: Promise.resolve('resolved value'),
  error: new TypeError('kept error'),
  getter: { get computed() { return counter * 10; } },
  frozen: Object.freeze({ x: 1 }),
  proto: Object.create({ inherited: true }),
};
closure();
closure();
v8.startupSnapshot.setDeserializeMainFunction(async () => {
  console.log('closure', closure(), 'getter', state.getter.computed);
  console.log(state.dog.speak(), state.dog.name, state.dog instanceof Animal);
  console.log(state.sym[secret], state.sym[Symbol.for('global')], Symbol.for('global') === Object.getOwnPropertySymbols(state.sym)[1]);
  console.log(state.big, typeof state.big, state.date.toISOString());
  console.log(state.re.test('xABBC'), state.re.lastIndex, state.re.flags);
  console.log(state.map.get('k'), [...state.set], state.weak.get(weakKey), state.weak.has({}));
  console.log(await state.resolved);
  console.log(state.error instanceof TypeError, state.error.message, state.error.stack.split('\n')[1].includes('heap.js'));
  console.log(Object.isFrozen(state.frozen), state.proto.inherited, Object.keys(state.proto).length);
  console.log(typeof structuredClone, typeof URL, new URL('http://x.com/a').pathname);
});
