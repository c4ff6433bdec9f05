'use strict';
// node:diagnostics_channel — named channels with subscribers, stores bound to channels
// (AsyncLocalStorage contexts entered around `runStores`), and tracing channels (the five
// channels start/end/asyncStart/asyncEnd/error published around a sync call, a promise or
// a callback).

const { codes: { ERR_INVALID_ARG_TYPE }, validateFunction } = require('internal/errors');

const channels = new Map();

// A subscriber or a store transform that throws must not stop the publisher: the error
// becomes an uncaught exception on the next tick, as in Node.
function reportLater(err) {
  process.nextTick(() => { throw err; });
}

class Channel {
  constructor(name) {
    this.name = name;
    this._subscribers = [];
    this._stores = new Map();
  }

  // As in Node, by prototype (so `x instanceof Channel` throws for undefined and null).
  static [Symbol.hasInstance](value) {
    return Object.getPrototypeOf(value) === Channel.prototype;
  }

  get hasSubscribers() { return this._subscribers.length > 0 || this._stores.size > 0; }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    this._subscribers = [...this._subscribers, subscription];
  }

  unsubscribe(subscription) {
    const i = this._subscribers.indexOf(subscription);
    if (i === -1) return false;
    // A new array, so a publish in progress keeps calling the list it started with.
    this._subscribers = this._subscribers.filter((_, j) => j !== i);
    return true;
  }

  publish(data) {
    for (const fn of this._subscribers) {
      try {
        fn(data, this.name);
      } catch (err) {
        reportLater(err);
      }
    }
  }

  bindStore(store, transform) {
    if (transform !== undefined) validateFunction(transform, 'transform');
    this._stores.set(store, transform);
  }

  unbindStore(store) {
    return this._stores.delete(store);
  }

  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => {
        let context = data;
        if (transform !== undefined) {
          try {
            context = transform(data);
          } catch (err) {
            reportLater(err);
            return next();
          }
        }
        return store.run(context, next);
      };
    }
    return run();
  }
}

function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw new ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
  let c = channels.get(name);
  if (!c) {
    c = new Channel(name);
    channels.set(name, c);
  }
  return c;
}

function hasSubscribers(name) {
  return channels.get(name)?.hasSubscribers ?? false;
}

function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

const kTraceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    if (typeof nameOrChannels === 'string') {
      for (const ev of kTraceEvents) this[ev] = channel(`tracing:${nameOrChannels}:${ev}`);
    } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
      for (const ev of kTraceEvents) {
        const c = nameOrChannels[ev];
        if (!(c instanceof Channel)) throw new ERR_INVALID_ARG_TYPE(`nameOrChannels.${ev}`, 'Channel', c);
        this[ev] = c;
      }
    } else {
      throw new ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'TracingChannel', 'Object'], nameOrChannels);
    }
  }

  get hasSubscribers() {
    return kTraceEvents.some((ev) => this[ev].hasSubscribers);
  }

  subscribe(handlers) {
    for (const ev of kTraceEvents) if (handlers[ev]) this[ev].subscribe(handlers[ev]);
  }

  unsubscribe(handlers) {
    let done = true;
    for (const ev of kTraceEvents) {
      if (handlers[ev] && !this[ev].unsubscribe(handlers[ev])) done = false;
    }
    return done;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this._traced(context, () => {
      const result = Reflect.apply(fn, thisArg, args);
      context.result = result;
      return result;
    });
  }

  // Runs `body` inside the start channel's stores: a synchronous throw is published on
  // `error`, and `end` is published when the call returns either way.
  _traced(context, body) {
    return this.start.runStores(context, () => {
      try {
        return body();
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const settled = () => {
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
    };
    return this._traced(context, () => {
      let promise = Reflect.apply(fn, thisArg, args);
      if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
      return promise.then((result) => {
        context.result = result;
        settled();
        return result;
      }, (err) => {
        context.error = err;
        this.error.publish(context);
        settled();
        throw err;
      });
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    const tracing = this;
    function wrapped(err, res) {
      if (err) {
        context.error = err;
        tracing.error.publish(context);
      } else {
        context.result = res;
      }
      return tracing.asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          tracing.asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrapped);
    return this._traced(context, () => Reflect.apply(fn, thisArg, args));
  }
}

function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

module.exports = { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel };
