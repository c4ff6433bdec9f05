'use strict';
// Argument validation shared by the library: each throws Node's error (ERR_INVALID_ARG_TYPE,
// ERR_OUT_OF_RANGE, ERR_INVALID_ARG_VALUE, ERR_SOCKET_BAD_PORT) for a bad value, with its
// stack starting at the caller (hideStackFrames). internal/errors re-exports the older
// ones under their names.

const { codes, hideStackFrames } = require('internal/errors');

const validateString = hideStackFrames((value, name) => {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
});

const validateFunction = hideStackFrames((value, name) => {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
});

const validateObject = hideStackFrames((value, name) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
});

const validateBoolean = hideStackFrames((value, name) => {
  if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
});

const validateNumber = hideStackFrames((value, name, min = undefined, max) => {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  const bounded = min != null || max != null;
  if ((min != null && value < min) || (max != null && value > max) || (bounded && Number.isNaN(value))) {
    const range = [min != null ? `>= ${min}` : '', max != null ? `<= ${max}` : ''].filter(Boolean).join(' && ');
    throw new codes.ERR_OUT_OF_RANGE(name, range, value);
  }
});

const validateInteger = hideStackFrames((value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) => {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
});

const validateInt32 = hideStackFrames((value, name, min = -2147483648, max = 2147483647) => {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
});

const validateUint32 = hideStackFrames((value, name, positive = false) => {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  const min = positive ? 1 : 0;
  if (value < min || value > 4294967295) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= 4294967295`, value);
});

// A file mode: an unsigned 32-bit number or an octal string ('755'); null or undefined
// take `def`. Never returns undefined, so the native side always gets a real mode.
const parseFileMode = hideStackFrames((value, name, def) => {
  value ??= def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) {
      throw new codes.ERR_INVALID_ARG_VALUE(name, value, 'must be a 32-bit unsigned integer or an octal string');
    }
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
});

// `value` is one of `allowed` (compared with ===); the message lists them, strings quoted.
const validateOneOf = hideStackFrames((value, name, allowed) => {
  if (!allowed.includes(value)) {
    const list = allowed.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${list}`);
  }
});

// A port: a number or numeric string (decimal, 0x, 0o, 0b) from 0 (unless `allowZero` is
// false) to 65535; returns it as a number.
const validatePort = hideStackFrames((port, name = 'Port', allowZero = true) => {
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    throw new codes.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
});

module.exports = {
  validateString, validateFunction, validateObject, validateBoolean, validateNumber, validateInteger, validateInt32,
  validateUint32, parseFileMode, validateOneOf, validatePort,
};
