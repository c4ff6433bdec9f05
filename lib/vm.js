'use strict';
// node:vm — scripts in this context or in new V8 contexts. A contextified object is the
// new context's global as far as scripts can tell: its global object forwards property
// access to it (interceptors in crates/runtime/src/bindings/vm.rs).

const v = binding.vm;
const constants = { __proto__: null, USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('USE_MAIN_CONTEXT_DEFAULT_LOADER'), DONT_CONTEXTIFY: Symbol('DONT_CONTEXTIFY') };
Object.freeze(constants);
const kImportFromVm = Symbol.for('amber.vm.importFromVm');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE }, validateString, validateInteger, validateUint32, validateObject, validateBoolean } = require('internal/errors');
const { validateOneOf } = require('internal/validators');

// An object argument as Node checks it (arrays and functions allowed, null not).
function validateObjectArg(value, name) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) throw new ERR_INVALID_ARG_TYPE(name, 'object', value);
}

const validateInt32 = (value, name) => validateInteger(value, name, -2147483648, 2147483647);

// Contextified object -> its context's global proxy.
const contexts = new WeakMap();

function isContext(obj) {
  validateObjectArg(obj, 'object');
  return contexts.has(obj);
}

function validateContext(obj) {
  if (!isContext(obj)) throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', obj);
}

let defaultContextNameIndex = 1;
const afterEvaluateContexts = [];
internals.describeVmMicrotaskContexts = () => afterEvaluateContexts.slice();
function createContext(sandbox = {}, options = {}) {
  // vm.constants.DONT_CONTEXTIFY: an ordinary context, whose own global object is the
  // context object (no sandbox forwarding).
  const plain = sandbox === constants.DONT_CONTEXTIFY;
  if (!plain && isContext(sandbox)) return sandbox;
  validateObject(options, 'options');
  const { name = `VM Context ${defaultContextNameIndex++}`, origin, codeGeneration, microtaskMode, importModuleDynamically } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  let strings = true;
  let wasm = true;
  if (codeGeneration !== undefined) {
    validateObject(codeGeneration, 'options.codeGeneration');
    ({ strings = true, wasm = true } = codeGeneration);
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  validateImportCallback(importModuleDynamically);
  const ownMicrotasks = microtaskMode === 'afterEvaluate';
  const global = v.createContext(plain ? undefined : sandbox, strings, wasm, ownMicrotasks);
  // Errors made in the context fall back to the main context's Error.prepareStackTrace.
  internals.requireBuiltin('internal/source_map/source_map_cache').installFormatter();
  if (plain) sandbox = global;
  contexts.set(sandbox, global);
  // Its microtask queue is native state a snapshot cannot carry.
  if (ownMicrotasks) afterEvaluateContexts.push({ kind: "vm context with microtaskMode 'afterEvaluate'", where: internals.callerLocation() });
  require('internal/snapshot').vmContexts.push(sandbox);
  return sandbox;
}

function validateImportCallback(fn) {
  if (fn !== undefined && typeof fn !== 'function' && fn !== constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    throw new ERR_INVALID_ARG_TYPE('options.importModuleDynamically', ['function', 'vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER'], fn);
  }
}

// `import()` from vm code: its script carries an id (host-defined options) naming what
// the user asked for. 0: no callback (Node rejects); 1: the main context's loader.
const importCallbacks = new Map();
let nextImportId = 2;
function importIdFor(fn, referrer) {
  if (fn === undefined) return 0;
  if (fn === constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) return 1;
  const id = nextImportId++;
  importCallbacks.set(id, { fn, referrer });
  return id;
}

// Called by internal/modules/esm for an import() from vm code.
function importFromVm(id, specifier, attributes) {
  if (id === 0) {
    const { ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING } = require('internal/errors').codes;
    return Promise.reject(new ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING());
  }
  const entry = importCallbacks.get(id);
  if (!require('internal/options').getOptionValue('--experimental-vm-modules')) {
    const { ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG } = require('internal/errors').codes;
    return Promise.reject(new ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG());
  }
  return (async () => require('internal/vm_module').namespaceOf(await entry.fn(specifier, entry.referrer, attributes)))();
}

function getRunOptions(options = {}) {
  validateObject(options, 'options');
  let timeout = options.timeout;
  if (timeout === undefined) timeout = -1;
  else validateUint32(timeout, 'options.timeout', true);
  const { displayErrors = true, breakOnSigint = false } = options;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return [timeout, displayErrors];
}

class Script {
  constructor(code, options = {}) {
    code = `${code}`;
    if (typeof options === 'string') options = { filename: options };
    else validateObject(options, 'options');
    const {
      filename = 'evalmachine.<anonymous>', lineOffset = 0, columnOffset = 0, cachedData,
      produceCachedData = false, importModuleDynamically,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined && !ArrayBuffer.isView(cachedData)) {
      throw new ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
    }
    validateBoolean(produceCachedData, 'options.produceCachedData');
    validateImportCallback(importModuleDynamically);
    const importId = importIdFor(importModuleDynamically, this);
    const [handle, rejected, data, sourceMapURL] = v.compileScript(code, filename, lineOffset, columnOffset, cachedData, produceCachedData, importId);
    Object.defineProperty(this, kHandle, { value: handle });
    Object.defineProperty(this, kOffsets, { value: [lineOffset, columnOffset] });
    if (cachedData !== undefined) this.cachedDataRejected = rejected;
    if (produceCachedData) {
      this.cachedDataProduced = data !== undefined && data.length > 0;
      if (this.cachedDataProduced) this.cachedData = Buffer.from(data.buffer, data.byteOffset, data.length);
    }
    this.sourceMapURL = sourceMapURL;
  }

  runInThisContext(options) {
    const [timeout, displayErrors] = getRunOptions(options);
    return v.runScript(this[kHandle], undefined, timeout, displayErrors, ...this[kOffsets]);
  }

  runInContext(contextifiedObject, options) {
    validateContext(contextifiedObject);
    const [timeout, displayErrors] = getRunOptions(options);
    return v.runScript(this[kHandle], contexts.get(contextifiedObject), timeout, displayErrors, ...this[kOffsets]);
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    const data = v.createCachedData(this[kHandle]);
    return Buffer.from(data.buffer, data.byteOffset, data.length);
  }
}
const kHandle = Symbol('kHandle');
// A Script's lineOffset and columnOffset, for the place an error it throws is shown at.
const kOffsets = Symbol('kOffsets');

function getContextOptions(options) {
  if (!options) return {};
  const contextOptions = {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: options.microtaskMode,
  };
  if (contextOptions.name !== undefined) validateString(contextOptions.name, 'options.contextName');
  if (contextOptions.origin !== undefined) validateString(contextOptions.origin, 'options.contextOrigin');
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    contextOptions.codeGeneration = options.contextCodeGeneration;
  }
  return contextOptions;
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInThisContext(code, options) {
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInThisContext(options);
}

function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  if (typeof options === 'string') options = { filename: options };
  contextObject = createContext(contextObject, getContextOptions(options));
  options = { ...options, __proto__: null };
  return createScript(code, options).runInNewContext(contextObject, options);
}

function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  if (params !== undefined) {
    if (!Array.isArray(params)) throw new ERR_INVALID_ARG_TYPE('params', 'Array', params);
    params.forEach((p, i) => validateString(p, `params[${i}]`));
  }
  validateObject(options, 'options');
  const {
    filename = '', columnOffset = 0, lineOffset = 0, cachedData = undefined, produceCachedData = false,
    parsingContext = undefined, contextExtensions = [], importModuleDynamically,
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined && !ArrayBuffer.isView(cachedData)) {
    throw new ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
  }
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw new ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
    }
  }
  if (!Array.isArray(contextExtensions)) throw new ERR_INVALID_ARG_TYPE('options.contextExtensions', 'Array', contextExtensions);
  contextExtensions.forEach((extension, i) => {
    if (extension !== null && (typeof extension !== 'object' || Array.isArray(extension))) {
      throw new ERR_INVALID_ARG_TYPE(`options.contextExtensions[${i}]`, 'object', extension);
    }
  });
  validateImportCallback(importModuleDynamically);
  const holder = {};
  const importId = importIdFor(importModuleDynamically, holder);
  const [fn, rejected, data] = v.compileFunction(code, filename, params ?? [], lineOffset, columnOffset, importId,
    parsingContext === undefined ? undefined : contexts.get(parsingContext), contextExtensions, cachedData, produceCachedData);
  // import() from the function names the function as its referrer, as in Node.
  if (importId >= 2) importCallbacks.get(importId).referrer = fn;
  if (cachedData !== undefined) fn.cachedDataRejected = rejected;
  if (produceCachedData) {
    fn.cachedDataProduced = data !== undefined && data.length > 0;
    if (fn.cachedDataProduced) fn.cachedData = Buffer.from(data.buffer, data.byteOffset, data.length);
  }
  return fn;
}

// vm.measureMemory: amber has one context per isolate to attribute memory to, so the
// summary is the isolate's own figures (the live JS heap as the estimate, up to the heap
// V8 has committed); per-context attribution ('detailed') needs V8's MeasureMemory, which
// amber does not bind.
let measureMemoryWarned = false;
function measureMemory(options = {}) {
  if (!measureMemoryWarned) {
    measureMemoryWarned = true;
    process.emitWarning('vm.measureMemory is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  const { validateObject, codes: { ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  if (mode === 'detailed') throw new ERR_NOT_IMPLEMENTED("vm.measureMemory({ mode: 'detailed' })");
  const stats = binding.process.heapStatistics();
  const used = stats.used_heap_size;
  const total = stats.total_heap_size;
  return Promise.resolve({ total: { jsMemoryEstimate: used, jsMemoryRange: [used, Math.max(used, total)] } });
}

module.exports = {
  Script, createScript, createContext, isContext, runInThisContext, runInContext, runInNewContext, compileFunction,
  constants, measureMemory,
};
Object.defineProperty(module.exports, kImportFromVm, { value: importFromVm });
// vm.Module and its subclasses exist under --experimental-vm-modules, as in Node.
if (require('internal/options').getOptionValue('--experimental-vm-modules')) {
  const vmModule = require('internal/vm_module');
  vmModule.setInternals({ contexts, isContext, importIdFor });
  module.exports.Module = vmModule.Module;
  module.exports.SourceTextModule = vmModule.SourceTextModule;
  module.exports.SyntheticModule = vmModule.SyntheticModule;
}
