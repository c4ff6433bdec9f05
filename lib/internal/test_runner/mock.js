'use strict';
// Mocks of node:test: MockTracker (`mock` and `t.mock`) creates mock functions,
// methods, getters and setters that record every call and can be restored;
// `t.mock` is reset when its test ends. `timers` is in mock_timers.js.

const kDefaultTimes = Infinity;

function errors() {
  return require('internal/errors');
}

class MockFunctionContext {
  #calls = [];
  #mocks = new Map();
  #implementation;
  #original;
  #restore;
  #times;
  #onceCount = 0;

  constructor(implementation, restore, times) {
    this.#original = implementation;
    this.#implementation = implementation;
    this.#restore = restore;
    this.#times = times;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    errors().validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    errors().validateFunction(implementation, 'implementation');
    const nextCall = this.#calls.length;
    const call = onCall ?? nextCall;
    errors().validateInteger(call, 'onCall', nextCall);
    this.#mocks.set(call, implementation);
  }

  restore() {
    const { descriptor, object, original, methodName } = this.#restore;
    if (typeof methodName === 'string' || typeof methodName === 'symbol') {
      // A method mock: put the original property back.
      Object.defineProperty(object, methodName, descriptor);
    } else {
      // This is a bare function spy; there is no property to restore.
      this.#implementation = original;
    }
  }

  resetCalls() {
    this.#calls = [];
  }

  trackCall(call) {
    this.#calls.push(call);
  }

  nextImpl() {
    const nextCall = this.#calls.length;
    const once = this.#mocks.get(nextCall);
    const impl = once ?? this.#implementation;
    if (once !== undefined) this.#mocks.delete(nextCall);
    if (nextCall + 1 === this.#times) this.restore();
    return impl;
  }
}

class MockTracker {
  #mocks = [];
  #timers;

  fn(original = function () {}, implementation = original, options = {}) {
    const { validateFunction, validateObject } = errors();
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function () {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { times = kDefaultTimes } = options;
    validateTimes(times);
    const ctx = new MockFunctionContext(implementation, { original }, times);
    return this.#setupMock(ctx, original);
  }

  method(objectOrFunction, methodName, implementation = kDefault, options = {}) {
    const { codes, validateObject, validateFunction, validateBoolean } = errors();
    if (objectOrFunction === null || (typeof objectOrFunction !== 'object' && typeof objectOrFunction !== 'function')) {
      throw new codes.ERR_INVALID_ARG_TYPE('object', ['Object', 'Function'], objectOrFunction);
    }
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw new codes.ERR_INVALID_ARG_TYPE('methodName', ['string', 'symbol'], methodName);
    }
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefault;
    }
    validateObject(options, 'options');
    const { getter = false, setter = false, times = kDefaultTimes } = options;
    validateBoolean(getter, 'options.getter');
    validateBoolean(setter, 'options.setter');
    validateTimes(times);
    if (setter && getter) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.setter', setter, "cannot be used with 'options.getter'");
    }
    const descriptor = findMethodOnPrototypeChain(objectOrFunction, methodName);
    let original;
    if (getter) original = descriptor?.get;
    else if (setter) original = descriptor?.set;
    else original = descriptor?.value;
    if (typeof original !== 'function') {
      throw new codes.ERR_INVALID_ARG_VALUE('methodName', original, 'must be a method');
    }
    if (implementation === kDefault) implementation = original;
    validateFunction(implementation, 'implementation');
    // Restoring defines the descriptor found (own or inherited) on the object, as
    // Node does.
    const ctx = new MockFunctionContext(implementation, {
      descriptor,
      object: objectOrFunction,
      original,
      methodName,
    }, times);
    const mock = this.#setupMock(ctx, original);
    const mockDescriptor = { __proto__: null, configurable: descriptor.configurable, enumerable: descriptor.enumerable };
    if (getter) {
      mockDescriptor.get = mock;
      mockDescriptor.set = descriptor.set;
    } else if (setter) {
      mockDescriptor.get = descriptor.get;
      mockDescriptor.set = mock;
    } else {
      mockDescriptor.writable = descriptor.writable;
      mockDescriptor.value = mock;
    }
    Object.defineProperty(objectOrFunction, methodName, mockDescriptor);
    return mock;
  }

  getter(object, methodName, implementation = kDefault, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefault;
    } else {
      errors().validateObject(options, 'options');
    }
    const { getter = true } = options;
    if (getter === false) {
      throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.getter', getter, 'cannot be false');
    }
    return this.method(object, methodName, implementation, { ...options, getter });
  }

  setter(object, methodName, implementation = kDefault, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefault;
    } else {
      errors().validateObject(options, 'options');
    }
    const { setter = true } = options;
    if (setter === false) {
      throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.setter', setter, 'cannot be false');
    }
    return this.method(object, methodName, implementation, { ...options, setter });
  }

  get timers() {
    if (this.#timers === undefined) {
      emitExperimentalWarning('The MockTimers API');
      const { MockTimers } = require('internal/test_runner/mock_timers');
      this.#timers = new MockTimers();
    }
    return this.#timers;
  }

  reset() {
    this.restoreAll();
    this.#timers?.reset();
    this.#mocks = [];
  }

  restoreAll() {
    for (const ctx of this.#mocks) ctx.restore();
  }

  #setupMock(ctx, fnToMatch) {
    const mock = new Proxy(fnToMatch, {
      __proto__: null,
      apply(target, thisArg, argList) {
        const fn = ctx.nextImpl();
        let result;
        let error;
        try {
          result = Reflect.apply(fn, thisArg, argList);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          ctx.trackCall({ __proto__: null, arguments: argList, error, result, stack: new Error(), target: undefined, this: thisArg });
        }
        return result;
      },
      construct(target, argList, newTarget) {
        const realTarget = ctx.nextImpl();
        let result;
        let error;
        try {
          result = Reflect.construct(realTarget, argList, newTarget);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          ctx.trackCall({ __proto__: null, arguments: argList, error, result, stack: new Error(), target, this: result });
        }
        return result;
      },
      get(target, property, receiver) {
        if (property === 'mock') return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
    this.#mocks.push(ctx);
    return mock;
  }
}

const kDefault = Symbol('kDefault');

// Node warns once per process and feature.
const warned = new Set();
function emitExperimentalWarning(feature) {
  if (warned.has(feature)) return;
  warned.add(feature);
  process.emitWarning(`${feature} is an experimental feature and might change at any time`, 'ExperimentalWarning');
}

function validateTimes(times) {
  if (times === Infinity) return;
  errors().validateInteger(times, 'options.times', 1);
}

function findMethodOnPrototypeChain(instance, methodName) {
  let host = instance;
  let descriptor;
  while (host !== null) {
    descriptor = Object.getOwnPropertyDescriptor(host, methodName);
    if (descriptor) break;
    host = Object.getPrototypeOf(host);
  }
  return descriptor;
}

module.exports = { MockTracker, MockFunctionContext };
