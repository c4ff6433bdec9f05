'use strict';
// Readable's iterator helpers (map, filter, forEach, toArray, some, every, find, reduce,
// flatMap, drop, take, asIndexedPairs) with Node's options: `concurrency` (map, filter,
// forEach, flatMap run up to that many calls of fn at once, results stay in order),
// `highWaterMark` (results computed ahead), and `signal` (an AbortSignal ending the
// operation with an AbortError). fn gets `{ signal }`, aborted when the operation ends.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_MISSING_ARGS }, validateFunction, validateInteger } = require('internal/errors');

const kEmpty = Symbol('kEmpty');
const kEof = Symbol('kEof');

function abortError(cause) {
  const err = new Error('The operation was aborted', cause === undefined ? undefined : { cause });
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}

function validateOptions(options) {
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const signal = options?.signal;
  if (signal != null && (typeof signal !== 'object' || !('aborted' in signal))) throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
}

function map(fn, options) {
  validateFunction(fn, 'fn');
  validateOptions(options);
  let concurrency = 1;
  if (options?.concurrency != null) concurrency = Math.floor(options.concurrency);
  let highWaterMark = concurrency - 1;
  if (options?.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  highWaterMark += concurrency;
  const stream = this;
  return (async function* mapped() {
    const outer = options?.signal;
    const ac = new AbortController();
    const signal = ac.signal;
    const signalOpt = { signal };
    const abort = () => ac.abort();
    if (outer?.aborted) abort();
    outer?.addEventListener('abort', abort);

    const queue = [];
    let inFlight = 0;
    let done = false;
    let next; // wakes the consumer
    let resume; // wakes the producer

    const wake = () => {
      if (next) {
        next();
        next = undefined;
      }
    };
    const maybeResume = () => {
      if (resume && !done && inFlight < concurrency && queue.length < highWaterMark) {
        resume();
        resume = undefined;
      }
    };
    const afterItem = () => {
      inFlight--;
      maybeResume();
    };
    const onError = () => {
      done = true;
      wake();
    };

    (async function pump() {
      try {
        for await (let val of stream) {
          if (done) return;
          if (signal.aborted) throw abortError();
          try {
            val = fn(val, signalOpt);
            if (val === kEmpty) continue;
            val = Promise.resolve(val);
          } catch (err) {
            val = Promise.reject(err);
          }
          inFlight++;
          val.then(afterItem, onError);
          queue.push(val);
          wake();
          if (!done && (queue.length >= highWaterMark || inFlight >= concurrency)) {
            await new Promise((resolve) => { resume = resolve; });
          }
        }
        queue.push(kEof);
      } catch (err) {
        const val = Promise.reject(err);
        val.then(afterItem, onError);
        queue.push(val);
      } finally {
        wake();
        outer?.removeEventListener('abort', abort);
      }
    })();

    try {
      while (true) {
        while (queue.length > 0) {
          const val = await queue[0];
          if (val === kEof) return;
          if (signal.aborted) throw abortError();
          if (val !== kEmpty) yield val;
          queue.shift();
          maybeResume();
        }
        await new Promise((resolve) => { next = resolve; });
      }
    } finally {
      done = true;
      if (resume) {
        resume();
        resume = undefined;
      }
      ac.abort();
    }
  })();
}

function filter(fn, options) {
  validateFunction(fn, 'fn');
  async function filterFn(value, opts) {
    return (await fn(value, opts)) ? value : kEmpty;
  }
  return map.call(this, filterFn, options);
}

async function forEach(fn, options) {
  validateFunction(fn, 'fn');
  async function forEachFn(value, opts) {
    await fn(value, opts);
    return kEmpty;
  }
  // eslint-disable-next-line no-unused-vars
  for await (const unused of map.call(this, forEachFn, options));
}

async function toArray(options) {
  validateOptions(options);
  const result = [];
  for await (const val of this) {
    if (options?.signal?.aborted) throw abortError(options.signal.reason);
    result.push(val);
  }
  return result;
}

async function some(fn, options) {
  // eslint-disable-next-line no-unused-vars
  for await (const unused of filter.call(this, fn, options)) return true;
  return false;
}

async function every(fn, options) {
  validateFunction(fn, 'fn');
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const result of filter.call(this, fn, options)) return result;
  return undefined;
}

async function reduce(reducer, initialValue, options) {
  validateFunction(reducer, 'reducer');
  validateOptions(options);
  let hasInitialValue = arguments.length > 1;
  if (options?.signal?.aborted) {
    const err = abortError(options.signal.reason);
    this.once('error', () => {});
    this.destroy(err);
    await new Promise((resolve) => require('stream').finished(this, () => resolve()));
    throw err;
  }
  const ac = new AbortController();
  const signal = ac.signal;
  const onAbort = () => ac.abort();
  options?.signal?.addEventListener('abort', onAbort, { once: true });
  let gotAny = false;
  try {
    for await (const value of this) {
      gotAny = true;
      if (options?.signal?.aborted) throw abortError();
      if (!hasInitialValue) {
        initialValue = value;
        hasInitialValue = true;
      } else {
        initialValue = await reducer(initialValue, value, { signal });
      }
    }
    if (!gotAny && !hasInitialValue) {
      const err = new ERR_MISSING_ARGS('reduce');
      err.message = 'Reduce of an empty stream requires an initial value';
      throw err;
    }
  } finally {
    ac.abort();
    options?.signal?.removeEventListener('abort', onAbort);
  }
  return initialValue;
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return (async function* flatMapped() {
    for await (const val of values) yield* val;
  })();
}

function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

function drop(number, options) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  const stream = this;
  return (async function* dropped() {
    if (options?.signal?.aborted) throw abortError();
    for await (const val of stream) {
      if (options?.signal?.aborted) throw abortError();
      if (number-- <= 0) yield val;
    }
  })();
}

function take(number, options) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  const stream = this;
  return (async function* taken() {
    if (options?.signal?.aborted) throw abortError();
    if (number <= 0) return;
    for await (const val of stream) {
      if (options?.signal?.aborted) throw abortError();
      if (number-- > 0) yield val;
      // Do not pull another item once enough were taken.
      if (number <= 0) return;
    }
  })();
}

function asIndexedPairs(options) {
  validateOptions(options);
  const stream = this;
  return (async function* indexed() {
    let index = 0;
    for await (const val of stream) {
      if (options?.signal?.aborted) throw abortError(options.signal.reason);
      yield [index++, val];
    }
  })();
}

// readable.compose(stream, { signal }): the composition of this stream and `stream`.
function compose(stream, options) {
  const { isNodeStream, isWritable } = require('internal/streams/utils');
  const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
  if (options != null) validateOptions(options);
  if (isNodeStream(stream) && !isWritable(stream)) throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be writable');
  const composed = require('internal/streams/compose')(this, stream);
  if (options?.signal) require('internal/streams/add-abort-signal').addAbortSignalNoValidate(options.signal, composed);
  return composed;
}

function install(Readable) {
  Object.defineProperty(Readable.prototype, 'compose', {
    value: compose, writable: true, configurable: true, enumerable: false,
  });
  const streamReturning = { asIndexedPairs, drop, filter, flatMap, map, take };
  const promiseReturning = { every, forEach, reduce, toArray, some, find };
  // Node's arities (an `options = undefined` parameter does not count).
  const lengths = { __proto__: null, asIndexedPairs: 0, drop: 1, take: 1, some: 1, every: 1 };
  const define = (name, op, fn) => {
    Object.defineProperty(fn, 'length', { value: lengths[name] ?? op.length, configurable: true });
    Object.defineProperty(Readable.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  };
  // Methods (not constructors), named as the operator.
  for (const [name, op] of Object.entries(streamReturning)) {
    define(name, op, { [name](...args) { return Readable.from(Reflect.apply(op, this, args)); } }[name]);
  }
  for (const [name, op] of Object.entries(promiseReturning)) {
    define(name, op, { [name](...args) { return Reflect.apply(op, this, args); } }[name]);
  }
}

module.exports = { install };
