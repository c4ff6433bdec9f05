'use strict';
// ES module glue on the JS side: what CommonJS, JSON and builtin modules export to
// `import`, `import()` from anywhere, `import.meta`, and running an ES module as main.
// Loading, linking and the module map are native (crates/runtime/src/esm.rs).

const path = require('path');
const { Module } = require('internal/modules/cjs');
const { triggerUncaught } = require('internal/task_queues');

// The body of a `data:` URL as text (its MIME type was checked natively).
function dataUrlText(url) {
  const comma = url.indexOf(',');
  const head = url.slice(5, comma);
  const body = url.slice(comma + 1);
  if (head.endsWith(';base64')) return Buffer.from(decodeURIComponent(body), 'base64').toString('utf8');
  return decodeURIComponent(body);
}

// The JSON a customization hook loaded for `key` (undefined when none did).
function hookedJson(key) {
  if (!hooksUsed) return undefined;
  const loaded = require('internal/modules/esm/hooks').loadedAs(key);
  return loaded?.format === 'json' ? loaded : undefined;
}
let hooksUsed = false;

function exportsOf(key) {
  const json = hookedJson(key);
  if (json !== undefined) return JSON.parse(json.source ?? binding.fs.readFileUtf8(key));
  const cjsSource = hooksUsed ? require('internal/modules/esm/hooks').loadedAs(key) : undefined;
  if (cjsSource?.format === 'commonjs' && cjsSource.source != null) return compileHookedCommonJs(key, cjsSource);
  if (key === 'node:worker_threads') return workerThreadsExports();
  if (key.startsWith('node:')) {
    builtinKeys.add(key);
    return internals.requireBuiltin(key.slice(5));
  }
  if (key.startsWith('data:')) return JSON.parse(dataUrlText(key));
  if (key.endsWith('.json')) {
    // One JSON module per file for import and require(), as in Node: the CommonJS
    // cache's when require() loaded it first, and put there otherwise.
    const cached = Module._cache[key];
    if (cached !== undefined) return cached.exports;
    const text = binding.fs.readFileUtf8(key);
    let value;
    try {
      value = JSON.parse(text);
    } catch (err) {
      err.message = `${key}: ${err.message}`;
      throw err;
    }
    const m = new Module(key, null);
    m.filename = key;
    m.paths = Module._nodeModulePaths(path.dirname(key));
    m.exports = value;
    m.loaded = true;
    Module._cache[key] = m;
    return value;
  }
  return Module._load(key, null, key === mainKey);
}
// CommonJS whose source a load hook gave: compiled as the module `key` (a file name,
// or the URL of a module that is not a file), once.
function compileHookedCommonJs(key, loaded) {
  if (loaded.module === undefined) {
    const m = new Module(key, null);
    m.filename = key;
    m.paths = key.startsWith('/') ? Module._nodeModulePaths(path.dirname(key)) : [];
    loaded.module = m;
    if (key === mainKey) {
      process.mainModule = m;
      m.id = '.';
    }
    m._compile(loaded.source, key);
    m.loaded = true;
  }
  return loaded.module.exports;
}

// Builtin modules imported as ES modules: their named exports follow the builtin's
// properties when `syncBuiltinESMExports()` is called.
const builtinKeys = new Set();
function syncBuiltinESMExports() {
  for (const key of builtinKeys) binding.esm.refreshExports(key);
}

// The main entry when it is loaded through the ES module loader as CommonJS (with
// customization hooks): it is `require.main`.
let mainKey;

// node:worker_threads as an ES module. Its synthetic module reads every export when it
// is evaluated; in a worker script run at build time (a prebuilt worker context) the
// per-worker facts are not known yet, so the read is not recorded fact by fact: the
// script counts as having read workerData and environment data (its workers given them
// run the script again), and the bindings are set again when a worker starts
// (internal/worker/thread.js, binding.esm.refreshExports).
function workerThreadsExports() {
  const exports = internals.requireBuiltin('worker_threads');
  const state = internals.requireBuiltin('internal/worker/state');
  const reads = state.reads;
  if (reads === null) return exports;
  // The synthetic module reads the exports natively once this returns; the recording
  // resumes after the current job.
  state.reads = null;
  reads.add('workerData');
  reads.add('environmentData');
  queueMicrotask(() => { state.reads = reads; });
  return exports;
}

// Whether `key` is loaded as CommonJS source whose exports are found by reading it
// (internal/modules/esm/cjs_exports.js) rather than by running it: `.js`, `.cjs` and
// extensionless files, and CommonJS source a load hook gave.
function cjsSourceOf(key) {
  if (hooksUsed) {
    const loaded = require('internal/modules/esm/hooks').loadedAs(key);
    if (loaded?.format === 'commonjs' && loaded.source != null) return `${loaded.source}`;
  }
  if (!key.startsWith('/')) return undefined;
  const ext = path.extname(key);
  if (ext !== '.js' && ext !== '.cjs' && ext !== '') return undefined;
  let source;
  try {
    source = binding.fs.readFileUtf8(key);
  } catch {
    return undefined;
  }
  // A typeless file with module syntax is an ES module the CommonJS loader hands over
  // (syntax detection): its names are its namespace's.
  if (ext !== '.cjs' && binding.esm.packageType(key) === 'none' &&
      require('internal/modules/esm/get_format').containsModuleSyntax(source, key)) {
    return undefined;
  }
  return source;
}

// The names a CommonJS module exports to import: what its source shows, and what the
// CommonJS modules it reexports show (not their `default`), as Node's cjs-module-lexer.
function cjsExportNames(key, source, names, seen) {
  const { detect } = require('internal/modules/esm/cjs_exports');
  const found = detect(source);
  for (let i = 0; i < found.names.length; i++) names.add(found.names[i]);
  if (found.reexports.length === 0) return;
  const parent = new Module(key, null);
  parent.filename = key;
  parent.paths = key.startsWith('/') ? Module._nodeModulePaths(path.dirname(key)) : [];
  for (let i = 0; i < found.reexports.length; i++) {
    let target;
    try {
      target = Module._resolveFilename(found.reexports[i], parent, false);
    } catch {
      continue;
    }
    if (seen.has(target) || !target.startsWith('/')) continue;
    seen.add(target);
    const ext = path.extname(target);
    if (ext !== '.cjs' && !((ext === '.js' || ext === '') && binding.esm.packageType(target) !== 'module')) continue;
    let text;
    try {
      text = binding.fs.readFileUtf8(target);
    } catch {
      continue;
    }
    const inner = new Set();
    cjsExportNames(target, text, inner, seen);
    for (const name of inner) if (name !== 'default') names.add(name);
  }
}

function exportNames(key) {
  const names = new Set(['default']);
  if (key.endsWith('.json') || key.startsWith('data:') || hookedJson(key) !== undefined) return [...names];
  const source = key.startsWith('node:') ? undefined : cjsSourceOf(key);
  if (source !== undefined) {
    cjsExportNames(key, source, names, new Set([key]));
    return [...names].filter((name) => name.isWellFormed());
  }
  const ex = exportsOf(key);
  if (ex !== null && (typeof ex === 'object' || typeof ex === 'function')) {
    for (const k of Object.keys(ex)) {
      // Any name a module can export (string export names included), as Node's export
      // detection allows; not lone surrogates.
      if (k !== 'default' && k.isWellFormed()) names.add(k);
    }
    // Transpiled modules mark themselves with a non-enumerable __esModule, which Node's
    // export detection finds too.
    if (Object.prototype.hasOwnProperty.call(ex, '__esModule')) names.add('__esModule');
  }
  return [...names];
}

// A missing export of a CommonJS module: the message says so and shows the import
// through the default export (Node's note), from the importing line when it names its
// imports on one line.
function decorateLinkError(err, parentURL, line) {
  if (!(err instanceof SyntaxError) || typeof parentURL !== 'string') return;
  const match = /^The requested module '(.+)' does not provide an export named '(.+)'$/.exec(err.message);
  if (match === null) return;
  const [, specifier, name] = match;
  let url;
  try {
    url = binding.esm.defaultResolve(specifier, parentURL);
  } catch {
    return;
  }
  if (!url.startsWith('file:')) return;
  const key = require('url').fileURLToPath(url);
  const ext = path.extname(key);
  const cjs = ext === '.cjs' || ((ext === '.js' || ext === '') && binding.esm.packageType(key) === 'commonjs') ||
    ((ext === '.js' || ext === '') && binding.esm.packageType(key) === 'none' && cjsSourceOf(key) !== undefined);
  if (!cjs) return;
  const named = typeof line === 'string' ? /{.*}/.exec(line)?.[0]?.replace(/\s+as\s+/g, ': ') : undefined;
  const message = `Named export '${name}' not found. The requested module '${specifier}' is a CommonJS module, ` +
    'which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the ' +
    `default export, for example using:\n\nimport pkg from '${specifier}';\n${named ? `const ${named} = pkg;\n` : ''}`;
  const old = err.message;
  err.message = message;
  if (typeof err.stack === 'string') err.stack = err.stack.split(old).join(message);
}

function referrerOf(name) {
  if (typeof name === 'string' && (name.startsWith('file://') || name.startsWith('/'))) return name;
  // -e / -p / stdin: a script named after the working directory, as in Node.
  if (name === '[eval]' || name === '[stdin]') return path.join(process.cwd(), name);
  return null;
}

// `attributes`: the import attributes (a null-prototype object, or a `type` string from
// JS callers).
async function dynamicImport(specifier, referrer, attributes = null, vmImportId = -1) {
  if (vmImportId === 0 || vmImportId >= 2) {
    return require('vm')[Symbol.for('amber.vm.importFromVm')](vmImportId, `${specifier}`, attributes ?? { __proto__: null });
  }
  let ns, evaluated;
  try {
    [ns, evaluated] = binding.esm.import(`${specifier}`, referrerOf(referrer), attributes);
  } catch (err) {
    if (hooksUsed && err === require('internal/modules/esm/hooks').kNeverSettles) return new Promise(() => {});
    throw err;
  }
  try {
    await evaluated;
  } catch (err) {
    decorateCommonJsGlobalError(err, () => {
      const parent = referrerOf(referrer);
      return binding.esm.defaultResolve(`${specifier}`, parent?.startsWith('/') ? require('url').pathToFileURL(parent).href : parent);
    });
    throw err;
  }
  return ns;
}

// A ReferenceError for one of CommonJS's module-scope variables, thrown by an ES module,
// says so, as Node's does; for a `.js` file made an ES module by its package's
// "type": "module", also how to make it CommonJS. `moduleUrl()` is the URL of the module
// that was run.
const commonJsGlobals = ['require', 'module', 'exports', '__filename', '__dirname'];
function decorateCommonJsGlobalError(err, moduleUrl) {
  if (err === null || typeof err !== 'object' || err.name !== 'ReferenceError' || typeof err.message !== 'string') return;
  const old = err.message;
  const name = commonJsGlobals.find((g) => old === `${g} is not defined`);
  if (name === undefined) return;
  let message = `${old} in ES module scope`;
  if (name === 'require') message += ', you can use import instead';
  let url;
  try {
    url = hooksUsed ? undefined : moduleUrl();
  } catch {
    // Not resolvable again: no note on the package.
  }
  if (typeof url === 'string' && url.startsWith('file://') && /\.js(\?[^#]*)?(#.*)?$/.test(url)) {
    const file = require('url').fileURLToPath(url.replace(/[?#].*$/, ''));
    const scope = require('internal/modules/cjs').readPackageScope(path.dirname(file));
    if (scope?.pkg.type === 'module') {
      message += '\nThis file is being treated as an ES module because it has a \'.js\' file extension and ' +
        `'${scope.pkg.path}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
  }
  err.message = message;
  if (typeof err.stack === 'string' && !err.stack.includes(message)) err.stack = err.stack.replace(old, message);
}

// WebAssembly modules (`--experimental-wasm-modules`) by key. Each is loaded as the
// source text `wasmSource` makes: the module's imports are imported, the instance made
// from them (through its import.meta) and its exports exported under their own names.
const wasmModules = new Map();
let wasmWarned = false;
function wasmSource(key) {
  if (!wasmWarned) {
    wasmWarned = true;
    process.emitWarning('Importing WebAssembly modules is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  const module = new WebAssembly.Module(require('fs').readFileSync(key));
  wasmModules.set(key, module);
  const names = [...new Set(WebAssembly.Module.imports(module).map((i) => i.module))];
  let src = '';
  names.forEach((name, i) => { src += `import * as $import_${i} from ${JSON.stringify(name)};\n`; });
  src += `const $exports = import.meta.instantiate({ ${names.map((name, i) => `${JSON.stringify(name)}: $import_${i}`).join(', ')} });\n`;
  WebAssembly.Module.exports(module).forEach(({ name }, i) => {
    src += `const $export_${i} = $exports[${JSON.stringify(name)}];\nexport { $export_${i} as ${JSON.stringify(name)} };\n`;
  });
  return src;
}

function initImportMeta(meta, filename, url) {
  const wasm = filename !== undefined ? wasmModules.get(filename) : undefined;
  if (wasm !== undefined) {
    wasmModules.delete(filename);
    meta.instantiate = (imports) => new WebAssembly.Instance(wasm, imports).exports;
    return;
  }
  if (url.startsWith('vm:')) return require('internal/vm_module').initImportMeta(url, meta);
  const dirname = filename === undefined ? process.cwd() : path.dirname(filename);
  if (filename !== undefined) {
    meta.dirname = dirname;
    meta.filename = filename;
  }
  meta.resolve = (specifier, parentURL = url) => {
    specifier = `${specifier}`;
    if (typeof parentURL !== 'string') {
      if (parentURL === null || typeof parentURL !== 'object' || typeof parentURL.href !== 'string') {
        const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
        throw new ERR_INVALID_ARG_TYPE('parentURL', ['string', 'URL'], parentURL);
      }
      parentURL = parentURL.href;
    }
    if (hooksUsed) {
      const hooks = require('internal/modules/esm/hooks');
      try {
        return hooks.keyToUrl(hooks.resolve(specifier, parentURL, { __proto__: null }));
      } catch (err) {
        // A resolve hook that never answers: nothing can continue (Node's exit code 13).
        if (err === hooks.kNeverSettles) process.exit(13);
        throw err;
      }
    }
    // A URL of another scheme is its own resolution.
    if (URL.canParse(specifier) && !/^(file|node|data):/.test(specifier)) return new URL(specifier).href;
    try {
      return binding.esm.defaultResolve(specifier, parentURL);
    } catch (err) {
      if (err?.url !== undefined && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'ERR_UNSUPPORTED_DIR_IMPORT')) return err.url;
      // A file that is not there still has a URL (import.meta.resolve does not load).
      if (err?.code === 'ERR_MODULE_NOT_FOUND' && /^(\.\.?(\/|$)|\/|file:)/.test(specifier)) return new URL(specifier, parentURL).href;
      throw err;
    }
  };
  meta.url = url;
}

// Whether the main entry runs as an ES module: `.mjs`, anything in a "type": "module"
// package (an unknown extension is then the ES loader's error), and `.js` or
// extensionless files outside any package typed when `--experimental-default-type=module`.
function isEsmFile(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs') || filename.endsWith('.json') || filename.endsWith('.node')) return false;
  const type = binding.esm.packageType(filename);
  if (type !== 'none') return type === 'module';
  const ext = path.extname(filename);
  return (ext === '.js' || ext === '') && !filename.includes('/node_modules/') &&
    require('internal/options').getOptionValue('--experimental-default-type') === 'module';
}

let mainState;
// `url` names the module in messages when it is not its file's URL (a worker's data: URL).
// `specifier`: what is imported (the file, or its URL when hooks resolve it).
function runMainEsm(filename, url, specifier = filename) {
  mainState = { filename, url, settled: false };
  let evaluated;
  try {
    // `--inspect-brk`: the pause comes before the entry module runs.
    const remote = internals.builtinLoaded('internal/inspector/remote') ? require('internal/inspector/remote') : undefined;
    [, evaluated] = remote?.wantsPauseOnStart() ? remote.callMaybePaused(binding.esm.import, binding.esm, specifier, null) : binding.esm.import(specifier, null);
  } catch (err) {
    // Customization hooks that never answer: the entry never settles (exit code 13).
    if (hooksUsed && err === require('internal/modules/esm/hooks').kNeverSettles) return;
    throw err;
  }
  evaluated.then(() => { mainState.settled = true; }, (err) => {
    mainState.settled = true;
    // Its place first: setting `stack` below drops V8's record of it.
    binding.esm.keepErrorPlace(err);
    decorateCommonJsGlobalError(err, () => url ?? require('url').pathToFileURL(filename).href);
    triggerUncaught(err, 'uncaughtException');
  });
}

// `--eval`/`--print`/stdin input run as an ES module (`--input-type=module`, or CommonJS
// that does not compile for module syntax): `<cwd>/[eval1]`, as Node names it.
function evalEsm(code, print) {
  if (print) {
    const { ERR_EVAL_ESM_CANNOT_PRINT } = require('internal/errors').codes;
    throw new ERR_EVAL_ESM_CANNOT_PRINT();
  }
  const key = path.join(process.cwd(), '[eval1]');
  binding.esm.setVirtualSource(key, `${code}`);
  runMainEsm(key, `file://${key}`);
}

// Node's syntax detection: the errors of CommonJS source that only an ES module can
// have. Such source is compiled again as a module.
const esmOnlyErrors = new Set([
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
]);
const tlaErrors = new Set([
  'await is only valid in async functions and the top level bodies of modules',
  'for await is only valid in async functions and the top level bodies of modules',
]);
function looksLikeEsm(err, code) {
  if (!(err instanceof SyntaxError)) return false;
  if (esmOnlyErrors.has(err.message)) return true;
  if (!tlaErrors.has(err.message)) return false;
  try {
    binding.esm.compileOnly(`${code}`, path.join(process.cwd(), '[detect]'));
    return true;
  } catch {
    return false;
  }
}

// Exit code 13 when the main module's top-level await never settled, as in Node.
function unsettledMain() {
  return mainState !== undefined && !mainState.settled ? mainState.filename : undefined;
}

function unsettledMainUrl() {
  if (mainState === undefined || mainState.settled) return undefined;
  return mainState.url ?? require('url').pathToFileURL(mainState.filename).href;
}

// The application's start with `--import` modules or customization hooks (`--loader`):
// the hooks are registered, the `--import` modules imported in order (each evaluated
// before the next), then `start` runs. Returns false when there is nothing of the
// kind and `start` was not called (the caller runs it).
function runAfterPreloads(start) {
  const { getOptionValue } = require('internal/options');
  const imports = getOptionValue('--import');
  if (getOptionValue('--experimental-loader').length > 0 && !hooksUsed) {
    require('internal/modules/esm/hooks').initializeFromFlags();
    hooksUsed = true;
  }
  if (!hooksUsed && imports.length === 0) return false;
  if (imports.length === 0) {
    start();
    return true;
  }
  const parent = `${process.cwd()}/`;
  (async () => {
    for (const specifier of imports) await dynamicImport(specifier, parent);
  })().then(start, (err) => triggerUncaught(err, 'uncaughtException'));
  return true;
}

// The main entry, after `--import` modules and through customization hooks if any.
function runMainWithHooks(mainPath, runCommonJs) {
  return runAfterPreloads(() => {
    if (!require('internal/modules/esm/hooks').isActive()) return runCommonJs(mainPath);
    let filename;
    try {
      filename = Module._resolveFilename(mainPath, null, true);
    } catch {
      filename = path.resolve(mainPath);
    }
    mainKey = filename;
    const url = require('url').pathToFileURL(filename).href;
    runMainEsm(filename, url, url);
  });
}

// The `-r`/`--require` modules of an execArgv, in order: what a worker thread runs
// before its script (the main thread's are run natively, crates/cli/src/main.rs).
function runRequirePreloads(execArgv) {
  for (let i = 0; i < execArgv.length; i++) {
    let request;
    if ((execArgv[i] === '-r' || execArgv[i] === '--require') && i + 1 < execArgv.length) request = execArgv[++i];
    else if (execArgv[i].startsWith('--require=')) request = execArgv[i].slice('--require='.length);
    if (request !== undefined) require('internal/modules/cjs').preload(request);
  }
}

// `module.register(specifier[, parentURL][, options])`.
// In the hooks thread, `register()` adds to that thread's own chains.
let registerInHooksThread = null;
function setHooksThreadRegister(fn) {
  registerInHooksThread = fn;
}

function register(specifier, parentURL, options) {
  if (parentURL !== null && typeof parentURL === 'object' && !(typeof parentURL.href === 'string')) {
    options = parentURL;
    parentURL = options.parentURL;
  }
  parentURL = parentURL === undefined ? 'data:' : `${parentURL?.href ?? parentURL}`;
  if (registerInHooksThread !== null) {
    registerInHooksThread(`${specifier}`, parentURL, options?.data).catch((err) => triggerUncaught(err, 'uncaughtException'));
    return undefined;
  }
  const value = require('internal/modules/esm/hooks').register(specifier, parentURL, options?.data, options?.transferList);
  hooksUsed = true;
  return value;
}

module.exports = { decorateLinkError, setHooksThreadRegister, runRequirePreloads, syncBuiltinESMExports, wasmSource, register, runMainWithHooks, runAfterPreloads, evalEsm, looksLikeEsm, exportsOf, exportNames, dynamicImport, initImportMeta, isEsmFile, runMainEsm, unsettledMain, unsettledMainUrl };
