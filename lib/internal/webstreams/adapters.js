'use strict';
// Bridges between Node streams and web streams: Readable.toWeb/fromWeb,
// Writable.toWeb/fromWeb, Duplex.toWeb/fromWeb. A web stream made from a Node stream
// pauses it under backpressure and destroys it on cancel/abort; a Node stream made from
// a web stream reads or writes through a reader/writer and cancels/aborts it on destroy.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { createDeferred } = require('internal/webstreams/util');
const { ReadableStream, isReadableStream } = require('internal/webstreams/readablestream');
const { WritableStream, isWritableStream } = require('internal/webstreams/writablestream');
const { CountQueuingStrategy } = require('internal/webstreams/queuingstrategies');

function lazyStream() { return require('stream'); }

// Node's AbortError: an Error named AbortError with code ABORT_ERR.
function abortError(cause) {
  const err = new Error('The operation was aborted', cause === undefined ? undefined : { cause });
  Object.defineProperty(err, 'name', { value: 'AbortError', configurable: true, writable: true });
  err.code = 'ABORT_ERR';
  return err;
}

function abortErrorFrom(error) {
  if (error?.code !== 'ERR_STREAM_PREMATURE_CLOSE') return error;
  return abortError();
}

function rethrowLater(error) {
  process.nextTick(() => { throw error; });
}

// As Node's check: anything with pipe() and on(), unless it is a writable-only stream.
function isNodeReadable(s) {
  return s !== null && typeof s === 'object' && typeof s.pipe === 'function' && typeof s.on === 'function' &&
    (s._writableState === undefined || s._readableState !== undefined);
}

function isNodeWritable(s) {
  return s !== null && typeof s === 'object' && typeof s.write === 'function' && typeof s.on === 'function' &&
    (s._readableState === undefined || s._writableState !== undefined);
}

function pickStrategy(strategy, objectMode, highWaterMark) {
  if (strategy !== undefined) return strategy;
  if (objectMode) return new CountQueuingStrategy({ highWaterMark });
  return { highWaterMark, size(chunk) { return chunk.byteLength; } };
}

// Readable.toWeb
function newReadableStreamFromStreamReadable(streamReadable, options = {}) {
  if (!isNodeReadable(streamReadable)) {
    throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
  }
  const objectMode = streamReadable.readableObjectMode;
  const strategy = pickStrategy(options?.strategy, objectMode, streamReadable.readableHighWaterMark ?? 16384);
  if (streamReadable.destroyed || streamReadable.readable === false) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }
  let controller;
  function onData(chunk) {
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }
  lazyStream().finished(streamReadable, (error) => {
    error = abortErrorFrom(error);
    if (error) {
      controller.error(error);
      return;
    }
    try {
      controller.close();
    } catch {
      // Already closed by a cancel.
    }
  });
  // Paused first, so adding the listener does not start the flow: pull() does.
  streamReadable.pause();
  streamReadable.on('data', onData);
  return new ReadableStream({
    start(c) { controller = c; },
    pull() { streamReadable.resume(); },
    // Without a reason the Node stream is destroyed with an AbortError, as in Node.
    cancel(reason) { streamReadable.destroy(reason === undefined ? abortError() : reason); },
  }, strategy);
}

// Readable.fromWeb
function newStreamReadableFromReadableStream(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  const { highWaterMark, encoding, objectMode = false, signal } = options ?? {};
  const reader = readableStream.getReader();
  let closed = false;
  const { Readable } = lazyStream();
  const readable = new Readable({
    objectMode, highWaterMark, encoding, signal,
    read() {
      reader.read().then(({ value, done }) => {
        if (done) readable.push(null);
        else readable.push(value);
      }, (error) => readable.destroy(error));
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          rethrowLater(err);
        }
      };
      if (!closed) {
        reader.cancel(error).then(done, done);
        return;
      }
      done();
    },
  });
  reader.closed.then(() => { closed = true; }, (error) => {
    closed = true;
    readable.destroy(error);
  });
  return readable;
}

// Writable.toWeb
function newWritableStreamFromStreamWritable(streamWritable) {
  if (!isNodeWritable(streamWritable)) {
    throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
  }
  // As Node: a byte stream's writable side counts chunks (strings have no byteLength).
  const highWaterMark = streamWritable.writableHighWaterMark ?? 16384;
  const strategy = streamWritable.writableObjectMode ? new CountQueuingStrategy({ highWaterMark }) : { highWaterMark };
  if (streamWritable.destroyed || streamWritable.writable === false) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }
  let controller;
  let backpressure;
  let closed;
  const onDrain = () => backpressure?.resolve();
  const cleanup = lazyStream().finished(streamWritable, (error) => {
    error = abortErrorFrom(error);
    cleanup();
    // Errors after this point are reported through the web stream.
    streamWritable.on('error', () => {});
    if (error != null) {
      backpressure?.reject(error);
      if (closed !== undefined) {
        closed.reject(error);
        closed = undefined;
      }
      controller.error(error);
      controller = undefined;
      return;
    }
    if (closed !== undefined) {
      closed.resolve();
      closed = undefined;
      return;
    }
    controller.error(abortError());
    controller = undefined;
  });
  streamWritable.on('drain', onDrain);
  return new WritableStream({
    start(c) { controller = c; },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        backpressure = createDeferred();
        return backpressure.promise.finally(() => { backpressure = undefined; });
      }
      return undefined;
    },
    abort(reason) { streamWritable.destroy(reason); },
    close() {
      if (closed === undefined && !streamWritable.writableEnded) {
        closed = createDeferred();
        streamWritable.end();
        return closed.promise;
      }
      controller = undefined;
      return undefined;
    },
  }, strategy);
}

// Writable.fromWeb
function newStreamWritableFromWritableStream(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options ?? {};
  const writer = writableStream.getWriter();
  let closed = false;
  const { Writable } = lazyStream();
  const writable = new Writable({
    highWaterMark, objectMode, decodeStrings, signal,
    write(chunk, encoding, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) chunk = Buffer.from(chunk, encoding);
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          writable.destroy(err);
        }
      };
      writer.ready.then(() => writer.write(chunk).then(() => done(), done), done);
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          rethrowLater(err);
        }
      };
      if (!closed) {
        if (error != null) writer.abort(error).then(done, done);
        else writer.close().then(done, done);
        return;
      }
      done();
    },
    final(callback) {
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          rethrowLater(err);
        }
      };
      if (!closed) writer.close().then(() => done(), done);
    },
  });
  writer.closed.then(() => {
    closed = true;
    if (!writable.writableEnded) {
      writable.destroy(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    }
  }, (error) => {
    closed = true;
    writable.destroy(error);
  });
  return writable;
}

// Duplex.toWeb
function newReadableWritablePairFromDuplex(duplex) {
  if (!isNodeReadable(duplex) || !isNodeWritable(duplex)) {
    throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
  }
  return {
    readable: newReadableStreamFromStreamReadable(duplex),
    writable: newWritableStreamFromStreamWritable(duplex),
  };
}

// Duplex.fromWeb
function newStreamDuplexFromReadableWritablePair(pair, options = {}) {
  if (pair === null || typeof pair !== 'object') throw new ERR_INVALID_ARG_TYPE('pair', 'Object', pair);
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', readableStream);
  }
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', writableStream);
  }
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options ?? {};
  const reader = readableStream.getReader();
  const writer = writableStream.getWriter();
  let writableClosed = false;
  let readableClosed = false;
  const { Duplex } = lazyStream();
  const duplex = new Duplex({
    allowHalfOpen, highWaterMark, objectMode, encoding, decodeStrings, signal,
    write(chunk, enc, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) chunk = Buffer.from(chunk, enc);
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          duplex.destroy(err);
        }
      };
      writer.ready.then(() => writer.write(chunk).then(() => done(), done), done);
    },
    final(callback) {
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          rethrowLater(err);
        }
      };
      if (!writableClosed) writer.close().then(() => done(), done);
    },
    read() {
      reader.read().then(({ value, done }) => {
        if (done) duplex.push(null);
        else duplex.push(value);
      }, (error) => duplex.destroy(error));
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (err) {
          rethrowLater(err);
        }
      };
      const pending = [];
      if (!writableClosed) pending.push(error != null ? writer.abort(error) : writer.close());
      if (!readableClosed) pending.push(reader.cancel(error));
      if (pending.length === 0) {
        done();
        return;
      }
      Promise.all(pending).then(done, done);
    },
  });
  writer.closed.then(() => {
    writableClosed = true;
    if (!duplex.writableEnded) {
      duplex.destroy(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    }
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    duplex.destroy(error);
  });
  reader.closed.then(() => { readableClosed = true; }, (error) => {
    writableClosed = true;
    readableClosed = true;
    duplex.destroy(error);
  });
  return duplex;
}

module.exports = {
  newReadableStreamFromStreamReadable, newStreamReadableFromReadableStream,
  newWritableStreamFromStreamWritable, newStreamWritableFromWritableStream,
  newReadableWritablePairFromDuplex, newStreamDuplexFromReadableWritablePair,
};
