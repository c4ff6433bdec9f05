// node:wasi loaded at build time works in the restored process: the WASI is made and
// the program run by the main function.
const v8 = require('v8');
const { WASI } = require('wasi');
const bytes = require('./wasi_hello_module.js');
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const wasi = new WASI({ version: 'preview1' });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), wasi.getImportObject());
  new Uint8Array(instance.exports.memory.buffer).set(Buffer.from('hello, restored\n'), 16);
  console.log('exit code', wasi.start(instance));
});
