'use strict';
// node:string_decoder — decode Buffers to strings without splitting multi-byte
// characters across chunks (utf8, utf16le, base64 keep partial input).

const { codes: { ERR_UNKNOWN_ENCODING } } = require('internal/errors');

function normalize(enc) {
  const e = `${enc ?? 'utf8'}`.toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
    default: return undefined;
  }
}

// A function constructor, as Node's: `StringDecoder.call(obj)` initializes obj.
function StringDecoder(encoding) {
  const enc = normalize(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  this.encoding = enc;
  this.pending = Buffer.alloc(0);
}

const methods = class {

  // How many trailing bytes of `buf` form an incomplete character.
  _incomplete(buf) {
    if (this.encoding === 'utf8') {
      for (let i = 1; i <= Math.min(3, buf.length); i++) {
        const b = buf[buf.length - i];
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return need > i ? i : 0;
      }
      return 0;
    }
    if (this.encoding === 'utf16le') {
      let rest = buf.length % 2;
      if (rest === 0 && buf.length >= 2) {
        const last = buf[buf.length - 2] | (buf[buf.length - 1] << 8);
        if (last >= 0xd800 && last <= 0xdbff) rest = 2;
      }
      return rest;
    }
    if (this.encoding === 'base64' || this.encoding === 'base64url') return buf.length % 3;
    return 0;
  }

  write(buf) {
    if (typeof buf === 'string') return buf;
    if (!Buffer.isBuffer(buf)) buf = Buffer.from(buf.buffer ?? buf, buf.byteOffset ?? 0, buf.byteLength ?? buf.length);
    const all = this.pending.length ? Buffer.concat([this.pending, buf]) : buf;
    const keep = this._incomplete(all);
    this.pending = keep ? Buffer.from(all.subarray(all.length - keep)) : Buffer.alloc(0);
    return all.toString(this.encoding, 0, all.length - keep);
  }

  end(buf) {
    let out = buf !== undefined ? this.write(buf) : '';
    if (this.pending.length) {
      out += this.pending.toString(this.encoding);
      this.pending = Buffer.alloc(0);
    }
    return out;
  }

  text(buf, offset) {
    return this.write(buf.subarray(offset));
  }

  get lastNeed() { return this.pending.length ? 1 : 0; }
  get lastTotal() { return this.pending.length; }
};
for (const key of Object.getOwnPropertyNames(methods.prototype)) {
  if (key !== 'constructor') Object.defineProperty(StringDecoder.prototype, key, Object.getOwnPropertyDescriptor(methods.prototype, key));
}

module.exports = { StringDecoder };
