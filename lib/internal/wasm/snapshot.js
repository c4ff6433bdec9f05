'use strict';
// WebAssembly and snapshots (docs/wasm-in-snapshots.md).
//
// V8 does not install WebAssembly in a snapshot-creator isolate, so while a snapshot is
// built `globalThis.WebAssembly` is a stand-in whose every use throws
// ERR_AMBER_SNAPSHOT_WASM (uncaught, it fails the build in one line). It is removed
// before the heap is serialized: the restored context gets V8's own WebAssembly.
//
// `precompile(bytes)` declares wire bytes the application compiles after restore. At the
// end of the build amber compiles each declared module in a separate isolate and stores
// V8's serialized native module in the heap beside the hash of the bytes it was made
// from (crates/runtime/src/snapshot.rs, bindings/wasm.rs); `module(bytes)` after restore
// makes the module from it instead of compiling.

const { codes: { ERR_AMBER_SNAPSHOT_WASM, ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { isBuildingSnapshot } = require('internal/snapshot');

// ---- the build-time stand-in ------------------------------------------------------

const placeholder = {};

function refuse(what) {
  // A reference to the stand-in kept in the heap outlives the build.
  const kept = !isBuildingSnapshot() && globalThis.WebAssembly !== placeholder;
  return new ERR_AMBER_SNAPSHOT_WASM(what, kept);
}

for (const name of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'Tag', 'Exception', 'CompileError', 'LinkError', 'RuntimeError']) {
  // A class-like function, so that `x instanceof WebAssembly.Module` answers false
  // instead of throwing; calling or constructing it is the refusal.
  const ctor = {
    [name]: function() {
      throw refuse(new.target ? `new WebAssembly.${name}()` : `WebAssembly.${name}()`);
    },
  }[name];
  Object.defineProperty(placeholder, name, { value: ctor, writable: true, configurable: true, enumerable: false });
}
Object.defineProperty(placeholder, 'validate', {
  value: function validate() {
    throw refuse('WebAssembly.validate()');
  },
  writable: true, configurable: true, enumerable: false,
});
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  // As V8's: the promise rejects, nothing is thrown synchronously.
  const fn = { [name]: function() { return Promise.reject(refuse(`WebAssembly.${name}()`)); } }[name];
  Object.defineProperty(placeholder, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
Object.defineProperty(placeholder, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });

// Installs the stand-in where V8 left WebAssembly out (a snapshot build's contexts).
function installBuildPlaceholder() {
  if (globalThis.WebAssembly !== undefined) return;
  Object.defineProperty(globalThis, 'WebAssembly', { value: placeholder, writable: true, configurable: true, enumerable: false });
}

// Before the heap is serialized: V8 installs its WebAssembly when it deserializes the
// context, and a property of that name left on the global would collide with it.
function removeBuildPlaceholder() {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
  if (desc !== undefined && desc.value === placeholder) delete globalThis.WebAssembly;
}

// ---- the compiled-code cache ------------------------------------------------------

// [{ bytes, key, cache, module }]: `bytes` (the declared wire bytes) until the build
// compiles them; then `key` (hash of the bytes compiled) and `cache` (V8's serialized
// module, an ArrayBuffer, absent if V8 would not compile them), set natively; after
// restore, `module` once module() made it (and `cache` is dropped).
const records = [];
const counters = { fromCache: 0, cacheRejected: 0, reused: 0, compiled: 0 };

function checkBytes(bytes) {
  if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('bytes', ['ArrayBuffer', 'TypedArray', 'DataView'], bytes);
  }
}

// Declares wire bytes to compile into the snapshot. Returns true while a snapshot is
// built (the module's code will be in it), false otherwise (there is no snapshot to
// store it in; nothing is done).
function precompile(bytes) {
  checkBytes(bytes);
  if (!isBuildingSnapshot()) return false;
  // A copy: what is compiled is what was declared, even if the caller reuses its buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes));
  records.push({ bytes: copy, key: undefined, cache: undefined, module: undefined });
  return true;
}

// A WebAssembly.Module of `bytes`: from the snapshot's compiled code when the bytes were
// declared with precompile() at build time, else compiled now.
function moduleOf(bytes) {
  checkBytes(bytes);
  // While building, and in a --warmup run (a context of the snapshot-creator isolate,
  // where V8 would abort the build on a wasm module left in the heap).
  if (isBuildingSnapshot() || globalThis.WebAssembly === placeholder) throw refuse('require("amber:wasm").module()');
  if (records.length > 0) {
    const key = binding.wasm.key(bytes);
    const record = records.find((r) => r.key === key && (r.cache !== undefined || r.module !== undefined));
    if (record !== undefined) {
      // Made once per process: later calls get the same (immutable) module, and the
      // serialized code is let go.
      if (record.module !== undefined) {
        counters.reused++;
        return record.module;
      }
      const [mod, fromCache] = binding.wasm.deserialize(bytes, record.cache);
      if (fromCache) counters.fromCache++;
      else counters.cacheRejected++;
      record.module = mod;
      record.cache = undefined;
      return mod;
    }
  }
  counters.compiled++;
  return new WebAssembly.Module(bytes);
}

// What module() did in this process: { fromCache, cacheRejected, reused, compiled }.
function stats() {
  return { ...counters };
}

// For the build (prepareSnapshot): the records whose bytes are still to be compiled.
function pendingRecords() {
  return records.filter((r) => r.bytes !== undefined);
}

module.exports = { installBuildPlaceholder, removeBuildPlaceholder, precompile, module: moduleOf, stats, pendingRecords };
