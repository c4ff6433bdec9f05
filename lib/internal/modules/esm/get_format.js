'use strict';
// The format of a module URL as the default loader sees it (Node's `defaultGetFormat`):
// by scheme, extension and the nearest package.json's "type". `module`, `commonjs`,
// `json`, `wasm`, `builtin`; `null` where only the source can tell (a `.js` file of a
// package without "type", decided by syntax detection when loaded).

const { getOptionValue } = require('internal/options');

const extensionFormats = {
  __proto__: null,
  '.mjs': 'module',
  '.cjs': 'commonjs',
  '.json': 'json',
};

// The extension of a URL's last path segment, as path.extname would see it.
function extname(url) {
  const { pathname } = url;
  for (let i = pathname.length - 1; i > 0; i--) {
    switch (pathname[i]) {
      case '/': return '';
      case '.': return pathname[i - 1] === '/' ? '' : pathname.slice(i);
    }
  }
  return '';
}

function mimeFormat(mime) {
  if (/^\s*(text|application)\/javascript\s*(;|$)/i.test(mime)) return 'module';
  if (/^\s*application\/json\s*(;|$)/i.test(mime)) return 'json';
  if (/^\s*application\/wasm\s*(;|$)/i.test(mime)) return 'wasm';
  return null;
}

function dataMime(href) {
  const m = /^data:([^,;]*)[^,]*,/.exec(href);
  return m === null ? null : m[1];
}

function packageType(filename) {
  return binding.esm.packageType(filename);
}

// Whether `source` (CommonJS that would not compile) is module syntax.
function containsModuleSyntax(source, filename) {
  try {
    // With the CommonJS wrapper's parameters: a compilation V8 keeps for this source
    // and name may serve the CommonJS loader later, which must see them.
    binding.modules.compileFunction(`${source}`, filename, ['exports', 'require', 'module', '__filename', '__dirname']);
    return false;
  } catch (err) {
    return require('internal/modules/esm').looksLikeEsm(err, `${source}`);
  }
}

// `source`: the file's text when known (syntax detection for typeless `.js`).
// `throwOnUnknown`: an unknown extension is ERR_UNKNOWN_FILE_EXTENSION (loading) or
// null (resolving).
function fileFormat(url, source, throwOnUnknown) {
  const ext = extname(url);
  const { fileURLToPath } = require('url');
  const filename = fileURLToPath(url);
  const defaultType = filename.includes('/node_modules/') ? undefined : getOptionValue('--experimental-default-type');
  if (ext === '.js') {
    const type = packageType(filename);
    if (type !== 'none') return type;
    if (defaultType === 'module') return 'module';
    if (defaultType === 'commonjs') return 'commonjs';
    if (source == null) return throwOnUnknown ? 'commonjs' : null;
    return containsModuleSyntax(source, filename) ? 'module' : 'commonjs';
  }
  if (ext === '') {
    const type = packageType(filename);
    if (type === 'module' || (type === 'none' && defaultType === 'module')) {
      if (getOptionValue('--experimental-wasm-modules') && isWasm(filename)) return 'wasm';
      return 'module';
    }
    if (type === 'commonjs' || defaultType === 'commonjs') return 'commonjs';
    if (source != null && containsModuleSyntax(source, filename)) return 'module';
    return 'commonjs';
  }
  const known = extensionFormats[ext];
  if (known !== undefined) return known;
  if (ext === '.wasm' && getOptionValue('--experimental-wasm-modules')) return 'wasm';
  if (ext === '.node' && getOptionValue('--experimental-addon-modules')) return 'addon';
  if (!throwOnUnknown) return null;
  const { ERR_UNKNOWN_FILE_EXTENSION } = require('internal/errors').codes;
  throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filename);
}

function isWasm(filename) {
  try {
    const fd = require('fs').openSync(filename, 'r');
    const buf = Buffer.alloc(4);
    require('fs').readSync(fd, buf, 0, 4, 0);
    require('fs').closeSync(fd);
    return buf.equals(Buffer.from([0, 0x61, 0x73, 0x6d]));
  } catch {
    return false;
  }
}

function toURL(url) {
  return typeof url === 'string' ? new URL(url) : url;
}

// The format for loading (`context.source`, when read, helps for typeless `.js`).
function defaultGetFormat(url, context = {}) {
  url = toURL(url);
  switch (url.protocol) {
    case 'node:': return 'builtin';
    case 'data:': return mimeFormat(dataMime(url.href) ?? '');
    case 'file:': return fileFormat(url, context.source, true);
    default: return null;
  }
}

// The format for resolving: never throws; null when the source would decide.
function defaultGetFormatWithoutErrors(url, context = {}) {
  url = toURL(url);
  switch (url.protocol) {
    case 'node:': return 'builtin';
    case 'data:': return mimeFormat(dataMime(url.href) ?? '');
    case 'file:': return fileFormat(url, context.source, false);
    default: return null;
  }
}

module.exports = { extname, defaultGetFormat, defaultGetFormatWithoutErrors, containsModuleSyntax, mimeFormat, extensionFormats };
