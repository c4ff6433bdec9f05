'use strict';
// The default loader (Node's `defaultLoad`): the end of every `load` hooks chain.
// `{ format, source }`: the file's bytes (a Buffer), or null for CommonJS and builtins,
// which their own loaders read.

const { defaultGetFormat } = require('internal/modules/esm/get_format');
const { validateAttributes } = require('internal/modules/esm/assert');

function dataSource(href) {
  const comma = href.indexOf(',');
  const head = href.slice(5, comma);
  const body = href.slice(comma + 1);
  if (head.endsWith(';base64')) return Buffer.from(decodeURIComponent(body), 'base64');
  return Buffer.from(decodeURIComponent(body), 'utf8');
}

async function defaultLoad(url, context = {}) {
  let { format, source } = context;
  const { importAttributes = { __proto__: null } } = context;
  const parsed = new URL(url);
  if (parsed.protocol === 'node:') {
    return { __proto__: null, format: format ?? 'builtin', source: null };
  }
  if (parsed.protocol !== 'file:' && parsed.protocol !== 'data:') {
    const { ERR_UNSUPPORTED_ESM_URL_SCHEME } = require('internal/errors').codes;
    throw new ERR_UNSUPPORTED_ESM_URL_SCHEME(parsed, ['file', 'data', 'node']);
  }
  if (format !== 'commonjs') {
    if (source == null) {
      source = parsed.protocol === 'data:' ? dataSource(parsed.href) : await require('fs/promises').readFile(parsed);
    }
    if (format == null) {
      format = defaultGetFormat(parsed, { source });
      if (format === 'commonjs') source = null;
    }
    if (format == null && parsed.protocol === 'data:') {
      const { ERR_UNKNOWN_MODULE_FORMAT } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_MODULE_FORMAT(/^data:([^,;]*)/.exec(parsed.href)?.[1], url);
    }
    validateAttributes(url, format, importAttributes);
  }
  return { __proto__: null, format, source };
}

module.exports = { defaultLoad };
