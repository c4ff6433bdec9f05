'use strict';
// The pattern of docs/wasm-in-snapshots.md: the wire bytes stay in the heap, the module
// and its instance are made after restore in a deserialize callback. The same script
// runs from source (with node or amber): its output is the same either way.
const v8 = require('v8');

// (module (memory (export "mem") 1)
//   (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
//   (func (export "sum") (param i32) (result i32) ...sum of the first n bytes of memory))
const bytes = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 12, 2, 96, 2, 127, 127, 1, 127, 96, 1, 127, 1, 127, 3, 3, 2, 0, 1, 5, 3, 1, 0, 1,
  7, 19, 3, 3, 109, 101, 109, 2, 0, 3, 97, 100, 100, 0, 0, 3, 115, 117, 109, 0, 1, 10, 48, 2, 7, 0, 32, 0, 32, 1,
  106, 11, 38, 1, 2, 127, 2, 64, 3, 64, 32, 2, 32, 0, 78, 13, 1, 32, 1, 32, 2, 45, 0, 0, 106, 33, 1, 32, 2, 65, 1,
  106, 33, 2, 12, 0, 11, 11, 32, 1, 11,
]);
// A second module the app does not declare: compiled after restore as usual.
// (module (func (export "answer") (result i32) i32.const 42))
const other = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 10, 1, 6, 97, 110, 115, 119, 101, 114, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);

let amberWasm;
try {
  amberWasm = require('amber:wasm');
} catch {
  // node: no amber:wasm, plain WebAssembly.Module.
}
const compile = (b) => (amberWasm !== undefined ? amberWasm.module(b) : new WebAssembly.Module(b));

const state = { greeting: 'made at build time', instance: undefined, answer: undefined };

function init() {
  state.instance = new WebAssembly.Instance(compile(bytes));
  state.answer = new WebAssembly.Instance(compile(other)).exports.answer;
}

function main() {
  const { add, sum, mem } = state.instance.exports;
  new Uint8Array(mem.buffer).set([1, 2, 3, 4, 250]);
  console.log(state.greeting);
  console.log('add(2, 40) =', add(2, 40), 'sum(5) =', sum(5), 'answer() =', state.answer());
  console.log('module exports:', WebAssembly.Module.exports(compile(bytes)).map((e) => `${e.name}:${e.kind}`).join(' '));
  console.log('validate:', WebAssembly.validate(bytes), WebAssembly.validate(new Uint8Array([1, 2, 3])));
  console.log(state.instance instanceof WebAssembly.Instance, Object.prototype.toString.call(WebAssembly));
  if (process.env.SHOW_WASM_STATS) console.log(JSON.stringify(amberWasm.stats()));
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  // A library probing for WebAssembly at build time gets the refusal, and may go on.
  try {
    WebAssembly.validate(bytes);
  } catch (err) {
    if (err.code !== 'ERR_AMBER_SNAPSHOT_WASM') throw err;
  }
  amberWasm.precompile(bytes);
  v8.startupSnapshot.addDeserializeCallback(init);
  v8.startupSnapshot.setDeserializeMainFunction(main);
} else {
  init();
  main();
}
