'use strict';
// CryptoKey (WebCrypto's key object): a KeyObject with the algorithm, usages and
// extractable flag WebCrypto adds. Separate from webcrypto.js so that keys.js
// (KeyObject.from, key arguments given as CryptoKeys) can know CryptoKeys without
// loading SubtleCrypto.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const jsTransferable = () => require('internal/worker/js_transferable');
const kKeyObject = Symbol('kKeyObject');
const kAlgorithm = Symbol('kAlgorithm');
const kExtractable = Symbol('kExtractable');
const kUsages = Symbol('kUsages');
const kConstruct = Symbol('kConstruct');

class CryptoKey {
  constructor(token, keyObject, algorithm, extractable, usages) {
    if (token !== kConstruct) {
      const e = new TypeError('Illegal constructor');
      e.code = 'ERR_ILLEGAL_CONSTRUCTOR';
      throw e;
    }
    this[kKeyObject] = keyObject;
    this[kAlgorithm] = algorithm;
    this[kExtractable] = extractable;
    this[kUsages] = usages;
    // Cloneable (never transferable): the copy keeps the algorithm, usages and
    // extractability, so a non-extractable key stays one.
    jsTransferable().markTransferMode(this, true, false);
  }
  [jsTransferable().kClone]() {
    const { kKey } = require('internal/crypto/keys');
    return {
      data: { key: this[kKeyObject][kKey], algorithm: this[kAlgorithm], extractable: this[kExtractable], usages: this[kUsages] },
      deserializeInfo: 'internal/crypto/webcrypto_keys:CryptoKey',
    };
  }
  [jsTransferable().kDeserialize]({ key, algorithm, extractable, usages }) {
    const { SecretKeyObject, PublicKeyObject, PrivateKeyObject } = require('internal/crypto/keys');
    const Ctor = key.type === 'secret' ? SecretKeyObject : key.type === 'public' ? PublicKeyObject : PrivateKeyObject;
    this[kKeyObject] = new Ctor(key.type, key);
    this[kAlgorithm] = algorithm;
    this[kExtractable] = extractable;
    this[kUsages] = usages;
    jsTransferable().markTransferMode(this, true, false);
  }
  get type() {
    if (!isCryptoKey(this)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kKeyObject].type;
  }
  get extractable() { return this[kExtractable]; }
  get algorithm() { return this[kAlgorithm]; }
  // The same array each time, as in Node.
  get usages() { return this[kUsages]; }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const o = { type: this.type, extractable: this.extractable, algorithm: this.algorithm, usages: this.usages };
    return `CryptoKey ${inspect(o, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
for (const p of ['type', 'extractable', 'algorithm', 'usages']) {
  Object.defineProperty(CryptoKey.prototype, p, { ...Object.getOwnPropertyDescriptor(CryptoKey.prototype, p), enumerable: true });
}

function isCryptoKey(v) {
  return v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, kKeyObject);
}

function newCryptoKey(keyObject, algorithm, extractable, usages) {
  return new CryptoKey(kConstruct, keyObject, algorithm, extractable, usages);
}

module.exports = { CryptoKey, isCryptoKey, newCryptoKey, kKeyObject, kAlgorithm, kExtractable, kUsages };
