'use strict';
// node:crypto — hashes, HMAC, randomness and a few helpers here; key derivation in
// internal/crypto/kdf.js, ciphers in internal/crypto/cipher.js. Hash objects keep their
// input and hash it natively in one go at digest().

const c = binding.crypto;
const LazyTransform = require('internal/streams/lazy_transform');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE }, validateNumber, validateFunction, validateObject, validateBoolean, validateString, validateUint32 } = require('internal/errors');

const { normalizeAlg, callable } = require('internal/crypto/util');
const kdf = require('internal/crypto/kdf');
const cipher = require('internal/crypto/cipher');
const keys = require('internal/crypto/keys');
const ecdh = require('internal/crypto/ecdh');
const dh = require('internal/crypto/diffiehellman');
const prime = require('internal/crypto/prime');

function toBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
  if (ArrayBuffer.isView(data)) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function encodeDigest(u8, encoding) {
  const b = Buffer.from(u8.buffer, u8.byteOffset, u8.length);
  return encoding && encoding !== 'buffer' ? b.toString(encoding) : b;
}

// Output sizes of the fixed-length digests; SHAKE's is options.outputLength.
const digestSizes = {
  __proto__: null, 'md5': 16, 'sha1': 20, 'sha224': 28, 'sha256': 32, 'sha384': 48, 'sha512': 64, 'sha512-224': 28,
  'sha512-256': 32, 'sha3-224': 28, 'sha3-256': 32, 'sha3-384': 48, 'sha3-512': 64,
};

// The algorithms c.hash knows (asked once: the list is fixed).
let hashNames;
function isHashName(alg) {
  hashNames ??= new Set(c.hashes());
  return hashNames.has(alg);
}

// Hash and Hmac are Transform streams whose stream side is built only when used
// (LazyTransform): update()/digest() alone never construct it.
function Hash(algorithm, options) {
  validateString(algorithm, 'algorithm');
  const xofLen = options !== null && typeof options === 'object' ? options.outputLength : undefined;
  if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
  LazyTransform.call(this, options);
  this._alg = normalizeAlg(algorithm);
  if (!isHashName(this._alg)) {
    // Node 20 throws OpenSSL's message with no code.
    throw new Error('Digest method not supported');
  }
  // A fixed-length digest accepts its own size only (OpenSSL's check).
  if (xofLen !== undefined && this._alg in digestSizes && digestSizes[this._alg] !== xofLen) {
    const e = new Error('error:030000B2:digital envelope routines::not XOF or invalid length');
    e.library = 'digital envelope routines';
    e.reason = 'not XOF or invalid length';
    e.code = 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH';
    throw e;
  }
  this._xofLen = this._alg in digestSizes ? undefined : xofLen;
  this._chunks = [];
  this._done = false;
  this._digest = undefined;
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);
// Hash and Hmac keep their input as chunks until the digest.
function digestAlreadyCalled() {
  const e = new Error('Digest already called');
  e.code = 'ERR_CRYPTO_HASH_FINALIZED';
  return e;
}
function update(data, encoding) {
  if (this._done) throw digestAlreadyCalled();
  this._chunks.push(toBytes(data, encoding));
  return this;
}
function _transform(chunk, enc, cb) {
  this.update(chunk, enc);
  cb();
}
Hash.prototype.update = update;
// Digests shown as one of these strings are made natively as the string (no Buffer
// between); the input stays, should the stream side still want the digest.
const kStringDigests = new Set(['hex', 'base64', 'base64url', 'latin1']);
Hash.prototype.digest = function digest(encoding) {
  if (this._done) throw digestAlreadyCalled();
  this._done = true;
  if (this._digest === undefined && kStringDigests.has(encoding)) {
    const s = c.hash(this._alg, this._chunks, this._xofLen, encoding);
    if (typeof s === 'string') return s;
  }
  return encodeDigest(this._result(), encoding);
};
// The digest, computed once: after the stream side flushed it, digest() still gives it.
Hash.prototype._result = function _result() {
  if (this._digest === undefined) {
    this._digest = c.hash(this._alg, this._chunks, this._xofLen);
    this._chunks = [];
  }
  return this._digest;
};
Hash.prototype.copy = function copy(options) {
  if (this._done) throw digestAlreadyCalled();
  const h = new Hash(this._alg, options);
  h._chunks = this._chunks.slice();
  return h;
};
Hash.prototype._transform = _transform;
Hash.prototype._flush = function _flush(cb) { this.push(encodeDigest(this._result())); cb(); };

const hmacDigests = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'];

function Hmac(algorithm, key, options) {
  validateString(algorithm, 'hmac');
  const alg = normalizeAlg(algorithm);
  let bytes;
  if (typeof key === 'string') bytes = Buffer.from(key, options?.encoding ?? 'utf8');
  else if (key != null && key.type === 'secret' && typeof key.export === 'function') bytes = key.export();
  else if (ArrayBuffer.isView(key) || key instanceof ArrayBuffer) bytes = toBytes(key);
  else throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  // Node checks the digest when the Hmac is made, not at digest().
  if (!hmacDigests.includes(alg)) {
    const e = new TypeError(`Invalid digest: ${algorithm}`);
    e.code = 'ERR_CRYPTO_INVALID_DIGEST';
    throw e;
  }
  LazyTransform.call(this, options);
  this._alg = alg;
  this._key = bytes;
  this._chunks = [];
  this._done = false;
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);
Hmac.prototype.update = update;
Hmac.prototype.digest = function digest(encoding) {
  // As in Node, a second digest() gives an empty result instead of throwing.
  if (this._done) return encodeDigest(new Uint8Array(0), encoding);
  this._done = true;
  const out = c.hmac(this._alg, this._key, this._chunks);
  this._chunks = [];
  return encodeDigest(out, encoding);
};
Hmac.prototype._transform = _transform;
Hmac.prototype._flush = function _flush(cb) { this.push(this.digest()); cb(); };

function createHash(alg, options) { return new Hash(alg, options); }
function createHmac(alg, key, options) { return new Hmac(alg, key, options); }
// crypto.hash(algorithm, data[, outputEncoding]): a one-shot digest, checked as Node does.
function hash(alg, data, outputEncoding = 'hex') {
  validateString(alg, 'algorithm');
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  }
  validateString(outputEncoding, 'outputEncoding');
  if (outputEncoding !== 'buffer' && !Buffer.isEncoding(outputEncoding)) {
    throw new ERR_INVALID_ARG_VALUE('outputEncoding', outputEncoding);
  }
  return createHash(alg).update(data).digest(outputEncoding);
}

// randomFill(Sync)'s buffer, offset and size, as Node checks them: offset and size count
// elements of a typed array (bytes otherwise) and must fit the buffer.
const kMaxPossibleLength = 2 ** 31 - 1;
function fillRange(buf, offset, size) {
  if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer) && !(typeof SharedArrayBuffer !== 'undefined' && buf instanceof SharedArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
  const elementSize = buf.BYTES_PER_ELEMENT ?? 1;
  const length = buf.byteLength;
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${maxLength}`, offset);
  if (size === undefined) {
    size = length - offset;
  } else {
    validateNumber(size, 'size');
    size *= elementSize;
    if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
    if (size + offset > length) throw new ERR_OUT_OF_RANGE('size + offset', `<= ${length}`, size + offset);
  }
  return new Uint8Array(buf.buffer ?? buf, (buf.byteOffset ?? 0) + (offset >>> 0), size >>> 0);
}

function randomFillSync(buf, offset = 0, size) {
  c.randomFill(fillRange(buf, offset, size));
  return buf;
}

function randomFill(buf, offset, size, cb) {
  if (typeof offset === 'function') { cb = offset; offset = 0; size = undefined; }
  else if (typeof size === 'function') { cb = size; size = undefined; }
  validateFunction(cb, 'callback');
  c.randomFill(fillRange(buf, offset ?? 0, size));
  if (ah.on) asyncHooks.nextTickAs('RANDOMBYTESREQUEST', cb, null, buf);
  else process.nextTick(cb, null, buf);
}

const asyncHooks = require('internal/async_hooks');
const ah = asyncHooks.state;
function randomBytes(size, cb) {
  validateNumber(size, 'size');
  if (Number.isNaN(size) || size < 0 || size > 2 ** 31 - 1) throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${2 ** 31 - 1}`, size);
  if (cb !== undefined) validateFunction(cb, 'callback');
  size >>>= 0;
  const buf = Buffer.allocUnsafeSlow(size);
  c.randomFill(buf);
  if (typeof cb === 'function') {
    if (ah.on) asyncHooks.nextTickAs('RANDOMBYTESREQUEST', cb, null, buf);
    else process.nextTick(cb, null, buf);
    return undefined;
  }
  return buf;
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  if (options?.disableEntropyCache !== undefined) validateBoolean(options.disableEntropyCache, 'options.disableEntropyCache');
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function randomInt(min, max, cb) {
  const minNotSpecified = max === undefined || typeof max === 'function';
  if (minNotSpecified) { cb = max; max = min; min = 0; }
  if (cb !== undefined) validateFunction(cb, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  // 48 bits of randomness per draw: Node's limit on the range.
  if (range > 0xFFFF_FFFF_FFFF) throw new ERR_OUT_OF_RANGE(minNotSpecified ? 'max' : 'max - min', `<= ${0xFFFF_FFFF_FFFF}`, range);
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    x = randomBytes(6).readUIntBE(0, 6);
  } while (x >= limit);
  const v = min + (x % range);
  if (typeof cb === 'function') { process.nextTick(cb, null, v); return undefined; }
  return v;
}

function getRandomValues(view) {
  const { DOMException } = require('internal/dom_exception');
  if (!ArrayBuffer.isView(view) || view instanceof Float32Array || view instanceof Float64Array || view instanceof DataView) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (view.byteLength > 65536) {
    throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  c.randomFill(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return view;
}

function timingSafeEqual(a, b) {
  const bytes = (v, name) => {
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    // Node's native check words it without the "Received" part.
    const e = new TypeError(`The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  };
  const x = bytes(a, 'buf1');
  const y = bytes(b, 'buf2');
  if (x.byteLength !== y.byteLength) {
    const e = new RangeError('Input buffers must have the same byte length');
    e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw e;
  }
  return c.timingSafeEqual(x, y);
}

// The Web Crypto object (`globalThis.crypto`): an instance of Crypto; SubtleCrypto in
// internal/crypto/webcrypto.js.
const kConstructCrypto = Symbol('kConstructCrypto');
// The brand of real Crypto objects: an object merely inheriting from Crypto.prototype
// (Reflect.construct with another constructor) fails WebIDL's checks.
const kCryptoBrand = Symbol('kCryptoBrand');
const isCrypto = (v) => v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, kCryptoBrand);
class Crypto {
  constructor(token) {
    if (token !== kConstructCrypto) {
      const e = new TypeError('Illegal constructor');
      e.code = 'ERR_ILLEGAL_CONSTRUCTOR';
      throw e;
    }
    Object.defineProperty(this, kCryptoBrand, { value: true });
  }
  get subtle() {
    if (!isCrypto(this)) throw new (require('internal/errors').codes.ERR_INVALID_THIS)('Crypto');
    return require('internal/crypto/webcrypto').subtle;
  }
  // WebIDL brand checks: the methods need a Crypto as `this` (node:crypto's own
  // getRandomValues/randomUUID exports do not).
  getRandomValues(view) {
    if (!isCrypto(this)) throw new (require('internal/errors').codes.ERR_INVALID_THIS)('Crypto');
    return getRandomValues(view);
  }
  randomUUID() {
    if (!isCrypto(this)) throw new (require('internal/errors').codes.ERR_INVALID_THIS)('Crypto');
    return randomUUID();
  }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
const webcrypto = new Crypto(kConstructCrypto);

// OpenSSL engines do not exist in amber: every engine id is unknown, as for an engine
// OpenSSL cannot load.
function setEngine(id, flags) {
  validateString(id, 'id');
  if (flags !== undefined) validateNumber(flags, 'flags');
  const e = new Error(`Engine "${id}" was not found`);
  e.code = 'ERR_CRYPTO_ENGINE_UNKNOWN';
  throw e;
}

// Node's crypto.constants: the OpenSSL option bits and engine flags it exports (the
// values of OpenSSL 3.0, whose behaviour amber's RSA/DH errors follow), DH check flags,
// RSA paddings, TLS protocol numbers and point formats. The SSL_OP_* values only matter
// to code that passes them on (TLS is rustls). OPENSSL_VERSION_NUMBER is left out:
// amber links no OpenSSL.
const constants = {
  SSL_OP_ALL: 0x80000850, SSL_OP_ALLOW_NO_DHE_KEX: 0x400,
  SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 0x40000, SSL_OP_CIPHER_SERVER_PREFERENCE: 0x400000, SSL_OP_CISCO_ANYCONNECT: 0x8000,
  SSL_OP_COOKIE_EXCHANGE: 0x2000, SSL_OP_CRYPTOPRO_TLSEXT_BUG: 0x80000000, SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 0x800,
  SSL_OP_LEGACY_SERVER_CONNECT: 0x4, SSL_OP_NO_COMPRESSION: 0x20000, SSL_OP_NO_ENCRYPT_THEN_MAC: 0x80000,
  SSL_OP_NO_QUERY_MTU: 0x1000, SSL_OP_NO_RENEGOTIATION: 0x40000000, SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 0x10000,
  SSL_OP_NO_SSLv2: 0x0, SSL_OP_NO_SSLv3: 0x2000000, SSL_OP_NO_TICKET: 0x4000, SSL_OP_NO_TLSv1: 0x4000000,
  SSL_OP_NO_TLSv1_1: 0x10000000, SSL_OP_NO_TLSv1_2: 0x8000000, SSL_OP_NO_TLSv1_3: 0x20000000,
  SSL_OP_PRIORITIZE_CHACHA: 0x200000, SSL_OP_TLS_ROLLBACK_BUG: 0x800000,
  ENGINE_METHOD_RSA: 0x1, ENGINE_METHOD_DSA: 0x2, ENGINE_METHOD_DH: 0x4, ENGINE_METHOD_RAND: 0x8, ENGINE_METHOD_EC: 0x800,
  ENGINE_METHOD_CIPHERS: 0x40, ENGINE_METHOD_DIGESTS: 0x80, ENGINE_METHOD_PKEY_METHS: 0x200, ENGINE_METHOD_PKEY_ASN1_METHS: 0x400,
  ENGINE_METHOD_ALL: 0xffff, ENGINE_METHOD_NONE: 0x0,
  DH_CHECK_P_NOT_SAFE_PRIME: 0x2, DH_CHECK_P_NOT_PRIME: 0x1, DH_UNABLE_TO_CHECK_GENERATOR: 0x4, DH_NOT_SUITABLE_GENERATOR: 0x8,
  TLS1_VERSION: 0x301, TLS1_1_VERSION: 0x302, TLS1_2_VERSION: 0x303, TLS1_3_VERSION: 0x304,
  ...keys.constants,
};
// The default TLS cipher lists (amber's own, and the one --tls-cipher-list makes the
// default), read when asked.
for (const name of ['defaultCoreCipherList', 'defaultCipherList']) {
  Object.defineProperty(constants, name, {
    __proto__: null, enumerable: true, configurable: true, get: () => require('internal/tls/ciphers')[name](),
  });
}

module.exports = {
  createHash, createHmac, hash, Hash: callable(Hash), Hmac: callable(Hmac), randomBytes, randomFill, randomFillSync, randomUUID, randomInt,
  getRandomValues, timingSafeEqual, webcrypto,
  getHashes: () => c.hashes(), getCiphers: cipher.getCiphers, getCipherInfo: cipher.getCipherInfo, getCurves: ecdh.getCurves,
  createCipher: cipher.createCipher, createDecipher: cipher.createDecipher, createCipheriv: cipher.createCipheriv, createDecipheriv: cipher.createDecipheriv, Cipheriv: cipher.Cipheriv, Decipheriv: cipher.Decipheriv, Cipher: cipher.Cipher, Decipher: cipher.Decipher,
  pbkdf2: kdf.pbkdf2, pbkdf2Sync: kdf.pbkdf2Sync, scrypt: kdf.scrypt, scryptSync: kdf.scryptSync, hkdf: kdf.hkdf, hkdfSync: kdf.hkdfSync,
  createSign: keys.createSign, createVerify: keys.createVerify, Sign: keys.Sign, Verify: keys.Verify, sign: keys.sign, verify: keys.verify,
  generateKeyPair: keys.generateKeyPair, generateKeyPairSync: keys.generateKeyPairSync, generateKey: keys.generateKey, generateKeySync: keys.generateKeySync, KeyObject: keys.KeyObject,
  createPublicKey: keys.publicCreatePublicKey, createPrivateKey: keys.publicCreatePrivateKey, createSecretKey: keys.createSecretKey,
  createDiffieHellman: dh.createDiffieHellman, getDiffieHellman: dh.getDiffieHellman, createDiffieHellmanGroup: dh.getDiffieHellman,
  DiffieHellman: dh.DiffieHellman, DiffieHellmanGroup: dh.DiffieHellmanGroup,
  createECDH: ecdh.createECDH, ECDH: ecdh.ECDH, diffieHellman: keys.diffieHellman, publicEncrypt: keys.publicEncrypt, privateDecrypt: keys.privateDecrypt,
  privateEncrypt: keys.privateEncrypt, publicDecrypt: keys.publicDecrypt,
  generatePrime: prime.generatePrime, generatePrimeSync: prime.generatePrimeSync, checkPrime: prime.checkPrime, checkPrimeSync: prime.checkPrimeSync,
  constants,
  // amber has no OpenSSL secure heap: nothing is allocated from one, as in a Node
  // started without --secure-heap.
  secureHeapUsed: () => ({ total: 0, used: 0, utilization: 0, min: 0 }),
  setEngine,
  // amber has no FIPS provider.
  getFips: () => 0,
  setFips: (on) => { if (on) throw new (require('internal/errors').codes.ERR_NOT_IMPLEMENTED)('crypto.setFips(true)'); },
};
// Loaded on first use: most programs never touch certificates or SubtleCrypto.
Object.defineProperty(module.exports, 'Certificate', { enumerable: true, configurable: true, get: () => require('internal/crypto/certificate').Certificate });
Object.defineProperty(module.exports, 'X509Certificate', { enumerable: true, configurable: true, get: () => require('internal/crypto/x509').X509Certificate });
Object.defineProperty(module.exports, 'subtle', { enumerable: true, configurable: true, get: () => webcrypto.subtle });
// Node's undocumented aliases of randomBytes: present, not enumerable, deprecated
// (DEP0115) under --pending-deprecation. The flag is read when the alias is first used,
// not when this module loads (it may load while the runtime snapshot is built).
for (const name of ['pseudoRandomBytes', 'prng', 'rng']) {
  let value;
  Object.defineProperty(module.exports, name, {
    get() {
      if (value === undefined) {
        value = require('internal/options').getOptionValue('--pending-deprecation') ?
          require('util').deprecate(randomBytes, `crypto.${name} is deprecated.`, 'DEP0115') : randomBytes;
      }
      return value;
    },
    set(v) { value = v; },
    enumerable: false,
    configurable: true,
  });
}
