'use strict';
// node:diagnostics_channel — named channels with subscribers.
const channels = new Map();
class Channel {
  constructor(name) { this.name = name; this._subscribers = []; }
  get hasSubscribers() { return this._subscribers.length > 0; }
  subscribe(fn) { this._subscribers.push(fn); }
  unsubscribe(fn) { const i = this._subscribers.indexOf(fn); if (i === -1) return false; this._subscribers.splice(i, 1); return true; }
  publish(message) { for (const fn of this._subscribers.slice()) fn(message, this.name); }
  bindStore() {}
  unbindStore() {}
  runStores(data, fn, thisArg, ...args) { return Reflect.apply(fn, thisArg, args); }
}
function channel(name) {
  let c = channels.get(name);
  if (!c) { c = new Channel(name); channels.set(name, c); }
  return c;
}
function tracingChannel(nameOrChannels) {
  const make = (k) => (typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${k}`) : nameOrChannels[k]);
  const chans = { start: make('start'), end: make('end'), asyncStart: make('asyncStart'), asyncEnd: make('asyncEnd'), error: make('error') };
  return {
    ...chans,
    get hasSubscribers() { return Object.values(chans).some((c) => c.hasSubscribers); },
    subscribe(h) { for (const [k, c] of Object.entries(chans)) if (h[k]) c.subscribe(h[k]); },
    unsubscribe(h) { for (const [k, c] of Object.entries(chans)) if (h[k]) c.unsubscribe(h[k]); },
    traceSync(fn, ctx, thisArg, ...args) { return Reflect.apply(fn, thisArg, args); },
    tracePromise(fn, ctx, thisArg, ...args) { return Reflect.apply(fn, thisArg, args); },
    traceCallback(fn, pos, ctx, thisArg, ...args) { return Reflect.apply(fn, thisArg, args); },
  };
}
module.exports = {
  channel, tracingChannel, hasSubscribers: (name) => channels.get(name)?.hasSubscribers ?? false,
  subscribe: (name, fn) => channel(name).subscribe(fn), unsubscribe: (name, fn) => channel(name).unsubscribe(fn), Channel,
};
