// A WASI made at build time is carried: its native side (descriptors of its preopens
// and stdio) is closed when the build ends and made again at restore from the same
// options, so the preopen (WASI_DIR at build time) is opened anew in the restored
// process.
const v8 = require('v8');
const { WASI } = require('wasi');
const bytes = require('./wasi_hello_module.js');
const wasi = new WASI({ version: 'preview1', preopens: { '/here': process.env.WASI_DIR } });
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), wasi.getImportObject());
  const memory = new Uint8Array(instance.exports.memory.buffer);
  const view = new DataView(instance.exports.memory.buffer);
  memory.set(Buffer.from('hello, carried!\n'), 16);
  console.log('exit code', wasi.start(instance));
  // The preopen is there under its guest name, and its files open and read.
  const imp = wasi.wasiImport;
  imp.fd_prestat_dir_name(3, 100, 5);
  console.log('preopen', imp.fd_prestat_get(3, 64), Buffer.from(memory.subarray(100, 105)).toString());
  memory.set(Buffer.from('input.txt'), 200);
  const opened = imp.path_open(3, 1, 200, 9, 0, 2n, 0n, 0, 300);
  view.setUint32(400, 500, true);
  view.setUint32(404, 64, true);
  const read = imp.fd_read(view.getUint32(300, true), 400, 1, 408);
  console.log('open', opened, 'read', read, Buffer.from(memory.subarray(500, 500 + view.getUint32(408, true))).toString());
});
