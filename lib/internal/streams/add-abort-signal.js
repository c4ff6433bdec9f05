'use strict';
// addAbortSignal(signal, stream): destroys the stream (errors a web stream) with an
// AbortError when the signal aborts.

const { kState: kWebState } = require('internal/webstreams/util');
const { abortError, webStreamType, isWebStream } = require('internal/streams/utils');

function addAbortSignal(signal, stream) {
  if (isWebStream(stream)) {
    const { readableStreamControllerError } = require('internal/webstreams/readablestream');
    const onWebAbort = () => {
      const err = abortError(signal);
      if (webStreamType(stream) === 'ReadableStream') readableStreamControllerError(stream, err);
      else stream[kWebState].controller.error(err);
    };
    if (signal.aborted) onWebAbort();
    else signal.addEventListener('abort', onWebAbort, { once: true });
    return stream;
  }
  const onAbort = () => stream.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return stream;
}

module.exports = { addAbortSignal };
