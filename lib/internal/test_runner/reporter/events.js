'use strict';
// The reporter of a test file run by run(): each result, plan and diagnostic goes to
// stdout as one line `\x1eamber-test ` + JSON, which the parent's runner.js reads
// back (other stdout lines are the file's own output). Values are encoded by
// `encode` so errors, undefined, dates and the like survive the trip.

const kPrefix = '\x1eamber-test ';

function encode(value, seen = new Set()) {
  if (value === undefined) return { $: 'undefined' };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: 'number', v: String(value) };
  if (typeof value === 'bigint') return { $: 'bigint', v: String(value) };
  if (typeof value === 'symbol') return { $: 'symbol', v: value.description };
  if (typeof value === 'function') return { $: 'function', v: value.name };
  if (seen.has(value)) return { $: 'circular' };
  seen.add(value);
  try {
    if (value instanceof Date) return { $: 'date', v: value.getTime() };
    if (value instanceof RegExp) return { $: 'regexp', v: [value.source, value.flags] };
    if (value instanceof Error) {
      const own = {};
      for (const [k, v] of Object.entries(value)) own[k] = encode(v, seen);
      return {
        $: 'error',
        name: value.name,
        message: value.message,
        stack: value.stack,
        code: value.code,
        cause: 'cause' in value ? encode(value.cause, seen) : { $: 'none' },
        own,
      };
    }
    if (Array.isArray(value)) return { $: 'array', v: value.map((v) => encode(v, seen)) };
    const own = {};
    for (const [k, v] of Object.entries(value)) own[k] = encode(v, seen);
    return { $: 'object', v: own };
  } finally {
    seen.delete(value);
  }
}

function decode(value) {
  if (value === null || typeof value !== 'object') return value;
  switch (value.$) {
    case 'undefined': return undefined;
    case 'number': return Number(value.v);
    case 'bigint': return BigInt(value.v);
    case 'symbol': return Symbol(value.v);
    case 'function': return Object.defineProperty(function () {}, 'name', { __proto__: null, value: value.v });
    case 'circular': return '<Circular>';
    case 'date': return new Date(value.v);
    case 'regexp': return new RegExp(value.v[0], value.v[1]);
    case 'array': return value.v.map(decode);
    case 'object': {
      const out = {};
      for (const [k, v] of Object.entries(value.v)) out[k] = decode(v);
      return out;
    }
    case 'error': {
      const err = new Error(value.message);
      for (const [k, v] of Object.entries(value.own)) {
        if (k === 'code') Object.defineProperty(err, 'code', { __proto__: null, value: decode(v), enumerable: true, writable: true, configurable: true });
        else err[k] = decode(v);
      }
      if (value.cause.$ !== 'none') err.cause = decode(value.cause);
      if (!('code' in err) && value.code !== undefined) Object.defineProperty(err, 'code', { __proto__: null, value: value.code, writable: true, configurable: true });
      Object.defineProperty(err, 'name', { __proto__: null, value: value.name, writable: true, configurable: true });
      Object.defineProperty(err, 'stack', { __proto__: null, value: value.stack, writable: true, configurable: true });
      return err;
    }
    default: return value;
  }
}

class EventsReporter {
  constructor(write) {
    this.write = write;
    // Events go out after the current tick, as Node's child writes them through a
    // stream: what a test prints synchronously comes before them (the parent sees
    // it in that order). Whatever is left is written when the process exits.
    this.pending = '';
    this.flush = () => {
      const text = this.pending;
      this.pending = '';
      if (text.length > 0) this.write(text);
    };
    process.on('exit', this.flush);
  }
  send(type, data) {
    if (this.pending.length === 0) process.nextTick(this.flush);
    this.pending += `${kPrefix}${JSON.stringify({ type, data: encode(data) })}\n`;
  }
  enqueue(nesting, loc, name) {
    this.send('enqueue', { nesting, loc, name });
  }
  dequeue(nesting, loc, name) {
    this.send('dequeue', { nesting, loc, name });
  }
  start(nesting, loc, name) {
    this.send('start', { nesting, loc, name });
  }
  complete(nesting, loc, testNumber, name, details, directive) {
    this.send('complete', { nesting, loc, testNumber, name, details, directive });
  }
  plan(nesting, loc, count) {
    this.send('plan', { nesting, loc, count });
  }
  ok(nesting, loc, testNumber, name, details, directive) {
    this.send('pass', { nesting, loc, testNumber, name, details, directive });
  }
  fail(nesting, loc, testNumber, name, details, directive) {
    this.send('fail', { nesting, loc, testNumber, name, details, directive });
  }
  diagnostic(nesting, loc, message, summary = false) {
    this.send('diagnostic', { nesting, loc, message, summary });
  }
  end() {
    this.flush();
  }
}

module.exports = { EventsReporter, encode, decode, kPrefix };
