'use strict';
// A few helpers under the names Node's own internal/util gives them, for code run with
// --expose-internals (Node's test suite): only what amber implements for real.

// A reference that does not keep its object alive until incRef() makes it strong.
class WeakReference {
  #weak;
  #strong = null;
  #refs = 0;
  constructor(object) {
    this.#weak = new WeakRef(object);
  }
  get() { return this.#weak.deref(); }
  incRef() {
    if (++this.#refs === 1) this.#strong = this.#weak.deref() ?? null;
    return this.#refs;
  }
  decRef() {
    if (--this.#refs === 0) this.#strong = null;
    return this.#refs;
  }
}

// Blocks the thread for `msec` milliseconds (Atomics.wait on a private buffer).
function sleep(msec) {
  const { validateUint32 } = require('internal/errors');
  validateUint32(msec, 'msec');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, msec);
}

// The names of a callback's values, for util.promisify to resolve an object with.
const customPromisifyArgs = Symbol('customPromisifyArgs');

// Warns once per feature that it is experimental.
const experimentalWarned = new Set();
function emitExperimentalWarning(feature) {
  if (experimentalWarned.has(feature)) return;
  experimentalWarned.add(feature);
  process.emitWarning(`${feature} is an experimental feature and might change at any time`, 'ExperimentalWarning');
}

// An encoding name as Buffer and the string codecs know it ('utf8', 'utf16le', 'latin1',
// 'base64', 'base64url', 'hex', 'ascii'), or undefined for one they do not; a missing or
// empty name is utf8.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  if (typeof enc !== 'string') return undefined;
  switch (enc.toLowerCase()) {
    case '': case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default: return undefined;
  }
}

// Whether `e` is an Error from any realm: a native error, or an object whose prototype
// chain has Error.prototype.
function isError(e) {
  return require('util').types.isNativeError(e) || e instanceof Error;
}

// A class that can also be called without `new` (Node's legacy constructors).
function createClassWrapper(type) {
  function classWrapper(...args) {
    return Reflect.construct(type, args, new.target || type);
  }
  Object.defineProperties(classWrapper, Object.getOwnPropertyDescriptors(type));
  Object.setPrototypeOf(classWrapper, type);
  return classWrapper;
}

// Crypto is always built in (RustCrypto and rustls): nothing to assert.
function assertCrypto() {}

// Frozen descriptors and objects the library shares instead of allocating.
const kEnumerableProperty = { __proto__: null };
kEnumerableProperty.enumerable = true;
Object.freeze(kEnumerableProperty);
const kEmptyObject = Object.freeze({ __proto__: null });

module.exports = {
  WeakReference, sleep, customPromisifyArgs, emitExperimentalWarning, normalizeEncoding, isError,
  createClassWrapper, assertCrypto, kEnumerableProperty, kEmptyObject,
};
