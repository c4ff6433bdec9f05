'use strict';
// assert.CallTracker: wraps functions to count their calls, then report() / verify()
// which ones were not called exactly the expected number of times.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE } } = require('internal/errors');

const noop = () => {};

class CallTracker {
  #tracked = new Map(); // proxy -> { name, exact, calls: [{ arguments, thisArg }] }

  calls(fn, exact = 1) {
    if (process._exiting) {
      const err = new Error('Cannot call function in process exit handler');
      err.code = 'ERR_UNAVAILABLE_DURING_EXIT';
      throw err;
    }
    if (typeof fn === 'number') {
      exact = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    if (typeof exact !== 'number') throw new ERR_INVALID_ARG_TYPE('exact', 'number', exact);
    if (!Number.isInteger(exact) || exact < 1 || exact > 4294967295) throw new ERR_OUT_OF_RANGE('exact', '>= 1 && <= 4294967295', exact);
    if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', 'Function', fn);
    const entry = { name: fn.name || 'calls', exact, calls: [] };
    // A null-prototype handler: traps are looked up on it, and only apply is wanted.
    const proxy = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, args) {
        entry.calls.push(Object.freeze({ __proto__: null, arguments: Object.freeze(args.slice()), thisArg }));
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#tracked.set(proxy, entry);
    return proxy;
  }

  getCalls(fn) {
    const entry = this.#tracked.get(fn);
    if (entry === undefined) throw new ERR_INVALID_ARG_VALUE('fn', fn, 'is not a tracked function');
    // Frozen, as Node's: the list, each call and its arguments.
    return Object.freeze(entry.calls.map((c) => Object.freeze({ arguments: c.arguments, thisArg: c.thisArg })));
  }

  reset(fn) {
    if (fn === undefined) {
      for (const e of this.#tracked.values()) e.calls = [];
      return;
    }
    const entry = this.#tracked.get(fn);
    if (entry === undefined) throw new ERR_INVALID_ARG_VALUE('fn', fn, 'is not a tracked function');
    entry.calls = [];
  }

  report() {
    const errors = [];
    for (const entry of this.#tracked.values()) {
      const actual = entry.calls.length;
      if (actual === entry.exact) continue;
      errors.push({
        message: `Expected the ${entry.name} function to be executed ${entry.exact} time(s) but was executed ${actual} time(s).`,
        actual,
        expected: entry.exact,
        operator: entry.name,
        stack: new Error(),
      });
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const { AssertionError } = require('assert');
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    const err = new AssertionError({ message, details: errors });
    err.details = errors;
    throw err;
  }
}

module.exports = { CallTracker };
