'use strict';
// Node's binding objects, by Node's binding names, built on amber's own native functions
// and modules: `internalBinding(name)` for `internal/test/binding` (Node's test suite)
// and the legacy `process.binding`. Only what amber really has is there: a binding amber
// has no counterpart for throws `No such binding: <name>`, as Node's does for a name it
// does not know. Each object is made once, so a test that replaces one of its functions
// sees its replacement on the next `internalBinding()` call.

// libuv's error codes: `UV_<NAME>` for each errno amber's table names, `errname()` and
// `getErrorMap()` (errno -> [name, message]).
function uv() {
  const { getSystemErrorMap } = require('util');
  const map = getSystemErrorMap();
  const out = {
    errname(err) {
      return map.get(err)?.[0] ?? `Unknown system error ${err}`;
    },
    getErrorMap() {
      return getSystemErrorMap();
    },
  };
  // Read-only, as the constants of Node's binding.
  for (const [errno, [name]] of map) Object.defineProperty(out, `UV_${name}`, { value: errno, enumerable: true, writable: false, configurable: false });
  return out;
}

// The introspection util.inspect and util.types are built on.
function util() {
  const u = binding.util;
  return {
    constants: { kPending: 0, kFulfilled: 1, kRejected: 2 },
    arrayBufferViewHasBuffer: (view) => u.arrayBufferViewHasBuffer(view),
    // `[state, result]`; a pending promise has no result.
    getPromiseDetails(promise) {
      const details = u.getPromiseState(promise);
      if (details === undefined) return undefined;
      return details[0] === 0 ? [0] : details;
    },
    // `[target, handler]`, or the target alone when `showProxy` is false.
    getProxyDetails(value, showProxy = true) {
      const details = u.getProxyDetails(value);
      if (details === undefined) return undefined;
      return showProxy ? details : details[0];
    },
    // The entries of a Map/Set iterator or WeakMap/WeakSet; with `isIterator`,
    // `[entries, isKeyValue]`.
    previewEntries(value, isIterator) {
      const details = u.previewEntries(value);
      if (details === undefined) return undefined;
      return isIterator ? details : details[0];
    },
    getConstructorName: (object) => u.getConstructorName(object),
    sleep: (msec) => require('internal/util').sleep(msec),
  };
}

// The loop's clock, in whole milliseconds, as libuv's `uv_now`.
function timers() {
  const t = binding.timers;
  return { getLibuvNow: () => Math.floor(t.now()) };
}

// `fill(buffer, value, start, end, encoding)` as Buffer#fill's native half: -1 when a
// string value encodes to nothing, -2 when `end` is past the buffer, and a RangeError for
// a negative index.
function buffer() {
  const index = (v, def) => {
    if (v === undefined) return def;
    const n = Math.trunc(Number(v));
    if (!(n >= 0)) {
      const err = new RangeError('Index out of range');
      err.code = 'ERR_OUT_OF_RANGE';
      throw err;
    }
    return n;
  };
  return {
    fill(buf, value, start, end, encoding) {
      const s = index(start, 0);
      const e = index(end, buf.byteLength);
      if (e > buf.byteLength) return -2;
      if (e <= s) return undefined;
      if (typeof value === 'string' && globalThis.Buffer.byteLength(value, encoding) === 0) return -1;
      globalThis.Buffer.prototype.fill.call(buf, value, s, e, encoding);
      return undefined;
    },
    compare: (a, b) => globalThis.Buffer.compare(a, b),
    byteLengthUtf8: (string) => globalThis.Buffer.byteLength(string, 'utf8'),
    kMaxLength: require('buffer').kMaxLength,
    kStringMaxLength: require('buffer').constants.MAX_STRING_LENGTH,
  };
}

// The constant tables public modules expose, grouped as Node's binding groups them.
function constants() {
  return {
    os: require('os').constants,
    fs: require('fs').constants,
    crypto: require('crypto').constants,
    zlib: require('zlib').constants,
  };
}

// A worker's end of the private port to its parent.
function worker() {
  return { getEnvMessagePort: () => require('internal/worker/thread').envMessagePort() };
}

// What the build has: ICU built in with its full data (bindings/icu.rs), no debug build.
function config() {
  return {
    hasIntl: true,
    hasSmallICU: false,
    isDebugBuild: false,
    hasNodeOptions: true,
    noBrowserGlobals: false,
    bits: 64,
    get hasInspector() { return process.features.inspector; },
  };
}

const builders = { __proto__: null, config, uv, util, timers, buffer, constants, worker, cares_wrap: () => require('internal/dns/cares_wrap') };
const made = new Map();

function internalBinding(name) {
  let b = made.get(name);
  if (b === undefined) {
    const build = builders[name];
    if (build === undefined) throw new Error(`No such binding: ${name}`);
    b = build();
    made.set(name, b);
  }
  return b;
}

module.exports = { internalBinding };
