'use strict';
// Event, CustomEvent and EventTarget (the DOM's, as Node has them: no tree, so an event
// is only ever AT_TARGET), and NodeEventTarget, an EventTarget that also answers the
// EventEmitter-style methods (on/off/once/emit) Node's internals use.
//
// A listener that throws does not stop the dispatch: its error is reported as an
// uncaught exception on the next tick, as Node does.

const kListeners = Symbol('kEvents');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
const kTrustEvent = Symbol('kTrustEvent');
// events.on()'s internal option (readline's iterator): yield each event's first argument.
const kFirstEventParam = Symbol('nodejs.kFirstEventParam');
const kIsNodeEventTarget = Symbol('kIsNodeEventTarget');
// An addEventListener option NodeEventTarget's on()/once() pass: the listener gets the
// emitted value itself rather than an event.
const kNodeStyle = Symbol('kNodeStyle');
// An addEventListener option (events.addAbortListener): the listener runs even after
// another one stopped the event's propagation.
const kResistStopPropagation = Symbol('kResistStopPropagation');
// An addEventListener option (an object) that holds the listener in place of the target:
// the target keeps it only while that object lives (Node's kWeakHandler).
const kWeakHandler = Symbol('kWeak');
// Methods a subclass may define to hear of listeners added and removed (AbortSignal's).
const kNewListener = Symbol('kNewListener');
// Owner -> the weakly held listeners it keeps alive.
const weakListeners = new WeakMap();
const kRemoveListener = Symbol('kRemoveListener');

// Makes `entry.listener` a weak reference. (A function of its own: a closure made inside
// addEventListener would share the context that holds the listener.)
function holdWeakly(entry, listener) {
  const ref = new WeakRef(listener);
  Object.defineProperty(entry, 'listener', { get: () => ref.deref(), enumerable: true });
}

// The listeners of one type, in order (`size` is what Node's tests read).
class ListenerList {
  items = [];
  get size() { return this.items.length; }
}

let errorsMod;
const errors = () => (errorsMod ??= require('internal/errors'));
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

function isObjectLike(v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }

class Event {
  #type; #bubbles; #cancelable; #composed; #timeStamp;
  #defaultPrevented = false; #stop = false; #propagationStopped = false;
  #target = null; #currentTarget = null; #phase = 0; #dispatching = false; #passive = false;

  constructor(type, options = undefined) {
    const { codes } = errors();
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    if (options != null && !isObjectLike(options)) throw new codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    this.#type = `${type}`;
    this.#bubbles = !!options?.bubbles;
    this.#cancelable = !!options?.cancelable;
    this.#composed = !!options?.composed;
    this.#timeStamp = binding.timers.now();
    if (options?.[kTrustEvent] === true) trustedEvents.add(this);
  }

  static #check(self, name = 'Event') {
    if (!isObjectLike(self) || !(#type in self)) throw new (errors().codes.ERR_INVALID_THIS)(name);
  }
  static isEvent(v) { return isObjectLike(v) && #type in v; }

  get type() { Event.#check(this); return this.#type; }
  get bubbles() { Event.#check(this); return this.#bubbles; }
  get cancelable() { Event.#check(this); return this.#cancelable; }
  get composed() { Event.#check(this); return this.#composed; }
  get timeStamp() { Event.#check(this); return this.#timeStamp; }
  get defaultPrevented() { Event.#check(this); return this.#cancelable && this.#defaultPrevented; }
  get returnValue() { Event.#check(this); return !(this.#cancelable && this.#defaultPrevented); }
  get eventPhase() { Event.#check(this); return this.#phase; }
  get cancelBubble() { Event.#check(this); return this.#propagationStopped; }
  set cancelBubble(v) { Event.#check(this); if (v) this.#propagationStopped = true; }
  // target/currentTarget are read-only in the DOM; subclasses in lib/ that build an
  // event for a given target (MessageEvent) set them through these setters.
  get target() { Event.#check(this); return this.#target; }
  set target(v) { Event.#check(this); this.#target = v; }
  get currentTarget() { Event.#check(this); return this.#currentTarget; }
  set currentTarget(v) { Event.#check(this); this.#currentTarget = v; }
  get srcElement() { Event.#check(this); return this.#target; }
  composedPath() { Event.#check(this); return this.#dispatching ? [this.#currentTarget] : []; }
  preventDefault() { Event.#check(this); if (!this.#passive) this.#defaultPrevented = true; }
  stopPropagation() { Event.#check(this); this.#propagationStopped = true; }
  stopImmediatePropagation() { Event.#check(this); this.#propagationStopped = true; this.#stop = true; }

  [inspectCustom](depth, options) {
    const name = this.constructor?.name ?? 'Event';
    if (depth < 0) return name;
    const { inspect } = require('internal/inspect');
    return `${name} ${inspect({
      type: this.#type, defaultPrevented: this.#cancelable && this.#defaultPrevented,
      cancelable: this.#cancelable, timeStamp: this.#timeStamp,
    }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }

  // For EventTarget's dispatch only.
  static _begin(ev, target) {
    if (ev.#dispatching) throw new (errors().codes.ERR_EVENT_RECURSION)(ev.#type);
    ev.#dispatching = true;
    ev.#target = target;
    ev.#currentTarget = target;
    ev.#phase = 2;
  }
  static _end(ev) {
    ev.#dispatching = false;
    ev.#currentTarget = null;
    ev.#phase = 0;
    ev.#passive = false;
  }
  static _stopped(ev) { return ev.#stop; }
  static _setPassive(ev, passive) { ev.#passive = passive; }
}
// isTrusted is one non-configurable accessor on Event.prototype, shared by every event,
// as in Node; the events the runtime dispatches itself are the trusted ones.
const trustedEvents = new WeakSet();
Object.defineProperty(Event.prototype, 'isTrusted', {
  get: function isTrusted() { return trustedEvents.has(this); }, enumerable: true, configurable: false,
});

for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, name, { value, enumerable: true });
  Object.defineProperty(Event.prototype, name, { value, enumerable: true });
}
for (const name of ['type', 'target', 'currentTarget', 'srcElement', 'eventPhase', 'bubbles',
  'cancelable', 'composed', 'defaultPrevented', 'returnValue', 'timeStamp', 'cancelBubble',
  'composedPath', 'preventDefault', 'stopPropagation', 'stopImmediatePropagation']) {
  const d = Object.getOwnPropertyDescriptor(Event.prototype, name);
  d.enumerable = true;
  Object.defineProperty(Event.prototype, name, d);
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
  #detail;
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new (errors().codes.ERR_MISSING_ARGS)('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }
  get detail() {
    if (!isObjectLike(this) || !(#detail in this)) throw new (errors().codes.ERR_INVALID_THIS)('CustomEvent');
    return this.#detail;
  }
}
Object.defineProperty(CustomEvent.prototype, 'detail', { ...Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail'), enumerable: true });
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

// A listener is a function or an object whose handleEvent is looked up at dispatch time.
function validateListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener == null) return false;
  if (typeof listener === 'object') return true;
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('listener', 'EventListener', listener);
}

function validateOptions(options) {
  if (typeof options === 'boolean') return { capture: options, once: false, passive: false, signal: undefined };
  if (options == null) return { capture: false, once: false, passive: false, signal: undefined };
  if (!isObjectLike(options)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options', 'object', options);
  const signal = options.signal;
  if (signal !== undefined && (!isObjectLike(signal) || !('aborted' in signal))) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options.signal', 'AbortSignal', signal);
  }
  return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal, nodeStyle: options[kNodeStyle] === true, resist: options[kResistStopPropagation] === true };
}

// Reported the way Node reports an error thrown by a listener: as an uncaught
// exception, after the dispatch has finished.
function reportError(err) {
  process.nextTick(() => { throw err; });
}

class EventTarget {
  constructor() { initEventTarget(this); }

  static #check(self) {
    if (!isEventTarget(self)) throw new (errors().codes.ERR_INVALID_THIS)('EventTarget');
  }

  addEventListener(type, listener, options = undefined) {
    EventTarget.#check(this);
    if (arguments.length < 2) throw new (errors().codes.ERR_MISSING_ARGS)('type', 'listener');
    const { capture, once, passive, signal, nodeStyle, resist } = validateOptions(options);
    if (!validateListener(listener)) {
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      w.name = 'AddEventListenerArgumentTypeWarning';
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    // WebIDL DOMString: a Symbol throws a TypeError.
    type = `${type}`;
    if (signal?.aborted) return;
    const map = (this[kListeners] ??= new Map());
    let list = map.get(type);
    if (list === undefined) { list = new ListenerList(); map.set(type, list); }
    if (list.items.some((l) => l.listener === listener && l.capture === capture)) return;
    const entry = { listener, capture, once, passive, nodeStyle, resist, removed: false, signal: undefined, onAbort: undefined };
    const owner = options?.[kWeakHandler];
    if (owner !== undefined && owner !== null && (typeof owner === 'object' || typeof owner === 'function')) {
      // Held only as long as `owner` lives, not by this target (util.aborted's resource).
      holdWeakly(entry, listener);
      const kept = weakListeners.get(owner);
      if (kept === undefined) weakListeners.set(owner, [listener]);
      else kept.push(listener);
    }
    list.items.push(entry);
    if (this[kNewListener] !== undefined) this[kNewListener](type, listener, options);
    if (signal !== undefined) {
      entry.signal = signal;
      entry.onAbort = () => this.removeEventListener(type, listener, { capture });
      // Removed even when another abort listener stops the event's propagation.
      signal.addEventListener('abort', entry.onAbort, { once: true, [kResistStopPropagation]: true });
    }
    const max = this[kMaxEventTargetListeners] ?? require('events').defaultMaxListeners;
    if (max > 0 && list.size > max) {
      const warned = (this[kMaxEventTargetListenersWarned] ??= new Set());
      if (!warned.has(type)) {
        warned.add(type);
        const w = new Error(`Possible EventTarget memory leak detected. ${list.size} ${String(type)} listeners added to ${require('internal/inspect').inspect(this, { depth: -1 })}. MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
        w.name = 'MaxListenersExceededWarning';
        w.target = this;
        w.type = type;
        w.count = list.size;
        process.emitWarning(w);
      }
    }
  }

  removeEventListener(type, listener, options = undefined) {
    EventTarget.#check(this);
    if (arguments.length < 2) throw new (errors().codes.ERR_MISSING_ARGS)('type', 'listener');
    if (!validateListener(listener)) return;
    // WebIDL DOMString: a Symbol throws a TypeError.
    type = `${type}`;
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    if (removeEntry(this, type, (l) => l.listener === listener && l.capture === capture) && this[kRemoveListener] !== undefined) {
      this[kRemoveListener](type, listener);
    }
  }

  dispatchEvent(event) {
    EventTarget.#check(this);
    if (arguments.length < 1) throw new (errors().codes.ERR_MISSING_ARGS)('event');
    if (!Event.isEvent(event)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('event', 'Event', event);
    Event._begin(event, this);
    try {
      const list = this[kListeners]?.get(event.type);
      if (list !== undefined) {
        // An event stopped before its dispatch reaches no listener (but those that resist).
        let stopped = Event._stopped(event);
        for (const l of list.items.slice()) {
          if (l.removed || (stopped && !l.resist)) continue;
          if (l.once) removeEntry(this, event.type, (e) => e === l);
          Event._setPassive(event, l.passive);
          try {
            let fn = l.listener;
            // A weakly held listener whose owner was collected is dropped.
            if (fn === undefined) {
              removeEntry(this, event.type, (e) => e === l);
              continue;
            }
            let self = this;
            if (typeof fn !== 'function') {
              self = fn;
              fn = fn.handleEvent;
              if (typeof fn !== 'function') continue;
            }
            const r = fn.call(self, l.nodeStyle ? nodeValue(event) : event);
            if (r !== undefined && r !== null && typeof r.then === 'function') {
              // Node reports a rejected promise returned by a listener as uncaught.
              Promise.prototype.then.call(r, undefined, reportError);
            }
          } catch (err) {
            reportError(err);
          }
          if (Event._stopped(event)) stopped = true;
        }
      }
    } finally {
      Event._end(event);
    }
    return !event.defaultPrevented;
  }

  [inspectCustom](depth, options) {
    const name = this.constructor?.name ?? 'EventTarget';
    if (depth < 0) return name;
    return `${name} {}`;
  }
}
for (const name of ['addEventListener', 'removeEventListener', 'dispatchEvent']) {
  Object.defineProperty(EventTarget.prototype, name, { enumerable: true });
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

const kNodeValue = Symbol('kNodeValue');
const nodeValue = (event) => (kNodeValue in event ? event[kNodeValue] : event);

function initEventTarget(self) {
  if (self[kListeners] === undefined) {
    Object.defineProperty(self, kListeners, { value: new Map(), writable: true, configurable: true });
  }
}

function isEventTarget(v) { return isObjectLike(v) && kListeners in v; }

function removeEntry(target, type, match) {
  const list = target[kListeners]?.get(type);
  if (list === undefined) return false;
  const i = list.items.findIndex(match);
  if (i === -1) return false;
  const [l] = list.items.splice(i, 1);
  l.removed = true;
  if (l.signal !== undefined) l.signal.removeEventListener('abort', l.onAbort);
  if (list.size === 0) target[kListeners].delete(type);
  return true;
}

// NodeEventTarget: the EventEmitter-style surface over an EventTarget. Listeners added
// with on()/once() receive emit()'s argument itself; those added with
// addEventListener receive a CustomEvent whose detail is that argument.
class NodeEventTarget extends EventTarget {
  // The limit each new NodeEventTarget starts with (Node's static).
  static defaultMaxListeners = 10;

  constructor() {
    super();
    this[kIsNodeEventTarget] = true;
    this[kMaxEventTargetListeners] = NodeEventTarget.defaultMaxListeners;
  }
  static #check(self) {
    if (!isObjectLike(self) || self[kIsNodeEventTarget] !== true) throw new (errors().codes.ERR_INVALID_THIS)('NodeEventTarget');
  }
  setMaxListeners(n) {
    NodeEventTarget.#check(this);
    require('events').setMaxListeners(n, this);
  }
  getMaxListeners() {
    NodeEventTarget.#check(this);
    return this[kMaxEventTargetListeners] ?? require('events').defaultMaxListeners;
  }
  eventNames() {
    NodeEventTarget.#check(this);
    return [...this[kListeners].keys()];
  }
  listenerCount(type) {
    NodeEventTarget.#check(this);
    return this[kListeners].get(`${type}`)?.size ?? 0;
  }
  off(type, listener, options) {
    NodeEventTarget.#check(this);
    this.removeEventListener(type, listener, options);
    return this;
  }
  removeListener(type, listener, options) {
    NodeEventTarget.#check(this);
    this.removeEventListener(type, listener, options);
    return this;
  }
  on(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { [kNodeStyle]: true });
    return this;
  }
  addListener(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { [kNodeStyle]: true });
    return this;
  }
  emit(type, arg) {
    NodeEventTarget.#check(this);
    if (typeof type !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('type', 'string', type);
    const had = this.listenerCount(type) > 0;
    const event = new CustomEvent(type, { detail: arg });
    Object.defineProperty(event, kNodeValue, { value: arg });
    this.dispatchEvent(event);
    return had;
  }
  once(type, listener) {
    NodeEventTarget.#check(this);
    this.addEventListener(type, listener, { once: true, [kNodeStyle]: true });
    return this;
  }
  removeAllListeners(type) {
    NodeEventTarget.#check(this);
    if (type !== undefined) {
      const list = this[kListeners].get(`${type}`);
      if (list) for (const l of list.items.slice()) removeEntry(this, `${type}`, (e) => e === l);
    } else {
      for (const [t, list] of [...this[kListeners]]) {
        for (const l of list.items.slice()) removeEntry(this, t, (e) => e === l);
      }
    }
    return this;
  }
}
Object.defineProperty(NodeEventTarget.prototype, Symbol.toStringTag, { value: 'NodeEventTarget', configurable: true });

// The listeners of `type` on an EventTarget, in order (events.getEventListeners).
const listenersOf = (target, type) => (target[kListeners]?.get(type)?.items ?? []).map((l) => l.listener).filter((l) => l !== undefined);

// Event handler attributes (`onabort`, `onfoo`): the value set is kept, and one
// listener for the event, added the first time one is set, calls it when it is a
// function (or an object with handleEvent).
const kEventHandlers = Symbol('kEventHandlers');
function getEventHandler(target, event) {
  const entry = target[kEventHandlers]?.get(event);
  return entry === undefined ? null : entry.handler;
}
function setEventHandler(target, event, handler) {
  let handlers = target[kEventHandlers];
  if (handlers === undefined) {
    handlers = new Map();
    Object.defineProperty(target, kEventHandlers, { value: handlers, configurable: true });
  }
  const existing = handlers.get(event);
  if (existing !== undefined) {
    existing.handler = handler;
    return;
  }
  const entry = { handler, listener: null };
  entry.listener = function(ev) {
    const h = entry.handler;
    if (typeof h === 'function') return h.call(this, ev);
    if (h !== null && typeof h === 'object' && typeof h.handleEvent === 'function') return h.handleEvent(ev);
  };
  handlers.set(event, entry);
  target.addEventListener(event, entry.listener);
}
// Defines `on${name}` for `event` on `emitter` (an EventTarget or a prototype of them).
function defineEventHandler(emitter, name, event = name) {
  Object.defineProperty(emitter, `on${name}`, {
    get() { return getEventHandler(this, event); },
    set(value) { setEventHandler(this, event, value); },
    configurable: true,
    enumerable: true,
  });
}

module.exports = {
  defineEventHandler, getEventHandler, setEventHandler,
  Event, EventTarget, CustomEvent, NodeEventTarget, listenersOf, isEventTarget, initEventTarget,
  kTrustEvent, kWeakHandler, kNewListener, kRemoveListener, kEvents: kListeners, kMaxEventTargetListeners, kResistStopPropagation, kFirstEventParam,
};
