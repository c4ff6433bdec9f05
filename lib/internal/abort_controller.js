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
  // AbortSignal.any(): a dependent signal follows its sources (never other dependent
  // signals: their sources are taken instead), and a source aborts its dependents
  // before any abort event fires, as the DOM spec orders it.
  #dependent = false; #sources = []; #dependents = [];
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() { if (this.#aborted) throw this.#reason; }
  _abort(reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? abortReason() : reason;
    const dependents = [];
    for (const d of this.#dependents) {
      if (d.#aborted) continue;
      d.#aborted = true;
      d.#reason = this.#reason;
      dependents.push(d);
    }
    this.#dependents = [];
    this.#fire();
    for (const d of dependents) d.#fire();
  }
  #fire() {
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
    const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
    if (!Array.isArray(signals)) throw new ERR_INVALID_ARG_TYPE('signals', 'Array', signals);
    signals.forEach((sig, i) => {
      if (!(sig instanceof AbortSignal)) throw new ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', sig);
    });
    const s = new AbortSignal();
    for (const sig of signals) {
      if (sig.#aborted) {
        s.#aborted = true;
        s.#reason = sig.#reason;
        return s;
      }
    }
    s.#dependent = true;
    const link = (source) => {
      if (s.#sources.includes(source)) return;
      s.#sources.push(source);
      source.#dependents.push(s);
    };
    for (const sig of signals) {
      if (!sig.#dependent) link(sig);
      else for (const source of sig.#sources) if (!source.#aborted) link(source);
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
