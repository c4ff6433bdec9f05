'use strict';
// node:timers/promises — promise-returning setTimeout/setImmediate, the setInterval
// async iterator and `scheduler`. Arguments are checked as Node checks them (a bad one
// rejects, or throws from the iterator's first step); an AbortSignal cancels the timer,
// and its listener is removed once the timer settles.

const t = require('internal/timers');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
  validateObject, validateBoolean,
} = require('internal/errors');

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

// The options every form takes: `{ signal, ref }`.
function checkOptions(options) {
  validateObject(options, 'options');
  const { signal, ref } = options;
  validateAbortSignal(signal, 'options.signal');
  if (ref !== undefined) validateBoolean(ref, 'options.ref');
  return { signal, ref: ref !== false };
}

// A promise settled by a timer made with `start(resolve)`, cancelled by `cancel(timer)`
// when the signal aborts.
function timerPromise(options, start, cancel) {
  let signal;
  let ref;
  try {
    ({ signal, ref } = checkOptions(options));
  } catch (err) {
    return Promise.reject(err);
  }
  if (signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  let onAbort;
  const promise = new Promise((resolve, reject) => {
    const timer = start(resolve);
    if (!ref) timer.unref();
    if (signal) {
      onAbort = () => {
        cancel(timer);
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return signal ? promise.finally(() => signal.removeEventListener('abort', onAbort)) : promise;
}

function setTimeout(after, value, options = {}) {
  if (after !== undefined && typeof after !== 'number') return Promise.reject(new ERR_INVALID_ARG_TYPE('delay', 'number', after));
  return timerPromise(options, (resolve) => t.setTimeout(resolve, after, value), t.clearTimeout);
}

function setImmediate(value, options = {}) {
  return timerPromise(options, (resolve) => t.setImmediate(resolve, value), t.clearImmediate);
}

async function* setInterval(after, value, options = {}) {
  const { signal, ref } = checkOptions(options);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  let interval;
  let onAbort;
  try {
    let notYielded = 0;
    let wake;
    interval = t.setInterval(() => {
      notYielded++;
      if (wake) {
        wake();
        wake = undefined;
      }
    }, after);
    if (!ref) interval.unref();
    if (signal) {
      onAbort = () => {
        t.clearInterval(interval);
        if (wake) {
          wake(Promise.reject(new AbortError(undefined, { cause: signal.reason })));
          wake = undefined;
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
    while (!signal?.aborted) {
      if (notYielded === 0) await new Promise((resolve) => { wake = resolve; });
      for (; notYielded > 0; notYielded--) yield value;
    }
    throw new AbortError(undefined, { cause: signal?.reason });
  } finally {
    t.clearInterval(interval);
    signal?.removeEventListener('abort', onAbort);
  }
}

// `scheduler` (the Scheduling APIs draft): `wait(delay, options)` and `yield()`.
const kScheduler = Symbol('kScheduler');
let constructing = false;
class Scheduler {
  constructor() {
    if (!constructing) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kScheduler] = true;
  }
  yield() {
    if (!this?.[kScheduler]) throw new ERR_INVALID_THIS('Scheduler');
    return setImmediate();
  }
  wait(delay, options) {
    if (!this?.[kScheduler]) throw new ERR_INVALID_THIS('Scheduler');
    return setTimeout(delay, undefined, options);
  }
}
constructing = true;
const scheduler = new Scheduler();
constructing = false;

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
