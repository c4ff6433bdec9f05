'use strict';
// Event and EventTarget (DOM-style), enough for AbortSignal and user code.

class Event {
  #type; #defaultPrevented = false; #stop = false;
  constructor(type, options = {}) {
    this.#type = `${type}`;
    this.bubbles = !!options.bubbles;
    this.cancelable = !!options.cancelable;
    this.composed = !!options.composed;
    this.timeStamp = binding.timers.now();
    this.target = null;
    this.currentTarget = null;
  }
  get type() { return this.#type; }
  get defaultPrevented() { return this.cancelable && this.#defaultPrevented; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this.#stop = true; }
  get _stopped() { return this.#stop; }
}

const kListeners = Symbol('listeners');
class EventTarget {
  constructor() { this[kListeners] = new Map(); }
  addEventListener(type, listener, options = {}) {
    if (listener == null) return;
    if (typeof options === 'boolean') options = { capture: options };
    if (!this[kListeners]) this[kListeners] = new Map();
    const list = this[kListeners].get(type) ?? [];
    if (list.some((l) => l.listener === listener)) return;
    list.push({ listener, once: !!options.once });
    this[kListeners].set(type, list);
    options.signal?.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
  }
  removeEventListener(type, listener) {
    const list = this[kListeners]?.get(type);
    if (!list) return;
    const i = list.findIndex((l) => l.listener === listener);
    if (i !== -1) list.splice(i, 1);
  }
  dispatchEvent(event) {
    const list = this[kListeners]?.get(event.type);
    try { event.target = this; event.currentTarget = this; } catch {}
    if (list) {
      for (const l of list.slice()) {
        // Removed by the target itself, not through a (possibly replaced) method.
        if (l.once) EventTarget.prototype.removeEventListener.call(this, event.type, l.listener);
        if (typeof l.listener === 'function') l.listener.call(this, event);
        else l.listener.handleEvent(event);
        if (event._stopped) break;
      }
    }
    return !event.defaultPrevented;
  }
}

class CustomEvent extends Event {
  #detail;
  constructor(type, options = {}) {
    super(type, options);
    this.#detail = options?.detail ?? null;
  }
  get detail() { return this.#detail; }
}

// The listeners of `type` on an EventTarget, in order (events.getEventListeners).
const listenersOf = (target, type) => (target[kListeners]?.get(type) ?? []).map((l) => l.listener);

module.exports = { Event, EventTarget, CustomEvent, listenersOf };
