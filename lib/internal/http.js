'use strict';
// internal/http — what the parts of node:http share and Node's tests reach with
// --expose-internals: the outgoing header map's symbol, the need-drain flag and the
// cached Date header value.

const kOutHeaders = Symbol('kOutHeaders');
const kNeedDrain = Symbol('kNeedDrain');

// The Date header's value, computed at most once per second.
let utcCache;
function utcDate() {
  if (!utcCache) {
    utcCache = new Date().toUTCString();
    setTimeout(() => { utcCache = undefined; }, 1000 - new Date().getMilliseconds()).unref();
  }
  return utcCache;
}

module.exports = { kOutHeaders, kNeedDrain, utcDate };
