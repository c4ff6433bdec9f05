'use strict';
// AbortController and AbortSignal.
//
// A signal's state lives under a symbol (not in private fields), so that a signal that
// arrives in a message (a plain object given AbortSignal's prototype, see
// internal/worker/js_transferable.js) can be made a full signal. Signals made by
// `util.transferableAbortSignal` travel through postMessage/structuredClone: the copy is
// aborted with the original's reason, carried over a MessageChannel whose ports are
// unref'd, so a copy waiting for an abort keeps no process or worker alive.

const {
  Event, EventTarget, initEventTarget, getEventHandler, setEventHandler, kTrustEvent, kWeakHandler, kNewListener, kRemoveListener, kResistStopPropagation,
} = require('internal/event_target');
const { markTransferMode, kTransfer, kTransferList, kDeserialize } = require('internal/worker/js_transferable');

const kSignal = Symbol('kSignal');
const kCreate = Symbol('kCreate');

function errors() {
  return require('internal/errors').codes;
}

// Reasons are DOMExceptions, as in Node.
function abortReason() {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException('This operation was aborted', 'AbortError');
}

// `Name { ...fields }`, one level deeper; the object itself (shown as `[Name]`) past the
// depth limit.
function customInspect(self, fields, depth, options) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${self.constructor.name} ${require('internal/inspect').inspect(fields, opts)}`;
}

function isAbortSignal(v) {
  return v !== null && typeof v === 'object' && Object.hasOwn(v, kSignal);
}

function check(self) {
  if (!isAbortSignal(self)) throw new (errors().ERR_INVALID_THIS)('AbortSignal');
  return self[kSignal];
}

function signalState() {
  // AbortSignal.any(): a dependent signal follows its sources (never other dependent
  // signals: their sources are taken instead), and a source aborts its dependents
  // before any abort event fires, as the DOM spec orders it.
  return {
    aborted: false, reason: undefined, dependent: false, sources: [], dependents: [],
    // AbortSignal.timeout(): the timer holds the signal weakly, and the signal is held
    // strongly only while it has (non-weak) abort listeners, so an unobserved timeout
    // signal can be collected.
    timeout: false, strongListeners: new Set(), transferChannel: undefined,
  };
}

// Timeout signals that have abort listeners, kept alive by this set.
const observedTimeoutSignals = new Set();

function newSignal() {
  return new AbortSignal(kCreate);
}

function abortSignal(signal, reason) {
  const s = signal[kSignal];
  if (s.aborted) return;
  s.aborted = true;
  s.reason = reason === undefined ? abortReason() : reason;
  const dependents = [];
  for (const d of s.dependents) {
    const ds = d[kSignal];
    if (ds.aborted) continue;
    ds.aborted = true;
    ds.reason = s.reason;
    dependents.push(d);
  }
  s.dependents = [];
  fire(signal);
  for (const d of dependents) fire(d);
}

function fire(signal) {
  signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
  observedTimeoutSignals.delete(signal);
}

class AbortSignal extends EventTarget {
  constructor(key = undefined) {
    if (key !== kCreate) throw new (errors().ERR_ILLEGAL_CONSTRUCTOR)();
    super();
    this[kSignal] = signalState();
  }

  get aborted() { return check(this).aborted; }
  get reason() { return check(this).reason; }

  throwIfAborted() {
    const s = check(this);
    if (s.aborted) throw s.reason;
  }

  get onabort() {
    check(this);
    return getEventHandler(this, 'abort');
  }

  // Any value is kept, as an event handler attribute keeps it; only a function (or an
  // object with handleEvent) is called.
  set onabort(handler) {
    check(this);
    setEventHandler(this, 'abort', handler);
  }

  [kNewListener](type, listener, options) {
    const s = this[kSignal];
    if (s?.timeout && `${type}` === 'abort' && listener != null && !s.aborted && !options?.[kWeakHandler]) {
      s.strongListeners.add(listener);
      observedTimeoutSignals.add(this);
    }
  }

  [kRemoveListener](type, listener) {
    const s = this[kSignal];
    if (s?.timeout && `${type}` === 'abort' && s.strongListeners.delete(listener) && s.strongListeners.size === 0) {
      observedTimeoutSignals.delete(this);
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return customInspect(this, { aborted: this[kSignal]?.aborted }, depth, options);
  }

  static abort(reason = undefined) {
    const signal = newSignal();
    const s = signal[kSignal];
    s.aborted = true;
    s.reason = reason === undefined ? abortReason() : reason;
    return signal;
  }

  static timeout(delay) {
    require('internal/errors').validateUint32(delay, 'delay', false);
    const signal = newSignal();
    signal[kSignal].timeout = true;
    const ref = new WeakRef(signal);
    setTimeout(() => {
      const target = ref.deref();
      if (target === undefined) return;
      const { DOMException } = require('internal/dom_exception');
      abortSignal(target, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay).unref();
    return signal;
  }

  static any(signals) {
    const { ERR_INVALID_ARG_TYPE } = errors();
    if (!Array.isArray(signals)) throw new ERR_INVALID_ARG_TYPE('signals', 'Array', signals);
    signals.forEach((sig, i) => {
      if (!isAbortSignal(sig)) throw new ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', sig);
    });
    const signal = newSignal();
    const s = signal[kSignal];
    for (const sig of signals) {
      if (sig[kSignal].aborted) {
        s.aborted = true;
        s.reason = sig[kSignal].reason;
        return signal;
      }
    }
    s.dependent = true;
    const link = (source) => {
      if (s.sources.includes(source)) return;
      s.sources.push(source);
      source[kSignal].dependents.push(signal);
    };
    for (const sig of signals) {
      if (!sig[kSignal].dependent) link(sig);
      else for (const source of sig[kSignal].sources) if (!source[kSignal].aborted) link(source);
    }
    return signal;
  }

  // Transfer (for signals made transferable by util.transferableAbortSignal). A signal
  // still waiting gets a channel per transfer; its copy listens on the far end.
  [kTransferList]() {
    const s = check(this);
    if (s.aborted) return [];
    const { MessageChannel } = require('internal/worker/io');
    const channel = new MessageChannel();
    channel.port1.unref();
    channel.port2.unref();
    s.transferChannel = channel;
    return [channel.port2];
  }

  [kTransfer]() {
    const s = check(this);
    const deserializeInfo = 'internal/abort_controller:AbortSignal';
    if (s.aborted) return { data: { aborted: true, reason: s.reason }, deserializeInfo };
    let channel = s.transferChannel;
    s.transferChannel = undefined;
    if (channel === undefined) {
      this[kTransferList]();
      channel = s.transferChannel;
      s.transferChannel = undefined;
    }
    const { port1, port2 } = channel;
    this.addEventListener('abort', () => {
      port1.postMessage(this[kSignal].reason);
      port1.close();
    }, { once: true });
    return { data: { aborted: false, port: port2 }, deserializeInfo };
  }

  [kDeserialize]({ aborted, reason, port }) {
    initEventTarget(this);
    this[kSignal] = signalState();
    if (aborted) {
      this[kSignal].aborted = true;
      this[kSignal].reason = reason;
      return;
    }
    port.on('message', (r) => {
      port.close();
      abortSignal(this, r);
    });
    port.unref();
  }
}

class AbortController {
  #signal = newSignal();
  get signal() { return this.#signal; }
  abort(reason = undefined) { abortSignal(this.#signal, reason); }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return customInspect(this, { signal: this.#signal }, depth, options);
  }
}

// Node's enumerable members.
for (const [C, names] of [[AbortSignal, ['aborted', 'onabort']], [AbortController, ['signal', 'abort']]]) {
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, name);
    d.enumerable = true;
    Object.defineProperty(C.prototype, name, d);
  }
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}
for (const name of ['abort', 'timeout', 'any']) {
  Object.defineProperty(AbortSignal, name, { enumerable: true });
}

// util.aborted: resolves once `signal` aborts; the listener lives only as long as
// `resource` does.
function aborted(signal, resource) {
  const { ERR_INVALID_ARG_TYPE } = errors();
  if (!isAbortSignal(signal)) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('resource', 'object', resource);
  }
  if (signal[kSignal].aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener('abort', resolve, { once: true, [kWeakHandler]: resource, [kResistStopPropagation]: true });
  });
}

// util.transferableAbortSignal / transferableAbortController.
function transferableAbortSignal(signal) {
  if (!isAbortSignal(signal)) throw new (errors().ERR_INVALID_ARG_TYPE)('signal', 'AbortSignal', signal);
  markTransferMode(signal, false, true);
  return signal;
}

function transferableAbortController() {
  const controller = new AbortController();
  transferableAbortSignal(controller.signal);
  return controller;
}

module.exports = {
  AbortController, AbortSignal, isAbortSignal, abortSignal, aborted, transferableAbortSignal, transferableAbortController,
};
