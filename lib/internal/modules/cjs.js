'use strict';
// CommonJS: resolution (native, oxc_resolver with the `require` conditions), the module
// wrapper, require.cache, JSON modules, circular requires returning partial exports.
// Modules live in `Module._cache` in the heap, so a snapshot keeps them loaded and a
// later require() of one of them never touches the disk.

const { resolve, compileFunction, runScript } = binding.modules;
const fsb = binding.fs;
const path = require('path');

const wrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

const kParent = Symbol('kModuleParent');

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
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
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];

Module._nodeModulePaths = function (from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const parts = from.split('/');
  const paths = [];
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    paths.push(`${parts.slice(0, i).join('/') || ''}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
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
  if (request.startsWith('node:')) {
    if (internals.isBuiltin(request)) return request;
    const { ERR_UNKNOWN_BUILTIN_MODULE } = require('internal/errors').codes;
    throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
  }
  if (internals.isBuiltin(request)) return request;
  const dirs = options?.paths ?? [parent?.filename ? path.dirname(parent.filename) : process.cwd()];
  let result;
  for (const dir of dirs) {
    const base = path.isAbsolute(request) || request.startsWith('.') ? dir : dir;
    result = resolve(request, base, false);
    if (typeof result === 'string') {
      if (path.basename(result).startsWith('index.')) warnInvalidMain(result);
      return result;
    }
  }
  const stack = requireStack(parent);
  let message = `Cannot find module '${request}'`;
  if (stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  if (Array.isArray(result) && result[0] === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
    const err = new Error(result[1]);
    err.code = result[0];
    throw err;
  }
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  throw err;
};

// DEP0128: a package whose `main` names no file loads its index.js, with a warning.
const mainWarned = new Set();
function warnInvalidMain(indexFile) {
  const dir = path.dirname(indexFile);
  const pjson = path.join(dir, 'package.json');
  if (mainWarned.has(pjson)) return;
  let main;
  try {
    main = JSON.parse(fsb.readFileUtf8(pjson)).main;
  } catch {
    return;
  }
  if (typeof main !== 'string' || main === '') return;
  const target = path.resolve(dir, main);
  if (target === indexFile || ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node'].some((e) => resolve(target + e, dir, false) === target + e)) return;
  mainWarned.add(pjson);
  process.emitWarning(`Invalid 'main' field in '${pjson}' of '${main}'. Please either fix that or report it to the module author`, 'DeprecationWarning', 'DEP0128');
}

// `parentDir \0 request` -> filename for requests already resolved: a module found
// in Module._cache through it is returned without touching the disk (this cache is
// in the heap, so it also serves modules loaded before a snapshot).
const relativeResolveCache = { __proto__: null };

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
      return cached.loaded ? cached.exports : exportsForCircularRequire(cached);
    }
  }
  // --expose-internals: amber's own internal modules (not Node's) become requireable.
  const internalId = request.startsWith('node:internal/') ? request.slice(5) : request;
  if (internalId.startsWith('internal/') && internals.isInternalBuiltin(internalId) && require('internal/options').getOptionValue('--expose-internals')) {
    return internals.requireBuiltin(internalId);
  }
  if (request.startsWith('node:') || (internals.isBuiltin(request) && !request.startsWith('.'))) {
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
    return cached.loaded ? cached.exports : exportsForCircularRequire(cached);
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
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
};

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  let ext = path.extname(filename);
  if (ext === '' || Module._extensions[ext] === undefined) ext = '.js';
  Module._extensions[ext](this, filename);
  this.loaded = true;
  const ex = this.exports;
  if (ex !== null && typeof ex === 'object' && !binding.types.isProxy(ex) && Object.getPrototypeOf(ex) === circularWarningProxy) {
    Object.setPrototypeOf(ex, Object.prototype);
  }
};

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
  return Reflect.apply(fn, this.exports, [this.exports, require, this, filename, dirname]);
};

Module._extensions['.js'] = function (module, filename) {
  const esm = require('internal/modules/esm');
  if (esm.isEsmFile(filename)) {
    module.exports = esm.requireEsm(filename);
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
    module.exports = esm.requireEsm(filename);
  }
};
Module._extensions['.mjs'] = Module._extensions['.js'];
Module._extensions['.cjs'] = Module._extensions['.js'];
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
  const require = function require(id) { return mod.require(id); };
  require.resolve = function resolve(request, options) {
    return Module._resolveFilename(request, mod, false, options);
  };
  require.resolve.paths = function paths(request) {
    if (internals.isBuiltin(request)) return null;
    return Module._nodeModulePaths(mod.path || process.cwd());
  };
  require.main = Module._mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
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

// (An anonymous function: a `runMain` name here would call itself.)
Module.runMain = function (main = process.argv[1]) {
  if (require('internal/modules/esm').runMainWithHooks(main, runMain)) return;
  runMain(main);
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
Module.findSourceMap = () => undefined;
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
  if (require('internal/options').getOptionValue('--input-type') !== undefined) {
    const { ERR_INPUT_TYPE_NOT_ALLOWED } = require('internal/errors').codes;
    throw new ERR_INPUT_TYPE_NOT_ALLOWED();
  }
  if (process.env.NODE_COMPILE_CACHE) Module.enableCompileCache(process.env.NODE_COMPILE_CACHE);
  else enableDefaultCompileCache();
  // A main script that is not there (nor found as the CommonJS loader would, `amber app`
  // running app.js) is bad input: one line on stderr and exit code 1, with Node's words
  // and code, not an uncaught error's stack.
  // (A worker's missing script is its 'error' event instead, as in Node.)
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
    esm.runMainEsm(mainPath);
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
  return runScript(code, name);
}

// `-r module`: required as if from a module in the working directory.
function preload(request) {
  const parent = new Module(path.join(process.cwd(), '[preload]'));
  parent.filename = parent.id;
  parent.paths = Module._nodeModulePaths(process.cwd());
  Module._load(request, parent, false);
}

module.exports = { Module, runMain, evalScript, makeRequire, preload };
