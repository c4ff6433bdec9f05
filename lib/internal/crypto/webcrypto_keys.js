'use strict';
// CryptoKey (WebCrypto's key object): a KeyObject with the algorithm, usages and
// extractable flag WebCrypto adds. Separate from webcrypto.js so that keys.js
// (KeyObject.from, key arguments given as CryptoKeys) can know CryptoKeys without
// loading SubtleCrypto.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

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
