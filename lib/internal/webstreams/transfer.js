'use strict';
// Transferring web streams (WHATWG streams §6.2 "Transferable streams"). A transferred
// ReadableStream is piped into a local WritableStream whose sink posts every chunk over
// one end of a MessageChannel; the receiver gets a ReadableStream fed from the other end
// (and a transferred WritableStream the mirror image). The two ends speak the spec's
// messages, `{ type: 'chunk' | 'close' | 'error' | 'pull', value }`, so a stream can be
// handed on again and again, and across threads. A TransformStream travels as its two
// halves.
//
// As in Node, the channel's ports start unref'd, so a stream nobody uses does not keep
// the process (or a worker) alive. The received stream's port is ref'd from its first
// read (or write) on, until the stream ends; the end that stays with the original stream
// never is.

const { kState, createDeferred, uponPromise, setPromiseHandled, PromiseResolve, PromiseReject } = require('internal/webstreams/util');

const { markTransferMode, kClone, kDeserialize } = require('internal/worker/js_transferable');
const { DOMException } = require('internal/dom_exception');

function lazyIo() {
  return require('internal/worker/io');
}

// A DOMException that a message can carry (a DOMException is otherwise serialized as a
// plain error and loses its name and code): the errors one side of a transferred stream
// sends the other.
function cloneableDOMException(message, name) {
  const e = new DOMException(message, name);
  Object.defineProperty(e, kClone, {
    value: () => ({ data: { message, name, code: e.code }, deserializeInfo: 'internal/webstreams/transfer:ClonedDOMException' }),
  });
  markTransferMode(e, true, false);
  return e;
}

function toCloneable(err) {
  return err instanceof DOMException ? cloneableDOMException(err.message, err.name) : err;
}

// What such an exception becomes on the receiving side.
function ClonedDOMException() {}
ClonedDOMException.prototype = Object.create(DOMException.prototype, {
  [kDeserialize]: {
    value({ message, name, code }) {
      for (const [key, value] of [['message', message], ['name', name], ['code', code]]) {
        Object.defineProperty(this, key, { get: () => value, enumerable: true, configurable: true });
      }
    },
  },
});

function dataCloneError(message) {
  return cloneableDOMException(message, 'DataCloneError');
}

function packAndPost(port, type, value) {
  port.postMessage({ type, value });
}

// Posts, and on failure tells the other side about the failure (best effort) and
// returns the error (the spec's PackAndPostMessageHandlingError).
function packAndPostHandlingError(port, type, value) {
  try {
    packAndPost(port, type, value);
    return undefined;
  } catch (err) {
    sendError(port, toCloneable(err));
    return { error: err };
  }
}

function sendError(port, error) {
  try {
    packAndPost(port, 'error', error);
  } catch {
    // The other side is told nothing more.
  }
}

function listen(port, onMessage, onMessageError) {
  port.on('message', (data) => onMessage(data ?? {}));
  port.on('messageerror', () => onMessageError(dataCloneError('Internal transferred stream error')));
  port.unref();
}

// SetUpCrossRealmTransformReadable: `stream` (already initialized as a ReadableStream by
// the caller) is fed by `port`.
function setUpCrossRealmTransformReadable(stream, port, refOnUse = true) {
  const R = require('internal/webstreams/readablestream');
  const controller = Object.create(R.ReadableStreamDefaultController.prototype);
  listen(port, ({ type, value }) => {
    if (type === 'chunk') {
      R.readableStreamDefaultControllerEnqueue(controller, value);
    } else if (type === 'close') {
      R.readableStreamDefaultControllerClose(controller);
      port.close();
    } else if (type === 'error') {
      R.readableStreamDefaultControllerError(controller, value);
      port.close();
    }
  }, (error) => {
    sendError(port, error);
    R.readableStreamDefaultControllerError(controller, error);
    port.close();
  });
  const start = () => undefined;
  const pull = () => {
    if (refOnUse) {
      refOnUse = false;
      port.ref();
    }
    packAndPost(port, 'pull', undefined);
    return PromiseResolve(undefined);
  };
  const cancel = (reason) => {
    const result = packAndPostHandlingError(port, 'error', reason);
    port.close();
    return result === undefined ? PromiseResolve(undefined) : PromiseReject(result.error);
  };
  R.setUpReadableStreamDefaultController(stream, controller, start, pull, cancel, 0, () => 1);
}

// SetUpCrossRealmTransformWritable: `stream` (initialized as a WritableStream by the
// caller) posts to `port`.
function setUpCrossRealmTransformWritable(stream, port, refOnUse = true) {
  const W = require('internal/webstreams/writablestream');
  const controller = Object.create(W.WritableStreamDefaultController.prototype);
  let backpressure = createDeferred();
  listen(port, ({ type, value }) => {
    if (type === 'pull') {
      if (backpressure !== undefined) {
        backpressure.resolve();
        backpressure = undefined;
      }
    } else if (type === 'error') {
      W.writableStreamDefaultControllerErrorIfNeeded(controller, value);
      if (backpressure !== undefined) {
        backpressure.resolve();
        backpressure = undefined;
      }
    }
  }, (error) => {
    sendError(port, error);
    W.writableStreamDefaultControllerErrorIfNeeded(controller, error);
    port.close();
  });
  const start = () => undefined;
  const write = (chunk) => {
    if (refOnUse) {
      refOnUse = false;
      port.ref();
    }
    if (backpressure === undefined) backpressure = { promise: PromiseResolve(undefined) };
    return uponPromise(backpressure.promise, () => {
      backpressure = createDeferred();
      const result = packAndPostHandlingError(port, 'chunk', chunk);
      if (result !== undefined) {
        port.close();
        return PromiseReject(result.error);
      }
      return undefined;
    });
  };
  const close = () => {
    packAndPost(port, 'close', undefined);
    port.close();
    return PromiseResolve(undefined);
  };
  const abort = (reason) => {
    const result = packAndPostHandlingError(port, 'error', reason);
    port.close();
    return result === undefined ? PromiseResolve(undefined) : PromiseReject(result.error);
  };
  W.setUpWritableStreamDefaultController(stream, controller, start, write, close, abort, 1, () => 1);
}

// The channel a stream's transfer uses, made when the stream joins a transfer list (its
// far end must travel with the message) or, for a direct call, at the transfer.
function transferChannel(stream) {
  const s = stream[kState];
  const channel = s.transferChannel ?? new (lazyIo().MessageChannel)();
  s.transferChannel = undefined;
  return channel;
}

function prepareTransfer(stream) {
  const { MessageChannel } = lazyIo();
  const channel = new MessageChannel();
  stream[kState].transferChannel = channel;
  return [channel.port2];
}

function abandonTransfer(stream) {
  const channel = stream[kState].transferChannel;
  stream[kState].transferChannel = undefined;
  if (channel !== undefined) {
    channel.port1.close();
    channel.port2.close();
  }
}

// ReadableStream[kTransfer]: the stream is piped into a cross-realm writable.
function transferReadable(stream) {
  const R = require('internal/webstreams/readablestream');
  const W = require('internal/webstreams/writablestream');
  if (R.isReadableStreamLocked(stream)) {
    abandonTransfer(stream);
    throw dataCloneError('Cannot transfer a locked ReadableStream');
  }
  const { port1, port2 } = transferChannel(stream);
  const writable = Object.create(W.WritableStream.prototype);
  W.initializeWritableStream(writable);
  setUpCrossRealmTransformWritable(writable, port1, false);
  setPromiseHandled(R.readableStreamPipeTo(stream, writable, false, false, false, undefined));
  return { data: { port: port2 }, deserializeInfo: 'internal/webstreams/readablestream:ReadableStream' };
}

// WritableStream[kTransfer]: a cross-realm readable is piped into the stream.
function transferWritable(stream) {
  const R = require('internal/webstreams/readablestream');
  const W = require('internal/webstreams/writablestream');
  if (W.isWritableStreamLocked(stream)) {
    abandonTransfer(stream);
    throw dataCloneError('Cannot transfer a locked WritableStream');
  }
  const { port1, port2 } = transferChannel(stream);
  const readable = Object.create(R.ReadableStream.prototype);
  R.initializeReadableStream(readable);
  setUpCrossRealmTransformReadable(readable, port1, false);
  setPromiseHandled(R.readableStreamPipeTo(readable, stream, false, false, false, undefined));
  return { data: { port: port2 }, deserializeInfo: 'internal/webstreams/writablestream:WritableStream' };
}

module.exports = {
  ClonedDOMException,
  setUpCrossRealmTransformReadable, setUpCrossRealmTransformWritable, prepareTransfer, transferReadable,
  transferWritable,
};
