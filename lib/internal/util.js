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

module.exports = { WeakReference, sleep, customPromisifyArgs, emitExperimentalWarning };
