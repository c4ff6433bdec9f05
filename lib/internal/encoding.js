'use strict';
// TextEncoder / TextDecoder (utf-8 natively; utf-16le, utf-16be and latin1 in JS) and atob/btoa.

const enc = binding.encoding;
const { codes: { ERR_ENCODING_NOT_SUPPORTED, ERR_INVALID_ARG_TYPE } } = require('internal/errors');

class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return enc.encodeUtf8(`${input}`); }
  encodeInto(src, dest) {
    const [read, written] = enc.encodeInto(`${src}`, dest);
    return { read, written };
  }
}

const labels = new Map([
  ['utf-8', 'utf-8'], ['utf8', 'utf-8'], ['unicode-1-1-utf-8', 'utf-8'],
  ['utf-16le', 'utf-16le'], ['utf-16', 'utf-16le'], ['ucs-2', 'utf-16le'],
  ['utf-16be', 'utf-16be'], ['unicodefffe', 'utf-16be'],
  ['latin1', 'windows-1252'], ['iso-8859-1', 'windows-1252'], ['windows-1252', 'windows-1252'], ['ascii', 'windows-1252'], ['us-ascii', 'windows-1252'],
]);

class TextDecoder {
  // #started: a streaming decode has consumed bytes, so a BOM is no longer at the start.
  #encoding; #fatal; #ignoreBOM; #pending = null; #started = false;
  constructor(label = 'utf-8', options = {}) {
    const name = labels.get(`${label}`.trim().toLowerCase());
    if (name === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(label);
    this.#encoding = name;
    this.#fatal = !!options?.fatal;
    this.#ignoreBOM = !!options?.ignoreBOM;
  }
  get encoding() { return this.#encoding; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }
  decode(input, options = {}) {
    let bytes;
    if (input === undefined) bytes = new Uint8Array(0);
    else if (binding.types.isAnyArrayBuffer(input)) bytes = new Uint8Array(input);
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    else throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'ArrayBufferView'], input);
    if (this.#pending !== null) {
      const merged = new Uint8Array(this.#pending.length + bytes.length);
      merged.set(this.#pending);
      merged.set(bytes, this.#pending.length);
      bytes = merged;
      this.#pending = null;
    }
    if (options?.stream && this.#encoding === 'utf-8') {
      // Keep an incomplete trailing sequence for the next call.
      let cut = bytes.length;
      for (let i = Math.max(0, bytes.length - 3); i < bytes.length; i++) {
        const b = bytes[i];
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > 1 && i + need > bytes.length) { cut = i; break; }
      }
      if (cut < bytes.length) {
        this.#pending = bytes.slice(cut);
        bytes = bytes.subarray(0, cut);
      }
    }
    const utf16 = this.#encoding === 'utf-16le' || this.#encoding === 'utf-16be';
    const hi = this.#encoding === 'utf-16be' ? 0 : 1; // index of a code unit's high byte
    if (options?.stream && utf16) {
      // Keep an odd trailing byte (half a code unit) and a trailing high surrogate.
      let end = bytes.length - (bytes.length % 2);
      const last = end >= 2 ? bytes[end - 2 + (1 - hi)] | (bytes[end - 2 + hi] << 8) : 0;
      if (last >= 0xd800 && last <= 0xdbff) end -= 2;
      if (end < bytes.length) {
        this.#pending = bytes.slice(end);
        bytes = bytes.subarray(0, end);
      }
    }
    const atStart = !this.#started;
    this.#started = !!options?.stream && (this.#started || bytes.length > 0);
    if (this.#encoding === 'utf-8') return enc.decodeUtf8(bytes, this.#fatal, this.#ignoreBOM || !atStart);
    if (this.#encoding === 'windows-1252') return enc.decodeLatin1(bytes);
    let out = '';
    let start = 0;
    const bom = hi ? bytes[0] === 0xff && bytes[1] === 0xfe : bytes[0] === 0xfe && bytes[1] === 0xff;
    if (!this.#ignoreBOM && atStart && bom) start = 2;
    for (let i = start; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i + 1 - hi] | (bytes[i + hi] << 8));
    // Unpaired surrogates and a dangling byte decode to U+FFFD, or fail when fatal.
    if (bytes.length % 2 === 1) {
      if (this.#fatal) throw invalidEncodedData(this.#encoding);
      out += '\ufffd';
    }
    if (this.#fatal && !out.isWellFormed()) throw invalidEncodedData(this.#encoding);
    return out.toWellFormed();
  }
}

function invalidEncodedData(encoding) {
  const e = new TypeError(`The encoded data was not valid for encoding ${encoding}`);
  e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
  return e;
}

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function invalidChar() {
  const e = new DOMExceptionLike('Invalid character', 'InvalidCharacterError');
  return e;
}
class DOMExceptionLike extends Error {
  constructor(message, name) {
    super(message);
    Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true });
    this.code = 5;
  }
}

function btoa(input) {
  if (arguments.length === 0) {
    const { ERR_MISSING_ARGS } = require('internal/errors').codes;
    throw new ERR_MISSING_ARGS('input');
  }
  input = `${input}`;
  let out = '';
  for (let i = 0; i < input.length; i += 3) {
    const a = input.charCodeAt(i), b = input.charCodeAt(i + 1), c = input.charCodeAt(i + 2);
    if (a > 255 || b > 255 || c > 255) throw invalidChar();
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += b64[(n >> 18) & 63] + b64[(n >> 12) & 63];
    out += i + 1 < input.length ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < input.length ? b64[n & 63] : '=';
  }
  return out;
}

function atob(input) {
  if (arguments.length === 0) {
    const { ERR_MISSING_ARGS } = require('internal/errors').codes;
    throw new ERR_MISSING_ARGS('input');
  }
  input = `${input}`.replace(/[\t\n\f\r ]/g, '');
  if (input.length % 4 === 0) input = input.replace(/==?$/, '');
  if (input.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(input)) throw invalidChar();
  let out = '';
  let bits = 0, acc = 0;
  for (let i = 0; i < input.length; i++) {
    acc = (acc << 6) | b64.indexOf(input[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 255);
    }
  }
  return out;
}

module.exports = { TextEncoder, TextDecoder, atob, btoa };
