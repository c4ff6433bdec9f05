'use strict';
// node:_http_common — what the HTTP client and server share: the message parser (heads
// parsed natively by `httparse` through binding.http.parseHead, bodies framed here by
// Content-Length, chunked encoding or end of stream), token/header-character checks and
// the method list. It knows nothing about sockets: callers feed bytes and get callbacks.

const { Buffer } = require('buffer');
const { parseHead } = binding.http;
const { METHODS } = require('internal/http/constants');
const { FreeList } = require('internal/freelist');

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
function checkIsHttpToken(val) { return typeof val === 'string' && tokenRegExp.test(val); }
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
function checkInvalidHeaderChar(val) { return headerCharRegex.test(val); }

const chunkExpression = /(?:^|\W)chunked(?:$|\W)/i;
const continueExpression = /(?:^|\W)100-continue(?:$|\W)/i;

// Errors the parser made, as opposed to errors thrown by listeners it called (a
// 'request' or 'response' handler runs inside execute()): only these are HTTP errors.
const parseErrors = new WeakSet();
function parseError(code, reason, bytesParsed = 0) {
  const e = new Error('Parse Error: ' + reason);
  e.code = code;
  e.reason = reason;
  e.bytesParsed = bytesParsed;
  parseErrors.add(e);
  return e;
}
// Where llhttp reports a bad method: after the longest prefix some method has (at
// least the first byte).
function methodPrefixLength(method) {
  let n = 1;
  for (const m of METHODS) {
    let i = 0;
    while (i < m.length && i < method.length && m[i] === method[i]) i++;
    if (i > n) n = i;
  }
  return n;
}
const isParseError = (e) => parseErrors.has(e);

const CRLF = Buffer.from('\r\n');
const kMaxHeaders = 2000;
const kMethods = new Set(METHODS);
// The bytes of extensions one chunk may carry (Node's limit).
const kMaxChunkExtensionsSize = 16384;
const isHexDigit = (b) => (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102);

const ah = require('internal/async_hooks');
const kAsyncResource = Symbol('asyncResource');
function trackParser(parser, resource) {
  if (parser[kAsyncResource] !== undefined) untrackParser(parser);
  parser[kAsyncResource] = resource ?? {};
  ah.init(parser[kAsyncResource], parser.isRequest ? 'HTTPINCOMINGMESSAGE' : 'HTTPCLIENTREQUEST');
}
function untrackParser(parser) {
  ah.destroy(parser[kAsyncResource]);
  parser[kAsyncResource] = undefined;
}

// One parser per connection, reused for each message on it. Callbacks:
// onHeadersComplete(info) -> true to skip the body (HEAD responses, 1xx) or 'upgrade' to
// stop parsing and hand the remaining bytes back; onBody(buf); onMessageComplete(trailers).
// What free() and close() both do (a parser freed by one of its own callbacks stops
// parsing there: `_epoch` counts the releases).
function releaseParser(parser) {
  parser._epoch++;
  parser.buf = null;
  parser.state = 'head';
  if (parser[kAsyncResource] !== undefined) untrackParser(parser);
}

class HTTPParser {
  constructor(kind, maxHeaderSize, lenient) {
    this.onHeadersComplete = null;
    this.onBody = null;
    this.onMessageComplete = null;
    // What the connection hangs on the parser it uses (cleared when it is freed).
    this.socket = null;
    this.incoming = null;
    this.outgoing = null;
    this.onIncoming = null;
    this.joinDuplicateHeaders = null;
    this.nodeApi = false;
    // Counts frees: a parser freed by one of its own callbacks (a socket sent to
    // another process from a 'request' listener) stops parsing there.
    this._epoch = 0;
    this[kAsyncResource] = null;
    this.initialize(kind ?? 'request', undefined, maxHeaderSize, lenient);
    this[kAsyncResource] = undefined;
  }

  // (Re)starts the parser for a connection: `kind` is 'request' or 'response', or
  // Node's HTTPParser.REQUEST/RESPONSE, with which the parser takes Node's callback
  // slots (parser[HTTPParser.kOnHeadersComplete] = fn ...) and execute() returns the
  // bytes parsed or the parse error instead of throwing it.
  initialize(kind, resource, maxHeaderSize, lenient) {
    this.nodeApi = typeof kind === 'number';
    this.isRequest = kind === 'request' || kind === HTTPParser.REQUEST;
    this.maxHeaderSize = maxHeaderSize || 16384;
    // insecureHTTPParser: llhttp's lenient flags (bare line ends, control characters
    // in header values, folded header lines, loose chunk framing).
    this.lenient = !!lenient;
    this.buf = null;
    this.state = 'head';
    this.remaining = 0;
    this.paused = false;
    // How far _partialHeadSize has counted an incomplete head: the offset of its next
    // line and the size of the lines before.
    this._sizePos = 0;
    this._sizeCount = 0;
    // Async hooks: each message exchange is an HTTPINCOMINGMESSAGE (server) or
    // HTTPCLIENTREQUEST (client) resource, destroyed when the parser is freed.
    if (ah.state.on && this[kAsyncResource] !== null) trackParser(this, resource);
    if (this.nodeApi) {
      this.onHeadersComplete = nodeApiHeadersComplete;
      this.onBody = nodeApiBody;
      this.onMessageComplete = nodeApiMessageComplete;
    }
  }

  // Feeds bytes; returns undefined, or the unconsumed rest after an upgrade. Throws a
  // parse error (with `code`) on malformed input. (Node's API: bytes in, count or
  // error out.)
  execute(chunk, start, length) {
    if (!Buffer.isBuffer(chunk)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (start !== undefined) chunk = chunk.subarray(start, length === undefined ? undefined : start + length);
    this.buf = this.buf && this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (!this.nodeApi) return this._run();
    try {
      this._run();
    } catch (err) {
      if (isParseError(err)) return err;
      throw err;
    }
    return chunk.length;
  }

  // The parser is done with its connection (free: kept in the pool; close: dropped):
  // the bytes it holds go.
  free() {
    releaseParser(this);
  }
  close() {
    releaseParser(this);
  }
  remove() {}

  _run() {
    const epoch = this._epoch;
    while (this.buf && this.buf.length > 0 && !this.paused && this._epoch === epoch) {
      const buf = this.buf;
      switch (this.state) {
        case 'head': {
          // Node tolerates empty lines between messages.
          if (buf[0] === 13 || buf[0] === 10) {
            let i = 0;
            while (i < buf.length && (buf[i] === 13 || buf[i] === 10)) i++;
            this.buf = buf.subarray(i);
            this._sizePos = 0;
            this._sizeCount = 0;
            continue;
          }
          let r;
          try {
            r = parseHead(buf, this.isRequest, kMaxHeaders, this.lenient);
          } catch (err) {
            // What llhttp rejects first (the method, the protocol) is reported first.
            this._checkStart(buf);
            throw parseError(err.code, err.reason, err.bytesParsed);
          }
          if (r === null) {
            this._checkStart(buf);
            // (What is counted is less than the bytes: only a longer head can overflow.)
            if (buf.length >= this.maxHeaderSize && this._partialHeadSize(buf) >= this.maxHeaderSize) {
              throw parseError('HPE_HEADER_OVERFLOW', 'Header overflow', buf.length);
            }
            return;
          }
          const [headLen, method, url, statusCode, statusMessage, minor, rawHeaders, major] = r;
          // A complete head's method is the token before the first space, as llhttp reads it.
          if (this.isRequest ? !kMethods.has(method) : buf[4] !== 47 /* HTTP/ */) this._checkStart(buf);
          if (headLen >= this.maxHeaderSize && this._partialHeadSize(buf.subarray(0, headLen)) >= this.maxHeaderSize) {
            throw parseError('HPE_HEADER_OVERFLOW', 'Header overflow', buf.length);
          }
          this._sizePos = 0;
          this._sizeCount = 0;
          this.buf = buf.subarray(headLen);
          let contentLength = null;
          let chunked = false;
          let teSeen = false;
          let upgrade = false;
          let connection = '';
          for (let i = 0; i < rawHeaders.length; i += 2) {
            // Only these four names matter here (7, 10, 14 and 17 characters long).
            const len = rawHeaders[i].length;
            if (len !== 14 && len !== 17 && len !== 10 && len !== 7) continue;
            const name = rawHeaders[i].toLowerCase();
            const value = rawHeaders[i + 1];
            if (name === 'content-length') {
              if (!/^[ \t]*\d+[ \t]*$/.test(value)) {
                throw parseError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length', headLen);
              }
              if (contentLength !== null && contentLength !== Number(value)) {
                throw parseError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length', headLen);
              }
              contentLength = Number(value);
            } else if (name === 'transfer-encoding') {
              // chunked must be the last coding, and come once: a request with a
              // coding after chunked (or chunked twice) is refused, as by llhttp.
              for (const coding of value.split(',')) {
                const c = coding.trim();
                if (c === '') continue;
                if (chunked && this.isRequest && !this.lenient) {
                  throw parseError('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value', headLen);
                }
                chunked = c.toLowerCase() === 'chunked';
              }
              teSeen = true;
            } else if (name === 'connection') {
              connection += (connection ? ', ' : '') + value;
            } else if (name === 'upgrade') {
              upgrade = true;
            }
          }
          if (teSeen && contentLength !== null && !this.lenient) {
            throw parseError('HPE_INVALID_TRANSFER_ENCODING', 'Transfer-Encoding can\'t be present with Content-Length', headLen);
          }
          // A request whose last coding is not chunked has no length: llhttp reports
          // its head, then fails on the body.
          const badTE = teSeen && !chunked && this.isRequest && !this.lenient;
          if (teSeen) contentLength = null;
          const info = {
            method, url, statusCode, statusMessage: statusMessage ?? '', versionMajor: major ?? 1, versionMinor: minor,
            rawHeaders, connection, contentLength, chunked,
            upgrade: (upgrade && /(?:^|\W)upgrade(?:$|\W)/i.test(connection)) || method === 'CONNECT',
            shouldKeepAlive: connection === '' ? minor === 1
              : minor === 1 ? !/(?:^|\W)close(?:$|\W)/i.test(connection) : /(?:^|\W)keep-alive(?:$|\W)/i.test(connection),
          };
          const skip = this.onHeadersComplete(info);
          if (this._epoch !== epoch) return;
          if (skip === 'upgrade' || (info.upgrade && this.isRequest && skip === 'upgrade')) {
            const rest = this.buf;
            this.buf = null;
            this.state = 'upgraded';
            return rest || Buffer.alloc(0);
          }
          if (badTE) throw parseError('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`', headLen);
          // A 204 or 304 response has no body, whatever its headers say (as llhttp).
          if (skip === true || (!this.isRequest && (statusCode === 204 || statusCode === 304))) { this._complete(); continue; }
          if (chunked) { this.state = 'chunk-size'; continue; }
          if (contentLength !== null) {
            if (contentLength === 0) { this._complete(); continue; }
            this.remaining = contentLength;
            this.state = 'body';
            continue;
          }
          if (this.isRequest) { this._complete(); continue; }
          if (statusCode === 204 || statusCode === 304) { this._complete(); continue; }
          this.state = 'eof';
          continue;
        }
        case 'body': {
          const n = Math.min(this.remaining, buf.length);
          this.buf = buf.subarray(n);
          this.remaining -= n;
          this.onBody(buf.subarray(0, n));
          if (this.remaining === 0 && this._epoch === epoch) this._complete();
          continue;
        }
        case 'eof':
          this.buf = null;
          this.onBody(buf);
          return;
        case 'chunk-size': {
          // size in hex, then `;extensions` (at most kMaxChunkExtensionsSize bytes), then CRLF; llhttp's strict framing unless lenient.
          let i = 0;
          while (i < buf.length && isHexDigit(buf[i])) i++;
          if (i === buf.length) {
            if (i > 16) throw parseError('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow', i);
            return;
          }
          if (i === 0 || i > 16) throw parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', i);
          const size = parseInt(buf.toString('latin1', 0, i), 16);
          if (this.lenient) while (i < buf.length && (buf[i] === 32 || buf[i] === 9)) i++;
          if (i < buf.length && buf[i] === 59 /* ; */) {
            const start = i;
            while (i < buf.length && buf[i] !== 13 && buf[i] !== 10) i++;
            if (i - start > kMaxChunkExtensionsSize) {
              throw parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow', i);
            }
            if (i === buf.length) return;
            if (buf[i] === 10 && !this.lenient) throw parseError('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension name', i);
          }
          if (i === buf.length) return;
          if (buf[i] === 13) {
            if (i + 1 === buf.length) return;
            if (buf[i + 1] === 10) i += 2;
            else if (this.lenient) i += 1;
            else throw parseError('HPE_STRICT', 'Expected LF after chunk size', i + 1);
          } else if (buf[i] === 10 && this.lenient) {
            i += 1;
          } else {
            throw parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', i);
          }
          this.buf = buf.subarray(i);
          if (size === 0) { this.state = 'trailers'; continue; }
          this.remaining = size;
          this.state = 'chunk-data';
          continue;
        }
        case 'chunk-data': {
          const n = Math.min(this.remaining, buf.length);
          this.buf = buf.subarray(n);
          this.remaining -= n;
          if (n > 0) this.onBody(buf.subarray(0, n));
          if (this.remaining === 0) this.state = 'chunk-end';
          continue;
        }
        case 'chunk-end':
          if (buf[0] === 13 && buf.length < 2) return;
          if (buf[0] === 13 && buf[1] === 10) {
            this.buf = buf.subarray(2);
          } else if (this.lenient) {
            // llhttp's lenient mode: the CRLF after chunk data is optional.
            this.buf = buf.subarray(buf[0] === 10 ? 1 : buf[0] === 13 ? 1 : 0);
          } else {
            throw parseError('HPE_STRICT', 'Expected LF after chunk data', 0);
          }
          this.state = 'chunk-size';
          continue;
        case 'trailers': {
          if (buf.length >= 2 && buf[0] === 13 && buf[1] === 10) {
            this.buf = buf.subarray(2);
            this._complete([]);
            continue;
          }
          const end = buf.indexOf('\r\n\r\n');
          if (end === -1) {
            if (buf.length > this.maxHeaderSize) throw parseError('HPE_HEADER_OVERFLOW', 'Header overflow', buf.length);
            return;
          }
          const raw = [];
          const block = buf.toString('latin1', 0, end);
          if (!this.lenient && /\r(?!\n)|(?<!\r)\n/.test(block)) {
            throw parseError('HPE_LF_EXPECTED', 'Missing expected LF after header value', end);
          }
          for (const line of block.split(/\r?\n/)) {
            const c = line.indexOf(':');
            if (c <= 0 || !checkIsHttpToken(line.slice(0, c))) throw parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', end);
            raw.push(line.slice(0, c), line.slice(c + 1).trim());
          }
          this.buf = buf.subarray(end + 4);
          this._complete(raw);
          continue;
        }
        default:
          return;
      }
    }
  }

  // llhttp's checks of a message's start, which httparse does not make: a request's
  // method is one llhttp knows (httparse accepts any token), a response starts with HTTP/.
  _checkStart(buf) {
    if (this.isRequest) {
      const sp = buf.indexOf(32);
      const end = sp === -1 ? Math.min(buf.length, 33) : sp;
      const method = buf.toString('latin1', 0, end);
      if ((sp !== -1 || buf.length > 32) && !kMethods.has(method)) throw parseError('HPE_INVALID_METHOD', 'Invalid method encountered', methodPrefixLength(method));
      if (sp === -1 && !METHODS.some((m) => m.startsWith(method))) throw parseError('HPE_INVALID_METHOD', 'Invalid method encountered', methodPrefixLength(method));
    } else {
      const n = Math.min(buf.length, 5);
      if (buf.toString('latin1', 0, n) !== 'HTTP/'.slice(0, n)) throw parseError('HPE_INVALID_CONSTANT', 'Expected HTTP/');
    }
  }

  // The size Node holds a message head to (maxHeaderSize) of the head, complete or not,
  // in `buf`: llhttp counts the bytes of the URL or the reason phrase and of each header
  // name and value (the value from its first non-blank byte to the line's end; not the
  // method, status code, version, separators or line ends), and the head overflows when
  // they reach the limit. Complete lines are counted once, however many reads the head
  // takes.
  _partialHeadSize(buf) {
    let pos = this._sizePos;
    let count = this._sizeCount;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      const end = nl === -1 ? buf.length : (nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl);
      let n;
      if (pos === 0) {
        // The start line: its URL (a request's second word) or reason phrase (what
        // follows a response's second space).
        let sp = buf.indexOf(32, 0);
        if (!this.isRequest && sp !== -1 && sp < end) sp = buf.indexOf(32, sp + 1);
        if (sp === -1 || sp >= end) n = 0;
        else if (this.isRequest) {
          const sp2 = buf.indexOf(32, sp + 1);
          n = (sp2 === -1 || sp2 > end ? end : sp2) - sp - 1;
        } else n = end - sp - 1;
      } else {
        // A header line: the name and the value.
        const colon = buf.indexOf(58, pos);
        if (colon === -1 || colon >= end) n = end - pos;
        else {
          let vs = colon + 1;
          while (vs < end && (buf[vs] === 32 || buf[vs] === 9)) vs++;
          n = colon - pos + end - vs;
        }
      }
      if (nl === -1) return count + n;
      count += n;
      pos = nl + 1;
      this._sizePos = pos;
      this._sizeCount = count;
    }
  }

  _complete(trailers = []) {
    this.state = 'head';
    this.onMessageComplete(trailers);
  }

  // The stream ended: a body read to end-of-stream is complete; anything else pending
  // is an error the caller reports.
  finish() {
    if (this.state === 'eof') { this._complete(); return null; }
    if (this.state === 'head' && !(this.buf && this.buf.length)) return null;
    if (this.state === 'upgraded') return null;
    return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state');
  }

  pause() { this.paused = true; }
  resume() { this.paused = false; return this._run(); }
}
HTTPParser.REQUEST = 1;
HTTPParser.RESPONSE = 2;
HTTPParser.kOnMessageBegin = 0;
HTTPParser.kOnHeaders = 1;
HTTPParser.kOnHeadersComplete = 2;
HTTPParser.kOnBody = 3;
HTTPParser.kOnMessageComplete = 4;
HTTPParser.kOnExecute = 5;
HTTPParser.kOnTimeout = 6;

// Node's callback slots: onHeadersComplete(versionMajor, versionMinor, headers,
// method index, url, statusCode, statusMessage, upgrade, shouldKeepAlive) returning 1
// to skip the body, 2 to stop for an upgrade.
function nodeApiHeadersComplete(info) {
  const fn = this[HTTPParser.kOnHeadersComplete];
  if (typeof fn !== 'function') return false;
  const ret = fn.call(this, info.versionMajor, info.versionMinor, info.rawHeaders,
    info.method === null ? undefined : METHODS.indexOf(info.method), info.url ?? undefined,
    info.statusCode ?? undefined, info.statusMessage || undefined, info.upgrade, info.shouldKeepAlive);
  return ret === 1 ? true : ret === 2 ? 'upgrade' : false;
}
function nodeApiBody(buf) {
  const fn = this[HTTPParser.kOnBody];
  if (typeof fn === 'function') fn.call(this, buf);
}
function nodeApiMessageComplete() {
  const fn = this[HTTPParser.kOnMessageComplete];
  if (typeof fn === 'function') fn.call(this);
}

// Idle parsers, reused by the next connection or request (http.setMaxIdleHTTPParsers).
const parsers = new FreeList('parsers', 1000, HTTPParser);

// A connection is done with its parser: the parser forgets it and goes back to the pool.
function freeParser(parser, req, socket) {
  if (parser) {
    parser.onHeadersComplete = null;
    parser.onBody = null;
    parser.onMessageComplete = null;
    parser.socket = null;
    parser.incoming = null;
    parser.outgoing = null;
    parser.onIncoming = null;
    parser.joinDuplicateHeaders = null;
    parser[HTTPParser.kOnTimeout] = null;
    parser.remove();
    if (parsers.free(parser)) parser.free();
    else parser.close();
  }
  if (req) req.parser = null;
  if (socket) socket.parser = null;
}

module.exports = {
  parsers, freeParser,
  HTTPParser, isParseError, checkIsHttpToken, checkInvalidHeaderChar, chunkExpression, continueExpression, methods: METHODS,
  _checkIsHttpToken: checkIsHttpToken, _checkInvalidHeaderChar: checkInvalidHeaderChar,
  CRLF: '\r\n', kIncomingMessage: Symbol('IncomingMessage'), kOutHeaders: require('internal/http').kOutHeaders,
};
