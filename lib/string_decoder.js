'use strict';
// node:string_decoder — decode Buffers to strings without splitting multi-byte
// characters across chunks (utf8, utf16le, base64 keep partial input).

const { codes: { ERR_UNKNOWN_ENCODING, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS } } = require('internal/errors');

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
      // An odd byte is kept; so is a high surrogate ending even input (its low half
      // is still to come).
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
    if (!Buffer.isBuffer(this?.pending)) throw new ERR_INVALID_THIS('StringDecoder');
    if (typeof buf === 'string') return buf;
    if (!ArrayBuffer.isView(buf)) throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
    if (!Buffer.isBuffer(buf)) buf = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    let head = '';
    if (this.encoding === 'utf16le') {
      // As Node's decoder: a kept character is completed first, from the bytes it
      // still needs; what follows is decoded on its own.
      while (this.pending.length) {
        const need = this.lastNeed;
        if (buf.length < need) {
          this.pending = Buffer.concat([this.pending, buf]);
          return head;
        }
        const char = Buffer.concat([this.pending, buf.subarray(0, need)]);
        buf = buf.subarray(need);
        this.pending = Buffer.alloc(0);
        const unit = char[0] | (char[1] << 8);
        if (char.length === 2 && unit >= 0xd800 && unit <= 0xdbff) this.pending = char;
        else head += char.toString('utf16le');
      }
      const keep = this._incomplete(buf);
      if (keep) this.pending = Buffer.from(buf.subarray(buf.length - keep));
      return head + buf.toString('utf16le', 0, buf.length - keep);
    }
    const all = this.pending.length ? Buffer.concat([this.pending, buf]) : buf;
    const keep = this._incomplete(all);
    this.pending = keep ? Buffer.from(all.subarray(all.length - keep)) : Buffer.alloc(0);
    return all.toString(this.encoding, 0, all.length - keep);
  }

  end(buf) {
    if (!Buffer.isBuffer(this?.pending)) throw new ERR_INVALID_THIS('StringDecoder');
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

  // The bytes of the incomplete character kept for the next write, in a 4-byte buffer.
  get lastChar() {
    const out = Buffer.alloc(4);
    out.set(this.pending.subarray(0, 4));
    return out;
  }
  // How many bytes the kept character still needs, and how long it is in all.
  get lastNeed() { return this.lastTotal - this.pending.length; }
  get lastTotal() {
    const p = this.pending;
    if (p.length === 0) return 0;
    if (this.encoding === 'utf8') return p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
    if (this.encoding === 'utf16le') {
      if (p.length < 2) return 2;
      const unit = p[0] | (p[1] << 8);
      return unit >= 0xd800 && unit <= 0xdbff ? 4 : 2;
    }
    if (this.encoding === 'base64' || this.encoding === 'base64url') return 3;
    return p.length;
  }
};
for (const key of Object.getOwnPropertyNames(methods.prototype)) {
  if (key !== 'constructor') Object.defineProperty(StringDecoder.prototype, key, Object.getOwnPropertyDescriptor(methods.prototype, key));
}

module.exports = { StringDecoder };
