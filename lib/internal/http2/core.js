'use strict';
// node:http2's sessions and streams. HTTP/2 framing, stream states, flow control,
// SETTINGS, PING and GOAWAY are done here, over any Duplex (a net.Socket for h2c, a
// TLSSocket for h2); only HPACK is native (binding.http2, crates/runtime/src/bindings/http2.rs),
// as one encoder/decoder pair per session under a u32 id. A session keeps nothing alive
// in the event loop by itself: its socket does, as for TLS.

const EventEmitter = require('events');
const net = require('net');
const { Duplex } = require('stream');
const natives = binding.http2;
const { runTicks, hasTicks } = require('internal/task_queues');
const ah = require('internal/async_hooks');
const asyncContext = require('internal/async_context');
const {
  constants, sensitiveHeaders, validateSettings, packSettings, applySetting, protocolDefaults,
  nameForErrorCode, mapToHeaders, toHeaderObject, isPayloadMeaningless, validReceivedHeaders, kSocket,
  NghttpError,
} = require('internal/http2/util');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_NOT_IMPLEMENTED,
    ERR_HTTP2_INVALID_SESSION, ERR_HTTP2_GOAWAY_SESSION, ERR_HTTP2_INVALID_STREAM, ERR_HTTP2_HEADERS_SENT,
    ERR_HTTP2_STATUS_INVALID, ERR_HTTP2_STATUS_101, ERR_HTTP2_INVALID_INFO_STATUS, ERR_HTTP2_HEADERS_AFTER_RESPOND,
    ERR_HTTP2_TRAILERS_ALREADY_SENT, ERR_HTTP2_TRAILERS_NOT_READY, ERR_HTTP2_PING_LENGTH, ERR_HTTP2_PING_CANCEL,
    ERR_HTTP2_MAX_PENDING_SETTINGS_ACK, ERR_HTTP2_SESSION_ERROR, ERR_HTTP2_STREAM_ERROR,
    ERR_HTTP2_STREAM_CANCEL, ERR_HTTP2_PUSH_DISABLED, ERR_HTTP2_UNSUPPORTED_PROTOCOL, ERR_HTTP2_CONNECT_AUTHORITY,
    ERR_HTTP2_CONNECT_SCHEME, ERR_HTTP2_CONNECT_PATH, ERR_HTTP2_STREAM_SELF_DEPENDENCY, ERR_HTTP2_ERROR,
    ERR_HTTP2_SEND_FILE, ERR_HTTP2_PAYLOAD_FORBIDDEN, ERR_HTTP2_OUT_OF_STREAMS, ERR_HTTP2_NESTED_PUSH,
    ERR_HTTP2_ALTSVC_INVALID_ORIGIN, ERR_HTTP2_ALTSVC_LENGTH, ERR_HTTP2_INVALID_ORIGIN, ERR_HTTP2_ORIGIN_LENGTH,
    ERR_INVALID_CHAR,
  },
  validateFunction, validateObject, validateNumber, validateInteger,
} = require('internal/errors');

const {
  NGHTTP2_NO_ERROR, NGHTTP2_PROTOCOL_ERROR, NGHTTP2_INTERNAL_ERROR, NGHTTP2_FLOW_CONTROL_ERROR,
  NGHTTP2_FRAME_SIZE_ERROR, NGHTTP2_REFUSED_STREAM, NGHTTP2_CANCEL, NGHTTP2_COMPRESSION_ERROR,
  NGHTTP2_SESSION_SERVER, NGHTTP2_SESSION_CLIENT, NGHTTP2_STREAM_CLOSED, NGHTTP2_ENHANCE_YOUR_CALM,
} = constants;

// Frame types and flags (RFC 9113 section 6).
const DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PUSH_PROMISE = 5, PING = 6,
  GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9, ALTSVC = 0xa, ORIGIN = 0xc;
const FLAG_END_STREAM = 0x1, FLAG_ACK = 0x1, FLAG_END_HEADERS = 0x4, FLAG_PADDED = 0x8, FLAG_PRIORITY = 0x20;
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const kMaxPendingPings = 10;
const kMaxPendingSettings = 10;

// Open sessions, named when a snapshot build refuses them (internal/snapshot.js).
const liveSessions = new Set();
internals.describeHttp2Sessions = () => [...liveSessions].map((s) => ({
  kind: `http2 ${s.type === NGHTTP2_SESSION_SERVER ? 'server' : 'client'} session`, where: s._where,
}));

function frameHeader(length, type, flags, id) {
  const h = Buffer.allocUnsafe(9);
  h.writeUIntBE(length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(id & 0x7fffffff, 5);
  return h;
}

const kNoManipulation = new Set(['destroy', 'emit', 'end', 'pause', 'read', 'resume', 'write', 'setEncoding', 'setKeepAlive', 'setNoDelay']);
const kSessionOwned = new Set(['setTimeout', 'ref', 'unref']);
function sessionSocketProxy(session) {
  const { ERR_HTTP2_NO_SOCKET_MANIPULATION, ERR_HTTP2_SOCKET_UNBOUND } = require('internal/errors').codes;
  // Once the session is gone, so is its socket: any use of the proxy says so.
  const bound = () => {
    if (session._destroyed) throw new ERR_HTTP2_SOCKET_UNBOUND();
  };
  return {
    getPrototypeOf(socket) {
      bound();
      return Object.getPrototypeOf(socket);
    },
    get(socket, prop) {
      bound();
      if (kSessionOwned.has(prop)) return session[prop].bind(session);
      if (kNoManipulation.has(prop)) throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
      const value = socket[prop];
      return typeof value === 'function' ? value.bind(socket) : value;
    },
    set(socket, prop, value) {
      bound();
      if (kSessionOwned.has(prop)) session[prop] = value;
      else if (kNoManipulation.has(prop)) throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
      else socket[prop] = value;
      return true;
    },
  };
}

// A header list's size as SETTINGS_MAX_HEADER_LIST_SIZE counts it: name and value
// lengths plus 32 per field.
function headerListSize(list) {
  let n = 0;
  for (let i = 0; i < list.length; i += 2) n += list[i].length + list[i + 1].length + 32;
  return n;
}

// Standard SETTINGS identifiers (RFC 9113 6.5.2, RFC 8441); any other is an extension's.
const kStandardSettings = new Set([1, 2, 3, 4, 5, 6, 8]);

function settingsView(settings, custom) {
  const view = { ...settings };
  if (custom !== null) view.customSettings = { ...custom };
  return view;
}

// A ping's callback, in its async resource when hooks are on.
function callPing(ping, ...args) {
  if (ping[ah.kAsyncId] === undefined) return ping.callback(...args);
  ah.enter(ping);
  try {
    return ping.callback(...args);
  } finally {
    ah.leave(ping);
    ah.destroy(ping);
  }
}

// Runs a stream's event in the async context its request was made in (what a client
// stream's events see in Node, where the stream is an async resource).
function inStreamContext(stream, fn) {
  const context = stream._context;
  if (context === undefined) return fn();
  const prev = asyncContext.getContext();
  asyncContext.setContext(context);
  try {
    return fn();
  } finally {
    asyncContext.setContext(prev);
  }
}

function nowMs() {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

class Http2Session extends EventEmitter {
  constructor(type, options, socket) {
    super();
    this._type = type;
    this._options = options;
    this._socket = socket;
    this[kSocket] = socket;
    this._maxOutstandingPings = options.maxOutstandingPings ?? kMaxPendingPings;
    // Limits on what the peer sends, as nghttp2 enforces them for Node: header pairs per
    // block (at least 4 for a server, which needs the pseudo-headers), entries per
    // SETTINGS frame.
    const pairs = options.maxHeaderListPairs ?? 128;
    this._maxHeaderPairs = type === NGHTTP2_SESSION_SERVER ? Math.max(pairs, 4) : Math.max(pairs, 1);
    this._maxSettings = options.maxSettings ?? 32;
    this._maxInvalidFrames = options.maxSessionInvalidFrames ?? 1000;
    this._invalidFrames = 0;
    this._hpack = natives.newHpack();
    this._streams = new Map();
    this._nextStreamId = type === NGHTTP2_SESSION_CLIENT ? 1 : 2;
    this._lastPeerStreamId = 0;
    this._buffer = null;
    this._needPreface = type === NGHTTP2_SESSION_SERVER;
    this._local = protocolDefaults();
    this._remote = protocolDefaults();
    this._localCustom = null;
    this._remoteCustom = null;
    this._localView = undefined;
    this._remoteView = undefined;
    this._remoteCustomIds = Array.isArray(options.remoteCustomSettings) ? options.remoteCustomSettings : [];
    this._pendingSettings = [];
    this._pings = [];
    this._sendWindow = 65535;
    this._localWindow = 65535;
    this._headerBlock = null;
    this._outControl = [];
    this._outData = [];
    this._synParts = new Set();
    this._deferredAcks = new Set();
    this._writeCallbacks = [];
    this._sendScheduled = false;
    this._inReceive = false;
    this._closed = false;
    this._destroyed = false;
    this._goawaySent = false;
    this._goawayReceived = false;
    this._goawayCode = NGHTTP2_NO_ERROR;
    this._destroyCode = NGHTTP2_NO_ERROR;
    this._connecting = true;
    this._timeout = 0;
    this._timer = null;
    this._where = internals.callerLocation();
    this.alpnProtocol = socket.encrypted ? (socket.alpnProtocol || 'h2') : 'h2c';
    this.encrypted = !!socket.encrypted;
    if (socket._http2Session) throw new (require('internal/errors').codes.ERR_HTTP2_SOCKET_BOUND)();
    liveSessions.add(this);
    socket._http2Session = this;
    this._onData = (chunk) => this._receive(chunk);
    // The peer went away: its open streams end as canceled (aborted, rstCode CANCEL).
    this._onSocketEnd = () => {
      for (const stream of [...this._streams.values()]) stream._onRst(NGHTTP2_CANCEL);
      this.destroy();
    };
    this._onSocketClose = this._onSocketEnd;
    this._onSocketError = (err) => this.destroy(err);
    socket.on('data', this._onData);
    socket.on('end', this._onSocketEnd);
    socket.on('close', this._onSocketClose);
    socket.on('error', this._onSocketError);

    this._initialSettings = validateSettings(options.settings);
    // Our SETTINGS_MAX_CONCURRENT_STREAMS holds from the start for streams the peer opens,
    // as nghttp2 enforces it before the acknowledgement.
    this._maxPeerStreams = this._initialSettings.find(([id]) => id === 3)?.[1] ?? 2 ** 32 - 1;
    if (type === NGHTTP2_SESSION_SERVER) this._sendPreface();
    if (socket.isPaused?.()) socket.resume();
  }

  // Our preface: the client's magic, then SETTINGS with what the options ask for. A client
  // sends it once connected, as Node attaches its session to the socket then.
  _sendPreface() {
    const pairs = this._initialSettings;
    const out = [];
    if (this._type === NGHTTP2_SESSION_CLIENT) out.push(PREFACE);
    const payload = packSettings(pairs);
    this._noteLocalCustom(pairs);
    out.push(frameHeader(payload.length, SETTINGS, 0, 0), payload);
    // Settings asked for before the connection came are acknowledged after these.
    this._pendingSettings.unshift({ pairs, callback: undefined, start: nowMs() });
    this._socket.write(Buffer.concat(out));
  }

  // Our settings of extensions count from when they are sent, as in Node.
  _noteLocalCustom(pairs) {
    for (const [id, value] of pairs) {
      if (kStandardSettings.has(id)) continue;
      (this._localCustom ??= {})[id] = value;
      this._localView = undefined;
    }
  }

  get type() { return this._type; }
  // The socket as users see it: reading, writing, pausing or destroying it directly
  // would break the session, so those throw; timeouts and ref/unref are the session's.
  get socket() {
    if (this._socket === undefined) return undefined;
    return (this._socketProxy ??= new Proxy(this._socket, sessionSocketProxy(this)));
  }
  get closed() { return this._closed; }
  get destroyed() { return this._destroyed; }
  get connecting() { return this._connecting; }
  get pendingSettingsAck() { return !this._connecting && this._pendingSettings.length > 0; }
  // A TLS client's origins this connection may serve: its own, those the server's
  // ORIGIN frames add, less those a 421 response removed.
  get originSet() {
    if (!this.encrypted || this._destroyed || this._authority === undefined) return undefined;
    this._origins ??= [`https://${this._authority}`];
    return this._origins.slice();
  }

  // The same object until the settings change (as Node caches them); settings of
  // extensions are listed under customSettings: ours as sent, the peer's only for the
  // identifiers options.remoteCustomSettings names.
  get localSettings() {
    if (this._destroyed || this._connecting) return {};
    return (this._localView ??= settingsView(this._local, this._localCustom));
  }

  get remoteSettings() {
    if (this._destroyed || this._connecting) return {};
    return (this._remoteView ??= settingsView(this._remote, this._remoteCustom));
  }

  get state() {
    if (this._destroyed) return {};
    return {
      effectiveLocalWindowSize: this._localWindow,
      effectiveRecvDataLength: 0,
      nextStreamID: this._nextStreamId,
      localWindowSize: this._localWindowMax ?? this._localWindow,
      lastProcStreamID: this._lastPeerStreamId,
      remoteWindowSize: this._sendWindow,
      outboundQueueSize: 1,
      deflateDynamicTableSize: 0,
      inflateDynamicTableSize: 0,
    };
  }

  // The connection's receive window: raising it sends the difference as a WINDOW_UPDATE
  // (received data is given back as it arrives, so the window stays at this size).
  // Lowering it only lowers the effective window, as nghttp2 does: the window the peer
  // was given (state.localWindowSize) cannot be taken back.
  setLocalWindowSize(windowSize) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    validateInteger(windowSize, 'windowSize', 0, 2 ** 31 - 1);
    const delta = windowSize - this._localWindow;
    this._localWindow = windowSize;
    this._localWindowMax = Math.max(this._localWindowMax ?? 65535, windowSize);
    if (delta > 0) {
      const wu = Buffer.alloc(4);
      wu.writeUInt32BE(delta, 0);
      this._write(frameHeader(4, WINDOW_UPDATE, 0, 0), wu);
    }
  }

  ref() { this._socket?.ref?.(); }
  unref() { this._socket?.unref?.(); }

  setTimeout(msecs, callback) {
    if (this._destroyed) return;
    validateNumber(msecs, 'msecs');
    // As Node's setStreamTimeout: the callback runs once; a timeout of 0 removes it.
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      if (msecs === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this._timeout = msecs;
    this._refreshTimer();
  }

  _refreshTimer() {
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    if (this._timeout > 0 && !this._destroyed) {
      this._timer = setTimeout(() => { this._timer = null; this.emit('timeout'); }, this._timeout);
      this._timer.unref();
    }
  }

  settings(settings = {}, callback) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    validateObject(settings, 'settings');
    const pairs = validateSettings(settings);
    if (callback !== undefined) validateFunction(callback, 'callback');
    // More SETTINGS awaiting acknowledgement than options.maxOutstandingSettings (our
    // first counts): the session ends with that error, as Node's does.
    if (this._pendingSettings.length >= (this._options.maxOutstandingSettings ?? kMaxPendingSettings)) {
      this.destroy(new ERR_HTTP2_MAX_PENDING_SETTINGS_ACK());
      return;
    }
    const payload = packSettings(pairs);
    this._noteLocalCustom(pairs);
    this._pendingSettings.push({ pairs, callback, start: nowMs() });
    this._write(frameHeader(payload.length, SETTINGS, 0, 0), payload);
  }

  ping(payload, callback) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    if (typeof payload === 'function') {
      callback = payload;
      payload = undefined;
    }
    if (payload !== undefined) {
      if (!ArrayBuffer.isView(payload)) {
        throw new ERR_INVALID_ARG_TYPE('payload', ['Buffer', 'TypedArray', 'DataView'], payload);
      }
      payload = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
      if (payload.length !== 8) throw new ERR_HTTP2_PING_LENGTH();
    } else {
      payload = Buffer.alloc(8);
    }
    validateFunction(callback, 'callback');
    const ping = { payload: Buffer.from(payload), callback, start: nowMs() };
    // An HTTP2PING async resource, as Node's ping request is (one refused too).
    if (ah.state.on) ah.init(ping, 'HTTP2PING');
    if (this._pings.length >= this._maxOutstandingPings) {
      process.nextTick(callPing, ping, new ERR_HTTP2_PING_CANCEL());
      return false;
    }
    this._pings.push(ping);
    this._write(frameHeader(8, PING, 0, 0), payload);
    return true;
  }

  goaway(code = NGHTTP2_NO_ERROR, lastStreamID = 0, opaqueData) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    if (opaqueData !== undefined && !ArrayBuffer.isView(opaqueData)) {
      throw new ERR_INVALID_ARG_TYPE('opaqueData', ['Buffer', 'TypedArray', 'DataView'], opaqueData);
    }
    validateNumber(code, 'code');
    validateNumber(lastStreamID, 'lastStreamID');
    this._sendGoaway(code, lastStreamID, opaqueData);
  }

  _sendGoaway(code, lastStreamID = 0, opaqueData) {
    if (!lastStreamID) lastStreamID = this._lastPeerStreamId;
    const opaque = opaqueData ? Buffer.from(opaqueData.buffer, opaqueData.byteOffset, opaqueData.byteLength) : Buffer.alloc(0);
    const payload = Buffer.alloc(8 + opaque.length);
    payload.writeUInt32BE(lastStreamID & 0x7fffffff, 0);
    payload.writeUInt32BE(code >>> 0, 4);
    opaque.copy(payload, 8);
    this._goawaySent = true;
    this._write(frameHeader(payload.length, GOAWAY, 0, 0), payload);
  }

  close(callback) {
    if (this._closed || this._destroyed) return;
    this._closed = true;
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('close', callback);
    }
    if (!this._connecting) this._sendGoaway(NGHTTP2_NO_ERROR);
    // Destroyed once the GOAWAY is on its way (Node's graceful close), not at once.
    process.nextTick(() => this._maybeDestroy());
  }

  _maybeDestroy() {
    if (this._closed && !this._destroyed && this._streams.size === 0 && !this._pendingStreams?.length) {
      this.destroy();
    }
  }

  destroy(error = NGHTTP2_NO_ERROR, code) {
    if (this._destroyed) return;
    if (typeof error === 'number') {
      code = error;
      error = code !== NGHTTP2_NO_ERROR ? new ERR_HTTP2_SESSION_ERROR(code) : undefined;
    }
    if (code === undefined && error != null) code = NGHTTP2_INTERNAL_ERROR;
    this._destroying = true;
    this._destroyCode = code ?? NGHTTP2_NO_ERROR;
    // Streams first: those not yet sent are canceled, the others end with the session.
    for (const stream of this._pendingStreams ?? []) stream.destroy(new ERR_HTTP2_STREAM_CANCEL());
    this._pendingStreams = [];
    for (const stream of this._waitingStreams?.splice(0) ?? []) stream.destroy(new ERR_HTTP2_STREAM_CANCEL());
    for (const stream of [...this._streams.values()]) stream.destroy(error);
    this._destroyed = true;
    liveSessions.delete(this);
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    for (const p of this._pings.splice(0)) process.nextTick(callPing, p, new ERR_HTTP2_PING_CANCEL());
    // Settings never acknowledged stay unacknowledged; their callbacks are not called
    // (as in Node, whose session is gone by then).
    const socket = this._socket;
    socket.removeListener('data', this._onData);
    socket.removeListener('end', this._onSocketEnd);
    socket.removeListener('close', this._onSocketClose);
    socket.removeListener('error', this._onSocketError);
    socket.on('error', () => {});
    if (!socket.destroyed) {
      if (!this._connecting && socket.writable) this._sendGoaway(this._destroyCode);
      this._inReceive = false;
      this._sendPending();
      // The socket goes once what is queued (the GOAWAY) is written; one still
      // connecting goes at once.
      if (this._connecting) socket.destroy();
      else if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end(() => socket.destroy());
    }
    socket._http2Session = undefined;
    natives.free(this._hpack);
    // 'close' once the socket is closed too.
    const emitClose = () => {
      if (error != null) this.emit('error', error);
      this.emit('close');
    };
    if (socket.destroyed || this._connecting) process.nextTick(emitClose);
    else socket.once('close', () => process.nextTick(emitClose));
  }

  // ---- output ----

  // Frames are queued and written together, control frames before DATA, as nghttp2 does:
  // once a received chunk has been handled, or on the next tick for what user code sends.
  _write(...parts) {
    for (const p of parts) this._outControl.push(p);
    this._scheduleSend();
  }

  _writeData(...parts) {
    for (const p of parts) this._outData.push(p);
    this._scheduleSend();
  }

  _scheduleSend() {
    if (this._sendScheduled || this._inReceive) return;
    this._sendScheduled = true;
    process.nextTick(() => {
      this._sendScheduled = false;
      this._sendPending();
    });
  }

  _sendPending() {
    // Nothing goes before the preface: a client's frames wait for the connection.
    if (this._inReceive || this._connecting) return;
    const parts = this._outControl.concat(this._outData);
    this._outControl = [];
    this._outData = [];
    this._synParts.clear();
    // Streams' writes are done once their DATA is handed to the socket (so writableLength
    // counts what is still queued here, and writes made meanwhile are batched).
    const callbacks = this._writeCallbacks;
    this._writeCallbacks = [];
    const socket = this._socket;
    if (parts.length > 0 && !socket.destroyed && socket.writable) {
      socket.write(parts.length === 1 ? parts[0] : Buffer.concat(parts));
      this._refreshTimer();
    }
    for (const cb of callbacks) cb();
  }

  _afterWrite(callback) {
    this._writeCallbacks.push(callback);
    this._scheduleSend();
  }

  // Returns false, sending nothing, for a block over options.maxSendHeaderBlockLength.
  // `priority` (5 bytes: dependency and weight) goes in the first frame, flagged.
  _sendHeaders(id, list, sensitive, flags, asData = false, priority, syn = false) {
    // The HEADERS opening a stream of ours are one part, known as such (see _connectionError).
    const write = asData ? (...p) => this._writeData(...p) : syn ? (...p) => {
      const part = Buffer.concat(p);
      this._synParts.add(part);
      this._write(part);
    } : (...p) => this._write(...p);
    const limit = this._options.maxSendHeaderBlockLength;
    if (limit !== undefined && headerListSize(list) > limit) return false;
    let block = Buffer.from(natives.encode(this._hpack, list, sensitive));
    if (priority !== undefined) {
      block = Buffer.concat([priority, block]);
      flags |= FLAG_PRIORITY;
    }
    const max = this._remote.maxFrameSize;
    if (block.length <= max) {
      write(frameHeader(block.length, HEADERS, flags | FLAG_END_HEADERS, id), block);
      return true;
    }
    const parts = [frameHeader(max, HEADERS, flags, id), block.subarray(0, max)];
    for (let off = max; off < block.length; off += max) {
      const piece = block.subarray(off, off + max);
      const last = off + max >= block.length;
      parts.push(frameHeader(piece.length, CONTINUATION, last ? FLAG_END_HEADERS : 0, id), piece);
    }
    write(...parts);
    return true;
  }

  // PUSH_PROMISE on stream `id` for the stream `promised`, with CONTINUATION frames for
  // a header block larger than a frame.
  _sendPushPromise(id, promised, list, sensitive) {
    const block = Buffer.from(natives.encode(this._hpack, list, sensitive));
    const head = Buffer.alloc(4);
    head.writeUInt32BE(promised & 0x7fffffff, 0);
    const max = this._remote.maxFrameSize - 4;
    if (block.length <= max) {
      this._write(frameHeader(4 + block.length, PUSH_PROMISE, FLAG_END_HEADERS, id), head, block);
      return;
    }
    const parts = [frameHeader(4 + max, PUSH_PROMISE, 0, id), head, block.subarray(0, max)];
    const frameMax = this._remote.maxFrameSize;
    for (let off = max; off < block.length; off += frameMax) {
      const piece = block.subarray(off, off + frameMax);
      const last = off + frameMax >= block.length;
      parts.push(frameHeader(piece.length, CONTINUATION, last ? FLAG_END_HEADERS : 0, id), piece);
    }
    this._write(...parts);
  }

  _sendRst(id, code, afterData = false) {
    const payload = Buffer.alloc(4);
    payload.writeUInt32BE(code >>> 0, 0);
    if (afterData) this._writeData(frameHeader(4, RST_STREAM, 0, id), payload);
    else this._write(frameHeader(4, RST_STREAM, 0, id), payload);
  }

  // Sends queued DATA of every stream as far as the flow-control windows allow.
  _flush() {
    for (const stream of this._streams.values()) {
      if (stream._outQueue.length > 0 || stream._outEndQueued) stream._flushOut();
    }
  }

  // Streams this side opened that are still open.
  _openOwnStreams() {
    const mine = this._type === NGHTTP2_SESSION_CLIENT ? 1 : 0;
    let n = 0;
    for (const id of this._streams.keys()) if (id % 2 === mine) n++;
    return n;
  }

  _startWaiting() {
    const waiting = this._waitingStreams;
    if (!waiting || waiting.length === 0 || this._destroyed) return;
    while (waiting.length > 0 && this._openOwnStreams() < this._remote.maxConcurrentStreams) {
      const stream = waiting.shift();
      if (!stream.destroyed) stream._start();
    }
  }

  // ---- input ----

  _receive(chunk) {
    if (this._destroyed) return;
    this._inReceive = true;
    try {
      this._receiveFrames(chunk);
    } finally {
      this._inReceive = false;
      if (this._deferredAcks.size > 0) {
        const streams = [...this._deferredAcks];
        this._deferredAcks.clear();
        for (const stream of streams) stream._ackData();
      }
      this._sendPending();
    }
  }

  _receiveFrames(chunk) {
    this._refreshTimer();
    this._buffer = this._buffer ? Buffer.concat([this._buffer, chunk]) : chunk;
    let buf = this._buffer;
    if (this._needPreface) {
      const n = Math.min(buf.length, PREFACE.length);
      if (buf.subarray(0, n).compare(PREFACE, 0, n) !== 0) {
        this._buffer = null;
        this.destroy(new ERR_HTTP2_ERROR('Received bad client magic byte string'), NGHTTP2_PROTOCOL_ERROR);
        return;
      }
      if (buf.length < PREFACE.length) return;
      this._needPreface = false;
      buf = buf.subarray(PREFACE.length);
    }
    // One frame at a time, with the tick queue drained between frames: in Node each frame
    // reaches JS as its own callback from native code, so what one stream's event schedules
    // ('end', 'close') runs before the next frame is seen.
    this._buffer = buf;
    while (!this._destroyed && this._buffer !== null && this._buffer.length >= 9) {
      buf = this._buffer;
      const length = buf.readUIntBE(0, 3);
      if (length > this._local.maxFrameSize) {
        this._buffer = null;
        this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
        return;
      }
      if (buf.length < 9 + length) break;
      const type = buf[3];
      const flags = buf[4];
      const id = buf.readUInt32BE(5) & 0x7fffffff;
      const payload = buf.subarray(9, 9 + length);
      this._buffer = buf.length > 9 + length ? buf.subarray(9 + length) : null;
      this._frame(type, flags, id, payload);
      if (this._buffer !== null && hasTicks()) runTicks();
    }
  }

  // An invalid frame, as nghttp2 reports them to Node: past
  // options.maxSessionInvalidFrames of them the session ends. Returns true then.
  _invalidFrame() {
    if (this._invalidFrames++ <= this._maxInvalidFrames) return false;
    this.destroy(new NghttpError(-902, 'ERR_HTTP2_TOO_MANY_INVALID_FRAMES'));
    return true;
  }

  _connectionError(code, error = new ERR_HTTP2_ERROR('Protocol error')) {
    if (this._destroyed) return;
    // The session is over: streams not yet opened on the wire never will be (nghttp2
    // sends no new stream after a terminating GOAWAY), and no more DATA goes out.
    if (this._synParts.size > 0) this._outControl = this._outControl.filter((p) => !this._synParts.has(p));
    this._outData = [];
    this._sendGoaway(code);
    this.destroy(error, code);
  }

  _frame(type, flags, id, payload) {
    if (this._headerBlock !== null && type !== CONTINUATION) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
    switch (type) {
      case DATA: return this._onDataFrame(flags, id, payload);
      case HEADERS: {
        if (id === 0) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
        let p = payload;
        let pad = 0;
        if (flags & FLAG_PADDED) { pad = p[0]; p = p.subarray(1); }
        let weight;
        if (flags & FLAG_PRIORITY) {
          if (p.length < 5) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
          weight = p[4] + 1;
          p = p.subarray(5);
        }
        if (pad > p.length) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
        p = p.subarray(0, p.length - pad);
        this._headerBlock = { id, flags, chunks: [p], promised: 0, weight };
        if (flags & FLAG_END_HEADERS) this._endHeaderBlock();
        return;
      }
      case CONTINUATION:
        if (this._headerBlock === null || this._headerBlock.id !== id) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
        this._headerBlock.chunks.push(payload);
        if (flags & FLAG_END_HEADERS) this._endHeaderBlock();
        return;
      case PRIORITY: {
        if (id === 0) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
        if (payload.length !== 5) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
        const word = payload.readUInt32BE(0);
        const parent = word & 0x7fffffff;
        const exclusive = (word & 0x80000000) !== 0;
        const weight = payload[4] + 1;
        // On the stream when it is open, else on the session (a server passes it on).
        const stream = this._streams.get(id);
        if (stream) {
          stream._weight = weight;
          stream.emit('priority', id, parent, weight, exclusive);
        } else {
          this.emit('priority', id, parent, weight, exclusive);
        }
        return;
      }
      case RST_STREAM: {
        if (payload.length !== 4) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
        const stream = this._streams.get(id);
        if (stream) stream._onRst(payload.readUInt32BE(0));
        return;
      }
      case SETTINGS: return this._onSettings(flags, payload);
      case PUSH_PROMISE: {
        // Only servers push, and only to a client that did not disable it.
        if (this._type !== NGHTTP2_SESSION_CLIENT || this._local.enablePush === false) {
          return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
        }
        let p = payload;
        let pad = 0;
        if (flags & FLAG_PADDED) { pad = p[0]; p = p.subarray(1); }
        const promised = p.readUInt32BE(0) & 0x7fffffff;
        p = p.subarray(4, p.length - pad);
        this._headerBlock = { id, flags, chunks: [p], promised };
        if (flags & FLAG_END_HEADERS) this._endHeaderBlock();
        return;
      }
      case PING:
        if (payload.length !== 8) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
        if (flags & FLAG_ACK) {
          const i = this._pings.findIndex((p) => p.payload.equals(payload));
          if (i >= 0) {
            const [p] = this._pings.splice(i, 1);
            callPing(p, null, nowMs() - p.start, Buffer.from(payload));
          } else if (this._pings.length === 0) {
            // An acknowledgement of no ping of ours: a connection error, as in Node.
            return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
          }
        } else {
          this._write(frameHeader(8, PING, FLAG_ACK, 0), payload);
          this.emit('ping', Buffer.from(payload));
        }
        return;
      case GOAWAY: return this._onGoaway(payload);
      case WINDOW_UPDATE: {
        if (payload.length !== 4) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
        const inc = payload.readUInt32BE(0) & 0x7fffffff;
        if (id === 0) {
          this._sendWindow += inc;
          if (this._sendWindow > 2 ** 31 - 1) return this._connectionError(NGHTTP2_FLOW_CONTROL_ERROR);
          this._flush();
        } else {
          const stream = this._streams.get(id);
          if (stream) {
            stream._sendWindow += inc;
            stream._flushOut();
          }
        }
        return;
      }
      case ALTSVC: return this._onAltsvc(id, payload);
      case ORIGIN: return this._onOrigin(id, payload);
      default: return; // Unknown frame types are ignored (RFC 9113 section 5.5).
    }
  }

  _onSettings(flags, payload) {
    if (flags & FLAG_ACK) {
      const pending = this._pendingSettings.shift();
      if (!pending) return;
      for (const [id, value] of pending.pairs) {
        if (id === 4) {
          const delta = value - this._local.initialWindowSize;
          for (const stream of this._streams.values()) stream._recvWindow += delta;
        }
        if (!kStandardSettings.has(id)) (this._localCustom ??= {})[id] = value;
        applySetting(this._local, id, value);
        if (id === 1) natives.setTableSize(this._hpack, 1, value);
      }
      this._localView = undefined;
      const settings = this.localSettings;
      this.emit('localSettings', settings);
      if (pending.callback) pending.callback(null, settings, nowMs() - pending.start);
      return;
    }
    if (payload.length % 6 !== 0) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
    if (payload.length / 6 > this._maxSettings) return this._connectionError(NGHTTP2_ENHANCE_YOUR_CALM);
    for (let i = 0; i < payload.length; i += 6) {
      const id = payload.readUInt16BE(i);
      const value = payload.readUInt32BE(i + 2);
      if (id === 4) {
        if (value > 2 ** 31 - 1) return this._connectionError(NGHTTP2_FLOW_CONTROL_ERROR);
        const delta = value - this._remote.initialWindowSize;
        for (const stream of this._streams.values()) stream._sendWindow += delta;
      }
      if (id === 5 && (value < 16384 || value > 2 ** 24 - 1)) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
      // Extended CONNECT (RFC 8441 section 3): 0 or 1, and once on it stays on.
      if (id === 8 && (value > 1 || (value === 0 && this._remote.enableConnectProtocol))) {
        return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
      }
      if (id === 1) natives.setTableSize(this._hpack, 0, value);
      if (!kStandardSettings.has(id) && this._remoteCustomIds.includes(id)) (this._remoteCustom ??= {})[id] = value;
      applySetting(this._remote, id, value);
    }
    this._remoteView = undefined;
    this._write(frameHeader(0, SETTINGS, FLAG_ACK, 0));
    this.emit('remoteSettings', this.remoteSettings);
    this._startWaiting();
    this._flush();
  }

  _onGoaway(payload) {
    if (payload.length < 8) return this._connectionError(NGHTTP2_FRAME_SIZE_ERROR);
    const lastStreamID = payload.readUInt32BE(0) & 0x7fffffff;
    const code = payload.readUInt32BE(4);
    const opaque = payload.length > 8 ? Buffer.from(payload.subarray(8)) : undefined;
    this._goawayReceived = true;
    this._goawayCode = code;
    this.emit('goaway', code, lastStreamID, opaque);
    // Streams we opened that the peer will not process end as refused.
    for (const stream of [...this._streams.values()]) {
      if (stream.id > lastStreamID && (stream.id % 2 === 1) === (this._type === NGHTTP2_SESSION_CLIENT)) {
        stream._onRst(NGHTTP2_REFUSED_STREAM);
      }
    }
    if (code === NGHTTP2_NO_ERROR) this.close();
    else this.destroy(new ERR_HTTP2_SESSION_ERROR(code), NGHTTP2_NO_ERROR);
  }

  _onDataFrame(flags, id, payload) {
    if (id === 0) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
    // Empty DATA frames that do not end the stream count as invalid (a flood of them
    // is an attack), as Node counts them.
    if (payload.length === 0 && !(flags & FLAG_END_STREAM) && this._invalidFrame()) return;
    // The connection's window is given back as data arrives; a stream's once its
    // Readable takes the data (so a stream nobody reads stops its sender).
    if (payload.length > 0) this._sendWindowUpdate(0, payload.length);
    let p = payload;
    if (flags & FLAG_PADDED) {
      const pad = p[0];
      if (pad >= p.length) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
      p = p.subarray(1, p.length - pad);
    }
    const stream = this._streams.get(id);
    if (!stream) {
      if (id > this._lastPeerStreamId && (id % 2 === 1) !== (this._type === NGHTTP2_SESSION_CLIENT)) {
        return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
      }
      return; // A stream we closed; its late data is dropped.
    }
    // Past the stream's window: a stream error (RFC 9113 6.9.1).
    stream._recvWindow -= payload.length;
    if (stream._recvWindow < 0) {
      this._sendRst(id, NGHTTP2_FLOW_CONTROL_ERROR);
      stream._onRst(NGHTTP2_FLOW_CONTROL_ERROR);
      return;
    }
    inStreamContext(stream, () => stream._onData(p, (flags & FLAG_END_STREAM) !== 0, payload.length));
  }

  _sendWindowUpdate(id, increment) {
    const wu = Buffer.alloc(4);
    wu.writeUInt32BE(increment, 0);
    this._write(frameHeader(4, WINDOW_UPDATE, 0, id), wu);
  }

  _endHeaderBlock() {
    const { id, flags, chunks, promised, weight } = this._headerBlock;
    this._headerBlock = null;
    const list = natives.decode(this._hpack, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    if (list === null) return this._connectionError(NGHTTP2_COMPRESSION_ERROR);
    if (promised) return this._onPushPromise(id, promised, flags, list);
    // A header block over our limits resets its stream (ENHANCE_YOUR_CALM), as nghttp2
    // does: too many pairs, or more than SETTINGS_MAX_HEADER_LIST_SIZE (RFC 9113 6.5.2).
    if (list.length / 2 > this._maxHeaderPairs || headerListSize(list) > this._local.maxHeaderListSize) {
      if (this._type === NGHTTP2_SESSION_SERVER && id % 2 === 1 && id > this._lastPeerStreamId) this._lastPeerStreamId = id;
      const stream = this._streams.get(id);
      if (stream) stream._onRst(NGHTTP2_ENHANCE_YOUR_CALM);
      this._sendRst(id, NGHTTP2_ENHANCE_YOUR_CALM);
      return;
    }
    const endStream = (flags & FLAG_END_STREAM) !== 0;
    const stream = this._streams.get(id);
    if (stream) {
      // HEADERS after the peer ended the stream: nghttp2 ends the session with
      // STREAM_CLOSED ("Stream was already closed or invalid").
      if (stream._recvEnd) return this._connectionError(NGHTTP2_STREAM_CLOSED, new NghttpError(-510));
      inStreamContext(stream, () => stream._onHeaders(list, flags | FLAG_END_HEADERS, endStream));
      return;
    }
    if (this._type === NGHTTP2_SESSION_SERVER && id % 2 === 1 && id > this._lastPeerStreamId) {
      this._lastPeerStreamId = id;
      if (this._closed || this._goawaySent || this._streams.size - this._openOwnStreams() >= Math.min(this._maxPeerStreams, this._local.maxConcurrentStreams)) {
        this._sendRst(id, NGHTTP2_REFUSED_STREAM);
        return;
      }
      // A request ended by its HEADERS has no body: a content-length saying otherwise
      // is a protocol error (nghttp2 checks the length against the DATA received).
      const lengthIndex = list.indexOf('content-length');
      const badLength = endStream && lengthIndex >= 0 && lengthIndex % 2 === 0 && list[lengthIndex + 1] !== '0';
      if (badLength || !validReceivedHeaders(list, 'request')) {
        if (this._invalidFrame()) return;
        this._sendRst(id, NGHTTP2_PROTOCOL_ERROR);
        return;
      }
      const headers = toHeaderObject(list);
      const raw = Array.prototype.slice.call(list);
      const stream = new ServerHttp2Stream(this, id, headers);
      if (weight !== undefined) stream._weight = weight;
      this._streams.set(id, stream);
      if (endStream) {
        stream.endAfterHeaders = true;
        stream._onEndOfInput();
      }
      this.emit('stream', stream, headers, flags | FLAG_END_HEADERS, raw);
      return;
    }
    // Headers on a stream that is closed: the stream is answered with STREAM_CLOSED.
    if (id <= this._lastPeerStreamId || id < this._nextStreamId) this._sendRst(id, NGHTTP2_STREAM_CLOSED);
    else this._connectionError(NGHTTP2_PROTOCOL_ERROR);
  }

  // ALTSVC (RFC 7838 section 4): on stream 0 with an origin, or on a stream without one;
  // anything else is ignored, as are ALTSVC frames a server receives.
  _onAltsvc(id, payload) {
    if (this._type !== NGHTTP2_SESSION_CLIENT || payload.length < 2) return;
    const originLength = payload.readUInt16BE(0);
    if (2 + originLength > payload.length) return;
    const origin = payload.toString('latin1', 2, 2 + originLength);
    const alt = payload.toString('latin1', 2 + originLength);
    if ((id === 0) !== (originLength > 0)) return;
    if (id !== 0 && !this._streams.has(id)) return;
    this.emit('altsvc', alt, origin, id);
  }

  // ORIGIN (RFC 8336): a TLS client adds the origins to its origin set.
  _onOrigin(id, payload) {
    if (this._type !== NGHTTP2_SESSION_CLIENT || id !== 0 || !this.encrypted) return;
    const origins = [];
    for (let off = 0; off + 2 <= payload.length;) {
      const n = payload.readUInt16BE(off);
      if (off + 2 + n > payload.length) return;
      origins.push(payload.toString('latin1', off + 2, off + 2 + n));
      off += 2 + n;
    }
    this._origins ??= [`https://${this._authority}`];
    for (const o of origins) if (!this._origins.includes(o)) this._origins.push(o);
    this.emit('origin', origins);
  }

  // A client's pushed stream: the promised request's headers come with 'stream' on the
  // session, the response with 'push' on the stream. The client sends nothing on it.
  _onPushPromise(id, promised, flags, list) {
    const parent = this._streams.get(id);
    if (promised % 2 !== 0 || promised <= this._lastPeerStreamId) return this._connectionError(NGHTTP2_PROTOCOL_ERROR);
    this._lastPeerStreamId = promised;
    if (!parent || this._closed || this._goawaySent) {
      this._sendRst(promised, NGHTTP2_REFUSED_STREAM);
      return;
    }
    const headers = toHeaderObject(list);
    const stream = new ClientHttp2Stream(this, headers, null, {});
    stream._isPush = true;
    stream._id = promised;
    stream._headersSent = true;
    stream._sentEnd = true;
    stream._sendWindow = this._remote.initialWindowSize;
    this._streams.set(promised, stream);
    stream.end();
    if (this.listenerCount('stream') === 0) {
      // Nobody takes pushed streams: refuse it rather than leave it unread.
      stream.close(NGHTTP2_CANCEL);
      return;
    }
    this.emit('stream', stream, headers, flags | FLAG_END_HEADERS, Array.prototype.slice.call(list));
  }

  [require('util').inspect.custom](depth, opts) {
    return `${this.constructor.name} { type: ${this._type}, closed: ${this._closed}, destroyed: ${this._destroyed} }`;
  }
}

class ServerHttp2Session extends Http2Session {
  constructor(options, socket, server) {
    super(NGHTTP2_SESSION_SERVER, options, socket);
    this.server = server;
    this._connecting = false;
    if (Array.isArray(options.origins) && options.origins.length > 0) this.origin(...options.origins);
    process.nextTick(() => { if (!this._destroyed) this.emit('connect', this, socket); });
  }

  // Advertises an alternative service (RFC 7838) for an origin (a string, a URL or an
  // object with an `origin`) on stream 0, or for the origin of an open stream (by id).
  altsvc(alt, originOrStream) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    if (typeof alt !== 'string') throw new ERR_INVALID_ARG_TYPE('alt', 'string', alt);
    if (!/^[\t\x20-\x5b\x5d-\x7e\x80-\xff]*$/.test(alt)) throw new ERR_INVALID_CHAR('alt');
    let id = 0;
    let origin = '';
    if (typeof originOrStream === 'number') {
      if (!Number.isInteger(originOrStream) || originOrStream <= 0 || originOrStream > 0xffffffff) {
        throw new ERR_OUT_OF_RANGE('originOrStream', '> 0 && < 4294967296', originOrStream);
      }
      id = originOrStream;
    } else if (originOrStream !== undefined) {
      if (typeof originOrStream === 'string') origin = new URL(originOrStream).origin;
      else if (originOrStream !== null && typeof originOrStream === 'object' && originOrStream.origin !== undefined) {
        origin = `${originOrStream.origin}`;
      } else {
        throw new ERR_INVALID_ARG_TYPE('originOrStream', ['number', 'string', 'URL', 'object'], originOrStream);
      }
      if (origin === '' || origin === 'null') throw new ERR_HTTP2_ALTSVC_INVALID_ORIGIN();
    }
    if (alt.length + origin.length > 16382) throw new ERR_HTTP2_ALTSVC_LENGTH();
    // A stream that is not open gets nothing.
    if (id !== 0 && !this._streams.has(id)) return;
    const payload = Buffer.alloc(2 + origin.length + alt.length);
    payload.writeUInt16BE(origin.length, 0);
    payload.write(origin, 2, 'latin1');
    payload.write(alt, 2 + origin.length, 'latin1');
    this._write(frameHeader(payload.length, ALTSVC, 0, id), payload);
  }

  // Sends an ORIGIN frame (RFC 8336) with the origins of the strings, URLs or objects
  // with an `origin` given.
  origin(...origins) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    if (origins.length === 0) return;
    const list = origins.map((o) => {
      let origin;
      if (typeof o === 'string') origin = new URL(o).origin;
      else if (o instanceof URL) origin = o.origin;
      else if (o !== null && typeof o === 'object' && typeof o.origin === 'string') origin = o.origin;
      else throw new ERR_INVALID_ARG_TYPE('origin', ['string', 'URL', 'object'], o);
      if (origin === 'null') throw new ERR_HTTP2_INVALID_ORIGIN();
      return origin;
    });
    const total = list.reduce((n, o) => n + 2 + o.length, 0);
    if (total > 16382) throw new ERR_HTTP2_ORIGIN_LENGTH();
    const payload = Buffer.alloc(total);
    let off = 0;
    for (const o of list) {
      payload.writeUInt16BE(o.length, off);
      payload.write(o, off + 2, 'latin1');
      off += 2 + o.length;
    }
    this._write(frameHeader(payload.length, ORIGIN, 0, 0), payload);
  }
}

class ClientHttp2Session extends Http2Session {
  constructor(options, socket, authority, scheme) {
    super(NGHTTP2_SESSION_CLIENT, options, socket);
    this._authority = authority;
    this._scheme = scheme;
    this._pendingStreams = [];
    const onConnect = () => {
      if (this._destroyed) return;
      if (socket.encrypted && socket.alpnProtocol !== 'h2') {
        this.destroy(new ERR_HTTP2_ERROR('protocol error'), NGHTTP2_PROTOCOL_ERROR);
        return;
      }
      this.alpnProtocol = socket.encrypted ? socket.alpnProtocol : 'h2c';
      this._connecting = false;
      this._sendPreface();
      this._sendPending();
      this.emit('connect', this, socket);
      const pending = this._pendingStreams;
      this._pendingStreams = [];
      for (const stream of pending) {
        if (stream.destroyed) continue;
        // Requests made before a close() that came before the connection are refused.
        if (this._closed) stream.destroy(new ERR_HTTP2_GOAWAY_SESSION());
        else stream._start();
      }
      if (this._closed) {
        this._sendGoaway(NGHTTP2_NO_ERROR);
        this._maybeDestroy();
      }
    };
    if (socket.connecting || (socket.encrypted && !socket._secureEstablished && socket.alpnProtocol == null)) {
      socket.once(socket.encrypted ? 'secureConnect' : 'connect', onConnect);
    } else {
      process.nextTick(onConnect);
    }
  }

  request(headers, options) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    if (this._closed) throw new ERR_HTTP2_GOAWAY_SESSION();
    if (headers !== undefined && headers !== null) validateObject(headers, 'headers');
    if (options !== undefined) validateObject(options, 'options');
    options = { ...options };
    headers = Object.assign({ __proto__: null }, headers);
    if (headers[sensitiveHeaders] === undefined && Array.isArray(arguments[0]?.[sensitiveHeaders])) {
      headers[sensitiveHeaders] = arguments[0][sensitiveHeaders];
    }
    if (headers[':method'] === undefined) headers[':method'] = 'GET';
    const connect = headers[':method'] === 'CONNECT';
    if (connect && !headers[':protocol']) {
      if (headers[':authority'] === undefined) throw new ERR_HTTP2_CONNECT_AUTHORITY();
      if (headers[':scheme'] !== undefined) throw new ERR_HTTP2_CONNECT_SCHEME();
      if (headers[':path'] !== undefined) throw new ERR_HTTP2_CONNECT_PATH();
    } else {
      if (headers[':authority'] === undefined && headers.host === undefined) headers[':authority'] = this._authority;
      if (headers[':scheme'] === undefined) headers[':scheme'] = this._scheme;
      if (headers[':path'] === undefined) headers[':path'] = '/';
    }
    if (options.endStream === undefined) options.endStream = isPayloadMeaningless(headers[':method']);
    else if (typeof options.endStream !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.endStream', 'boolean', options.endStream);
    }
    if (options.waitForTrailers !== undefined && typeof options.waitForTrailers !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.waitForTrailers', 'boolean', options.waitForTrailers);
    }
    for (const [name, type] of [['weight', 'number'], ['parent', 'number'], ['exclusive', 'boolean'], ['silent', 'boolean']]) {
      if (options[name] !== undefined && typeof options[name] !== type) {
        throw new ERR_INVALID_ARG_TYPE(`options.${name}`, type, options[name]);
      }
    }
    let mapped;
    try {
      mapped = mapToHeaders(headers, 'request');
    } catch (err) {
      // A header name that is not a token also destroys the session in Node.
      if (err.code === 'ERR_INVALID_HTTP_TOKEN') this.destroy(err);
      throw err;
    }
    const stream = new ClientHttp2Stream(this, headers, mapped, options);
    // In Node's order: the writable side ends first, an aborted signal destroys the
    // stream at once (on the same tick), then the request is sent.
    if (options.endStream) stream.end();
    if (options.signal) {
      const signal = options.signal;
      const abort = () => stream.destroy(new (require('internal/errors').AbortError ?? Error)('The operation was aborted', { cause: signal.reason }));
      if (signal.aborted) abort();
      else {
        signal.addEventListener('abort', abort, { once: true });
        stream.once('close', () => signal.removeEventListener('abort', abort));
      }
    }
    if (this._connecting) this._pendingStreams.push(stream);
    else stream._start();
    return stream;
  }

  // A rejected async listener: a pushed stream's ends that stream, any other the session.
  [EventEmitter.captureRejectionSymbol](err, event, ...args) {
    if (event === 'stream') args[0].destroy(err);
    else this.destroy(err);
  }

  setNextStreamID(id) {
    if (this._destroyed) throw new ERR_HTTP2_INVALID_SESSION();
    validateNumber(id, 'id');
    if (id <= 0 || id > 2 ** 32 - 1) throw new ERR_OUT_OF_RANGE('id', '> 0 and <= 4294967295', id);
    this._nextStreamId = id;
  }

}

// ---- streams ----

// A weight as nghttp2 takes it: 16 by default, else clamped to 1..256.
function priorityWeight(weight) {
  if (weight === undefined) return 16;
  return Math.max(1, Math.min(256, weight | 0));
}

// The 5 bytes of a priority: exclusive bit and dependency, then weight - 1.
function priorityPayload(options) {
  const payload = Buffer.alloc(5);
  payload.writeUInt32BE((((options.parent | 0) & 0x7fffffff) | (options.exclusive ? 0x80000000 : 0)) >>> 0, 0);
  payload[4] = priorityWeight(options.weight) - 1;
  return payload;
}

class Http2Stream extends Duplex {
  constructor(session, options) {
    super({ allowHalfOpen: true, decodeStrings: false, autoDestroy: false, ...options });
    this._session = session;
    this._id = undefined;
    this._sendWindow = session._remote.initialWindowSize;
    // What the peer may still send (our acknowledged SETTINGS_INITIAL_WINDOW_SIZE, less
    // the DATA received, plus the WINDOW_UPDATEs sent).
    this._recvWindow = session._local.initialWindowSize;
    this._outQueue = [];
    this._outEndQueued = false;
    this._finalCallback = null;
    this._sentEnd = false;
    this._recvEnd = false;
    this._closedState = false;
    this._rstCode = undefined;
    this._aborted = false;
    this._headersSent = false;
    this._sentHeaders = undefined;
    this._sentInfoHeaders = undefined;
    this._sentTrailers = undefined;
    this._waitForTrailers = false;
    this._wantTrailers = false;
    this._timeout = 0;
    this._timer = null;
    this.endAfterHeaders = false;
  }

  get id() { return this._id; }
  get pending() { return this._id === undefined; }
  // Gone with the stream, as in Node (which drops it when the stream is destroyed).
  get session() { return this.destroyed ? undefined : this._session; }

  [require('util').inspect.custom](depth, opts) {
    const view = {
      id: this._id ?? '<pending>', closed: this.closed, destroyed: this.destroyed,
      state: this.state, readableState: this._readableState, writableState: this._writableState,
    };
    return `Http2Stream ${require('util').inspect(view, opts)}`;
  }
  get closed() { return this._closedState; }
  get aborted() { return this._aborted; }
  get rstCode() { return this._rstCode; }
  get headersSent() { return this._headersSent; }
  get sentHeaders() { return this._sentHeaders; }
  get sentInfoHeaders() { return this._sentInfoHeaders; }
  get sentTrailers() { return this._sentTrailers; }
  get bufferSize() { return this.writableLength; }
  get state() {
    if (this.destroyed) return {};
    let state = 2; // open
    if (this._closedState) state = 7;
    else if (this._sentEnd) state = 5;
    else if (this._recvEnd) state = 6;
    return { state, weight: this._weight ?? 16, sumDependencyWeight: 0, localClose: this._sentEnd ? 1 : 0,
      remoteClose: this._recvEnd ? 1 : 0, localWindowSize: this._session._local.initialWindowSize };
  }

  setTimeout(msecs, callback) {
    if (this.destroyed) return this;
    validateNumber(msecs, 'msecs');
    // As Node's setStreamTimeout: the callback runs once; a timeout of 0 removes it.
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      if (msecs === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this._timeout = msecs;
    this._refreshTimer();
    return this;
  }

  _refreshTimer() {
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    if (this._timeout > 0 && !this.destroyed) {
      this._timer = setTimeout(() => { this._timer = null; this.emit('timeout'); }, this._timeout);
    }
  }

  priority(options) {
    if (this.destroyed) throw new ERR_HTTP2_INVALID_STREAM();
    validateObject(options, 'options');
    if (options.parent !== undefined && options.parent === this._id) throw new ERR_HTTP2_STREAM_SELF_DEPENDENCY();
    this._weight = priorityWeight(options.weight);
    // Before the stream is sent, the PRIORITY frame waits for it and goes ahead of its
    // HEADERS (nghttp2 sends new streams' HEADERS after its other frames).
    if (this._id === undefined) {
      if (!options.silent) this._pendingPriority = options;
      return;
    }
    if (!options.silent) this._session._write(frameHeader(5, PRIORITY, 0, this._id), priorityPayload(options));
  }

  sendTrailers(headers) {
    if (this.destroyed) throw new ERR_HTTP2_INVALID_STREAM();
    if (this._sentTrailers) throw new ERR_HTTP2_TRAILERS_ALREADY_SENT();
    if (this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (!this._wantTrailers) throw new ERR_HTTP2_TRAILERS_NOT_READY();
    headers = Object.assign({ __proto__: null }, headers);
    const mapped = mapToHeaders(headers, 'trailers');
    this._sentTrailers = headers;
    this._wantTrailers = false;
    // No trailers at all is an empty DATA frame that ends the stream, as Node sends it.
    if (mapped.list.length === 0) this._session._writeData(frameHeader(0, DATA, FLAG_END_STREAM, this._id));
    else this._session._sendHeaders(this._id, mapped.list, mapped.sensitive, FLAG_END_STREAM, true);
    this._markSentEnd();
  }

  close(code = NGHTTP2_NO_ERROR, callback) {
    validateInteger(code, 'code', 0, 4294967295);
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('close', callback);
    }
    if (this._closedState) return;
    // A graceful close of a stream whose writing has ended waits for its queued data to
    // go (Node flushes pending data before a NO_ERROR RST_STREAM).
    if (code === NGHTTP2_NO_ERROR && !this._sentEnd && this._writableState.ending && !this._isPush && !this._wantTrailers) {
      this._closeWhenSent = true;
      return;
    }
    if (this._id === undefined) {
      // Closed before it was sent: closed now (its readable side ended, as Node pushes
      // the end). It gets its id but nothing goes on the wire: nghttp2 drops the HEADERS
      // of a stream reset before they were sent.
      this._closeStream(code, false);
      if (!this._recvEnd) {
        this._recvEnd = true;
        this.push(null);
      }
      this.once('ready', () => {
        this._session._streams.delete(this._id);
        if (this._headersSent) this._session._sendRst(this._id, code);
        this._finishClose(code);
      });
      return;
    }
    this._closeStream(code, true);
    this._finishClose(code);
  }

  // The stream is over on the wire: either both sides ended it or it was reset.
  _closeStream(code, sendRst) {
    this._closedState = true;
    this._rstCode = code;
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    if (!this.writableEnded && !this._writableState?.ending) {
      if (!this._aborted) {
        this._aborted = true;
        this.emit('aborted');
      }
      this.end();
    }
    // A session going down sends GOAWAY, not a reset per stream. The reset goes after
    // the DATA already queued (Node sends pending data before a RST_STREAM).
    if (sendRst && this._id !== undefined && !this._session._destroying) this._session._sendRst(this._id, code, true);
    this._session._streams.delete(this._id);
    this._session._startWaiting();
  }

  _finishClose(code) {
    // Reset with an error: destroyed at once, without an 'end' that was not already
    // coming (Node's onStreamClose; its destroy errors the stream).
    if (code !== NGHTTP2_NO_ERROR && code !== NGHTTP2_CANCEL) {
      this.destroy();
      return;
    }
    // Canceled: no error, so the readable side still ends first when nothing is left
    // unread (Node's destroy pushes the end).
    if (code === NGHTTP2_CANCEL) {
      if (!this.readableEnded && this.readableLength === 0 && !this.destroyed) {
        this.once('end', () => this.destroy());
        if (!this._recvEnd) { this._recvEnd = true; this.push(null); }
        this.read(0);
      } else {
        this.destroy();
      }
      return;
    }
    const afterEnd = () => {
      if (this.writableFinished) this.destroy();
      else this.once('finish', () => this.destroy());
    };
    if (!this.readableEnded) {
      this.once('end', afterEnd);
      if (!this._recvEnd) { this._recvEnd = true; this.push(null); }
      this.read(0);
    } else {
      afterEnd();
    }
  }

  _maybeClosed() {
    if (this._sentEnd && this._recvEnd && !this._closedState) {
      this._closeStream(NGHTTP2_NO_ERROR, false);
      this._finishClose(NGHTTP2_NO_ERROR);
      this._session._maybeDestroy();
    }
  }

  _markSentEnd() {
    this._sentEnd = true;
    this._maybeClosed();
    if (this._closeWhenSent && !this._closedState) {
      // After the DATA that ended it, in order.
      const payload = Buffer.alloc(4);
      this._session._writeData(frameHeader(4, RST_STREAM, 0, this._id), payload);
      this._closeStream(NGHTTP2_NO_ERROR, false);
      this._finishClose(NGHTTP2_NO_ERROR);
      this._session._maybeDestroy();
    }
  }

  _onRst(code) {
    if (this._closedState) return;
    this._closeStream(code, false);
    this._finishClose(code);
    this._session._maybeDestroy();
  }

  _onEndOfInput() {
    this._recvEnd = true;
    this.push(null);
  }

  _onData(data, end, frameLength) {
    if (this._recvEnd) {
      this._session._sendRst(this._id, NGHTTP2_STREAM_CLOSED);
      return;
    }
    this._refreshTimer();
    const taken = data.length > 0 ? this.push(Buffer.from(data)) : true;
    if (!end && frameLength > 0) {
      this._unackedData = (this._unackedData ?? 0) + frameLength;
      if (taken) this._ackData();
    }
    if (end) {
      this._onEndOfInput();
      this._maybeClosed();
    }
  }

  // Gives the stream's window back for the data its Readable has taken.
  // While a received chunk is being handled the window is given back only once it is
  // done, as nghttp2 reads a whole chunk before its WINDOW_UPDATEs go: a peer that sends
  // past the window meanwhile breaks flow control.
  _ackData() {
    const session = this._session;
    if (session._inReceive) {
      session._deferredAcks.add(this);
      return;
    }
    if (this._unackedData > 0 && !this._closedState && !this._recvEnd && !session._destroyed) {
      session._sendWindowUpdate(this._id, this._unackedData);
      this._recvWindow += this._unackedData;
    }
    this._unackedData = 0;
  }

  _read() {
    if (this._unackedData > 0) this._ackData();
  }

  _write(chunk, encoding, callback) {
    this._writev([{ chunk, encoding }], callback);
  }

  _writev(chunks, callback) {
    if (this._closedState) {
      callback();
      return;
    }
    this._refreshTimer();
    if (this._id === undefined || !this._headersSent) {
      const go = () => this._writev(chunks, callback);
      if (this._beforeWrite(go)) return;
    }
    for (let i = 0; i < chunks.length; i++) {
      let { chunk, encoding } = chunks[i];
      if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
      this._outQueue.push({ chunk, callback: i === chunks.length - 1 ? callback : null });
    }
    this._flushOut();
  }

  _final(callback) {
    if (this._closedState || this._sentEnd) {
      callback();
      return;
    }
    if (this._id === undefined || !this._headersSent) {
      if (this._beforeWrite(() => this._final(callback), true)) return;
      if (this._sentEnd) { callback(); return; }
    }
    this._outEndQueued = true;
    this._finalCallback = callback;
    this._flushOut();
  }

  // Frames queued data within the stream's and the connection's windows; queued writes
  // share a frame, as nghttp2 packs a stream's pending data.
  _flushOut() {
    const session = this._session;
    if (this._id === undefined || session._destroyed) return;
    const max = session._remote.maxFrameSize;
    while (this._outQueue.length > 0) {
      const room = Math.min(this._sendWindow, session._sendWindow, max);
      const pieces = [];
      const callbacks = [];
      let n = 0;
      while (this._outQueue.length > 0) {
        const entry = this._outQueue[0];
        if (entry.chunk.length > 0 && n >= room) break;
        const take = Math.max(0, Math.min(room - n, entry.chunk.length));
        pieces.push(entry.chunk.subarray(0, take));
        entry.chunk = entry.chunk.subarray(take);
        n += take;
        if (entry.chunk.length > 0) break;
        this._outQueue.shift();
        if (entry.callback) callbacks.push(entry.callback);
      }
      if (pieces.length === 0) return;
      const endNow = this._outQueue.length === 0 && this._outEndQueued &&
        !(this._waitForTrailers && this.listenerCount('wantTrailers') > 0);
      this._sendWindow -= n;
      session._sendWindow -= n;
      if (n > 0 || endNow) session._writeData(frameHeader(n, DATA, endNow ? FLAG_END_STREAM : 0, this._id), ...pieces);
      for (const cb of callbacks) session._afterWrite(cb);
      if (endNow) {
        this._outEndQueued = false;
        const cb = this._finalCallback;
        this._finalCallback = null;
        this._markSentEnd();
        cb?.();
        return;
      }
    }
    if (this._outEndQueued) {
      this._outEndQueued = false;
      const cb = this._finalCallback;
      this._finalCallback = null;
      // Trailers asked for with nobody to send them: the stream just ends.
      if (this._waitForTrailers && this.listenerCount('wantTrailers') > 0) {
        this._wantTrailers = true;
        cb?.();
        this.emit('wantTrailers');
      } else {
        session._writeData(frameHeader(0, DATA, FLAG_END_STREAM, this._id));
        this._markSentEnd();
        cb?.();
      }
    }
  }

  _destroy(err, callback) {
    const session = this._session;
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    const sessionCode = session._goawayCode || session._destroyCode;
    let code = this._closedState ? this._rstCode : sessionCode;
    if (err != null) {
      if (sessionCode) code = sessionCode;
      else if (err.name === 'AbortError') code = NGHTTP2_CANCEL;
      else code = NGHTTP2_INTERNAL_ERROR;
    }
    if (!this._closedState) this._closeStream(code, !session._destroyed && this._id !== undefined);
    for (const list of [session._pendingStreams, session._waitingStreams]) {
      const i = list ? list.indexOf(this) : -1;
      if (i >= 0) list.splice(i, 1);
    }
    // CANCEL is how clients abort; it is 'aborted', not an error (as in Node).
    if (code !== NGHTTP2_NO_ERROR && code !== NGHTTP2_CANCEL && err == null) {
      err = new ERR_HTTP2_STREAM_ERROR(nameForErrorCode(code));
    }
    for (const { callback: cb } of this._outQueue.splice(0)) cb?.(err ?? new ERR_HTTP2_INVALID_STREAM());
    // The readable side ends with it: without an error, 'end' still comes for a stream
    // read to its end (Node's _destroy pushes the end).
    if (err == null && !this._recvEnd) {
      this._recvEnd = true;
      this.push(null);
    }
    process.nextTick(() => session._maybeDestroy());
    callback(err);
  }
}

class ClientHttp2Stream extends Http2Stream {
  constructor(session, headers, mapped, options) {
    super(session, {});
    this._requestHeaders = headers;
    this._sentHeaders = headers;
    this._mapped = mapped;
    this._endOnStart = !!options.endStream;
    this._waitForTrailers = !!options.waitForTrailers;
    this._gotResponse = false;
    this._priorityOptions = { weight: options.weight, parent: options.parent, exclusive: options.exclusive };
    // Corked until it has its id, as in Node: writes made meanwhile go out together.
    this.cork();
    this._weight = priorityWeight(options.weight);
    // Its events run in the async context the request was made in.
    this._context = asyncContext.getContext();
  }

  _start() {
    const session = this._session;
    if (this.destroyed) return;
    // The server's SETTINGS_MAX_CONCURRENT_STREAMS: a request over it waits until one of
    // ours closes (as nghttp2 holds it back).
    if (session._openOwnStreams() >= session._remote.maxConcurrentStreams) {
      (session._waitingStreams ??= []).push(this);
      return;
    }
    if (session._nextStreamId > 2 ** 31 - 1) {
      // Stream ids are 31 bits: a session that used them all can open no more.
      process.nextTick(() => this.destroy(new ERR_HTTP2_OUT_OF_STREAMS()));
      return;
    }
    this._id = session._nextStreamId;
    session._nextStreamId += 2;
    session._streams.set(this._id, this);
    this._sendWindow = session._remote.initialWindowSize;
    this._recvWindow = session._local.initialWindowSize;
    // Reset before it was sent: it keeps its id, and nothing is sent (see close()).
    if (this._closedState) {
      this._uncorkAll();
      this.emit('ready');
      return;
    }
    this._headersSent = true;
    this._sentHeaders = this._requestHeaders;
    const end = this._endOnStart && !this._waitForTrailers;
    if (this._pendingPriority !== undefined) {
      session._write(frameHeader(5, PRIORITY, 0, this._id), priorityPayload(this._pendingPriority));
      this._pendingPriority = undefined;
    }
    // A priority other than the default (weight 16 on stream 0) rides on the HEADERS.
    const o = this._priorityOptions;
    const prio = (priorityWeight(o.weight) !== 16 || (o.parent | 0) !== 0 || o.exclusive) ? priorityPayload(o) : undefined;
    if (!session._sendHeaders(this._id, this._mapped.list, this._mapped.sensitive, end ? FLAG_END_STREAM : 0, false, prio, true)) {
      // Too big to send (maxSendHeaderBlockLength): a frame error, and the stream ends
      // refused, as nghttp2 reports it.
      process.nextTick(() => {
        this.emit('frameError', HEADERS, NGHTTP2_FRAME_SIZE_ERROR, this._id);
        this._onRst(NGHTTP2_REFUSED_STREAM);
      });
      return;
    }
    if (end) this._sentEnd = true;
    this._uncorkAll();
    this.emit('ready');
    this._flushOut();
  }

  // Releases the cork of the constructor (end() may have done so already).
  _uncorkAll() {
    if (this.writableCorked > 0) this.uncork();
  }

  _beforeWrite(go) {
    if (this._id === undefined) {
      this.once('ready', go);
      return true;
    }
    return false;
  }

  _onHeaders(list, flags, endStream) {
    const headers = toHeaderObject(list);
    const raw = Array.prototype.slice.call(list);
    if (!validReceivedHeaders(list, this._gotResponse ? 'trailers' : 'response')) {
      this.close(NGHTTP2_PROTOCOL_ERROR);
      return;
    }
    if (!this._gotResponse) {
      const status = headers[':status'];
      if (status >= 100 && status < 200) {
        this.emit('headers', headers, flags, raw);
        if (status === 100) this.emit('continue');
      } else {
        this._gotResponse = true;
        if (endStream) this.endAfterHeaders = true;
        // 421 Misdirected Request: this connection does not serve the request's origin.
        if (status === 421 && this._session._origins !== undefined) {
          const authority = this._requestHeaders?.[':authority'] ?? this._requestHeaders?.host;
          const i = this._session._origins.indexOf(`https://${authority}`);
          if (i >= 0) this._session._origins.splice(i, 1);
        }
        this.emit(this._isPush ? 'push' : 'response', headers, flags, raw);
      }
    } else {
      this.emit('trailers', headers, flags, raw);
    }
    if (endStream) {
      this._onEndOfInput();
      this._maybeClosed();
    }
  }
}

class ServerHttp2Stream extends Http2Stream {
  constructor(session, id, headers) {
    super(session, {});
    this._id = id;
    this._requestHeaders = headers;
    this._sendWindow = session._remote.initialWindowSize;
  }

  // Whether the client's latest SETTINGS allow pushes.
  get pushAllowed() { return !this.destroyed && this._session._remote.enablePush !== false; }

  // A pushed response: PUSH_PROMISE with the request headers on this stream, then a new
  // server stream (id even, its request side already ended) answered like any other.
  pushStream(headers, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    if (!this.pushAllowed) throw new ERR_HTTP2_PUSH_DISABLED();
    if (this._isPush) throw new ERR_HTTP2_NESTED_PUSH();
    validateFunction(callback, 'callback');
    if (this.destroyed || this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (options !== undefined) validateObject(options, 'options');
    options = { ...options };
    if (headers !== undefined && headers !== null) validateObject(headers, 'headers');
    headers = Object.assign({ __proto__: null }, headers);
    if (headers[':method'] === undefined) headers[':method'] = 'GET';
    if (headers[':authority'] === undefined && headers.host === undefined) {
      headers[':authority'] = this._requestHeaders[':authority'] ?? this._requestHeaders.host;
    }
    if (headers[':scheme'] === undefined) headers[':scheme'] = this._requestHeaders[':scheme'] ?? (this._session.encrypted ? 'https' : 'http');
    if (headers[':path'] === undefined) headers[':path'] = '/';
    if (headers[':method'] === 'HEAD') options.endStream = true;
    const mapped = mapToHeaders(headers, 'request');
    const session = this._session;
    if (session._nextStreamId > 2 ** 31 - 1) throw new ERR_HTTP2_OUT_OF_STREAMS();
    const id = session._nextStreamId;
    session._nextStreamId += 2;
    session._sendPushPromise(this._id, id, mapped.list, mapped.sensitive);
    const push = new ServerHttp2Stream(session, id, headers);
    push._isPush = true;
    push._sentHeaders = undefined;
    session._streams.set(id, push);
    push._onEndOfInput();
    if (options.endStream) push.end();
    process.nextTick(callback, null, push, headers, 0);
  }

  _beforeWrite(go, final) {
    if (!this._headersSent) {
      // A pushed stream ended before its response (a HEAD push) ends with the headers
      // respond() sends.
      if (final && this._isPush) {
        this._pendingFinal = go;
        return true;
      }
      this.respond(undefined, final ? { endStream: true } : undefined);
      return false;
    }
    return false;
  }

  _onHeaders(list, flags, endStream) {
    if (!validReceivedHeaders(list, 'trailers')) {
      this.close(NGHTTP2_PROTOCOL_ERROR);
      return;
    }
    const headers = toHeaderObject(list);
    this.emit('trailers', headers, flags, Array.prototype.slice.call(list));
    if (endStream) {
      this._onEndOfInput();
      this._maybeClosed();
    }
  }

  additionalHeaders(headers) {
    if (this.destroyed || this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (this._headersSent) throw new ERR_HTTP2_HEADERS_AFTER_RESPOND();
    validateObject(headers, 'headers');
    headers = Object.assign({ __proto__: null }, headers);
    if (headers[':status'] !== undefined) {
      const status = +headers[':status'];
      if (status === 101) throw new ERR_HTTP2_STATUS_101();
      if (status < 100 || status >= 200) throw new ERR_HTTP2_INVALID_INFO_STATUS(headers[':status']);
    }
    const mapped = mapToHeaders(headers, 'response');
    (this._sentInfoHeaders ??= []).push(headers);
    this._session._sendHeaders(this._id, mapped.list, mapped.sensitive, 0);
  }

  respond(headers, options) {
    if (this.destroyed || this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (this._headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    if (headers !== undefined && headers !== null) validateObject(headers, 'headers');
    options = { ...options };
    if (options.endStream !== undefined && typeof options.endStream !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.endStream', 'boolean', options.endStream);
    }
    if (options.waitForTrailers !== undefined && typeof options.waitForTrailers !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.waitForTrailers', 'boolean', options.waitForTrailers);
    }
    const given = headers;
    headers = Object.assign({ __proto__: null }, headers);
    if (given && given[sensitiveHeaders]) headers[sensitiveHeaders] = given[sensitiveHeaders];
    if (headers[':status'] === undefined) headers[':status'] = 200;
    const status = headers[':status'] |= 0;
    if (status < 200 || status > 599) throw new ERR_HTTP2_STATUS_INVALID(headers[':status']);
    if (options.sendDate !== false && headers.date === undefined) headers.date = new Date().toUTCString();
    let endStream = !!options.endStream || this._pendingFinal !== undefined;
    if (status === 204 || status === 205 || status === 304 || this._requestHeaders[':method'] === 'HEAD') {
      endStream = true;
    }
    const mapped = mapToHeaders(headers, 'response');
    // A response without a payload ends with its headers, trailers or not (nghttp2 has no
    // data to put them after).
    this._waitForTrailers = !!options.waitForTrailers && !endStream;
    this._headersSent = true;
    this._sentHeaders = headers;
    const endNow = endStream;
    this._session._sendHeaders(this._id, mapped.list, mapped.sensitive, endNow ? FLAG_END_STREAM : 0);
    if (endNow) {
      this._sentEnd = true;
      this._maybeClosed();
    }
    if (this._pendingFinal !== undefined) {
      const go = this._pendingFinal;
      this._pendingFinal = undefined;
      go();
    } else if (endStream) {
      this.end();
    }
  }

  // Responds with the bytes of an open file (a number or a FileHandle), from
  // options.offset for options.length bytes; the descriptor stays open. With a
  // statCheck, the file is stat'ed first and a regular file's length is sent as
  // content-length (statCheck may change the headers or return false to cancel).
  respondWithFD(fd, headers, options) {
    if (this.destroyed || this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (this._headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    const fs = require('fs');
    if (fd instanceof fs.FileHandle) fd = fd.fd;
    else if (typeof fd !== 'number') throw new ERR_INVALID_ARG_TYPE('fd', ['number', 'FileHandle'], fd);
    ({ headers, options } = checkFileResponse(headers, options));
    if (typeof options.statCheck !== 'function') {
      this._sendFileRange(fd, headers, options, false, options.offset, options.length);
      return;
    }
    fs.fstat(fd, (err, stat) => {
      if (err) return this._fileError(err, options);
      if (this.destroyed || this._headersSent) return;
      const range = { offset: options.offset, length: options.length };
      if (options.statCheck.call(this, stat, headers, range) === false) return;
      let length = range.length;
      if (stat.isFile()) {
        length = length < 0 ? stat.size - range.offset : Math.min(stat.size - range.offset, length);
        headers['content-length'] = length;
      }
      this._sendFileRange(fd, headers, options, false, range.offset, length);
    });
  }

  respondWithFile(path, headers, options) {
    if (this.destroyed || this._closedState) throw new ERR_HTTP2_INVALID_STREAM();
    if (this._headersSent) throw new ERR_HTTP2_HEADERS_SENT();
    ({ headers, options } = checkFileResponse(headers, options));
    const fs = require('fs');
    // Opened first, then checked, as Node does (a missing file fails in open).
    fs.open(path, 'r', (err, fd) => {
      if (err) return this._fileError(err, options);
      const close = () => fs.close(fd, () => {});
      if (this.destroyed) return close();
      fs.fstat(fd, (err, stat) => {
        if (err) { close(); return this._fileError(err, options); }
        if (stat.isDirectory()) { close(); return this._fileError(new ERR_HTTP2_SEND_FILE(), options); }
        // Anything but a regular file (a pipe, a device) is read to its end: a range
        // cannot be asked of it.
        const regular = stat.isFile();
        if (!regular && options.rangeGiven) {
          close();
          const { ERR_HTTP2_SEND_FILE_NOSEEK } = require('internal/errors').codes;
          return this._fileError(new ERR_HTTP2_SEND_FILE_NOSEEK(), options);
        }
        const range = { offset: regular ? options.offset : -1, length: regular ? options.length : -1 };
        if (typeof options.statCheck === 'function' && options.statCheck.call(this, stat, headers, range) === false) {
          return close();
        }
        let length = range.length;
        if (regular && (length < 0 || range.offset + length > stat.size)) length = Math.max(0, stat.size - range.offset);
        if (this.destroyed || this._headersSent) return close();
        if (regular && headers['content-length'] === undefined) headers['content-length'] = length;
        this._sendFileRange(fd, headers, options, true, range.offset, length);
      });
    });
  }

  _fileError(err, options) {
    if (typeof options.onError === 'function') options.onError(err);
    else this.destroy(err);
  }

  // Sends the headers, then `length` bytes of fd from `offset` (to the end for -1).
  _sendFileRange(fd, headers, options, closeFd, offset, length) {
    const fs = require('fs');
    this.respond(headers, { waitForTrailers: options.waitForTrailers });
    if (length === 0) {
      if (closeFd) fs.close(fd, () => {});
      this.end();
      return;
    }
    // An offset of -1: read from where the descriptor is (a pipe cannot seek).
    const opts = { fd, autoClose: closeFd };
    if (offset >= 0) opts.start = offset;
    if (length > 0) opts.end = Math.max(offset, 0) + length - 1;
    // A read that fails once the response has started resets the stream
    // (INTERNAL_ERROR), as Node's file response does.
    fs.createReadStream(null, opts).on('error', () => {
      if (!this.destroyed && !this._closedState) this.close(NGHTTP2_INTERNAL_ERROR);
    }).pipe(this);
  }
}

// The checks respondWithFile and respondWithFD share: options' types, and no payload
// for statuses that cannot have one.
function checkFileResponse(headers, options) {
  if (options !== undefined) validateObject(options, 'options');
  options = { ...options };
  options.rangeGiven = options.offset !== undefined || options.length !== undefined;
  for (const [name, type] of [['offset', 'number'], ['length', 'number'], ['statCheck', 'function']]) {
    if (options[name] !== undefined && typeof options[name] !== type) {
      throw new ERR_INVALID_ARG_VALUE(`options.${name}`, options[name]);
    }
  }
  options.offset = options.offset ?? 0;
  options.length = options.length ?? -1;
  if (headers !== undefined && headers !== null) validateObject(headers, 'headers');
  headers = Object.assign({ __proto__: null }, headers);
  const status = headers[':status'] | 0;
  if (status === 204 || status === 205 || status === 304) throw new ERR_HTTP2_PAYLOAD_FORBIDDEN(status);
  return { headers, options };
}

// ---- connect / servers ----

function connect(authority, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  if (options !== undefined) validateObject(options, 'options');
  options = { ...options };
  if (typeof authority === 'string') authority = new URL(authority);
  else if (authority === null || typeof authority !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('authority', ['string', 'URL'], authority);
  }
  const protocol = authority.protocol || options.protocol || 'https:';
  const port = `${authority.port !== '' && authority.port !== undefined ? authority.port : (protocol === 'http:' ? 80 : 443)}`;
  let host = 'localhost';
  if (authority.hostname) {
    host = authority.hostname;
    if (host[0] === '[') host = host.slice(1, -1);
  } else if (authority.host) {
    host = authority.host;
  }
  let socket;
  if (typeof options.createConnection === 'function') {
    socket = options.createConnection(authority, options);
  } else if (protocol === 'http:') {
    // options.host and options.port take precedence over the authority's (Node spreads
    // the options over them).
    socket = net.connect({
      port: options.port ?? port, host: options.host ?? host,
      ...options.localAddress ? { localAddress: options.localAddress } : {},
    });
  } else if (protocol === 'https:') {
    socket = require('tls').connect(+port, host, {
      ...options,
      signal: undefined, // the session's, not the socket's (see below)
      ALPNProtocols: ['h2'],
      servername: options.servername ?? (net.isIP(host) ? undefined : host),
    });
  } else {
    throw new ERR_HTTP2_UNSUPPORTED_PROTOCOL(protocol);
  }
  const defaultPort = protocol === 'http:' ? '80' : '443';
  const hostPart = net.isIPv6(host) ? `[${host}]` : host;
  const auth = port === defaultPort ? hostPart : `${hostPart}:${port}`;
  const session = new ClientHttp2Session(options, socket, auth, protocol.slice(0, -1));
  if (typeof listener === 'function') session.once('connect', listener);
  // An AbortSignal destroys the session with an AbortError (its streams are canceled).
  if (options.signal) {
    const signal = options.signal;
    const abort = () => session.destroy(new (require('internal/errors').AbortError)('The operation was aborted', { cause: signal.reason }));
    if (signal.aborted) abort();
    else {
      signal.addEventListener('abort', abort, { once: true });
      session.once('close', () => signal.removeEventListener('abort', abort));
    }
  }
  return session;
}

// util.promisify(connect): resolves with the session once connected, rejects with its
// first error.
Object.defineProperty(connect, require('util').promisify.custom, {
  __proto__: null,
  value: (authority, options) => new Promise((resolve, reject) => {
    const session = connect(authority, options, () => {
      session.removeListener('error', reject);
      resolve(session);
    });
    session.once('error', reject);
  }),
});

function onServerStream(server, stream, headers, flags, rawHeaders) {
  server.emit('stream', stream, headers, flags, rawHeaders);
}

function sessionListeners(server, session) {
  session.on('stream', (...args) => onServerStream(server, ...args));
  session.on('error', (err) => {
    if (server.listenerCount('sessionError') > 0) server.emit('sessionError', err, session);
  });
  session.on('priority', (...args) => server.emit('priority', ...args));
  if (server.timeout > 0) {
    session.setTimeout(server.timeout, () => {
      if (!server.emit('timeout', session)) session.destroy();
    });
  }
  server.emit('session', session);
}

function setupCompat(event) {
  if (event === 'request') {
    this.removeListener('newListener', setupCompat);
    const { onServerRequest } = require('internal/http2/compat');
    this.on('stream', (stream, headers, flags, raw) => onServerRequest(this, stream, headers, raw));
  }
}

function initServerOptions(options) {
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  options = { ...options };
  if (options.settings !== undefined) validateObject(options.settings, 'options.settings');
  validateSettings(options.settings, 'options.settings');
  for (const name of ['maxSessionInvalidFrames', 'maxSessionRejectedStreams']) {
    if (options[name] !== undefined) validateInteger(options[name], name, 0, 2 ** 32 - 1);
  }
  return options;
}

class Http2Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = undefined;
    }
    options = initServerOptions(options);
    super({ ...options, allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
      const session = new ServerHttp2Session(this[kOptions], socket, this);
      sessionListeners(this, session);
    });
    this[kOptions] = options;
    this.timeout = 0;
    this.on('newListener', setupCompat);
    if (typeof requestListener === 'function') this.on('request', requestListener);
  }

  setTimeout(msecs, callback) {
    validateNumber(msecs, 'msecs');
    this.timeout = msecs;
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.on('timeout', callback);
    }
    return this;
  }

  updateSettings(settings) {
    validateObject(settings, 'settings');
    validateSettings(settings);
    this[kOptions].settings = { ...this[kOptions].settings, ...settings };
  }
}

const kOptions = Symbol('options');

// A rejected async 'stream' or 'request' listener (with events.captureRejections): a
// response not yet started becomes a bare 500, one already started is destroyed.
function serverOnRejection(err, event, ...args) {
  switch (event) {
    case 'stream': {
      const stream = args[0];
      if (stream.sentHeaders) {
        stream.destroy(err);
      } else {
        stream.respond({ ':status': 500 });
        stream.end();
      }
      break;
    }
    case 'request': {
      const res = args[1];
      if (!res.headersSent && !res.finished) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 500;
        res.end(require('http').STATUS_CODES[500]);
      } else {
        res.destroy();
      }
      break;
    }
    default:
      Reflect.apply(net.Server.prototype[EventEmitter.captureRejectionSymbol], this, [err, event, ...args]);
  }
}
Http2Server.prototype[EventEmitter.captureRejectionSymbol] = serverOnRejection;

function createSecureServerClass() {
  const tls = require('tls');
  class Http2SecureServer extends tls.Server {
    constructor(options, requestListener) {
      // Unlike createServer, the options come first and are required to be an object.
      options = initServerOptions(options);
      const allowHTTP1 = options.allowHTTP1 === true;
      // An ALPNCallback chooses the protocol itself (and tls refuses it with ALPNProtocols).
      const tlsOptions = { ...options };
      if (options.ALPNCallback === undefined) tlsOptions.ALPNProtocols = allowHTTP1 ? ['h2', 'http/1.1'] : ['h2'];
      super(tlsOptions);
      this[kOptions] = options;
      // With allowHTTP1, connections that did not negotiate h2 are HTTP/1.1 connections
      // of an https server ('request' with http's IncomingMessage and ServerResponse, or
      // the Http1IncomingMessage/Http1ServerResponse classes given).
      let http1Connection;
      if (allowHTTP1) {
        const { storeHTTPOptions, setupHTTPServer, _connectionListener } = require('_http_server');
        storeHTTPOptions.call(this, {
          ...options,
          IncomingMessage: options.Http1IncomingMessage,
          ServerResponse: options.Http1ServerResponse,
        });
        setupHTTPServer.call(this);
        http1Connection = _connectionListener;
      }
      this.timeout = 0;
      this.on('secureConnection', (socket) => {
        if (socket.alpnProtocol !== 'h2') {
          if (allowHTTP1 && (socket.alpnProtocol === false || socket.alpnProtocol === 'http/1.1' || !socket.alpnProtocol)) {
            socket.server = this;
            http1Connection.call(this, socket);
            return;
          }
          if (!this.emit('unknownProtocol', socket)) {
            // Nobody handles it: the peer is told why in a form an HTTP/1 client reads,
            // and the socket goes after options.unknownProtocolTimeout if still open.
            const timer = setTimeout(() => { if (!socket.destroyed) socket.destroy(); },
              this[kOptions].unknownProtocolTimeout ?? 10000);
            socket.once('close', () => clearTimeout(timer));
            socket.end('HTTP/1.0 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n' +
              'Missing ALPN Protocol, expected `h2` to be available.\n' +
              'If this is a HTTP request: The server was not configured with the `allowHTTP1` ' +
              'option or a listener for the `unknownProtocol` event.\n');
          }
          return;
        }
        const session = new ServerHttp2Session(this[kOptions], socket, this);
        sessionListeners(this, session);
      });
      this.on('newListener', setupCompat);
      if (typeof requestListener === 'function') this.on('request', requestListener);
    }
  }
  // Closing also closes the idle HTTP/1.1 connections of an allowHTTP1 server, as an
  // http.Server's close() does.
  Http2SecureServer.prototype.close = function close(callback) {
    if (this[kOptions].allowHTTP1 === true) require('_http_server').Server.prototype.closeIdleConnections.call(this);
    return tls.Server.prototype.close.call(this, callback);
  };
  Http2SecureServer.prototype.setTimeout = Http2Server.prototype.setTimeout;
  Http2SecureServer.prototype[EventEmitter.captureRejectionSymbol] = serverOnRejection;
  Http2SecureServer.prototype.updateSettings = Http2Server.prototype.updateSettings;
  return Http2SecureServer;
}

let Http2SecureServer;
function createSecureServer(options, handler) {
  Http2SecureServer ??= createSecureServerClass();
  return new Http2SecureServer(options, handler);
}

function createServer(options, handler) {
  return new Http2Server(options, handler);
}

// A server session over a socket (any Duplex) the caller already has, with no server.
function performServerHandshake(socket, options = {}) {
  validateObject(options, 'options');
  return new ServerHttp2Session({ ...options }, socket, undefined);
}

module.exports = {
  connect, createServer, createSecureServer, performServerHandshake,
  Http2Session, ServerHttp2Session, ClientHttp2Session, Http2Stream, ServerHttp2Stream, ClientHttp2Stream,
  Http2Server, kOptions, nameForErrorCode, ERR_HTTP2_PAYLOAD_FORBIDDEN, streamSocketProxy,
};

// The socket of a compatibility request/response: an http1-like view of the stream.
// Stream state (readable, writable, destroyed) and events are the stream's; setTimeout
// is the session's; reading and writing throw; the rest is the connection's socket.
const kStreamOwned = new Set(['on', 'once', 'end', 'emit', 'destroy']);
const kNoStreamManipulation = new Set(['write', 'read', 'pause', 'resume']);
function streamSocketProxy(stream, request) {
  const { ERR_HTTP2_NO_SOCKET_MANIPULATION } = require('internal/errors').codes;
  const connection = () => (stream.session !== undefined ? stream.session._socket : stream);
  return new Proxy(stream, {
    has(target, prop) { return prop in target || prop in connection(); },
    get(target, prop) {
      if (kStreamOwned.has(prop)) return target[prop].bind(target);
      if (prop === 'writable' || prop === 'destroyed') return target[prop];
      if (prop === 'readable') return target.destroyed ? false : (request ? request.readable : target.readable);
      if (prop === 'setTimeout') {
        const owner = target.session ?? target;
        return owner.setTimeout.bind(owner);
      }
      if (kNoStreamManipulation.has(prop)) throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
      const ref = connection();
      const value = ref[prop];
      return typeof value === 'function' ? value.bind(ref) : value;
    },
    getPrototypeOf(target) { return Object.getPrototypeOf(connection()); },
    set(target, prop, value) {
      if (kStreamOwned.has(prop) || prop === 'writable' || prop === 'readable' || prop === 'destroyed') target[prop] = value;
      else if (prop === 'setTimeout') (target.session ?? target).setTimeout = value;
      else if (kNoStreamManipulation.has(prop)) throw new ERR_HTTP2_NO_SOCKET_MANIPULATION();
      else connection()[prop] = value;
      return true;
    },
  });
}
