'use strict';
// pipeline(): pipes streams (and iterables, generator functions, web streams) into each
// other, destroying them all on the first error, and calls back when the last finishes.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS } } = require('internal/errors');
const { Stream } = require('internal/streams/legacy');
const Readable = require('internal/streams/readable');
const PassThrough = require('internal/streams/passthrough');
const { eos } = require('internal/streams/end-of-stream');
const { nextTick, nop, webStreamType } = require('internal/streams/utils');

function pipeline(...streams) {
  // The callback form: the last argument must be the callback.
  if (typeof streams[streams.length - 1] !== 'function') throw new ERR_INVALID_ARG_TYPE('streams[stream.length - 1]', 'Function', streams[streams.length - 1]);
  let callback = streams.pop();
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) throw new ERR_MISSING_ARGS('streams');
  let error;
  let finishCount = 0;
  const destroys = [];
  const done = (err) => {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (--finishCount > 0 && !error) return;
    while (destroys.length) destroys.shift()(error);
    if (callback) { const cb = callback; callback = null; nextTick(cb, error); }
  };
  let ret;
  for (let i = 0; i < streams.length; i++) {
    let s = streams[i];
    const isLast = i === streams.length - 1;
    s = webStreamAsNodeStream(s);
    if (typeof s === 'function') {
      s = s(ret);
      if (!(s instanceof Stream) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator])) s = Readable.from(s);
      else if (s && typeof s.then === 'function') {
        const p = s;
        s = new PassThrough({ objectMode: true });
        p.then((v) => { if (v != null) s.write(v); s.end(); }, (e) => s.destroy(e));
      }
    } else if (!(s instanceof Stream) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator]) && i === 0) {
      s = Readable.from(s);
    }
    if (s instanceof Stream || typeof s?.on === 'function') {
      finishCount++;
      const stream = s;
      const cleanup = eos(stream, { readable: !isLast || !!stream._readableState && i < streams.length - 1 ? true : false, writable: i > 0 }, (err) => {
        if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') done(err);
        else if (err) done(err);
        else done();
      });
      destroys.push((err) => {
        cleanup();
        // Errors still to be emitted by streams we tear down must not become uncaught.
        stream.on('error', nop);
        if (err && !stream.destroyed && typeof stream.destroy === 'function') stream.destroy(err);
      });
      if (ret) ret.pipe(stream);
    }
    ret = s;
  }
  return ret;
}

// pipeline() takes web streams too: each one is bridged to a Node stream in object mode.
function webStreamAsNodeStream(s) {
  const type = webStreamType(s);
  if (type === undefined) return s;
  const adapters = require('internal/webstreams/adapters');
  if (type === 'ReadableStream') return adapters.newStreamReadableFromReadableStream(s, { objectMode: true });
  if (type === 'WritableStream') return adapters.newStreamWritableFromWritableStream(s, { objectMode: true });
  if (type === 'TransformStream') return adapters.newStreamDuplexFromReadableWritablePair(s, { objectMode: true });
  return s;
}

module.exports = { pipeline };
