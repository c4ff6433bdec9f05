'use strict';
// createCipheriv/createDecipheriv: AES-128/192/256 in CBC, ECB, CTR, GCM, CCM and OCB,
// and ChaCha20-Poly1305, with Node's streaming output, encodings, padding, AEAD tags and
// errors (including the OpenSSL-derived messages Node reports, e.g. "bad decrypt").
//
// All cipher state lives here, as bytes in the JS heap: the CBC chaining block, the
// unprocessed tail, the stream offset, the AAD and the ciphertext to authenticate.
// The native side (crates/runtime/src/bindings/crypto/cipher.rs) is a set of stateless
// functions, so a Cipher half-way through a message survives a snapshot like any object.

const c = binding.crypto;
const { Transform } = require('stream');
const { StringDecoder } = require('string_decoder');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_CRYPTO_INVALID_IV, ERR_CRYPTO_INVALID_KEYLEN, ERR_CRYPTO_INVALID_AUTH_TAG, ERR_CRYPTO_UNKNOWN_CIPHER, ERR_CRYPTO_INVALID_STATE },
  validateString, validateInteger, validateObject,
} = require('internal/errors');
const { getArrayBufferOrView, callable } = require('internal/crypto/util');

// name -> { mode, keyLen, ivLen }
const specs = { __proto__: null };
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ecb', 'ctr', 'gcm']) {
    specs[`aes-${bits}-${mode}`] = { mode, keyLen: bits / 8, ivLen: mode === 'ecb' ? 0 : mode === 'gcm' ? 12 : 16 };
  }
  specs[`aes${bits}`] = specs[`aes-${bits}-cbc`];
  // CCM and OCB: the IV (nonce) length is chosen per cipher (7 to 13 and 1 to 15 bytes);
  // 12 is OpenSSL's default, which getCipherInfo reports.
  specs[`aes-${bits}-ccm`] = { mode: 'ccm', keyLen: bits / 8, ivLen: 12 };
  specs[`id-aes${bits}-ccm`] = specs[`aes-${bits}-ccm`];
  specs[`aes-${bits}-ocb`] = { mode: 'ocb', keyLen: bits / 8, ivLen: 12 };
}
specs['chacha20-poly1305'] = { mode: 'chacha', keyLen: 32, ivLen: 12 };
// Triple DES (EDE with three keys): 8-byte blocks.
specs['des-ede3-cbc'] = { mode: 'cbc', keyLen: 24, ivLen: 8, blockSize: 8, des3: true };
specs['des-ede3'] = { mode: 'ecb', keyLen: 24, ivLen: 0, blockSize: 8, des3: true };
specs['des3'] = specs['des-ede3-cbc'];
// AES key wrap (RFC 3394), as OpenSSL's EVP wrap ciphers: each update() wraps or unwraps
// one whole message, final() adds nothing.
for (const bits of [128, 192, 256]) {
  specs[`id-aes${bits}-wrap`] = { mode: 'wrap', keyLen: bits / 8, ivLen: 8 };
  specs[`aes${bits}-wrap`] = specs[`id-aes${bits}-wrap`];
  // RFC 5649's wrap with padding: any length, a 4-byte IV.
  specs[`id-aes${bits}-wrap-pad`] = { mode: 'wrap', keyLen: bits / 8, ivLen: 4, pad: true };
  specs[`aes${bits}-wrap-pad`] = specs[`id-aes${bits}-wrap-pad`];
}
const kWrapIv = Buffer.alloc(8, 0xa6);
specs['id-smime-alg-cms3deswrap'] = { mode: 'wrap', keyLen: 24, ivLen: 0, blockSize: 8, des3: true };
specs['des3-wrap'] = specs['id-smime-alg-cms3deswrap'];
const kDes3WrapIv = new Uint8Array([0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05]);
const cipherNames = Object.keys(specs).sort();

const gcmTagLengths = [4, 8, 12, 13, 14, 15, 16];
const ccmTagLengths = [4, 6, 8, 10, 12, 14, 16];
// The IV lengths each AEAD mode accepts (the others take exactly spec.ivLen).
const ivLengthOk = {
  __proto__: null,
  gcm: (n) => n > 0,
  ccm: (n) => n >= 7 && n <= 13,
  ocb: (n) => n >= 1 && n <= 15,
};
// Node's check of its unsigned integer options (authTagLength, plaintextLength).
function validateUIntOption(value, name) {
  if (value !== undefined && value >>> 0 !== value) throw new ERR_INVALID_ARG_VALUE(name, value);
}
// CCM's longest message: the length field has 15 - ivLength bytes.
const ccmMaxLength = (ivLen) => 2 ** (8 * (15 - ivLen)) - 1;
function invalidMessageLength() {
  const e = new RangeError('Invalid message length');
  e.code = 'ERR_CRYPTO_INVALID_MESSAGELEN';
  return e;
}
const kEmpty = new Uint8Array(0);

function concat(a, b) {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
const copy = (u8) => new Uint8Array(u8);
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function opensslError(reason, code) {
  const e = new Error(`error:${code}:Provider routines::${reason}`);
  e.library = 'Provider routines';
  e.reason = reason;
  e.code = `ERR_OSSL_${reason.toUpperCase().replace(/ /g, '_')}`;
  return e;
}
const authFailed = () => new Error('Unsupported state or unable to authenticate data');

function prepareKey(key, encoding) {
  if (typeof key === 'string') return Buffer.from(key, encoding ?? 'utf8');
  if (ArrayBuffer.isView(key)) return copy(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
  if (key instanceof ArrayBuffer) return copy(new Uint8Array(key));
  if (key != null && key.type === 'secret' && typeof key.export === 'function') return copy(key.export());
  throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
}

const kState = Symbol('kCipherState');

// ECB/CBC over whole blocks of the cipher's algorithm.
function runBlocks(s, encrypt, chain, data) {
  return s.des3 ? c.cipherDes3Blocks(encrypt, s.key, chain, data) : c.cipherBlocks(encrypt, s.key, chain, data);
}

class CipherBase extends Transform {
  constructor(decrypt, cipher, key, iv, options) {
    validateString(cipher, 'cipher');
    key = prepareKey(key, options?.encoding);
    iv = iv === null ? null : getArrayBufferOrView(iv, 'iv');
    const spec = specs[cipher.toLowerCase()];
    if (spec === undefined) throw new ERR_CRYPTO_UNKNOWN_CIPHER();
    const authTagLength = options?.authTagLength;
    validateUIntOption(authTagLength, 'options.authTagLength');
    const ivLen = iv === null ? 0 : iv.byteLength;
    const mode = spec.mode;
    const aead = mode === 'gcm' || mode === 'chacha' || mode === 'ccm' || mode === 'ocb';
    if (mode in ivLengthOk ? !ivLengthOk[mode](ivLen) : ivLen !== spec.ivLen) throw new ERR_CRYPTO_INVALID_IV();
    if ((mode === 'ccm' || mode === 'ocb') && authTagLength === undefined) {
      const e = new TypeError(`authTagLength required for ${cipher}`);
      e.code = 'ERR_CRYPTO_INVALID_AUTH_TAG';
      throw e;
    }
    if (aead && authTagLength !== undefined) {
      const ok = mode === 'gcm' ? gcmTagLengths.includes(authTagLength) : mode === 'ccm' ? ccmTagLengths.includes(authTagLength) : authTagLength >= 1 && authTagLength <= 16;
      if (!ok) throw new ERR_CRYPTO_INVALID_AUTH_TAG(authTagLength);
    }
    if (key.byteLength !== spec.keyLen) throw new ERR_CRYPTO_INVALID_KEYLEN();
    // The ocb3 crate takes nonces of 6 bytes and more (shorter ones weaken OCB, see its docs).
    if (mode === 'ocb' && ivLen < 6) throw new ERR_NOT_IMPLEMENTED(`${cipher} with an IV shorter than 6 bytes`);
    super(options);
    this._decoder = null;
    this[kState] = {
      mode: spec.mode, aead, decrypt, key,
      blockSize: spec.blockSize ?? 16,
      des3: spec.des3 === true,
      iv: iv === null ? kEmpty : copy(iv),
      chain: iv === null ? null : copy(iv), // CBC: the previous ciphertext block
      pending: kEmpty, // CBC/ECB: bytes not yet making a whole block
      offset: 0, // CTR/GCM/ChaCha: bytes of the stream used
      padding: true,
      aad: kEmpty,
      authed: [], // AEAD: the ciphertext, to authenticate at final()
      tagLength: authTagLength ?? 16,
      explicitTagLength: authTagLength !== undefined,
      tag: null,
      done: false,
      // CCM: the one update's result (its tag comes out at final()) and whether the
      // ciphertext failed to authenticate; the plaintext length announced by setAAD.
      ccmUsed: false,
      ccmTag: null,
      ccmFailed: false,
      plaintextLength: undefined,
      // OCB: all input so far, and how much output has been given out (whole blocks).
      input: kEmpty,
      emitted: 0,
    };
  }

  update(data, inputEncoding, outputEncoding) {
    const s = this[kState];
    if (typeof data === 'string') data = Buffer.from(data, inputEncoding ?? 'utf8');
    else if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    if (s.done) throw new Error('Trying to add data in unsupported state');
    // OpenSSL takes at most INT_MAX bytes, a block included.
    const blockSize = s.mode === 'cbc' || s.mode === 'ecb' || s.mode === 'wrap' ? s.blockSize : 1;
    if (data.byteLength + blockSize > 2 ** 31 - 1) throw new Error('Trying to add data in unsupported state');
    const input = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let out;
    if (s.mode === 'cbc' || s.mode === 'ecb') out = this._blocks(s, input);
    else if (s.mode === 'wrap') out = this._wrap(s, input);
    else if (s.mode === 'ccm') out = this._ccm(s, input);
    else if (s.mode === 'ocb') out = this._ocb(s, input);
    else out = this._stream(s, input);
    out = toBuffer(out);
    return this._encode(out, outputEncoding, false);
  }

  final(outputEncoding) {
    const s = this[kState];
    if (s.done) throw new ERR_CRYPTO_INVALID_STATE();
    s.done = true;
    let out = kEmpty;
    if (s.mode === 'cbc' || s.mode === 'ecb') out = this._finalBlocks(s);
    else if (s.mode === 'ccm') this._finalCcm(s);
    else if (s.mode === 'ocb') out = this._finalOcb(s);
    else if (s.aead) this._finalTag(s);
    return this._encode(toBuffer(out), outputEncoding, true);
  }

  setAutoPadding(ap = true) {
    const s = this[kState];
    if (s.done) throw new ERR_CRYPTO_INVALID_STATE('setAutoPadding');
    s.padding = !!ap;
    return this;
  }

  setAAD(aadbuf, options) {
    const s = this[kState];
    const aad = getArrayBufferOrView(aadbuf, 'buffer');
    const plaintextLength = options?.plaintextLength;
    validateUIntOption(plaintextLength, 'options.plaintextLength');
    if (!s.aead || s.done || s.offset > 0) throw new ERR_CRYPTO_INVALID_STATE('setAAD');
    if (s.mode === 'ccm') {
      // CCM authenticates the message length before the message: it must be known here.
      if (plaintextLength === undefined) {
        const e = new TypeError('options.plaintextLength required for CCM mode with AAD');
        e.code = 'ERR_MISSING_ARGS';
        throw e;
      }
      if (plaintextLength > ccmMaxLength(s.iv.length)) throw invalidMessageLength();
      s.plaintextLength = plaintextLength;
    }
    s.aad = concat(s.aad, copy(aad));
    return this;
  }

  _encode(buf, encoding, end) {
    if (!encoding || encoding === 'buffer') return buf;
    // One output encoding per cipher: its decoder may hold a partial character.
    const decoder = new StringDecoder(encoding);
    if (this._decoder === null) this._decoder = decoder;
    else if (this._decoder.encoding !== decoder.encoding) throw new Error('Cannot change encoding');
    return end ? this._decoder.end(buf) : this._decoder.write(buf);
  }

  _blocks(s, input) {
    const bs = s.blockSize;
    const buf = concat(s.pending, input);
    let n = buf.length - (buf.length % bs);
    // Decrypting with padding keeps the last whole block back: it may be the padding.
    if (s.decrypt && s.padding && n === buf.length && n > 0) n -= bs;
    s.pending = copy(buf.subarray(n));
    if (n === 0) return kEmpty;
    const out = runBlocks(s, !s.decrypt, s.mode === 'cbc' ? s.chain : null, buf.subarray(0, n));
    if (s.mode === 'cbc') s.chain = copy((s.decrypt ? buf : out).subarray(n - bs, n));
    return out;
  }

  _finalBlocks(s) {
    const bs = s.blockSize;
    const wrongLength = () => opensslError('wrong final block length', '1C80006B');
    if (!s.padding) {
      if (s.pending.length !== 0) throw wrongLength();
      return kEmpty;
    }
    const chain = s.mode === 'cbc' ? s.chain : null;
    if (!s.decrypt) {
      const pad = bs - s.pending.length;
      const block = new Uint8Array(bs).fill(pad);
      block.set(s.pending, 0);
      return runBlocks(s, true, chain, block);
    }
    if (s.pending.length !== bs) throw wrongLength();
    const block = runBlocks(s, false, chain, s.pending);
    const pad = block[bs - 1];
    let bad = pad === 0 || pad > bs;
    for (let i = bs - Math.min(pad, bs); i < bs && !bad; i++) bad = block[i] !== pad;
    if (bad) throw opensslError('bad decrypt', '1C800064');
    return block.subarray(0, bs - pad);
  }

  _wrap(s, input) {
    if (s.des3) return this._des3Wrap(s, input);
    if (input.length === 0) return kEmpty;
    // The aes-kw crate wraps under RFC 3394's default IV; other IVs, and RFC 5649's
    // padded wrap, are amber's own (aesKwIv).
    const out = toBuffer(s.iv).equals(kWrapIv) ? c.aesKw(!s.decrypt, s.key, input) : c.aesKwIv(!s.decrypt, s.key, s.iv, input);
    // What Node reports when OpenSSL's unwrap fails its integrity check.
    if (out === undefined) throw new Error('Trying to add data in unsupported state');
    return out;
  }

  // RFC 3217's CMS Triple-DES key wrap (OpenSSL's des3-wrap): the key and the first 8
  // bytes of its SHA-1 are encrypted in CBC under a random IV, which is prepended; the
  // whole, reversed, is encrypted again under a fixed IV.
  _des3Wrap(s, input) {
    if (input.length === 0) return kEmpty;
    const unsupported = () => new Error('Trying to add data in unsupported state');
    if (input.length % 8 !== 0) throw unsupported();
    const checksum = (cek) => c.hash('sha1', [cek]).subarray(0, 8);
    if (!s.decrypt) {
      const iv = new Uint8Array(8);
      c.randomFill(iv);
      const inner = c.cipherDes3Blocks(true, s.key, iv, concat(copy(input), checksum(input)));
      return c.cipherDes3Blocks(true, s.key, kDes3WrapIv, concat(iv, inner).reverse());
    }
    if (input.length < 24) throw unsupported();
    const outer = c.cipherDes3Blocks(false, s.key, kDes3WrapIv, input).reverse();
    const inner = c.cipherDes3Blocks(false, s.key, outer.subarray(0, 8), outer.subarray(8));
    const cek = inner.subarray(0, inner.length - 8);
    if (!toBuffer(checksum(cek)).equals(toBuffer(inner.subarray(inner.length - 8)))) throw unsupported();
    return copy(cek);
  }

  _stream(s, input) {
    if (input.length === 0) return kEmpty;
    let out;
    if (s.mode === 'ctr') out = c.cipherCtr(s.key, s.iv, s.offset, input);
    else if (s.mode === 'gcm') out = c.cipherGcm(s.key, s.iv, s.offset, input);
    else out = c.cipherChacha(s.key, s.iv, s.offset, input);
    s.offset += input.length;
    if (s.aead) s.authed.push(copy(s.decrypt ? input : out));
    return out;
  }

  // CCM is one-shot (as in OpenSSL): the single update() encrypts or decrypts the whole
  // message; a second one, or one of another length than setAAD announced, is refused.
  _ccm(s, input) {
    if (input.length > ccmMaxLength(s.iv.length)) throw invalidMessageLength();
    if (s.ccmUsed || (s.plaintextLength !== undefined && input.length !== s.plaintextLength)) throw new Error('Trying to add data in unsupported state');
    s.ccmUsed = true;
    if (!s.decrypt) {
      const sealed = c.cipherAead('ccm', true, s.key, s.iv, s.tagLength, s.aad, input);
      s.ccmTag = copy(sealed.subarray(input.length));
      return sealed.subarray(0, input.length);
    }
    // Without the tag, or with a wrong one, nothing comes out and final() fails.
    const plain = s.tag === null ? undefined : c.cipherAead('ccm', false, s.key, s.iv, s.tagLength, s.aad, input, s.tag);
    if (plain === undefined) {
      s.ccmFailed = true;
      return kEmpty;
    }
    return plain;
  }

  _finalCcm(s) {
    if (!s.decrypt) {
      if (!s.ccmUsed) throw opensslError('tag not set', '1C800077');
      s.tag = s.ccmTag;
      return;
    }
    if (!s.ccmUsed || s.ccmFailed) throw authFailed();
  }

  // OCB: an update gives out the whole blocks of input seen so far (their output depends
  // on nothing after them), computed again from the start of the message each time; the
  // partial last block and the tag (which covers the AAD) come at final().
  _ocb(s, input) {
    if (input.length === 0) return kEmpty;
    s.input = concat(s.input, copy(input));
    s.offset = s.input.length;
    const whole = s.input.length - (s.input.length % 16);
    if (whole <= s.emitted) return kEmpty;
    const prefix = s.input.subarray(0, whole);
    const out = s.decrypt ?
      c.cipherAead('ocb', false, s.key, s.iv, s.tagLength, kEmpty, prefix, new Uint8Array(s.tagLength))[0] :
      c.cipherAead('ocb', true, s.key, s.iv, s.tagLength, kEmpty, prefix);
    const chunk = out.subarray(s.emitted, whole);
    s.emitted = whole;
    return chunk;
  }

  _finalOcb(s) {
    const all = s.input;
    s.input = kEmpty;
    if (!s.decrypt) {
      const sealed = c.cipherAead('ocb', true, s.key, s.iv, s.tagLength, s.aad, all);
      s.tag = copy(sealed.subarray(all.length));
      return sealed.subarray(s.emitted, all.length);
    }
    if (s.tag === null) throw authFailed();
    const [plain, authentic] = c.cipherAead('ocb', false, s.key, s.iv, s.tagLength, s.aad, all, s.tag);
    if (!authentic) throw authFailed();
    return plain.subarray(s.emitted);
  }

  _finalTag(s) {
    // One copy of the whole ciphertext (kept until final(): the tag covers all of it).
    const ct = s.authed.length === 1 ? s.authed[0] : new Uint8Array(Buffer.concat(s.authed.map(toBuffer)));
    s.authed = [];
    const full = s.mode === 'gcm' ? c.cipherGcmTag(s.key, s.iv, s.aad, ct) : c.cipherChachaTag(s.key, s.iv, s.aad, ct);
    if (!s.decrypt) {
      s.tag = copy(full.subarray(0, s.tagLength));
      return;
    }
    if (s.tag === null || !c.timingSafeEqual(full.subarray(0, s.tag.length), s.tag)) throw authFailed();
  }

  _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, encoding));
    callback();
  }

  _flush(callback) {
    try {
      this.push(this.final());
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  }
}

class Cipheriv extends CipherBase {
  constructor(cipher, key, iv, options) { super(false, cipher, key, iv, options); }
  getAuthTag() {
    const s = this[kState];
    if (s.tag === null) throw new ERR_CRYPTO_INVALID_STATE('getAuthTag');
    return Buffer.from(s.tag);
  }
}

class Decipheriv extends CipherBase {
  constructor(cipher, key, iv, options) { super(true, cipher, key, iv, options); }
  setAuthTag(tagbuf, encoding) {
    const s = this[kState];
    const tag = getArrayBufferOrView(tagbuf, 'buffer', encoding);
    if (!s.aead || s.done || s.tag !== null) throw new ERR_CRYPTO_INVALID_STATE('setAuthTag');
    const len = tag.byteLength;
    const ok = s.explicitTagLength ? len === s.tagLength : s.mode === 'gcm' ? gcmTagLengths.includes(len) : len >= 1 && len <= 16;
    if (!ok) throw new ERR_CRYPTO_INVALID_AUTH_TAG(len);
    if (s.mode === 'gcm' && !s.explicitTagLength && len !== 16 && require('internal/options').getOptionValue('--pending-deprecation')) {
      process.emitWarning('Using AES-GCM authentication tags of less than 128 bits without specifying the authTagLength option when initializing decryption is deprecated.', 'DeprecationWarning', 'DEP0182');
    }
    s.tag = copy(tag);
    return this;
  }
}

// getCipherInfo: OpenSSL's names and NIDs for the ciphers above, as Node reports them.
const nids = { __proto__: null, 'id-aes128-wrap': 788, 'id-aes192-wrap': 789, 'id-aes256-wrap': 790, 'aes-128-cbc': 419, 'aes-128-ecb': 418, 'aes-128-ctr': 904, 'aes-128-gcm': 895, 'aes-192-cbc': 423, 'aes-192-ecb': 422,
  'aes-192-ctr': 905, 'aes-192-gcm': 898, 'aes-256-cbc': 427, 'aes-256-ecb': 426, 'aes-256-ctr': 906, 'aes-256-gcm': 901, 'chacha20-poly1305': 1018,
  'des-ede3-cbc': 44, 'des-ede3': 33, 'id-smime-alg-cms3deswrap': 246,
  'id-aes128-wrap-pad': 897, 'id-aes192-wrap-pad': 900, 'id-aes256-wrap-pad': 903,
  'id-aes128-ccm': 896, 'id-aes192-ccm': 899, 'id-aes256-ccm': 902, 'aes-128-ocb': 958, 'aes-192-ocb': 959, 'aes-256-ocb': 960 };
function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  if (typeof nameOrNid === 'number') validateInteger(nameOrNid, 'nameOrNid', -(2 ** 31), 2 ** 31 - 1);
  let keyLength;
  let ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInteger(keyLength, 'options.keyLength', -(2 ** 31), 2 ** 31 - 1);
    if (ivLength !== undefined) validateInteger(ivLength, 'options.ivLength', -(2 ** 31), 2 ** 31 - 1);
  }
  let name = typeof nameOrNid === 'number' ? Object.keys(nids).find((n) => nids[n] === nameOrNid) : nameOrNid.toLowerCase();
  if (name === undefined || specs[name] === undefined) return undefined;
  const spec = specs[name];
  if (/^aes\d+$/.test(name)) name = `aes-${name.slice(3)}-cbc`;
  if (name === 'des3') name = 'des-ede3-cbc';
  if (name === 'des3-wrap') name = 'id-smime-alg-cms3deswrap';
  if (keyLength !== undefined && keyLength !== spec.keyLen) return undefined;
  if (ivLength !== undefined && (spec.mode in ivLengthOk ? !ivLengthOk[spec.mode](ivLength) : ivLength !== spec.ivLen)) return undefined;
  const canonical = name.replace(/^aes(\d+)-wrap(-pad)?$/, 'id-aes$1-wrap$2').replace(/^aes-(\d+)-ccm$/, 'id-aes$1-ccm');
  const info = { mode: spec.mode === 'chacha' ? 'stream' : spec.mode, name: canonical.replace(/^aes-(\d+)-gcm$/, 'id-aes$1-gcm'), nid: nids[canonical] };
  if (spec.mode !== 'chacha') info.blockSize = spec.mode === 'cbc' || spec.mode === 'ecb' || spec.mode === 'ocb' ? spec.blockSize ?? 16 : spec.mode === 'wrap' ? 8 : 1;
  if (spec.mode !== 'ecb' && (spec.ivLen > 0 || ivLength !== undefined)) info.ivLength = ivLength ?? spec.ivLen;
  info.keyLength = spec.keyLen;
  return info;
}

// Node 20's deprecated createCipher/createDecipher (DEP0106): key and IV from the
// password by OpenSSL's EVP_BytesToKey (MD5, one round, no salt).
function bytesToKey(password, keyLen, ivLen) {
  const parts = [];
  let total = 0;
  let prev = kEmpty;
  while (total < keyLen + ivLen) {
    prev = c.hash('md5', [prev, password]);
    parts.push(prev);
    total += prev.length;
  }
  const all = Buffer.concat(parts.map(toBuffer));
  return [all.subarray(0, keyLen), all.subarray(keyLen, keyLen + ivLen)];
}
// The key and IV (null for ECB) a legacy Cipher/Decipher derives from its password.
function legacyKeyIv(cipher, password, encrypt, options) {
  validateString(cipher, 'cipher');
  // Checked before the warning, as Node checks its options before the native init.
  validateUIntOption(options?.authTagLength, 'options.authTagLength');
  password = getArrayBufferOrView(password, 'password');
  const spec = specs[cipher.toLowerCase()];
  if (spec === undefined) throw new ERR_CRYPTO_UNKNOWN_CIPHER();
  // Only encryption warns (as Node's native code does).
  if (encrypt && (spec.mode === 'ctr' || spec.mode === 'gcm' || spec.mode === 'ccm')) process.emitWarning(`Use Cipheriv for counter mode of ${cipher}`);
  const [key, iv] = bytesToKey(password, spec.keyLen, spec.ivLen);
  return [key, spec.mode === 'ecb' ? null : iv];
}
// crypto.Cipher/Decipher: the classes of createCipher/createDecipher.
class Cipher extends Cipheriv {
  constructor(cipher, password, options) {
    const [key, iv] = legacyKeyIv(cipher, password, true, options);
    super(cipher, key, iv, options);
  }
}
class Decipher extends Decipheriv {
  constructor(cipher, password, options) {
    const [key, iv] = legacyKeyIv(cipher, password, false, options);
    super(cipher, key, iv, options);
  }
}
const { deprecate } = require('util');
const createCipher = deprecate((cipher, password, options) => new Cipher(cipher, password, options), 'crypto.createCipher is deprecated.', 'DEP0106');
const createDecipher = deprecate((cipher, password, options) => new Decipher(cipher, password, options), 'crypto.createDecipher is deprecated.', 'DEP0106');

module.exports = {
  Cipheriv: callable(Cipheriv), Decipheriv: callable(Decipheriv), Cipher: callable(Cipher), Decipher: callable(Decipher),
  createCipheriv: (cipher, key, iv, options) => new Cipheriv(cipher, key, iv, options),
  createDecipheriv: (cipher, key, iv, options) => new Decipheriv(cipher, key, iv, options),
  getCiphers: () => cipherNames.slice(),
  getCipherInfo, createCipher, createDecipher,
};
