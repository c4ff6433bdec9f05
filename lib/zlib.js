'use strict';
// node:zlib — gzip/deflate/raw deflate/brotli: sync, callback and stream forms.
// Streams collect their input and (de)compress at the end.

const z = binding.zlib;
const { Transform } = require('stream');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3,
  BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
  BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2, BROTLI_PARAM_SIZE_HINT: 5,
};

function toBuf(data) {
  if (typeof data === 'string') return Buffer.from(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}
function asBuffer(u8) { return Buffer.from(u8.buffer, u8.byteOffset, u8.length); }
function levelOf(kind, opts) {
  if (kind === 'brotli') return opts?.params?.[constants.BROTLI_PARAM_QUALITY] ?? 11;
  const l = opts?.level;
  return l === undefined || l === -1 ? 6 : l;
}

const ops = {
  gzip: (d, o) => asBuffer(z.compress('gzip', toBuf(d), levelOf('gzip', o))),
  deflate: (d, o) => asBuffer(z.compress('deflate', toBuf(d), levelOf('deflate', o))),
  deflateRaw: (d, o) => asBuffer(z.compress('deflateRaw', toBuf(d), levelOf('deflateRaw', o))),
  brotliCompress: (d, o) => asBuffer(z.compress('brotli', toBuf(d), levelOf('brotli', o))),
  gunzip: (d) => asBuffer(z.decompress('gunzip', toBuf(d))),
  inflate: (d) => asBuffer(z.decompress('inflate', toBuf(d))),
  inflateRaw: (d) => asBuffer(z.decompress('inflateRaw', toBuf(d))),
  unzip: (d) => asBuffer(z.decompress('unzip', toBuf(d))),
  brotliDecompress: (d) => asBuffer(z.decompress('brotli', toBuf(d))),
};

class ZlibStream extends Transform {
  constructor(op, options) {
    super(options);
    this._op = op;
    this._opts = options;
    this._chunks = [];
    this.bytesWritten = 0;
  }
  _transform(chunk, enc, cb) {
    this._chunks.push(chunk);
    this.bytesWritten += chunk.length;
    cb();
  }
  _flush(cb) {
    let out;
    try {
      out = ops[this._op](Buffer.concat(this._chunks), this._opts);
    } catch (err) {
      cb(err);
      return;
    }
    this._chunks = [];
    cb(null, out);
  }
  close(cb) { if (cb) process.nextTick(cb); this.destroy(); }
  flush(kind, cb) { if (typeof kind === 'function') cb = kind; if (cb) process.nextTick(cb); }
  params(level, strategy, cb) { if (cb) process.nextTick(cb); }
}

const classNames = { gzip: 'Gzip', deflate: 'Deflate', deflateRaw: 'DeflateRaw', brotliCompress: 'BrotliCompress', gunzip: 'Gunzip', inflate: 'Inflate', inflateRaw: 'InflateRaw', unzip: 'Unzip', brotliDecompress: 'BrotliDecompress' };
const api = { constants, codes: { Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6 } };
for (const [op, cls] of Object.entries(classNames)) {
  const C = { [cls]: class extends ZlibStream { constructor(options) { super(op, options); } } }[cls];
  api[cls] = C;
  api[`create${cls}`] = (options) => new C(options);
  api[`${op}Sync`] = (data, options) => ops[op](data, options);
  api[op] = (data, options, cb) => {
    if (typeof options === 'function') { cb = options; options = {}; }
    let out;
    try { out = ops[op](data, options); } catch (err) { process.nextTick(cb, err); return; }
    process.nextTick(cb, null, out);
  };
}
api.crc32 = (data, value = 0) => {
  const buf = toBuf(data);
  let crc = value ^ -1;
  for (let i = 0; i < buf.length; i++) {
    crc ^= buf[i];
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
};
Object.assign(api, constants);

module.exports = api;
