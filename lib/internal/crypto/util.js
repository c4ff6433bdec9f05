'use strict';
// Helpers shared by node:crypto's parts: Node's byte-source argument conversion and the
// digest-name normalisation of createHash, pbkdf2 and hkdf.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const aliases = { 'rsa-md5': 'md5', 'rsa-sha1': 'sha1', 'rsa-sha256': 'sha256', 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };
function normalizeAlg(alg) {
  const a = `${alg}`.toLowerCase();
  return aliases[a] ?? a;
}

// Node's getArrayBufferOrView: strings in `encoding`, ArrayBuffers and views as bytes.
function getArrayBufferOrView(value, name, encoding) {
  if (typeof value === 'string') return Buffer.from(value, encoding ?? 'utf8');
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) return new Uint8Array(value);
  if (value != null && value.type === 'secret' && typeof value.export === 'function') return value.export();
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

// Node's crypto classes (Hash, Hmac, Cipheriv, Sign, ...) are functions that may be
// called without `new`; the proxy keeps `instanceof` and the prototype.
// instances' `constructor` is the proxy, so it equals what the module exports, as in Node.
function callable(Class) {
  const proxy = new Proxy(Class, { apply: (target, thisArg, args) => new target(...args) });
  Object.defineProperty(Class.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
  return proxy;
}

// Node's internal normalizeAlgorithm(algorithm, op) of WebCrypto (a copy with the
// canonical name and hash; the input is not changed), from webcrypto.js on first use.
const normalizeAlgorithm = (algorithm, op) => require('internal/crypto/webcrypto').normalizeAlgorithm(algorithm, op);

// Node's internal bigIntArrayToUnsignedBigInt: a big-endian byte array (WebCrypto's
// BigInteger, e.g. an RSA publicExponent) as a bigint.
function bigIntArrayToUnsignedBigInt(input) {
  let result = 0n;
  for (let i = 0; i < input.length; i++) result = (result << 8n) | BigInt(input[i]);
  return result;
}

module.exports = { normalizeAlg, getArrayBufferOrView, callable, normalizeAlgorithm, bigIntArrayToUnsignedBigInt };
