'use strict';
// vm.Module, vm.SourceTextModule and vm.SyntheticModule (--experimental-vm-modules).
// Each wraps a V8 module kept in the ES module map under a key `vm:<n>`
// (crates/runtime/src/esm.rs, "vm.SourceTextModule"); linking records the modules the
// user's linker returns as the resolutions of each request, then V8 instantiates.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_VM_MODULE_STATUS, ERR_VM_MODULE_ALREADY_LINKED,
    ERR_VM_MODULE_DIFFERENT_CONTEXT, ERR_VM_MODULE_LINK_FAILURE, ERR_VM_MODULE_NOT_MODULE,
    ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA, ERR_VM_MODULE_CACHED_DATA_REJECTED },
  validateString, validateInteger, validateObject, validateFunction, validateBoolean, validateUint32,
} = require('internal/errors');

const e = binding.esm;
const kKey = Symbol('kKey');
const kContext = Symbol('kContext');
const kGlobal = Symbol('kGlobal');
const kLink = Symbol('kLink');
const kPerContextModuleId = Symbol('kPerContextModuleId');
const STATUS = ['unlinked', 'linking', 'linked', 'evaluating', 'evaluated', 'errored'];
const kNoError = Symbol('kNoError');
const kIdentifier = Symbol('kIdentifier');
const kInitMeta = Symbol('kInitMeta');
const kEvaluateSynthetic = Symbol('kEvaluateSynthetic');

// `vm:<n>` key -> module object (for synthetic evaluation and import.meta).
const byKey = new Map();
let nextKey = 1;
let globalModuleId = 0;

let vmInternals; // set by lib/vm.js: { contexts, isContext, importIdFor }

function defaultIdentifier(context) {
  if (context === undefined) return `vm:module(${globalModuleId++})`;
  if (context[kPerContextModuleId] === undefined) {
    Object.defineProperty(context, kPerContextModuleId, { value: 0, writable: true, enumerable: false });
  }
  return `vm:module(${context[kPerContextModuleId]++})`;
}

function isModule(m) {
  return m !== null && typeof m === 'object' && Object.prototype.hasOwnProperty.call(m, kKey);
}

class Module {
  constructor(options) {
    if (new.target === Module) throw new TypeError('Module is not a constructor');
    const { context, identifier } = options;
    if (context !== undefined) {
      validateObject(context, 'context');
      if (!vmInternals.isContext(context)) throw new ERR_INVALID_ARG_TYPE('options.context', 'vm.Context', context);
    }
    if (identifier !== undefined) validateString(identifier, 'options.identifier');
    const key = `vm:${nextKey++}`;
    Object.defineProperty(this, kKey, { value: key });
    Object.defineProperty(this, kContext, { value: context });
    Object.defineProperty(this, kGlobal, { value: context === undefined ? undefined : vmInternals.contexts.get(context) });
    this[kIdentifier] = identifier ?? defaultIdentifier(context);
    byKey.set(key, this);
  }

  get identifier() {
    checkModule(this);
    return this[kIdentifier];
  }

  get context() {
    checkModule(this);
    return this[kContext];
  }

  get namespace() {
    checkModule(this);
    if (e.vmStatus(this[kKey]) < 2) throw new ERR_VM_MODULE_STATUS('must not be unlinked or linking');
    return e.vmNamespace(this[kKey]);
  }

  get status() {
    checkModule(this);
    return STATUS[e.vmStatus(this[kKey])];
  }

  get error() {
    checkModule(this);
    if (this.status !== 'errored') throw new ERR_VM_MODULE_STATUS('must be errored');
    return e.vmError(this[kKey]);
  }

  async link(linker) {
    checkModule(this);
    validateFunction(linker, 'linker');
    if (this.status === 'linked') throw new ERR_VM_MODULE_ALREADY_LINKED();
    if (this.status !== 'unlinked') throw new ERR_VM_MODULE_STATUS('must be unlinked');
    await this[kLink](linker);
    e.vmInstantiate(this[kKey], this[kGlobal]);
  }

  async evaluate(options = {}) {
    checkModule(this);
    validateObject(options, 'options');
    if (options.timeout !== undefined) validateUint32(options.timeout, 'options.timeout', true);
    const { breakOnSigint = false } = options;
    validateBoolean(breakOnSigint, 'options.breakOnSigint');
    const status = e.vmStatus(this[kKey]);
    if (status !== 2 && status !== 4 && status !== 5) {
      throw new ERR_VM_MODULE_STATUS('must be one of linked, evaluated, or errored');
    }
    await e.vmEvaluate(this[kKey], this[kGlobal], options.timeout ?? -1);
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    checkModule(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = this.constructor;
    const o = { __proto__: { constructor } };
    o.status = this.status;
    o.identifier = this.identifier;
    o.context = this.context;
    Object.setPrototypeOf(o, Object.getPrototypeOf(this));
    Object.defineProperty(o, Symbol.toStringTag, { value: constructor.name, configurable: true });
    return require('util').inspect(o, { ...options, customInspect: false });
  }
}

function checkModule(m, type = 'Module') {
  if (!isModule(m) || (type === 'SyntheticModule' && !(m instanceof SyntheticModule))) {
    throw new ERR_INVALID_ARG_TYPE('this', type, m);
  }
}

class SourceTextModule extends Module {
  #error = kNoError;
  #statusOverride;
  #requests;
  #specifiers;
  #initializeImportMeta;

  constructor(sourceText, options = {}) {
    validateString(sourceText, 'sourceText');
    validateObject(options, 'options');
    const { lineOffset = 0, columnOffset = 0, initializeImportMeta, importModuleDynamically, context, identifier, cachedData } = options;
    validateInteger(lineOffset, 'options.lineOffset', -2147483648, 2147483647);
    validateInteger(columnOffset, 'options.columnOffset', -2147483648, 2147483647);
    if (initializeImportMeta !== undefined) validateFunction(initializeImportMeta, 'options.initializeImportMeta');
    if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function', importModuleDynamically);
    }
    if (cachedData !== undefined && !ArrayBuffer.isView(cachedData)) {
      throw new ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
    }
    super({ context, identifier });
    this.#initializeImportMeta = initializeImportMeta;
    const importId = vmInternals.importIdFor(importModuleDynamically, this);
    const [requests, rejected] = e.vmCompile(this[kKey], sourceText, this[kIdentifier], lineOffset, columnOffset, this[kGlobal], importId, cachedData);
    this.#requests = requests;
    this.#specifiers = Object.freeze(requests.map(([spec]) => spec));
    if (rejected === true) throw new ERR_VM_MODULE_CACHED_DATA_REJECTED('cachedData buffer was rejected');
  }

  async [kLink](linker) {
    this.#statusOverride = 'linking';
    try {
      await Promise.all(this.#requests.map(async ([specifier, attributes]) => {
        const module = await linker(specifier, this, { attributes, assert: attributes });
        if (!isModule(module)) throw new ERR_VM_MODULE_NOT_MODULE();
        if (module.context !== this.context) throw new ERR_VM_MODULE_DIFFERENT_CONTEXT();
        if (module.status === 'errored') {
          const err = new ERR_VM_MODULE_LINK_FAILURE(`request for '${specifier}' resolved to an errored module`);
          err.cause = module.error;
          throw err;
        }
        if (module.status === 'unlinked') await module[kLink](linker);
        e.vmLinkDep(this[kKey], specifier, module[kKey]);
      }));
    } catch (err) {
      this.#error = err;
      throw err;
    } finally {
      this.#statusOverride = undefined;
    }
  }

  get dependencySpecifiers() {
    checkModule(this);
    return this.#specifiers;
  }

  get status() {
    checkModule(this);
    if (this.#error !== kNoError) return 'errored';
    if (this.#statusOverride) return this.#statusOverride;
    return super.status;
  }

  get error() {
    checkModule(this);
    if (this.#error !== kNoError) return this.#error;
    return super.error;
  }

  createCachedData() {
    const status = e.vmStatus(this[kKey]);
    if (status === 3 || status === 4 || status === 5) throw new ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA();
    const data = e.vmCachedData(this[kKey]);
    return Buffer.from(data.buffer, data.byteOffset, data.length);
  }

  // import.meta of this module (the native import.meta hook, through lib/internal/modules/esm.js).
  [kInitMeta](meta) {
    if (this.#initializeImportMeta !== undefined) this.#initializeImportMeta(meta, this);
  }
}

class SyntheticModule extends Module {
  #evaluateCallback;

  constructor(exportNames, evaluateCallback, options = {}) {
    if (!Array.isArray(exportNames) || exportNames.some((n) => typeof n !== 'string')) {
      throw new ERR_INVALID_ARG_TYPE('exportNames', 'Array of unique strings', exportNames);
    }
    exportNames.forEach((name, i) => {
      if (exportNames.indexOf(name, i + 1) !== -1) throw new ERR_INVALID_ARG_VALUE(`exportNames.${name}`, name, 'is duplicated');
    });
    validateFunction(evaluateCallback, 'evaluateCallback');
    validateObject(options, 'options');
    const { context, identifier } = options;
    super({ context, identifier });
    this.#evaluateCallback = evaluateCallback;
    e.vmSynthetic(this[kKey], exportNames, this[kIdentifier]);
  }

  [kLink]() {}

  setExport(name, value) {
    checkModule(this, 'SyntheticModule');
    validateString(name, 'name');
    if (e.vmStatus(this[kKey]) < 2) throw new ERR_VM_MODULE_STATUS('must be linked');
    e.vmSetExport(this[kKey], name, value);
  }

  [kEvaluateSynthetic]() {
    return Reflect.apply(this.#evaluateCallback, this, []);
  }
}

// Native hooks (internal/bootstrap.js).
function evaluateSynthetic(key) {
  byKey.get(key)[kEvaluateSynthetic]();
}

function initImportMeta(key, meta) {
  const m = byKey.get(key);
  if (m instanceof SourceTextModule) m[kInitMeta](meta);
}

// What an importModuleDynamically callback returned, as import() resolves it.
function namespaceOf(m) {
  if (binding.types.isModuleNamespaceObject(m)) return m;
  if (!isModule(m)) throw new ERR_VM_MODULE_NOT_MODULE();
  if (m.status === 'errored') throw m.error;
  return m.namespace;
}

function setInternals(i) {
  vmInternals = i;
}

module.exports = { Module, SourceTextModule, SyntheticModule, evaluateSynthetic, initImportMeta, setInternals, namespaceOf };
