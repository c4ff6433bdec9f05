'use strict';
// KeyObject, createSecretKey/createPrivateKey/createPublicKey (PEM, DER, JWK, encrypted
// PKCS#8), generateKeyPair(Sync), sign/verify and createSign/createVerify (RSA PKCS#1
// v1.5 and PSS, RSA-PSS keys, ECDSA on P-256/P-384/P-521/secp256k1, Ed25519, Ed448,
// DSA), diffieHellman() (ECDH, X25519, X448, DH) and the four RSA encryption functions. A KeyObject
// holds its key as DER bytes (PKCS#8 private, SPKI public, raw secret) in the JS heap;
// crates/runtime/src/bindings/crypto/keys.rs parses them at each use, so keys survive a
// snapshot as plain data. What amber does not support (DSA sizes outside FIPS 186-4's
// list) throws ERR_NOT_IMPLEMENTED naming it.

const c = binding.crypto;
const { Writable } = require('stream');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_CRYPTO_INVALID_DIGEST, ERR_OUT_OF_RANGE },
  validateString, validateFunction, validateObject, validateInteger, validateUint32,
} = require('internal/errors');
const { ERR_MISSING_OPTION } = require('internal/errors').codes;
const validateInt32 = (v, name, min = -(2 ** 31)) => validateInteger(v, name, min, 2 ** 31 - 1);
const ERR_INCOMPATIBLE_OPTION_PAIR = function (a, b) {
  const e = new TypeError(`Option "${a}" cannot be used in combination with option "${b}"`);
  e.code = 'ERR_INCOMPATIBLE_OPTION_PAIR';
  return e;
};
const { normalizeAlg, getArrayBufferOrView, callable } = require('internal/crypto/util');

const kKey = Symbol('kKeyData');
const kKeyType = Symbol('kKeyType');
// The key material is a hidden property (inspect and assert show only the type, as
// Node's handle is); the type is a visible one.
function setKeyData(key, data) {
  key[kKeyType] = data.type;
  Object.defineProperty(key, kKey, { __proto__: null, value: data, writable: true, configurable: true, enumerable: false });
}
const jsTransferable = () => require('internal/worker/js_transferable');
const kKeyClassNames = { secret: 'SecretKeyObject', public: 'PublicKeyObject', private: 'PrivateKeyObject' };
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

// The error OpenSSL reports for DER that is not the key asked for. PKCS#1 and SEC1 go
// through its decoder ('unsupported'); PKCS#8 and SPKI through d2i, which reads the
// outer header first (truncated; longer than the input: 'not enough data' where
// OpenSSL reads from a BIO, the plain PKCS#8 path, else 'too long'), then its tag,
// then the fields.
function derError(der, type, fromBio) {
  if (type === 'pkcs1' || type === 'sec1') return unsupported();
  const asn1 = (code, reason) => osslError(code, 'asn1 encoding routines', reason);
  if (der.length < 2) return asn1('0680007B', 'header too long');
  let len = der[1];
  let at = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || der.length < 2 + n) return asn1('0680007B', 'header too long');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
    at = 2 + n;
  }
  if (len > der.length - at) return fromBio && len - (der.length - at) <= 0x7fffffff ? asn1('0680008E', 'not enough data') : asn1('0680009B', 'too long');
  if (der[0] === 0x10) return asn1('06800095', 'sequence not constructed');
  if (der[0] !== 0x30) return asn1('068000A8', 'wrong tag');
  // A SEQUENCE that ends after its version INTEGER (or before it) misses fields.
  if (len === 0 || (type === 'pkcs8' && der[at] === 0x02 && at + 2 + der[at + 1] === at + len)) return asn1('06800079', 'field missing');
  return asn1('068000A8', 'wrong tag');
}

function unsupported() {
  const e = new Error('error:1E08010C:DECODER routines::unsupported');
  e.library = 'DECODER routines';
  e.reason = 'unsupported';
  e.code = 'ERR_OSSL_UNSUPPORTED';
  return e;
}

class KeyObject {
  constructor(type, data) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw new ERR_INVALID_ARG_VALUE('type', type);
    if (typeof data !== 'object' || data === null) throw new ERR_INVALID_ARG_TYPE('handle', 'object', data);
    setKeyData(this, data);
    // Cloneable through postMessage/structuredClone: the key's material is plain heap
    // data, copied as it is and given the class of its type in the receiving realm.
    jsTransferable().markTransferMode(this, true, false);
  }
  [jsTransferable().kClone]() {
    const d = this[kKey];
    return { data: d, deserializeInfo: `internal/crypto/keys:${kKeyClassNames[d.type]}` };
  }
  [jsTransferable().kDeserialize](data) {
    setKeyData(this, data);
    jsTransferable().markTransferMode(this, true, false);
  }
  // The KeyObject inside a WebCrypto CryptoKey.
  static from(key) {
    if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return key[require('internal/crypto/webcrypto_keys').kKeyObject];
  }
  get type() { return this[kKey].type; }
  equals(other) {
    if (!(other instanceof KeyObject)) throw new ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', other);
    const a = this[kKey];
    const b = other[kKey];
    if (a.type !== b.type) return false;
    const x = a.type === 'secret' ? a.bytes : a.type === 'private' ? a.pkcs8 : a.spki;
    const y = b.type === 'secret' ? b.bytes : b.type === 'private' ? b.pkcs8 : b.spki;
    return x.length === y.length && c.timingSafeEqual(x, y);
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: 'KeyObject', configurable: true });

class SecretKeyObject extends KeyObject {
  get symmetricKeySize() { return this[kKey].bytes.length; }
  export(options) {
    if (options !== undefined) validateObject(options, 'options');
    if (options?.format === 'jwk') return { kty: 'oct', k: Buffer.from(this[kKey].bytes).toString('base64url') };
    if (options?.format !== undefined && options.format !== 'buffer') throw new ERR_INVALID_ARG_VALUE('options.format', options.format);
    return Buffer.from(this[kKey].bytes);
  }
}

function pem(label, der) {
  const b64 = toBuffer(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() { return this[kKey].keyType; }
  get asymmetricKeyDetails() {
    const d = this[kKey];
    if (d.keyType === 'rsa' || d.keyType === 'rsa-pss') {
      const out = { modulusLength: d.bits, publicExponent: BigInt(`0x${toBuffer(d.exponent).toString('hex') || '0'}`) };
      if (d.pss) Object.assign(out, { hashAlgorithm: d.pss[0], mgf1HashAlgorithm: d.pss[1], saltLength: d.pss[2] });
      return out;
    }
    if (d.keyType === 'ec') return { namedCurve: d.curve };
    if (d.keyType === 'dsa') return { modulusLength: d.bits, divisorLength: d.divisorBits };
    return {};
  }
}


// --- JWK (RFC 7517/7518/8037) for RSA, EC (P-256, P-384, P-521, secp256k1) and OKP
// (Ed25519, X25519, Ed448, X448). EC and OKP keys go through their raw bytes (keyExport 'raw',
// keyFromRaw); RSA through a minimal PKCS#1 DER reader/writer. ---
const b64u = (u8) => toBuffer(u8).toString('base64url');
const fromB64u = (s, name) => {
  if (typeof s !== 'string') throw new ERR_INVALID_ARG_TYPE(`key.${name}`, 'string', s);
  return Buffer.from(s, 'base64url');
};
function derLength(n) {
  if (n < 0x80) return [n];
  const bytes = [];
  for (; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
const derTlv = (tag, body) => Buffer.concat([Buffer.from([tag, ...derLength(body.length)]), body]);
function derInt(u8) {
  let i = 0;
  while (i < u8.length - 1 && u8[i] === 0) i++;
  let b = Buffer.from(u8.subarray(i));
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return derTlv(0x02, b);
}
// The INTEGERs of a DER SEQUENCE (a PKCS#1 key), as unsigned big-endian bytes.
function derInts(der) {
  const b = toBuffer(der);
  const readLen = (pos) => {
    const first = b[pos];
    if (first < 0x80) return [first, pos + 1];
    let n = 0;
    for (let i = 1; i <= (first & 0x7f); i++) n = n * 256 + b[pos + i];
    return [n, pos + 1 + (first & 0x7f)];
  };
  let [, pos] = readLen(1);
  const out = [];
  while (pos < b.length) {
    const [len, start] = readLen(pos + 1);
    let v = b.subarray(start, start + len);
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    out.push(v);
    pos = start + len;
  }
  return out;
}
const jwkCurves = { prime256v1: 'P-256', secp256k1: 'secp256k1', secp384r1: 'P-384', secp521r1: 'P-521' };
const jwkCurveNames = { 'P-256': 'prime256v1', secp256k1: 'secp256k1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const curveSizes = { prime256v1: 32, secp256k1: 32, secp384r1: 48, secp521r1: 66, secp224r1: 28 };

function jwkUnsupported() {
  const e = new Error('Unsupported JWK Key Type.');
  e.code = 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE';
  return e;
}
function invalidJwk(what = 'data') {
  const e = new TypeError(`Invalid JWK ${what}`);
  e.code = 'ERR_CRYPTO_INVALID_JWK';
  return e;
}

const kOkpCurves = { ed25519: 'Ed25519', x25519: 'X25519', ed448: 'Ed448', x448: 'X448' };
function exportJwk(d, isPrivate) {
  const der = isPrivate ? d.pkcs8 : d.spki;
  if (kOkpCurves[d.keyType] !== undefined) {
    const jwk = { crv: kOkpCurves[d.keyType] };
    if (isPrivate) jwk.d = b64u(c.keyExport('raw', d.pkcs8, true));
    jwk.x = b64u(c.keyExport('raw', d.spki, false));
    jwk.kty = 'OKP';
    return jwk;
  }
  if (d.keyType === 'ec') {
    // JWK (RFC 7518) names only these curves.
    if (jwkCurves[d.curve] === undefined) {
      const e = new Error(`Unsupported JWK EC curve: ${d.curve}.`);
      e.code = 'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE';
      throw e;
    }
    const point = c.keyExport('raw', d.spki, false);
    const n = (point.length - 1) / 2;
    const jwk = { kty: 'EC', x: b64u(point.subarray(1, 1 + n)), y: b64u(point.subarray(1 + n)), crv: jwkCurves[d.curve] };
    if (isPrivate) jwk.d = b64u(c.keyExport('raw', d.pkcs8, true));
    return jwk;
  }
  if (d.keyType !== 'rsa') throw jwkUnsupported();
  const ints = derInts(c.keyExport('pkcs1', der, isPrivate));
  if (!isPrivate) return { kty: 'RSA', n: b64u(ints[0]), e: b64u(ints[1]) };
  const [, n, e, dd, p, q, dp, dq, qi] = ints;
  return { kty: 'RSA', n: b64u(n), e: b64u(e), d: b64u(dd), p: b64u(p), q: b64u(q), dp: b64u(dp), dq: b64u(dq), qi: b64u(qi) };
}

// Returns [format, der, isPrivate] for keyParse.
function importJwk(jwk, wantPrivate) {
  validateObject(jwk, 'key.key');
  const isPrivate = wantPrivate && jwk.d !== undefined;
  const raw = (type, bytes) => {
    const der = c.keyFromRaw(type, isPrivate, bytes);
    if (der === undefined) throw invalidJwk(jwk.kty === 'EC' ? 'EC key' : 'data');
    return [isPrivate ? 'pkcs8' : 'spki', der, isPrivate];
  };
  if (jwk.kty === 'OKP') {
    validateString(jwk.crv, 'key.crv');
    if (!Object.values(kOkpCurves).includes(jwk.crv)) throw new ERR_INVALID_ARG_VALUE('key.crv', jwk.crv, "must be one of: 'Ed25519', 'Ed448', 'X25519', 'X448'");
    const type = jwk.crv.toLowerCase();
    const bytes = isPrivate ? fromB64u(jwk.d, 'd') : fromB64u(jwk.x, 'x');
    return raw(type, bytes);
  }
  if (jwk.kty === 'EC') {
    validateString(jwk.crv, 'key.crv');
    const curve = jwkCurveNames[jwk.crv];
    if (curve === undefined) throw new ERR_INVALID_ARG_VALUE('key.crv', jwk.crv, "must be one of: 'P-256', 'secp256k1', 'P-384', 'P-521'");
    if (isPrivate) return raw(curve, fromB64u(jwk.d, 'd'));
    const x = fromB64u(jwk.x, 'x');
    const y = fromB64u(jwk.y, 'y');
    if (x.length !== curveSizes[curve] || y.length !== curveSizes[curve]) throw invalidJwk('EC key');
    return raw(curve, Buffer.concat([Buffer.from([4]), x, y]));
  }
  if (jwk.kty === 'RSA') {
    const names = isPrivate ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['n', 'e'];
    const ints = names.map((k) => derInt(fromB64u(jwk[k], k)));
    if (isPrivate) ints.unshift(derInt(Buffer.from([0])));
    return ['pkcs1', derTlv(0x30, Buffer.concat(ints)), isPrivate];
  }
  validateString(jwk.kty, 'key.kty');
  throw new ERR_INVALID_ARG_VALUE('key.kty', jwk.kty, "must be one of: 'RSA', 'EC', 'OKP'");
}

// OpenSSL 3's error shape as Node reports it: the code names the library's prefix.
const kOsslPrefixes = { 'asn1 encoding routines': 'ASN1_', 'common libcrypto routines': 'CRYPTO_', 'rsa routines': 'RSA_', 'digital envelope routines': 'EVP_', 'PEM routines': 'PEM_', 'Diffie-Hellman routines': 'DH_' };
function osslError(code, lib, reason, Base = Error) {
  const e = new Base(`error:${code}:${lib}::${reason}`);
  e.library = lib;
  e.reason = reason;
  e.code = `ERR_OSSL_${kOsslPrefixes[lib] ?? ''}${reason.toUpperCase().replace(/ /g, '_')}`;
  return e;
}

// Private key export with `cipher` and `passphrase`: PKCS#8 as PBES2 (OpenSSL's
// `ENCRYPTED PRIVATE KEY`) with AES-128/256-CBC.
const kPkcs8Ciphers = ['aes-128-cbc', 'aes-256-cbc', 'aes128', 'aes256'];
function encryptionOptions(options, isPrivate) {
  const { cipher, passphrase } = options;
  if (cipher === undefined) {
    if (passphrase !== undefined && isPrivate) throw new ERR_INVALID_ARG_VALUE('options.cipher', cipher);
    return undefined;
  }
  // Node ignores a cipher for public keys.
  if (!isPrivate) return undefined;
  validateString(cipher, 'options.cipher');
  if (passphrase === undefined) throw new ERR_INVALID_ARG_VALUE('options.passphrase', passphrase);
  const known = require('internal/crypto/cipher').getCiphers();
  if (!known.includes(cipher.toLowerCase())) {
    const e = new Error('Unknown cipher');
    e.code = 'ERR_CRYPTO_UNKNOWN_CIPHER';
    throw e;
  }
  return { cipher: cipher.toLowerCase(), passphrase: getArrayBufferOrView(passphrase, 'options.passphrase') };
}

function exportAsymmetric(d, options, isPrivate) {
  validateObject(options, 'options');
  const { format, type } = options;
  if (format === 'jwk') {
    if (options.passphrase !== undefined) {
      const e = new Error('The selected key encoding jwk does not support encryption.');
      e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS';
      throw e;
    }
    return exportJwk(d, isPrivate);
  }
  if (format !== 'pem' && format !== 'der') throw new ERR_INVALID_ARG_VALUE('options.format', format);
  const enc = encryptionOptions(options, isPrivate);
  const wanted = isPrivate ? 'pkcs8' : 'spki';
  if (type === wanted) {
    let der = isPrivate ? d.pkcs8 : d.spki;
    if (enc) {
      if (!kPkcs8Ciphers.includes(enc.cipher)) throw new ERR_NOT_IMPLEMENTED(`encrypted PKCS#8 with ${enc.cipher} (amber has AES-128-CBC and AES-256-CBC)`);
      der = c.pkcs8Encrypt(der, enc.cipher, enc.passphrase);
      return format === 'pem' ? pem('ENCRYPTED PRIVATE KEY', der) : toBuffer(der);
    }
    return format === 'pem' ? pem(isPrivate ? 'PRIVATE KEY' : 'PUBLIC KEY', der) : Buffer.from(der);
  }
  // PKCS#1 (RSA) and SEC1 (EC): Node's errors for a key type without that form.
  const fits = type === 'pkcs1' ? d.keyType === 'rsa' : type === 'sec1' && isPrivate && d.keyType === 'ec';
  if (!fits) {
    if (type === 'pkcs1' || type === 'sec1') {
      const e = new Error(`The selected key encoding ${type} can only be used for ${type === 'pkcs1' ? 'RSA' : 'EC'} keys.`);
      e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS';
      throw e;
    }
    throw new ERR_INVALID_ARG_VALUE('options.type', type);
  }
  if (enc && format === 'der') {
    const e = new Error(`The selected key encoding ${type} does not support encryption.`);
    e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS';
    throw e;
  }
  const der = c.keyExport(type, isPrivate ? d.pkcs8 : d.spki, isPrivate);
  const label = `${type === 'pkcs1' ? 'RSA' : 'EC'} ${isPrivate ? 'PRIVATE' : 'PUBLIC'} KEY`;
  if (enc) return legacyPemEncrypt(label, der, enc.cipher, enc.passphrase);
  return format === 'pem' ? pem(label, der) : toBuffer(der);
}

class PublicKeyObject extends AsymmetricKeyObject {
  export(options) { return exportAsymmetric(this[kKey], options, false); }
}
class PrivateKeyObject extends AsymmetricKeyObject {
  export(options) { return exportAsymmetric(this[kKey], options, true); }
}

function fromParsed(parsed, isPrivate) {
  if (typeof parsed === 'string') {
    if (parsed === 'ec curve') throw new ERR_NOT_IMPLEMENTED('EC keys on curves other than prime256v1, secp256k1, secp224r1, secp384r1 and secp521r1');
    throw new ERR_NOT_IMPLEMENTED(`${parsed} keys`);
  }
  const [keyType, pkcs8, spki, bits, exponent, curve, pss, divisorBits] = parsed;
  const data = { type: isPrivate ? 'private' : 'public', keyType, pkcs8, spki, bits, exponent, curve, pss, divisorBits };
  return isPrivate ? new PrivateKeyObject('private', data) : new PublicKeyObject('public', data);
}

const pemLabels = {
  'PRIVATE KEY': ['pkcs8', true], 'RSA PRIVATE KEY': ['pkcs1', true], 'EC PRIVATE KEY': ['sec1', true], 'DSA PRIVATE KEY': ['dsa', true],
  'PUBLIC KEY': ['spki', false], 'RSA PUBLIC KEY': ['pkcs1', false], 'ENCRYPTED PRIVATE KEY': ['encrypted', true],
  CERTIFICATE: ['certificate', false],
};

// OpenSSL's traditional PEM encryption ("Proc-Type: 4,ENCRYPTED", RFC 1421 headers) of
// PKCS#1 and SEC1 keys: the key is EVP_BytesToKey(MD5, passphrase, first 8 IV bytes),
// the cipher one of the CBC ciphers amber has.
const kLegacyPemCiphers = { 'AES-128-CBC': 16, 'AES-192-CBC': 24, 'AES-256-CBC': 32 };
function legacyPemKey(passphrase, salt, keyLen) {
  const parts = [];
  let prev = Buffer.alloc(0);
  let total = 0;
  while (total < keyLen) {
    prev = require('crypto').createHash('md5').update(prev).update(passphrase).update(salt).digest();
    parts.push(prev);
    total += prev.length;
  }
  return Buffer.concat(parts).subarray(0, keyLen);
}
function legacyPemDecrypt(body, passphrase) {
  const m = /DEK-Info:\s*([A-Z0-9-]+),([0-9A-Fa-f]+)/.exec(body);
  if (m === null || kLegacyPemCiphers[m[1]] === undefined) throw new ERR_NOT_IMPLEMENTED(`legacy encrypted PEM with ${m?.[1] ?? 'an unknown cipher'}`);
  if (passphrase === undefined || passphrase === null) throw osslError('07880109', 'common libcrypto routines', 'interrupted or cancelled');
  const iv = Buffer.from(m[2], 'hex');
  const data = Buffer.from(body.slice(body.indexOf('\n', m.index) + 1).replace(/\s+/g, ''), 'base64');
  const key = legacyPemKey(toBuffer(getArrayBufferOrView(passphrase, 'key.passphrase')), iv.subarray(0, 8), kLegacyPemCiphers[m[1]]);
  try {
    const d = require('crypto').createDecipheriv(m[1].toLowerCase(), key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw osslError('1C800064', 'Provider routines', 'bad decrypt');
  }
}
function legacyPemEncrypt(label, der, cipher, passphrase) {
  const name = cipher.toUpperCase();
  if (kLegacyPemCiphers[name] === undefined) throw new ERR_NOT_IMPLEMENTED(`legacy encrypted PEM with ${cipher} (amber has AES-128/192/256-CBC)`);
  const iv = require('crypto').randomBytes(16);
  const key = legacyPemKey(toBuffer(passphrase), iv.subarray(0, 8), kLegacyPemCiphers[name]);
  const c2 = require('crypto').createCipheriv(name.toLowerCase(), key, iv);
  const body = Buffer.concat([c2.update(toBuffer(der)), c2.final()]).toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${label}-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: ${name},${iv.toString('hex').toUpperCase()}\n\n${body}\n-----END ${label}-----\n`;
}

// Parses PEM text: the first block amber knows. Returns [format, der, isPrivate].
function parsePem(text, passphrase) {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const label = m[1];
    if (!pemLabels[label]) continue;
    if (m[2].includes('Proc-Type: 4,ENCRYPTED')) return [pemLabels[label][0], legacyPemDecrypt(m[2], passphrase), pemLabels[label][1]];
    return [pemLabels[label][0], Buffer.from(m[2].replace(/\s+/g, ''), 'base64'), pemLabels[label][1]];
  }
  throw unsupported();
}

// PKCS#8 EncryptedPrivateKeyInfo with the passphrase: Node's errors without one or
// with a wrong one.
function decryptPkcs8(der, passphrase) {
  // OpenSSL's decoder asks for a passphrase nobody gives.
  if (passphrase === undefined || passphrase === null) throw osslError('07880109', 'common libcrypto routines', 'interrupted or cancelled');
  const out = c.pkcs8Decrypt(der, getArrayBufferOrView(passphrase, 'key.passphrase'));
  if (out === 'format') throw unsupported();
  if (out === 'decrypt') throw osslError('1C800064', 'Provider routines', 'bad decrypt');
  return out;
}

// Node's key input: PEM string or Buffer, KeyObject, CryptoKey, or
// { key, format, type, encoding, passphrase }.
function prepareAsymmetricKey(key, wantPrivate) {
  if (key instanceof KeyObject) return key;
  if (isCryptoKey(key)) return KeyObject.from(key);
  let format = 'pem';
  let type;
  let encoding;
  let passphrase;
  if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
    if (key.key instanceof KeyObject) return key.key;
    if (isCryptoKey(key.key)) return KeyObject.from(key.key);
    format = key.format ?? 'pem';
    type = key.type;
    encoding = key.encoding;
    passphrase = key.passphrase;
    key = key.key;
  }
  if (format === 'jwk') {
    const [f, der, isPrivate] = importJwk(key, wantPrivate);
    const parsed = c.keyParse(f, der, isPrivate);
    if (parsed === undefined) throw invalidJwk();
    return fromParsed(parsed, isPrivate);
  }
  if (typeof key !== 'string' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  let der;
  let isPrivate;
  const inputFormat = format;
  if (format === 'pem') {
    // A PEM string may come in another encoding (key.encoding, e.g. hex).
    const text = typeof key === 'string' && (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8') ? key : toBuffer(getArrayBufferOrView(key, 'key', encoding)).toString('utf8');
    [format, der, isPrivate] = parsePem(text, passphrase);
  } else if (format === 'der') {
    der = getArrayBufferOrView(key, 'key', encoding);
    if (type === undefined) throw new ERR_INVALID_ARG_VALUE('options.type', type);
    // A private key is never SPKI (Node's check, before any parsing).
    if (wantPrivate && type === 'spki') throw new ERR_INVALID_ARG_VALUE('options.type', type);
    format = type;
    isPrivate = type === 'pkcs8' || type === 'sec1' || (type === 'pkcs1' && wantPrivate);
    // A DER PKCS#8 may be encrypted; it then does not parse as a plain one.
    if (type === 'pkcs8' && c.keyParse('pkcs8', der, true) === undefined && c.pkcs8Decrypt(der, new Uint8Array(0)) !== 'format') {
      if (passphrase === undefined || passphrase === null) {
        const e = new TypeError('Passphrase required for encrypted key');
        e.code = 'ERR_MISSING_PASSPHRASE';
        throw e;
      }
      format = 'encrypted';
    }
  } else {
    throw new ERR_INVALID_ARG_VALUE('options.format', format);
  }
  if (format === 'certificate') {
    const { X509Certificate } = require('internal/crypto/x509');
    return new X509Certificate(der).publicKey;
  }
  let decrypted = false;
  if (format === 'encrypted') {
    der = decryptPkcs8(der, passphrase);
    format = 'pkcs8';
    decrypted = true;
  }
  let parsed = c.keyParse(format, der, isPrivate);
  // DER PKCS#1 for a public-key operation may be a private key: OpenSSL tells them apart
  // by their structure, and the public half serves.
  if (parsed === undefined && inputFormat === 'der' && format === 'pkcs1' && !isPrivate) {
    parsed = c.keyParse(format, der, true);
    if (parsed !== undefined) isPrivate = true;
  }
  // OpenSSL reads DER of another structure as an ASN.1 error, PEM as unsupported.
  if (parsed === undefined) throw inputFormat === 'der' ? derError(der, format, format === 'pkcs8' && !decrypted) : unsupported();
  return fromParsed(parsed, isPrivate);
}

function createPrivateKey(key) {
  const k = prepareAsymmetricKey(key, true);
  // Node (OpenSSL's decoder) finds no private key in public key material.
  if (k.type !== 'private') throw unsupported();
  return k;
}

function createPublicKey(key) {
  const k = prepareAsymmetricKey(key, false);
  if (k.type === 'secret') throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  if (k.type === 'public') return k;
  const d = k[kKey];
  return new PublicKeyObject('public', { ...d, type: 'public', pkcs8: undefined });
}

// crypto.createPrivateKey/createPublicKey as the user calls them: key material, or (for
// createPublicKey) a private KeyObject to derive from; the internal forms above also take
// any KeyObject a signature or encryption is given.
function givenKeyObject(key) {
  if (key instanceof KeyObject || isCryptoKey(key)) return key;
  if (key !== null && typeof key === 'object' && (key.key instanceof KeyObject || isCryptoKey(key.key))) return key.key;
  return undefined;
}
function invalidKeyObjectType(got, want) {
  const e = new TypeError(`Invalid key object type ${got}, expected ${want}.`);
  e.code = 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE';
  return e;
}
function publicCreatePrivateKey(key) {
  const ko = givenKeyObject(key);
  if (ko !== undefined) throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], ko);
  return createPrivateKey(key);
}
function publicCreatePublicKey(key) {
  const ko = givenKeyObject(key);
  if (ko !== undefined && ko.type !== 'private') throw invalidKeyObjectType(ko.type, 'private');
  return createPublicKey(key);
}

function createSecretKey(key, encoding) {
  const bytes = getArrayBufferOrView(key, 'key', encoding);
  return new SecretKeyObject('secret', { type: 'secret', bytes: new Uint8Array(bytes) });
}

// CryptoKey lives in webcrypto.js; loaded lazily (it requires this module).
function isCryptoKey(v) {
  return v !== null && typeof v === 'object' && require('internal/crypto/webcrypto_keys').isCryptoKey(v);
}

const supportedTypes = ['rsa', 'rsa-pss', 'dsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448', 'dh'];
const nodeTypes = ['rsa', 'rsa-pss', 'dsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448', 'dh'];
const kHashes = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function pssOptions(o) {
  let { hashAlgorithm, mgf1HashAlgorithm, saltLength } = o;
  // Node 20's deprecated spellings (DEP0154), still honoured.
  if (o.hash !== undefined) {
    process.emitWarning('"options.hash" is deprecated, use "options.hashAlgorithm" instead.', 'DeprecationWarning', 'DEP0154');
    validateString(o.hash, 'options.hash');
    // The old and the new spelling must agree.
    if (hashAlgorithm !== undefined && o.hash !== hashAlgorithm) throw new ERR_INVALID_ARG_VALUE('options.hash', o.hash);
    hashAlgorithm = o.hash;
  }
  if (o.mgf1Hash !== undefined) {
    process.emitWarning('"options.mgf1Hash" is deprecated, use "options.mgf1HashAlgorithm" instead.', 'DeprecationWarning', 'DEP0154');
    validateString(o.mgf1Hash, 'options.mgf1Hash');
    if (mgf1HashAlgorithm !== undefined && o.mgf1Hash !== mgf1HashAlgorithm) throw new ERR_INVALID_ARG_VALUE('options.mgf1Hash', o.mgf1Hash);
    mgf1HashAlgorithm = o.mgf1Hash;
  }
  if (hashAlgorithm === undefined && mgf1HashAlgorithm === undefined && saltLength === undefined) return undefined;
  const check = (v, name) => {
    if (v === undefined) return undefined;
    validateString(v, name);
    const n = normalizeAlg(v);
    if (!kHashes.includes(n)) throw new ERR_CRYPTO_INVALID_DIGEST(v);
    return n;
  };
  // Node names the MGF1 digest in its message.
  const checkMgf1 = (v) => {
    try {
      return check(v, 'options.mgf1HashAlgorithm');
    } catch (err) {
      if (err.code !== 'ERR_CRYPTO_INVALID_DIGEST') throw err;
      const e = new TypeError(`Invalid MGF1 digest: ${v}`);
      e.code = 'ERR_CRYPTO_INVALID_DIGEST';
      throw e;
    }
  };
  const hash = check(hashAlgorithm, 'options.hashAlgorithm') ?? (mgf1HashAlgorithm !== undefined ? checkMgf1(mgf1HashAlgorithm) : 'sha1');
  const mgf1 = checkMgf1(mgf1HashAlgorithm) ?? hash;
  if (saltLength !== undefined) validateInt32(saltLength, 'options.saltLength', 0);
  const digestLen = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 }[hash];
  return [hash, mgf1, saltLength ?? (hashAlgorithm === undefined && mgf1HashAlgorithm === undefined ? 20 : digestLen)];
}

// Node checks generateKeyPair's publicKeyEncoding/privateKeyEncoding before it makes
// a key (a bad option costs no keygen): shapes, formats, types allowed for the key type,
// and the cipher/passphrase pair of a private key.
function checkKeyEncoding(keyType, enc, isPublic, objName) {
  if (enc === null || enc === undefined) return;
  if (typeof enc !== 'object') throw new ERR_INVALID_ARG_VALUE(`options.${objName}`, enc);
  const option = (name) => `options.${objName}.${name}`;
  const { format, type } = enc;
  if (format !== 'pem' && format !== 'der' && format !== 'jwk') throw new ERR_INVALID_ARG_VALUE(option('format'), format);
  if (format !== 'jwk') {
    const incompatible = (what) => {
      const e = new Error(`The selected key encoding ${type} ${what}.`);
      e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS';
      return e;
    };
    if (type === 'pkcs1') {
      if (keyType !== 'rsa') throw incompatible('can only be used for RSA keys');
    } else if (type === 'sec1' && !isPublic) {
      if (keyType !== 'ec') throw incompatible('can only be used for EC keys');
    } else if (!(type === 'spki' && isPublic) && !(type === 'pkcs8' && !isPublic)) {
      throw new ERR_INVALID_ARG_VALUE(option('type'), type);
    }
  }
  if (isPublic) return;
  const { cipher, passphrase } = enc;
  if (cipher !== null && cipher !== undefined) {
    if (typeof cipher !== 'string') throw new ERR_INVALID_ARG_VALUE(option('cipher'), cipher);
    if (format === 'der' && (type === 'pkcs1' || type === 'sec1')) {
      const e = new Error(`The selected key encoding ${type} does not support encryption.`);
      e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS';
      throw e;
    }
    if (typeof passphrase !== 'string' && !ArrayBuffer.isView(passphrase) && !(passphrase instanceof ArrayBuffer)) {
      throw new ERR_INVALID_ARG_VALUE(option('passphrase'), passphrase);
    }
    if (!require('internal/crypto/cipher').getCiphers().includes(cipher.toLowerCase())) {
      throw new (require('internal/errors').codes.ERR_CRYPTO_UNKNOWN_CIPHER)();
    }
  } else if (passphrase !== undefined) {
    throw new ERR_INVALID_ARG_VALUE(option('cipher'), cipher);
  }
}

function generate(type, options) {
  validateString(type, 'type');
  if (options !== null && typeof options === 'object') {
    checkKeyEncoding(type, options.publicKeyEncoding, true, 'publicKeyEncoding');
    checkKeyEncoding(type, options.privateKeyEncoding, false, 'privateKeyEncoding');
  }
  if (!nodeTypes.includes(type)) throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  if (!supportedTypes.includes(type)) throw new ERR_NOT_IMPLEMENTED(`generateKeyPair('${type}')`);
  // Types with parameters need the options object; the others take it optionally.
  if (options !== undefined || ['rsa', 'rsa-pss', 'dsa', 'ec', 'dh'].includes(type)) validateObject(options, 'options');
  let parsed;
  if (type === 'rsa' || type === 'rsa-pss') {
    const { modulusLength, publicExponent = 0x10001 } = options ?? {};
    validateUint32(modulusLength, 'options.modulusLength');
    validateUint32(publicExponent, 'options.publicExponent');
    // OpenSSL's check of e: odd and greater than 1.
    if (publicExponent === 1 || publicExponent % 2 === 0) throw new Error('error:020000B2:rsa routines::pub exponent out of range');
    parsed = c.keyGenerate(type, modulusLength, publicExponent, type === 'rsa-pss' ? pssOptions(options) : undefined);
  } else if (type === 'ec') {
    const { namedCurve, paramEncoding } = options ?? {};
    validateString(namedCurve, 'options.namedCurve');
    // 'explicit' is accepted as before (the key is the same; its encodings name the curve).
    if (paramEncoding != null && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
      throw new ERR_INVALID_ARG_VALUE('options.paramEncoding', paramEncoding);
    }
    parsed = c.keyGenerate('ec', namedCurve);
    if (parsed === undefined) {
      const e = new TypeError('Invalid EC curve name');
      e.code = 'ERR_CRYPTO_INVALID_CURVE';
      throw e;
    }
  } else if (type === 'dsa') {
    const { modulusLength, divisorLength } = options ?? {};
    validateUint32(modulusLength, 'options.modulusLength');
    if (divisorLength !== undefined && divisorLength !== null) validateInt32(divisorLength, 'options.divisorLength', 0);
    parsed = c.keyGenerate('dsa', modulusLength, divisorLength ?? 0);
    // OpenSSL's refusals, as Node reports them (bare messages).
    if (parsed === 'ffc') throw new Error('error:05000072:dsa routines::bad ffc parameters');
    if (parsed === 'failed') throw new Error('Key generation job failed');
  } else if (type === 'dh') {
    parsed = generateDh(options ?? {});
  } else {
    parsed = c.keyGenerate(type);
  }
  const privateKey = fromParsed(parsed, true);
  const publicKey = createPublicKey(privateKey);
  const enc = (key, encoding) => (encoding === undefined ? key : key.export(encoding));
  return { publicKey: enc(publicKey, options?.publicKeyEncoding), privateKey: enc(privateKey, options?.privateKeyEncoding) };
}

// generateKeyPair('dh', { group } | { prime[, generator] } | { primeLength[, generator] }).
function generateDh(options) {
  const { group, prime, primeLength, generator } = options;
  const dh = require('internal/crypto/diffiehellman');
  let p;
  let g = Buffer.from([2]);
  let privateBits = 0;
  if (group !== undefined) {
    if (prime !== undefined || primeLength !== undefined || generator !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', prime !== undefined ? 'prime' : primeLength !== undefined ? 'primeLength' : 'generator');
    }
    validateString(group, 'options.group');
    if (!Object.hasOwn(dh.modpGroups, group)) {
      const e = new Error('Unknown DH group');
      e.code = 'ERR_CRYPTO_UNKNOWN_DH_GROUP';
      throw e;
    }
    p = dh.modpPrime(group);
    privateBits = dh.kPrivateBits[group] ?? 0;
  } else {
    if (generator !== undefined) {
      validateInt32(generator, 'options.generator', 0);
      const b = Buffer.alloc(4);
      b.writeUInt32BE(generator);
      g = b.subarray(Math.min(3, b.findIndex((x) => x !== 0) === -1 ? 3 : b.findIndex((x) => x !== 0)));
    }
    if (prime !== undefined) {
      if (primeLength !== undefined) throw new ERR_INCOMPATIBLE_OPTION_PAIR('prime', 'primeLength');
      p = toBuffer(getArrayBufferOrView(prime, 'options.prime'));
    } else if (primeLength !== undefined) {
      validateInt32(primeLength, 'options.primeLength', 0);
      if (primeLength < 512) throw dhTooSmall();
      p = toBuffer(c.dhGeneratePrime(primeLength, generator ?? 2));
    } else {
      throw new ERR_MISSING_OPTION('At least one of the group, prime, or primeLength options');
    }
  }
  const bits = p.length * 8 - (p[0] === 0 ? 8 : Math.clz32(p[0]) - 24);
  if (bits < 512) throw dhTooSmall();
  return c.keyGenerate('dh', p, g, privateBits);
}
// Node reports this one with the bare message (no code, library or reason).
const dhTooSmall = () => new Error('error:0280007E:Diffie-Hellman routines::modulus too small');

// Secret keys: generateKey(Sync)('hmac' | 'aes', { length }).
function generateSecret(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  if (typeof length !== 'number') throw new ERR_INVALID_ARG_TYPE('options.length', 'number', length);
  if (type === 'hmac') {
    if (!Number.isInteger(length) || length < 8 || length > 2 ** 31 - 1) throw new ERR_OUT_OF_RANGE('options.length', '>= 8 && <= 2147483647', length);
  } else if (type === 'aes') {
    if (![128, 192, 256].includes(length)) throw new ERR_INVALID_ARG_VALUE('options.length', length, 'must be one of: 128, 192, 256');
  } else {
    throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
  return createSecretKey(require('crypto').randomBytes(Math.floor(length / 8)));
}
function generateKeySync(type, options) {
  return generateSecret(type, options);
}
function generateKey(type, options, callback) {
  const key = generateSecret(type, options);
  validateFunction(callback, 'callback');
  process.nextTick(callback, null, key);
}

function generateKeyPairSync(type, options) {
  return generate(type, options);
}

// Computed now, delivered from the event loop: key generation is synchronous in amber.
function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  validateFunction(callback, 'callback');
  let pair;
  try {
    pair = generate(type, options);
  } catch (err) {
    // Option errors throw; what the generation itself reports (OpenSSL's errors, bare or
    // ERR_OSSL_*) reaches the callback, as from Node's keygen job.
    if (typeof err?.code === 'string' && !err.code.startsWith('ERR_OSSL')) throw err;
    process.nextTick(callback, err);
    return;
  }
  process.nextTick(callback, null, pair.publicKey, pair.privateKey);
}
// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }, as in Node.
Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: false,
  value: (type, options) => new Promise((resolve, reject) => {
    try {
      generateKeyPair(type, options, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })));
    } catch (e) {
      reject(e);
    }
  }),
});

// 'RSA-SHA256', 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'SHA256' -> 'sha256'.
function signDigest(algorithm) {
  if (algorithm === null || algorithm === undefined) return undefined;
  validateString(algorithm, 'algorithm');
  let a = algorithm.toLowerCase();
  a = a.replace(/^rsa-/, '').replace(/^ecdsa-with-/, '').replace(/withrsaencryption$/, '');
  // OpenSSL's legacy name of SHA-1 for DSA signatures.
  if (a === 'dss1') a = 'sha1';
  return normalizeAlg(a);
}

function keyOptions(key) {
  const o = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !ArrayBuffer.isView(key) && !isCryptoKey(key) ? key : {};
  if (o.dsaEncoding !== undefined && o.dsaEncoding !== 'der' && o.dsaEncoding !== 'ieee-p1363') throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', o.dsaEncoding);
  if (o.padding !== undefined && !Number.isInteger(o.padding)) throw new ERR_INVALID_ARG_VALUE('options.padding', o.padding);
  if (o.saltLength !== undefined && !Number.isInteger(o.saltLength)) throw new ERR_INVALID_ARG_VALUE('options.saltLength', o.saltLength);
  return { p1363: o.dsaEncoding === 'ieee-p1363', padding: o.padding, saltLength: o.saltLength };
}

function defaultDigest(d, k) {
  if (k.asymmetricKeyType === 'ed25519' || k.asymmetricKeyType === 'ed448') return '';
  const pss = k[kKey].pss;
  if (pss && d === undefined) return pss[0];
  return d ?? 'sha256';
}

// RSA padding and salt for sign/verify, with OpenSSL's errors for what a key refuses:
// an RSA-PSS key signs with PSS only, and with parameters only with its own hash and
// at least its salt length.
function rsaPadding(k, digest, padding, saltLength, signing) {
  const d = k[kKey];
  if (d.keyType !== 'rsa' && d.keyType !== 'rsa-pss') return [1, -2];
  if (padding !== undefined && padding !== 1 && padding !== 6) throw osslError('1C8000A5', 'Provider routines', 'illegal or unsupported padding mode');
  if (d.keyType === 'rsa-pss') {
    if (padding === 1) throw osslError('1C8000A5', 'Provider routines', 'illegal or unsupported padding mode');
    padding = 6;
    if (d.pss) {
      // OpenSSL applies the salt length (and refuses a short one) before the digest.
      if (saltLength === undefined) saltLength = signing ? d.pss[2] : -2;
      else if (saltLength >= 0 && saltLength < d.pss[2]) throw osslError('1C8000AC', 'Provider routines', 'pss saltlen too small');
      if (normalizeAlg(digest) !== d.pss[0]) throw osslError('1C8000AE', 'Provider routines', 'digest not allowed');
    }
  }
  return [padding ?? 1, saltLength ?? -2];
}

function signResult(out, digest) {
  if (out === undefined || out === 'digest') throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  if (out === 'salt') throw osslError('0200006E', 'rsa routines', 'data too large for key size');
  if (out === 'digest too big') throw osslError('02000070', 'rsa routines', 'digest too big for rsa key');
  if (out === 'operation') throw osslError('03000096', 'digital envelope routines', 'operation not supported for this keytype');
  return out;
}

function signBytes(digest, data, key) {
  const { p1363, padding, saltLength } = keyOptions(key);
  const k = createPrivateKey(key);
  const alg = defaultDigest(digest, k);
  const [pad, salt] = rsaPadding(k, alg, padding, saltLength, true);
  return toBuffer(signResult(c.sign(alg, k[kKey].pkcs8, data, p1363, pad, salt), digest));
}

function verifyBytes(digest, data, key, signature) {
  const { p1363, padding, saltLength } = keyOptions(key);
  const k = createPublicKey(key);
  const alg = defaultDigest(digest, k);
  const [pad, salt] = rsaPadding(k, alg, padding, saltLength, false);
  return signResult(c.verify(alg, k[kKey].spki, data, signature, p1363, pad, salt), digest);
}

function dataArg(data, name) {
  if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function sign(algorithm, data, key, callback) {
  const digest = signDigest(algorithm);
  data = getArrayBufferOrView(data, 'data');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (callback) return callbackResult(callback, () => signBytes(digest, data, key));
  return signBytes(digest, data, key);
}

// The callback forms: argument errors throw, the operation's own errors (OpenSSL's,
// such as a key type that cannot sign) go to the callback, as from Node's job.
function callbackResult(callback, run) {
  let result;
  try {
    result = run();
  } catch (err) {
    if (typeof err?.code === 'string' && err.code.startsWith('ERR_INVALID_ARG')) throw err;
    process.nextTick(callback, err);
    return undefined;
  }
  process.nextTick(callback, null, result);
  return undefined;
}

function verify(algorithm, data, key, signature, callback) {
  const digest = signDigest(algorithm);
  data = getArrayBufferOrView(data, 'data');
  signature = dataArg(signature, 'signature');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (callback) return callbackResult(callback, () => verifyBytes(digest, data, key, signature));
  return verifyBytes(digest, data, key, signature);
}

const kDigestsForSign = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

class SignBase extends Writable {
  constructor(algorithm, options) {
    validateString(algorithm, 'algorithm');
    const digest = signDigest(algorithm);
    if (!kDigestsForSign.includes(digest)) throw new ERR_CRYPTO_INVALID_DIGEST();
    super(options);
    this._digest = digest;
    this._chunks = [];
  }
  update(data, encoding) {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    this._chunks.push(getArrayBufferOrView(data, 'data', encoding));
    return this;
  }
  _write(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  _data() { return Buffer.concat(this._chunks.map(toBuffer)); }
}

// Node's Sign/Verify objects hash as they go, which EdDSA cannot use.
function checkStreamable(key) {
  if (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448') {
    const e = new Error('Unsupported crypto operation');
    e.code = 'ERR_CRYPTO_UNSUPPORTED_OPERATION';
    throw e;
  }
  return key;
}

class Sign extends SignBase {
  sign(privateKey, outputEncoding) {
    if (privateKey === null || privateKey === undefined) {
      const e = new Error('No key provided to sign');
      e.code = 'ERR_CRYPTO_SIGN_KEY_REQUIRED';
      throw e;
    }
    checkStreamable(createPrivateKey(privateKey));
    const sig = signBytes(this._digest, this._data(), privateKey);
    return outputEncoding && outputEncoding !== 'buffer' ? sig.toString(outputEncoding) : sig;
  }
}

class Verify extends SignBase {
  verify(key, signature, signatureEncoding) {
    // The signature's type is checked before the key is read (Node's order).
    const sig = getArrayBufferOrView(signature, 'signature', signatureEncoding);
    checkStreamable(createPublicKey(key));
    return verifyBytes(this._digest, this._data(), key, sig);
  }
}

// crypto.diffieHellman({ privateKey, publicKey }): ECDH (every curve amber has), X25519
// and finite-field DH between KeyObjects.
function diffieHellman(options) {
  validateObject(options, 'options');
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.privateKey', privateKey);
  if (!(publicKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.publicKey', publicKey);
  const wrongType = (got, want) => {
    const e = new TypeError(`Invalid key object type ${got}, expected ${want}.`);
    e.code = 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE';
    return e;
  };
  if (privateKey.type !== 'private') throw wrongType(privateKey.type, 'private');
  if (publicKey.type !== 'public' && publicKey.type !== 'private') throw wrongType(publicKey.type, 'public');
  const a = privateKey.asymmetricKeyType;
  const b = publicKey.asymmetricKeyType;
  if (a !== b || !['ec', 'x25519', 'x448', 'dh'].includes(a)) {
    const e = new Error(`Incompatible key types for Diffie-Hellman: ${a} and ${b}`);
    e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY';
    throw e;
  }
  if (a === 'ec' && privateKey[kKey].curve !== publicKey[kKey].curve) throw osslError('1C8000CB', 'Provider routines', 'mismatching domain parameters');
  const out = c.keyAgree(privateKey[kKey].pkcs8, publicKey[kKey].spki);
  // DH keys of different groups.
  if (out === 'incompatible' && a === 'dh') throw osslError('1C8000CB', 'Provider routines', 'mismatching domain parameters');
  // OpenSSL's X448 provider reports the all-zero result under another code than X25519's.
  if (out === 'invalid') throw osslError(a === 'x448' ? '1C8000A4' : '1C8000E9', 'Provider routines', 'failed during derivation');
  if (typeof out === 'string') throw new ERR_NOT_IMPLEMENTED(`diffieHellman() with ${a} keys`);
  return toBuffer(out);
}

const constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
};

// publicEncrypt/privateDecrypt (OAEP, PKCS#1 v1.5 to encrypt, no padding) and
// privateEncrypt/publicDecrypt (PKCS#1 v1.5 type 1, no padding) with RSA keys.
function rsaOptions(options, buffer, defaultPadding) {
  const o = options !== null && typeof options === 'object' && !(options instanceof KeyObject) && !ArrayBuffer.isView(options) && !isCryptoKey(options) ? options : {};
  const { oaepHash = 'sha1', encoding } = o;
  if (o.oaepHash !== undefined) validateString(o.oaepHash, 'key.oaepHash');
  let label;
  if (o.oaepLabel !== undefined) {
    label = getArrayBufferOrView(o.oaepLabel, 'key.oaepLabel', encoding);
  }
  return { padding: o.padding ?? defaultPadding, oaepHash: normalizeAlg(oaepHash), label, data: getArrayBufferOrView(buffer, 'buffer', encoding) };
}

const rsaErrors = {
  'too large': ['0200006E', 'rsa routines', 'data too large for key size'],
  'too small': ['0200007A', 'rsa routines', 'data too small for key size'],
  decoding: ['02000079', 'rsa routines', 'oaep decoding error'],
  type1: ['0200008A', 'rsa routines', 'invalid padding'],
  padding: ['1C8000A5', 'Provider routines', 'illegal or unsupported padding mode'],
};

function invalidDigestUsed() {
  const e = new Error('Invalid digest used');
  e.code = 'ERR_OSSL_EVP_INVALID_DIGEST';
  return e;
}

function rsaCall(fn, key, buffer, isPrivate, defaultPadding) {
  // Options first, an unknown OAEP digest included, then the key (Node's order).
  const { padding, oaepHash, label, data } = rsaOptions(key, buffer, defaultPadding);
  if (!c.hashes().includes(oaepHash)) throw invalidDigestUsed();
  const k = isPrivate ? createPrivateKey(key) : createPublicKey(key);
  if (k.asymmetricKeyType === 'rsa-pss') throw osslError('1C8000B2', 'Provider routines', 'operation not supported for this keytype');
  if (k.asymmetricKeyType !== 'rsa') throw osslError('03000096', 'digital envelope routines', 'operation not supported for this keytype');
  const out = c[fn](isPrivate ? k[kKey].pkcs8 : k[kKey].spki, isPrivate, data, padding, oaepHash, label);
  if (typeof out !== 'string') return toBuffer(out);
  if (out === 'digest') throw invalidDigestUsed();
  if (out === 'key') throw osslError('1C8000B2', 'Provider routines', 'operation not supported for this keytype');
  throw osslError(...rsaErrors[out]);
}

function publicEncrypt(key, buffer) {
  return rsaCall('rsaEncrypt', key, buffer, false, 4);
}

function privateDecrypt(key, buffer) {
  const { padding } = rsaOptions(key, buffer, 4);
  if (padding === 1) {
    const e = new TypeError('RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  return rsaCall('rsaDecrypt', key, buffer, true, 4);
}

function privateEncrypt(key, buffer) {
  return rsaCall('rsaEncrypt', key, buffer, true, 1);
}

function publicDecrypt(key, buffer) {
  return rsaCall('rsaDecrypt', key, buffer, false, 1);
}

module.exports = {
  KeyObject, SecretKeyObject, PublicKeyObject, PrivateKeyObject, kKey, fromParsed, prepareAsymmetricKey, generateKey, generateKeySync,
  createSecretKey, createPrivateKey, createPublicKey, publicCreatePrivateKey, publicCreatePublicKey, generateKeyPair, generateKeyPairSync,
  diffieHellman, publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt, constants, sign, verify, Sign: callable(Sign), Verify: callable(Verify),
  createSign: (algorithm, options) => new Sign(algorithm, options),
  createVerify: (algorithm, options) => new Verify(algorithm, options),
  osslError, signBytes, verifyBytes, exportJwk, importJwk, pem,
};
