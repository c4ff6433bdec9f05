'use strict';
// LazyTransform: a Transform whose stream machinery (the readable and writable states,
// the event slots, the 'prefinish' listener) is built the first time something reaches
// for it, not when the object is made. crypto's Hash and Hmac are streams, but nearly
// every program uses them through update()/digest() only (express hashes each response
// body for its ETag): those never touch the stream side and never pay for it.
//
// The two state slots are accessors on this prototype; reading one (on an object made by
// the constructor below) runs the Transform constructor on the object with the options
// it was made with. The slots become ordinary own properties first, so the accessors run
// once per object at most, and the constructor sees them as it would on any Transform.

const Transform = require('internal/streams/transform');

const kOptions = Symbol('kLazyTransformOptions');

function LazyTransform(options) {
  this[kOptions] = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function construct(obj) {
  const options = obj[kOptions];
  obj[kOptions] = undefined;
  own(obj, '_readableState', undefined);
  own(obj, '_writableState', undefined);
  Transform.call(obj, options);
}

function own(obj, name, value) {
  Object.defineProperty(obj, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

for (const name of ['_readableState', '_writableState']) {
  Object.defineProperty(LazyTransform.prototype, name, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      // (A prototype read through, e.g. by inspection, is not a stream to construct.)
      if (!Object.hasOwn(this, kOptions)) return undefined;
      construct(this);
      return this[name];
    },
    set(value) {
      own(this, name, value);
    },
  });
}

module.exports = LazyTransform;
