'use strict';
// Node's JSStreamSocket (`internal/js_stream_socket`, public as the deprecated
// `node:_stream_wrap`): a net.Socket whose bytes come from and go to any Duplex stream
// instead of a native handle. Node puts one between a TLS session and a transport that
// is not a net.Socket (TLSWrap's `_parentWrap`), and libraries build on it (got's
// http2-wrapper wraps HTTP/2 streams in it to speak HTTP/1 over them). Nothing native
// is involved: the socket's `_hid` stays null, so net.Socket's native paths are idle,
// and the Socket stream methods below are served by the wrapped stream.
//
// Reading: the wrapped stream is paused at once and resumed while the socket wants
// data (Node's readStart/readStop); its chunks are pushed as the socket's, its 'end' is
// the socket's EOF and its 'close' destroys the socket. A stream that yields strings or
// objects cannot carry bytes: ERR_STREAM_WRAP. Writing: each write is the stream's
// write, completed in the next immediates phase after the stream's callback (Node
// finishes a JS-stream write request so); the socket's end() ends the stream, and
// destroying the socket destroys the stream (so a wrapped net.Socket's peer sees EOF).

const { Socket } = require('net');
const { writeDataToBuffer } = require('internal/net');
const { ERR_STREAM_WRAP } = require('internal/errors').codes;

class JSStreamSocket extends Socket {
  constructor(stream) {
    super();
    this.stream = stream;
    stream.pause();
    const onData = (chunk) => {
      if (typeof chunk === 'string' || stream.readableObjectMode === true || stream._readableState?.decoder) {
        stream.pause();
        stream.removeListener('data', onData);
        this.emit('error', new ERR_STREAM_WRAP());
        return;
      }
      this.bytesRead += chunk.length;
      if (!this.push(chunk)) stream.pause();
    };
    stream.on('data', onData);
    stream.once('end', () => {
      this.push(null);
      this.read(0);
    });
    stream.on('error', (err) => this.emit('error', err));
    // Some streams emit 'close' without saying whether they failed.
    stream.once('close', () => this.destroy());
    this.read(0);
  }

  // Connected from the start: there is no connect step to wait for.
  get pending() {
    return false;
  }

  // Node's handle calls, here on the socket itself: resume and pause the stream.
  readStart() {
    if (!this.destroyed) this.stream.resume();
    return 0;
  }

  readStop() {
    this.stream.pause();
    return 0;
  }

  _startReading() {
    this.readStart();
  }

  _read() {
    this._startReading();
  }

  _writeGeneric(data, cb, latin1) {
    data = writeDataToBuffer(data, latin1);
    this._dispatched += data.length;
    this.stream.write(data, (err) => setImmediate(cb, err ?? null));
  }

  _final(cb) {
    this.stream.end(() => setImmediate(cb));
  }

  _destroy(err, cb) {
    this.stream.destroy();
    super._destroy(err, cb);
  }
}

module.exports = JSStreamSocket;
module.exports.StreamWrap = JSStreamSocket;
