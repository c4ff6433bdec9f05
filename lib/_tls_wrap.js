'use strict';
// node:_tls_wrap — TLSSocket, tls.Server and tls.connect.
//
// A TLSSocket is a net.Socket without a native handle of its own: it wraps a transport
// (a net.Socket, or any Duplex given as `socket`) and moves bytes between it and a
// rustls session in the native table (binding.tls, crates/runtime/src/bindings/tls.rs).
// Ciphertext read from the transport goes in with `receive`, which returns what to send
// back, the plaintext to push and what happened (handshake done, close_notify, an
// error); plaintext written to the TLSSocket goes out through `write`. Writes made
// before the handshake completes wait in JS. Verification results come back with the
// session's info and are judged here, as Node does (rejectUnauthorized,
// checkServerIdentity).

const net = require('net');
const { writeDataToBuffer } = require('internal/net');
const natives = binding.tls;
const { createSecureContext, SecureContext, certificateObject, translatePeerCertificate, pemToDer } = require('_tls_common');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_TLS_INVALID_CONTEXT, ERR_TLS_SNI_FROM_SERVER, ERR_TLS_INVALID_STATE,
    ERR_TLS_HANDSHAKE_TIMEOUT, ERR_TLS_REQUIRED_SERVER_NAME, ERR_NOT_IMPLEMENTED, ERR_TLS_RENEGOTIATION_DISABLED,
    ERR_SOCKET_CLOSED, ERR_MULTIPLE_CALLBACK, ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS, ERR_TLS_ALPN_CALLBACK_INVALID_RESULT,
    ERR_INTERNAL_ASSERTION },
  validateFunction, validateNumber, validateInteger, validateInt32,
} = require('internal/errors');

// Open sessions, named when a snapshot build refuses them.
const liveSessions = new Map();
internals.describeTlsSessions = () => [...liveSessions.values()].map((s) => ({ kind: s._describeTls(), where: s._where }));

function tlsError([code, message]) {
  const e = new Error(message);
  e.library = 'SSL routines';
  e.reason = message.replace(/^error:[0-9A-F]+:SSL routines::/, '');
  e.code = code;
  return e;
}

function disconnectedError(socket) {
  // A server's connection reset before the handshake ended is Node's 'socket hang up'.
  if (socket._isServer) {
    const e = new Error('socket hang up');
    e.code = 'ECONNRESET';
    return e;
  }
  const e = new Error('Client network socket disconnected before secure TLS connection was established');
  e.code = 'ECONNRESET';
  const o = socket._tlsOptions;
  e.path = o.path;
  e.host = o.host;
  e.port = o.port;
  e.localAddress = o.localAddress;
  return e;
}

// ---- TLSSocket ------------------------------------------------------------------

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  const options = { __proto__: null, ...opts };
  if (options.secureContext && !(options.secureContext instanceof SecureContext)) {
    throw new ERR_TLS_INVALID_CONTEXT('context');
  }
  if (options.ALPNProtocols !== undefined) options.ALPNProtocols = alpnList(options.ALPNProtocols);
  if (options.SNICallback !== undefined && options.isServer) validateFunction(options.SNICallback, 'options.SNICallback');
  net.Socket.call(this, {
    allowHalfOpen: socket?.allowHalfOpen ?? options.allowHalfOpen ?? false,
    signal: options.signal,
    highWaterMark: options.highWaterMark,
    onread: options.onread,
  });
  this._tlsOptions = options;
  this._secureContext = options.secureContext || createSecureContext(options);
  this._session = 0;
  this._transport = null;
  this._secureEstablished = false;
  this.secureConnecting = true;
  this._queued = [];
  this._cipherPending = 0;
  this._tlsHandle = null;
  this._helloQueue = null;
  this._transportPaused = false;
  this._controlReleased = false;
  // Until control is released (tls.connect() does at once, a server's socket once
  // secure), errors go to '_tlsError' and are not thrown, as in Node: a TLSSocket made
  // directly is judged by its owner.
  this.on('error', emitTlsError);
  this._isServer = Boolean(options.isServer);
  this._requestCert = this._isServer ? Boolean(options.requestCert) : true;
  this._rejectUnauthorized = options.rejectUnauthorized !== false;
  this.encrypted = true;
  this.authorized = false;
  this.authorizationError = null;
  this.alpnProtocol = null;
  this.servername = null;
  this.server = options.server ?? null;
  this._peerCertificates = null;
  this._info = null;
  if (options.pauseOnCreate) this._readableState.flowing = false;
  if (socket) this._wrap(socket);
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);

function emitTlsError(err) {
  this.emit('_tlsError', err);
}

TLSSocket.prototype._releaseControl = function _releaseControl() {
  if (this._controlReleased) return false;
  this._controlReleased = true;
  this.removeListener('error', emitTlsError);
  return true;
};
Object.setPrototypeOf(TLSSocket, net.Socket);

TLSSocket.prototype._describeTls = function _describeTls() {
  const t = this._transport;
  if (this._isServer) return `TLS server connection from ${t?.remoteAddress}:${t?.remotePort}`;
  const o = this._tlsOptions;
  const state = this._secureEstablished ? '' : ' (handshake not done)';
  return `TLS socket to ${o.path ?? `${o.host ?? t?.remoteAddress}:${o.port ?? t?.remotePort}`}${state}`;
};

TLSSocket.prototype._wrap = function _wrap(transport) {
  // A stream to carry the records (Node's stream wrap needs one to pause and write).
  if (typeof transport.write !== 'function' || typeof transport.pause !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('socket', ['net.Socket', 'stream.Duplex'], transport);
  }
  // As Node, any other Duplex is carried by a JSStreamSocket (the handle's `_parentWrap`).
  if (!(transport instanceof net.Socket)) {
    const JSStreamSocket = require('internal/js_stream_socket');
    transport = new JSStreamSocket(transport);
  }
  this._transport = transport;
  liveSessions.set(this, this);
  this.connecting = Boolean(transport.connecting);
  transport.on('data', (d) => this._onCiphertext(d));
  transport.on('end', () => this._onTransportEnd());
  transport.on('error', (err) => {
    if (!this._secureEstablished && !this._isServer && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
      this.destroy(disconnectedError(this));
      return;
    }
    this.destroy(err);
  });
  transport.on('close', () => {
    if (this.destroyed) return;
    if (this._secureEstablished) this.destroy();
    else if (this._isServer) this._onTlsError(disconnectedError(this));
    else this.destroy(disconnectedError(this));
  });
  transport.on('timeout', () => {});
  // A server waits for the ClientHello on any transport; a client handshakes when
  // tls.connect() made it, else at its first write, as OpenSSL's SSL_write begins one
  // in Node (`new TLSSocket(socket)` alone sends nothing).
  const start = this._isServer || this._viaConnect === true;
  // A socket not yet connected (connecting, or to be connected later) starts the
  // handshake when it connects; anything else (a connected socket, a Duplex) now.
  if (this.connecting || transport.pending === true) {
    this.connecting = true;
    transport.once('connect', () => {
      this.connecting = false;
      if (start || this._queued.length > 0) this._start();
      this.emit('connect');
    });
  } else if (start) {
    this._start();
  }
};

TLSSocket.prototype._start = function _start() {
  if (this.destroyed || this._session !== 0) return;
  const ctx = this._secureContext;
  try {
    if (this._isServer) {
      this._session = natives.newServer();
    } else {
      const o = this._tlsOptions;
      this._session = natives.newClient({
        ...ctx._native(),
        servername: o.servername,
        alpn: o.ALPNProtocols ?? null,
        session: o.session ?? null,
        keylog: this._wantsKeylog(),
      });
    }
  } catch (err) {
    this.destroy(err);
    return;
  }
  if (this._maxSendFragment !== undefined) natives.setMaxSendFragment(this._session, this._maxSendFragment);
  if (!this._isServer) {
    const hello = natives.write(this._session, Buffer.alloc(0));
    if (hello) this._transport.write(hello);
    this._emitKeylog();
  }
  // A server socket made paused (pauseOnConnect) still handshakes: only its plaintext waits.
  if (this._isServer || this._readableState.flowing !== false || this._readableState.needReadable) this._transport.resume?.();
};

TLSSocket.prototype._onCiphertext = function _onCiphertext(data) {
  if (this._session === 0 || this.destroyed) return;
  if (this._helloQueue !== null) {
    this._helloQueue.push(data);
    return;
  }
  this._touch();
  const [out, plain, flags, error, sni, alpn, sessionId, stored] = natives.receive(this._session, data);
  this._emitKeylog();
  if (error) {
    // The alert rustls queued goes out before the connection closes.
    if (out) this._transport.write(out);
    this._onTlsError(tlsError(error));
    return;
  }
  if (flags & 4) this._onClientHello(sni, alpn, sessionId);
  // A client that rejects the server's certificate closes without sending its last
  // handshake flight, as Node does: the handshake is judged before `out` is sent.
  if (flags & 1) this._onHandshake(out, stored);
  else if (out) this._transport.write(out);
  if (this.destroyed) return;
  // The server handed out sessions (TLS 1.3 tickets, or a TLS 1.2 session): one
  // 'session' event each, as in Node; a resumed connection's tickets renew the session
  // it resumed (kept natively) without one, as OpenSSL reports no new session then.
  if (flags & 8 && this._secureEstablished && !this.isSessionReused()) {
    const session = this.getSession();
    for (let n = flags >>> 8; session && n > 0 && !this.destroyed; n--) this.emit('session', session);
  }
  // The plaintext, one chunk per record.
  if (plain && this._onread !== null) {
    // The onread option: plaintext into the caller's buffers (net.Socket's delivery); a
    // pause holds the transport.
    for (const chunk of plain) {
      this.bytesRead += chunk.length;
      this._onread.queue.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
    this._drainOnread();
    if (this._onread.paused && !this._transportPaused) {
      this._transportPaused = true;
      this._transport.pause();
    }
  } else if (plain) {
    let more = true;
    for (const chunk of plain) {
      this.bytesRead += chunk.length;
      more = this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
    if (!more && !this._transportPaused) {
      this._transportPaused = true;
      this._transport.pause();
    }
  }
  if (flags & 2) this._onPeerEnd();
};

// (net.Socket's resume() after an onread pause.)
TLSSocket.prototype._startReading = function _startReading() {
  if (this._transportPaused && this._transport) {
    this._transportPaused = false;
    this._transport.resume();
  }
};

TLSSocket.prototype._read = function _read() {
  if (this._transportPaused && this._transport) {
    this._transportPaused = false;
    this._transport.resume();
  }
};

TLSSocket.prototype._onPeerEnd = function _onPeerEnd() {
  if (this._ended) return;
  this._ended = true;
  if (this._onread !== null) {
    // As a net.Socket's: a buffer is asked for the read that finds the end, too.
    if (typeof this._onread.buffer === 'function') this._onread.buffer();
    this._onread.ended = true;
    this._drainOnread();
    return;
  }
  this.push(null);
  this.read(0);
};

TLSSocket.prototype._onTransportEnd = function _onTransportEnd() {
  if (!this._secureEstablished) {
    if (this._isServer) this._onTlsError(disconnectedError(this));
    else this.destroy(disconnectedError(this));
    return;
  }
  this._onPeerEnd();
};

// A TLS failure is the socket's error; a tls.Server's sockets pass the ones before
// the handshake on as 'tlsClientError' (tlsConnectionListener).
TLSSocket.prototype._onTlsError = function _onTlsError(err) {
  this.destroy(err);
};

// Key log lines (NSS format) go to 'keylog' listeners (a server's get the socket too)
// and to the --tls-keylog file, as in Node; they are collected only when wanted.
// (Read each time: a restored snapshot has its own options.)
function keylogPath() {
  return require('internal/options').getOptionValue('--tls-keylog') || null;
}
TLSSocket.prototype._wantsKeylog = function _wantsKeylog() {
  return this.listenerCount('keylog') > 0 || (this._isServer && this.server?.listenerCount('keylog') > 0) || keylogPath() !== null;
};
TLSSocket.prototype._emitKeylog = function _emitKeylog() {
  if (this._session === 0) return;
  const lines = natives.takeKeylog(this._session);
  if (!lines) return;
  const all = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
  const path = keylogPath();
  if (path !== null) require('fs').appendFileSync(path, all);
  for (let start = 0; start < all.length;) {
    const end = all.indexOf(10, start) + 1;
    const line = Buffer.from(all.subarray(start, end));
    start = end;
    if (this._isServer) this.server?.emit('keylog', line, this);
    else this.emit('keylog', line);
  }
};

// An alert just queued on the transport goes out before it closes.
TLSSocket.prototype._closeAfterAlert = function _closeAfterAlert() {
  const t = this._transport;
  if (t && typeof t.end === 'function' && !t.destroyed) {
    t.end();
    if (typeof t.destroySoon === 'function') t.destroySoon();
  }
  this.destroy();
};

function alpnList(protocols) {
  if (protocols === undefined || protocols === null) return null;
  if (Array.isArray(protocols)) return protocols.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')));
  // Node's wire form: length-prefixed protocol names.
  if (ArrayBuffer.isView(protocols)) {
    const b = Buffer.from(protocols.buffer, protocols.byteOffset, protocols.byteLength);
    const out = [];
    for (let i = 0; i < b.length;) {
      const n = b[i];
      out.push(b.toString('latin1', i + 1, i + 1 + n));
      i += 1 + n;
    }
    return out;
  }
  throw new ERR_INVALID_ARG_TYPE('options.ALPNProtocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
}

// The server side: the ClientHello is in, the context is chosen (SNICallback may be
// asynchronous; ciphertext arriving meanwhile waits).
TLSSocket.prototype._onClientHello = function _onClientHello(servername, clientAlpn, sessionId) {
  this.servername = servername ?? false;
  const o = this._tlsOptions;
  // A session id in the ClientHello: 'resumeSession' listeners may hand back the
  // session ('newSession' gave it them) before the handshake goes on, as in Node.
  if (sessionId && !this._resumeAsked && this.server?.listenerCount('resumeSession') > 0) {
    this._resumeAsked = true;
    this._helloQueue = [];
    let called = false;
    this.server.emit('resumeSession', Buffer.from(sessionId.buffer, sessionId.byteOffset, sessionId.byteLength), (err, session) => {
      if (called || this.destroyed) return;
      called = true;
      if (err) {
        this.destroy(err);
        return;
      }
      if (session) {
        if (!ArrayBuffer.isView(session)) throw new ERR_INVALID_ARG_TYPE('session', ['Buffer', 'TypedArray', 'DataView'], session);
        const ctx = this._secureContext;
        ctx._native();
        natives.putSession(ctx._cache, sessionId, session);
      }
      const queued = this._helloQueue;
      this._helloQueue = null;
      this._onClientHello(servername, clientAlpn, null);
      if (this._helloQueue === null && queued) for (const d of queued) this._onCiphertext(d);
      else if (queued) this._helloQueue.unshift(...queued);
    });
    return;
  }
  const proceed = (err, context) => {
    if (this.destroyed) return;
    if (err) {
      this._onTlsError(err);
      return;
    }
    if (context !== undefined && context !== null && !(context instanceof SecureContext) && !(context.context instanceof SecureContext)) {
      // Node's native side refuses it with a plain TypeError.
      this._onTlsError(new TypeError('Invalid SNI context'));
      return;
    }
    if (context && !(context instanceof SecureContext)) context = context.context;
    const ctx = context ?? this._secureContext;
    if (context && !(context.cert?.length > 0)) {
      // OpenSSL cannot use the SNI context's (absent) certificate; the client hears a
      // handshake_failure alert.
      this._transport.write(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40]));
      this._onTlsError(tlsError(['ERR_SSL_PASSED_A_NULL_PARAMETER', 'error:0A0C0102:SSL routines::passed a null parameter']));
      return;
    }
    let alpn = o.ALPNProtocols ?? null;
    if (typeof o.ALPNCallback === 'function' && clientAlpn && clientAlpn.length > 0) {
      const chosen = o.ALPNCallback.call(this, { servername: servername ?? undefined, protocols: clientAlpn });
      if (chosen !== undefined && !clientAlpn.includes(chosen)) {
        // As in Node the connection is reset and the error is thrown from the
        // callback's caller (an uncaught exception unless something catches it).
        this._transport.destroy();
        this.destroy();
        throw new ERR_TLS_ALPN_CALLBACK_INVALID_RESULT(chosen, clientAlpn);
      }
      // undefined: no protocol agreed, the handshake fails as in Node.
      alpn = chosen === undefined ? ['\u0000-no-protocol'] : [chosen];
    }
    // setKeyCert() (from ALPNCallback) replaces the certificate and key.
    const settings = ctx._native();
    if (this._keyCert) Object.assign(settings, this._keyCert);
    let out;
    try {
      out = natives.accept(this._session, {
        ...settings,
        requestCert: Boolean(o.requestCert),
        requireCert: Boolean(o.requestCert) && this._rejectUnauthorized,
        alpn,
        keylog: this._wantsKeylog(),
      });
      this._emitKeylog();
    } catch (e) {
      if (e.alert) this._transport.write(e.alert);
      this._onTlsError(tlsErrorFromThrown(e));
      return;
    }
    if (out) this._transport.write(out);
    const queued = this._helloQueue;
    this._helloQueue = null;
    if (queued) for (const d of queued) this._onCiphertext(d);
  };
  const sni = o.SNICallback;
  if (typeof sni === 'function' && servername) {
    this._helloQueue = [];
    let called = false;
    sni.call(this.server, servername, (err, ctx) => {
      if (called) {
        this.destroy(new ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      proceed(err, ctx);
    });
    return;
  }
  proceed(null, null);
};

function tlsErrorFromThrown(e) {
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_SSL_')) {
    const err = tlsError([e.code, e.message]);
    return err;
  }
  return e;
}

TLSSocket.prototype._onHandshake = function _onHandshake(out, stored) {
  const info = natives.info(this._session);
  this._info = info;
  this.alpnProtocol = info[3] ?? false;
  this._peerCertificates = info[7];
  this._secureEstablished = true;
  this.secureConnecting = false;
  if (this._isServer) {
    if (this._requestCert) {
      let code = info[5];
      if (code === null && info[7].length === 0) code = 'UNABLE_TO_GET_ISSUER_CERT';
      if (code !== null) {
        this.authorizationError = code;
        if (this._rejectUnauthorized) {
          this._closeAfterAlert();
          return;
        }
      } else {
        this.authorized = true;
      }
    }
    if (out) this._transport.write(out);
    const finish = () => {
      this._flushQueued();
      this._releaseControl();
      this._clearHandshakeTimer();
      if (this.server) this.server.emit('secureConnection', this);
      this.emit('secure');
    };
    // The sessions this handshake stored go to 'newSession' listeners (for a cache of
    // their own); the connection is secure once each has called back, as in Node.
    if (stored && this.server?.listenerCount('newSession') > 0) {
      let left = stored.length;
      for (const [id, data] of stored) {
        let called = false;
        this.server.emit('newSession', Buffer.from(id.buffer, id.byteOffset, id.byteLength),
          Buffer.from(data.buffer, data.byteOffset, data.byteLength), () => {
            if (called) return;
            called = true;
            if (--left > 0) return;
            if (this._session === 0) this.destroy(new ERR_SOCKET_CLOSED());
            else finish();
          });
      }
      return;
    }
    finish();
    return;
  }
  const o = this._tlsOptions;
  this.servername = o.servername || null;
  if (!this._viaConnect) {
    // A TLSSocket made directly is not judged (tls.connect() does that, as in Node): it
    // emits 'secure', and the chain's verdict is there for ssl.verifyError().
    if (out) this._transport.write(out);
    this._flushQueued();
    this.emit('secure');
    return;
  }
  let verifyError = null;
  if (info[5] !== null) {
    verifyError = new Error(info[6]);
    verifyError.code = info[5];
  } else if (!info[10]) {
    // (A resumed session was checked when it was made, as Node assumes too.)
    const hostname = o.servername || o.host || o.socket?._host || 'localhost';
    const cert = this.getPeerCertificate(true);
    verifyError = (o.checkServerIdentity ?? require('tls').checkServerIdentity)(hostname, cert) ?? null;
  }
  if (verifyError) {
    this.authorized = false;
    this.authorizationError = verifyError.code || verifyError.message;
    if (this._rejectUnauthorized) {
      this.destroy(verifyError);
      return;
    }
  } else {
    this.authorized = true;
  }
  // The last handshake flight goes before any application data.
  if (out) this._transport.write(out);
  this._flushQueued();
  this.emit('secureConnect');
};

TLSSocket.prototype._flushQueued = function _flushQueued() {
  const q = this._queued;
  this._queued = [];
  for (const item of q) {
    if (item.final) this._final(item.cb);
    else this._encrypt(item.data, item.cb);
  }
};

TLSSocket.prototype._encrypt = function _encrypt(data, cb) {
  if (this._session === 0 || !this._transport) {
    cb(new ERR_SOCKET_CLOSED());
    return;
  }
  let out;
  try {
    out = natives.write(this._session, data);
  } catch (err) {
    cb(err);
    return;
  }
  this._touch();
  if (out) {
    this._cipherPending += out.length;
    this._transport.write(out, (err) => {
      this._cipherPending -= out.length;
      cb(err ?? null);
    });
  } else {
    cb(null);
  }
};

TLSSocket.prototype._writeGeneric = function _writeGeneric(data, cb, latin1) {
  // net.Socket hands strings and writev lists on as they are; the session encrypts bytes.
  data = writeDataToBuffer(data, latin1);
  if (!this._secureEstablished) {
    this._queued.push({ data, cb });
    this._startOnWrite();
    return;
  }
  this._encrypt(data, cb);
};

// A client not started by tls.connect() begins its handshake with its first write.
TLSSocket.prototype._startOnWrite = function _startOnWrite() {
  if (this._session === 0 && !this._isServer && this._transport && !this.connecting) this._start();
};

TLSSocket.prototype._final = function _final(cb) {
  if (!this._secureEstablished) {
    if (this._session === 0 && !this.connecting && !this._transport) {
      cb();
      return;
    }
    this._queued.push({ final: true, cb });
    this._startOnWrite();
    return;
  }
  const t = this._transport;
  const notify = this._session !== 0 ? natives.close(this._session) : null;
  // A transport the peer already ended (and that is not half-open) has ended its own
  // writable side: there is nothing left to send on.
  if (!t || t.destroyed || t.writableEnded) {
    cb();
    return;
  }
  if (notify) t.write(notify);
  t.end();
  cb();
};

TLSSocket.prototype._destroy = function _destroy(err, cb) {
  this._clearTimer();
  this._clearHandshakeTimer();
  // (An aborted signal destroys the socket inside net.Socket's constructor, before
  // the TLS fields exist.)
  if (this._session) {
    natives.free(this._session);
  }
  this._session = 0;
  liveSessions.delete(this);
  // Writes still waiting for the handshake are abandoned with the socket: their
  // callbacks get ECANCELED, as Node's TLSWrap cancels its pending writes.
  const queued = (this._queued ?? []).filter((item) => !item.final);
  this._queued = [];
  if (queued.length > 0) {
    process.nextTick(() => {
      for (const item of queued) {
        const canceled = new Error('write ECANCELED');
        canceled.errno = -125;
        canceled.code = 'ECANCELED';
        canceled.syscall = 'write';
        item.cb(canceled);
      }
    });
  }
  const t = this._transport;
  cb(err);
  const emitClose = () => this.emit('close', Boolean(err));
  if (t && !t.destroyed) {
    t.once('close', () => process.nextTick(emitClose));
    // Give an alert or close_notify just written a chance to leave.
    if (t.writableLength > 0 && !err) t.end();
    else t.destroy();
  } else if (t && !t.closed && t._closeEmitted !== true && t.listenerCount) {
    let done = false;
    t.once('close', () => { if (!done) { done = true; process.nextTick(emitClose); } });
    setImmediate(() => { if (!done) { done = true; emitClose(); } });
  } else {
    process.nextTick(emitClose);
  }
};

// Node's internal: the TLS session is freed now (the socket itself closes later).
TLSSocket.prototype._destroySSL = function _destroySSL() {
  if (this._session) natives.free(this._session);
  this._session = 0;
  liveSessions.delete(this);
};

TLSSocket.prototype._clearHandshakeTimer = function _clearHandshakeTimer() {
  if (this._handshakeTimer) clearTimeout(this._handshakeTimer);
  this._handshakeTimer = null;
};

// ---- what the transport owns ------------------------------------------------------

for (const name of ['remoteAddress', 'remotePort', 'remoteFamily', 'localAddress', 'localPort', 'localFamily']) {
  Object.defineProperty(TLSSocket.prototype, name, { get() { return this._transport?.[name]; }, configurable: true });
}
Object.defineProperty(TLSSocket.prototype, 'pending', { get() { return !this._transport || this.connecting; }, configurable: true });
Object.defineProperty(TLSSocket.prototype, 'bufferSize', {
  // Plaintext not yet handed to the session, as Node counts it (not the transport's queue).
  get() { return this._transport && !this.destroyed ? this.writableLength : undefined; }, configurable: true,
});
Object.defineProperty(TLSSocket.prototype, 'bytesWritten', {
  // Undefined on the prototype itself, as net.Socket's.
  get() { return this._writableState === undefined ? undefined : this._transport?.bytesWritten ?? 0; }, configurable: true,
});
// The session as Node's TLSWrap handle shows it (`_handle`, `ssl`): what amber can
// answer about it, nothing native (the session itself is an id in the binding's table).
class TLSHandle {
  #socket;
  constructor(socket) {
    this.#socket = socket;
  }

  // The socket the records travel on: the net.Socket given, or the JSStreamSocket
  // around another Duplex.
  get _parentWrap() {
    return this.#socket._transport;
  }

  // The transport's descriptor (-1 for a stream without one).
  get fd() {
    return this.#socket._transport?._handle?.fd ?? -1;
  }

  // Ciphertext handed to the transport and not yet written by it.
  get writeQueueSize() {
    return this.#socket._cipherPending;
  }

  // The certificate chain's verdict, for a socket tls.connect() did not judge.
  verifyError() {
    const info = this.#socket._session === 0 ? null : natives.info(this.#socket._session);
    if (!info || info[5] === null) return null;
    const err = new Error(info[6]);
    err.code = info[5];
    return err;
  }
}
Object.defineProperty(TLSSocket.prototype, '_handle', {
  // From the moment a transport is attached (Node's TLSWrap exists from construction).
  get() { return this._session === 0 && this._transport === null ? null : this.ssl; }, set(v) {}, configurable: true,
});
// (As Node's, there from the socket's construction, before any session.)
Object.defineProperty(TLSSocket.prototype, 'ssl', {
  get() {
    if (this._writableState === undefined) return undefined;
    // Gone with the socket, as Node drops it when it destroys the session.
    if (this.destroyed) return null;
    this._tlsHandle ??= new TLSHandle(this);
    return this._tlsHandle;
  },
  set(v) {},
  configurable: true,
});

TLSSocket.prototype.address = function address() { return this._transport?.address?.() ?? {}; };
TLSSocket.prototype.ref = function ref() { this._transport?.ref?.(); return this; };
TLSSocket.prototype.unref = function unref() { this._transport?.unref?.(); return this; };
TLSSocket.prototype.setNoDelay = function setNoDelay(v) { this._transport?.setNoDelay?.(v); return this; };
TLSSocket.prototype.setKeepAlive = function setKeepAlive(e, d) { this._transport?.setKeepAlive?.(e, d); return this; };
TLSSocket.prototype._updateRef = function _updateRef() {};
TLSSocket.prototype.resetAndDestroy = function resetAndDestroy() {
  if (!this._transport) return this.destroy(new ERR_SOCKET_CLOSED());
  this._transport.resetAndDestroy?.();
  return this.destroy();
};

// A TLSSocket made without a transport connects one itself (net.Socket's arguments).
TLSSocket.prototype.connect = function connect(...args) {
  if (this._transport) throw new ERR_TLS_INVALID_STATE();
  const raw = new net.Socket({ allowHalfOpen: this.allowHalfOpen });
  raw._where = this._where ?? internals.callerLocation();
  this.connecting = true;
  raw.connect(...args);
  this._wrap(raw);
  return this;
};

// ---- TLS facts --------------------------------------------------------------------

TLSSocket.prototype.getPeerCertificate = function getPeerCertificate(detailed) {
  // Node: null once the socket is closed, {} while there is no peer certificate.
  if (this.destroyed) return null;
  const certs = this._peerCertificates ?? [];
  if (certs.length === 0) return {};
  const objs = certs.map((d) => certificateObject(d));
  if (!detailed) {
    const c = objs[0];
    return c ? translatePeerCertificate(c) : {};
  }
  // The chain as verified: what the peer sent, then its issuers among our CAs.
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const cas = (this._secureContext?.ca ?? []).flatMap((pem) => pemToDer(pem)).map((d) => certificateObject(d)).filter(Boolean);
  for (let last = objs[objs.length - 1]; last && !same(last.subject, last.issuer) && objs.length < 10;) {
    const issuer = cas.find((c) => same(c.subject, last.issuer));
    if (!issuer) break;
    objs.push(issuer);
    last = issuer;
  }
  for (let i = 0; i < objs.length - 1; i++) objs[i].issuerCertificate = objs[i + 1];
  const last = objs[objs.length - 1];
  if (last && same(last.subject, last.issuer)) last.issuerCertificate = last;
  return translatePeerCertificate(objs[0]);
};

TLSSocket.prototype.getCertificate = function getCertificate() {
  const cert = this._secureContext?.cert;
  if (!cert || cert.length === 0) return this._session === 0 ? null : {};
  const der = pemToDer(cert[0])[0] ?? cert[0];
  return certificateObject(der) ?? {};
};

TLSSocket.prototype.getProtocol = function getProtocol() {
  if (this._session === 0) return null;
  return natives.info(this._session)?.[0] ?? 'unknown';
};

TLSSocket.prototype.getCipher = function getCipher() {
  if (this._session === 0) return null;
  const info = natives.info(this._session);
  if (!info || info[1] === null) return null;
  const standardName = info[1];
  return { name: info[2], standardName, version: standardName.startsWith('TLS_AES') || standardName.startsWith('TLS_CHACHA') ? 'TLSv1.3' : 'TLSv1.2' };
};

// The signature algorithms both ends allow (a server's from the ClientHello, a client's
// from the server's certificate request), by OpenSSL's names.
TLSSocket.prototype.getSharedSigalgs = function getSharedSigalgs() {
  if (this._session === 0) return [];
  return natives.sharedSigalgs(this._session);
};
// The key exchange of the connection, as OpenSSL names it (client side; a server
// socket gets null, as in Node 20).
const kxGroups = {
  __proto__: null,
  X25519: { type: 'ECDH', name: 'X25519', size: 253 },
  secp256r1: { type: 'ECDH', name: 'prime256v1', size: 256 },
  secp384r1: { type: 'ECDH', name: 'secp384r1', size: 384 },
  secp521r1: { type: 'ECDH', name: 'secp521r1', size: 521 },
};
TLSSocket.prototype.getEphemeralKeyInfo = function getEphemeralKeyInfo() {
  if (this._isServer || this._session === 0 || !this._secureEstablished) return this._isServer ? null : {};
  const group = natives.info(this._session)?.[9];
  return group && kxGroups[group] ? { ...kxGroups[group] } : {};
};
TLSSocket.prototype.getFinished = function getFinished() { throw new ERR_NOT_IMPLEMENTED('tlsSocket.getFinished()'); };
TLSSocket.prototype.getPeerFinished = function getPeerFinished() { throw new ERR_NOT_IMPLEMENTED('tlsSocket.getPeerFinished()'); };
// The certificates as crypto.X509Certificate objects (undefined when there is none).
TLSSocket.prototype.getX509Certificate = function getX509Certificate() {
  const cert = this._secureContext?.cert;
  if (this._session === 0 || !cert || cert.length === 0) return undefined;
  const der = pemToDer(cert[0])[0] ?? cert[0];
  return new (require('crypto').X509Certificate)(der);
};
TLSSocket.prototype.getPeerX509Certificate = function getPeerX509Certificate() {
  const der = this._peerCertificates?.[0];
  if (this._session === 0 || !der) return undefined;
  const { X509Certificate } = require('crypto');
  return require('internal/crypto/x509').linkIssuers(this._peerCertificates.map((d) => new X509Certificate(Buffer.from(d))));
};

// Sessions: rustls cannot serialize one, so getSession() hands out a token for the
// session kept natively (valid in this process only; after a snapshot restore or once
// evicted it finds nothing and the next handshake is a full one).
TLSSocket.prototype.getSession = function getSession() {
  if (this._session === 0) return undefined;
  const token = natives.info(this._session)?.[11];
  return token ? Buffer.from(token.buffer, token.byteOffset, token.length) : undefined;
};
TLSSocket.prototype.getTLSTicket = function getTLSTicket() { return undefined; };
TLSSocket.prototype.isSessionReused = function isSessionReused() { return Boolean(this._info?.[10]); };
TLSSocket.prototype.setSession = function setSession(session) {
  if (typeof session === 'string') session = Buffer.from(session, 'latin1');
  if (!ArrayBuffer.isView(session)) throw new ERR_INVALID_ARG_TYPE('session', ['Buffer', 'TypedArray', 'DataView'], session);
  this._tlsOptions.session = session;
};

// A server socket's certificate and key, from a context or context options, for a
// handshake that has not chosen them yet (ALPNCallback is the place).
TLSSocket.prototype.setKeyCert = function setKeyCert(context) {
  if (this._session === 0) return;
  const ctx = context instanceof SecureContext ? context : createSecureContext(context);
  this._keyCert = { cert: ctx.cert, key: ctx.key };
};

TLSSocket.prototype.setServername = function setServername(name) {
  if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._isServer) throw new ERR_TLS_SNI_FROM_SERVER();
  this._tlsOptions.servername = name;
};

TLSSocket.prototype.exportKeyingMaterial = function exportKeyingMaterial(length, label, context) {
  validateInteger(length, 'length', 1, 2 ** 31 - 1);
  if (typeof label !== 'string') throw new ERR_INVALID_ARG_TYPE('label', 'string', label);
  if (context !== undefined && !ArrayBuffer.isView(context)) throw new ERR_INVALID_ARG_TYPE('context', ['Buffer', 'TypedArray', 'DataView'], context);
  if (!this._secureEstablished || this._session === 0) throw new ERR_TLS_INVALID_STATE();
  const b = natives.exportKeyingMaterial(this._session, length, label, context ?? null);
  return Buffer.from(b.buffer, b.byteOffset, b.length);
};

TLSSocket.prototype.renegotiate = function renegotiate(options, callback) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (this.destroyed) return false;
  // TLS 1.3 has no renegotiation (OpenSSL's error); rustls has none for TLS 1.2 either.
  const err = this.getProtocol() === 'TLSv1.3' ?
    tlsError(['ERR_SSL_WRONG_SSL_VERSION', 'error:0A00010A:SSL routines::wrong ssl version']) :
    new ERR_TLS_RENEGOTIATION_DISABLED();
  if (callback) process.nextTick(callback, err);
  return false;
};
TLSSocket.prototype.disableRenegotiation = function disableRenegotiation() {};
// Records of at most `size` bytes of plaintext from now on (512 to 16384, as OpenSSL);
// false for a size outside those bounds. Kept for a session not begun yet.
TLSSocket.prototype.setMaxSendFragment = function setMaxSendFragment(size) {
  validateInt32(size, 'size');
  if (size < 512 || size > 16384) return false;
  this._maxSendFragment = size;
  if (this._session !== 0) return natives.setMaxSendFragment(this._session, size);
  return true;
};
TLSSocket.prototype.enableTrace = function enableTrace() { throw new ERR_NOT_IMPLEMENTED('tlsSocket.enableTrace()'); };

// ---- Server -----------------------------------------------------------------------

// TLS-PSK (pskCallback, pskIdentityHint): rustls has no external pre-shared keys (in
// TLS 1.2 or 1.3), only its own resumption ones.
const pskApi = 'tls pre-shared keys (the pskCallback option)';

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  net.Server.call(this, options);
  this._contexts = [];
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  if (options.ALPNCallback !== undefined) {
    validateFunction(options.ALPNCallback, 'options.ALPNCallback');
    if (options.ALPNProtocols) throw new ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS();
  }
  this.ALPNCallback = options.ALPNCallback;
  // Kept in the wire form (length-prefixed names), as Node does.
  if (options.ALPNProtocols !== undefined) require('tls').convertALPNProtocols(options.ALPNProtocols, this);
  if (options.SNICallback !== undefined) validateFunction(options.SNICallback, 'options.SNICallback');
  this._SNICallback = options.SNICallback;
  if (options.pskCallback !== undefined) {
    validateFunction(options.pskCallback, 'options.pskCallback');
    throw new ERR_NOT_IMPLEMENTED(pskApi);
  }
  const timeout = options.handshakeTimeout ?? 120000;
  validateNumber(timeout, 'options.handshakeTimeout');
  this._handshakeTimeout = timeout;
  this.sessionTimeout = options.sessionTimeout;
  this.setSecureContext(options);
  this.on('connection', tlsConnectionListener);
  if (listener) this.on('secureConnection', listener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

// Cluster workers listening together share the first one's ticket keys (the primary
// hands them round), so any worker resumes another's sessions, as in Node.
Server.prototype._getServerData = function _getServerData() {
  return { ticketKeys: this.getTicketKeys().toString('hex') };
};
Server.prototype._setServerData = function _setServerData(data) {
  if (data?.ticketKeys) this.setTicketKeys(Buffer.from(data.ticketKeys, 'hex'));
};

// (captureRejections) a failed 'secureConnection' handler destroys that socket.
Server.prototype[require('events').captureRejectionSymbol] = function onRejection(err, event, sock) {
  if (event === 'secureConnection') sock.destroy(err);
  else net.Server.prototype[require('events').captureRejectionSymbol].call(this, err, event, sock);
};

Server.prototype.setSecureContext = function setSecureContext(options) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  this._sharedCreds = options.secureContext instanceof SecureContext ? options.secureContext : createSecureContext(options);
  this.key = options.key;
  this.cert = options.cert;
  this.ca = options.ca;
};

Server.prototype.addContext = function addContext(servername, context) {
  if (!servername) throw new ERR_TLS_REQUIRED_SERVER_NAME();
  const re = new RegExp(`^${servername.replace(/([.^$+?\-\\[\]{}])/g, '\\$1').replaceAll('*', '[^.]*')}$`, 'i');
  const ctx = context instanceof SecureContext ? context : createSecureContext(context);
  this._contexts.push([re, ctx]);
};

// Deprecated (DEP0122): records the options on the server, as Node does; a new
// context comes with setSecureContext().
let setOptionsWarned = false;
Server.prototype.setOptions = function setOptions(options) {
  if (!setOptionsWarned) {
    setOptionsWarned = true;
    process.emitWarning('Server.prototype.setOptions() is deprecated', 'DeprecationWarning', 'DEP0122');
  }
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  for (const name of ['key', 'passphrase', 'cert', 'clientCertEngine', 'ca', 'minVersion', 'maxVersion', 'secureProtocol',
    'crl', 'ciphers', 'ecdhCurve', 'dhparam', 'secureOptions', 'sessionIdContext', 'ticketKeys', 'pskCallback',
    'pskIdentityHint', 'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine']) {
    if (options[name]) this[name] = options[name];
  }
  if (options.honorCipherOrder !== undefined) this.honorCipherOrder = Boolean(options.honorCipherOrder);
  if (options.pfx) this.pfx = options.pfx;
};

Server.prototype.getTicketKeys = function getTicketKeys() {
  return this._sharedCreds.context.getTicketKeys();
};
Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  if (!ArrayBuffer.isView(keys)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], keys);
  // Node checks this with its internal assert.
  require('internal/assert')(keys.byteLength === 48, 'Session ticket keys must be a 48-byte buffer');
  this._sharedCreds.context.setTicketKeys(keys);
};

// Node's default SNICallback: the last added context whose pattern matches.
function defaultSNICallback(servername, cb) {
  let ctx;
  for (const [re, c] of this._contexts) if (re.test(servername)) ctx = c;
  cb(null, ctx);
}

function tlsConnectionListener(rawSocket) {
  const server = this;
  const socket = new TLSSocket(rawSocket, {
    isServer: true,
    server,
    secureContext: server._sharedCreds,
    requestCert: server.requestCert,
    rejectUnauthorized: server.rejectUnauthorized,
    ALPNProtocols: server.ALPNProtocols ?? undefined,
    ALPNCallback: server.ALPNCallback,
    SNICallback: server._SNICallback ?? (server._contexts.length > 0 ? defaultSNICallback : undefined),
    allowHalfOpen: server.allowHalfOpen,
    pauseOnCreate: server.pauseOnConnect,
  });
  socket._where = rawSocket._where;
  socket.on('error', (err) => {
    if (!socket._controlReleased && !socket._clientErrorEmitted) {
      socket._clientErrorEmitted = true;
      if (server.listenerCount('tlsClientError') > 0) server.emit('tlsClientError', err, socket);
    }
  });
  // Closed before the server took it (a rejected client certificate): Node's
  // 'socket hang up'.
  socket.on('close', () => {
    if (!socket._controlReleased && !socket._clientErrorEmitted) {
      socket._clientErrorEmitted = true;
      server.emit('tlsClientError', disconnectedError(socket), socket);
    }
  });
  if (server._handshakeTimeout > 0) {
    socket._handshakeTimer = setTimeout(() => {
      socket._handshakeTimer = null;
      // As in Node the timeout is reported, not acted on: 'tlsClientError' listeners
      // decide (https destroys the socket unless 'clientError' is handled).
      socket.emit('error', new ERR_TLS_HANDSHAKE_TIMEOUT());
    }, server._handshakeTimeout);
    socket._handshakeTimer.unref?.();
  }
}

// ---- connect ------------------------------------------------------------------------

// connect(options[, cb]), connect(port[, host][, options][, cb]), connect(path[, options][, cb])
function normalizeConnectArgs(args) {
  const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const rest = cb ? args.slice(0, -1) : args;
  let options = {};
  if (rest[0] !== null && typeof rest[0] === 'object') {
    options = { ...rest[0] };
  } else {
    if (typeof rest[0] === 'string' && Number.isNaN(Number(rest[0]))) {
      options.path = rest[0];
      if (rest[1] !== null && typeof rest[1] === 'object') options = { ...rest[1], path: rest[0] };
    } else {
      options.port = rest[0];
      let i = 1;
      if (typeof rest[1] === 'string') {
        options.host = rest[1];
        i = 2;
      }
      if (rest[i] !== null && typeof rest[i] === 'object') options = { ...rest[i], ...options };
    }
  }
  return [options, cb];
}

let ipServernameWarned = false;

// NODE_TLS_REJECT_UNAUTHORIZED=0 turns verification off by default, with a warning the
// first time a connection is made under it, as in Node.
let allowUnauthorizedWarned = false;
function allowUnauthorized() {
  const allow = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allow && !allowUnauthorizedWarned) {
    allowUnauthorizedWarned = true;
    process.emitWarning('Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to \'0\' makes TLS connections ' +
      'and HTTPS requests insecure by disabling certificate verification.');
  }
  return allow;
}

function connect(...args) {
  const [opts, cb] = normalizeConnectArgs(args);
  const tls = require('tls');
  const options = {
    rejectUnauthorized: !allowUnauthorized(),
    ciphers: tls.DEFAULT_CIPHERS,
    checkServerIdentity: tls.checkServerIdentity,
    minDHSize: 1024,
    ...opts,
  };
  if (!options.keepAlive) options.singleUse = true;
  validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  // (Node checks it with its internal assert; rustls has no DHE, so no DH key is
  // ever received to hold to it.)
  if (typeof options.minDHSize !== 'number') {
    throw new ERR_INTERNAL_ASSERTION(`options.minDHSize is not a number: ${options.minDHSize}`);
  }
  if (!(options.minDHSize > 0)) {
    throw new ERR_INTERNAL_ASSERTION(`options.minDHSize is not a positive number: ${options.minDHSize}`);
  }
  if (options.pskCallback !== undefined) {
    validateFunction(options.pskCallback, 'pskCallback');
    throw new ERR_NOT_IMPLEMENTED(pskApi);
  }
  if (typeof options.session === 'string') options.session = Buffer.from(options.session, 'latin1');
  if (options.servername !== undefined && typeof options.servername !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.servername', 'string', options.servername);
  }
  if (!options.servername && options.host && !net.isIP(options.host)) options.servername = options.host;
  if (options.servername && net.isIP(options.servername) && !ipServernameWarned) {
    // (rustls, as RFC 6066 asks, sends no IP address as a server name.)
    ipServernameWarned = true;
    process.emitWarning('Setting the TLS ServerName to an IP address is not permitted by RFC 6066. This will be ignored in a future version.', 'DeprecationWarning', 'DEP0123');
  }
  // Through the module's export, as Node (tests replace it).
  const context = options.secureContext ?? tls.createSecureContext(options);
  const transport = options.socket ?? null;
  const socket = new TLSSocket(null, {
    ...options,
    secureContext: context,
    isServer: false,
  });
  socket._viaConnect = true;
  socket._releaseControl();
  socket._where = internals.callerLocation();
  if (cb) socket.once('secureConnect', cb);
  if (options.timeout) socket.setTimeout(options.timeout);
  if (transport) {
    socket._wrap(transport);
    return socket;
  }
  // An already aborted signal destroyed the socket as it was made: there is nothing to
  // connect (a transport connected now would be left open, holding its server).
  if (socket.destroyed) return socket;
  const raw = new net.Socket({ allowHalfOpen: options.allowHalfOpen });
  raw._where = socket._where;
  const connectOptions = { ...options };
  delete connectOptions.timeout;
  // The TLSSocket watches the signal; its transport goes with it.
  delete connectOptions.signal;
  socket.connecting = true;
  raw.connect(connectOptions);
  socket._wrap(raw);
  return socket;
}

module.exports = { TLSSocket, Server, connect, createServer: (options, listener) => new Server(options, listener), alpnList };
