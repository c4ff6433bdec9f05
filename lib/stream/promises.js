'use strict';
// stream/promises: pipeline() and finished() returning promises.

const { Stream } = require('internal/streams/legacy');
const { pipeline } = require('internal/streams/pipeline');
const { eos } = require('internal/streams/end-of-stream');
const { webStreamType } = require('internal/streams/utils');

module.exports = {
  // A trailing plain object is the options: `{ signal }` aborts the pipeline.
  pipeline: (...streams) => new Promise((resolve, reject) => {
    const last = streams[streams.length - 1];
    let signal;
    if (streams.length && typeof last === 'object' && !(last instanceof Stream) && !last[Symbol.asyncIterator] && !Array.isArray(last) && webStreamType(last) === undefined) {
      ({ signal } = streams.pop());
    }
    const flat = Array.isArray(streams[0]) && streams.length === 1 ? streams[0] : streams;
    const abort = () => {
      const err = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
      for (const s of flat) if (s && typeof s.destroy === 'function') s.destroy(err);
      reject(err);
    };
    if (signal?.aborted) { abort(); return; }
    signal?.addEventListener('abort', abort, { once: true });
    pipeline(...flat, (err) => {
      signal?.removeEventListener('abort', abort);
      if (err) reject(err);
      else resolve();
    });
  }),
  finished: (stream, opts) => new Promise((resolve, reject) => {
    eos(stream, opts, (err) => (err ? reject(err) : resolve()));
  }),
};
