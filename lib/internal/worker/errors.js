'use strict';
// An uncaught exception crosses from a worker to its parent as data: errors keep their
// class (when it is a standard one), message, stack and own properties; anything else
// is sent as a structured clone when it can be, else as ERR_WORKER_UNSERIALIZABLE_ERROR.

const kErrorClasses = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

function ownProps(err) {
  const props = {};
  for (const key of Object.keys(err)) {
    try {
      props[key] = structuredClone(err[key]);
    } catch {
      // Properties that cannot be cloned are left behind, as Node leaves them.
    }
  }
  return props;
}

function serializeError(err) {
  if (binding.types.isNativeError(err) || err instanceof Error) {
    let name = 'Error';
    for (let proto = Object.getPrototypeOf(err); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const ctor = Object.hasOwn(proto, 'constructor') ? proto.constructor : undefined;
      if (ctor !== undefined && kErrorClasses[ctor.name] === ctor) { name = ctor.name; break; }
    }
    let stack;
    try { stack = err.stack; } catch { stack = undefined; }
    return { kind: 'error', ctor: name, message: `${err.message}`, stack: typeof stack === 'string' ? stack : undefined, name: err.name, props: ownProps(err) };
  }
  try {
    return { kind: 'value', value: structuredClone(err) };
  } catch {
    return { kind: 'unserializable' };
  }
}

function deserializeError(data) {
  if (data?.kind === 'value') return data.value;
  if (data?.kind !== 'error') {
    const { ERR_WORKER_UNSERIALIZABLE_ERROR } = require('internal/errors').codes;
    return new ERR_WORKER_UNSERIALIZABLE_ERROR();
  }
  const Ctor = kErrorClasses[data.ctor] ?? Error;
  const err = Object.create(Ctor.prototype);
  Object.defineProperty(err, 'message', { value: data.message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(err, 'stack', { value: data.stack, writable: true, configurable: true, enumerable: false });
  if (data.name !== Ctor.prototype.name && typeof data.name === 'string') {
    Object.defineProperty(err, 'name', { value: data.name, writable: true, configurable: true, enumerable: false });
  }
  Object.assign(err, data.props);
  return err;
}

module.exports = { serializeError, deserializeError };
