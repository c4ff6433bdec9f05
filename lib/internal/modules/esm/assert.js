'use strict';
// Import attributes checked against a module's format (Node 20): JSON needs
// `type: 'json'`, other formats take no `type`, and `type` is the only attribute.

const {
  ERR_IMPORT_ASSERTION_TYPE_FAILED, ERR_IMPORT_ASSERTION_TYPE_MISSING,
  ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED, ERR_IMPORT_ATTRIBUTE_UNSUPPORTED,
} = require('internal/errors').codes;
const { validateString } = require('internal/errors');

// The `type` each format must be imported with (undefined: none).
const formatTypeMap = {
  __proto__: null,
  builtin: undefined,
  commonjs: undefined,
  json: 'json',
  module: undefined,
  wasm: undefined,
};
const supportedTypes = new Set(Object.values(formatTypeMap).filter((t) => t !== undefined));

function validateAttributes(url, format, importAttributes = { __proto__: null }) {
  const keys = Object.keys(importAttributes);
  for (const key of keys) {
    if (key !== 'type') throw new ERR_IMPORT_ATTRIBUTE_UNSUPPORTED(key, importAttributes[key], url);
  }
  const type = importAttributes.type;
  const expected = formatTypeMap[format];
  if (!(format in formatTypeMap)) return true;
  if (expected === undefined) {
    if (type === undefined) return true;
    validateString(type, 'importAttributes.type');
    if (!supportedTypes.has(type)) throw new ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED(type);
    throw new ERR_IMPORT_ASSERTION_TYPE_FAILED(url, type);
  }
  if (type === expected) return true;
  if (type === undefined) throw new ERR_IMPORT_ASSERTION_TYPE_MISSING(url, expected);
  validateString(type, 'importAttributes.type');
  if (!supportedTypes.has(type)) throw new ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED(type);
  throw new ERR_IMPORT_ASSERTION_TYPE_FAILED(url, type);
}

module.exports = { validateAttributes };
