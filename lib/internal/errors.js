'use strict';
// Node-style errors with `code`: `TypeError [ERR_X]: message` in the stack, `code`
// as an own property. Also helpers for argument validation shared by builtins.

const messages = new Map();
const codes = {};

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    if (value.constructor?.name) return ` Received an instance of ${value.constructor.name}`;
    const { inspect } = require('internal/inspect');
    return ` Received ${inspect(value, { depth: -1 })}`;
  }
  const { inspect } = require('internal/inspect');
  let shown = inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

const classNames = new Set(['Object', 'Function', 'Array', 'Buffer', 'Uint8Array', 'TypedArray', 'DataView', 'ArrayBuffer', 'URL', 'Date', 'Promise', 'RegExp', 'Error', 'EventEmitter', 'AbortSignal']);
function typeList(expected) {
  if (!Array.isArray(expected)) expected = [expected];
  const types = [];
  const instances = [];
  for (const e of expected) {
    if (classNames.has(e)) instances.push(e);
    else types.push(e.toLowerCase() === e ? e : e.toLowerCase());
  }
  const parts = [];
  const join = (list, word) => list.length <= 1 ? list.join('') : list.length === 2 ? `${list[0]} ${word} ${list[1]}` : `${list.slice(0, -1).join(', ')}, ${word} ${list[list.length - 1]}`;
  if (types.length) parts.push(`${types.length > 1 ? 'one of type' : 'of type'} ${join(types, 'or')}`);
  if (instances.length) parts.push(`an instance of ${join(instances, 'or')}`);
  return parts.join(' or ');
}

function E(code, message, Base) {
  messages.set(code, message);
  const NodeError = class extends Base {
    constructor(...args) {
      const msg = typeof message === 'function' ? message(...args) : message;
      super(msg);
      Object.defineProperty(this, 'code', { value: code, enumerable: true, writable: true, configurable: true });
      // Show `Name [CODE]` in the stack, like Node, without keeping an own `name`.
      Object.defineProperty(this, 'name', { value: `${Base.name} [${code}]`, configurable: true, writable: true });
      this.stack; // eslint-disable-line no-unused-expressions
      delete this.name;
    }
    toString() { return `${this.name} [${code}]: ${this.message}`; }
  };
  Object.defineProperty(NodeError, 'name', { value: Base.name });
  codes[code] = NodeError;
}

E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  return `The ${what} must be ${typeList(expected)}.${describeReceived(actual)}`;
}, TypeError);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  const { inspect } = require('internal/inspect');
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${shown}`;
}, TypeError);
E('ERR_OUT_OF_RANGE', (name, range, value) => {
  const { inspect } = require('internal/inspect');
  return `The value of "${name}" is out of range. It must be ${range}. Received ${typeof value === 'number' && Math.abs(value) > 2 ** 32 ? addUnderscores(String(value)) : inspect(value)}`;
}, RangeError);
E('ERR_UNHANDLED_ERROR', (err) => err === undefined ? 'Unhandled error.' : `Unhandled error. (${err})`, Error);
E('ERR_UNHANDLED_REJECTION', (reason) => `This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${reason}".`, Error);
E('ERR_INVALID_THIS', (type) => `Value of "this" must be of type ${type}`, TypeError);
E('ERR_METHOD_NOT_IMPLEMENTED', (name) => `The ${name} method is not implemented`, Error);
E('ERR_NOT_IMPLEMENTED', (name) => `${name} is not implemented in amber`, Error);
E('ERR_INVALID_URL', (input) => 'Invalid URL', TypeError);
E('ERR_INVALID_URL_SCHEME', (expected) => `The URL must be of scheme ${expected}`, TypeError);
E('ERR_INVALID_FILE_URL_PATH', (msg) => `File URL path ${msg}`, TypeError);
E('ERR_INVALID_FILE_URL_HOST', (platform) => `File URL host must be "localhost" or empty on ${platform}`, TypeError);
E('ERR_MISSING_ARGS', (...names) => `The ${names.map((n) => `"${n}"`).join(' and ')} argument${names.length > 1 ? 's' : ''} must be specified`, TypeError);
E('ERR_UNKNOWN_BUILTIN_MODULE', (name) => `No such built-in module: ${name}`, Error);
E('ERR_REQUIRE_ESM', (file) => `require() of ES Module ${file} not supported.`, Error);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) => `Expected ${input} to be returned from the "${name}" function but got ${value}.`, TypeError);
E('ERR_NOT_BUILDING_SNAPSHOT', 'Operation cannot be invoked when not building startup snapshot', Error);
E('ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION', 'Deserialize main function is already configured.', Error);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INVALID_STATE', (msg) => `Invalid state: ${msg}`, Error);
E('ERR_FS_FILE_TOO_LARGE', (size) => `File size (${size}) is greater than 2 GiB`, RangeError);
E('ERR_ENCODING_NOT_SUPPORTED', (enc) => `The "${enc}" encoding is not supported`, RangeError);
E('ERR_UNKNOWN_ENCODING', (enc) => `Unknown encoding: ${enc}`, TypeError);
E('ERR_UNKNOWN_SIGNAL', (sig) => `Unknown signal: ${sig}`, TypeError);
E('ERR_ASSERTION', (msg) => msg, Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_INVALID_CHAR', (name, field) => `Invalid character in ${name}${field ? ` ["${field}"]` : ''}`, TypeError);

function addUnderscores(s) {
  let res = '';
  let i = s.length;
  const start = s[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${s.slice(i - 3, i)}${res}`;
  return `${s.slice(0, i)}${res}`;
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}
function validateFunction(value, name) {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}
function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
}
function validateNumber(value, name) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
}
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
function validateUint32(value, name, positive = false) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  const min = positive ? 1 : 0;
  if (value < min || value > 4294967295) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= 4294967295`, value);
}
// A file mode: an unsigned 32-bit number or an octal string ('755'); null or undefined
// take `def`. Never returns undefined, so the native side always gets a real mode.
function parseFileMode(value, name, def) {
  value ??= def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) {
      throw new codes.ERR_INVALID_ARG_VALUE(name, value, 'must be a 32-bit unsigned integer or an octal string');
    }
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

module.exports = {
  codes, validateString, validateFunction, validateObject, validateNumber, validateInteger, validateBoolean,
  validateUint32, parseFileMode,
};
