// Web streams are plain JS objects: a ReadableStream partly read while building, a
// TransformStream holding a write that waits on backpressure, and a byte stream keep
// their queues, pending promises and locks across the snapshot.
const { startupSnapshot } = require('v8');

const readable = new ReadableStream({
  start(c) { for (const x of ['one', 'two', 'three', 'four']) c.enqueue(x); c.close(); },
});
const reader = readable.getReader();
reader.read().then((r) => console.log('build read:', r.value));

const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
const writer = upper.writable.getWriter();
const pendingWrite = writer.write('written at build');

let byteController;
const bytes = new ReadableStream({ type: 'bytes', start(c) { byteController = c; c.enqueue(new Uint8Array([1, 2, 3])); } });

startupSnapshot.setDeserializeMainFunction(async () => {
  const rest = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
  console.log('rest after restore:', rest.join(','), readable.locked);
  pendingWrite.then(() => console.log('build-time write finished'));
  writer.write('and after');
  writer.close();
  const out = [];
  for await (const x of upper.readable) out.push(x);
  console.log('transformed:', out.join(' | '));
  const byob = bytes.getReader({ mode: 'byob' });
  byteController.enqueue(new Uint8Array([4]));
  byteController.close();
  console.log('bytes:', [...(await byob.read(new Uint8Array(8))).value]);
  const piped = [];
  await ReadableStream.from(['p', 'q']).pipeTo(new WritableStream({ write(c) { piped.push(c); } }));
  const gz = new Blob(['zip']).stream().pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
  let text = '';
  for await (const s of gz) text += s;
  console.log('piped:', piped.join(''), 'round trip:', text);
});
