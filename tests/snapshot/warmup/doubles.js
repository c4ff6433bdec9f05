// Known limit (docs/warmup.md): numbers that do not fit a small integer, stored at build
// time in an object's field, live in HeapNumber boxes that V8 shares between every
// context deserialized from one snapshot and overwrites in place on assignment. A
// warm-up's `s.total += 0.25` therefore reaches the saved context.
const s = { total: 0.5, big: 2 ** 40 };
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  s.total += 0.25;
  s.big += 1;
  console.log(s.total, s.big);
});
