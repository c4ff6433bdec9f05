// The promise API rejects (as V8's does); unhandled, the build fails in one line.
const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
await WebAssembly.instantiate(bytes);
console.log('not reached');
