'use strict';
// Blob and File (buffer.Blob, buffer.File), and the file-backed Blobs of fs.openAsBlob.
//
// A Blob is a list of immutable segments: bytes in memory (one per source part, which is
// how a stream hands them out) or a range of a file. A file segment records the file's
// size and modification time when it was opened; every read checks them first and fails
// with a NotReadableError when the file changed, as Node's do. Concatenating and slicing
// only rearrange segments, so a file is read when, and only as far as, the Blob is read.
//
// The state lives under a symbol (plain heap data: a snapshot carries Blobs), so a Blob
// can arrive in a message: Blobs held in memory are cloneable (structuredClone,
// postMessage); file-backed ones are refused, as in Node.

const { encodeUtf8, decodeUtf8 } = binding.encoding;
const { markTransferMode, kClone, kDeserialize } = require('internal/worker/js_transferable');

const kBlob = Symbol('kBlob');
const kFile = Symbol('kFile');
const kMaxLength = 2 ** 32;
// A stream hands out at most this much of a segment per chunk.
const kChunk = 65536;

function codes() {
  return require('internal/errors').codes;
}

function isBlob(v) {
  return v !== null && typeof v === 'object' && Object.hasOwn(v, kBlob);
}

function checkBlob(self) {
  if (!isBlob(self)) throw new (codes().ERR_INVALID_THIS)('Blob');
  return self[kBlob];
}

function notReadable() {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException('The blob could not be read', 'NotReadableError');
}

function segmentLength(seg) {
  return seg.bytes !== undefined ? seg.bytes.length : seg.end - seg.start;
}

function setState(blob, segments, type) {
  let size = 0;
  for (const seg of segments) size += segmentLength(seg);
  blob[kBlob] = { segments, size, type, fileBacked: segments.some((seg) => seg.file !== undefined) };
  markTransferMode(blob, true, false);
}

function normalizeType(type) {
  type = `${type}`;
  return /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '';
}

class Blob {
  constructor(sources = [], options = undefined) {
    const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_BUFFER_TOO_LARGE } = codes();
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' || typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    if (options != null && typeof options !== 'object' && typeof options !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options', 'a dictionary', options);
    }
    let { type = '', endings = 'transparent' } = options ?? {};
    endings = `${endings}`;
    if (endings !== 'transparent' && endings !== 'native') throw new ERR_INVALID_ARG_VALUE('options.endings', endings);
    // First what each part is and how long, then the copies: a part too many is refused
    // before anything large is copied.
    const parts = [];
    let total = 0;
    for (const p of sources) {
      let part;
      if (isBlob(p)) part = { segments: p[kBlob].segments, length: p[kBlob].size };
      else if (ArrayBuffer.isView(p)) part = { view: p, length: p.byteLength };
      else if (p instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && p instanceof SharedArrayBuffer)) {
        part = { view: new Uint8Array(p), length: p.byteLength };
      } else {
        // Parts that are neither bytes nor Blobs are converted to strings, as in Node.
        let text = `${p}`;
        if (endings === 'native') text = text.replace(/\r?\n/g, require('os').EOL);
        const bytes = encodeUtf8(text);
        part = { segments: [{ bytes }], length: bytes.length };
      }
      total += part.length;
      if (total > kMaxLength) throw new ERR_BUFFER_TOO_LARGE(kMaxLength);
      parts.push(part);
    }
    const segments = [];
    for (const part of parts) {
      if (part.view !== undefined) {
        const v = part.view;
        if (v.byteLength > 0) segments.push({ bytes: new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)) });
      } else {
        for (const seg of part.segments) if (seg.file !== undefined || segmentLength(seg) > 0) segments.push(seg);
      }
    }
    setState(this, segments, normalizeType(type));
  }

  get type() { return checkBlob(this).type; }
  get size() { return checkBlob(this).size; }

  slice(start = 0, end = undefined, contentType = '') {
    const state = checkBlob(this);
    const size = state.size;
    const clamp = (v, dflt) => {
      if (v === undefined) return dflt;
      v = Math.trunc(Number(v)) || 0;
      return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
    };
    const s = clamp(start, 0);
    const e = Math.max(s, clamp(end, size));
    const segments = [];
    let offset = 0;
    for (const seg of state.segments) {
      const len = segmentLength(seg);
      const a = Math.max(s - offset, 0);
      const b = Math.min(e - offset, len);
      if (b > a) {
        segments.push(seg.file !== undefined ? { file: seg.file, start: seg.start + a, end: seg.start + b } : { bytes: seg.bytes.subarray(a, b) });
      }
      offset += len;
    }
    const blob = Object.create(Blob.prototype);
    setState(blob, segments, normalizeType(contentType));
    return blob;
  }

  async arrayBuffer() {
    const state = checkBlob(this);
    const out = new Uint8Array(state.size);
    let offset = 0;
    for (const seg of state.segments) {
      const bytes = seg.bytes ?? await readFileSegment(seg, seg.start, seg.end);
      out.set(bytes, offset);
      offset += bytes.length;
    }
    return out.buffer;
  }

  async bytes() {
    checkBlob(this);
    return new Uint8Array(await this.arrayBuffer());
  }

  // UTF-8 decode, as TextDecoder does by default (a BOM is dropped).
  async text() {
    checkBlob(this);
    return decodeUtf8(new Uint8Array(await this.arrayBuffer()), false, false);
  }

  // A byte stream over the contents, one segment (at most 64 KiB of it) per chunk. As in
  // Node, its high-water mark is 0 and a pull that satisfied a waiting read queues the
  // next in-memory piece too; a file's pieces are read (and checked) one pull at a time.
  stream() {
    const state = checkBlob(this);
    const pieces = [];
    for (const seg of state.segments) {
      const len = segmentLength(seg);
      if (seg.file !== undefined && len === 0) pieces.push({ seg, start: seg.start, end: seg.start });
      for (let o = 0; o < len; o += kChunk) {
        const n = Math.min(len - o, kChunk);
        pieces.push(seg.bytes !== undefined ? { bytes: seg.bytes.subarray(o, o + n) } : { seg, start: seg.start + o, end: seg.start + o + n });
      }
    }
    let next = 0;
    const { ReadableStream } = require('internal/webstreams/readablestream');
    const load = (piece) => (piece.bytes !== undefined ? new Uint8Array(piece.bytes) : readFileSegment(piece.seg, piece.start, piece.end));
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (next >= pieces.length) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        const piece = pieces[next++];
        if (piece.bytes === undefined) {
          return load(piece).then((bytes) => {
            if (bytes.length > 0) controller.enqueue(bytes);
            else if (next >= pieces.length) {
              controller.close();
              controller.byobRequest?.respond(0);
            }
          });
        }
        controller.enqueue(load(piece));
        if (next < pieces.length && pieces[next].bytes !== undefined && controller.desiredSize === 0) {
          controller.enqueue(load(pieces[next++]));
        }
      },
    }, { highWaterMark: 0 });
  }

  [kClone]() {
    const state = checkBlob(this);
    if (state.fileBacked) throw new (codes().ERR_INVALID_STATE)('File-backed Blobs are not cloneable');
    return {
      data: { parts: state.segments.map((seg) => seg.bytes), type: state.type },
      deserializeInfo: 'internal/blob:Blob',
    };
  }

  [kDeserialize]({ parts, type }) {
    setState(this, parts.map((bytes) => ({ bytes })), type);
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (depth < 0) return `[${this.constructor.name}]`;
    return `${this.constructor.name} ${require('internal/inspect').inspect({ size: this.size, type: this.type, ...this._inspectExtra?.() }, options)}`;
  }
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });
// Enumerable as in Node (bytes, added later, is not).
for (const name of ['size', 'type', 'slice', 'stream', 'text', 'arrayBuffer']) Object.defineProperty(Blob.prototype, name, { enumerable: true });
Object.defineProperty(Blob.prototype, 'bytes', { enumerable: false });

// Reads `start`..`end` of a file segment's file, after checking it is unchanged.
async function readFileSegment(seg, start, end) {
  const fsp = require('fs').promises;
  let fh;
  try {
    fh = await fsp.open(seg.file.path, 'r');
  } catch {
    throw notReadable();
  }
  try {
    const st = await fh.stat();
    if (st.size !== seg.file.size || st.mtimeMs !== seg.file.mtimeMs) throw notReadable();
    const buf = new Uint8Array(end - start);
    for (let off = 0; off < buf.length;) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, start + off);
      if (bytesRead === 0) throw notReadable();
      off += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

function readFileSegmentSync(seg) {
  const fs = require('fs');
  let fd;
  try {
    fd = fs.openSync(seg.file.path, 'r');
  } catch {
    throw notReadable();
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.size !== seg.file.size || st.mtimeMs !== seg.file.mtimeMs) throw notReadable();
    const buf = new Uint8Array(seg.end - seg.start);
    for (let off = 0; off < buf.length;) {
      const n = fs.readSync(fd, buf, off, buf.length - off, seg.start + off);
      if (n === 0) throw notReadable();
      off += n;
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

// All of a Blob's bytes now, as one Buffer (fetch and FormData bodies); a file-backed
// Blob's file is read synchronously.
function blobBytes(blob) {
  const { Buffer } = require('buffer');
  const { segments } = checkBlob(blob);
  const chunks = segments.map((seg) => seg.bytes ?? readFileSegmentSync(seg));
  return Buffer.concat(chunks);
}

// fs.openAsBlob: a Blob backed by the whole file at `path` (already validated), as it
// is now.
function createBlobFromFilePath(path, type) {
  let st;
  try {
    st = require('fs').statSync(path);
  } catch {
    const err = new TypeError('Unable to open file as blob');
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  const blob = Object.create(Blob.prototype);
  const file = { path, size: st.size, mtimeMs: st.mtimeMs };
  setState(blob, [{ file, start: 0, end: st.size }], normalizeType(type));
  return blob;
}

// File (Node 20's buffer.File): a Blob with a name and a modification time.
class File extends Blob {
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new (codes().ERR_MISSING_ARGS)('fileBits', 'fileName');
    super(fileBits, options);
    const lm = options?.lastModified;
    // WebIDL long long: BigInt and Symbol throw (unary plus), NaN is 0, truncated.
    this[kFile] = { name: `${fileName}`, lastModified: lm === undefined ? Date.now() : Math.trunc(+lm) || 0 };
  }

  get name() { return checkFile(this).name; }
  get lastModified() { return checkFile(this).lastModified; }
  _inspectExtra() { return { name: this[kFile]?.name, lastModified: this[kFile]?.lastModified }; }
}

function checkFile(self) {
  if (self === null || typeof self !== 'object' || !Object.hasOwn(self, kFile)) throw new (codes().ERR_INVALID_THIS)('File');
  return self[kFile];
}

Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });
Object.defineProperty(File.prototype, '_inspectExtra', { enumerable: false });
for (const name of ['name', 'lastModified']) Object.defineProperty(File.prototype, name, { enumerable: true });

function isFileBacked(blob) {
  return checkBlob(blob).fileBacked;
}

module.exports = { Blob, File, isBlob, isFileBacked, blobBytes, createBlobFromFilePath };
