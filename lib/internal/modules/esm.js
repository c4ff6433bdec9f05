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

function exportsOf(key) {
  if (key === 'node:worker_threads') return workerThreadsExports();
  if (key.startsWith('node:')) return internals.requireBuiltin(key.slice(5));
  if (key.startsWith('data:')) return JSON.parse(dataUrlText(key));
  if (key.endsWith('.json')) {
    const text = binding.fs.readFileUtf8(key);
    try {
      return JSON.parse(text);
    } catch (err) {
      err.message = `${key}: ${err.message}`;
      throw err;
    }
  }
  return Module._load(key, null, false);
}

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

function exportNames(key) {
  const names = new Set(['default']);
  if (key.endsWith('.json') || key.startsWith('data:')) return [...names];
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
  const [ns, evaluated] = binding.esm.import(`${specifier}`, referrerOf(referrer), attributes);
  await evaluated;
  return ns;
}

function initImportMeta(meta, filename, url) {
  if (url.startsWith('vm:')) return require('internal/vm_module').initImportMeta(url, meta);
  const dirname = filename === undefined ? process.cwd() : path.dirname(filename);
  if (filename !== undefined) {
    meta.dirname = dirname;
    meta.filename = filename;
  }
  meta.resolve = (specifier) => {
    if (internals.isBuiltin(specifier)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
    const r = binding.modules.resolve(specifier, dirname, true);
    if (typeof r !== 'string') {
      const err = new Error(`Cannot find module '${specifier}' imported from ${filename}`);
      err.code = 'ERR_MODULE_NOT_FOUND';
      throw err;
    }
    return require('url').pathToFileURL(r).href;
  };
  meta.url = url;
}

function isEsmFile(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs') || filename.endsWith('.json') || filename.endsWith('.node')) return false;
  return binding.esm.packageType(filename) === 'module';
}

let mainState;
// `url` names the module in messages when it is not its file's URL (a worker's data: URL).
function runMainEsm(filename, url) {
  const [, evaluated] = binding.esm.import(filename, null);
  mainState = { filename, url, settled: false };
  evaluated.then(() => { mainState.settled = true; }, (err) => {
    mainState.settled = true;
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

module.exports = { evalEsm, looksLikeEsm, exportsOf, exportNames, dynamicImport, initImportMeta, isEsmFile, runMainEsm, unsettledMain, unsettledMainUrl };
