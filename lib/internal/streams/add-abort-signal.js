'use strict';
// addAbortSignal(signal, stream): destroys the stream (errors a web stream) with an
// AbortError when the signal aborts. The listener goes away once the stream is done.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { kState: kWebState } = require('internal/webstreams/util');
const { abortError, isNodeStream, isReadableStream, isWritableStream } = require('internal/streams/utils');

function addAbortSignal(signal, stream) {
  const { validateAbortSignal } = require('internal/streams/end-of-stream');
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isReadableStream(stream) && !isWritableStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

// The stream constructors' `signal` option: no checks, and a non-signal is ignored.
function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || signal === null || !('aborted' in signal)) return stream;
  let onAbort;
  if (isNodeStream(stream)) {
    onAbort = () => stream.destroy(abortError(signal));
  } else {
    onAbort = () => {
      const err = abortError(signal);
      if (isReadableStream(stream)) {
        require('internal/webstreams/readablestream').readableStreamControllerError(stream, err);
      } else {
        stream[kWebState].controller.error(err);
      }
    };
  }
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    require('internal/streams/end-of-stream').eos(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

module.exports = { addAbortSignal, addAbortSignalNoValidate };
