'use strict';
// CommonJS: resolution (native, oxc_resolver with the `require` conditions), the module
// wrapper, require.cache, JSON modules, circular requires returning partial exports.
// Modules live in `Module._cache` in the heap, so a snapshot keeps them loaded and a
// later require() of one of them never touches the disk.

const { compileFunction, runScript } = binding.modules;
const fsb = binding.fs;
const path = require('path');
const { makeRequireFunction } = require('internal/modules/helpers');

const wrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

const kParent = Symbol('kModuleParent');

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  // Defined, not assigned: an `exports` accessor on Object.prototype is never called.
  Object.defineProperty(this, 'exports', { value: {}, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(this, kParent, { value: parent, writable: true, enumerable: false, configurable: true });
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  if (parent && parent.children) parent.children.push(this);
}

// module.parent: DEP0144, reported under --pending-deprecation.
let parentWarned = false;
function warnParent() {
  if (parentWarned || !require('internal/options').getOptionValue('--pending-deprecation')) return;
  parentWarned = true;
  process.emitWarning('module.parent is deprecated due to accuracy issues. Please use require.main to find program entry point instead.', 'DeprecationWarning', 'DEP0144');
}
Object.defineProperty(Module.prototype, 'parent', {
  get() { warnParent(); return this[kParent]; },
  set(value) { warnParent(); this[kParent] = value; },
  enumerable: false,
  configurable: true,
});

// While a module is still loading, a circular require() gets exports whose prototype
// warns about properties that are not (yet) there, as Node does.
const circularWarningProxy = new Proxy({}, {
  get(target, prop) {
    if (prop in target || prop === '__esModule') return undefined;
    process.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
    return undefined;
  },
  getOwnPropertyDescriptor(target, prop) {
    if (Object.prototype.hasOwnProperty.call(target, prop) || prop === '__esModule') return Object.getOwnPropertyDescriptor(target, prop);
    process.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
    return undefined;
  },
});

function exportsForCircularRequire(module) {
  const ex = module.exports;
  if (!module.loaded && ex !== null && typeof ex === 'object' && !binding.types.isProxy(ex) &&
      Object.getPrototypeOf(ex) === Object.prototype && !ex.__esModule) {
    Object.setPrototypeOf(ex, circularWarningProxy);
  }
  return module.exports;
}

Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.builtinModules = internals.publicBuiltins.slice();
Module.globalPaths = [];
Module.isBuiltin = internals.isBuiltin;
Module.Module = Module;
// Module.wrap and Module.wrapper can be patched (by assignment, or by changing the
// array's elements): from then on modules are compiled from the wrapped source text.
let wrapperPatched = false;
const wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
const wrapperHandler = {
  set(target, prop, value, receiver) {
    wrapperPatched = true;
    return Reflect.set(target, prop, value, receiver);
  },
  defineProperty(target, prop, descriptor) {
    wrapperPatched = true;
    return Reflect.defineProperty(target, prop, descriptor);
  },
};
let wrapperProxy = new Proxy(wrapper, wrapperHandler);
let wrap = function wrap(script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};
Object.defineProperty(Module, 'wrap', {
  get() { return wrap; },
  set(value) {
    wrapperPatched = true;
    wrap = value;
  },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(Module, 'wrapper', {
  get() { return wrapperProxy; },
  set(value) {
    wrapperPatched = true;
    wrapperProxy = value;
  },
  enumerable: true,
  configurable: true,
});

// `from`/node_modules and each parent's, skipping directories that are themselves
// node_modules (`/a/node_modules/b` looks in `/a/node_modules/b/node_modules` and
// `/a/node_modules`, never `/a/node_modules/node_modules`).
Module._nodeModulePaths = function (from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  let end = from.length;
  while (end > 0) {
    const dir = from.slice(0, end);
    if (path.basename(dir) !== 'node_modules') paths.push(`${dir}/node_modules`);
    end = dir.lastIndexOf('/');
  }
  paths.push('/node_modules');
  return paths;
};

// ---- resolution -------------------------------------------------------------------
// Node's CommonJS algorithm (the "require(X) from module at path Y" pseudocode of its
// modules documentation), in JS so that what programs patch takes part in it:
// Module._extensions (its keys are the extensions tried), Module._pathCache,
// Module._findPath, Module._resolveLookupPaths, module.paths, Module.globalPaths and
// NODE_PATH. Package `exports` and `imports` follow the ESM resolution specification with
// the CommonJS conditions.

const { stat: statPath } = binding.modules;
Module._stat = function _stat(filename) {
  return statPath(path.toNamespacedPath(filename));
};

// --preserve-symlinks(-main); NODE_PRESERVE_SYMLINKS=1 is --preserve-symlinks. Read once
// per process (initModulePaths).
let preserveFlags;
function preserveSymlinks(isMain) {
  if (preserveFlags === undefined) {
    const { getOptionValue } = require('internal/options');
    preserveFlags = {
      main: getOptionValue('--preserve-symlinks-main'),
      other: getOptionValue('--preserve-symlinks') || process.env.NODE_PRESERVE_SYMLINKS === '1',
    };
  }
  return isMain ? preserveFlags.main : preserveFlags.other;
}

// realpath results for files and the directories above them, per process as in Node (a
// symlink changed later is not noticed).
let realpathCache = new Map();
function toRealPath(filename) {
  let real = realpathCache.get(filename);
  if (real === undefined) {
    real = realpathThroughParent(filename);
    realpathCache.set(filename, real);
  }
  return real;
}

// A path's real path from its directory's (cached) and one lstat of its last component,
// as Node's realpathSync walks a path through its cache; fs.realpath for anything else
// and for the error of a path that cannot be resolved.
function realpathThroughParent(filename) {
  const dir = path.dirname(filename);
  if (dir === filename || !path.isAbsolute(filename) || filename.endsWith('/') || path.normalize(filename) !== filename) return fsb.realpath(filename);
  let realDir;
  try {
    realDir = toRealPath(dir);
  } catch {
    return fsb.realpath(filename);
  }
  return binding.modules.realpathChild(realDir, path.basename(filename)) ?? fsb.realpath(filename);
}

// package.json files by path: null when there is none; only the fields resolution
// reads, in an object without a prototype (a patched Object.prototype is never read).
const packageJsonCache = new Map();
function readPackage(dir) {
  const jsonPath = path.join(dir, 'package.json');
  const cached = packageJsonCache.get(jsonPath);
  if (cached !== undefined) return cached;
  let text;
  try {
    text = fsb.readFileUtf8(jsonPath);
  } catch {
    packageJsonCache.set(jsonPath, null);
    return null;
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const error = new SyntaxError(`Error parsing ${jsonPath}: ${err.message}`);
    error.path = jsonPath;
    throw error;
  }
  const pkg = { __proto__: null, path: jsonPath, name: undefined, main: undefined, exports: undefined, imports: undefined, type: 'none' };
  if (parsed !== null && typeof parsed === 'object') {
    const fields = ['name', 'main', 'exports', 'imports', 'type'];
    for (let i = 0; i < fields.length; i++) {
      if (Object.prototype.hasOwnProperty.call(parsed, fields[i])) pkg[fields[i]] = parsed[fields[i]];
    }
  }
  packageJsonCache.set(jsonPath, pkg);
  return pkg;
}

// The nearest package.json above `dir` (not looking past a node_modules directory).
function readPackageScope(dir) {
  let current = dir;
  for (;;) {
    if (path.basename(current) === 'node_modules') return null;
    const pkg = readPackage(current);
    if (pkg !== null) return { dir: current, pkg };
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function cjsConditions() {
  const options = require('internal/options');
  const conditions = ['require', 'node'];
  if (options.getOptionValue('--experimental-require-module')) conditions.push('module-sync');
  // --conditions / -C add the user's conditions, to require() as to import.
  for (const c of options.getOptionValue('--conditions') ?? []) if (!conditions.includes(c)) conditions.push(c);
  return conditions;
}

function tryFile(requestPath, isMain) {
  if (Module._stat(requestPath) !== 0) return false;
  return preserveSymlinks(isMain) ? path.resolve(requestPath) : toRealPath(requestPath);
}

function tryExtensions(basePath, exts, isMain) {
  for (let i = 0; i < exts.length; i++) {
    const filename = tryFile(basePath + exts[i], isMain);
    if (filename) return filename;
  }
  return false;
}

function tryPackage(requestPath, exts, isMain, originalPath) {
  const pkg = readPackage(requestPath);
  const main = pkg?.main;
  if (typeof main !== 'string' || main === '') return tryExtensions(path.resolve(requestPath, 'index'), exts, isMain);
  const filename = path.resolve(requestPath, main);
  let actual = tryFile(filename, isMain) || tryExtensions(filename, exts, isMain) ||
    tryExtensions(path.resolve(filename, 'index'), exts, isMain);
  if (actual === false) {
    actual = tryExtensions(path.resolve(requestPath, 'index'), exts, isMain);
    if (!actual) {
      const err = new Error(`Cannot find module '${filename}'. Please verify that the package.json has a valid "main" entry`);
      err.code = 'MODULE_NOT_FOUND';
      err.path = path.resolve(requestPath, 'package.json');
      err.requestPath = originalPath;
      throw err;
    }
    // DEP0128: `main` names no file, so the package's index is loaded.
    if (!mainWarned.has(pkg.path)) {
      mainWarned.add(pkg.path);
      process.emitWarning(`Invalid 'main' field in '${pkg.path}' of '${main}'. Please either fix that or report it to the module author`, 'DeprecationWarning', 'DEP0128');
    }
  }
  return actual;
}
const mainWarned = new Set();

// ---- package exports and imports (ESM resolution specification) ------------------

// Shared with import: internal/modules/package_resolve.js, here with the CommonJS
// conditions; `{ bare }` (an import mapped to a package) is resolved by the caller.
function packageResolver() {
  return require('internal/modules/package_resolve');
}

// PACKAGE_EXPORTS_RESOLVE for `pkgDir` and `subpath` ('.' or './x'): the file it maps to
// (which must exist), or throws. `base`: the requiring file when it is named in errors.
function resolvePackageExports(pkgDir, subpath, pkg, base, request) {
  const url = packageResolver().packageExportsResolve(pkg.path, subpath, pkg.exports, base ?? undefined, cjsConditions());
  return finalizeResolution(url.pathname, pkgDir, request);
}

function finalizeResolution(resolved, pkgDir, request) {
  if (/%2f|%5c/i.test(resolved)) {
    const { ERR_INVALID_MODULE_SPECIFIER } = require('internal/errors').codes;
    throw new ERR_INVALID_MODULE_SPECIFIER(resolved, 'must not include encoded "/" or "\\" characters');
  }
  let filename = resolved;
  try {
    filename = decodeURIComponent(resolved);
  } catch {
    // Not percent-encoded: the path as written.
  }
  if (Module._stat(filename) === 0) return preserveSymlinks(false) ? filename : toRealPath(filename);
  const err = new Error(`Cannot find module '${filename}'`);
  err.code = 'MODULE_NOT_FOUND';
  err.path = path.join(pkgDir, 'package.json');
  err.requestPath = request;
  throw err;
}

// `name` and `./subpath` of a bare request (`@scope/name/sub` included), or null.
function splitPackageRequest(request) {
  const match = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/.exec(request);
  if (match === null) return null;
  return { name: match[1], subpath: `.${match[2] ?? ''}` };
}

// LOAD_PACKAGE_EXPORTS(X, DIR) for one node_modules directory.
function resolveExports(nmPath, request) {
  const parts = splitPackageRequest(request);
  if (parts === null) return false;
  const pkgDir = path.resolve(nmPath, parts.name);
  const pkg = readPackage(pkgDir);
  if (pkg === null || pkg.exports === undefined || pkg.exports === null) return false;
  return resolvePackageExports(pkgDir, parts.subpath, pkg, null, request);
}

// LOAD_PACKAGE_SELF: a package requiring itself by its own name through its `exports`.
function trySelf(parentDir, request, parentFilename) {
  const scope = readPackageScope(parentDir);
  if (scope === null || scope.pkg.exports === undefined || scope.pkg.exports === null) return false;
  const { name } = scope.pkg;
  if (typeof name !== 'string') return false;
  let subpath;
  if (request === name) subpath = '.';
  else if (request.startsWith(`${name}/`)) subpath = `.${request.slice(name.length)}`;
  else return false;
  return resolvePackageExports(scope.dir, subpath, scope.pkg, parentFilename, request);
}

// PACKAGE_IMPORTS_RESOLVE: `#name` through the `imports` of the parent's package.
function resolvePackageImports(request, parentDir, parentFilename) {
  const scope = readPackageScope(parentDir);
  const resolved = packageResolver().packageImportsResolve(request, scope, parentFilename, cjsConditions());
  if (!(resolved instanceof URL)) {
    // Mapped to a package: resolved as the package's own require() would.
    const fake = new Module(path.join(scope.dir, 'package.json'));
    fake.filename = fake.id;
    fake.paths = Module._nodeModulePaths(scope.dir);
    return Module._resolveFilename(resolved.bare, fake);
  }
  return finalizeResolution(resolved.pathname, scope.dir, request);
}

const trailingDotsRegex = /(?:^|\/)\.?\.$/;

Module._findPath = function _findPath(request, paths, isMain) {
  const absolute = path.isAbsolute(request);
  if (absolute) paths = [''];
  else if (!paths || paths.length === 0) return false;
  const cacheKey = `${request}\x00${paths.length === 1 ? paths[0] : paths.join('\x00')}`;
  const cached = Module._pathCache[cacheKey];
  if (cached) return cached;
  const trailingSlash = request.length > 0 && (request.endsWith('/') || trailingDotsRegex.test(request));
  const relative = request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..';
  // A directory that is not there is skipped, unless the request leaves it ('../x' from
  // a module whose directory was removed after it loaded).
  const insidePath = !(relative && path.normalize(request).startsWith('..'));
  let exts;
  for (let i = 0; i < paths.length; i++) {
    const curPath = paths[i];
    if (insidePath && curPath && Module._stat(curPath) < 1) continue;
    if (!absolute && !relative) {
      const resolved = resolveExports(curPath, request);
      if (resolved) return resolved;
    }
    const basePath = path.resolve(curPath, request);
    let filename;
    const rc = Module._stat(basePath);
    if (!trailingSlash) {
      if (rc === 0) filename = preserveSymlinks(isMain) ? path.resolve(basePath) : toRealPath(basePath);
      if (!filename) {
        exts ??= Object.keys(Module._extensions);
        filename = tryExtensions(basePath, exts, isMain);
      }
    }
    if (!filename && rc === 1) {
      exts ??= Object.keys(Module._extensions);
      filename = tryPackage(basePath, exts, isMain, request);
    }
    if (filename) {
      Module._pathCache[cacheKey] = filename;
      return filename;
    }
  }
  return false;
};

// HOME/.node_modules, HOME/.node_libraries, PREFIX/lib/node, after NODE_PATH's entries.
let modulePaths = [];
Module._initPaths = function _initPaths() {
  const home = process.env.HOME;
  const prefix = path.resolve(process.execPath, '..', '..');
  const paths = [path.resolve(prefix, 'lib', 'node')];
  if (home) {
    paths.unshift(path.resolve(home, '.node_libraries'));
    paths.unshift(path.resolve(home, '.node_modules'));
  }
  const nodePath = process.env.NODE_PATH;
  if (nodePath) {
    const entries = nodePath.split(path.delimiter).filter((p) => !!p);
    for (let i = entries.length - 1; i >= 0; i--) paths.unshift(entries[i]);
  }
  modulePaths = paths;
  Module.globalPaths = paths.slice();
};
// Per process: again when a snapshot is restored (internal/process.js refresh()).
internals.initModulePaths = () => {
  realpathCache = new Map();
  preserveFlags = undefined;
  Module._initPaths();
};
Module._initPaths();

Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (internals.isBuiltin(request)) return null;
  // Not relative: the parent's node_modules directories, then the global ones.
  if (request[0] !== '.' || (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    const paths = parent?.paths?.length > 0 ? parent.paths.concat(modulePaths) : modulePaths;
    return paths.length > 0 ? paths : null;
  }
  // A relative request from the REPL, -e or a module without a file: the working directory.
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

function requireStack(parent) {
  const stack = [];
  for (let m = parent; m; m = m[kParent]) stack.push(m.filename || m.id);
  return stack;
}

Module._resolveFilename = function (request, parent, isMain, options) {
  if (typeof request !== 'string') {
    const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_TYPE('id', 'string', request);
  }
  if (request.startsWith('amber:') && internals.isAmberBuiltin(`amber/${request.slice(6)}`)) return request;
  // (An unknown `node:` name is not found, as any other request; require() itself
  // refuses it before resolving, with ERR_UNKNOWN_BUILTIN_MODULE.)
  if (internals.isBuiltin(request)) return request;
  let paths;
  if (typeof options === 'object' && options !== null && options.paths !== undefined) {
    if (!Array.isArray(options.paths)) {
      const { ERR_INVALID_ARG_VALUE } = require('internal/errors').codes;
      throw new ERR_INVALID_ARG_VALUE('options.paths', options.paths);
    }
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
      paths = options.paths;
    } else {
      const fakeParent = new Module('', null);
      paths = [];
      for (let i = 0; i < options.paths.length; i++) {
        fakeParent.paths = Module._nodeModulePaths(options.paths[i]);
        const lookups = Module._resolveLookupPaths(request, fakeParent) ?? [];
        for (let j = 0; j < lookups.length; j++) {
          if (!paths.includes(lookups[j])) paths.push(lookups[j]);
        }
      }
    }
  } else {
    paths = Module._resolveLookupPaths(request, parent);
  }
  const parentFilename = parent?.filename;
  if (request[0] === '#' && (parentFilename || parent?.id === '<repl>')) {
    // Through the `imports` of the parent's package when it has them; otherwise `#x` is
    // looked up as any other name.
    const parentDir = parentFilename ? path.dirname(parentFilename) : process.cwd();
    const imports = readPackageScope(parentDir)?.pkg.imports;
    if (imports !== undefined && imports !== null) return resolvePackageImports(request, parentDir, parentFilename);
  }
  if (parentFilename && !path.isAbsolute(request) && request[0] !== '.') {
    const self = trySelf(path.dirname(parentFilename), request, parentFilename);
    if (self) return self;
  }
  const filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  const stack = requireStack(parent);
  let message = `Cannot find module '${request}'`;
  if (stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  throw err;
};

// `parentDir \0 request` -> filename for requests already resolved: a module found
// in Module._cache through it is returned without touching the disk (this cache is
// in the heap, so it also serves modules loaded before a snapshot).
const relativeResolveCache = { __proto__: null };

// The exports of a module in Module._cache: partial ones while it is still loading (a
// circular require), except for an ES module, whose graph cannot be entered again.
function cachedExports(cached) {
  if (cached.loaded) return cached.exports;
  if (cached[kRequiringEsm]) {
    const { ERR_REQUIRE_CYCLE_MODULE } = require('internal/errors').codes;
    const from = cached[kParent]?.filename;
    throw new ERR_REQUIRE_CYCLE_MODULE(`Cannot require() ES Module ${cached.filename} in a cycle.${from ? ` (from ${from})` : ''}`);
  }
  return exportsForCircularRequire(cached);
}

Module._load = function (request, parent, isMain) {
  if (request.startsWith('amber:')) {
    const id = `amber/${request.slice(6)}`;
    if (!internals.isAmberBuiltin(id)) {
      const { ERR_UNKNOWN_BUILTIN_MODULE } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
    }
    return internals.requireBuiltin(id);
  }
  const cacheKey = parent?.path !== undefined ? `${parent.path}\x00${request}` : undefined;
  if (cacheKey !== undefined) {
    const filename = relativeResolveCache[cacheKey];
    const cached = filename !== undefined ? Module._cache[filename] : undefined;
    if (cached !== undefined) {
      if (parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      return cachedExports(cached);
    }
  }
  // --expose-internals: amber's own internal modules (not Node's) become requireable.
  const internalId = request.startsWith('node:internal/') ? request.slice(5) : request;
  if (internalId.startsWith('internal/') && internals.isInternalBuiltin(internalId) && require('internal/options').getOptionValue('--expose-internals')) {
    return internals.requireBuiltin(internalId);
  }
  if (request.startsWith('node:') || (internals.isBuiltin(request) && !request.startsWith('.'))) {
    // require.cache can stand in for a builtin required without the `node:` scheme.
    if (!request.startsWith('node:') && Module._cache[request] !== undefined) return cachedExports(Module._cache[request]);
    const id = request.startsWith('node:') ? request.slice(5) : request;
    if (!internals.isBuiltin(request)) {
      const { ERR_UNKNOWN_BUILTIN_MODULE } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
    }
    return internals.requireBuiltin(id);
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  if (cacheKey !== undefined) relativeResolveCache[cacheKey] = filename;
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
    return cachedExports(cached);
  }
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
    Module._mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    // A module that failed to load is forgotten: not cached, not a child of its parent.
    if (threw) {
      delete Module._cache[filename];
      if (cacheKey !== undefined) delete relativeResolveCache[cacheKey];
      const children = parent?.children;
      if (Array.isArray(children)) {
        const index = children.indexOf(module);
        if (index !== -1) children.splice(index, 1);
      }
    }
  }
  return module.exports;
};

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._extensions[registeredExtension(filename)](this, filename);
  this.loaded = true;
  const ex = this.exports;
  if (ex !== null && typeof ex === 'object' && !binding.types.isProxy(ex) && Object.getPrototypeOf(ex) === circularWarningProxy) {
    Object.setPrototypeOf(ex, Object.prototype);
  }
};

// The longest registered extension of the file's name (`.foo.bar` before `.bar`; a
// dot file's leading dot is not one), else `.js`.
function registeredExtension(filename) {
  const name = path.basename(filename);
  for (let dot = name.indexOf('.', 1); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const ext = name.slice(dot);
    if (Module._extensions[ext]) return ext;
  }
  return '.js';
}

Module.prototype.require = function (id) {
  if (typeof id !== 'string') {
    const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_TYPE('id', 'string', id);
  }
  if (id === '') {
    const { ERR_INVALID_ARG_VALUE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  }
  return Module._load(id, this, false);
};

function stripShebang(source) {
  if (source.charCodeAt(0) === 35 && source.charCodeAt(1) === 33) {
    return `//${source.slice(2)}`;
  }
  return source;
}

// True while a worker script runs at build time (amber snapshot build --worker).
function prebuildingWorker() {
  return require('internal/worker/state').prebuilt !== null;
}

// What `_compile` returns for source that is an ES module by syntax (`detect`).
const kDetectedEsm = Symbol('detected ES module');

Module.prototype._compile = function (content, filename, detect = false) {
  internals.requireBuiltin('internal/source_map/source_map_cache').maybeCacheSourceMap(filename, content);
  let fn;
  if (detect && internals.requireBuiltin('internal/options').getOptionValue('--abort-on-uncaught-exception')) {
    // V8 aborts on an exception a native TryCatch catches under this flag, so detection
    // catches in JS here (the rethrown SyntaxError then loses its source line).
    try {
      fn = compileFunction(stripShebang(content), filename, wrapperParams);
    } catch (err) {
      if (internals.requireBuiltin('internal/modules/esm').looksLikeEsm(err, content)) return kDetectedEsm;
      throw err;
    }
  } else if (wrapperPatched) {
    fn = runScript(Module.wrap(stripShebang(content)), filename);
  } else {
    fn = compileFunction(stripShebang(content), filename, wrapperParams, detect);
    if (fn === null) return kDetectedEsm;
  }
  const require = makeRequire(this);
  const dirname = path.dirname(filename);
  // A snapshot's builder entry sees what Node's does: no `module` or `exports` (so a UMD
  // bundle installs its global), only `require`, `__filename` and `__dirname`.
  // A worker script run at build time (a prebuilt worker context) is a worker's main module.
  if (this.id === '.' && binding.snapshot.mode() === 1 && !prebuildingWorker()) {
    return Reflect.apply(fn, undefined, [undefined, require, undefined, filename, dirname]);
  }
  // `--inspect-brk`: pause at the main module's first line.
  if (this.id === '.' && internals.builtinLoaded('internal/inspector/remote') && internals.requireBuiltin('internal/inspector/remote').wantsPauseOnStart()) {
    return internals.requireBuiltin('internal/inspector/remote').callMaybePaused(fn, this.exports, this.exports, require, this, filename, dirname);
  }
  return Reflect.apply(fn, this.exports, [this.exports, require, this, filename, dirname]);
};

Module._extensions['.js'] = function (module, filename) {
  const esm = require('internal/modules/esm');
  if (esm.isEsmFile(filename)) {
    module.exports = requireEsm(module, filename);
    return;
  }
  // A `.js` (or extensionless) file with no package `type` is an ES module when its
  // syntax says so. (A required one only when require() may load ES modules; otherwise
  // its SyntaxError stands.)
  const detect = (filename.endsWith('.js') || path.extname(filename) === '') && binding.esm.packageType(filename) === 'none' &&
    (module.id === '.' || require('internal/options').getOptionValue('--experimental-require-module'));
  if (module._compile(fsb.readFileUtf8(filename), filename, detect) === kDetectedEsm) {
    binding.esm.markDetected(filename);
    if (module.id === '.') {
      // The main entry runs as Node runs an ES module entry, top-level await included.
      delete Module._cache[filename];
      process.mainModule = undefined;
      Module._mainModule = undefined;
      esm.runMainEsm(filename);
      return;
    }
    module.exports = requireEsm(module, filename);
  }
};
// require() of an ES module (on unless --no-experimental-require-module, as in Node
// 20.19): its namespace, once the module evaluated synchronously. A graph with top-level
// await is not evaluated at all (ERR_REQUIRE_ASYNC_MODULE); a module required while it
// is being evaluated is a cycle (ERR_REQUIRE_CYCLE_MODULE). A module that exports the
// name 'module.exports' gives that value; one with a default export and no __esModule
// export is seen through a facade that adds `__esModule: true`, as transpiled CommonJS
// expects.
const esmFacades = new Set();
const kRequiringEsm = Symbol('kRequiringEsm');
function requireEsm(module, filename) {
  const parentPath = module[kParent]?.filename ?? undefined;
  const errors = require('internal/errors').codes;
  if (!require('internal/options').getOptionValue('--experimental-require-module')) {
    const scope = filename.endsWith('.mjs') ? null : readPackageScope(path.dirname(filename));
    let hasEsmSyntax = false;
    if (scope !== null) {
      try {
        hasEsmSyntax = compileFunction(stripShebang(fsb.readFileUtf8(filename)), filename, wrapperParams, true) === null;
      } catch {
        // Not CommonJS for another reason: the message without the syntax hint.
      }
    }
    throw new errors.ERR_REQUIRE_ESM(filename, hasEsmSyntax, parentPath ?? null, scope === null ? null : scope.pkg.path);
  }
  traceRequireModule(filename, parentPath);
  module[kRequiringEsm] = true;
  for (const { 0: specifier, 1: from, 2: target, 3: evaluating } of binding.esm.requireCycles(filename)) {
    const loading = !evaluating && Module._cache[target]?.loaded === false;
    if (!evaluating && !loading) continue;
    const kind = evaluating ? 'Module' : 'CommonJS Module';
    const parent = from.startsWith('/') ? ` (from ${from})` : '';
    throw new errors.ERR_REQUIRE_CYCLE_MODULE(`Cannot import ${kind} ${specifier} in a cycle.${parent}`);
  }
  const result = binding.esm.requireModule(filename, require('internal/options').getOptionValue('--experimental-print-required-tla'));
  const ns = result[0];
  const state = result[1];
  if (state === 2) {
    throw new errors.ERR_REQUIRE_CYCLE_MODULE(`Cannot require() ES Module ${filename} in a cycle.${parentPath ? ` (from ${parentPath})` : ''}`);
  }
  if (state === 1) throw new errors.ERR_REQUIRE_ASYNC_MODULE(filename, parentPath);
  if ('module.exports' in ns) return ns['module.exports'];
  if (!('default' in ns) || '__esModule' in ns) return ns;
  const key = `${filename}?require-esm-facade`;
  if (!esmFacades.has(key)) {
    const url = JSON.stringify(require('url').pathToFileURL(filename).href);
    binding.esm.setVirtualSource(key, `export * from ${url};\nexport { default } from ${url};\nexport const __esModule = true;\n`);
    esmFacades.add(key);
  }
  return binding.esm.requireModule(key)[0];
}

// --trace-require-module=all|no-node-modules: an ExperimentalWarning for each require()
// of an ES module (with the second, not for requires by modules under node_modules).
function traceRequireModule(filename, parentPath) {
  const mode = require('internal/options').getOptionValue('--trace-require-module');
  if (mode === undefined || mode === false) return;
  if (mode === 'no-node-modules' && parentPath?.includes('/node_modules/')) return;
  const from = parentPath ? `CommonJS module ${parentPath}` : 'A CommonJS module';
  process.emitWarning(`${from} is loading ES Module ${filename} using require().\nSupport for loading ES Module in require() is an experimental feature and might change at any time`, 'ExperimentalWarning', Module.prototype.require);
}

Module._extensions['.json'] = function (module, filename) {
  const content = fsb.readFileUtf8(filename);
  try {
    module.exports = JSON.parse(content);
  } catch (err) {
    // Name the file, in the message and in the stack V8 already formatted.
    const original = err.message;
    err.message = `${filename}: ${original}`;
    if (typeof err.stack === 'string') err.stack = err.stack.replace(original, err.message);
    throw err;
  }
};
Module._extensions['.node'] = function (module, filename) {
  return process.dlopen(module, filename);
};

function makeRequire(mod) {
  return makeRequireFunction(mod, Module);
}

Module.createRequire = function createRequire(filename) {
  if (typeof filename === 'object' && filename !== null && typeof filename.href === 'string') filename = filename.href;
  if (typeof filename === 'string' && filename.startsWith('file:')) filename = require('url').fileURLToPath(filename);
  if (typeof filename !== 'string' || !path.isAbsolute(filename)) {
    const { ERR_INVALID_ARG_VALUE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
  }
  const proxyPath = filename.endsWith('/') ? path.join(filename, 'noop.js') : filename;
  const m = new Module(proxyPath);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequire(m);
};

// The start of a program runs through Module.runMain, so a preloaded module (`-r`) can
// wrap it; `--import` modules and customization hooks come first.
Module.runMain = function runMain(main = process.argv[1]) {
  if (require('internal/modules/esm').runMainWithHooks(main, runMainEntry)) return;
  runMainEntry(main);
};

// The compile cache: V8 code caches of CommonJS modules, written at exit.
const compileCacheStatus = Object.freeze({ FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 });
let compileCacheDir;
Module.constants = Object.freeze({ compileCacheStatus });
// Entries of another V8 would be rejected anyway: each V8 version gets its own directory.
const versionedCacheDir = (base) => path.resolve(base, `v8-${process.versions.v8}`);

Module.enableCompileCache = function enableCompileCache(dir) {
  if (compileCacheDir !== undefined) return { status: compileCacheStatus.ALREADY_ENABLED, directory: compileCacheDir };
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return { status: compileCacheStatus.DISABLED };
  if (typeof dir === 'object' && dir !== null) dir = dir.directory;
  const base = dir ?? process.env.NODE_COMPILE_CACHE ?? defaultCompileCacheDir();
  const directory = versionedCacheDir(base);
  // Created 0700; refused when another user owns it or can write to it.
  const problem = binding.modules.setCompileCacheDir(directory);
  if (problem !== undefined) return { status: compileCacheStatus.FAILED, message: problem, directory };
  compileCacheDir = directory;
  return { status: compileCacheStatus.ENABLED, directory };
};
// Per user, as a cache should be: $XDG_CACHE_HOME or ~/.cache, never a shared /tmp
// directory another user could have created first.
function defaultCompileCacheDir() {
  const { XDG_CACHE_HOME, HOME } = process.env;
  if (XDG_CACHE_HOME && path.isAbsolute(XDG_CACHE_HOME)) return path.join(XDG_CACHE_HOME, 'amber', 'compile-cache');
  const home = HOME || require('os').homedir();
  if (home) return path.join(home, '.cache', 'amber', 'compile-cache');
  return path.join(require('os').tmpdir(), `amber-compile-cache-${process.getuid()}`);
}
Module.getCompileCacheDir = () => compileCacheDir;
Module.flushCompileCache = () => binding.modules.flushCompileCache();
// The explicit cache and amber's default one are both written at exit (a no-op when off).
internals.flushCompileCache = () => binding.modules.flushCompileCache();

Module.syncBuiltinESMExports = () => require('internal/modules/esm').syncBuiltinESMExports();
Module.findSourceMap = (path) => internals.requireBuiltin('internal/source_map/source_map_cache').findSourceMap(path);
Module.SourceMap = internals.requireBuiltin('internal/source_map/source_map').SourceMap;
Module.register = (...args) => require('internal/modules/esm').register(...args);

// Code caches of the user's modules are kept by default (Node needs
// NODE_COMPILE_CACHE or module.enableCompileCache() for that), in the per-user cache
// directory; AMBER_COMPILE_CACHE=0, NODE_DISABLE_COMPILE_CACHE or --no-compile-cache
// turn it off. It is amber's own: module.getCompileCacheDir() stays undefined, as in
// Node, until the program enables a cache itself. Never while building a snapshot (the
// snapshot keeps the compiled code itself).
function enableDefaultCompileCache() {
  const { AMBER_COMPILE_CACHE, NODE_DISABLE_COMPILE_CACHE } = process.env;
  if (AMBER_COMPILE_CACHE === '0' || NODE_DISABLE_COMPILE_CACHE) return;
  if (binding.snapshot.mode() === 1) return;
  if (!require('internal/options').getOptionValue('--compile-cache')) return;
  const directory = versionedCacheDir(defaultCompileCacheDir());
  // A directory that is not safe to use (another user's, writable by others) leaves
  // the cache off; that is not an error for a program that did not ask for it.
  binding.modules.setCompileCacheDir(directory);
}

function runMain(mainPath) {
  Module.runMain(mainPath);
}

function missingMainWithHint(mainPath) {
  let err;
  try {
    fsb.realpath(path.resolve(mainPath));
    return;
  } catch (e) {
    err = e;
  }
  if (err?.code !== 'ENOENT') throw err;
  let found;
  try {
    found = Module._resolveFilename(mainPath, null, true);
  } catch {
    throw err;
  }
  if (found !== mainPath && typeof err.stack === 'string') {
    const hint = `\nDid you mean to import ${JSON.stringify(found)}?`;
    const end = err.stack.indexOf('\n');
    err.stack = end === -1 ? `${err.stack}${hint}` : `${err.stack.slice(0, end)}${hint}${err.stack.slice(end)}`;
    err.message += hint;
  }
  throw err;
}

// At the start of a process that runs an entry, and in a process restored from a
// snapshot: modules the program requires after restore are compiled from their files
// like any other, so they get code caches too.
function startCompileCache() {
  // NODE_V8_COVERAGE: block counts need code compiled while coverage runs, which a
  // cached compilation is not (internal/inspector/coverage.js).
  if (internals.endCoverage !== undefined) return;
  if (process.env.NODE_COMPILE_CACHE) Module.enableCompileCache(process.env.NODE_COMPILE_CACHE);
  else enableDefaultCompileCache();
}

function runMainEntry(mainPath) {
  if (require('internal/options').getOptionValue('--input-type') !== undefined) {
    const { ERR_INPUT_TYPE_NOT_ALLOWED } = require('internal/errors').codes;
    throw new ERR_INPUT_TYPE_NOT_ALLOWED();
  }
  startCompileCache();
  // A main script that is not there (nor found as the CommonJS loader would, `amber app`
  // running app.js) is bad input: one line on stderr and exit code 1, with Node's words
  // and code, not an uncaught error's stack.
  // (A worker's missing script is its 'error' event instead, as in Node.)
  const options = require('internal/options');
  if (options.getOptionValue('--experimental-default-type') === 'module' && !options.getOptionValue('--preserve-symlinks-main')) {
    // No extension searching for the entry: its path as given must exist (realpath's
    // ENOENT), with what the CommonJS loader would have run as the hint.
    missingMainWithHint(mainPath);
  }
  try {
    Module._resolveFilename(mainPath, null, true);
  } catch (err) {
    if (err?.code !== 'MODULE_NOT_FOUND' || !require('worker_threads').isMainThread) throw err;
    process.stderr.write(`Error: Cannot find module '${mainPath}' (code: 'MODULE_NOT_FOUND')\n`);
    process.exitCode = 1;
    return;
  }
  const esm = require('internal/modules/esm');
  if (esm.isEsmFile(mainPath)) {
    // As a file URL: a `#` or `?` in the entry's name is part of the name.
    esm.runMainEsm(mainPath, undefined, require('url').pathToFileURL(mainPath).href);
    return;
  }
  Module._load(mainPath, null, true);
}

// -e / -p: a script in the global scope with CommonJS helpers as globals.
function evalScript(code, name = '[eval]') {
  const m = new Module(name);
  m.filename = path.join(process.cwd(), name);
  m.paths = Module._nodeModulePaths(process.cwd());
  globalThis.module = m;
  globalThis.exports = m.exports;
  globalThis.require = makeRequire(m);
  globalThis.__filename = name;
  globalThis.__dirname = '.';
  addBuiltinLibsToGlobal();
  // `--inspect-brk`: pause at the script's first line.
  if (internals.builtinLoaded('internal/inspector/remote') && internals.requireBuiltin('internal/inspector/remote').wantsPauseOnStart()) {
    return internals.requireBuiltin('internal/inspector/remote').callMaybePaused(runScript, undefined, code, name);
  }
  return runScript(code, name);
}

// As in Node's -e and -p: each public builtin without `_` or `/` in its name that is not
// a global already is a global that loads it on first use (and can be assigned).
function addBuiltinLibsToGlobal() {
  for (const name of internals.publicBuiltins) {
    if (name.startsWith('_') || name.includes('/') || Object.prototype.hasOwnProperty.call(globalThis, name)) continue;
    const setReal = (value) => {
      delete globalThis[name];
      globalThis[name] = value;
    };
    Object.defineProperty(globalThis, name, {
      __proto__: null,
      get() {
        const lib = internals.requireBuiltin(name);
        Object.defineProperty(globalThis, name, { __proto__: null, get: () => lib, set: setReal, configurable: true, enumerable: false });
        return lib;
      },
      set: setReal,
      configurable: true,
      enumerable: false,
    });
  }
}

// `-r module`: required as if from a module in the working directory.
function preload(request) {
  const parent = new Module(path.join(process.cwd(), '[preload]'));
  parent.filename = parent.id;
  parent.paths = Module._nodeModulePaths(process.cwd());
  Module._load(request, parent, false);
}

// What `-r` does, for a list of requests (ts-node's register() calls it for its `require`
// option); anything but an array is ignored.
Module._preloadModules = function _preloadModules(requests) {
  if (!Array.isArray(requests)) return;
  for (const request of requests) preload(request);
};

module.exports = { Module, runMain, evalScript, makeRequire, preload, readPackage, readPackageScope, startCompileCache };
