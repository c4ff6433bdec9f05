'use strict';
// The app of bench/wasm_snapshot.sh: compiles WASM (a file's wire bytes, read at start or
// kept in a snapshot's heap), instantiates it and runs its `run` export a few times;
// prints how long compiling and the runs took, in milliseconds.
//   node wasm_app.js            from source
//   amber snapshot build wasm_app.js -o app.snap [with PRECOMPILE=1]; amber app.snap
const fs = require('fs');
const path = require('path');
const v8 = require('v8');

const bytes = fs.readFileSync(process.env.WASM ?? path.join(__dirname, 'big.wasm'));
let amberWasm;
try { amberWasm = require('amber:wasm'); } catch { /* node */ }
let run;
let compileMs;

function init() {
  const t0 = performance.now();
  const mod = amberWasm !== undefined ? amberWasm.module(bytes) : new WebAssembly.Module(bytes);
  run = new WebAssembly.Instance(mod).exports.run;
  compileMs = performance.now() - t0;
}

function main() {
  const t0 = performance.now();
  let x = 1;
  for (let i = 0; i < Number(process.env.RUNS ?? 20); i++) x = run(x);
  const runMs = performance.now() - t0;
  console.log(JSON.stringify({ result: x, compileMs: +compileMs.toFixed(2), runMs: +runMs.toFixed(2), stats: amberWasm?.stats() }));
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  if (process.env.PRECOMPILE === '1') amberWasm.precompile(bytes);
  v8.startupSnapshot.addDeserializeCallback(init);
  v8.startupSnapshot.setDeserializeMainFunction(main);
} else {
  init();
  main();
}
