// As in Node, V8 leaves out some globals while a snapshot is built (it installs them
// when a context is deserialized); they are all present after restore. WebAssembly is
// amber's stand-in while building (every use refused by name), V8's after restore.
const names = ['WebAssembly', 'SharedArrayBuffer', 'Float16Array', 'DisposableStack'];
console.log('build:', names.map((n) => typeof globalThis[n]).join(' '));
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log('restore:', names.map((n) => typeof globalThis[n]).join(' '));
});
