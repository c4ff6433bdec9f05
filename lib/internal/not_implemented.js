'use strict';
// Modules amber does not implement: requiring them works (tools often require them
// eagerly); using any function throws ERR_NOT_IMPLEMENTED naming the API.

const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');

function stubModule(name, names = []) {
  const fail = (api) => function notImplemented() { throw new ERR_NOT_IMPLEMENTED(`${name}.${api}()`); };
  const target = {};
  for (const n of names) target[n] = fail(n);
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return t[key];
      if (!(key in t)) t[key] = fail(String(key));
      return t[key];
    },
  });
}

module.exports = { stubModule };
