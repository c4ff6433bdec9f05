'use strict';
// Intl objects hold native ICU state that V8 cannot put in a snapshot (it aborts on
// the handle). While a snapshot is being built, the Intl constructors are replaced by
// equivalents that create the ICU object on first use and drop it before serializing;
// a restored process re-creates it on demand. Used only in snapshot builds.

const names = ['Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter', 'DisplayNames', 'DurationFormat'];
const live = new Set();
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const building = () => binding.snapshot.mode() === 1;
  for (const name of names) {
    const Real = Intl[name];
    if (typeof Real !== 'function') continue;
    const kArgs = Symbol(`${name}.args`);
    const kReal = Symbol(`${name}.real`);
    const real = (w) => {
      let r = w[kReal];
      if (r === undefined) {
        r = new Real(...w[kArgs]);
        w[kReal] = r;
        if (building()) live.add([w, kReal]);
      }
      return r;
    };
    const callable = name === 'Collator' || name === 'DateTimeFormat' || name === 'NumberFormat';
    const Wrapper = function (...args) {
      if (!new.target) {
        if (callable) return new Wrapper(...args);
        throw new TypeError(`Constructor Intl.${name} requires 'new'`);
      }
      // Validate the arguments now, as the real constructor would; the instance is
      // garbage before any snapshot is written.
      new Real(...args);
      Object.defineProperty(this, kArgs, { value: args });
    };
    Object.defineProperty(Wrapper, 'name', { value: name });
    Object.defineProperty(Wrapper, 'length', { value: Real.length });
    for (const key of Object.getOwnPropertyNames(Real)) {
      if (['length', 'name', 'prototype'].includes(key)) continue;
      Object.defineProperty(Wrapper, key, Object.getOwnPropertyDescriptor(Real, key));
    }
    const proto = Wrapper.prototype;
    for (const key of Reflect.ownKeys(Real.prototype)) {
      if (key === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(Real.prototype, key);
      if (typeof d.value === 'function') {
        Object.defineProperty(proto, key, { ...d, value: { [key](...a) { return real(this)[key](...a); } }[key] });
      } else if (d.get) {
        Object.defineProperty(proto, key, { ...d, get() { return real(this)[key]; }, set: undefined });
      } else {
        Object.defineProperty(proto, key, d);
      }
    }
    Object.defineProperty(Intl, name, { value: Wrapper, writable: true, configurable: true, enumerable: false });
  }
}

// Before serializing: forget every ICU object created during the build.
function dropInstances() {
  for (const [w, key] of live) delete w[key];
  live.clear();
}

module.exports = { install, dropInstances };
