'use strict';
// Modules amber does not implement: requiring them works (tools often require them
// eagerly, or subclass their classes at load time); calling a function throws
// ERR_NOT_IMPLEMENTED naming the API. `values` are real exports (data, constructible
// base classes); `functions` are the documented functions, as enumerable properties so
// that `import * as` and TypeScript's __importStar see them.

const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');

function stubModule(name, functions = [], values = {}) {
  const fail = (api) => ({ [api]() { throw new ERR_NOT_IMPLEMENTED(`${name}.${api}()`); } })[api];
  const target = { ...values };
  for (const n of functions) target[n] = fail(n);
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return t[key];
      if (!(key in t)) t[key] = fail(String(key));
      return t[key];
    },
  });
}

module.exports = { stubModule };
