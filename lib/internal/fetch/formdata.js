'use strict';
// FormData (XHR spec, as Node 20 exposes it): an ordered list of (name, value) entries
// where a value is a string or a File; plus the multipart/form-data encoding fetch sends
// and the parser Body.formData() uses.

const { Blob, File, Buffer } = require('buffer');
const { inspect } = require('internal/inspect');

const kEntries = Symbol('form data entries');

function toEntryValue(value, filename, method, argCount) {
  if (value instanceof Blob) {
    if (!(value instanceof File) || filename !== undefined) {
      const name = filename !== undefined ? `${filename}` : value instanceof File ? value.name : 'blob';
      return new File([value], name, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
    }
    return value;
  }
  if (argCount > 2) throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'`);
  return `${value}`;
}

function check(self) {
  if (self === null || typeof self !== 'object' || !(kEntries in self)) throw new TypeError('Illegal invocation');
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    this[kEntries] = [];
  }
  append(name, value, filename = undefined) {
    check(this);
    if (arguments.length < 2) throw new TypeError(`FormData.append: 2 arguments required, but only ${arguments.length} present.`);
    this[kEntries].push([`${name}`, toEntryValue(value, filename, 'append', arguments.length)]);
  }
  delete(name) {
    check(this);
    name = `${name}`;
    this[kEntries] = this[kEntries].filter((e) => e[0] !== name);
  }
  get(name) {
    check(this);
    name = `${name}`;
    const e = this[kEntries].find((x) => x[0] === name);
    return e === undefined ? null : e[1];
  }
  getAll(name) {
    check(this);
    name = `${name}`;
    return this[kEntries].filter((e) => e[0] === name).map((e) => e[1]);
  }
  has(name) { check(this); name = `${name}`; return this[kEntries].some((e) => e[0] === name); }
  set(name, value, filename = undefined) {
    check(this);
    if (arguments.length < 2) throw new TypeError(`FormData.set: 2 arguments required, but only ${arguments.length} present.`);
    name = `${name}`;
    const entry = [name, toEntryValue(value, filename, 'set', arguments.length)];
    const list = this[kEntries];
    const i = list.findIndex((e) => e[0] === name);
    if (i === -1) list.push(entry);
    else {
      list[i] = entry;
      this[kEntries] = list.filter((e, j) => j <= i || e[0] !== name);
    }
  }
  forEach(callback, thisArg = undefined) {
    check(this);
    if (typeof callback !== 'function') throw new TypeError("FormData.forEach: Argument 1 could not be converted to: Function.");
    for (const [k, v] of this) callback.call(thisArg, v, k, this);
  }
  *entries() { check(this); for (let i = 0; i < this[kEntries].length; i++) yield this[kEntries][i].slice(); }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  [inspect.custom](depth, options) {
    const obj = {};
    for (const [k, v] of this[kEntries]) obj[k] = v;
    return `FormData ${inspect(obj, options)}`;
  }
}
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
const normalizeNewlines = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');

// multipart/form-data bytes of a FormData, with a random boundary as undici makes them.
function encodeMultipart(fd) {
  const boundary = `----formdata-undici-0${`${Math.floor(Math.random() * 1e11)}`.padStart(11, '0')}`;
  const chunks = [];
  for (const [name, value] of fd[kEntries]) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeNewlines(name))}"\r\n\r\n${normalizeNewlines(value)}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeNewlines(name))}"; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
      chunks.push(internals.blobBytes(value));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const bytes = Buffer.concat(chunks);
  return { bytes, type: `multipart/form-data; boundary=${boundary}` };
}

// Parses a multipart/form-data body (bytes) into a FormData; throws TypeError when malformed.
function parseMultipart(bytes, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new TypeError('Failed to parse body as FormData.');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fd = new FormData();
  let pos = buf.indexOf(boundary);
  if (pos === -1) throw new TypeError('Failed to parse body as FormData.');
  for (;;) {
    pos += boundary.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break; // closing delimiter
    if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) throw new TypeError('Failed to parse body as FormData.');
    pos += 2;
    const headEnd = buf.indexOf('\r\n\r\n', pos);
    if (headEnd === -1) throw new TypeError('Failed to parse body as FormData.');
    const head = buf.subarray(pos, headEnd).toString('latin1');
    const next = buf.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headEnd + 4);
    if (next === -1) throw new TypeError('Failed to parse body as FormData.');
    const content = buf.subarray(headEnd + 4, next);
    let name = null; let filename; let type = '';
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      const key = line.slice(0, i).trim().toLowerCase();
      const val = line.slice(i + 1).trim();
      if (key === 'content-disposition') {
        const n = /(?:^|;)\s*name="([^"]*)"/i.exec(val);
        const f = /(?:^|;)\s*filename="([^"]*)"/i.exec(val);
        if (n) name = Buffer.from(n[1], 'latin1').toString();
        if (f) filename = Buffer.from(f[1], 'latin1').toString();
      } else if (key === 'content-type') type = val;
    }
    if (name === null) throw new TypeError('Failed to parse body as FormData.');
    if (filename !== undefined) fd.append(name, new File([content], filename, { type }));
    else fd.append(name, content.toString());
    pos = next + 2;
  }
  return fd;
}

module.exports = { FormData, encodeMultipart, parseMultipart, kEntries };
