'use strict';
// node:util — format/inspect, inherits, promisify/callbackify, deprecate, types, and
// small helpers. `types` predicates come straight from V8 through the registry.

const { inspect, format, formatWithOptions } = require('internal/inspect');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_FALSY_VALUE_REJECTION, ERR_OUT_OF_RANGE }, validateFunction, validateString } = require('internal/errors');

// The errors libuv names (the one errno table, `helpers::UV_ERRORS`): errno -> [code, message].
function getSystemErrorMap() {
  const flat = binding.util.systemErrors();
  const map = new Map();
  for (let i = 0; i < flat.length; i += 3) map.set(flat[i], [flat[i + 1], flat[i + 2]]);
  return map;
}
function getSystemErrorName(err) {
  if (typeof err !== 'number') throw new ERR_INVALID_ARG_TYPE('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  return getSystemErrorMap().get(err)?.[0] ?? `Unknown system error ${err}`;
}

const t = binding.types;
const TypedArray = Object.getPrototypeOf(Uint8Array);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const tagIs = (name) => (v) => typedArrayTag.call(v) === name;
const types = {
  isExternal: t.isExternal, isDate: t.isDate, isArgumentsObject: t.isArgumentsObject,
  isBigIntObject: t.isBigIntObject, isBooleanObject: t.isBooleanObject, isNumberObject: t.isNumberObject,
  isStringObject: t.isStringObject, isSymbolObject: t.isSymbolObject, isBoxedPrimitive: t.isBoxedPrimitive,
  isNativeError: t.isNativeError, isRegExp: t.isRegExp, isAsyncFunction: t.isAsyncFunction,
  isGeneratorFunction: t.isGeneratorFunction, isGeneratorObject: t.isGeneratorObject, isPromise: t.isPromise,
  isMap: t.isMap, isSet: t.isSet, isMapIterator: t.isMapIterator, isSetIterator: t.isSetIterator,
  isWeakMap: t.isWeakMap, isWeakSet: t.isWeakSet, isArrayBuffer: t.isArrayBuffer, isDataView: t.isDataView,
  isSharedArrayBuffer: t.isSharedArrayBuffer, isProxy: t.isProxy, isModuleNamespaceObject: t.isModuleNamespaceObject,
  isAnyArrayBuffer: t.isAnyArrayBuffer,
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => typedArrayTag.call(v) !== undefined,
  isUint8Array: tagIs('Uint8Array'), isUint8ClampedArray: tagIs('Uint8ClampedArray'), isUint16Array: tagIs('Uint16Array'),
  isUint32Array: tagIs('Uint32Array'), isInt8Array: tagIs('Int8Array'), isInt16Array: tagIs('Int16Array'),
  isInt32Array: tagIs('Int32Array'), isFloat32Array: tagIs('Float32Array'), isFloat64Array: tagIs('Float64Array'),
  isBigInt64Array: tagIs('BigInt64Array'), isBigUint64Array: tagIs('BigUint64Array'),
  // The crypto modules load on the first call with an object, not with util.
  isKeyObject: (v) => v !== null && typeof v === 'object' && v instanceof require('internal/crypto/keys').KeyObject,
  isCryptoKey: (v) => v !== null && typeof v === 'object' && require('internal/crypto/webcrypto_keys').isCryptoKey(v),
};

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const { customPromisifyArgs } = require('internal/util');
function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  // Callbacks with several values name them (internal/util's customPromisifyArgs).
  const argumentNames = original[customPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

// A falsy rejection becomes an error made in the tick that reports it, its stack
// starting where the tick queue called (as Node's: `process.processTicksAndRejections`).
function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const err = new ERR_FALSY_VALUE_REJECTION();
    err.reason = reason;
    Error.captureStackTrace(err, callbackifyOnRejected);
    reason = err;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const last = args.pop();
    validateFunction(last, 'last argument');
    const cb = last.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => process.nextTick(cb, null, ret),
      (rej) => process.nextTick(callbackifyOnRejected, rej, cb),
    );
  }
  // One more parameter (the callback) and a name that says so, as in Node; a length
  // or name that is not a number or string is copied as it is.
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length?.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name?.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

const deprecatedCodes = new Set();
function deprecate(fn, msg, code) {
  if (code !== undefined && typeof code !== 'string') throw new ERR_INVALID_ARG_TYPE('code', 'string', code);
  if (process.noDeprecation === true) return fn;
  let warned = false;
  function deprecated(...args) {
    if (!warned) {
      warned = true;
      if (code === undefined || !deprecatedCodes.has(code)) {
        if (code !== undefined) deprecatedCodes.add(code);
        process.emitWarning(msg, 'DeprecationWarning', code);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function isDeepStrictEqual(a, b) {
  return require('assert').isDeepStrictEqual(a, b);
}

function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?(?:\u0007|\u001B\u005C|\u009C))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
}

function debuglog(section) {
  const enabled = new RegExp(`^(${(process.env.NODE_DEBUG || '').split(/[\s,]+/).filter(Boolean).map((s) => s.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*')).join('|')})$`, 'i').test(section);
  const fn = enabled
    ? (...args) => process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`)
    : () => {};
  fn.enabled = enabled;
  return fn;
}

// Whether `stream` shows colours: FORCE_COLOR wins, else a terminal with colours.
function shouldColorize(stream) {
  const forced = require('internal/stdio').forcedColorDepth();
  if (forced !== undefined) return forced > 2;
  return !!stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  const { validateBoolean, codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  let skip = false;
  if (validateStream) {
    const web = require('stream/web');
    const isNodeStream = stream != null && (stream._readableState !== undefined || stream._writableState !== undefined ||
      (typeof stream.on === 'function' && (typeof stream.write === 'function' || typeof stream.pipe === 'function')));
    if (!isNodeStream && !(stream instanceof web.ReadableStream) && !(stream instanceof web.WritableStream)) {
      throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    skip = !shouldColorize(stream);
  }
  let left = '';
  let right = '';
  for (const key of Array.isArray(format) ? format : [format]) {
    const codes = typeof key === 'string' && Object.hasOwn(inspect.colors, key) ? inspect.colors[key] : undefined;
    if (codes == null) {
      throw new ERR_INVALID_ARG_VALUE('format', key, `must be one of: ${Object.keys(inspect.colors).join(', ')}`);
    }
    left += `\u001b[${codes[0]}m`;
    right = `\u001b[${codes[1]}m${right}`;
  }
  return skip ? text : `${left}${text}${right}`;
}

// util.parseEnv: dotenv text as Node reads it (the same rules as the CLI's --env-file,
// crates/cli/src/main.rs): `#` comments, `export ` prefixes, quoted values (', ", `) that
// may span lines, `\n` expanded inside double quotes only, unquoted values trimmed and cut
// at `#`, later keys winning.
function parseEnv(content) {
  if (typeof content !== 'string') throw new ERR_INVALID_ARG_TYPE('content', 'string', content);
  const out = {};
  let rest = content.replace(/\r\n/g, '\n');
  while (rest.length > 0) {
    const nl = rest.indexOf('\n');
    const line = nl === -1 ? rest : rest.slice(0, nl);
    const trimmed = line.trim();
    const eq = line.indexOf('=');
    if (trimmed === '' || trimmed.startsWith('#') || eq === -1) {
      rest = nl === -1 ? '' : rest.slice(nl + 1);
      continue;
    }
    let key = line.slice(0, eq).trim();
    if (key.startsWith('export ')) key = key.slice(7).trim();
    let after = rest.slice(eq + 1).replace(/^[ \t]+/, '');
    const q = after[0];
    if (q === '"' || q === "'" || q === '`') {
      const close = after.indexOf(q, 1);
      if (close !== -1) {
        let value = after.slice(1, close);
        if (q === '"') value = value.replace(/\\n/g, '\n');
        if (key !== '') out[key] = value;
        after = after.slice(close + 1);
        const end = after.indexOf('\n');
        rest = end === -1 ? '' : after.slice(end + 1);
        continue;
      }
    }
    const end = after.indexOf('\n');
    let value = end === -1 ? after : after.slice(0, end);
    const hash = value.indexOf('#');
    if (hash !== -1) value = value.slice(0, hash);
    if (key !== '') out[key] = value.trim();
    rest = end === -1 ? '' : after.slice(end + 1);
  }
  return out;
}

// util.log: a timestamped line on stdout (`27 Nov 12:34:56 - message`).
function log(...args) {
  const d = new Date();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  process.stdout.write(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}\n`);
}

module.exports = {
  parseEnv, log,
  isBuffer: (v) => Buffer.isBuffer(v),
  _extend(target, source) {
    if (source === null || typeof source !== 'object') return target;
    for (const k of Object.keys(source)) target[k] = source[k];
    return target;
  },
  format, formatWithOptions, inspect, inherits, promisify, callbackify, deprecate, types,
  isDeepStrictEqual, stripVTControlCharacters, debuglog, debug: debuglog, styleText,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v == null,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (v) => require('internal/util').isError(v),
  _errnoException: (...args) => require('internal/errors').errnoException(...args),
  _exceptionWithHostPort: (...args) => require('internal/errors').exceptionWithHostPort(...args),
  isFunction: (v) => typeof v === 'function',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  toUSVString: (s) => String(s).toWellFormed(),
  getSystemErrorName,
  getSystemErrorMap,
  aborted: async (signal, resource) => require('internal/abort_controller').aborted(signal, resource),
  transferableAbortSignal: (signal) => require('internal/abort_controller').transferableAbortSignal(signal),
  transferableAbortController: () => require('internal/abort_controller').transferableAbortController(),
};
Object.defineProperty(module.exports, 'TextEncoder', { enumerable: true, get: () => require('internal/encoding').TextEncoder });
Object.defineProperty(module.exports, 'TextDecoder', { enumerable: true, get: () => require('internal/encoding').TextDecoder });
Object.defineProperty(module.exports, 'parseArgs', { enumerable: true, get: () => require('internal/parse_args').parseArgs });
