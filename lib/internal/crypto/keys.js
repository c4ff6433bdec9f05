'use strict';
// KeyObject, createSecretKey/createPrivateKey/createPublicKey, generateKeyPair(Sync),
// sign/verify and createSign/createVerify for RSA (PKCS#1 v1.5), ECDSA on P-256 and
// Ed25519. A KeyObject holds its key as DER bytes (PKCS#8 private, SPKI public, raw
// secret) in the JS heap; crates/runtime/src/bindings/crypto/keys.rs parses them at each
// use, so keys survive a snapshot as plain data. What amber does not support (other key
// types and curves, encrypted PEM, PSS padding) throws
// ERR_NOT_IMPLEMENTED naming it.

const c = binding.crypto;
const { Writable } = require('stream');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_CRYPTO_INVALID_DIGEST },
  validateString, validateFunction, validateObject,
} = require('internal/errors');
const { normalizeAlg, getArrayBufferOrView, callable } = require('internal/crypto/util');

const kKey = Symbol('kKeyData');
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

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
    this[kKey] = data;
  }
  // amber has no CryptoKey (WebCrypto keys), so nothing converts.
  static from(key) {
    throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
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
    if (d.keyType === 'rsa') return { modulusLength: d.bits, publicExponent: BigInt(`0x${toBuffer(d.exponent).toString('hex') || '0'}`) };
    if (d.keyType === 'ec') return { namedCurve: 'prime256v1' };
    return {};
  }
}


// --- JWK (RFC 7517/7518/8037) for RSA, EC P-256 and Ed25519, via minimal DER. ---
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
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function exportJwk(d, isPrivate) {
  if (d.keyType === 'ed25519') {
    const jwk = { crv: 'Ed25519' };
    if (isPrivate) jwk.d = b64u(d.pkcs8.subarray(16));
    jwk.x = b64u(d.spki.subarray(12));
    jwk.kty = 'OKP';
    return jwk;
  }
  if (d.keyType === 'ec') {
    const point = d.spki.subarray(d.spki.length - 64);
    const jwk = { kty: 'EC', x: b64u(point.subarray(0, 32)), y: b64u(point.subarray(32)), crv: 'P-256' };
    if (isPrivate) jwk.d = b64u(c.keyExport('sec1', d.pkcs8, true).subarray(7, 39));
    return jwk;
  }
  const ints = derInts(c.keyExport('pkcs1', isPrivate ? d.pkcs8 : d.spki, isPrivate));
  if (!isPrivate) return { kty: 'RSA', n: b64u(ints[0]), e: b64u(ints[1]) };
  const [, n, e, dd, p, q, dp, dq, qi] = ints;
  return { kty: 'RSA', n: b64u(n), e: b64u(e), d: b64u(dd), p: b64u(p), q: b64u(q), dp: b64u(dp), dq: b64u(dq), qi: b64u(qi) };
}

// Returns [format, der, isPrivate] for keyParse.
function importJwk(jwk, wantPrivate) {
  validateObject(jwk, 'key.key');
  const isPrivate = wantPrivate && jwk.d !== undefined;
  if (jwk.kty === 'OKP') {
    if (jwk.crv !== 'Ed25519') throw new ERR_NOT_IMPLEMENTED(`JWK keys on curve ${jwk.crv}`);
    if (isPrivate) return ['pkcs8', Buffer.concat([ED25519_PKCS8_PREFIX, fromB64u(jwk.d, 'd')]), true];
    return ['spki', Buffer.concat([ED25519_SPKI_PREFIX, fromB64u(jwk.x, 'x')]), false];
  }
  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256') throw new ERR_NOT_IMPLEMENTED(`JWK keys on curve ${jwk.crv}`);
    const point = Buffer.concat([Buffer.from([4]), fromB64u(jwk.x, 'x'), fromB64u(jwk.y, 'y')]);
    if (!isPrivate) return ['spki', Buffer.concat([P256_SPKI_PREFIX, point]), false];
    const sec1 = Buffer.concat([Buffer.from('30770201010420', 'hex'), fromB64u(jwk.d, 'd'), Buffer.from('a00a06082a8648ce3d030107a144034200', 'hex'), point]);
    return ['sec1', sec1, true];
  }
  if (jwk.kty === 'RSA') {
    const names = isPrivate ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['n', 'e'];
    const ints = names.map((k) => derInt(fromB64u(jwk[k], k)));
    if (isPrivate) ints.unshift(derInt(Buffer.from([0])));
    return ['pkcs1', derTlv(0x30, Buffer.concat(ints)), isPrivate];
  }
  if (typeof jwk.kty !== 'string') throw new ERR_INVALID_ARG_TYPE('key.kty', 'string', jwk.kty);
  throw new ERR_NOT_IMPLEMENTED(`JWK keys of type ${jwk.kty}`);
}

function exportAsymmetric(d, options, isPrivate) {
  validateObject(options, 'options');
  const { format, type } = options;
  if (format === 'jwk') return exportJwk(d, isPrivate);
  if (options.cipher !== undefined || options.passphrase !== undefined) throw new ERR_NOT_IMPLEMENTED('KeyObject.export() with a cipher (encrypted keys)');
  if (format !== 'pem' && format !== 'der') throw new ERR_INVALID_ARG_VALUE('options.format', format);
  const wanted = isPrivate ? 'pkcs8' : 'spki';
  if (type === wanted) {
    const der = isPrivate ? d.pkcs8 : d.spki;
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
  const der = c.keyExport(type, isPrivate ? d.pkcs8 : d.spki, isPrivate);
  const label = `${type === 'pkcs1' ? 'RSA' : 'EC'} ${isPrivate ? 'PRIVATE' : 'PUBLIC'} KEY`;
  return format === 'pem' ? pem(label, der) : toBuffer(der);
}

class PublicKeyObject extends AsymmetricKeyObject {
  export(options) { return exportAsymmetric(this[kKey], options, false); }
}
class PrivateKeyObject extends AsymmetricKeyObject {
  export(options) { return exportAsymmetric(this[kKey], options, true); }
}

function fromParsed(parsed, isPrivate) {
  const [keyType, pkcs8, spki, bits, exponent] = parsed;
  const data = { type: isPrivate ? 'private' : 'public', keyType, pkcs8, spki, bits, exponent };
  return isPrivate ? new PrivateKeyObject('private', data) : new PublicKeyObject('public', data);
}

const pemLabels = {
  'PRIVATE KEY': ['pkcs8', true], 'RSA PRIVATE KEY': ['pkcs1', true], 'EC PRIVATE KEY': ['sec1', true],
  'PUBLIC KEY': ['spki', false], 'RSA PUBLIC KEY': ['pkcs1', false],
};

// Parses PEM text: the first block amber knows. Returns [format, der, isPrivate].
function parsePem(text) {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const label = m[1];
    if (label === 'ENCRYPTED PRIVATE KEY' || m[2].includes('Proc-Type: 4,ENCRYPTED')) throw new ERR_NOT_IMPLEMENTED('encrypted private keys (passphrase)');
    if (label === 'CERTIFICATE') throw new ERR_NOT_IMPLEMENTED('keys from X.509 certificates');
    if (pemLabels[label]) return [pemLabels[label][0], Buffer.from(m[2].replace(/\s+/g, ''), 'base64'), pemLabels[label][1]];
  }
  throw unsupported();
}

// Node's key input: PEM string or Buffer, KeyObject, or { key, format, type, encoding }.
function prepareAsymmetricKey(key, wantPrivate) {
  if (key instanceof KeyObject) return key;
  let format = 'pem';
  let type;
  let encoding;
  if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
    if (key.key instanceof KeyObject) return key.key;
    if (key.passphrase !== undefined && key.passphrase !== null && wantPrivate) throw new ERR_NOT_IMPLEMENTED('encrypted private keys (passphrase)');
    format = key.format ?? 'pem';
    type = key.type;
    encoding = key.encoding;
    key = key.key;
  }
  if (format === 'jwk') {
    const [f, der, isPrivate] = importJwk(key, wantPrivate);
    const parsed = c.keyParse(f, der, isPrivate);
    if (parsed === undefined) {
      const e = new TypeError('Invalid JWK data');
      e.code = 'ERR_CRYPTO_INVALID_JWK';
      throw e;
    }
    return fromParsed(parsed, isPrivate);
  }
  if (typeof key !== 'string' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  let der;
  let isPrivate;
  if (format === 'pem') {
    const text = typeof key === 'string' ? key : toBuffer(getArrayBufferOrView(key, 'key')).toString('utf8');
    [format, der, isPrivate] = parsePem(text);
  } else if (format === 'der') {
    der = getArrayBufferOrView(key, 'key', encoding);
    if (type === undefined) throw new ERR_INVALID_ARG_VALUE('options.type', type);
    format = type;
    isPrivate = type === 'pkcs8' || type === 'sec1' || (type === 'pkcs1' && wantPrivate);
  } else {
    throw new ERR_INVALID_ARG_VALUE('options.format', format);
  }
  const parsed = c.keyParse(format, der, isPrivate);
  if (parsed === undefined) throw unsupported();
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

function createSecretKey(key, encoding) {
  const bytes = getArrayBufferOrView(key, 'key', encoding);
  return new SecretKeyObject('secret', { type: 'secret', bytes: new Uint8Array(bytes) });
}

const supportedTypes = ['rsa', 'ec', 'ed25519'];
const nodeTypes = ['rsa', 'rsa-pss', 'dsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448', 'dh'];

function generate(type, options) {
  validateString(type, 'type');
  if (!nodeTypes.includes(type)) throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  if (!supportedTypes.includes(type)) throw new ERR_NOT_IMPLEMENTED(`generateKeyPair('${type}')`);
  if (options !== undefined) validateObject(options, 'options');
  let parsed;
  if (type === 'rsa') {
    const { modulusLength, publicExponent = 0x10001 } = options ?? {};
    if (typeof modulusLength !== 'number') throw new ERR_INVALID_ARG_TYPE('options.modulusLength', 'number', modulusLength);
    parsed = c.keyGenerate('rsa', modulusLength, publicExponent);
  } else if (type === 'ec') {
    const { namedCurve } = options ?? {};
    validateString(namedCurve, 'options.namedCurve');
    if (namedCurve !== 'P-256' && namedCurve !== 'prime256v1') throw new ERR_NOT_IMPLEMENTED(`generateKeyPair('ec') on curve ${namedCurve}`);
    parsed = c.keyGenerate('ec');
  } else {
    parsed = c.keyGenerate('ed25519');
  }
  const privateKey = fromParsed(parsed, true);
  const publicKey = createPublicKey(privateKey);
  const enc = (key, encoding) => (encoding === undefined ? key : key.export(encoding));
  return { publicKey: enc(publicKey, options?.publicKeyEncoding), privateKey: enc(privateKey, options?.privateKeyEncoding) };
}

function generateKeyPairSync(type, options) {
  return generate(type, options);
}

// Computed now, delivered from the event loop: key generation is synchronous in amber.
function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  validateFunction(callback, 'callback');
  const { publicKey, privateKey } = generate(type, options);
  process.nextTick(callback, null, publicKey, privateKey);
}

// 'RSA-SHA256', 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'SHA256' -> 'sha256'.
function signDigest(algorithm) {
  if (algorithm === null || algorithm === undefined) return undefined;
  validateString(algorithm, 'algorithm');
  let a = algorithm.toLowerCase();
  a = a.replace(/^rsa-/, '').replace(/^ecdsa-with-/, '').replace(/withrsaencryption$/, '');
  return normalizeAlg(a);
}

function keyOptions(key) {
  const o = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !ArrayBuffer.isView(key) ? key : {};
  if (o.padding !== undefined && o.padding !== 1) throw new ERR_NOT_IMPLEMENTED('RSA signatures with padding other than RSA_PKCS1_PADDING');
  if (o.dsaEncoding !== undefined && o.dsaEncoding !== 'der' && o.dsaEncoding !== 'ieee-p1363') throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', o.dsaEncoding);
  return { p1363: o.dsaEncoding === 'ieee-p1363' };
}

function defaultDigest(d, k) {
  if (k.asymmetricKeyType === 'ed25519') return '';
  return d ?? 'sha256';
}

function signBytes(digest, data, key) {
  const k = createPrivateKey(key);
  const { p1363 } = keyOptions(key);
  const out = c.sign(defaultDigest(digest, k), k[kKey].pkcs8, data, p1363);
  if (typeof out === 'string' || out === undefined) throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  return toBuffer(out);
}

function verifyBytes(digest, data, key, signature) {
  const k = key instanceof KeyObject && key.type === 'private' ? createPublicKey(key) : createPublicKey(key);
  const { p1363 } = keyOptions(key);
  const ok = c.verify(defaultDigest(digest, k), k[kKey].spki, data, signature, p1363);
  if (typeof ok === 'string' || ok === undefined) throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  return ok;
}

function dataArg(data, name) {
  if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function sign(algorithm, data, key, callback) {
  const digest = signDigest(algorithm);
  data = dataArg(data, 'data');
  if (callback !== undefined) validateFunction(callback, 'callback');
  const sig = signBytes(digest, data, key);
  if (callback) { process.nextTick(callback, null, sig); return undefined; }
  return sig;
}

function verify(algorithm, data, key, signature, callback) {
  const digest = signDigest(algorithm);
  data = dataArg(data, 'data');
  signature = dataArg(signature, 'signature');
  if (callback !== undefined) validateFunction(callback, 'callback');
  const ok = verifyBytes(digest, data, key, signature);
  if (callback) { process.nextTick(callback, null, ok); return undefined; }
  return ok;
}

const kDigestsForSign = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

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
    this._chunks.push(getArrayBufferOrView(data, 'data', encoding));
    return this;
  }
  _write(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  _data() { return Buffer.concat(this._chunks.map(toBuffer)); }
}

// Node's Sign/Verify objects hash as they go, which Ed25519 cannot use.
function checkStreamable(key) {
  if (key.asymmetricKeyType === 'ed25519') {
    const e = new Error('Unsupported crypto operation');
    e.code = 'ERR_CRYPTO_UNSUPPORTED_OPERATION';
    throw e;
  }
  return key;
}

class Sign extends SignBase {
  sign(privateKey, outputEncoding) {
    checkStreamable(createPrivateKey(privateKey));
    const sig = signBytes(this._digest, this._data(), privateKey);
    return outputEncoding && outputEncoding !== 'buffer' ? sig.toString(outputEncoding) : sig;
  }
}

class Verify extends SignBase {
  verify(key, signature, signatureEncoding) {
    checkStreamable(createPublicKey(key));
    const sig = getArrayBufferOrView(signature, 'signature', signatureEncoding);
    return verifyBytes(this._digest, this._data(), key, sig);
  }
}

// crypto.diffieHellman({ privateKey, publicKey }) for EC P-256 KeyObjects (ECDH).
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
  if (a !== b || a !== 'ec') {
    if (a === b && (a === 'x25519' || a === 'x448' || a === 'dh')) throw new ERR_NOT_IMPLEMENTED(`diffieHellman() with ${a} keys`);
    const e = new Error(`Incompatible key types for Diffie-Hellman: ${a} and ${b}`);
    e.code = 'ERR_CRYPTO_INCOMPATIBLE_KEY';
    throw e;
  }
  const scalar = c.keyExport('sec1', privateKey[kKey].pkcs8, true).subarray(7, 39);
  const spki = publicKey[kKey].spki;
  return toBuffer(c.ecdhCompute(scalar, spki.subarray(spki.length - 65)));
}

// publicEncrypt (PKCS#1 v1.5 or OAEP) and privateDecrypt (OAEP) with RSA keys.
const constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
};

function rsaOptions(options, buffer) {
  const o = options !== null && typeof options === 'object' && !(options instanceof KeyObject) && !ArrayBuffer.isView(options) ? options : {};
  const { oaepHash = 'sha1', encoding } = o;
  if (o.oaepHash !== undefined) validateString(o.oaepHash, 'key.oaepHash');
  let label;
  if (o.oaepLabel !== undefined) {
    const bytes = toBuffer(getArrayBufferOrView(o.oaepLabel, 'key.oaepLabel', encoding));
    label = bytes.toString('utf8');
    if (!Buffer.from(label, 'utf8').equals(bytes)) throw new ERR_NOT_IMPLEMENTED('RSA-OAEP labels that are not UTF-8 text');
  }
  return { padding: o.padding || 4, oaepHash: normalizeAlg(oaepHash), label, data: getArrayBufferOrView(buffer, 'buffer', encoding) };
}

function rsaResult(out, oaepHash) {
  if (typeof out !== 'string') return toBuffer(out);
  if (out === 'digest') throw new ERR_CRYPTO_INVALID_DIGEST(oaepHash);
  if (out === 'key') throw new ERR_NOT_IMPLEMENTED('publicEncrypt()/privateDecrypt() with keys other than RSA');
  const [code, reason] = out === 'too large' ? ['0200006E', 'data too large for key size'] : ['02000079', 'oaep decoding error'];
  const e = new Error(`error:${code}:rsa routines::${reason}`);
  e.library = 'rsa routines';
  e.reason = reason;
  e.code = `ERR_OSSL_RSA_${reason.toUpperCase().replace(/ /g, '_')}`;
  return e;
}

function publicEncrypt(key, buffer) {
  const k = createPublicKey(key);
  const { padding, oaepHash, label, data } = rsaOptions(key, buffer);
  if (padding !== 1 && padding !== 4) throw new ERR_NOT_IMPLEMENTED(`publicEncrypt() with padding ${padding}`);
  const r = rsaResult(c.rsaEncrypt(k[kKey].spki, data, padding, oaepHash, label), oaepHash);
  if (r instanceof Error) throw r;
  return r;
}

function privateDecrypt(key, buffer) {
  const k = createPrivateKey(key);
  const { padding, oaepHash, label, data } = rsaOptions(key, buffer);
  if (padding === 1) {
    const e = new TypeError('RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  if (padding !== 4) throw new ERR_NOT_IMPLEMENTED(`privateDecrypt() with padding ${padding}`);
  const r = rsaResult(c.rsaDecrypt(k[kKey].pkcs8, data, oaepHash, label), oaepHash);
  if (r instanceof Error) throw r;
  return r;
}

module.exports = {
  KeyObject, createSecretKey, createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync,
  diffieHellman, publicEncrypt, privateDecrypt, constants, sign, verify, Sign: callable(Sign), Verify: callable(Verify),
  createSign: (algorithm, options) => new Sign(algorithm, options),
  createVerify: (algorithm, options) => new Verify(algorithm, options),
};
