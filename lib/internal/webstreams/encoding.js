'use strict';
// TextEncoderStream and TextDecoderStream (WHATWG encoding §7): TransformStreams around
// TextEncoder (keeping a lone high surrogate for the next chunk) and a streaming
// TextDecoder (flushed when the writable side closes).

const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS } } = require('internal/errors');
const { kState, kType, isBrand, customInspect } = require('internal/webstreams/util');
const { TransformStream } = require('internal/webstreams/transformstream');
const { finishClass } = require('internal/webstreams/readablestream');
const { TextEncoder, TextDecoder } = require('internal/encoding');

const kInspect = Symbol.for('nodejs.util.inspect.custom');

class TextEncoderStream {
  constructor() {
    const encoder = new TextEncoder();
    let pending = '';
    this[kType] = 'TextEncoderStream';
    this[kState] = {
      transform: new TransformStream({
        transform(chunk, controller) {
          let s = pending + String(chunk);
          pending = '';
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = s[s.length - 1];
            s = s.slice(0, -1);
          }
          if (s.length > 0) controller.enqueue(encoder.encode(s));
        },
        flush(controller) {
          if (pending !== '') controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      }),
    };
  }

  get encoding() {
    if (!isBrand(this, 'TextEncoderStream')) throw new ERR_INVALID_THIS('TextEncoderStream');
    return 'utf-8';
  }

  get readable() {
    if (!isBrand(this, 'TextEncoderStream')) throw new ERR_INVALID_THIS('TextEncoderStream');
    return this[kState].transform.readable;
  }

  get writable() {
    if (!isBrand(this, 'TextEncoderStream')) throw new ERR_INVALID_THIS('TextEncoderStream');
    return this[kState].transform.writable;
  }

  [kInspect](depth, options) {
    if (!isBrand(this, 'TextEncoderStream')) throw new ERR_INVALID_THIS('TextEncoderStream');
    return customInspect(this, 'TextEncoderStream', {
      encoding: 'utf-8', readable: this.readable, writable: this.writable,
    }, depth, options);
  }
}

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    if (options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const decoder = new TextDecoder(encoding, options);
    this[kType] = 'TextDecoderStream';
    this[kState] = {
      decoder,
      transform: new TransformStream({
        transform(chunk, controller) {
          if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer) && !(chunk instanceof SharedArrayBuffer)) {
            throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'ArrayBufferView'], chunk);
          }
          const value = decoder.decode(chunk, { stream: true });
          if (value) controller.enqueue(value);
        },
        flush(controller) {
          const value = decoder.decode();
          if (value) controller.enqueue(value);
        },
      }),
    };
  }

  get encoding() {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.encoding;
  }

  get fatal() {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.fatal;
  }

  get ignoreBOM() {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.ignoreBOM;
  }

  get readable() {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].transform.readable;
  }

  get writable() {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].transform.writable;
  }

  [kInspect](depth, options) {
    if (!isBrand(this, 'TextDecoderStream')) throw new ERR_INVALID_THIS('TextDecoderStream');
    return customInspect(this, 'TextDecoderStream', {
      encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM,
      readable: this.readable, writable: this.writable,
    }, depth, options);
  }
}

finishClass(TextEncoderStream, ['encoding', 'readable', 'writable']);
finishClass(TextDecoderStream, ['encoding', 'fatal', 'ignoreBOM', 'readable', 'writable']);

module.exports = { TextEncoderStream, TextDecoderStream };
