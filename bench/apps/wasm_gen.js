'use strict';
// A WebAssembly module of realistic size for bench/wasm_snapshot.sh: FUNCS functions of
// integer mixing (like a hash or codec kernel, ~0.5 KB of code each) and `run(x)`, which
// calls them all. Written in the wasm binary format directly (no toolchain needed).
// Usage: node wasm_gen.js OUT.wasm [FUNCS]
const fs = require('fs');

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
function sleb(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}
const section = (id, body) => [id, ...uleb(body.length), ...body];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const str = (s) => [...uleb(s.length), ...Buffer.from(s)];

function build(funcs) {
  const I32 = 0x7f;
  const types = vec([[0x60, 1, I32, 1, I32]]); // (i32) -> i32
  const funcSec = vec(Array.from({ length: funcs + 1 }, () => [0]));
  const exportSec = vec([[...str('run'), 0x00, ...uleb(funcs)]]);
  const bodies = [];
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
  for (let f = 0; f < funcs; f++) {
    const code = [1, 2, I32]; // one local entry: two i32 locals (1: acc, 2: i)
    // acc = p; loop 16 times: a chain of mixing steps.
    code.push(0x20, 0, 0x21, 1, 0x41, 0, 0x21, 2);
    code.push(0x03, 0x40); // loop (no result)
    for (let k = 0; k < 28; k++) {
      code.push(0x20, 1, 0x41, ...sleb(rnd() | 1), 0x6c); // acc * c
      code.push(0x20, 2, 0x73); // ^ i
      code.push(0x41, ...sleb((rnd() & 31) + 1), 0x77); // rotl
      code.push(0x41, ...sleb(rnd()), 0x6a, 0x21, 1); // + c -> acc
    }
    code.push(0x20, 2, 0x41, 1, 0x6a, 0x22, 2, 0x41, 16, 0x48, 0x0d, 0); // i++; br_if i < 16
    code.push(0x0b); // end loop
    code.push(0x20, 1, 0x0b);
    bodies.push([...uleb(code.length), ...code]);
  }
  // run(x): acc = x; acc = f_k(acc) + k for every k.
  const run = [1, 1, I32, 0x20, 0, 0x21, 1];
  for (let f = 0; f < funcs; f++) run.push(0x20, 1, 0x10, ...uleb(f), 0x41, ...sleb(f), 0x6a, 0x21, 1);
  run.push(0x20, 1, 0x0b);
  bodies.push([...uleb(run.length), ...run]);
  const codeSec = vec(bodies);
  return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, types), ...section(3, funcSec), ...section(7, exportSec), ...section(10, codeSec)]);
}

if (require.main === module) {
  const out = process.argv[2];
  const funcs = Number(process.argv[3] ?? 3000);
  fs.writeFileSync(out, build(funcs));
}
module.exports = { build };
