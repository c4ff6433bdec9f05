'use strict';
// ByteLengthQueuingStrategy and CountQueuingStrategy (WHATWG streams §7): the two
// built-in strategies, with their shared `size` functions and Node's argument errors.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_MISSING_OPTION, ERR_INVALID_THIS } } = require('internal/errors');
const { customInspect } = require('internal/webstreams/util');

const kHWM = Symbol('kHighWaterMark');
const byteLengthSize = function size(chunk) { return chunk.byteLength; };
const countSize = function size() { return 1; };

function readInit(init) {
  if (init === null || typeof init !== 'object') throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
  if (init.highWaterMark === undefined) throw new ERR_MISSING_OPTION('init.highWaterMark');
  return Number(init.highWaterMark);
}

class ByteLengthQueuingStrategy {
  constructor(init) { this[kHWM] = readInit(init); }
  get highWaterMark() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return this[kHWM];
  }
  get size() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return byteLengthSize;
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return customInspect(this, 'ByteLengthQueuingStrategy', { highWaterMark: this[kHWM] }, depth, options);
  }
}

class CountQueuingStrategy {
  constructor(init) { this[kHWM] = readInit(init); }
  get highWaterMark() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return this[kHWM];
  }
  get size() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return countSize;
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return customInspect(this, 'CountQueuingStrategy', { highWaterMark: this[kHWM] }, depth, options);
  }
}

for (const C of [ByteLengthQueuingStrategy, CountQueuingStrategy]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const k of ['highWaterMark', 'size']) Object.defineProperty(C.prototype, k, { enumerable: true });
}

module.exports = { ByteLengthQueuingStrategy, CountQueuingStrategy };
