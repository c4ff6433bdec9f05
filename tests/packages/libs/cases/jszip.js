// jszip: build a zip in memory, compress, reload, read entries, stream out.
const JSZip = require('jszip');
(async () => {
  const zip = new JSZip();
  zip.file('Hello.txt', 'Hello World\n');
  zip.folder('images').file('smile.bin', Buffer.from([0, 1, 2, 3, 255]), { date: new Date('2020-01-01T00:00:00Z') });
  zip.file('big.txt', 'abc'.repeat(10000), { compression: 'DEFLATE', date: new Date('2020-01-01T00:00:00Z') });
  for (const f of Object.values(zip.files)) f.date = new Date('2020-01-01T00:00:00Z');
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  console.log(buf.length, require('crypto').createHash('sha1').update(buf).digest('hex'));
  const loaded = await JSZip.loadAsync(buf);
  console.log(Object.keys(loaded.files), await loaded.file('Hello.txt').async('string'), (await loaded.file('images/smile.bin').async('uint8array')).join(','));
  console.log((await loaded.file('big.txt').async('string')).length, loaded.file('big.txt')._data.compressedSize);
  const chunks = [];
  await new Promise((res) => loaded.generateNodeStream({ type: 'nodebuffer', streamFiles: true }).on('data', (c) => chunks.push(c)).on('end', res));
  const again = await JSZip.loadAsync(Buffer.concat(chunks));
  console.log(Object.keys(again.files).length, await again.file('Hello.txt').async('base64'));
  await JSZip.loadAsync(Buffer.from('not a zip')).catch((e) => console.log(e.message));
})();
