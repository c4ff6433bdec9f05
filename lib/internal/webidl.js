'use strict';
// WebIDL's integer conversions (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint):
// `convertToInt(name, value, bitLength, { signed, enforceRange, clamp })` turns a value
// into a `byte`/`short`/`long`/`long long` (signed or not) as the spec's ConvertToInt
// does, with ERR_INVALID_ARG_VALUE for [EnforceRange] failures.

const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');

// Round half to even; never -0.
function evenRound(x) {
  const truncated = Math.trunc(x);
  if (Math.abs(x - truncated) === 0.5) {
    return (truncated % 2 === 0 ? truncated : truncated + Math.sign(x)) + 0;
  }
  return Math.round(x) + 0;
}

function convertToInt(name, value, bitLength, options = undefined) {
  const signed = options?.signed === true;
  let lower;
  let upper;
  if (bitLength === 64) {
    upper = Number.MAX_SAFE_INTEGER;
    lower = signed ? Number.MIN_SAFE_INTEGER : 0;
  } else if (signed) {
    lower = -(2 ** (bitLength - 1));
    upper = 2 ** (bitLength - 1) - 1;
  } else {
    lower = 0;
    upper = 2 ** bitLength - 1;
  }

  let x = +value;
  if (x === 0) x = 0;

  if (options?.enforceRange) {
    if (!Number.isFinite(x)) throw new ERR_INVALID_ARG_VALUE(name, value, 'must be a finite number');
    x = Math.trunc(x) + 0;
    if (x < lower || x > upper) throw new ERR_INVALID_ARG_VALUE(name, value, `must be in the range [${lower}, ${upper}]`);
    return x;
  }

  if (!Number.isNaN(x) && options?.clamp) {
    return evenRound(Math.min(Math.max(x, lower), upper));
  }

  if (!Number.isFinite(x) || x === 0) return 0;
  x = Math.trunc(x) + 0;
  if (x >= lower && x <= upper) return x;

  // Modulo 2^bitLength, then into the signed range.
  const size = 2 ** bitLength;
  x %= size;
  if (x < 0) x += size;
  if (signed && x >= size / 2) x -= size;
  return x + 0;
}

module.exports = { convertToInt, evenRound };
