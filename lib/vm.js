'use strict';
// node:vm — scripts in this context or in new V8 contexts. A contextified object is the
// new context's global as far as scripts can tell: its global object forwards property
// access to it (interceptors in crates/runtime/src/bindings/vm.rs).

const v = binding.vm;
const { compileFunction: compileFn, runScript } = binding.modules;
const { codes: { ERR_INVALID_ARG_TYPE }, validateString, validateInteger, validateUint32 } = require('internal/errors');

// An object argument as Node checks it (arrays and functions allowed, null not).
function validateObjectArg(value, name) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) throw new ERR_INVALID_ARG_TYPE(name, 'object', value);
}

// The options of Script and the run functions: a filename string or an options object.
function validateScriptOptions(options) {
  if (options === undefined || typeof options === 'string') return;
  validateObjectArg(options, 'options');
  if (options.filename !== undefined) validateString(options.filename, 'options.filename');
  for (const k of ['lineOffset', 'columnOffset']) {
    if (options[k] !== undefined) validateInteger(options[k], `options.${k}`, -2147483648, 2147483647);
  }
  if (options.timeout !== undefined) validateUint32(options.timeout, 'options.timeout', true);
}

function isContext(obj) {
  validateObjectArg(obj, 'object');
  return v.isContext(obj);
}

function createContext(sandbox = {}, options) {
  if (isContext(sandbox)) return sandbox;
  v.createContext(sandbox);
  require('internal/snapshot').vmContexts.push(sandbox);
  return sandbox;
}

function runIn(sandbox, code, filename, lineOffset = 0, columnOffset = 0) {
  return v.run(sandbox, code, filename, lineOffset, columnOffset);
}

function filenameOf(options, def) {
  if (typeof options === 'string') return options;
  return options?.filename ?? def;
}

class Script {
  constructor(code, options) {
    validateScriptOptions(options);
    this._code = `${code}`;
    this._filename = filenameOf(options, 'evalmachine.<anonymous>');
  }
  runInThisContext() { return runScript(this._code, this._filename); }
  runInContext(ctx) {
    if (!isContext(ctx)) {
      throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', ctx);
    }
    return runIn(ctx, this._code, this._filename);
  }
  runInNewContext(sandbox = {}, options) { return this.runInContext(createContext(sandbox, options)); }
  createCachedData() { return Buffer.alloc(0); }
}

function runInThisContext(code, options) { return new Script(code, options).runInThisContext(); }
function runInContext(code, ctx, options) { return new Script(code, options).runInContext(ctx); }
function runInNewContext(code, sandbox, options) { return new Script(code, options).runInNewContext(sandbox, options); }

function compileFunction(code, params = [], options = {}) {
  validateString(code, 'code');
  return compileFn(`${code}`, options.filename ?? '', params);
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
  if (mode !== 'summary' && mode !== 'detailed') {
    throw new ERR_INVALID_ARG_VALUE('options.mode', mode, "must be one of: 'summary', 'detailed'");
  }
  if (execution !== 'default' && execution !== 'eager') {
    throw new ERR_INVALID_ARG_VALUE('options.execution', execution, "must be one of: 'default', 'eager'");
  }
  if (mode === 'detailed') throw new ERR_NOT_IMPLEMENTED("vm.measureMemory({ mode: 'detailed' })");
  const stats = binding.process.heapStatistics();
  const used = stats.used_heap_size;
  const total = stats.total_heap_size;
  return Promise.resolve({ total: { jsMemoryEstimate: used, jsMemoryRange: [used, Math.max(used, total)] } });
}

module.exports = {
  Script, createContext, isContext, runInThisContext, runInContext, runInNewContext, compileFunction,
  constants: { USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('USE_MAIN_CONTEXT_DEFAULT_LOADER'), DONT_CONTEXTIFY: Symbol('DONT_CONTEXTIFY') },
  measureMemory,
};
