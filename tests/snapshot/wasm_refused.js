// WebAssembly used while a snapshot is built: V8 has none in a snapshot-creator isolate,
// so amber's stand-in refuses it by name and the build fails in one line.
const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
const mod = new WebAssembly.Module(bytes);
console.log('not reached', mod);
