'use strict';
// Readable.from(iterable): a Readable in object mode that pulls the (async) iterator one
// value at a time as the stream asks for more.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

module.exports = function from(Readable, iterable, opts) {
  if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
    return new Readable({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
  }
  let iterator;
  let isAsync;
  if (iterable && iterable[Symbol.asyncIterator]) { isAsync = true; iterator = iterable[Symbol.asyncIterator](); }
  else if (iterable && iterable[Symbol.iterator]) { isAsync = false; iterator = iterable[Symbol.iterator](); }
  else throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  const readable = new Readable({ objectMode: true, highWaterMark: 1, ...opts });
  let reading = false;
  readable._read = function () {
    if (!reading) { reading = true; next(); }
  };
  readable._destroy = function (error, cb) {
    Promise.resolve(typeof iterator.return === 'function' ? iterator.return() : undefined).then(() => cb(error), (e) => cb(e || error));
  };
  async function next() {
    for (;;) {
      try {
        const { value, done } = isAsync ? await iterator.next() : iterator.next();
        if (done) { readable.push(null); return; }
        const res = value && typeof value.then === 'function' ? await value : value;
        if (res === null) {
          reading = false;
          throw Object.assign(new TypeError('May not write null values to stream'), { code: 'ERR_STREAM_NULL_VALUES' });
        }
        if (readable.push(res)) continue;
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }
  return readable;
};
