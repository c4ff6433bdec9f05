// nanoid (ESM): ids from crypto randomness (shape only) and from a seeded custom generator.
import { nanoid, customAlphabet, customRandom, urlAlphabet } from 'nanoid';
const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), nanoid(10).length, urlAlphabet.length);
const hex = customAlphabet('0123456789abcdef', 12)();
console.log(hex.length, /^[0-9a-f]{12}$/.test(hex));
let seed = 42;
const seeded = customRandom('abcdefghijklmnop', 16, (size) => {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; out[i] = seed & 0xff; }
  return out;
});
console.log(seeded(), seeded(), new Set(Array.from({ length: 1000 }, () => nanoid())).size);
