'use strict';
// AbortController and AbortSignal.

const { Event, EventTarget } = require('internal/event_target');

// Reasons are DOMExceptions, as in Node.
function abortReason() {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException('This operation was aborted', 'AbortError');
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
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return `AbortSignal ${require('internal/inspect').inspect({ aborted: this.#aborted }, options)}`;
  }
  static abort(reason) { const s = new AbortSignal(); s._abort(reason); return s; }
  static timeout(ms) {
    const s = new AbortSignal();
    setTimeout(() => {
      const { DOMException } = require('internal/dom_exception');
      s._abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
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
