'use strict';
// Module customization hooks, the application's side (docs/module-hooks.md). The hooks
// run in their own thread (internal/modules/esm/worker.js); the native loader
// (crates/runtime/src/esm.rs) asks `resolve` and `load` here synchronously while hooks
// are registered, and each question is one request to that thread, waited for with
// `Atomics.wait`.

const path = require('path');
const { pathToFileURL } = require('url');
const { deserializeError } = require('internal/worker/errors');
const { getOptionValue } = require('internal/options');

let thread = null;

function start() {
  if (thread !== null) return thread;
  if (binding.snapshot.mode() === 1) {
    const { ERR_NOT_SUPPORTED_IN_SNAPSHOT } = require('internal/errors').codes;
    throw new ERR_NOT_SUPPORTED_IN_SNAPSHOT('Registering module customization hooks (--loader, --experimental-loader, module.register())');
  }
  const { Worker, kInternalMain } = require('internal/worker/worker');
  const { MessageChannel } = require('internal/worker/io');
  const lock = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker('', {
    [kInternalMain]: 'internal/modules/esm/worker',
    workerData: { lock: lock.buffer, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  thread = { worker, port: port1, lock };
  const conditions = getOptionValue('--conditions');
  if (conditions.length > 0) request({ type: 'conditions', conditions: ['node', 'import', 'module-sync', 'node-addons', ...conditions] });
  return thread;
}

// One request to the hooks' thread; its answer, or its error thrown here.
function request(msg, transferList) {
  const { port, lock } = thread;
  const { receiveMessageOnPort } = require('internal/worker/io');
  Atomics.store(lock, 0, 0);
  port.postMessage(msg, transferList);
  while (Atomics.load(lock, 0) === 0) Atomics.wait(lock, 0, 0);
  const reply = receiveMessageOnPort(port)?.message;
  if (reply === undefined) {
    // The hooks' thread ended (a hook called process.exit, or threw where nothing
    // caught it): so does the application, with its exit code.
    process.exit(Atomics.load(lock, 1));
  }
  if (reply.neverSettles) throw kNeverSettles;
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}

// Thrown when the hooks' answer can never come (their thread has nothing left to do).
const kNeverSettles = Symbol('kNeverSettles');

// `register(specifier, parentURL, data, transferList)`: adds a hooks module.
function register(specifier, parentURL, data, transferList) {
  start();
  const value = request({ type: 'register', specifier: `${specifier}`, parentURL: `${parentURL}`, data }, transferList);
  binding.esm.setHooksActive(true);
  return value;
}

// `--loader`/`--experimental-loader`, in order, before the application starts.
function initializeFromFlags() {
  const loaders = getOptionValue('--experimental-loader');
  if (loaders.length === 0) return false;
  const parentURL = pathToFileURL(`${process.cwd()}/`).href;
  for (const specifier of loaders) register(specifier, parentURL);
  runGlobalPreloads();
  return true;
}

function runGlobalPreloads() {
  const { MessageChannel } = require('internal/worker/io');
  const { port1, port2 } = new MessageChannel();
  const sources = request({ type: 'globalPreload', port: port2 }, [port2]);
  if (sources.length === 0) {
    port1.close();
    return;
  }
  port1.unref();
  for (const code of sources) {
    const fn = binding.modules.compileFunction(`${code}`, 'node:internal/modules/esm/globalPreload', ['getBuiltin', 'port', 'setImportMetaCallback']);
    const getBuiltin = (id) => {
      if (!internals.isBuiltin(id)) {
        const { ERR_UNKNOWN_BUILTIN_MODULE } = require('internal/errors').codes;
        throw new ERR_UNKNOWN_BUILTIN_MODULE(id);
      }
      return internals.requireBuiltin(id.startsWith('node:') ? id.slice(5) : id);
    };
    fn.call(globalThis, getBuiltin, port1, () => {});
  }
}

// What the hooks loaded that synthetic modules need: `{ format, source }` by key.
const loaded = new Map();
// The format a resolve hook gave for a URL: the hint its load gets.
const resolvedFormats = new Map();
// The import attributes a resolve hook gave for a URL (undefined: the import's own).
const resolvedAttributes = new Map();

function keyToUrl(key) {
  return key.startsWith('/') ? pathToFileURL(key).href : key;
}

function urlToKey(url) {
  if (url.startsWith('file:') && !url.includes('?') && !url.includes('#')) {
    try {
      return require('url').fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

// Called natively: the key of what `specifier` resolves to from `parentURL`.
function resolve(specifier, parentURL, importAttributes) {
  const { url, format, importAttributes: attributes } = request({ type: 'resolve', specifier, context: { parentURL, importAttributes } });
  resolvedFormats.set(url, format);
  resolvedAttributes.set(url, attributes);
  return urlToKey(url);
}

function sourceText(source) {
  if (typeof source === 'string') return source;
  if (binding.types.isAnyArrayBuffer(source)) return Buffer.from(source).toString('utf8');
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8');
}

// Called natively: `[format, source]` of the module `key` as the load hooks give it.
function load(key, importAttributes) {
  const url = keyToUrl(key);
  const format = resolvedFormats.get(url);
  const result = request({ type: 'load', url, context: { format, importAttributes: resolvedAttributes.get(url) ?? importAttributes } });
  const { ERR_UNKNOWN_MODULE_FORMAT, ERR_INVALID_RETURN_PROPERTY_VALUE } = require('internal/errors').codes;
  switch (result.format) {
    case 'module':
      if (result.source == null) throw new ERR_INVALID_RETURN_PROPERTY_VALUE('a string, an ArrayBuffer, or a TypedArray', 'load', 'source', result.source);
      return ['module', sourceText(result.source)];
    case 'json':
      loaded.set(key, { format: 'json', source: result.source == null ? null : sourceText(result.source) });
      return ['json'];
    case 'commonjs':
      if (result.source == null && !key.startsWith('/')) throw new ERR_UNKNOWN_MODULE_FORMAT('commonjs', url);
      loaded.set(key, { format: 'commonjs', source: result.source == null ? null : sourceText(result.source) });
      return ['commonjs'];
    case 'builtin':
      if (!key.startsWith('node:')) throw new ERR_UNKNOWN_MODULE_FORMAT('builtin', url);
      return ['builtin'];
    default:
      throw new ERR_UNKNOWN_MODULE_FORMAT(result.format, url);
  }
}

function loadedAs(key) {
  return loaded.get(key);
}

module.exports = { kNeverSettles, register, initializeFromFlags, resolve, load, loadedAs, keyToUrl, urlToKey, isActive: () => thread !== null };
