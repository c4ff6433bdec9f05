'use strict';
// node:timers/promises — promise-returning setTimeout/setImmediate/setInterval.
const t = require('internal/timers');

function abortError(signal) {
  const e = new Error('The operation was aborted', { cause: signal?.reason });
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

function setTimeout(delay, value, options = {}) {
  const { signal, ref = true } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const timer = t.setTimeout(() => resolve(value), delay);
    if (!ref) timer.unref();
    signal?.addEventListener('abort', () => { t.clearTimeout(timer); reject(abortError(signal)); }, { once: true });
  });
}

function setImmediate(value, options = {}) {
  const { signal, ref = true } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const imm = t.setImmediate(() => resolve(value));
    if (!ref) imm.unref();
    signal?.addEventListener('abort', () => { t.clearImmediate(imm); reject(abortError(signal)); }, { once: true });
  });
}

async function* setInterval(delay, value, options = {}) {
  const { signal, ref = true } = options;
  let pending = 0;
  let wake = null;
  const timer = t.setInterval(() => { pending++; if (wake) { wake(); wake = null; } }, delay);
  if (!ref) timer.unref();
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      pending--;
      yield value;
    }
  } finally {
    t.clearInterval(timer);
  }
}

const scheduler = { wait: (delay, options) => setTimeout(delay, undefined, options), yield: () => setImmediate() };
module.exports = { setTimeout, setImmediate, setInterval, scheduler };
