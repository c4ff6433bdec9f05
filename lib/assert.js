'use strict';
// node:assert — ok/equal/deepEqual/strict variants/throws/rejects/match with
// AssertionError messages in Node's style.

const { inspect } = require('internal/inspect');
// V8's check, so a RegExp from another realm (a vm context) counts too.
const { isRegExp } = binding.types;

class AssertionError extends Error {
  constructor(options) {
    require('internal/errors').validateObject(options, 'options');
    const { message, actual, expected, operator } = options;
    super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
    this.generatedMessage = message === undefined;
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    captureAssertionStack(this, options.stackStartFn ?? new.target);
  }

  // Inspected with actual/expected at depth 0 and long strings shortened, as in
  // Node: the message already shows the values.
  [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx) {
    const tmpActual = this.actual;
    const tmpExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = addEllipsis(this.actual);
    if (typeof this.expected === 'string') this.expected = addEllipsis(this.expected);
    const result = inspect(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = tmpActual;
    this.expected = tmpExpected;
    return result;
  }
}
Object.defineProperty(AssertionError.prototype, 'name', { __proto__: null, value: 'AssertionError', writable: true, configurable: true });

// The stack begins `AssertionError [ERR_ASSERTION]: message`, as Node's does, while
// `name` stays 'AssertionError'.
function captureAssertionStack(err, stackStartFn) {
  Object.defineProperty(err, 'name', { __proto__: null, value: 'AssertionError [ERR_ASSERTION]', configurable: true, writable: true });
  Error.captureStackTrace(err, stackStartFn);
  err.stack; // eslint-disable-line no-unused-expressions
  delete err.name;
}

function addEllipsis(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  } else if (string.length > 512) {
    return `${string.slice(512)}...`;
  }
  return string;
}

const opDescriptions = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  deepEqual: 'Expected values to be loosely deep-equal:',
  equal: 'Expected values to be loosely equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notEqual: 'Expected "actual" to be loosely unequal to:',
};

function inspectLines(value) {
  return inspect(value, { compact: false, sorted: true, getters: true, depth: 1000, customInspect: false }).split('\n');
}

// Line diff (longest common subsequence) in which lines that differ only by a
// trailing comma count as equal, as Node's assertion messages do.
function lineDiff(a, e) {
  const norm = (l) => (l.endsWith(',') ? l.slice(0, -1) : l);
  const n = a.length;
  const m = e.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = norm(a[i]) === norm(e[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && norm(a[i]) === norm(e[j])) {
      out.push(`  ${a[i].endsWith(',') ? a[i] : e[j]}`);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) {
      out.push(`- ${e[j++]}`);
    } else {
      out.push(`+ ${a[i++]}`);
    }
  }
  return out;
}

function defaultMessage(actual, expected, operator) {
  const desc = opDescriptions[operator];
  if (desc === undefined) return `${inspect(actual)} ${operator} ${inspect(expected)}`;
  const a = inspectLines(actual);
  if (operator === 'notStrictEqual' || operator === 'notDeepStrictEqual') {
    // One value is shown; an object or function for notStrictEqual is "reference-equal".
    const base = operator === 'notStrictEqual' && ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')
      ? 'Expected "actual" not to be reference-equal to "expected":' : desc;
    if (a.length > 50) {
      a[46] = '...';
      a.length = 47;
    }
    if (a.length === 1) return `${base}${a[0].length > 5 ? '\n\n' : ' '}${a[0]}`;
    return `${base}\n\n${a.join('\n')}\n`;
  }
  if (operator.startsWith('not')) {
    if (a.length === 1 && a[0].length < 60) return `${desc} ${a[0]}`;
    return `${desc}\n\n${a.join('\n')}\n`;
  }
  const e = inspectLines(expected);
  if (operator === 'strictEqual' && a.join('\n') === e.join('\n') &&
      ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
    return `Values have same structure but are not reference-equal:\n\n${a.join('\n')}\n`;
  }
  if (a.length === 1 && e.length === 1 && a[0] !== e[0] && a[0].length + e[0].length <= 12 &&
      (typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null)) {
    return `${desc}\n\n${a[0]} !== ${e[0]}\n`;
  }
  const objects = operator === 'strictEqual' &&
    ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
     (typeof actual === 'function' && typeof expected === 'function'));
  const head = objects ? 'Expected "actual" to be reference-equal to "expected":' : desc;
  return `${head}\n+ actual - expected\n\n${lineDiff(a, e).join('\n')}`;
}

const comparisons = require('internal/comparisons');
function isDeepEqual(a, b, strict) {
  return strict ? comparisons.isDeepStrictEqual(a, b) : comparisons.isDeepEqual(a, b);
}

function fail(actual, expected, message, operator, stackStartFn) {
  if (message instanceof Error) throw message;
  // Node keeps the diff under a custom message for strict (deep) equality.
  if (message !== undefined && (operator === 'strictEqual' || operator === 'deepStrictEqual')) {
    const generated = defaultMessage(actual, expected, operator);
    message = `${message}${generated.slice(generated.indexOf('\n'))}`;
    const err = new AssertionError({ message, actual, expected, operator });
    err.generatedMessage = false;
    captureAssertionStack(err, stackStartFn);
    throw err;
  }
  const err = new AssertionError({ message, actual, expected, operator });
  captureAssertionStack(err, stackStartFn);
  throw err;
}

// A falsy value: the message is generated unless one was given (generatedMessage
// says which, as in Node).
function failOk(value, message, generated, stackStartFn) {
  const err = new AssertionError({ message, actual: value, expected: true, operator: '==' });
  err.generatedMessage = generated;
  captureAssertionStack(err, stackStartFn);
  throw err;
}

// The source text of the call of `fn` that failed (`assert.ok(a === b)`), read from
// the caller's file as Node does; undefined when the source is not a readable file.
function callSource(fn) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 10;
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  // The caller's frame (node:test's t.assert wrappers are skipped). A call from a
  // builtin module is not quoted: its source is not a file to read.
  let m = null;
  for (const frame of String(holder.stack).split('\n').slice(1)) {
    if (/[( ]node:internal\/test_runner\//.test(frame)) continue;
    if (/\(node:|at node:/.test(frame)) return undefined;
    m = /\(?((?:\/|file:\/\/)[^()]*?):(\d+):(\d+)\)?$/.exec(frame);
    break;
  }
  if (m === null) return undefined;
  let source;
  try {
    const file = m[1].startsWith('file://') ? require('url').fileURLToPath(m[1]) : m[1];
    source = require('fs').readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = source.split('\n');
  const lineIndex = Number(m[2]) - 1;
  if (lineIndex >= lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < lineIndex; i++) offset += lines[i].length + 1;
  let pos = offset + Number(m[3]) - 1;
  // Back over the callee (`assert.ok`, `t.assert.ok`) to where the call starts.
  let start = pos;
  while (start > 0 && /[\p{ID_Continue}$.]/u.test(source[start - 1])) start--;
  // A callee continued from the previous line (`assert\n  .ok(...)`) is quoted from its name.
  while (source[start] === '.') start++;
  while (pos < source.length && /[\p{ID_Continue}$.\s]/u.test(source[pos])) pos++;
  if (source[pos] !== '(') return undefined;
  let depth = 0;
  let quote = null;
  for (; pos < source.length; pos++) {
    const c = source[pos];
    if (quote !== null) {
      if (c === '\\') pos++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return { code: source.slice(start, pos + 1), column: start - source.lastIndexOf('\n', start - 1) - 1 };
    }
  }
  return undefined;
}

function falsyMessage(fn) {
  const call = callSource(fn);
  if (call === undefined) return undefined;
  // Continuation lines lose as much leading space as the call is indented (at most),
  // then are indented by two spaces; control characters are shown escaped.
  const [first, ...rest] = call.code.split(/\r?\n/);
  let text = first;
  for (const line of rest) {
    let i = 0;
    while (i < call.column && (line[i] === ' ' || line[i] === '\t')) i++;
    text += `\n  ${line.slice(i)}`;
  }
  text = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `The expression evaluated to a falsy value:\n\n  ${text}\n`;
}

// An Error given as the message is thrown as it is (one of another realm too).
function isError(value) {
  return binding.types.isNativeError(value) || value instanceof Error;
}

function innerOk(fn, argLen, value, message) {
  if (!value) {
    if (isError(message)) throw message;
    const generated = message === undefined;
    const text = !generated ? message : argLen === 0 ? 'No value argument passed to `assert.ok()`' : falsyMessage(fn) ?? `${inspect(value)} == true`;
    failOk(value, text, generated, fn);
  }
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

function assert(...args) {
  innerOk(assert, args.length, ...args);
}

assert.ok = ok;
assert.AssertionError = AssertionError;
// assert.fail(message), or the deprecated (DEP0094) fail(actual, expected[, message[,
// operator[, stackStartFn]]]): with two values the operator is '!=' and the message
// compares them.
let failWarned = false;
assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!failWarned) {
      failWarned = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message });
  if (internalMessage) err.generatedMessage = true;
  throw err;
};
assert.equal = function equal(a, b, m) { if (!(a == b || (a !== a && b !== b))) fail(a, b, m, '==', equal); };
assert.notEqual = function notEqual(a, b, m) { if (a == b || (a !== a && b !== b)) fail(a, b, m, '!=', notEqual); };
assert.strictEqual = function strictEqual(a, b, m) { if (!Object.is(a, b)) fail(a, b, m, 'strictEqual', strictEqual); };
assert.notStrictEqual = function notStrictEqual(a, b, m) { if (Object.is(a, b)) fail(a, b, m, 'notStrictEqual', notStrictEqual); };
assert.deepEqual = function deepEqual(a, b, m) { if (!isDeepEqual(a, b, false)) fail(a, b, m, 'deepEqual', deepEqual); };
assert.notDeepEqual = function notDeepEqual(a, b, m) { if (isDeepEqual(a, b, false)) fail(a, b, m, 'notDeepEqual', notDeepEqual); };
assert.deepStrictEqual = function deepStrictEqual(a, b, m) { if (!isDeepEqual(a, b, true)) fail(a, b, m, 'deepStrictEqual', deepStrictEqual); };
assert.notDeepStrictEqual = function notDeepStrictEqual(a, b, m) { if (isDeepEqual(a, b, true)) fail(a, b, m, 'notDeepStrictEqual', notDeepStrictEqual); };

// ---- throws / rejects ------------------------------------------------------
// What a call gave when it did not throw or reject.
const kNoException = Symbol('no exception');

function getActual(fn) {
  if (typeof fn !== 'function') throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('fn', 'Function', fn);
  try {
    fn();
  } catch (err) {
    return err;
  }
  return kNoException;
}

// A promise, or a thenable object that also has `catch`.
function isPromiseLike(value) {
  return binding.types.isPromise(value) ||
    (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
}

async function waitForActual(promiseFn) {
  const { codes } = require('internal/errors');
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isPromiseLike(promise)) throw new codes.ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', promise);
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn;
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return kNoException;
}

// The expected key of an error that differs: a deepStrictEqual failure over the keys
// compared (a RegExp that matches shows as the matched text), reported as `fn`'s.
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (!(key in obj)) continue;
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) && obj[key].exec(actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = obj[key];
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (key in actual && isDeepEqual(actual[key], expected[key], true)) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys), expected: new Comparison(expected, keys, actual), operator: 'deepStrictEqual', stackStartFn: fn,
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  failWith(actual, expected, message, fn.name, fn);
}

function failWith(actual, expected, message, operator, stackStartFn) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ actual, expected, message, operator, stackStartFn });
}

// Whether `actual` is what `expected` (a RegExp, an object of keys, an Error class or
// a validation function) describes; if not, an AssertionError says why.
function expectedException(actual, expected, message, fn) {
  let generated = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generated = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) {
        throw new (require('internal/errors').codes.ERR_INVALID_ARG_VALUE)('error', expected, 'may not be an empty object');
      }
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) continue;
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Error.isPrototypeOf(expected)) {
    if (!message) {
      generated = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (binding.types.isNativeError(actual) || actual instanceof Error) {
        const name = actual.constructor?.name || actual.name;
        message += expected.name === name ? 'an error with identical name but a different prototype.' : `"${name}"`;
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res === true) return;
    if (!message) {
      generated = true;
      const name = expected.name ? `"${expected.name}" ` : '';
      message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
      if (binding.types.isNativeError(actual) || actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
    }
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generated;
  throw err;
}

// `argCount`: how many arguments followed the function (a string `error` with a
// message after it is a mistake).
function expectsError(fn, actual, error, message, argCount) {
  const { codes } = require('internal/errors');
  if (typeof error === 'string') {
    if (argCount === 2) throw new codes.ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw new codes.ERR_AMBIGUOUS_ARGUMENT('error/message', `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw new codes.ERR_AMBIGUOUS_ARGUMENT('error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }
  if (actual === kNoException) {
    let details = error?.name ? ` (${error.name})` : '';
    details += message ? `: ${message}` : '.';
    const what = fn === assert.rejects ? 'rejection' : 'exception';
    throw new AssertionError({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${what}${details}`, stackStartFn: fn });
  }
  if (!error) return;
  expectedException(actual, error, message, fn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(fn, actual, error, message) {
  if (actual === kNoException) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const what = fn === assert.doesNotReject ? 'rejection' : 'exception';
    throw new AssertionError({
      actual, expected: error, operator: fn.name, message: `Got unwanted ${what}${details}\nActual message: "${actual?.message}"`, stackStartFn: fn,
    });
  }
  throw actual;
}

assert.throws = function throws(fn, ...args) {
  expectsError(throws, getActual(fn), args[0], args[1], args.length);
};
assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), args[0], args[1], args.length);
};
assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
};
assert.doesNotReject = async function doesNotReject(promiseFn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(promiseFn), ...args);
};
assert.match = function match(s, re, m) { if (!re.test(s)) fail(s, re, m ?? `The input did not match the regular expression ${re}. Input:\n\n${inspect(s)}\n`, 'match', match); };
assert.doesNotMatch = function doesNotMatch(s, re, m) { if (re.test(s)) fail(s, re, m ?? `The input was expected to not match the regular expression ${re}. Input:\n\n${inspect(s)}\n`, 'doesNotMatch', doesNotMatch); };
// Throws an AssertionError for any value but null and undefined. Its stack is the
// caller's frames down to where they meet the error's own, then the error's frames,
// so both places show.
assert.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let shown;
  if (typeof err === 'object' && err !== null && typeof err.message === 'string') {
    shown = err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    shown = inspect(err);
  }
  const newErr = new AssertionError({
    actual: err, expected: null, operator: 'ifError', message: `ifError got unwanted exception: ${shown}`, stackStartFn: ifError,
  });
  const origStack = err?.stack;
  if (typeof origStack === 'string') {
    const start = origStack.indexOf('\n    at');
    if (start !== -1) {
      const origFrames = origStack.slice(start + 1).split('\n');
      let newFrames = newErr.stack.split('\n');
      for (const frame of origFrames) {
        const at = newFrames.indexOf(frame);
        if (at !== -1) {
          newFrames = newFrames.slice(0, at);
          break;
        }
      }
      newErr.stack = `${newFrames.join('\n')}\n${origFrames.join('\n')}`;
    }
  }
  throw newErr;
};
assert.isDeepStrictEqual = (a, b) => isDeepEqual(a, b, true);
Object.defineProperty(assert, 'CallTracker', { enumerable: true, configurable: true, writable: true, value: require('internal/assert_calltracker').CallTracker });

const strict = Object.assign(function strict(...args) { innerOk(strict, args.length, ...args); }, assert, {
  equal: assert.strictEqual, notEqual: assert.notStrictEqual, deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
