'use strict';
// FinalizationRegistry during a snapshot build. V8 cannot serialize a registry one of
// whose targets died during the build (a fatal check in its serializer aborts the
// build). While a snapshot is being built, `register` therefore records the target
// weakly instead of registering it with V8, and a restored process registers the
// targets still alive (`afterRestore`). Cleanup callbacks for targets collected during
// the build do not run, which the language allows (they are never guaranteed).
// Installed only in snapshot builds.

const Real = globalThis.FinalizationRegistry;
const { mode } = binding.snapshot;
// { registry: WeakRef, target: WeakRef, held, token: WeakRef | undefined }
const deferred = [];
let installed = false;

const canBeHeldWeakly = (v) =>
  (typeof v === 'object' && v !== null) || typeof v === 'function' || (typeof v === 'symbol' && Symbol.keyFor(v) === undefined);

function install() {
  if (installed) return;
  installed = true;
  const building = () => mode() === 1;
  class FinalizationRegistry extends Real {
    register(target, held, token) {
      if (!building()) return super.register(target, held, token);
      if (!canBeHeldWeakly(target)) throw new TypeError('FinalizationRegistry.prototype.register: invalid target');
      if (target === held) throw new TypeError('FinalizationRegistry.prototype.register: target and holdings must not be same');
      if (token !== undefined && !canBeHeldWeakly(token)) throw new TypeError(`FinalizationRegistry.prototype.register: unregisterToken ('${String(token)}') must be an object`);
      deferred.push({ registry: new WeakRef(this), target: new WeakRef(target), held, token: token === undefined ? undefined : new WeakRef(token) });
      return undefined;
    }

    unregister(token) {
      const removedReal = super.unregister(token);
      let removed = false;
      for (let i = deferred.length - 1; i >= 0; i--) {
        const e = deferred[i];
        if (e.registry.deref() === this && e.token !== undefined && e.token.deref() === token) {
          deferred.splice(i, 1);
          removed = true;
        }
      }
      return removedReal || removed;
    }
  }
  Object.defineProperty(globalThis, 'FinalizationRegistry', { value: FinalizationRegistry, writable: true, configurable: true, enumerable: false });
}

// In the restored process: register every target that is still alive.
function afterRestore() {
  for (const e of deferred.splice(0)) {
    const registry = e.registry.deref();
    const target = e.target.deref();
    if (registry === undefined || target === undefined) continue;
    const token = e.token?.deref();
    Reflect.apply(Real.prototype.register, registry, token === undefined ? [target, e.held] : [target, e.held, token]);
  }
}

module.exports = { install, afterRestore };
