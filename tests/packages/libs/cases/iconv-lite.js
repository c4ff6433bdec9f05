// iconv-lite: encode and decode legacy encodings, streaming decode.
const iconv = require('iconv-lite');
const s = 'Привет, мир! Grüße €';
for (const enc of ['win1251', 'koi8-r', 'utf16le', 'utf16be', 'latin1', 'iso-8859-15', 'cp866', 'shift_jis', 'gbk', 'big5', 'euc-kr']) {
  const buf = iconv.encode(s + ' 日本', enc);
  console.log(enc, buf.toString('hex').slice(0, 60), iconv.decode(buf, enc));
}
console.log(iconv.encodingExists('us-ascii'), iconv.encodingExists('nope'), iconv.decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'utf8'), iconv.encode('x', 'utf16').toString('hex'));
const dec = iconv.getDecoder('utf8');
const b = Buffer.from('€uro');
console.log(JSON.stringify(dec.write(b.subarray(0, 2)) + '|' + dec.write(b.subarray(2)) + '|' + (dec.end() || '')));
const chunks = [];
const stream = iconv.decodeStream('win1251');
stream.on('data', (c) => chunks.push(c));
stream.on('end', () => console.log('stream', chunks.join('')));
stream.write(iconv.encode('Съешь же ещё', 'win1251'));
stream.end();
