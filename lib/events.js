'use strict';
// node:events — EventEmitter with Node's semantics: listener order, once wrappers,
// prepend, 'newListener'/'removeListener', errorMonitor, captureRejections (a listener's
// rejected promise goes to the emitter's Symbol.for('nodejs.rejection') method, else
// to its 'error' event).

const { ERR_INVALID_ARG_TYPE, ERR_UNHANDLED_ERROR, ERR_OUT_OF_RANGE } = require('internal/errors').codes;

const kErrorMonitor = Symbol('events.errorMonitor');
const kCapture = Symbol('kCapture');
const kWatermarkData = Symbol.for('nodejs.watermarkData');
let defaultMaxListeners = 10;

// A count of listeners: a number (ERR_INVALID_ARG_TYPE), >= 0 and not NaN (ERR_OUT_OF_RANGE).
function validateCount(n, name) {
  if (typeof n !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', n);
  if (n < 0 || Number.isNaN(n)) throw new ERR_OUT_OF_RANGE(name, '>= 0', n);
}
// EventTargets keep their limit under this key (read by getMaxListeners).
const { kMaxEventTargetListeners, isEventTarget, kFirstEventParam } = require('internal/event_target');

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  // captureRejections: the option, else the default at construction (an own property
  // only when it differs from what the prototype says).
  if (opts?.captureRejections) {
    require('internal/errors').validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = true;
  } else if (this[kCapture] !== EventEmitter.prototype[kCapture]) {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

// A listener's result under captureRejections: a rejection is handed on in a tick.
function captureRejection(emitter, result, type, args) {
  try {
    const then = result.then;
    if (typeof then !== 'function') return;
    Reflect.apply(then, result, [undefined, (err) => process.nextTick(onCapturedRejection, emitter, err, type, args)]);
  } catch (err) {
    emitter.emit('error', err);
  }
}

function onCapturedRejection(emitter, err, type, args) {
  const handler = emitter[EventEmitter.captureRejectionSymbol];
  if (typeof handler === 'function') {
    Reflect.apply(handler, emitter, [err, type, ...args]);
    return;
  }
  // (Not captured again, should an 'error' listener reject too.)
  const had = Object.prototype.hasOwnProperty.call(emitter, kCapture);
  const previous = emitter[kCapture];
  emitter[kCapture] = false;
  try {
    emitter.emit('error', err);
  } finally {
    if (had) emitter[kCapture] = previous;
    else delete emitter[kCapture];
  }
}

function checkListener(listener) {
  if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'Function', listener);
}

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(arg) {
    validateCount(arg, 'defaultMaxListeners');
    defaultMaxListeners = arg;
  },
});
EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateCount(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
};

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error' && events !== undefined && events[kErrorMonitor] !== undefined) {
    this.emit(kErrorMonitor, ...args);
  }
  const handler = events !== undefined ? events[type] : undefined;
  if (handler === undefined) {
    if (type === 'error') {
      const er = args[0];
      if (er instanceof Error) {
        // Reported uncaught, the error also says where the event was emitted.
        try {
          const emitted = {};
          Error.captureStackTrace(emitted, EventEmitter.prototype.emit);
          const { kEnhanceStackBeforeInspector, enhanceStackOfUnhandledError } = require('internal/errors');
          Object.defineProperty(er, kEnhanceStackBeforeInspector, {
            __proto__: null,
            configurable: true,
            writable: true,
            value: () => enhanceStackOfUnhandledError(this, er, emitted),
          });
        } catch {
          // A frozen error: reported as it is.
        }
        throw er;
      }
      const { inspect } = require('internal/inspect');
      // A value whose inspection throws is shown as String() shows it.
      let shown;
      try {
        shown = inspect(er);
      } catch {
        shown = er;
      }
      const err = new ERR_UNHANDLED_ERROR(shown);
      err.context = er;
      throw err;
    }
    return false;
  }
  if (typeof handler === 'function') {
    const result = Reflect.apply(handler, this, args);
    if (result !== undefined && result !== null && this[kCapture]) captureRejection(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = Reflect.apply(listeners[i], this, args);
      if (result !== undefined && result !== null && this[kCapture]) captureRejection(this, result, type, args);
    }
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ?? listener);
    events = target._events;
  }
  let existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    // Also for a plain object EventEmitter's methods were called on.
    const m = target._maxListeners === undefined ? defaultMaxListeners : target._maxListeners;
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const name = target.constructor?.name || 'EventEmitter';
      const w = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners added to ${name === 'EventEmitter' ? '[EventEmitter]' : `[${name}]`}. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      globalThis.process?.emitWarning(w);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener_(type, listener) { return addListener(this, type, listener, false); };
Object.defineProperty(EventEmitter.prototype.addListener, 'name', { value: 'addListener' });
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };

function onceWrapper(...args) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return Reflect.apply(this.listener, this.target, args);
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this._eventsCount === 0) this._events = { __proto__: null };
    else delete events[type];
    if (events.removeListener !== undefined) this.emit('removeListener', type, list.listener || listener);
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else if (position === list.length - 1) list.pop();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = { __proto__: null };
    this._eventsCount = 0;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listeners(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((f) => f.listener || f) : l.slice();
}

EventEmitter.prototype.listeners = function listeners_(type) { return listeners(this, type, true); };
Object.defineProperty(EventEmitter.prototype.listeners, 'name', { value: 'listeners' });
EventEmitter.prototype.rawListeners = function rawListeners(type) { return listeners(this, type, false); };
EventEmitter.prototype.listenerCount = function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const l = events[type];
  if (l === undefined) return 0;
  if (typeof l === 'function') return listener == null || l === listener || l.listener === listener ? 1 : 0;
  if (listener == null) return l.length;
  return l.filter((f) => f === listener || f.listener === listener).length;
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.prototype.eventNames = function eventNames() {
  // Streams declare their common events' slots up front (undefined until listened to).
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events).filter((k) => this._events[k] !== undefined) : [];
};

// Listens on an EventEmitter (anything with `on`: a NodeEventTarget or MessagePort
// too) or an EventTarget, as events.once/on do.
function addAgnosticListener(emitter, name, listener, once) {
  if (typeof emitter.on === 'function') {
    if (once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, { once });
  } else {
    throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
}
function removeAgnosticListener(emitter, name, listener) {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener);
  else throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
}
function validateSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}
const abortError = (signal) => new (require('internal/errors').AbortError)(undefined, { cause: signal?.reason });

// events.once(emitter, name[, { signal }]) -> Promise of the arguments array.
async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateSignal(signal, 'options.signal');
  if (signal?.aborted) throw abortError(signal);
  return new Promise((resolve, reject) => {
    let disposable;
    const errorListener = (err) => {
      removeAgnosticListener(emitter, name, resolver);
      disposable?.[Symbol.dispose]();
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function' && name !== 'error') emitter.removeListener('error', errorListener);
      disposable?.[Symbol.dispose]();
      resolve(args);
    };
    addAgnosticListener(emitter, name, resolver, true);
    if (name !== 'error' && typeof emitter.on === 'function') emitter.once('error', errorListener);
    if (signal != null) {
      disposable = addAbortListener(signal, () => {
        removeAgnosticListener(emitter, name, resolver);
        if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
        reject(abortError(signal));
      });
    }
  });
}

// events.on(emitter, name[, options]) -> async iterator of argument arrays. Options:
// signal; close (event names that end the iteration); highWaterMark/lowWaterMark (an
// emitter with pause()/resume() is paused while more than highWaterMark events are
// unconsumed and resumed when the queue drains to lowWaterMark).
function on(emitter, event, options = {}) {
  require('internal/errors').validateObject(options, 'options');
  const signal = options.signal;
  validateSignal(signal, 'options.signal');
  if (signal?.aborted) throw abortError(signal);
  const highWatermark = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWatermark, 'options.highWaterMark', 1);
  const lowWatermark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(lowWatermark, 'options.lowWaterMark', 1);
  const closeEvents = options.close ?? [];
  // Internal (readline's iterator): yield the first argument instead of the array.
  const firstParam = options[kFirstEventParam] === true;

  const queue = [];
  const waiting = [];
  let error = null;
  let finished = false;
  let paused = false;
  const size = () => queue.length;

  const eventHandler = (...all) => {
    const args = firstParam ? all[0] : all;
    const w = waiting.shift();
    if (w) { w.resolve({ value: args, done: false }); return; }
    queue.push(args);
    if (!paused && size() > highWatermark && typeof emitter.pause === 'function') {
      paused = true;
      emitter.pause();
    }
  };
  const errorHandler = (err) => {
    const w = waiting.shift();
    if (w) w.reject(err);
    else error = err;
    closeHandler();
  };
  const closeHandler = () => {
    removeAll();
    finished = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  };
  const abortListener = () => errorHandler(abortError(signal));

  addAgnosticListener(emitter, event, eventHandler, false);
  if (event !== 'error' && typeof emitter.on === 'function') emitter.on('error', errorHandler);
  for (const name of closeEvents) addAgnosticListener(emitter, name, closeHandler, false);
  const disposable = signal ? addAbortListener(signal, abortListener) : undefined;

  function removeAll() {
    removeAgnosticListener(emitter, event, eventHandler);
    if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorHandler);
    for (const name of closeEvents) removeAgnosticListener(emitter, name, closeHandler);
    disposable?.[Symbol.dispose]();
  }

  const proto = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  return Object.setPrototypeOf({
    next() {
      if (queue.length) {
        const value = queue.shift();
        if (paused && size() < lowWatermark) {
          paused = false;
          emitter.resume();
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      closeHandler();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      if (!err || !(err instanceof Error)) {
        throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', err);
      }
      errorHandler(err);
    },
    [Symbol.asyncIterator]() { return this; },
    // The queue's state, for tests of the backpressure (Node exposes the same).
    [kWatermarkData]: {
      get size() { return size(); },
      get low() { return lowWatermark; },
      get high() { return highWatermark; },
      get isPaused() { return paused; },
    },
  }, proto);
}

function validateInteger(value, name, min) {
  require('internal/errors').validateInteger(value, name, min);
}

// events.addAbortListener(signal, listener) -> Disposable: listens for the signal's
// abort even if another listener stops the event's propagation; an aborted signal
// calls the listener in a microtask.
function addAbortListener(signal, listener) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateSignal(signal, 'signal');
  if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'Function', listener);
  let removeEventListener;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    const { kResistStopPropagation } = require('internal/event_target');
    signal.addEventListener('abort', listener, { __proto__: null, once: true, [kResistStopPropagation]: true });
    removeEventListener = () => signal.removeEventListener('abort', listener);
  }
  return {
    __proto__: null,
    [Symbol.dispose]() { removeEventListener?.(); },
  };
}

function getEventListeners(emitter, type) {
  if (typeof emitter?.listeners === 'function') return emitter.listeners(type);
  if (isEventTarget(emitter)) return require('internal/event_target').listenersOf(emitter, type);
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitter);
}

function getMaxListeners(emitter) {
  if (typeof emitter?.getMaxListeners === 'function') return emitter.getMaxListeners();
  if (isEventTarget(emitter)) return emitter[kMaxEventTargetListeners] ?? defaultMaxListeners;
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitter);
}

module.exports = EventEmitter;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
  validateCount(n, 'n');
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const t of eventTargets) {
    if (isEventTarget(t)) t[kMaxEventTargetListeners] = n;
    else if (typeof t?.setMaxListeners === 'function') t.setMaxListeners(n);
    else throw new ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], t);
  }
};
// EventEmitterAsyncResource: an EventEmitter whose listeners run in the async context
// of its creation (through an AsyncResource). Made on first use: async_hooks is not
// loaded with events.
let eventEmitterAsyncResource;
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  enumerable: true, configurable: true,
  get() { return eventEmitterAsyncResource ??= makeEventEmitterAsyncResource(); },
});
function makeEventEmitterAsyncResource() {
  const { AsyncResource } = require('async_hooks');
  const kResource = Symbol('kAsyncResource');
  class EventEmitterAsyncResource extends EventEmitter {
    constructor(options = undefined) {
      let name;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        if (new.target === EventEmitterAsyncResource && typeof options?.name !== 'string') {
          throw new ERR_INVALID_ARG_TYPE('options.name', 'string', options?.name);
        }
        name = options?.name || new.target.name;
      }
      super(options);
      const resource = new AsyncResource(name, options);
      Object.defineProperty(resource, 'eventEmitter', { value: this, enumerable: true });
      this[kResource] = resource;
    }
    emit(event, ...args) {
      return this[kResource].runInAsyncScope(EventEmitter.prototype.emit, this, event, ...args);
    }
    emitDestroy() { this[kResource].emitDestroy(); }
    get asyncId() { return this[kResource].asyncId(); }
    get triggerAsyncId() { return this[kResource].triggerAsyncId(); }
    get asyncResource() { return this[kResource]; }
  }
  return EventEmitterAsyncResource;
}
// The default of captureRejections, kept on the prototype.
EventEmitter.prototype[kCapture] = false;
Object.defineProperty(EventEmitter, 'captureRejections', {
  __proto__: null,
  enumerable: true,
  get() { return EventEmitter.prototype[kCapture]; },
  set(value) {
    require('internal/errors').validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
});
