'use strict';
// WebCrypto's SubtleCrypto (`crypto.subtle`, `require('crypto').webcrypto.subtle`) over
// the same pieces as node:crypto: KeyObjects (keys.js) inside CryptoKeys
// (webcrypto_keys.js), Cipheriv for AES, the native sign/verify/agreement functions,
// pbkdf2/hkdf, and aesKw for AES-KW. Every method returns a promise; failures reject
// with the DOMException names Node uses (NotSupportedError, SyntaxError,
// InvalidAccessError, DataError, OperationError).

const c = binding.crypto;
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const keys = require('internal/crypto/keys');
const { CryptoKey, isCryptoKey, newCryptoKey, kKeyObject } = require('internal/crypto/webcrypto_keys');

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const toArrayBuffer = (buf) => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);

function domError(name, message) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, name);
}
const notSupported = (m = 'Unrecognized algorithm name') => domError('NotSupportedError', m);
const operationError = (m = 'The operation failed for an operation-specific reason') => domError('OperationError', m);
const dataError = (m) => domError('DataError', m);
const invalidAccess = (m) => domError('InvalidAccessError', m);
const syntaxError = (m) => domError('SyntaxError', m);

function missingArgs(method, want, got) {
  if (got >= want) return;
  const e = new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': ${want} arguments required, but only ${got} present.`);
  e.code = 'ERR_MISSING_ARGS';
  throw e;
}
function missingOption(dict, member) {
  const e = new TypeError(`Failed to normalize algorithm: passed algorithm can not be converted to '${dict}' because '${member}' is required in '${dict}'.`);
  e.code = 'ERR_MISSING_OPTION';
  return e;
}

const kNames = [
  'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'X25519', 'Ed448', 'X448',
  'AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'HKDF', 'PBKDF2',
];
const kByLower = new Map(kNames.map((n) => [n.toLowerCase(), n]));
const kHashes = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const kHashBits = { 'SHA-1': 160, 'SHA-256': 256, 'SHA-384': 384, 'SHA-512': 512 };
const kHashBlockBits = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kCurves = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

// Which algorithms each operation accepts.
const kOps = {
  digest: ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'],
  generateKey: ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'X25519', 'Ed448', 'X448', 'AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC'],
  importKey: kNames.filter((n) => !n.startsWith('SHA-')),
  sign: ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'Ed25519', 'Ed448', 'HMAC'],
  encrypt: ['RSA-OAEP', 'AES-CTR', 'AES-CBC', 'AES-GCM'],
  deriveBits: ['ECDH', 'X25519', 'X448', 'HKDF', 'PBKDF2'],
  wrapKey: ['RSA-OAEP', 'AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW'],
  get: ['AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC', 'HKDF', 'PBKDF2'],
};
kOps.verify = kOps.sign;
kOps.decrypt = kOps.encrypt;
kOps.unwrapKey = kOps.wrapKey;

// Node 20 still calls Ed448 and X448 experimental in WebCrypto, once per algorithm.
const experimentalWarned = new Set();
function normalize(algorithm, op) {
  // WebIDL's AlgorithmIdentifier: an object, or anything else as a DOMString.
  if (algorithm === null || (typeof algorithm !== 'object' && typeof algorithm !== 'function')) algorithm = { name: `${algorithm}` };
  if (typeof algorithm.name !== 'string') throw missingOption('Algorithm', 'name');
  const lower = algorithm.name.toLowerCase();
  const name = kByLower.get(lower);
  if (name === undefined || !kOps[op].includes(name)) throw notSupported();
  if ((name === 'Ed448' || name === 'X448') && !experimentalWarned.has(name)) {
    experimentalWarned.add(name);
    process.emitWarning(`The ${name} Web Crypto API algorithm is an experimental feature and might change at any time`, 'ExperimentalWarning');
  }
  const out = { ...algorithm, name };
  if (out.hash !== undefined) out.hash = normalizeHash(out.hash);
  return out;
}

function normalizeHash(hash) {
  const n = normalize(hash, 'digest');
  return { name: n.name };
}

function bufferSource(v, name) {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], v);
}

// WebIDL's KeyFormat enum, checked first as Node's converters do.
function checkKeyFormat(format, method) {
  if (typeof format === 'string' && ['raw', 'spki', 'pkcs8', 'jwk'].includes(format)) return;
  let shown;
  try {
    shown = `${format}`;
  } catch {
    shown = Object.prototype.toString.call(format);
  }
  const e = new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': 1st argument value '${shown}' is not a valid enum value of type KeyFormat.`);
  e.code = 'ERR_INVALID_ARG_VALUE';
  throw e;
}

function requireMember(alg, dict, member) {
  if (alg[member] === undefined) throw missingOption(dict, member);
  return alg[member];
}

// --- usages ---
const kUsageSets = {
  sign: { private: ['sign'], public: ['verify'] },
  oaep: { private: ['decrypt', 'unwrapKey'], public: ['encrypt', 'wrapKey'] },
  agree: { private: ['deriveKey', 'deriveBits'], public: [] },
};
function usageSet(name) {
  if (name === 'RSA-OAEP') return kUsageSets.oaep;
  if (name === 'ECDH' || name === 'X25519' || name === 'X448') return kUsageSets.agree;
  if (name.startsWith('AES-')) return name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
  if (name === 'HMAC') return ['sign', 'verify'];
  if (name === 'HKDF' || name === 'PBKDF2') return ['deriveKey', 'deriveBits'];
  return kUsageSets.sign;
}
function keyKind(name, generating) {
  if (name.startsWith('AES-')) return 'an AES';
  if (name === 'HMAC') return 'an HMAC';
  if (name.startsWith('RSA')) return 'an RSA';
  if (name === 'ECDSA' || name === 'ECDH') return 'an EC';
  // Node's wording for the OKP algorithms: 'an Ed25519' when generating, 'a Ed25519' when
  // importing.
  return generating && ['Ed25519', 'X25519', 'Ed448', 'X448'].includes(name) ? `an ${name}` : `a ${name}`;
}
function checkUsages(name, usages, type, generating) {
  if (!Array.isArray(usages)) throw new ERR_INVALID_ARG_TYPE('keyUsages', 'Array', usages);
  const set = usageSet(name);
  const allowed = Array.isArray(set) ? set : type === undefined ? [...set.private, ...set.public] : set[type];
  for (const u of usages) {
    if (!allowed.includes(u)) throw syntaxError(`Unsupported key usage for ${keyKind(name, generating)} key`);
  }
  return [...new Set(usages)];
}
function pairUsages(name, usages) {
  const set = usageSet(name);
  checkUsages(name, usages, undefined, true);
  // Agreement keys list their usages in the set's order (deriveKey first), as Node does.
  const priv = set === kUsageSets.agree ? set.private.filter((u) => usages.includes(u)) : usages.filter((u) => set.private.includes(u));
  const pub = usages.filter((u) => set.public.includes(u));
  if (priv.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
  return [pub, priv];
}
// Node's messages: sign/verify name the operation, ciphers and wrapping do not, key
// derivation names the missing usage or the algorithm mismatch.
function useKey(key, name, usage) {
  if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  if (usage === 'deriveBits' || usage === 'deriveKey') {
    if (!key.usages.includes(usage)) throw invalidAccess(`baseKey does not have ${usage} usage`);
    if (key.algorithm.name !== name) throw invalidAccess('Key algorithm mismatch');
  } else if (key.algorithm.name !== name || !key.usages.includes(usage)) {
    if (usage === 'sign' || usage === 'verify') throw invalidAccess(`Unable to use this key to ${usage}`);
    throw invalidAccess('The requested operation is not valid for the provided key');
  }
  return key[kKeyObject];
}

// --- keys ---
function secretAlgorithm(name, alg, bits) {
  if (name === 'HMAC') return { name, hash: alg.hash, length: bits };
  if (name === 'HKDF' || name === 'PBKDF2') return { name };
  return { name, length: bits };
}
function rsaAlgorithm(name, keyObject, hash) {
  const d = keyObject.asymmetricKeyDetails;
  let e = d.publicExponent.toString(16);
  if (e.length % 2) e = `0${e}`;
  return { name, modulusLength: d.modulusLength, publicExponent: new Uint8Array(Buffer.from(e, 'hex')), hash };
}
function asymAlgorithm(name, keyObject, alg) {
  if (name.startsWith('RSA')) return rsaAlgorithm(name, keyObject, alg.hash);
  if (name === 'ECDSA' || name === 'ECDH') return { name, namedCurve: alg.namedCurve };
  return { name };
}

function checkAesLength(length) {
  if (![128, 192, 256].includes(length)) throw operationError('AES key length must be 128, 192, or 256 bits');
}

async function generateKey(algorithm, extractable, keyUsages) {
  missingArgs('generateKey', 3, arguments.length);
  const alg = normalize(algorithm, 'generateKey');
  const { name } = alg;
  extractable = !!extractable;
  if (name.startsWith('AES-')) {
    const length = requireMember(alg, 'AesKeyGenParams', 'length');
    const usages = checkUsages(name, keyUsages);
    checkAesLength(length);
    if (usages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    const ko = keys.createSecretKey(require('crypto').randomBytes(length / 8));
    return newCryptoKey(ko, { name, length }, extractable, usages);
  }
  if (name === 'HMAC') {
    const hash = requireMember(alg, 'HmacKeyGenParams', 'hash');
    const usages = checkUsages(name, keyUsages);
    const length = alg.length ?? kHashBlockBits[hash.name];
    if (length === 0) throw operationError('Zero-length key is not supported');
    if (usages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    const bytes = require('crypto').randomBytes(Math.ceil(length / 8));
    if (length % 8) bytes[bytes.length - 1] &= 0xff << (8 - (length % 8));
    return newCryptoKey(keys.createSecretKey(bytes), { name, length, hash }, extractable, usages);
  }
  const [pubUsages, privUsages] = pairUsages(name, keyUsages);
  let pair;
  if (name.startsWith('RSA')) {
    const modulusLength = requireMember(alg, 'RsaHashedKeyGenParams', 'modulusLength');
    const exp = requireMember(alg, 'RsaHashedKeyGenParams', 'publicExponent');
    requireMember(alg, 'RsaHashedKeyGenParams', 'hash');
    // WebIDL: modulusLength an [EnforceRange] unsigned long, publicExponent a BigInteger
    // (a Uint8Array, no other view).
    const bits = Number(typeof modulusLength === 'object' && modulusLength !== null ? NaN : modulusLength);
    if (!Number.isFinite(bits) || bits < 0 || bits > 2 ** 32 - 1) {
      throw new ERR_INVALID_ARG_TYPE('algorithm.modulusLength', 'number', modulusLength);
    }
    if (!(exp instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('algorithm.publicExponent', 'Uint8Array', exp);
    let publicExponent = 0;
    for (const b of exp) publicExponent = publicExponent * 256 + b;
    try {
      pair = keys.generateKeyPairSync('rsa', { modulusLength, publicExponent });
    } catch {
      throw operationError('Key generation failed');
    }
  } else if (name === 'ECDSA' || name === 'ECDH') {
    const namedCurve = requireMember(alg, 'EcKeyGenParams', 'namedCurve');
    if (kCurves[namedCurve] === undefined) throw notSupported('Unrecognized namedCurve');
    pair = keys.generateKeyPairSync('ec', { namedCurve: kCurves[namedCurve] });
  } else {
    pair = keys.generateKeyPairSync(name.toLowerCase());
  }
  // A CryptoKeyPair is a dictionary: a null-prototype object, as in Node. The RSA
  // algorithm keeps the publicExponent it was given, as Node's does.
  const algorithmOf = (key) => {
    const a = asymAlgorithm(name, key, alg);
    if (name.startsWith('RSA')) a.publicExponent = alg.publicExponent;
    return a;
  };
  return {
    __proto__: null,
    publicKey: newCryptoKey(pair.publicKey, algorithmOf(pair.publicKey), true, pubUsages),
    privateKey: newCryptoKey(pair.privateKey, algorithmOf(pair.privateKey), extractable, privUsages),
  };
}

function expectedKeyType(name) {
  if (name.startsWith('RSA')) return ['rsa'];
  if (name === 'ECDSA' || name === 'ECDH') return ['ec'];
  return [name.toLowerCase()];
}

async function importKey(format, keyData, algorithm, extractable, keyUsages) {
  missingArgs('importKey', 5, arguments.length);
  checkKeyFormat(format, 'importKey');
  if (format !== 'jwk') bufferSource(keyData, 'keyData');
  const alg = normalize(algorithm, 'importKey');
  const { name } = alg;
  extractable = !!extractable;
  if (!['raw', 'spki', 'pkcs8', 'jwk'].includes(format)) throw new ERR_INVALID_ARG_TYPE('format', ['raw', 'spki', 'pkcs8', 'jwk'], format);
  const secret = name.startsWith('AES-') || name === 'HMAC' || name === 'HKDF' || name === 'PBKDF2';
  if (secret) {
    const usages = checkUsages(name, keyUsages);
    let bytes;
    if (format === 'raw') {
      bytes = Buffer.from(bufferSource(keyData, 'keyData'));
    } else if (format === 'jwk') {
      if (keyData === null || typeof keyData !== 'object') throw dataError('Invalid keyData');
      if (keyData.kty !== 'oct') throw dataError('Invalid JWK "kty" Parameter');
      checkJwk(keyData, name, alg, keyUsages, extractable);
      bytes = Buffer.from(`${keyData.k}`, 'base64url');
    } else {
      throw notSupported(`Unable to import ${name} key with format ${format}`);
    }
    if (name === 'HKDF' || name === 'PBKDF2') {
      if (extractable) throw syntaxError(`${name} keys are not extractable`);
      if (format !== 'raw') throw notSupported(`Unable to import ${name} key with format ${format}`);
    }
    let length = bytes.length * 8;
    if (name.startsWith('AES-')) {
      if (![16, 24, 32].includes(bytes.length)) throw dataError('Invalid key length');
    } else if (name === 'HMAC') {
      requireMember(alg, 'HmacImportParams', 'hash');
      // A requested length of 0 is refused as a zero-length key too (Node's order).
      if (bytes.length === 0 || alg.length === 0) throw dataError('Zero-length key is not supported');
      if (alg.length !== undefined) {
        if (alg.length > length || alg.length <= length - 8) throw dataError('Invalid key length');
        length = alg.length;
      }
    }
    if (usages.length === 0 && !(name === 'HKDF' || name === 'PBKDF2')) throw syntaxError('Usages cannot be empty when importing a secret key.');
    return newCryptoKey(keys.createSecretKey(bytes), secretAlgorithm(name, alg, length), extractable, usages);
  }
  if ((name === 'ECDSA' || name === 'ECDH') && kCurves[requireMember(alg, 'EcKeyImportParams', 'namedCurve')] === undefined) throw notSupported('Unrecognized namedCurve');
  if (name.startsWith('RSA')) requireMember(alg, 'RsaHashedImportParams', 'hash');
  let ko;
  try {
    if (format === 'raw') {
      if (name.startsWith('RSA')) throw notSupported(`Unable to import ${name} key with format raw`);
      const type = name === 'ECDSA' || name === 'ECDH' ? kCurves[alg.namedCurve] : name.toLowerCase();
      const der = c.keyFromRaw(type, false, bufferSource(keyData, 'keyData'));
      if (der === undefined) throw dataError('Invalid keyData');
      ko = keys.createPublicKey({ key: toBuffer(der), format: 'der', type: 'spki' });
    } else if (format === 'spki') {
      ko = keys.createPublicKey({ key: Buffer.from(bufferSource(keyData, 'keyData')), format: 'der', type: 'spki' });
    } else if (format === 'pkcs8') {
      ko = keys.createPrivateKey({ key: Buffer.from(bufferSource(keyData, 'keyData')), format: 'der', type: 'pkcs8' });
    } else {
      if (keyData === null || typeof keyData !== 'object') throw dataError('Invalid keyData');
      checkJwk(keyData, name, alg, keyUsages, extractable);
      const jwk = { ...keyData };
      ko = jwk.d !== undefined ? keys.createPrivateKey({ key: jwk, format: 'jwk' }) : keys.createPublicKey({ key: jwk, format: 'jwk' });
    }
  } catch (e) {
    if (e instanceof Error && e.name !== 'Error' && e.name !== 'TypeError' && e.name !== 'RangeError') throw e;
    throw dataError(e.code === 'ERR_NOT_IMPLEMENTED' ? e.message : 'Invalid keyData');
  }
  if (!expectedKeyType(name).includes(ko.asymmetricKeyType)) throw dataError('Invalid key type');
  if ((name === 'ECDSA' || name === 'ECDH') && ko.asymmetricKeyDetails.namedCurve !== kCurves[alg.namedCurve]) throw dataError('Named curve mismatch');
  const usages = checkUsages(name, keyUsages, ko.type);
  if (ko.type === 'private' && usages.length === 0) throw syntaxError('Usages cannot be empty when importing a private key.');
  return newCryptoKey(ko, asymAlgorithm(name, ko, alg), ko.type === 'public' ? true && extractable : extractable, usages);
}

// The JWK members WebCrypto checks against the requested import (use, key_ops, ext,
// kty, crv, alg), with Node's messages.
function checkJwk(jwk, name, alg, usages, extractable) {
  const enc = name === 'ECDH' || name === 'X25519' || name === 'X448' || name === 'RSA-OAEP' || name.startsWith('AES-');
  if (jwk.use !== undefined && jwk.use !== (enc ? 'enc' : 'sig')) throw dataError('Invalid JWK "use" Parameter');
  if (jwk.key_ops !== undefined) {
    if (!Array.isArray(jwk.key_ops) || !usages.every((u) => jwk.key_ops.includes(u))) throw dataError('Key operations and usage mismatch');
  }
  if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
  const kty = name.startsWith('RSA') ? 'RSA' : name === 'ECDSA' || name === 'ECDH' ? 'EC' : ['Ed25519', 'X25519', 'Ed448', 'X448'].includes(name) ? 'OKP' : 'oct';
  if (jwk.kty !== kty) throw dataError('Invalid JWK "kty" Parameter');
  if (kty === 'EC' && jwk.crv !== alg.namedCurve) throw dataError('JWK "crv" does not match the requested algorithm');
  if (kty === 'OKP' && jwk.crv !== name) throw dataError('JWK "crv" Parameter and algorithm name mismatch');
  // Node 20 checks "alg" of ECDSA keys, and of RSA keys only the hash it names.
  const ecAlgs = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
  if (jwk.alg !== undefined && name === 'ECDSA' && jwk.alg !== ecAlgs[alg.namedCurve]) throw dataError('JWK "alg" does not match the requested algorithm');
  if (jwk.alg !== undefined && kty === 'RSA') {
    const bits = /(\d+)$/.exec(`${jwk.alg}`)?.[1];
    const hash = jwk.alg === 'RSA-OAEP' || bits === '1' ? 'SHA-1' : `SHA-${bits}`;
    if (hash !== alg.hash?.name) throw dataError('JWK "alg" does not match the requested algorithm');
  }
}

const kJwkAlg = {
  'RSASSA-PKCS1-v1_5': 'RS', 'RSA-PSS': 'PS', 'RSA-OAEP': 'RSA-OAEP',
};
function jwkAlg(key) {
  const a = key.algorithm;
  const bits = { 'SHA-1': '1', 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };
  if (a.name === 'HMAC') return `HS${bits[a.hash.name]}`;
  if (a.name.startsWith('AES-')) return `A${a.length}${a.name.slice(4)}`;
  if (a.name === 'RSA-OAEP') return a.hash.name === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${bits[a.hash.name]}`;
  if (kJwkAlg[a.name]) return `${kJwkAlg[a.name]}${bits[a.hash.name]}`;
  if (a.name === 'Ed25519' || a.name === 'Ed448') return a.name;
  return undefined;
}

async function exportKey(format, key) {
  missingArgs('exportKey', 2, arguments.length);
  checkKeyFormat(format, 'exportKey');
  if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  // Node's name for this error.
  if (!key.extractable) throw domError('InvalidAccessException', 'key is not extractable');
  const ko = key[kKeyObject];
  const name = key.algorithm.name;
  if (format === 'raw') {
    if (ko.type === 'secret') return toArrayBuffer(ko.export());
    if (ko.type === 'public' && !name.startsWith('RSA')) return toArrayBuffer(toBuffer(c.keyExport('raw', ko.export({ type: 'spki', format: 'der' }), false)));
    throw invalidAccess(`Unable to export a raw ${name} ${ko.type} key`);
  }
  if (format === 'spki' || format === 'pkcs8') {
    if (ko.type !== (format === 'spki' ? 'public' : 'private')) throw invalidAccess(`Unable to export ${name} ${ko.type} key using ${format} format`);
    return toArrayBuffer(ko.export({ type: format, format: 'der' }));
  }
  if (format === 'jwk') {
    const jwk = { key_ops: key.usages, ext: true };
    if (ko.type === 'secret') {
      jwk.kty = 'oct';
      jwk.k = ko.export().toString('base64url');
    } else {
      Object.assign(jwk, ko.export({ format: 'jwk' }));
    }
    const alg = jwkAlg(key);
    if (alg !== undefined) jwk.alg = alg;
    return jwk;
  }
  throw new ERR_INVALID_ARG_TYPE('format', ['raw', 'spki', 'pkcs8', 'jwk'], format);
}

// --- sign / verify ---
// Ed448 signs without a context only (as Node 20: contexts are not supported yet).
function checkEd448Context(alg) {
  if (alg.name !== 'Ed448' || alg.context === undefined) return;
  const context = bufferSource(alg.context, 'algorithm.context');
  if (context.byteLength !== 0) throw notSupported('Non zero-length context is not yet supported.');
}

function signParams(alg, key) {
  const { name } = alg;
  if (name === 'ECDSA') return { digest: kHashes[requireMember(alg, 'EcdsaParams', 'hash').name], options: { dsaEncoding: 'ieee-p1363' } };
  if (name === 'RSA-PSS') {
    const saltLength = requireMember(alg, 'RsaPssParams', 'saltLength');
    const max = Math.ceil((key.algorithm.modulusLength - 1) / 8) - kHashBits[key.algorithm.hash.name] / 8 - 2;
    if (saltLength > max) {
      const { codes: { ERR_OUT_OF_RANGE } } = require('internal/errors');
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('The operation failed for an operation-specific reason', { name: 'OperationError', cause: new ERR_OUT_OF_RANGE('algorithm.saltLength', `>= 0 && <= ${max}`, saltLength) });
    }
    return { digest: kHashes[key.algorithm.hash.name], options: { padding: 6, saltLength } };
  }
  if (name === 'RSASSA-PKCS1-v1_5') return { digest: kHashes[key.algorithm.hash.name], options: { padding: 1 } };
  return { digest: undefined, options: {} };
}

async function sign(algorithm, key, data) {
  missingArgs('sign', 3, arguments.length);
  const alg = normalize(algorithm, 'sign');
  data = bufferSource(data, 'data');
  const ko = useKey(key, alg.name, 'sign');
  if (alg.name === 'HMAC') return toArrayBuffer(require('crypto').createHmac(kHashes[key.algorithm.hash.name], ko).update(data).digest());
  checkEd448Context(alg);
  const { digest, options } = signParams(alg, key);
  return toArrayBuffer(keys.signBytes(digest, data, { key: ko, ...options }));
}

async function verify(algorithm, key, signature, data) {
  missingArgs('verify', 4, arguments.length);
  const alg = normalize(algorithm, 'verify');
  signature = bufferSource(signature, 'signature');
  data = bufferSource(data, 'data');
  const ko = useKey(key, alg.name, 'verify');
  if (alg.name === 'HMAC') {
    const mac = require('crypto').createHmac(kHashes[key.algorithm.hash.name], ko).update(data).digest();
    return mac.length === signature.length && c.timingSafeEqual(mac, signature);
  }
  checkEd448Context(alg);
  const { digest, options } = signParams(alg, key);
  return keys.verifyBytes(digest, data, { key: ko, ...options }, signature);
}

// --- encrypt / decrypt ---
function aesCipher(alg, key, decrypt) {
  const bits = key.algorithm.length;
  const crypto = require('crypto');
  const mode = alg.name.slice(4).toLowerCase();
  const ko = key[kKeyObject];
  if (mode === 'gcm') {
    const iv = bufferSource(requireMember(alg, 'AesGcmParams', 'iv'), 'algorithm.iv');
    const tagLength = alg.tagLength ?? 128;
    if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) throw operationError(`${tagLength} is not a valid AES-GCM tag length`);
    if (iv.length === 0) throw operationError('Invalid initialization vector length');
    const opts = { authTagLength: tagLength / 8 };
    const cipher = decrypt ? crypto.createDecipheriv(`aes-${bits}-gcm`, ko, iv, opts) : crypto.createCipheriv(`aes-${bits}-gcm`, ko, iv, opts);
    if (alg.additionalData !== undefined) cipher.setAAD(bufferSource(alg.additionalData, 'algorithm.additionalData'));
    return { cipher, tagBytes: tagLength / 8 };
  }
  if (mode === 'cbc') {
    const iv = bufferSource(requireMember(alg, 'AesCbcParams', 'iv'), 'algorithm.iv');
    if (iv.length !== 16) throw operationError('algorithm.iv must contain exactly 16 bytes');
    return { cipher: decrypt ? crypto.createDecipheriv(`aes-${bits}-cbc`, ko, iv) : crypto.createCipheriv(`aes-${bits}-cbc`, ko, iv) };
  }
  const counter = bufferSource(requireMember(alg, 'AesCtrParams', 'counter'), 'algorithm.counter');
  const length = requireMember(alg, 'AesCtrParams', 'length');
  if (counter.length !== 16) throw operationError('algorithm.counter must contain exactly 16 bytes');
  if (length === 0 || length > 128) throw operationError('AES-CTR algorithm.length must be between 1 and 128');
  return { cipher: decrypt ? crypto.createDecipheriv(`aes-${bits}-ctr`, ko, counter) : crypto.createCipheriv(`aes-${bits}-ctr`, ko, counter) };
}

function cipherOp(alg, key, data, decrypt) {
  if (alg.name === 'RSA-OAEP') {
    const ko = key[kKeyObject];
    const opts = { key: ko, padding: 4, oaepHash: kHashes[key.algorithm.hash.name] };
    if (alg.label !== undefined) opts.oaepLabel = bufferSource(alg.label, 'algorithm.label');
    try {
      return toArrayBuffer(decrypt ? keys.privateDecrypt(opts, data) : keys.publicEncrypt(opts, data));
    } catch (e) {
      if (e.code === 'ERR_NOT_IMPLEMENTED') throw e;
      throw operationError();
    }
  }
  const { cipher, tagBytes } = aesCipher(alg, key, decrypt);
  try {
    if (decrypt && tagBytes !== undefined) {
      if (data.length < tagBytes) throw operationError('The provided data is too small.');
      cipher.setAuthTag(data.subarray(data.length - tagBytes));
      data = data.subarray(0, data.length - tagBytes);
    }
    const out = Buffer.concat([cipher.update(data), cipher.final()]);
    if (!decrypt && tagBytes !== undefined) return toArrayBuffer(Buffer.concat([out, cipher.getAuthTag()]));
    return toArrayBuffer(out);
  } catch (e) {
    if (e instanceof Error && e.name === 'OperationError') throw e;
    throw operationError();
  }
}

async function encrypt(algorithm, key, data) {
  missingArgs('encrypt', 3, arguments.length);
  const alg = normalize(algorithm, 'encrypt');
  data = bufferSource(data, 'data');
  useKey(key, alg.name, 'encrypt');
  return cipherOp(alg, key, data, false);
}

async function decrypt(algorithm, key, data) {
  missingArgs('decrypt', 3, arguments.length);
  const alg = normalize(algorithm, 'decrypt');
  data = bufferSource(data, 'data');
  useKey(key, alg.name, 'decrypt');
  return cipherOp(alg, key, data, true);
}

// --- derivation ---
function deriveBitsSync(alg, baseKey, length, usage) {
  const ko = useKey(baseKey, alg.name, usage);
  const crypto = require('crypto');
  if (alg.name === 'ECDH' || alg.name === 'X25519' || alg.name === 'X448') {
    const pub = requireMember(alg, alg.name === 'ECDH' ? 'EcdhKeyDeriveParams' : 'EcdhKeyDeriveParams', 'public');
    if (!isCryptoKey(pub)) throw new ERR_INVALID_ARG_TYPE('algorithm.public', 'CryptoKey', pub);
    if (pub.type !== 'public') throw invalidAccess('algorithm.public must be a public key');
    if (!['ECDH', 'X25519', 'X448'].includes(pub.algorithm.name)) throw invalidAccess('Keys must be ECDH, X25519, or X448 keys');
    if (pub.algorithm.name !== baseKey.algorithm.name) throw invalidAccess('The public and private keys must be of the same type');
    if (alg.name === 'ECDH' && pub.algorithm.namedCurve !== baseKey.algorithm.namedCurve) throw invalidAccess('Named curve mismatch');
    let secret;
    try {
      secret = keys.diffieHellman({ privateKey: ko, publicKey: pub[kKeyObject] });
    } catch {
      throw operationError();
    }
    if (length === null || length === undefined) return toArrayBuffer(secret);
    // Node's wording.
    if (length > secret.length * 8) throw operationError('derived bit length is too small');
    // Node 20 returns whole bytes, the last one not masked to the bit length.
    return toArrayBuffer(Buffer.from(secret.subarray(0, Math.ceil(length / 8))));
  }
  if (length === null || length === undefined) throw operationError('length cannot be null');
  if (length % 8) throw operationError('length must be a multiple of 8');
  const hash = kHashes[requireMember(alg, alg.name === 'HKDF' ? 'HkdfParams' : 'Pbkdf2Params', 'hash').name];
  const salt = bufferSource(requireMember(alg, alg.name === 'HKDF' ? 'HkdfParams' : 'Pbkdf2Params', 'salt'), 'algorithm.salt');
  if (alg.name === 'HKDF') {
    const info = bufferSource(requireMember(alg, 'HkdfParams', 'info'), 'algorithm.info');
    if (length === 0) throw operationError('length cannot be zero');
    try {
      return crypto.hkdfSync(hash, ko, salt, info, length / 8);
    } catch {
      throw operationError();
    }
  }
  const iterations = requireMember(alg, 'Pbkdf2Params', 'iterations');
  if (iterations === 0) throw operationError('iterations cannot be zero');
  if (length === 0) return new ArrayBuffer(0);
  return toArrayBuffer(crypto.pbkdf2Sync(ko.export(), salt, iterations, length / 8, hash));
}

async function deriveBits(algorithm, baseKey, length) {
  missingArgs('deriveBits', 2, arguments.length);
  const alg = normalize(algorithm, 'deriveBits');
  return deriveBitsSync(alg, baseKey, length, 'deriveBits');
}

function derivedLength(alg) {
  if (alg.name.startsWith('AES-')) {
    checkAesLength(requireMember(alg, 'AesDerivedKeyParams', 'length'));
    return alg.length;
  }
  if (alg.name === 'HMAC') return alg.length ?? kHashBlockBits[requireMember(alg, 'HmacImportParams', 'hash').name];
  return null;
}

async function deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
  missingArgs('deriveKey', 5, arguments.length);
  const alg = normalize(algorithm, 'deriveBits');
  const target = normalize(derivedKeyAlgorithm, 'importKey');
  const length = derivedLength(target);
  const bits = deriveBitsSync(alg, baseKey, length, 'deriveKey');
  return importKey('raw', bits, derivedKeyAlgorithm, extractable, keyUsages);
}

// --- wrapping ---
async function wrapKey(format, key, wrappingKey, wrapAlgorithm) {
  missingArgs('wrapKey', 4, arguments.length);
  const alg = normalize(wrapAlgorithm, 'wrapKey');
  const ko = useKey(wrappingKey, alg.name, 'wrapKey');
  const exported = await exportKey(format, key);
  let bytes = format === 'jwk' ? Buffer.from(JSON.stringify(exported)) : Buffer.from(exported);
  if (alg.name === 'AES-KW') {
    if (bytes.length % 8) {
      if (format !== 'jwk') throw operationError();
      bytes = Buffer.concat([bytes, Buffer.alloc(8 - (bytes.length % 8), 0x20)]);
    }
    const out = c.aesKw(true, ko.export(), bytes);
    if (out === undefined) throw operationError();
    return toArrayBuffer(toBuffer(out));
  }
  return cipherOp(alg, wrappingKey, new Uint8Array(bytes), false);
}

async function unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
  missingArgs('unwrapKey', 7, arguments.length);
  const alg = normalize(unwrapAlgorithm, 'unwrapKey');
  const ko = useKey(unwrappingKey, alg.name, 'unwrapKey');
  const data = bufferSource(wrappedKey, 'wrappedKey');
  let bytes;
  if (alg.name === 'AES-KW') {
    const out = c.aesKw(false, ko.export(), data);
    if (out === undefined) throw operationError();
    bytes = toBuffer(out);
  } else {
    bytes = Buffer.from(cipherOp(alg, unwrappingKey, data, true));
  }
  let keyData = bytes;
  if (format === 'jwk') {
    try {
      keyData = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw dataError('Invalid wrapped JWK key');
    }
  }
  return importKey(format, keyData, unwrappedKeyAlgorithm, extractable, keyUsages);
}

async function digest(algorithm, data) {
  missingArgs('digest', 2, arguments.length);
  const alg = normalize(algorithm, 'digest');
  data = bufferSource(data, 'data');
  const out = c.hash(kHashes[alg.name], [data]);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
}

class SubtleCrypto {
  constructor() {
    const e = new TypeError('Illegal constructor');
    e.code = 'ERR_ILLEGAL_CONSTRUCTOR';
    throw e;
  }
}
// The brand of the real SubtleCrypto object: methods called on anything else reject
// with ERR_INVALID_THIS (WebIDL's check), even on objects inheriting the prototype.
const kSubtleBrand = Symbol('kSubtleBrand');
const methods = { encrypt, decrypt, sign, verify, digest, generateKey, deriveKey, deriveBits, importKey, exportKey, wrapKey, unwrapKey };
for (const [n, f] of Object.entries(methods)) {
  const method = {
    [n](...args) {
      if (this === null || typeof this !== 'object' || !Object.prototype.hasOwnProperty.call(this, kSubtleBrand)) {
        return Promise.reject(new (require('internal/errors').codes.ERR_INVALID_THIS)('SubtleCrypto'));
      }
      return f.apply(this, args);
    },
  }[n];
  Object.defineProperty(SubtleCrypto.prototype, n, { value: method, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
const subtle = Object.create(SubtleCrypto.prototype);
Object.defineProperty(subtle, kSubtleBrand, { value: true });

// KeyObject.from(cryptoKey) support: the KeyObject inside.
function keyObjectOf(key) {
  if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  return key[kKeyObject];
}

module.exports = { subtle, SubtleCrypto, CryptoKey, keyObjectOf, normalizeAlgorithm: normalize };
