'use strict';
// The thread of the module customization hooks (`--loader`, `module.register()`), as
// in Node: hooks are user modules that run apart from the application, in their own
// isolate (a worker of the runtime, internal/worker/worker.js `kInternalMain`). The
// main thread sends one request at a time (`register`, `resolve`, `load`) on a message
// port and sleeps in `Atomics.wait` until the reply is posted and `lock[0]` set
// (lib/internal/modules/esm/hooks.js): hooks may be asynchronous while the native
// loader that asks them stays synchronous. docs/module-hooks.md has the design.

const { serializeError } = require('internal/worker/errors');
const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_RETURN_VALUE, ERR_INVALID_RETURN_PROPERTY_VALUE,
  ERR_LOADER_CHAIN_INCOMPLETE,
} = require('internal/errors').codes;

// Each chain runs from its last registered hook to the default one (index 0).
// (Filled by main(): a failure to load the default hooks is answered as an error.)
const chains = { resolve: [], load: [] };
const globalPreloads = [];

function isObject(v) {
  return v !== null && typeof v === 'object';
}

function validateContext(id, context) {
  if (context !== undefined && (!isObject(context) || Array.isArray(context))) throw new ERR_INVALID_ARG_TYPE(`${id} context`, 'object', context);
}

function validateResolveArgs(id, specifier, context) {
  if (typeof specifier !== 'string') throw new ERR_INVALID_ARG_TYPE(`${id} specifier`, 'string', specifier);
  validateContext(id, context);
}

function validateLoadArgs(id, url, context) {
  if (typeof url !== 'string') throw new ERR_INVALID_ARG_TYPE(`${id} url`, 'string', url);
  if (!URL.canParse(url)) throw new ERR_INVALID_ARG_VALUE(`${id} url`, url, 'should be a URL string');
  validateContext(id, context);
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

// Node 20 still gives hooks `importAssertions`, the old name of `importAttributes`,
// with a deprecation warning when read.
let assertionsWarned = false;
function withAssertions(context) {
  return Object.defineProperty(context, 'importAssertions', {
    configurable: true,
    enumerable: false,
    get() {
      warnAssertions();
      return this.importAttributes;
    },
    set(value) {
      warnAssertions();
      this.importAttributes = value;
    },
  });
}
function warnAssertions() {
  if (assertionsWarned) return;
  assertionsWarned = true;
  process.emitWarning('Use `importAttributes` instead of `importAssertions`', 'ExperimentalWarning');
}

async function resolve(specifier, context) {
  const hookContext = withAssertions({
    conditions: [...conditions],
    importAttributes: context.importAttributes ?? {},
    parentURL: context.parentURL,
  });
  const { output, id } = await runChain('resolve', specifier, hookContext, validateResolveArgs);
  const { format, url } = output;
  let { importAttributes } = output;
  if (importAttributes === undefined && output.importAssertions !== undefined) {
    warnAssertions();
    importAttributes = output.importAssertions;
  }
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
  const hookContext = withAssertions({ format: context.format, importAttributes: context.importAttributes ?? {} });
  const { output, id } = await runChain('load', url, hookContext, validateLoadArgs);
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
  // Hooks are called as plain functions (`this` undefined), as in Node.
  const { initialize } = ns;
  if (typeof initialize === 'function') return initialize(data);
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
    const code = (0, fn)({ port });
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
  // The channel to the application is this module's alone: hooks see no workerData.
  const state = require('internal/worker/state');
  const { lock: lockBuffer, port } = state.workerData;
  state.workerData = null;
  const lock = new Int32Array(lockBuffer);
  const wake = (state) => {
    Atomics.store(lock, 0, state);
    Atomics.notify(lock, 0);
  };
  // A hook that ends the process (process.exit) ends the application, as in Node.
  process.on('exit', (code) => {
    Atomics.store(lock, 1, code ?? 0);
    wake(2);
  });
  const reply = (value) => {
    try {
      port.postMessage(value);
    } catch (err) {
      port.postMessage({ ok: false, error: serializeError(err) });
    }
    wake(1);
  };
  // While a request runs, only what its hooks wait for keeps this thread alive: when
  // nothing is left (a hook's promise can never settle), the request never settles
  // (Node's behaviour: the import stays pending; a top-level await of it ends the
  // process with code 13) and the thread waits for the next one.
  let inFlight = null;
  process.on('beforeExit', () => {
    if (inFlight === null) return;
    inFlight = null;
    port.ref();
    reply({ ok: false, neverSettles: true });
  });
  // Workers the hooks start do not get hooks of their own (they would start hooks
  // threads without end): the hooks flags leave the execArgv they inherit.
  const kept = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const a = process.execArgv[i];
    if (/^--(experimental-loader|loader|import)$/.test(a)) i++;
    else if (!/^--(experimental-loader|loader|import)=/.test(a)) kept.push(a);
  }
  process.execArgv = kept;
  try {
    chains.resolve.push({ fn: require('internal/modules/esm/resolve').defaultResolve, url: 'node:internal/modules/esm/resolve' });
    chains.load.push({ fn: require('internal/modules/esm/load').defaultLoad, url: 'node:internal/modules/esm/load' });
  } catch (err) {
    port.once('message', () => reply({ ok: false, error: serializeError(err) }));
    return;
  }
  // `--require` modules run in this thread too, as in Node (after the application's);
  // a `register()` there adds to this thread's chains.
  require('internal/modules/esm').setHooksThreadRegister(register);
  require('internal/modules/esm').runRequirePreloads(process.execArgv);
  port.on('message', async (msg) => {
    const request = {};
    inFlight = request;
    port.unref();
    let value;
    try {
      value = { ok: true, value: toTransferable(await handle(msg)) };
    } catch (err) {
      value = { ok: false, error: serializeError(err) };
    }
    if (inFlight !== request) return;
    inFlight = null;
    port.ref();
    reply(value);
  });
}

module.exports = { main };
