'use strict';
// createECDH / ECDH for the curves amber supports (prime256v1, secp256k1, secp224r1, secp384r1,
// secp521r1), with Node's
// key formats (uncompressed, compressed, hybrid), encodings and errors; the curve
// arithmetic is native (ecdh* in crates/runtime/src/bindings/crypto/keys.rs). The keys
// are bytes on the JS object.

const c = binding.crypto;
const { validateString } = require('internal/errors');
const { getArrayBufferOrView } = require('internal/crypto/util');

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
// Scalar sizes of the curves amber has; getCurves() lists exactly these.
const curveSizes = { prime256v1: 32, secp256k1: 32, secp224r1: 28, secp384r1: 48, secp521r1: 66 };
const getCurves = () => Object.keys(curveSizes).sort();
const invalidCurve = () => codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');

function codedError(Base, code, message) {
  const e = new Base(message);
  e.code = code;
  return e;
}
const invalidPrivate = () => codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Private key is not valid for specified curve.');

function encode(buf, encoding) {
  buf = toBuffer(buf);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

// `format`: 'uncompressed' (default), 'compressed' or 'hybrid' (uncompressed with the
// parity of y in the prefix: 0x06 or 0x07).
function formatPoint(curve, point, format) {
  if (format === undefined || format === 'uncompressed') return point;
  if (format === 'compressed') return c.ecdhConvert(curve, point, true);
  if (format === 'hybrid') {
    const out = new Uint8Array(point);
    out[0] = 6 + (out[out.length - 1] & 1);
    return out;
  }
  throw codedError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`);
}

// Hybrid points are uncompressed ones with another prefix.
function pointArg(key) {
  if (key.length > 0 && (key[0] === 6 || key[0] === 7)) {
    const out = new Uint8Array(key);
    out[0] = 4;
    return out;
  }
  return key;
}

class ECDH {
  constructor(curve) {
    validateString(curve, 'curve');
    if (curveSizes[curve] === undefined) throw invalidCurve();
    this._curve = curve;
    this._size = curveSizes[curve];
    this._private = null;
    this._public = null;
  }
  generateKeys(encoding, format) {
    for (;;) {
      const priv = require('crypto').randomBytes(this._size);
      if (this._curve === 'secp521r1') priv[0] &= 1;
      const pub = c.ecdhPublic(this._curve, priv, false);
      if (pub !== undefined) {
        this._private = priv;
        this._public = pub;
        break;
      }
    }
    return this.getPublicKey(encoding, format);
  }
  computeSecret(key, inEnc, outEnc) {
    const pub = pointArg(getArrayBufferOrView(key, 'key', inEnc));
    if (this._private === null) throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH private key');
    // A public key set apart from the private one (setPublicKey) makes no key pair:
    // OpenSSL's EC_KEY_check_key refuses it.
    const own = c.ecdhPublic(this._curve, this._private, false);
    if (own === undefined || this._public === null || Buffer.compare(Buffer.from(own), Buffer.from(this._public)) !== 0) {
      throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair');
    }
    const secret = c.ecdhCompute(this._curve, this._private, pub);
    if (secret === undefined) throw codedError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
    return encode(secret, outEnc);
  }
  getPublicKey(encoding, format) {
    if (this._public === null) throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH public key');
    return encode(formatPoint(this._curve, this._public, format), encoding);
  }
  getPrivateKey(encoding) {
    if (this._private === null) throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH private key');
    // OpenSSL's big number: no leading zero bytes.
    let i = 0;
    while (i < this._private.length - 1 && this._private[i] === 0) i++;
    return encode(this._private.subarray(i), encoding);
  }
  setPrivateKey(key, encoding) {
    let priv = getArrayBufferOrView(key, 'key', encoding);
    if (priv.length > this._size) throw invalidPrivate();
    if (priv.length < this._size) {
      const padded = new Uint8Array(this._size);
      padded.set(priv, this._size - priv.length);
      priv = padded;
    }
    const pub = c.ecdhPublic(this._curve, priv, false);
    if (pub === undefined) throw invalidPrivate();
    this._private = new Uint8Array(priv);
    this._public = pub;
  }
  // Deprecated in Node, still there: any point on the curve, even one that does not
  // belong to the private key.
  setPublicKey(key, encoding) {
    const point = c.ecdhConvert(this._curve, pointArg(getArrayBufferOrView(key, 'key', encoding)), false);
    if (point === undefined) throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to convert Buffer to EC_POINT');
    this._public = point;
    return this;
  }
  static convertKey(key, curve, inEnc, outEnc, format) {
    validateString(curve, 'curve');
    if (curveSizes[curve] === undefined) throw invalidCurve();
    const point = c.ecdhConvert(curve, pointArg(getArrayBufferOrView(key, 'key', inEnc)), false);
    if (point === undefined) throw codedError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to convert Buffer to EC_POINT');
    return encode(formatPoint(curve, point, format), outEnc);
  }
}

function createECDH(curve) {
  return new ECDH(curve);
}

module.exports = { ECDH: require('internal/crypto/util').callable(ECDH), createECDH, getCurves };
