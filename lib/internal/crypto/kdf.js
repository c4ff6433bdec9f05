'use strict';
// pbkdf2, scrypt and hkdf with Node's argument checks and errors; the derivation is
// native (crates/runtime/src/bindings/crypto/kdf.rs). The asynchronous forms run on a
// blocking thread (tokio's pool) and call back from the event loop, as Node's thread
// pool does; every argument error is thrown synchronously, as in Node.

const c = binding.crypto;
const {
  codes: { ERR_CRYPTO_INVALID_DIGEST, ERR_CRYPTO_SCRYPT_INVALID_PARAMETER, ERR_CRYPTO_INVALID_SCRYPT_PARAMS, ERR_CRYPTO_INVALID_KEYLEN, ERR_OUT_OF_RANGE },
  validateString, validateFunction, validateInteger, validateUint32,
} = require('internal/errors');
const { normalizeAlg, getArrayBufferOrView } = require('internal/crypto/util');

const kdfDigests = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const digestSize = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };
const kMaxInt32 = 2 ** 31 - 1;

function checkDigest(digest) {
  const d = normalizeAlg(digest);
  if (!kdfDigests.includes(d)) throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  return d;
}

function runAsync(start, callback, wrap) {
  internals.startOp(start, (bytes) => {
    if (bytes == null) callback(new Error('key derivation failed'));
    else callback(null, wrap(bytes));
  }, 'crypto key derivation');
}

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const toArrayBuffer = (u8) => u8.buffer.byteLength === u8.byteLength ? u8.buffer : u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);

function pbkdf2Check(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInteger(iterations, 'iterations', 1, kMaxInt32);
  validateInteger(keylen, 'keylen', 0, kMaxInt32);
  return [checkDigest(digest), password, salt, iterations, keylen];
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return toBuffer(c.pbkdf2(...pbkdf2Check(password, salt, iterations, keylen, digest)));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') { callback = digest; digest = undefined; }
  const args = pbkdf2Check(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  runAsync((op) => c.pbkdf2(...args, op), callback, toBuffer);
}

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptCheck(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInteger(keylen, 'keylen', 0, kMaxInt32);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options) {
    const hasN = options.N !== undefined;
    if (hasN) { N = options.N; validateUint32(N, 'N'); }
    if (options.cost !== undefined) {
      if (hasN) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      N = options.cost; validateUint32(N, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) { r = options.r; validateUint32(r, 'r'); }
    if (options.blockSize !== undefined) {
      if (hasR) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      r = options.blockSize; validateUint32(r, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) { p = options.p; validateUint32(p, 'p'); }
    if (options.parallelization !== undefined) {
      if (hasP) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      p = options.parallelization; validateUint32(p, 'parallelization');
    }
    if (options.maxmem !== undefined) { maxmem = options.maxmem; validateInteger(maxmem, 'maxmem', 0); }
    if (N === 0) N = scryptDefaults.N;
    if (r === 0) r = scryptDefaults.r;
    if (p === 0) p = scryptDefaults.p;
    if (maxmem === 0) maxmem = scryptDefaults.maxmem;
  }
  // The checks of RFC 7914 as OpenSSL makes them, then its memory limit: the B array
  // (128·r·p bytes) and V (128·r·(N+2) bytes) must fit in maxmem.
  if (N < 2 || (N & (N - 1)) !== 0 || (16 * r <= 63 && N >= 2 ** (16 * r)) || p > ((2 ** 30 - 1) / r)) {
    throw new ERR_CRYPTO_INVALID_SCRYPT_PARAMS();
  }
  if (128 * r * p + 128 * r * (N + 2) > maxmem) {
    throw new ERR_CRYPTO_INVALID_SCRYPT_PARAMS('error:030000AC:digital envelope routines::memory limit exceeded');
  }
  return [password, salt, N, r, p, keylen];
}

function scryptSync(password, salt, keylen, options) {
  const args = scryptCheck(password, salt, keylen, options);
  if (keylen === 0) return Buffer.alloc(0);
  return toBuffer(c.scrypt(...args));
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  const args = scryptCheck(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  if (keylen === 0) { process.nextTick(callback, null, Buffer.alloc(0)); return; }
  runAsync((op) => c.scrypt(...args, op), callback, toBuffer);
}

function hkdfCheck(digest, key, salt, info, length) {
  validateString(digest, 'digest');
  key = getArrayBufferOrView(key, 'ikm');
  salt = getArrayBufferOrView(salt, 'salt');
  info = getArrayBufferOrView(info, 'info');
  validateInteger(length, 'length', 0, kMaxInt32);
  if (info.byteLength > 1024) throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.byteLength);
  const d = checkDigest(digest);
  if (length > 255 * digestSize[d]) throw new ERR_CRYPTO_INVALID_KEYLEN();
  return [d, key, salt, info, length];
}

function hkdfSync(digest, key, salt, info, length) {
  return toArrayBuffer(c.hkdf(...hkdfCheck(digest, key, salt, info, length)));
}

function hkdf(digest, key, salt, info, length, callback) {
  const args = hkdfCheck(digest, key, salt, info, length);
  validateFunction(callback, 'callback');
  runAsync((op) => c.hkdf(...args, op), callback, toArrayBuffer);
}

module.exports = { pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync };
