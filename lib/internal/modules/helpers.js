'use strict';
// The `require` function each CommonJS module gets (kept apart from the loader, as in
// Node, whose stack traces show it as internal/modules/helpers).

// Properties are defined, not assigned, so accessors on Object.prototype never run.
function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function makeRequireFunction(mod, Module) {
  const req = function require(id) {
    return mod.require(id);
  };
  const resolve = function resolve(request, options) {
    if (typeof request !== 'string') {
      const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
      throw new ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return Module._resolveFilename(request, mod, false, options);
  };
  setOwn(resolve, 'paths', function paths(request) {
    if (typeof request !== 'string') {
      const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
      throw new ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return Module._resolveLookupPaths(request, mod);
  });
  setOwn(req, 'resolve', resolve);
  setOwn(req, 'main', Module._mainModule);
  setOwn(req, 'extensions', Module._extensions);
  setOwn(req, 'cache', Module._cache);
  return req;
}

module.exports = { makeRequireFunction };
