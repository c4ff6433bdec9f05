// sharp (libvips from @img/sharp-linux-x64): make a PNG, resize it, read raw pixels back.
const sharp = require('sharp');
const crypto = require('crypto');

(async () => {
  const width = 64, height = 48;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = (y * width + x) * 3;
    raw[i] = x * 4; raw[i + 1] = y * 5; raw[i + 2] = (x ^ y) & 0xff;
  }
  const png = await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
  const meta = await sharp(png).metadata();
  console.log('png', meta.format, meta.width, meta.height, meta.channels, meta.space);
  const { data, info } = await sharp(png).resize(16, 12, { kernel: 'nearest' }).raw().toBuffer({ resolveWithObject: true });
  console.log('resized', info.width, info.height, info.channels, data.length);
  console.log('sha256', crypto.createHash('sha256').update(data).digest('hex'));
  const stats = await sharp(png).stats();
  console.log('means', stats.channels.map((c) => c.mean.toFixed(3)));
  const rotated = await sharp(png).rotate(90).extract({ left: 0, top: 0, width: 10, height: 10 }).greyscale().raw().toBuffer();
  console.log('rotated grey sha256', crypto.createHash('sha256').update(rotated).digest('hex'));
  try { await sharp(Buffer.from('not an image')).metadata(); } catch (e) { console.log('error:', e.message); }
})();
