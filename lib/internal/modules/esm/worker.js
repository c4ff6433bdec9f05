'use strict';
// The thread of the module customization hooks (`--loader`, `module.register()`), as
// in Node: hooks are user modules that run apart from the application, in their own
// isolate (a worker of the runtime, internal/worker/worker.js `kInternalMain`). The
// main thread sends one request at a time (`register`, `resolve`, `load`) on a message
// port and sleeps in `Atomics.wait` until the reply is posted and `lock[0]` set
// (lib/internal/modules/esm/hooks.js): hooks may be asynchronous while the native
// loader that asks them stays synchronous. docs/module-hooks.md has the design.

const { serializeError } = require('internal/worker/errors');
const { defaultResolve } = require('internal/modules/esm/resolve');
const { defaultLoad } = require('internal/modules/esm/load');
const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE, ERR_INVALID_RETURN_PROPERTY_VALUE,
  ERR_LOADER_CHAIN_INCOMPLETE,
} = require('internal/errors').codes;

// Each chain runs from its last registered hook to the default one (index 0).
const chains = {
  resolve: [{ fn: defaultResolve, url: 'node:internal/modules/esm/resolve' }],
  load: [{ fn: defaultLoad, url: 'node:internal/modules/esm/load' }],
};
const globalPreloads = [];

function isObject(v) {
  return v !== null && typeof v === 'object';
}

function validateResolveArgs(id, specifier, context) {
  if (typeof specifier !== 'string') throw new ERR_INVALID_ARG_TYPE(`${id} specifier`, 'string', specifier);
  if (context !== undefined && !isObject(context)) throw new ERR_INVALID_ARG_TYPE(`${id} context`, 'object', context);
}

function validateLoadArgs(id, url, context) {
  if (typeof url !== 'string') throw new ERR_INVALID_ARG_TYPE(`${id} url`, 'string', url);
  if (context !== undefined && !isObject(context)) throw new ERR_INVALID_ARG_TYPE(`${id} context`, 'object', context);
}

function validateObjectOutput(id, output) {
  if (!isObject(output)) throw new ERR_INVALID_RETURN_VALUE('an object', id, output);
}

// Node's chain: every hook gets `next<Hook>`, which runs the one registered before it;
// the chain is complete when the default hook ran or a hook said `shortCircuit: true`.
function nextHookFactory(hookName, index, meta, validateArgs) {
  const { fn, url } = chains[hookName][index];
  const nextName = `next${hookName[0].toUpperCase()}${hookName.slice(1)}`;
  const next = index > 0 ? nextHookFactory(hookName, index - 1, meta, validateArgs) : undefined;
  const hook = async (arg0 = undefined, context) => {
    meta.hookErrIdentifier = `${url} '${hookName}'`;
    validateArgs(`${meta.hookErrIdentifier} hook's ${nextName}()`, arg0, context);
    const outputId = `${url} '${hookName}' hook's ${nextName}()`;
    if (index === 0) meta.chainFinished = true;
    if (context) Object.assign(meta.context, context);
    const output = await fn(arg0, meta.context, next);
    validateObjectOutput(outputId, output);
    if (output?.shortCircuit === true) meta.shortCircuited = true;
    return output;
  };
  return Object.defineProperty(hook, 'name', { value: nextName });
}

async function runChain(hookName, arg0, context, validateArgs) {
  const chain = chains[hookName];
  const meta = { chainFinished: false, shortCircuited: false, hookErrIdentifier: '', context };
  const first = nextHookFactory(hookName, chain.length - 1, meta, validateArgs);
  const output = await first(arg0, context);
  const id = meta.hookErrIdentifier;
  validateObjectOutput(id, output);
  if (output?.shortCircuit === true) meta.shortCircuited = true;
  if (!meta.chainFinished && !meta.shortCircuited) throw new ERR_LOADER_CHAIN_INCOMPLETE(id);
  return { output, id };
}

async function resolve(specifier, context) {
  const { output, id } = await runChain('resolve', specifier, { __proto__: null, conditions: [...conditions], importAttributes: { __proto__: null }, ...context }, validateResolveArgs);
  const { format, importAttributes, url } = output;
  let valid = typeof url === 'string';
  if (valid) {
    try { new URL(url); } catch { valid = false; }
  }
  if (!valid) throw new ERR_INVALID_RETURN_PROPERTY_VALUE('a URL string', id, 'url', url);
  if (importAttributes != null && typeof importAttributes !== 'object') {
    throw new ERR_INVALID_RETURN_PROPERTY_VALUE('an object', id, 'importAttributes', importAttributes);
  }
  if (format != null && typeof format !== 'string') throw new ERR_INVALID_RETURN_PROPERTY_VALUE('a string', id, 'format', format);
  return { url, format: format ?? undefined, importAttributes: importAttributes ?? undefined };
}

async function load(url, context) {
  const { output, id } = await runChain('load', url, { __proto__: null, conditions: [...conditions], importAttributes: { __proto__: null }, ...context }, validateLoadArgs);
  const { format, source } = output;
  if (format != null && typeof format !== 'string') throw new ERR_INVALID_RETURN_PROPERTY_VALUE('a string', id, 'format', format);
  if (source != null && typeof source !== 'string' && !binding.types.isAnyArrayBuffer(source) && !ArrayBuffer.isView(source)) {
    throw new ERR_INVALID_RETURN_PROPERTY_VALUE('a string, an ArrayBuffer, or a TypedArray', id, 'source', source);
  }
  return { format, source, id };
}

// A hooks module: resolved through the hooks registered before it, imported, its hooks
// added to the chains, and its `initialize(data)` awaited.
async function register(specifier, parentURL, data) {
  const { url } = await resolve(`${specifier}`, { parentURL });
  const ns = await require('internal/modules/esm').dynamicImport(url, null);
  if (typeof ns.resolve === 'function') chains.resolve.push({ fn: ns.resolve, url });
  if (typeof ns.load === 'function') chains.load.push({ fn: ns.load, url });
  if (typeof ns.globalPreload === 'function') globalPreloads.push({ fn: ns.globalPreload, url });
  if (typeof ns.initialize === 'function') return ns.initialize(data);
  return undefined;
}

let conditions = ['node', 'import', 'module-sync', 'node-addons'];

async function handle(msg) {
  switch (msg.type) {
    case 'register': return register(msg.specifier, msg.parentURL, msg.data);
    case 'resolve': return resolve(msg.specifier, msg.context);
    case 'load': return load(msg.url, msg.context);
    case 'conditions': conditions = msg.conditions; return undefined;
    case 'globalPreload': return runGlobalPreloads(msg.port);
    default: return undefined;
  }
}

// Node 20's deprecated `globalPreload`: source code each hook returns runs on the main
// thread with `getBuiltin` and a port to this thread.
function runGlobalPreloads(port) {
  const out = [];
  for (const { fn, url } of globalPreloads) {
    const code = fn({ port });
    if (code == null) continue;
    if (typeof code !== 'string') throw new ERR_INVALID_RETURN_VALUE('a string', `${url} 'globalPreload'`, code);
    out.push(code);
  }
  return out;
}

function toTransferable(value) {
  // Replies carry plain data: a Buffer's bytes travel as a Uint8Array.
  if (value && Buffer.isBuffer(value.source)) value.source = new Uint8Array(value.source);
  return value;
}

function main() {
  // The application's thread sleeps while hooks run: what they print goes to the
  // process's own descriptors, not through it (as a worker's output would).
  const stdio = require('internal/stdio');
  stdio.refresh();
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdio.stdout });
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stdio.stderr });
  const { workerData } = require('worker_threads');
  const lock = new Int32Array(workerData.lock);
  const { port } = workerData;
  const wake = (state) => {
    Atomics.store(lock, 0, state);
    Atomics.notify(lock, 0);
  };
  // A hook that ends the process (process.exit) ends the application, as in Node.
  process.on('exit', (code) => {
    Atomics.store(lock, 1, code ?? 0);
    wake(2);
  });
  port.on('message', async (msg) => {
    let reply;
    try {
      reply = { ok: true, value: toTransferable(await handle(msg)) };
    } catch (err) {
      reply = { ok: false, error: serializeError(err) };
    }
    try {
      port.postMessage(reply);
    } catch (err) {
      port.postMessage({ ok: false, error: serializeError(err) });
    }
    wake(1);
  });
}

module.exports = { main };
