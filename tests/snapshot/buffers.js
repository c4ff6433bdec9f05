const v8 = require('v8');
const shared = new ArrayBuffer(16);
const bytes = new Uint8Array(shared);
const words = new Uint32Array(shared, 4, 2);
const view = new DataView(shared);
const buf = Buffer.from('buffer at build');
const slice = buf.subarray(0, 6);
bytes[0] = 1;
v8.startupSnapshot.setDeserializeMainFunction(() => {
  words[0] = 0x01020304;
  console.log('bytes see words:', bytes[4], bytes[5], bytes[6], bytes[7]);
  view.setUint8(1, 200);
  console.log('bytes see view:', bytes[1], bytes[0]);
  slice[0] = 66;
  console.log(buf.toString(), slice.toString(), slice.buffer === buf.buffer);
  console.log(Buffer.isBuffer(buf), buf.length, shared.byteLength);
});
