'use strict';
// node:assert — ok/equal/deepEqual/strict variants/throws/rejects/match with
// AssertionError messages in Node's style.

const { inspect } = require('internal/inspect');
// V8's check, so a RegExp from another realm (a vm context) counts too.
const { isRegExp } = binding.types;

class AssertionError extends Error {
  constructor(options) {
    require('internal/errors').validateObject(options, 'options');
    const { message, operator } = options;
    let { actual, expected } = options;
    let text;
    if (message != null) {
      // A custom message keeps the diff of strict (deep) equality below it, as in Node.
      text = operator === 'strictEqual' || operator === 'deepStrictEqual'
        ? diffMessage(actual, expected, operator, String(message) || undefined) : String(message);
    } else {
      // Two Errors are compared (and kept) without their stacks, as in Node.
      if (isObjectLike(actual) && isObjectLike(expected) &&
          'stack' in actual && actual instanceof Error && 'stack' in expected && expected instanceof Error) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      text = defaultMessage(actual, expected, operator);
    }
    super(text);
    this.generatedMessage = !message;
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    captureAssertionStack(this, options.stackStartFn ?? options.stackStartFunction ?? new.target);
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
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  equal: 'Expected values to be loosely equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notEqual: 'Expected "actual" to be loosely unequal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

// The diff is coloured when stderr is a terminal that has colours, as in Node.
function diffColors() {
  const stderr = process.stderr;
  if (stderr?.isTTY && typeof stderr.hasColors === 'function' && stderr.hasColors()) {
    return { blue: '\u001b[34m', green: '\u001b[32m', red: '\u001b[31m', white: '\u001b[39m' };
  }
  return { blue: '', green: '', red: '', white: '' };
}

function inspectValue(value) {
  return inspect(value, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
    showHidden: false, showProxy: false, sorted: true, getters: true,
  });
}

const isObjectLike = (v) => typeof v === 'object' && v !== null;

// The diff of strictEqual / deepStrictEqual, as Node 20 prints it: the two values
// inspected one property per line and compared line by line in place (no line
// alignment): runs of equal lines are shortened to their first two and last three,
// identical trailing lines to three, a single-line mismatch gets a `^` under the
// first differing character, and the output stops after about fifty lines.
function diffMessage(actual, expected, operator, header) {
  const c = diffColors();
  const whole = inspectValue(actual);
  const act = whole.split('\n');
  const exp = inspectValue(expected).split('\n');
  if (operator === 'strictEqual' &&
      ((isObjectLike(actual) && isObjectLike(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  header ??= opDescriptions[operator];

  let indicator = '';
  let tailCount = 0;
  if (act.length === 1 && exp.length === 1 && act[0] !== exp[0]) {
    const plain = inspect.defaultOptions.colors ? (s) => s.replace(/\u001b\[\d\d?m/g, '') : (s) => s;
    const a = plain(act[0]);
    const e = plain(exp[0]);
    const width = a.length + e.length;
    if (width <= 12) {
      // Short primitives (not both zeros: -0 and +0 print differently) as `a !== b`.
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${header}\n\n${act[0]} !== ${exp[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject' &&
               width < (process.stderr?.isTTY ? process.stderr.columns : 80)) {
      let at = 0;
      while (a[at] === e[at]) at++;
      // A mismatch in the first characters needs no pointer.
      if (at > 2) indicator = `\n  ${' '.repeat(at)}^`;
      else tailCount = at;
    }
  }

  // Drop the equal lines at the end; the last three of them are shown after the diff
  // (plus the very first, e.g. a closing bracket, when more were dropped).
  let tail = '';
  let firstDropped = '';
  while (act.length > 0 && exp.length > 0 && act[act.length - 1] === exp[exp.length - 1]) {
    const line = act.pop();
    exp.pop();
    if (tailCount++ < 3) tail = `\n  ${line}${tail}`;
    else firstDropped = line;
  }
  const lineCount = Math.max(act.length, exp.length);
  if (lineCount === 0) {
    // Same structure, different identity.
    const lines = whole.split('\n');
    if (lines.length > 50) {
      lines[46] = `${c.blue}...${c.white}`;
      lines.length = 47;
    }
    return `${opDescriptions.notIdentical}\n\n${lines.join('\n')}\n`;
  }
  let skipped = false;
  if (tailCount >= 5) {
    tail = `\n${c.blue}...${c.white}${tail}`;
    skipped = true;
  }
  if (firstDropped !== '') tail = `\n  ${firstDropped}${tail}`;

  const head = `${header}\n${c.green}+ actual${c.white} ${c.red}- expected${c.white}`;
  const skippedNote = ` ${c.blue}...${c.white} Lines skipped`;
  let out = '';
  let pendingMinus = '';
  let printed = 0;
  let equalRun = 0;
  // Before a differing line, the run of equal lines just passed shows its last
  // lines: all of them up to five, else `...` and the last two or three.
  const flushEqualRun = (lines, i) => {
    if (equalRun > 2) {
      if (equalRun > 4) {
        if (equalRun === 5) {
          out += `\n  ${lines[i - 3]}`;
          printed++;
        } else {
          out += `\n${c.blue}...${c.white}`;
          skipped = true;
        }
      }
      if (equalRun > 3) {
        out += `\n  ${lines[i - 2]}`;
        printed++;
      }
      out += `\n  ${lines[i - 1]}`;
      printed++;
    }
    equalRun = 0;
  };
  const longer = act.length >= lineCount ? act : exp;
  const shorterLength = longer === act ? exp.length : act.length;
  for (let i = 0; i < lineCount; i++) {
    if (i >= shorterLength) {
      // Only the longer side has lines left.
      flushEqualRun(longer, i);
      if (longer === act) out += `\n${c.green}+${c.white} ${act[i]}`;
      else pendingMinus += `\n${c.red}-${c.white} ${exp[i]}`;
      printed++;
    } else {
      let a = act[i];
      const e = exp[i];
      // Lines that differ only by a trailing comma count as equal.
      let differs = a !== e && !(a.endsWith(',') && a.slice(0, -1) === e);
      if (differs && e.endsWith(',') && e.slice(0, -1) === a) {
        differs = false;
        a += ',';
      }
      if (differs) {
        flushEqualRun(act, i);
        // Consecutive differing lines print as +++ then ---.
        out += `\n${c.green}+${c.white} ${a}`;
        pendingMinus += `\n${c.red}-${c.white} ${e}`;
        printed += 2;
      } else {
        out += pendingMinus;
        pendingMinus = '';
        equalRun++;
        if (equalRun <= 2) {
          out += `\n  ${a}`;
          printed++;
        }
      }
    }
    if (printed > 50 && i < lineCount - 2) {
      return `${head}${skippedNote}\n${out}\n${c.blue}...${c.white}${pendingMinus}\n${c.blue}...${c.white}`;
    }
  }
  return `${head}${skipped ? skippedNote : ''}\n${out}${pendingMinus}${tail}${indicator}`;
}

// An Error on both sides is compared without its stack: a copy keeps the prototype,
// own properties and message.
function copyError(source) {
  const copy = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(copy, 'message', { __proto__: null, value: source.message });
  return copy;
}

function defaultMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return diffMessage(actual, expected, operator);
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    // One value is shown; an object or function for notStrictEqual is "reference-equal".
    const base = operator === 'notStrictEqual' && (isObjectLike(actual) || typeof actual === 'function')
      ? opDescriptions.notStrictEqualObject : opDescriptions[operator];
    const lines = inspectValue(actual).split('\n');
    if (lines.length > 50) {
      const { blue, white } = diffColors();
      lines[46] = `${blue}...${white}`;
      lines.length = 47;
    }
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let a = inspectValue(actual);
  let e = inspectValue(expected);
  const desc = opDescriptions[operator];
  if (operator === 'notDeepEqual' && a === e) {
    const text = `${desc}\n\n${a}`;
    return text.length > 1024 ? `${text.slice(0, 1021)}...` : text;
  }
  if (a.length > 512) a = `${a.slice(0, 509)}...`;
  if (e.length > 512) e = `${e.slice(0, 509)}...`;
  if (operator === 'deepEqual') return `${desc}\n\n${a}\n\nshould loosely deep-equal\n\n${e}`;
  const unequal = opDescriptions[`${operator}Unequal`];
  if (unequal !== undefined) return `${unequal}\n\n${a}\n\nshould not loosely deep-equal\n\n${e}`;
  return `${a} ${operator} ${e}`;
}

const comparisons = require('internal/comparisons');
function isDeepEqual(a, b, strict) {
  return strict ? comparisons.isDeepStrictEqual(a, b) : comparisons.isDeepEqual(a, b);
}

function fail(actual, expected, message, operator, stackStartFn) {
  if (message instanceof Error) throw message;
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
  for (;;) {
    while (start > 0 && /[\p{ID_Continue}$.]/u.test(source[start - 1])) start--;
    // A computed member (`assert['ok']["apply"]`): back over the brackets too.
    if (source[start - 1] !== ']') break;
    const open = matchingOpenBracket(source, start - 1);
    if (open < 0) break;
    start = open;
  }
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

// Where the `[` that `close` (a `]`) ends starts, skipping quoted strings; -1 if none.
function matchingOpenBracket(source, close) {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      i = source.lastIndexOf(c, i - 1);
      if (i < 0) return -1;
    } else if (c === ']') {
      depth++;
    } else if (c === '[') {
      if (--depth === 0) return i;
    } else if (c === '\n' || c === ';') {
      return -1;
    }
  }
  return -1;
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
// Both values are required (Node throws ERR_MISSING_ARGS before comparing).
function missingArgs() {
  throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('actual', 'expected');
}
assert.equal = function equal(a, b, m) { if (arguments.length < 2) missingArgs(); if (!(a == b || (a !== a && b !== b))) fail(a, b, m, '==', equal); };
assert.notEqual = function notEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (a == b || (a !== a && b !== b)) fail(a, b, m, '!=', notEqual); };
assert.strictEqual = function strictEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (!Object.is(a, b)) fail(a, b, m, 'strictEqual', strictEqual); };
assert.notStrictEqual = function notStrictEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (Object.is(a, b)) fail(a, b, m, 'notStrictEqual', notStrictEqual); };
assert.deepEqual = function deepEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (!isDeepEqual(a, b, false)) fail(a, b, m, 'deepEqual', deepEqual); };
assert.notDeepEqual = function notDeepEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (isDeepEqual(a, b, false)) fail(a, b, m, 'notDeepEqual', notDeepEqual); };
assert.deepStrictEqual = function deepStrictEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (!isDeepEqual(a, b, true)) fail(a, b, m, 'deepStrictEqual', deepStrictEqual); };
assert.notDeepStrictEqual = function notDeepStrictEqual(a, b, m) { if (arguments.length < 2) missingArgs(); if (isDeepEqual(a, b, true)) fail(a, b, m, 'notDeepStrictEqual', notDeepStrictEqual); };

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
// match / doesNotMatch: a RegExp is required; a value that is not a string fails the
// assertion (with its own message) whichever of the two was called.
function checkMatch(fn, string, regexp, message, wanted) {
  if (!isRegExp(regexp)) throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('regexp', 'RegExp', regexp);
  if (typeof string === 'string' && (RegExp.prototype.exec.call(regexp, string) !== null) === wanted) return;
  if (message instanceof Error) throw message;
  const generated = !message;
  if (generated) {
    message = typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
      : `${wanted ? 'The input did not match' : 'The input was expected to not match'} the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
  }
  const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generated;
  throw err;
}
assert.match = function match(string, regexp, message) { checkMatch(match, string, regexp, message, true); };
assert.doesNotMatch = function doesNotMatch(string, regexp, message) { checkMatch(doesNotMatch, string, regexp, message, false); };
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
