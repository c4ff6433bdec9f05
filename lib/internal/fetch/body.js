'use strict';
// Bodies of Request and Response (WHATWG Fetch "Body mixin"): extracting a body from what
// user code gives (string, bytes, Blob, URLSearchParams, FormData, ReadableStream) and
// consuming it once (text/json/arrayBuffer/bytes/blob/formData). A body is
// { stream, source, length }: `source` is the bytes when they are known up front (sent as
// they are, with a Content-Length); `stream` is the ReadableStream user code sees.

const { Buffer, Blob } = require('buffer');
const { ReadableStream, isReadableStreamDisturbed } = require('internal/webstreams/readablestream');
const { FormData, encodeMultipart, parseMultipart } = require('internal/fetch/formdata');

// A byte stream serving `bytes` (a copy: enqueue transfers the buffer).
function streamOfBytes(bytes) {
  let done = false;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (!done && bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
      done = true;
      controller.close();
      controller.byobRequest?.respond(0);
    },
  });
}

// The spec's "extract a body": { body, type }. `keepalive` is not supported (it only
// matters for streams, which it refuses).
function extractBody(object) {
  let source = null; let type = null; let stream = null;
  if (typeof object === 'string') {
    source = Buffer.from(object);
    type = 'text/plain;charset=UTF-8';
  } else if (object instanceof URLSearchParams) {
    source = Buffer.from(object.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && object instanceof SharedArrayBuffer)) {
    source = Buffer.from(new Uint8Array(object).slice());
  } else if (ArrayBuffer.isView(object)) {
    source = Buffer.from(new Uint8Array(object.buffer, object.byteOffset, object.byteLength).slice());
  } else if (object instanceof Blob) {
    // A file-backed Blob (fs.openAsBlob) is read here, synchronously.
    source = internals.blobBytes(object);
    if (object.type) type = object.type;
  } else if (object instanceof FormData) {
    const m = encodeMultipart(object);
    source = m.bytes;
    type = m.type;
  } else if (object instanceof ReadableStream) {
    if (isReadableStreamDisturbed(object) || object.locked) throw new TypeError('Response body object should not be disturbed or locked');
    stream = object;
  } else if (object !== null && typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
    // undici accepts async iterables (Node streams among them).
    const it = object;
    stream = ReadableStream.from ? ReadableStream.from((async function* () {
      for await (const chunk of it) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    })()) : null;
  } else {
    source = Buffer.from(`${object}`);
    type = 'text/plain;charset=UTF-8';
  }
  if (stream === null) stream = streamOfBytes(source);
  return { body: { stream, source, length: source === null ? null : source.length }, type };
}

function bodyUnusable(body) {
  return body !== null && (body.stream.locked || isReadableStreamDisturbed(body.stream));
}

// Reads a whole stream into one Buffer.
async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      throw new TypeError('Received non-Uint8Array chunk');
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return Buffer.concat(chunks, total);
}

function utf8Decode(buf) {
  let s = buf.toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

// One of the consumers: `getState(self)` returns { body, headers list } or throws for a
// foreign `this` (a TypeError, as webidl brand checks do).
async function consume(body, kind, contentType) {
  if (bodyUnusable(body)) throw new TypeError('Body is unusable: Body has already been read');
  const bytes = body === null ? Buffer.alloc(0) : await readAll(body.stream);
  switch (kind) {
    case 'text': return utf8Decode(bytes);
    case 'json': return JSON.parse(utf8Decode(bytes));
    case 'arrayBuffer': return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    case 'bytes': return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    case 'blob': return new Blob([bytes], { type: contentType ?? '' });
    case 'formData': {
      const ct = contentType ?? '';
      if (/^multipart\/form-data/i.test(ct)) return parseMultipart(bytes, ct);
      if (/^application\/x-www-form-urlencoded/i.test(ct)) {
        const fd = new FormData();
        for (const [k, v] of new URLSearchParams(bytes.toString())) fd.append(k, v);
        return fd;
      }
      throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
    }
  }
}

// Installs body, bodyUsed and the consumers on a prototype; `state(self)` gives the
// inner object with `body` and `headers` (a HeaderList), throwing on a foreign `this`.
function mixinBody(proto, state) {
  const methods = {
    get body() { return state(this).body?.stream ?? null; },
    get bodyUsed() { const b = state(this).body; return b !== null && isReadableStreamDisturbed(b.stream); },
  };
  for (const kind of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) {
    methods[kind] = {
      async [kind]() {
        const s = state(this);
        return consume(s.body, kind, s.headers.get('content-type'));
      },
    }[kind];
  }
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(methods))) {
    const d = Object.getOwnPropertyDescriptor(methods, key);
    d.enumerable = true;
    Object.defineProperty(proto, key, d);
  }
}

// The spec's "clone a body": tees the stream, keeps one branch, returns the other.
function cloneBody(body) {
  const [a, b] = body.stream.tee();
  body.stream = a;
  return { stream: b, source: body.source, length: body.length };
}

module.exports = { extractBody, bodyUnusable, mixinBody, cloneBody, readAll, streamOfBytes };
