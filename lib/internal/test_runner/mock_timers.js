'use strict';
// mock.timers of node:test: while enabled, setTimeout/setInterval/setImmediate (the
// globals, node:timers and node:timers/promises), scheduler.wait and Date run on a
// virtual clock that only tick()/runAll()/setTime() move; reset() puts every
// replaced property back exactly as it was.

const TIMEOUT_MAX = 2 ** 31 - 1;
const SUPPORTED_APIS = ['setTimeout', 'setInterval', 'setImmediate', 'Date', 'scheduler.wait'];

function errors() {
  return require('internal/errors');
}

function abortError(signal) {
  const e = new Error('The operation was aborted', { cause: signal?.reason });
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

function invalidSignal(signal) {
  if (signal === undefined || (signal !== null && typeof signal === 'object' && 'aborted' in signal)) return null;
  return new (errors().codes.ERR_INVALID_ARG_TYPE)('options.signal', 'AbortSignal', signal);
}

// A mocked timer: what the mocked setTimeout/setInterval/setImmediate return.
class MockTimer {
  #timers;
  constructor(timers, id, callback, args, delay, isInterval) {
    this.#timers = timers;
    this.id = id;
    this.callback = callback;
    this.args = args;
    this.delay = delay;
    this.isInterval = isInterval;
    this.runAt = 0;
  }
  // A virtual timer never holds the process open; as in Node's mock, ref() and
  // unref() change nothing and hasRef() is always true.
  hasRef() {
    return true;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  refresh() {
    this.#timers.reschedule(this);
    return this;
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
}

class MockTimers {
  #enabled = false;
  #now = 0;
  #nextId = 1;
  #queue = []; // sorted by runAt, then creation order
  #saved = []; // { target, key, descriptor } to restore
  #apis = new Set();

  #assertEnabled() {
    if (!this.#enabled) {
      throw new (errors().codes.ERR_INVALID_STATE)('You should enable MockTimers first by calling the .enable function');
    }
  }

  #insert(timer) {
    let i = this.#queue.length;
    while (i > 0 && this.#queue[i - 1].runAt > timer.runAt) i--;
    this.#queue.splice(i, 0, timer);
  }

  #remove(timer) {
    const i = this.#queue.indexOf(timer);
    if (i !== -1) this.#queue.splice(i, 1);
  }

  reschedule(timer) {
    this.#remove(timer);
    timer.runAt = this.#now + timer.delay;
    this.#insert(timer);
  }

  // Like Node's mock, the callback is not validated (a bad one throws when due).
  #create(isInterval, callback, delay, args) {
    delay = Number(delay);
    if (!(delay >= 1 && delay <= TIMEOUT_MAX)) delay = 1;
    const timer = new MockTimer(this, this.#nextId++, callback, args, delay, isInterval);
    timer.runAt = this.#now + delay;
    this.#insert(timer);
    return timer;
  }

  #clear(timer) {
    if (timer === null || timer === undefined) return;
    const id = typeof timer === 'object' ? timer.id : Number(timer);
    const found = this.#queue.find((t) => t.id === id);
    if (found !== undefined) this.#remove(found);
  }

  #replace(target, key, value) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    this.#saved.push({ target, key, descriptor });
    Object.defineProperty(target, key, {
      __proto__: null,
      value,
      writable: true,
      configurable: true,
      enumerable: descriptor ? descriptor.enumerable : true,
    });
  }

  #mockPromiseTimeout(delay, value, options = {}) {
    const { signal } = options ?? {};
    const invalid = invalidSignal(signal);
    if (invalid) return Promise.reject(invalid);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#clear(timer);
        reject(abortError(signal));
      };
      const timer = this.#create(false, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      }, delay, []);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #mockPromiseImmediate(value, options = {}) {
    const { signal } = options ?? {};
    const invalid = invalidSignal(signal);
    if (invalid) return Promise.reject(invalid);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#clear(timer);
        reject(abortError(signal));
      };
      const timer = this.#createImmediate(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      }, []);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #createImmediate(callback, args) {
    const timer = new MockTimer(this, this.#nextId++, callback, args, 0, false);
    timer.runAt = this.#now;
    this.#insert(timer);
    return timer;
  }

  #mockPromiseInterval(interval, value, options = {}) {
    const timers = this;
    const { signal } = options ?? {};
    const invalid = invalidSignal(signal);
    return (async function* mockSetInterval() {
      if (invalid) throw invalid;
      let pending = 0;
      let wake = null;
      const timer = timers.#create(true, () => {
        if (wake !== null) {
          const w = wake;
          wake = null;
          w.resolve();
        } else {
          pending++;
        }
      }, interval, []);
      const onAbort = () => {
        timers.#clear(timer);
        if (wake !== null) {
          const w = wake;
          wake = null;
          w.reject(abortError(signal));
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          // Intervals that already fired are delivered before an abort is noticed.
          if (pending > 0) {
            pending--;
          } else {
            if (signal?.aborted) throw abortError(signal);
            await new Promise((resolve, reject) => {
              wake = { resolve, reject };
            });
          }
          yield value;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        timers.#clear(timer);
      }
    })();
  }

  #createDate() {
    const timers = this;
    const OriginalDate = Date;
    function MockDate(...args) {
      if (new.target === undefined) return new OriginalDate(timers.#now).toString();
      return Reflect.construct(OriginalDate, args.length === 0 ? [timers.#now] : args, new.target);
    }
    Object.setPrototypeOf(MockDate, OriginalDate);
    MockDate.prototype = OriginalDate.prototype;
    Object.defineProperty(MockDate, 'name', { __proto__: null, value: 'Date' });
    Object.defineProperty(MockDate, 'length', { __proto__: null, value: 7 });
    MockDate.now = function now() {
      return timers.#now;
    };
    MockDate.isMock = true;
    Object.defineProperty(MockDate, 'toString', {
      __proto__: null,
      configurable: true,
      writable: true,
      value: function toString() {
        return Function.prototype.toString.call(OriginalDate);
      },
    });
    return MockDate;
  }

  enable(options = { __proto__: null, apis: SUPPORTED_APIS, now: 0 }) {
    const { codes, validateObject } = errors();
    if (this.#enabled) throw new codes.ERR_INVALID_STATE('MockTimers is already enabled!');
    validateObject(options, 'options');
    const { apis = SUPPORTED_APIS } = options;
    let { now = 0 } = options;
    if (!Array.isArray(apis)) throw new codes.ERR_INVALID_ARG_TYPE('options.apis', 'Array', apis);
    for (const api of apis) {
      if (typeof api !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('options.apis', 'string', api);
      if (!SUPPORTED_APIS.includes(api)) {
        throw new codes.ERR_INVALID_ARG_VALUE('options.apis', api, `option ${api} is not supported`);
      }
    }
    if (now instanceof Date) now = now.getTime();
    if (apis.includes('Date') && globalThis.Date.isMock === true) {
      throw new codes.ERR_INVALID_STATE('Date is already being mocked!');
    }
    if (typeof now !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('options.now', ['number', 'Date'], now);
    if (!(now >= 0)) throw new codes.ERR_INVALID_ARG_VALUE('options.now', now, 'epoch must be a positive integer');
    this.#now = now;
    this.#apis = new Set(apis);
    this.#enabled = true;

    const nodeTimers = require('timers');
    const nodeTimersPromises = require('timers/promises');
    const setTimeout = (callback, delay, ...args) => this.#create(false, callback, delay, args);
    const setInterval = (callback, delay, ...args) => this.#create(true, callback, delay, args);
    const setImmediate = (callback, ...args) => this.#createImmediate(callback, args);
    const clear = (timer) => this.#clear(timer);
    if (this.#apis.has('setTimeout')) {
      for (const target of [globalThis, nodeTimers]) {
        this.#replace(target, 'setTimeout', setTimeout);
        this.#replace(target, 'clearTimeout', clear);
      }
      this.#replace(nodeTimersPromises, 'setTimeout', (delay, value, opts) => this.#mockPromiseTimeout(delay, value, opts));
    }
    if (this.#apis.has('setInterval')) {
      for (const target of [globalThis, nodeTimers]) {
        this.#replace(target, 'setInterval', setInterval);
        this.#replace(target, 'clearInterval', clear);
      }
      this.#replace(nodeTimersPromises, 'setInterval', (interval, value, opts) => this.#mockPromiseInterval(interval, value, opts));
    }
    if (this.#apis.has('setImmediate')) {
      for (const target of [globalThis, nodeTimers]) {
        this.#replace(target, 'setImmediate', setImmediate);
        this.#replace(target, 'clearImmediate', clear);
      }
      this.#replace(nodeTimersPromises, 'setImmediate', (value, opts) => this.#mockPromiseImmediate(value, opts));
    }
    if (this.#apis.has('scheduler.wait') && nodeTimersPromises.scheduler) {
      this.#replace(nodeTimersPromises.scheduler, 'wait', (delay, opts) => this.#mockPromiseTimeout(delay, undefined, opts));
    }
    if (this.#apis.has('Date')) this.#replace(globalThis, 'Date', this.#createDate());
  }

  setTime(milliseconds) {
    errors().validateNumber(milliseconds, 'milliseconds');
    this.#assertEnabled();
    this.#now = milliseconds;
  }

  tick(time = 1) {
    const { codes, validateNumber } = errors();
    this.#assertEnabled();
    validateNumber(time, 'time');
    if (time < 0) throw new codes.ERR_INVALID_ARG_VALUE('time', time, 'positive integer');
    // As in Node, the clock moves first: callbacks see the time tick() reached.
    const target = this.#now + time;
    this.#now = target;
    while (this.#queue.length > 0 && this.#queue[0].runAt <= target) {
      const timer = this.#queue.shift();
      if (timer.isInterval) {
        timer.runAt += timer.delay;
        this.#insert(timer);
      }
      Reflect.apply(timer.callback, undefined, timer.args);
    }
    this.#now = target;
  }

  runAll() {
    this.#assertEnabled();
    if (this.#queue.length === 0) return;
    const last = this.#queue[this.#queue.length - 1];
    this.tick(Math.max(last.runAt - this.#now, 0));
  }

  reset() {
    if (!this.#enabled) return;
    this.#enabled = false;
    for (let i = this.#saved.length - 1; i >= 0; i--) {
      const { target, key, descriptor } = this.#saved[i];
      if (descriptor === undefined) delete target[key];
      else Object.defineProperty(target, key, descriptor);
    }
    this.#saved = [];
    this.#queue = [];
    this.#now = 0;
  }

  [Symbol.dispose]() {
    this.reset();
  }
}

module.exports = { MockTimers };
