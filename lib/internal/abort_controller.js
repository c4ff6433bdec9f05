'use strict';
// AbortController and AbortSignal.

const { Event, EventTarget } = require('internal/event_target');

function abortReason() {
  const e = new Error('This operation was aborted');
  Object.defineProperty(e, 'name', { value: 'AbortError', configurable: true, writable: true });
  e.code = 20;
  return e;
}

class AbortSignal extends EventTarget {
  #aborted = false; #reason = undefined;
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() { if (this.#aborted) throw this.#reason; }
  _abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? abortReason() : reason;
    const ev = new Event('abort');
    if (typeof this.onabort === 'function') this.onabort(ev);
    this.dispatchEvent(ev);
  }
  static abort(reason) { const s = new AbortSignal(); s._abort(reason); return s; }
  static timeout(ms) {
    const s = new AbortSignal();
    setTimeout(() => {
      const e = new Error('The operation was aborted due to timeout');
      Object.defineProperty(e, 'name', { value: 'TimeoutError', configurable: true, writable: true });
      e.code = 23;
      s._abort(e);
    }, ms).unref();
    return s;
  }
  static any(signals) {
    const s = new AbortSignal();
    for (const sig of signals) {
      if (sig.aborted) { s._abort(sig.reason); break; }
      sig.addEventListener('abort', () => s._abort(sig.reason), { once: true });
    }
    return s;
  }
}

class AbortController {
  #signal = new AbortSignal();
  get signal() { return this.#signal; }
  abort(reason) { this.#signal._abort(reason); }
}

module.exports = { AbortController, AbortSignal };
