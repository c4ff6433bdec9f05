'use strict';
// Finite-field Diffie-Hellman: createDiffieHellman, getDiffieHellman / DiffieHellmanGroup
// (RFC 2409/3526 MODP groups). The object keeps prime, generator and keys as bytes; the
// big-number work (modpow, safe-prime search, DH_check) is native (dh* in
// crates/runtime/src/bindings/crypto/agree.rs). verifyError carries OpenSSL 3's DH_check
// flags, the ones Node reports.

const c = binding.crypto;
const { codes: { ERR_INVALID_ARG_TYPE }, validateInteger } = require('internal/errors');
const validateInt32 = (v, name) => validateInteger(v, name, -(2 ** 31), 2 ** 31 - 1);
const { getArrayBufferOrView, callable } = require('internal/crypto/util');

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const DH_CHECK_P_NOT_PRIME = 0x01;
const DH_CHECK_P_NOT_SAFE_PRIME = 0x02;
const DH_NOT_SUITABLE_GENERATOR = 0x08;
const DH_MODULUS_TOO_SMALL = 0x80;

function codedError(Base, code, message) {
  const e = new Base(message);
  e.code = code;
  return e;
}
function dhError(code, reason) {
  const e = new Error(`error:${code}:Diffie-Hellman routines::${reason}`);
  e.library = 'Diffie-Hellman routines';
  e.reason = reason;
  e.code = `ERR_OSSL_DH_${reason.toUpperCase().replace(/ /g, '_')}`;
  return e;
}

// floor(2^bits * pi), by Machin's formula in fixed point with guard bits: the MODP
// primes are defined from the binary expansion of pi (RFC 2412 appendix E).
function piScaled(bits) {
  const guard = 64n;
  const one = 1n << (BigInt(bits) + guard);
  const atanInv = (x) => {
    const x2 = x * x;
    let term = one / x;
    let sum = term;
    for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
      term /= x2;
      sum += sign * (term / n);
    }
    return sum;
  };
  return (16n * atanInv(5n) - 4n * atanInv(239n)) >> guard;
}

// name -> [bits, k]: p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) pi) + k).
// kPrivateBits: the private key lengths OpenSSL 3 uses for the groups it knows by name
// (the others get a full-size exponent, as in Node).
const modpGroups = {
  modp1: [768, 149686n], modp2: [1024, 129093n], modp5: [1536, 741804n], modp14: [2048, 124476n],
  modp15: [3072, 1690314n], modp16: [4096, 240904n], modp17: [6144, 929484n], modp18: [8192, 4743158n],
};
const kPrivateBits = { modp5: 200, modp14: 225, modp15: 275, modp16: 325, modp17: 375, modp18: 400 };
const primeCache = new Map();
function modpPrime(name) {
  let p = primeCache.get(name);
  if (p === undefined) {
    const [n, k] = modpGroups[name];
    const N = BigInt(n);
    const v = (1n << N) - (1n << (N - 64n)) - 1n + (1n << 64n) * (piScaled(n - 130) + k);
    p = Buffer.from(v.toString(16), 'hex');
    primeCache.set(name, p);
  }
  return p;
}

function encode(buf, encoding) {
  buf = toBuffer(buf);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

function bitLength(bytes) {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function checkFlags(prime, generator) {
  let flags = c.dhCheck(prime, generator);
  if (bitLength(prime) < 512) flags |= DH_MODULUS_TOO_SMALL;
  return flags;
}

function bytesArg(v, name, encoding) {
  if (typeof v === 'number') {
    // OpenSSL's big number bytes: no leading zeros.
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    let i = 0;
    while (i < 3 && b[i] === 0) i++;
    return b.subarray(i);
  }
  return getArrayBufferOrView(v, name, encoding);
}

class DiffieHellman {
  constructor(sizeOrKey, keyEncoding, generator, genEncoding) {
    if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' && !ArrayBuffer.isView(sizeOrKey) && !(sizeOrKey instanceof ArrayBuffer)) {
      throw new ERR_INVALID_ARG_TYPE('sizeOrKey', ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], sizeOrKey);
    }
    // (sizeOrKey, generator, genEncoding): the second argument is no encoding.
    if (keyEncoding !== undefined && keyEncoding !== null && (typeof keyEncoding !== 'string' || (!Buffer.isEncoding(keyEncoding) && keyEncoding !== 'buffer'))) {
      genEncoding = generator;
      generator = keyEncoding;
      keyEncoding = undefined;
    }
    // As in Node (a fluke of history), 0 means the default generator 2.
    if (generator === undefined || generator === 0) generator = 2;
    let gen;
    if (typeof generator === 'number') {
      validateInt32(generator, 'generator');
      if (generator < 2) throw dhError('02800065', 'bad generator');
      gen = bytesArg(generator);
    } else {
      gen = Buffer.from(getArrayBufferOrView(generator, 'generator', genEncoding));
      if (bitLength(gen) <= 1) throw dhError('02800065', 'bad generator');
    }
    let prime;
    if (typeof sizeOrKey === 'number') {
      validateInt32(sizeOrKey, 'sizeOrKey');
      if (sizeOrKey < 512) throw dhError('0280007E', 'modulus too small');
      prime = toBuffer(c.dhGeneratePrime(sizeOrKey, typeof generator === 'number' ? generator : 0));
    } else {
      prime = Buffer.from(getArrayBufferOrView(sizeOrKey, 'sizeOrKey', keyEncoding));
    }
    this._prime = prime;
    this._generator = gen;
    this._private = null;
    this._public = null;
    this.verifyError = checkFlags(prime, gen);
  }
  generateKeys(encoding) {
    const [priv, pub] = c.dhKeys(this._prime, this._generator, this._private ?? undefined, this._privateBits);
    this._private = priv;
    this._public = pub;
    return encode(pub, encoding);
  }
  computeSecret(key, inEnc, outEnc) {
    const pub = getArrayBufferOrView(key, 'key', inEnc);
    if (this._private === null) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Invalid key type');
    const out = c.dhCompute(this._prime, this._private, pub);
    if (out === 'small') throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Supplied key is too small');
    if (out === 'large') throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Supplied key is too large');
    return encode(out, outEnc);
  }
  getPrime(encoding) { return encode(this._prime, encoding); }
  getGenerator(encoding) { return encode(this._generator, encoding); }
  getPublicKey(encoding) {
    if (this._public === null) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'No public key - did you forget to generate one?');
    return encode(this._public, encoding);
  }
  getPrivateKey(encoding) {
    if (this._private === null) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'No private key - did you forget to generate one?');
    return encode(this._private, encoding);
  }
  setPublicKey(key, encoding) {
    this._public = new Uint8Array(getArrayBufferOrView(key, 'key', encoding));
    return this;
  }
  setPrivateKey(key, encoding) {
    // As in Node, the public key is computed by the next generateKeys().
    this._private = new Uint8Array(getArrayBufferOrView(key, 'key', encoding));
    return this;
  }
}

class DiffieHellmanGroup {
  constructor(name) {
    if (typeof name !== 'string' || modpGroups[name] === undefined) throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group');
    this._prime = modpPrime(name);
    this._privateBits = kPrivateBits[name];
    this._generator = Buffer.from([2]);
    this._private = null;
    this._public = null;
    // The MODP groups are safe primes with generator 2: DH_check finds nothing.
    this.verifyError = 0;
  }
}
for (const m of ['generateKeys', 'computeSecret', 'getPrime', 'getGenerator', 'getPublicKey', 'getPrivateKey']) {
  DiffieHellmanGroup.prototype[m] = DiffieHellman.prototype[m];
}


module.exports = {
  DiffieHellman: callable(DiffieHellman), DiffieHellmanGroup: callable(DiffieHellmanGroup),
  createDiffieHellman: (...args) => new DiffieHellman(...args),
  getDiffieHellman: (name) => new DiffieHellmanGroup(name),
  modpGroups, modpPrime, kPrivateBits,
};
