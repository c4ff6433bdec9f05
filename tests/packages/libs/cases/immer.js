// immer: immutable updates with drafts, patches, frozen results, Map/Set support.
const { produce, enablePatches, enableMapSet, applyPatches, freeze, isDraft, current, original } = require('immer');
enablePatches();
enableMapSet();
const base = [{ title: 'Learn TypeScript', done: true }, { title: 'Try Immer', done: false }];
const next = produce(base, (draft) => { draft.push({ title: 'Tweet about it' }); draft[1].done = true; });
console.log(next, base[1].done, next[0] === base[0], Object.isFrozen(next), Object.isFrozen(next[0]));
let patches, inverse;
const n2 = produce({ a: { b: [1, 2] }, c: 1 }, (d) => { d.a.b.push(3); delete d.c; d.e = 'x'; console.log(isDraft(d), current(d.a).b, original(d.a).b); }, (p, ip) => { patches = p; inverse = ip; });
console.log(n2, patches, inverse, applyPatches(n2, inverse));
const m = produce(new Map([['k', { v: 1 }]]), (d) => { d.get('k').v = 2; d.set('z', { v: 3 }); });
console.log(m, produce(new Set([1]), (d) => { d.add(2); }));
const curried = produce((draft, n) => { draft.count += n; });
console.log(curried({ count: 1 }, 5), produce(base, () => {}) === base);
try { next[0].done = false; } catch (e) { console.log(e.constructor.name); }
console.log(freeze({ a: 1 }, true), next[0].done);
