'use strict';
// crypto.generatePrime/generatePrimeSync and checkPrime/checkPrimeSync. The search and
// the primality test are native (bindings/crypto/prime.rs, on num-bigint-dig); this file
// validates options as Node does and converts between bigints and big-endian bytes. The
// callback forms compute synchronously and call back from the event loop, like keygen.

const c = binding.crypto;
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
  validateInt32, validateObject, validateBoolean, validateFunction,
} = require('internal/errors');

const kBigSource = ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'];

// A non-negative bigint or a byte source, as big-endian bytes.
function bigBytes(value, name) {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new ERR_OUT_OF_RANGE(name, '>= 0', value);
    let hex = value.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    return Buffer.from(hex, 'hex');
  }
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) return new Uint8Array(value);
  throw new ERR_INVALID_ARG_TYPE(name, kBigSource, value);
}

// OpenSSL's bignum failures reach Node's prime functions as a bare message: no code,
// library or reason properties.
function bignumError(code, reason) {
  return new Error(`error:${code}:bignum routines::${reason}`);
}

// Validates generatePrime's options; returns the job's arguments.
function primeJob(size, options) {
  validateObject(options, 'options');
  const { safe = false, bigint = false } = options;
  let { add, rem } = options;
  validateBoolean(safe, 'options.safe');
  validateBoolean(bigint, 'options.bigint');
  if (add !== undefined) add = bigBytes(add, 'options.add');
  if (rem !== undefined) rem = bigBytes(rem, 'options.rem');
  return { size, safe, bigint, add, rem };
}

// Runs the search: the prime (ArrayBuffer or bigint), or throws as Node does.
function runPrimeJob({ size, safe, bigint, add, rem }) {
  // OpenSSL takes `rem` only together with `add`; a zero `add` is its division by zero.
  if (add !== undefined && add.every((b) => b === 0)) throw bignumError('01800067', 'div by zero');
  const out = c.generatePrime(size, safe, add, add === undefined ? undefined : rem);
  if (typeof out === 'string') {
    if (out.startsWith('invalid options.')) {
      // Node's own message for an impossible add/rem, under the range error's code.
      const e = new RangeError(out);
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    if (out === 'bits too small') throw bignumError('01800076', out);
    throw bignumError('01800070', out);
  }
  if (bigint) return out.length === 0 ? 0n : BigInt(`0x${Buffer.from(out.buffer, out.byteOffset, out.length).toString('hex')}`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
}

function generatePrimeSync(size, options = {}) {
  validateInt32(size, 'size', 1);
  return runPrimeJob(primeJob(size, options));
}

function generatePrime(size, options, callback) {
  validateInt32(size, 'size', 1);
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateFunction(callback, 'callback');
  const job = primeJob(size, options);
  setImmediate(() => {
    let prime;
    try {
      prime = runPrimeJob(job);
    } catch (err) {
      callback(err);
      return;
    }
    callback(undefined, prime);
  });
}

function checkJob(candidate, options) {
  candidate = bigBytes(candidate, 'candidate');
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateInt32(checks, 'options.checks', 0);
  return [candidate, checks];
}

function checkPrimeSync(candidate, options = {}) {
  const [bytes, checks] = checkJob(candidate, options);
  return c.checkPrime(bytes, checks);
}

function checkPrime(candidate, options = {}, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const [bytes, checks] = checkJob(candidate, options);
  validateFunction(callback, 'callback');
  setImmediate(() => callback(undefined, c.checkPrime(bytes, checks)));
}

module.exports = { generatePrime, generatePrimeSync, checkPrime, checkPrimeSync };
