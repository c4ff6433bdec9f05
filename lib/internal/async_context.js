'use strict';
// The async context that AsyncLocalStorage, timers, immediates and nextTick carry: V8's
// continuation-preserved embedder data, which follows promise reactions. V8 only passes
// on what was set, so until something sets a context it is `undefined` everywhere, and
// reading or restoring it needs no call into native code (a server's every tick would
// otherwise make three).

const core = binding.core;
let used = false;

function getContext() {
  return used ? core.getContext() : undefined;
}

function setContext(frame) {
  if (frame !== undefined) used = true;
  if (used) core.setContext(frame);
}

module.exports = { getContext, setContext };
