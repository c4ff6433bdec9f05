'use strict';
// The default resolver (Node's `defaultResolve`): the end of every `resolve` hooks
// chain. Relative, absolute and URL specifiers are resolved natively
// (crates/runtime/src/esm.rs); bare specifiers and `#imports` come back here, to
// `packageResolve` (PACKAGE_RESOLVE of the ESM resolution specification, with
// internal/modules/package_resolve.js for `exports` and `imports`). `defaultResolve`
// adds the format the URL suggests.

const { defaultGetFormatWithoutErrors } = require('internal/modules/esm/get_format');

const kLoaderSchemes = new Set(['file:', 'node:', 'data:']);
function foreignUrl(specifier, parentURL) {
  if (URL.canParse(specifier)) {
    const url = new URL(specifier);
    return kLoaderSchemes.has(url.protocol) ? undefined : url.href;
  }
  if (parentURL !== undefined && URL.canParse(parentURL) && !kLoaderSchemes.has(new URL(parentURL).protocol) &&
      /^(\.\.?(\/|$)|\/)/.test(specifier)) {
    return new URL(specifier, parentURL).href;
  }
  return undefined;
}

// `context`: `{ parentURL, conditions, importAttributes }`.
function defaultResolve(specifier, context = {}) {
  specifier = `${specifier}`;
  // A `data:` URL is its own resolution; its MIME type matters only when it is loaded.
  if (specifier.startsWith('data:') && URL.canParse(specifier)) {
    return { __proto__: null, url: specifier, format: defaultGetFormatWithoutErrors(specifier) };
  }
  const parentURL = context.parentURL === undefined ? undefined : `${context.parentURL}`;
  // URLs of schemes the default loader cannot load resolve as URLs do (a later hook may
  // load them); the load step refuses them.
  const foreign = foreignUrl(specifier, parentURL);
  if (foreign !== undefined) return { __proto__: null, url: foreign, format: null };
  const conditions = Array.isArray(context.conditions) ? context.conditions.map(String) : undefined;
  const url = binding.esm.defaultResolve(`${specifier}`, parentURL, conditions);
  let format = null;
  try {
    format = defaultGetFormatWithoutErrors(url);
  } catch {
    // A URL this process cannot read the type of is left without a format.
  }
  return { __proto__: null, url, format };
}


function codes() {
  return require('internal/errors').codes;
}

function cjs() {
  return require('internal/modules/cjs');
}

function notFound(message, url) {
  const { ERR_MODULE_NOT_FOUND } = codes();
  const err = new ERR_MODULE_NOT_FOUND(message);
  if (url !== undefined) err.url = url;
  return err;
}

// package.json of `dir` for import of `specifier`: invalid JSON is
// ERR_INVALID_PACKAGE_CONFIG.
function readPackage(dir, base, specifier) {
  try {
    return cjs().readPackage(dir);
  } catch (err) {
    if (!(err instanceof SyntaxError) || err.path === undefined) throw err;
    const { ERR_INVALID_PACKAGE_CONFIG } = codes();
    const message = err.message.slice(err.message.indexOf(': ') + 2);
    throw new ERR_INVALID_PACKAGE_CONFIG(err.path, base ? `"${specifier}" from ${base}` : specifier, message);
  }
}

function readPackageScope(dir, base, specifier) {
  try {
    return cjs().readPackageScope(dir);
  } catch (err) {
    if (!(err instanceof SyntaxError) || err.path === undefined) throw err;
    const { ERR_INVALID_PACKAGE_CONFIG } = codes();
    const message = err.message.slice(err.message.indexOf(': ') + 2);
    throw new ERR_INVALID_PACKAGE_CONFIG(err.path, base ? `"${specifier}" from ${base}` : specifier, message);
  }
}

function stat(filename) {
  return binding.modules.stat(filename);
}

// A resolved URL as a module key: encoded separators refused, a directory or a missing
// file reported with the URL, symlinks followed unless --preserve-symlinks.
function finalizeResolution(url, base) {
  const { fileURLToPath } = require('url');
  if (/%2f|%5c/i.test(url.pathname)) {
    const { ERR_INVALID_MODULE_SPECIFIER } = codes();
    throw new ERR_INVALID_MODULE_SPECIFIER(url.pathname, 'must not include encoded "/" or "\\" characters', base);
  }
  let filename = fileURLToPath(url);
  if (filename.length > 1 && filename.endsWith('/')) filename = filename.slice(0, -1);
  const from = base ? ` imported from ${base}` : '';
  const rc = stat(filename);
  if (rc === 1) {
    const err = new Error(`Directory import '${filename}' is not supported resolving ES modules${from}`);
    err.code = 'ERR_UNSUPPORTED_DIR_IMPORT';
    err.url = url.href;
    throw err;
  }
  if (rc !== 0) throw notFound(`Cannot find module '${filename}'${from}`, url.href);
  if (require('internal/options').getOptionValue('--preserve-symlinks')) return filename;
  try {
    return require('fs').realpathSync(filename);
  } catch {
    return filename;
  }
}

const mainExtensions = ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node'];
const indexFiles = ['./index.js', './index.json', './index.node'];

// The legacy main entry of a package without `exports`: `main` with the CommonJS
// extensions and index files tried, then the package's index. A URL, or null.
function findLegacyMain(pjsonUrl, main) {
  if (typeof main === 'string') {
    const absolute = require('path').isAbsolute(main);
    for (let i = 0; i < mainExtensions.length; i++) {
      const url = absolute ? require('url').pathToFileURL(`${main}${mainExtensions[i]}`) : new URL(`./${main}${mainExtensions[i]}`, pjsonUrl);
      if (stat(require('url').fileURLToPath(url)) === 0) return { url, guessed: i > 0 };
    }
  }
  for (let i = 0; i < indexFiles.length; i++) {
    const url = new URL(indexFiles[i], pjsonUrl);
    if (stat(require('url').fileURLToPath(url)) === 0) return { url, guessed: true };
  }
  return null;
}

// DEP0151: an ES module package whose main entry is found by guessing.
function legacyMainDeprecation(url, pjsonUrl, basePath, main) {
  if (process.noDeprecation) return;
  const { defaultGetFormatWithoutErrors } = require('internal/modules/esm/get_format');
  let format;
  try {
    format = defaultGetFormatWithoutErrors(url);
  } catch {
    return;
  }
  if (format !== 'module') return;
  const { fileURLToPath } = require('url');
  const filename = fileURLToPath(url);
  const pkgPath = fileURLToPath(new URL('.', pjsonUrl));
  const from = basePath ? `, imported from ${basePath}` : '';
  if (!main) {
    process.emitWarning(`No "main" or "exports" field defined in the package.json for ${pkgPath} resolving the main entry point "${filename.slice(pkgPath.length)}"${from}.\nDefault "index" lookups for the main are deprecated for ES modules.`, 'DeprecationWarning', 'DEP0151');
  } else {
    process.emitWarning(`Package ${pkgPath} has a "main" field set to ${JSON.stringify(main)}, excluding the full filename and extension to the resolved file at "${filename.slice(pkgPath.length)}"${from}.\n Automatic extension resolution of the "main" field is deprecated for ES modules.`, 'DeprecationWarning', 'DEP0151');
  }
}

// `legacyMainResolve(packageJSONUrl, packageConfig, base)`: the URL of a package's
// legacy main entry (Node's internal, which --expose-internals tests call).
function legacyMainResolve(packageJSONUrl, packageConfig, base) {
  const { ERR_INVALID_ARG_TYPE, ERR_INVALID_URL } = codes();
  if (!(packageJSONUrl instanceof URL)) throw new ERR_INVALID_ARG_TYPE('packageJSONUrl', 'URL', packageJSONUrl);
  const main = packageConfig?.main;
  const found = findLegacyMain(packageJSONUrl, main);
  if (found !== null) return found.url;
  if (base === undefined) throw new ERR_INVALID_ARG_TYPE('base', ['string', 'URL'], base);
  const { fileURLToPath } = require('url');
  let basePath;
  try {
    basePath = fileURLToPath(base instanceof URL ? base : new URL(`${base}`));
  } catch {
    throw new ERR_INVALID_URL(`${base}`);
  }
  const missing = fileURLToPath(new URL(typeof main === 'string' ? `./${main}` : './index.js', packageJSONUrl));
  throw notFound(`Cannot find package '${missing}' imported from ${basePath}`);
}

function invalidName(specifier, base) {
  const { ERR_INVALID_MODULE_SPECIFIER } = codes();
  return new ERR_INVALID_MODULE_SPECIFIER(specifier, 'is not a valid package name', base);
}

// PACKAGE_RESOLVE: the module key a bare specifier names, imported from the file `base`
// (or a directory with a trailing `/`; undefined: the working directory).
function packageResolve(specifier, base, conditions) {
  const path = require('path');
  let name;
  if (specifier[0] === '@') {
    const slash = specifier.indexOf('/');
    if (slash === -1) throw invalidName(specifier, base);
    const end = specifier.indexOf('/', slash + 1);
    name = end === -1 ? specifier : specifier.slice(0, end);
  } else {
    const end = specifier.indexOf('/');
    name = end === -1 ? specifier : specifier.slice(0, end);
  }
  if (name === '' || name[0] === '.' || name.includes('\\') || name.includes('%')) throw invalidName(specifier, base);
  const subpath = `.${specifier.slice(name.length)}`;
  const { packageExportsResolve } = require('internal/modules/package_resolve');
  const { pathToFileURL } = require('url');
  const parentDir = base === undefined ? process.cwd() : base.endsWith('/') ? base.slice(0, -1) || '/' : path.dirname(base);
  const scope = readPackageScope(parentDir, base, specifier);
  if (scope !== null && scope.pkg.exports !== undefined && scope.pkg.exports !== null && scope.pkg.name === name) {
    return finalizeResolution(packageExportsResolve(scope.pkg.path, subpath, scope.pkg.exports, base, conditions), base);
  }
  let dir = parentDir;
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (path.basename(dir) !== 'node_modules' && stat(pkgDir) === 1) {
      const pkg = readPackage(pkgDir, base, specifier);
      const pjsonPath = path.join(pkgDir, 'package.json');
      if (pkg !== null && pkg.exports !== undefined && pkg.exports !== null) {
        return finalizeResolution(packageExportsResolve(pjsonPath, subpath, pkg.exports, base, conditions), base);
      }
      const pjsonUrl = pathToFileURL(pjsonPath);
      if (subpath === '.') {
        const main = pkg?.main;
        const found = findLegacyMain(pjsonUrl, main);
        if (found === null) {
          const missing = path.join(pkgDir, typeof main === 'string' ? main : 'index.js');
          throw notFound(`Cannot find package '${missing}'${base ? ` imported from ${base}` : ''}`);
        }
        if (found.guessed) legacyMainDeprecation(found.url, pjsonUrl, base, main);
        return finalizeResolution(found.url, base);
      }
      return finalizeResolution(new URL(subpath, pjsonUrl), base);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw notFound(`Cannot find package '${name}'${base ? ` imported from ${base}` : ''}`);
}

// PACKAGE_IMPORTS_RESOLVE for `#name` imported from `base`, then finalized.
function packageImportsResolve(specifier, base, conditions) {
  const path = require('path');
  const parentDir = base === undefined ? process.cwd() : base.endsWith('/') ? base.slice(0, -1) || '/' : path.dirname(base);
  const scope = readPackageScope(parentDir, base, specifier);
  const resolved = require('internal/modules/package_resolve').packageImportsResolve(specifier, scope, base, conditions);
  if (resolved instanceof URL) return finalizeResolution(resolved, base);
  return packageResolve(resolved.bare, scope.pkg.path, conditions);
}

// Called natively for a bare or `#` specifier: the module key it resolves to.
function resolveBare(specifier, base, conditions) {
  if (specifier[0] === '#') return packageImportsResolve(specifier, base, conditions);
  try {
    return packageResolve(specifier, base, conditions);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') {
      // The stack of a coded error holds its message from the start: a new error.
      const hint = commonJsHint(specifier, base);
      if (hint !== undefined) throw notFound(`${err.message}${hint}`, err.url);
    }
    throw err;
  }
}

// For a module that is not found: what require() would have found, as the specifier
// to import instead ("Did you mean to import ...?"), or undefined.
function commonJsHint(specifier, base) {
  if (base === undefined || base[0] !== '/') return undefined;
  const path = require('path');
  const { pathToFileURL } = require('url');
  let found;
  try {
    const { Module } = cjs();
    const parent = new Module(base, null);
    parent.filename = base;
    parent.paths = Module._nodeModulePaths(path.dirname(base));
    found = Module._resolveFilename(specifier, parent, false);
  } catch {
    return undefined;
  }
  if (/^\.\.?(\/|$)/.test(specifier)) {
    const from = path.posix.dirname(pathToFileURL(base).pathname);
    found = path.posix.relative(from, pathToFileURL(found).pathname);
    if (!found.startsWith('../')) found = `./${found}`;
  } else if (specifier[0] !== '/' && !specifier.startsWith('file:')) {
    const slash = specifier.indexOf('/');
    const pkg = slash === -1 ? specifier : specifier.slice(0, slash);
    const needle = `/node_modules/${pkg}/`;
    const at = found.lastIndexOf(needle);
    found = at === -1 ? pathToFileURL(found).href : `${pkg}/${found.slice(at + needle.length).split('/').map(encodeURIComponent).join('/')}`;
  }
  if (found === specifier) return undefined;
  return `\nDid you mean to import ${JSON.stringify(found)}?`;
}

module.exports = { defaultResolve, packageResolve, packageImportsResolve, legacyMainResolve, resolveBare, finalizeResolution, commonJsHint };
