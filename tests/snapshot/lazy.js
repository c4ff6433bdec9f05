// Run with --v8-flags=--allow-natives-syntax (build and restore alike).
// %GetBytecode(f) is undefined while f's SharedFunctionInfo holds no bytecode, i.e.
// f would have to be parsed and compiled on its next call.
function warm(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
function cold(n) { return n * 2; }
warm(10);
const isLazy = (f) => %GetBytecode(f) === undefined;
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log('warm compiled:', !isLazy(warm), 'cold compiled:', !isLazy(cold), warm(100), cold(2));
});
