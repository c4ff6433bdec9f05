'use strict';
// node:domain (deprecated in Node, kept for old packages), on async_hooks: a resource
// made while a domain is active remembers it, and its callbacks run inside it; an
// error thrown there (uncaught) or emitted unhandled by an EventEmitter made inside it
// goes to the domain's 'error' event. Uncaught errors reach the domain through the
// uncaught-exception capture callback, which the module owns while loaded.

const EventEmitter = require('events');
const { createHook } = require('async_hooks');
const asyncHooks = require('internal/async_hooks');
const { codes: { ERR_DOMAIN_CALLBACK_NOT_AVAILABLE, ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE, ERR_UNHANDLED_ERROR } } =
  require('internal/errors');

if (process.hasUncaughtExceptionCaptureCallback()) throw new ERR_DOMAIN_CALLBACK_NOT_AVAILABLE();

// Where the module was loaded, for the error telling a later capture callback why not.
const loadedAt = new Error('loaded').stack.split('\n').slice(1).join('\n');
const setCapture = process.setUncaughtExceptionCaptureCallback;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback() {
  const err = new ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE();
  err.stack = `${err.stack}\n${'-'.repeat(40)}\n${loadedAt}`;
  throw err;
};

// The domains entered and not yet exited, innermost last.
const stack = [];
exports._stack = stack;
exports.active = null;
process.domain = null;

function setActive(d) {
  exports.active = d;
  process.domain = d;
}

// Uncaught errors go to the active domain while some entered domain has an 'error'
// listener; otherwise process 'uncaughtException' handles them as usual.
function captured(er) {
  return process.domain._errorHandler(er);
}
function updateExceptionCapture() {
  setCapture(null);
  if (stack.some((d) => d.listenerCount('error') > 0)) setCapture(captured);
}

// After an uncaught exception, no domain is left entered.
function clearStack() {
  stack.length = 0;
  setActive(null);
  updateExceptionCapture();
}
// The first 'uncaughtException' listener always clears the domain stack.
process.on('newListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== clearStack) {
    process.removeListener(name, clearStack);
    process.prependListener(name, clearStack);
  }
});
process.on('removeListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== clearStack && process.listenerCount('uncaughtException') === 1) {
    process.removeListener(name, clearStack);
  }
});

const kPromiseDomain = Symbol('domain');

// Resources made inside a domain run their callbacks inside it.
function domainOf(resource) {
  if (resource === undefined || resource === null) return undefined;
  const d = Object.hasOwn(resource, kPromiseDomain) ? resource[kPromiseDomain] : resource.domain;
  return d instanceof Domain ? d : undefined;
}
const hook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    const d = process.domain;
    if (d === null || d === undefined) return;
    if (type === 'PROMISE') {
      Object.defineProperty(resource, kPromiseDomain, { __proto__: null, configurable: true, enumerable: false, writable: true, value: d });
    } else {
      Object.defineProperty(resource, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: d });
    }
  },
  before() {
    domainOf(asyncHooks.executionAsyncResource())?.enter();
  },
  after() {
    domainOf(asyncHooks.executionAsyncResource())?.exit();
  },
});
hook.enable();

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
  }

  enter() {
    setActive(this);
    stack.push(this);
    updateExceptionCapture();
  }

  // Exits this domain and every domain entered after it.
  exit() {
    const i = stack.lastIndexOf(this);
    if (i === -1) return;
    stack.splice(i);
    setActive(stack[stack.length - 1]);
    updateExceptionCapture();
  }

  add(ee) {
    if (ee.domain === this) return;
    if (ee.domain instanceof Domain) ee.domain.remove(ee);
    // A domain added to a domain: its uncaught errors fall through to the parent.
    if (this.domain && ee instanceof Domain) {
      for (let d = this.domain; d; d = d.domain) if (ee === d) return;
    }
    Object.defineProperty(ee, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: this });
    this.members.push(ee);
  }

  remove(ee) {
    ee.domain = null;
    const i = this.members.indexOf(ee);
    if (i !== -1) this.members.splice(i, 1);
  }

  run(fn, ...args) {
    this.enter();
    const ret = Reflect.apply(fn, this, args);
    this.exit();
    return ret;
  }

  bind(cb) {
    const self = this;
    function runBound(...args) {
      self.enter();
      const ret = Reflect.apply(cb, this, args);
      self.exit();
      return ret;
    }
    Object.defineProperty(runBound, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: this });
    return runBound;
  }

  // Like bind, but a first argument that is an error goes to the domain instead.
  intercept(cb) {
    const self = this;
    function runIntercepted(...args) {
      const er = args[0];
      if (er instanceof Error) {
        Object.defineProperty(er, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: self });
        er.domainBound = cb;
        er.domainThrown = false;
        self.emit('error', er);
        return;
      }
      self.enter();
      const ret = Reflect.apply(cb, this, args.slice(1));
      self.exit();
      return ret;
    }
    Object.defineProperty(runIntercepted, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: this });
    return runIntercepted;
  }

  // An uncaught error thrown inside this domain: true when its 'error' handled it.
  _errorHandler(er) {
    let caught = false;
    if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
      Object.defineProperty(er, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: this });
      er.domainThrown = true;
    }
    // The handler does not run inside the domain it handles (a throw there would loop).
    while (exports.active === this) this.exit();
    if (stack.length === 0) {
      // The outermost domain: no try/catch, so --abort-on-uncaught-exception still
      // sees an error thrown by the handler as uncaught.
      if (this.listenerCount('error') > 0) {
        setCapture(null);
        try {
          caught = this.emit('error', er);
        } finally {
          updateExceptionCapture();
        }
      }
    } else {
      try {
        caught = this.emit('error', er);
      } catch (er2) {
        // The handler threw: the next domain out may catch that, or the process dies.
        updateExceptionCapture();
        if (stack.length === 0) throw er2;
        setActive(stack[stack.length - 1]);
        caught = process.domain._errorHandler(er2);
      }
    }
    // Nothing stays entered between ticks after an uncaught error.
    clearStack();
    return caught;
  }
}
Domain.prototype.members = undefined;

exports.Domain = Domain;
exports.create = exports.createDomain = function createDomain() { return new Domain(); };

// EventEmitters made inside a domain belong to it; an 'error' nobody listens to goes to
// their domain, emitted outside it; other events are emitted inside it.
EventEmitter.usingDomains = true;
const eeInit = EventEmitter.init;
EventEmitter.init = function init(opts) {
  Object.defineProperty(this, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: null });
  if (exports.active && !(this instanceof Domain)) this.domain = exports.active;
  return Reflect.apply(eeInit, this, [opts]);
};

const eeEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(...args) {
  const d = this.domain;
  const type = args[0];
  if (d === null || d === undefined || this === process || (type === 'error' && this.listenerCount('error') > 0)) {
    return Reflect.apply(eeEmit, this, args);
  }
  if (type === 'error') {
    const er = args.length > 1 && args[1] ? args[1] : new ERR_UNHANDLED_ERROR();
    if (typeof er === 'object') {
      er.domainEmitter = this;
      Object.defineProperty(er, 'domain', { __proto__: null, configurable: true, enumerable: false, writable: true, value: d });
      er.domainThrown = false;
    }
    // The handler runs with the active domain (and its duplicates) taken off the stack,
    // so an error it throws is not handled by itself; everything is put back after.
    const savedStack = stack.slice();
    const savedActive = process.domain;
    let i = stack.length - 1;
    while (i > -1 && process.domain === stack[i]) i--;
    stack.length = i + 1;
    setActive(stack.length > 0 ? stack[stack.length - 1] : null);
    updateExceptionCapture();
    d.emit('error', er);
    stack.length = 0;
    stack.push(...savedStack);
    setActive(savedActive);
    updateExceptionCapture();
    return false;
  }
  d.enter();
  const ret = Reflect.apply(eeEmit, this, args);
  d.exit();
  return ret;
};
