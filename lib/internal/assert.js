'use strict';
// The library's own invariant checks: assert(value, message) throws ERR_INTERNAL_ASSERTION
// (a bug in amber, not in the caller) when `value` is falsy; assert.fail(message) always.

function fail(message) {
  const { codes: { ERR_INTERNAL_ASSERTION } } = require('internal/errors');
  throw new ERR_INTERNAL_ASSERTION(message);
}

function assert(value, message) {
  if (!value) fail(message);
}
assert.fail = fail;

module.exports = assert;
