'use strict';
// Helpers of node:http2 that hold no session state: settings (defaults, validation, the
// packed SETTINGS payload), header lists (validation and the HPACK field list sent, the
// header object received) and the names of HTTP/2 error codes.

const constants = require('internal/http2/constants');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_HTTP2_INVALID_SETTING_VALUE, ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH,
    ERR_INVALID_HTTP_TOKEN, ERR_HTTP2_INVALID_CONNECTION_HEADERS, ERR_HTTP2_INVALID_PSEUDOHEADER,
    ERR_HTTP2_HEADER_SINGLE_VALUE, ERR_HTTP2_INVALID_HEADER_VALUE,
  },
} = require('internal/errors');

const sensitiveHeaders = Symbol('sensitiveHeaders');
// Where a session keeps its socket (Node's tests reach it through this symbol).
const kSocket = Symbol('socket');

// SETTINGS parameters: name, identifier, range; booleans are 0 or 1 on the wire.
const kSettings = [
  ['headerTableSize', 1, 0, 2 ** 32 - 1],
  ['enablePush', 2, 'boolean'],
  ['maxConcurrentStreams', 3, 0, 2 ** 32 - 1],
  ['initialWindowSize', 4, 0, 2 ** 31 - 1],
  ['maxFrameSize', 5, 16384, 2 ** 24 - 1],
  ['maxHeaderListSize', 6, 0, 2 ** 32 - 1],
  ['enableConnectProtocol', 8, 'boolean'],
];

// What a session reports before anything is negotiated: nghttp2's starting values.
function protocolDefaults() {
  return {
    headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384,
    maxConcurrentStreams: 4294967295, maxHeaderListSize: 4294967295, maxHeaderSize: 4294967295,
    enableConnectProtocol: false,
  };
}

function getDefaultSettings() {
  return {
    __proto__: null,
    headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384,
    maxConcurrentStreams: 4294967295, maxHeaderSize: 65535, maxHeaderListSize: 65535,
    enableConnectProtocol: false,
  };
}

// Checks a settings object and returns its [id, value] pairs in a fixed order.
function validateSettings(settings, argName = 'settings') {
  if (settings === undefined) return [];
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new ERR_INVALID_ARG_TYPE(argName, 'object', settings);
  }
  settings = { ...settings };
  if (settings.maxHeaderSize !== undefined) {
    const v = settings.maxHeaderSize;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 32 - 1) {
      throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError('maxHeaderSize', v);
    }
    if (settings.maxHeaderListSize === undefined) settings.maxHeaderListSize = v;
  }
  const out = [];
  for (const [name, id, min, max] of kSettings) {
    const value = settings[name];
    if (value === undefined) continue;
    if (min === 'boolean') {
      if (typeof value !== 'boolean') throw new ERR_HTTP2_INVALID_SETTING_VALUE(name, value);
      out.push([id, value ? 1 : 0]);
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError(name, value);
      }
      out.push([id, value]);
    }
  }
  // Settings of extensions: numeric identifiers outside the standard ones, at most 10.
  const custom = settings.customSettings;
  if (custom !== undefined) {
    if (custom === null || typeof custom !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('customSettings', 'object', custom);
    }
    const ids = Object.keys(custom);
    if (ids.length > 10) throw new (require('internal/errors').codes.ERR_HTTP2_TOO_MANY_CUSTOM_SETTINGS)();
    for (const key of ids) {
      const id = Number(key);
      const value = custom[key];
      if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
        throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError('Range Error', id);
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 32 - 1) {
        throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError('Range Error', value);
      }
      if (!out.some(([known]) => known === id)) out.push([id, value]);
    }
  }
  return out;
}

function packSettings(pairs) {
  const buf = Buffer.alloc(pairs.length * 6);
  pairs.forEach(([id, value], i) => {
    buf.writeUInt16BE(id, i * 6);
    buf.writeUInt32BE(value, i * 6 + 2);
  });
  return buf;
}

function getPackedSettings(settings) {
  return packSettings(validateSettings(settings));
}

function applySetting(target, id, value) {
  for (const [name, sid, min] of kSettings) {
    if (sid !== id) continue;
    target[name] = min === 'boolean' ? value !== 0 : value;
    if (name === 'maxHeaderListSize') target.maxHeaderSize = value;
  }
}

function getUnpackedSettings(buf, options = {}) {
  if (!ArrayBuffer.isView(buf) || buf.length === undefined) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray'], buf);
  }
  // As in Node, the view is read element by element (a Uint16Array holding one byte
  // per element reads as those bytes).
  if (buf.length % 6 !== 0) throw new ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH();
  const settings = {};
  for (let i = 0; i < buf.length; i += 6) {
    const id = buf[i] * 2 ** 8 + buf[i + 1];
    const value = buf[i + 2] * 2 ** 24 + buf[i + 3] * 2 ** 16 + buf[i + 4] * 2 ** 8 + buf[i + 5];
    switch (id) {
      case 1: settings.headerTableSize = value; break;
      case 2: settings.enablePush = value !== 0; break;
      case 3: settings.maxConcurrentStreams = value; break;
      case 4: settings.initialWindowSize = value; break;
      case 5: settings.maxFrameSize = value; break;
      case 6: settings.maxHeaderListSize = settings.maxHeaderSize = value; break;
      case 8: settings.enableConnectProtocol = value !== 0; break;
      default: (settings.customSettings ??= {})[id] = value; break;
    }
  }
  if (options != null && options.validate) {
    for (const [name, , min, max] of kSettings) {
      const v = settings[name];
      if (v === undefined || min === 'boolean') continue;
      if (v < min || v > max) throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError(name, v);
    }
    if (settings.enablePush !== undefined && typeof settings.enablePush !== 'boolean') {
      throw new ERR_HTTP2_INVALID_SETTING_VALUE('enablePush', settings.enablePush);
    }
  }
  return settings;
}

// Error code names, as Node reports them in ERR_HTTP2_STREAM_ERROR / SESSION_ERROR.
const errorNames = [
  'NGHTTP2_NO_ERROR', 'NGHTTP2_PROTOCOL_ERROR', 'NGHTTP2_INTERNAL_ERROR', 'NGHTTP2_FLOW_CONTROL_ERROR',
  'NGHTTP2_SETTINGS_TIMEOUT', 'NGHTTP2_STREAM_CLOSED', 'NGHTTP2_FRAME_SIZE_ERROR', 'NGHTTP2_REFUSED_STREAM',
  'NGHTTP2_CANCEL', 'NGHTTP2_COMPRESSION_ERROR', 'NGHTTP2_CONNECT_ERROR', 'NGHTTP2_ENHANCE_YOUR_CALM',
  'NGHTTP2_INADEQUATE_SECURITY', 'NGHTTP2_HTTP_1_1_REQUIRED',
];
const nameForErrorCode = (code) => errorNames[code] ?? code;

// Headers that may appear once in a request or response.
const kSingleValue = new Set([
  ':status', ':method', ':authority', ':scheme', ':path', ':protocol', 'access-control-allow-credentials',
  'access-control-max-age', 'access-control-request-method', 'age', 'authorization', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type',
  'date', 'dnt', 'etag', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match',
  'if-range', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization',
  'range', 'referer', 'retry-after', 'tk', 'upgrade-insecure-requests', 'user-agent', 'x-content-type-options',
]);
const kConnectionHeaders = new Set([
  'connection', 'upgrade', 'http2-settings', 'te', 'transfer-encoding', 'keep-alive', 'proxy-connection',
]);
const kRequestPseudo = new Set([':status', ':method', ':authority', ':scheme', ':path', ':protocol']);
const kResponsePseudo = new Set([':status']);
const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;

// Turns a header object into the flat [name, value, ...] list sent, pseudo-headers first,
// and the names to send never-indexed. `kind` is 'request', 'response' or 'trailers'.
function mapToHeaders(headers, kind) {
  const pseudo = [];
  const regular = [];
  const sensitive = new Set();
  const marked = headers[sensitiveHeaders];
  if (Array.isArray(marked)) for (const n of marked) sensitive.add(String(n).toLowerCase());
  const seenSingle = new Set();
  for (const rawKey of Object.keys(headers)) {
    let value = headers[rawKey];
    if (value === undefined || rawKey === '') continue;
    const key = rawKey.toLowerCase();
    const isPseudo = key[0] === ':';
    if (isPseudo) {
      const allowed = kind === 'response' ? kResponsePseudo : kind === 'trailers' ? null : kRequestPseudo;
      if (allowed === null || !allowed.has(key)) throw new ERR_HTTP2_INVALID_PSEUDOHEADER(key);
    } else if (!tokenRe.test(key)) {
      throw new ERR_INVALID_HTTP_TOKEN('Header name', key);
    }
    const isArray = Array.isArray(value);
    if (isArray) {
      if (value.length === 0) continue;
      if (value.length === 1) { value = value[0]; }
    }
    if (kSingleValue.has(key)) {
      if (Array.isArray(value) || seenSingle.has(key)) throw new ERR_HTTP2_HEADER_SINGLE_VALUE(key);
      seenSingle.add(key);
    }
    if (kConnectionHeaders.has(key) && !(key === 'te' && value === 'trailers')) {
      throw new ERR_HTTP2_INVALID_CONNECTION_HEADERS(key);
    }
    const list = isPseudo ? pseudo : regular;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null) throw new ERR_HTTP2_INVALID_HEADER_VALUE(String(v), key);
      list.push(key, String(v));
    }
  }
  return { list: pseudo.concat(regular), sensitive: [...sensitive] };
}

// The header object of a received block: values joined as Node does (cookie with '; ',
// set-cookie as an array, single-value fields keep their first value), ':status' a number.
function toHeaderObject(list) {
  const headers = { __proto__: null };
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i];
    let value = list[i + 1];
    if (name === ':status') value = Number(value);
    const existing = headers[name];
    if (existing === undefined) {
      headers[name] = name === 'set-cookie' ? [value] : value;
    } else if (name === 'set-cookie') {
      existing.push(value);
    } else if (name === 'cookie') {
      headers[name] = `${existing}; ${value}`;
    } else if (!kSingleValue.has(name)) {
      headers[name] = `${existing}, ${value}`;
    }
  }
  headers[sensitiveHeaders] = list.sensitive ? [...list.sensitive] : [];
  return headers;
}

// What nghttp2 checks in a received header block before a stream sees it: pseudo-headers
// of the right side, first and once, lower-case names, no HTTP/1 connection headers, and
// the required pseudo-headers. false means the stream is reset with PROTOCOL_ERROR.
function validReceivedHeaders(list, kind) {
  const seen = new Set();
  let regularSeen = false;
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i];
    if (name === '' || name !== name.toLowerCase()) return false;
    if (name[0] === ':') {
      if (regularSeen || seen.has(name)) return false;
      const ok = kind === 'request' ? name !== ':status' && kRequestPseudo.has(name)
        : kind === 'response' ? name === ':status' : false;
      if (!ok) return false;
      // A path is visible ASCII (or bytes over 0x7f), as nghttp2_check_path has it.
      if (name === ':path' && /[\x00-\x20\x7f]/.test(list[i + 1])) return false;
      seen.add(name);
    } else {
      regularSeen = true;
      if (kConnectionHeaders.has(name) && !(name === 'te' && list[i + 1] === 'trailers')) return false;
    }
  }
  if (kind === 'request') {
    if (!seen.has(':method')) return false;
    const connect = list[list.indexOf(':method') + 1] === 'CONNECT' && !seen.has(':protocol');
    if (!connect && (!seen.has(':path') || !seen.has(':scheme'))) return false;
  }
  if (kind === 'response' && !seen.has(':status')) return false;
  return true;
}

function assertIsObject(value, name, types = 'Object') {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new ERR_INVALID_ARG_TYPE(name, types, value);
  }
}

function assertWithinRange(name, value, min = 0, max = Infinity) {
  if (value !== undefined && (typeof value !== 'number' || value < min || value > max)) {
    throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError(name, value);
  }
}

function assertIsArray(value, name, types = 'Array') {
  if (value !== undefined && !Array.isArray(value)) throw new ERR_INVALID_ARG_TYPE(name, types, value);
}

function sessionName(type) {
  switch (type) {
    case constants.NGHTTP2_SESSION_SERVER: return 'server';
    case constants.NGHTTP2_SESSION_CLIENT: return 'client';
    default: return '<invalid>';
  }
}

// nghttp2's error strings (nghttp2_strerror) for its negative error codes.
const nghttp2Errors = new Map([
  [-501, 'Invalid argument'], [-502, 'Out of buffer space'], [-503, 'Unsupported SPDY version'],
  [-504, 'Operation would block'], [-505, 'Protocol error'], [-506, 'Invalid frame octets'], [-507, 'EOF'],
  [-508, 'Data transfer deferred'], [-509, 'No more Stream ID available'],
  [-510, 'Stream was already closed or invalid'], [-511, 'Stream is closing'],
  [-512, 'The transmission is not allowed for this stream'], [-513, 'Stream ID is invalid'],
  [-514, 'Invalid stream state'], [-515, 'Another DATA frame has already been deferred'],
  [-516, 'request HEADERS is not allowed'], [-517, 'GOAWAY has already been sent'],
  [-518, 'Invalid header block'], [-519, 'Invalid state'],
  [-521, 'The user callback function failed due to the temporal error'],
  [-522, 'The length of the frame is invalid'], [-523, 'Header compression/decompression error'],
  [-524, 'Flow control error'], [-525, 'Insufficient buffer size given to function'],
  [-526, 'Callback was paused by the application'], [-527, 'Too many inflight SETTINGS'],
  [-528, 'Server push is disabled by peer'],
  [-529, 'DATA or HEADERS frame has already been submitted for the stream'],
  [-530, 'The current session is closing'], [-531, 'Invalid HTTP header field was received'],
  [-532, 'Violation in HTTP messaging rule'], [-533, 'Stream was refused'], [-534, 'Internal error'],
  [-535, 'Cancel'], [-900, 'Out of memory'], [-901, 'The user callback function failed'],
  [-902, 'Received bad client magic byte string'],
  [-903, 'Flooding was detected in this HTTP/2 session, and it must be closed'],
]);

// An nghttp2 failure: `errno` the library's code, the message its error string.
// Node's own codes for failures it reports in nghttp2's place, with their messages.
const customErrorMessages = new Map([
  ['ERR_HTTP2_TOO_MANY_INVALID_FRAMES', 'Too many invalid HTTP/2 frames'],
]);

class NghttpError extends Error {
  constructor(integerCode, customErrorCode) {
    super(customErrorMessages.get(customErrorCode) ?? nghttp2Errors.get(integerCode) ?? 'Unknown error code');
    this.code = customErrorCode || 'ERR_HTTP2_ERROR';
    this.errno = integerCode;
  }
  toString() { return `${this.name} [${this.code}]: ${this.message}`; }
}

function isPayloadMeaningless(method) {
  return method === 'GET' || method === 'HEAD' || method === 'DELETE';
}

module.exports = {
  constants, sensitiveHeaders, getDefaultSettings, getPackedSettings, getUnpackedSettings,
  validateSettings, packSettings, applySetting, protocolDefaults, nameForErrorCode,
  mapToHeaders, toHeaderObject, isPayloadMeaningless, kSingleValue, validReceivedHeaders,
  assertIsObject, assertWithinRange, assertIsArray, sessionName, NghttpError, kSocket,
};
