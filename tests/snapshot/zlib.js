// zlib at build time: results computed then are heap data; streams finished or closed
// before the snapshot leave nothing behind, and zlib works as usual after restore.
const zlib = require('zlib');
const v8 = require('v8');

const state = { gz: zlib.gzipSync('made at build time'), streamed: [] };
const d = zlib.createDeflateRaw({ chunkSize: 64 });
d.on('data', (c) => state.streamed.push(c));
d.end(Buffer.alloc(1000, 'z'));
const closedEarly = zlib.createBrotliCompress();
v8.startupSnapshot.addSerializeCallback(() => closedEarly.close());
// Regression: a Sync form in a serialize callback (Node's own snapshot example does this)
// registered its stream for finalization then, which V8's serializer aborts on.
v8.startupSnapshot.addSerializeCallback(() => { state.inCallback = zlib.gzipSync('compressed in a serialize callback'); });

v8.startupSnapshot.setDeserializeMainFunction(() => {
  console.log(zlib.gunzipSync(state.gz).toString());
  console.log(zlib.gunzipSync(state.inCallback).toString());
  console.log('streamed at build:', zlib.inflateRawSync(Buffer.concat(state.streamed)).length);
  const g = zlib.createGunzip();
  g.on('data', (c) => console.log('restored stream:', c.toString()));
  g.end(zlib.gzipSync('made after restore'));
  zlib.brotliCompress('brotli after restore', (err, out) => {
    console.log(err, zlib.brotliDecompressSync(out).toString());
  });
});
