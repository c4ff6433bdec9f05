'use strict';
// The IPC channel of child_process.fork, for both ends (crates/runtime/src/bindings/ipc.rs):
// Node's `json` or `advanced` serialization (`framings`). `attach(target, fd)` gives a
// ChildProcess (parent side) or `process` (child side) `send`, `disconnect`, `connected`,
// `channel` and the 'message' / 'disconnect' events. Messages whose `cmd` starts with
// `NODE_` are internal ('internalMessage'), as in Node.
//
// Handles (a net.Server or net.Socket) travel as on Node's Unix side: the message becomes
// `{ cmd: 'NODE_HANDLE', type, msg }` and the socket's descriptor rides with it
// (SCM_RIGHTS, natively). The receiver adopts it (a listening server, a connected
// socket), answers NODE_HANDLE_ACK (NODE_HANDLE_NACK when no descriptor came, and the
// sender retries) and emits 'message' with it as second argument. Until the ACK, the
// sender queues what else it sends, so messages keep their order; a socket sent without
// `keepOpen` is detached at once and closed at the ACK.

const { StringDecoder } = require('string_decoder');
const { codes: { ERR_MISSING_ARGS, ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { setOpRef } = binding.core;
const ipc = binding.ipc;

function channelError(code, message, Base = Error) {
  const err = new Base(message);
  err.code = code;
  return err;
}

// ---- sockets a server handed to other processes (Node's socket lists) ----------------
// A socket a server accepted and sent carries its server's `key`. The sender's server
// then counts the receiver as a worker: close() waits until the receiver has closed every
// such socket (NODE_SOCKET_NOTIFY_CLOSE -> NODE_SOCKET_ALL_CLOSED) and getConnections()
// adds up the receivers' counts (NODE_SOCKET_GET_COUNT -> NODE_SOCKET_COUNT). A receiver
// that disconnects first answers with ERR_CHILD_CLOSED_BEFORE_REPLY.
const EventEmitter = require('events');
const socketLists = new WeakMap(); // target -> Map(key -> list), on each side

function listFor(target, key, make) {
  let lists = socketLists.get(target);
  if (lists === undefined) socketLists.set(target, (lists = new Map()));
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = make()));
  return list;
}

class SocketListSend extends EventEmitter {
  constructor(target, key) {
    super();
    this.key = key;
    this.child = target;
    target.once('exit', () => this.emit('exit', this));
  }
  _request(message, answer, callback) {
    const target = this.child;
    if (!target.connected) return process.nextTick(callback, channelError('ERR_CHILD_CLOSED_BEFORE_REPLY', 'Child closed before reply received'));
    const onReply = (m) => {
      if (m.cmd !== answer || m.key !== this.key) return;
      target.removeListener('internalMessage', onReply);
      target.removeListener('disconnect', onClose);
      callback(null, m);
    };
    const onClose = () => {
      target.removeListener('internalMessage', onReply);
      callback(channelError('ERR_CHILD_CLOSED_BEFORE_REPLY', 'Child closed before reply received'));
    };
    target.on('internalMessage', onReply);
    target.once('disconnect', onClose);
    target._sendInternal(message);
  }
  close(callback) {
    this._request({ cmd: 'NODE_SOCKET_NOTIFY_CLOSE', key: this.key }, 'NODE_SOCKET_ALL_CLOSED', callback);
  }
  getConnections(callback) {
    this._request({ cmd: 'NODE_SOCKET_GET_COUNT', key: this.key }, 'NODE_SOCKET_COUNT', (err, m) => callback(err, err ? undefined : m.count));
  }
}

class SocketListReceive extends EventEmitter {
  constructor(target, key) {
    super();
    this.key = key;
    this.connections = 0;
    this.onClosed = [];
    target.on('internalMessage', (m) => {
      if (m.key !== key) return;
      if (m.cmd === 'NODE_SOCKET_NOTIFY_CLOSE') {
        const reply = () => target.connected && target._sendInternal({ cmd: 'NODE_SOCKET_ALL_CLOSED', key });
        if (this.connections === 0) reply();
        else this.onClosed.push(reply);
      } else if (m.cmd === 'NODE_SOCKET_GET_COUNT') {
        if (target.connected) target._sendInternal({ cmd: 'NODE_SOCKET_COUNT', key, count: this.connections });
      }
    });
  }
  add(socket) {
    this.connections++;
    socket.once('close', () => {
      if (--this.connections !== 0) return;
      for (const reply of this.onClosed.splice(0)) reply();
    });
  }
}

// Node gives up on a handle the receiver did not get after this many retries.
const MAX_HANDLE_RETRANSMISSIONS = 3;

// The descriptor under a handle being sent, and what to do once it is acknowledged.
const handleKinds = {
  'net.Server': {
    fd: (server) => internals.netHandleFd(server),
    // The sender keeps listening too (both processes accept on the socket).
    detach: () => null,
    adopt(fd, message, done) {
      const server = new (require('net').Server)();
      server.once('error', () => done(undefined));
      server.listen({ fd }, () => done(server));
    },
  },
  'net.Socket': {
    fd: (socket) => internals.netHandleFd(socket),
    // A socket its server accepted names the server, which learns of the receiver.
    prepare(socket, message, target) {
      const server = socket._server;
      if (!server || server._connectionKey === undefined) return;
      message.key = server._connectionKey;
      let created = false;
      const list = listFor(target, message.key, () => {
        created = true;
        return new SocketListSend(target, message.key);
      });
      if (created) server._setupWorker(list);
    },
    detach: (socket) => internals.netDetachSocket(socket),
    adopt(fd, message, done, target) {
      let socket;
      try {
        socket = new (require('net').Socket)({ fd, readable: true, writable: true });
      } catch {
        return done(undefined);
      }
      if (typeof message.key === 'string') listFor(target, message.key, () => new SocketListReceive(target, message.key)).add(socket);
      done(socket);
    },
  },
};

// A bare socket descriptor (Node's 'net.Native', what cluster passes between its
// processes: a shared listening socket, a connection handed over round-robin). The
// object owns `fd`; each send passes a duplicate, so the sender closes it when done.
class NativeHandle {
  constructor(fd) { this.fd = fd; }
  close(callback) {
    if (this.fd >= 0) ipc.close(this.fd);
    this.fd = -1;
    if (typeof callback === 'function') process.nextTick(callback);
  }
}

handleKinds['net.Native'] = {
  fd: (handle) => (handle.fd >= 0 ? ipc.dup(handle.fd) : -1),
  detach: () => null,
  adopt: (fd, message, done) => done(new NativeHandle(fd)),
};

// A bound UDP socket: both processes receive on it; the receiver binds a socket of the
// same type to the descriptor.
handleKinds['dgram.Socket'] = {
  fd: (socket) => internals.dgramHandleFd(socket),
  prepare(socket, message) { message.dgramType = socket.type; },
  detach: () => null,
  adopt(fd, message, done) {
    let socket;
    try {
      socket = require('dgram').createSocket(message.dgramType);
      socket.bind({ fd }, () => done(socket));
    } catch {
      done(undefined);
    }
  },
};

function handleType(handle) {
  const net = require('net');
  if (handle instanceof NativeHandle) return 'net.Native';
  if (handle instanceof net.Socket) return 'net.Socket';
  if (handle instanceof net.Server) return 'net.Server';
  if (internals.builtinLoaded('dgram') && handle instanceof require('dgram').Socket) return 'dgram.Socket';
  throw channelError('ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent', TypeError);
}

// `refWhenListening`: the child's end keeps the process alive only while someone listens
// for 'message' or 'disconnect' (Node's channel ref counting); the parent's always does.
// The two wire formats of Node's IPC: 'json' (one JSON text per line) and 'advanced'
// (each message a 4-byte big-endian length, then the V8 serializer's bytes, which carry
// what structured clone carries: Buffers, typed arrays, Maps, Sets, BigInts, ...).
const framings = {
  json: () => {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    return {
      encode: (message) => `${JSON.stringify(message)}\n`,
      // Complete messages in `bytes` (and what came before), parsed; bad lines skipped.
      decode(bytes) {
        pending += decoder.write(bytes);
        const out = [];
        let nl;
        while ((nl = pending.indexOf('\n')) !== -1) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          if (line === '') continue;
          try {
            out.push(JSON.parse(line));
          } catch {}
        }
        return out;
      },
    };
  },
  advanced: () => {
    const v8 = require('v8');
    // Unparsed bytes as a list of chunks: a large message arrives in many reads, and is
    // joined once, when complete.
    let chunks = [];
    let size = 0;
    // The length of the message being read, once its 4-byte header is in.
    let bodySize = -1;
    const take = (n) => {
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      const out = all.subarray(0, n);
      const rest = all.subarray(n);
      chunks = rest.length > 0 ? [rest] : [];
      size = rest.length;
      return out;
    };
    return {
      encode(message) {
        const body = v8.serialize(message);
        const frame = Buffer.allocUnsafe(4 + body.length);
        frame.writeUInt32BE(body.length, 0);
        body.copy(frame, 4);
        return frame;
      },
      decode(bytes) {
        chunks.push(Buffer.from(bytes));
        size += bytes.length;
        const out = [];
        for (;;) {
          if (bodySize < 0) {
            if (size < 4) break;
            bodySize = take(4).readUInt32BE(0);
          }
          if (size < bodySize) break;
          const body = take(bodySize);
          bodySize = -1;
          try {
            out.push(v8.deserialize(body));
          } catch {}
        }
        return out;
      },
    };
  },
};

function attach(target, fd, { refWhenListening, serialization = 'json' }) {
  const framing = (framings[serialization] ?? framings.json)();
  let open = true;
  let disconnectEmitted = false;
  let refed = !refWhenListening;
  // Descriptors received and not yet claimed by a NODE_HANDLE message.
  const receivedFds = [];
  // While a sent handle waits for its ACK: what else was sent meanwhile, in order.
  let handleQueue = null;
  let pendingHandle = null;
  let disconnectWhenFlushed = false;
  const emitDisconnect = () => {
    if (disconnectEmitted) return;
    disconnectEmitted = true;
    target.connected = false;
    target.channel = null;
    process.nextTick(() => target.emit('disconnect'));
  };
  const op = internals.registerStream((chunk) => {
    if (chunk === null) {
      internals.unregisterStream(op);
      if (open) {
        open = false;
        ipc.close(fd);
      }
      for (const unclaimed of receivedFds.splice(0)) ipc.close(unclaimed);
      // No ACK can come any more: a socket waiting for one is closed here.
      if (pendingHandle !== null && pendingHandle.close !== null) pendingHandle.close();
      pendingHandle = null;
      emitDisconnect();
      return;
    }
    if (Array.isArray(chunk)) {
      receivedFds.push(...chunk);
      return;
    }
    for (const message of framing.decode(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))) {
      if (isInternal(message)) {
        if (message.cmd === 'NODE_HANDLE') {
          receiveHandle(message, receivedFds.shift());
          continue;
        }
        if (message.cmd === 'NODE_HANDLE_ACK' || message.cmd === 'NODE_HANDLE_NACK') {
          process.nextTick(onHandleAnswer, message.cmd === 'NODE_HANDLE_ACK');
          continue;
        }
      }
      emitMessage(message, undefined);
    }
  }, 'IPC channel');
  // Each message is its own tick, as in Node: a listener that throws loses no other.
  function emitMessage(message, handle) {
    process.nextTick(() => target.emit(isInternal(message) ? 'internalMessage' : 'message', message, handle));
  }

  function receiveHandle(message, handleFd) {
    const kind = handleKinds[message.type];
    if (handleFd === undefined || kind === undefined) {
      if (handleFd !== undefined) ipc.close(handleFd);
      if (handleFd === undefined) writeMessage({ cmd: 'NODE_HANDLE_NACK' });
      else writeMessage({ cmd: 'NODE_HANDLE_ACK' });
      if (kind === undefined) emitMessage(message.msg, undefined);
      return;
    }
    writeMessage({ cmd: 'NODE_HANDLE_ACK' });
    kind.adopt(handleFd, message, (handle) => emitMessage(message.msg, handle), target);
  }

  function onHandleAnswer(acked) {
    const sent = pendingHandle;
    if (!acked && sent !== null && sent.retransmissions++ < MAX_HANDLE_RETRANSMISSIONS) {
      const handleFd = handleKinds[sent.type].fd(sent.handle);
      if (handleFd >= 0 && open && ipc.write(fd, sent.text, handleFd)) return;
    }
    if (!acked && sent !== null) {
      process.emitWarning('Handle did not reach the receiving process correctly', 'SentHandleNotReceivedWarning');
    }
    pendingHandle = null;
    if (sent !== null && sent.close !== null) sent.close();
    // In order, until the next handle waits for its own ACK; the rest waits behind it.
    const queue = handleQueue ?? [];
    handleQueue = null;
    while (queue.length > 0 && handleQueue === null) {
      const q = queue.shift();
      sendNow(q.message, q.handle, q.options, q.callback);
    }
    if (handleQueue !== null) handleQueue.push(...queue);
    if (handleQueue === null && disconnectWhenFlushed) {
      disconnectWhenFlushed = false;
      ipc.shutdown(fd);
      emitDisconnect();
    }
  }

  // Internal answers, which never wait in the queue and never report errors.
  function writeMessage(message) {
    if (open) ipc.write(fd, framing.encode(message));
  }

  function sendNow(message, handle, options, callback) {
    let handleFd = -1;
    let type = null;
    let close = null;
    if (handle !== undefined && handle !== null) {
      type = handleType(handle);
      const kind = handleKinds[type];
      handleFd = kind.fd(handle);
      if (handleFd >= 0) {
        message = { cmd: 'NODE_HANDLE', type, msg: message };
        kind.prepare?.(handle, message, target);
        if (!options?.keepOpen) close = kind.detach(handle);
      }
    }
    const text = framing.encode(message);
    const ok = open && (handleFd >= 0 ? ipc.write(fd, text, handleFd) : ipc.write(fd, text));
    if (handleFd >= 0) {
      if (ok) {
        handleQueue = [];
        pendingHandle = { type, handle, text, close, retransmissions: 0 };
      } else if (close !== null) {
        close();
      }
    }
    if (typeof callback === 'function') process.nextTick(callback, ok ? null : channelError('EPIPE', 'write EPIPE'));
    return ok;
  }

  ipc.open(fd, op);
  setOpRef(op, refed);
  const setRef = (on) => {
    refed = on;
    if (!disconnectEmitted) setOpRef(op, on);
  };

  target.connected = true;
  target.channel = {
    fd,
    ref() { setRef(true); },
    unref() { setRef(false); },
  };
  // Node's older name, kept as an alias.
  Object.defineProperty(target, '_channel', {
    configurable: true,
    get() { return target.channel; },
    set(value) { target.channel = value; },
  });
  if (refWhenListening) {
    const update = () => setRef(target.listenerCount('message') + target.listenerCount('disconnect') > 0);
    target.on('newListener', (event) => { if (event === 'message' || event === 'disconnect') process.nextTick(update); });
    target.on('removeListener', (event) => { if (event === 'message' || event === 'disconnect') process.nextTick(update); });
  }

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    if (message === undefined) throw new ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' && typeof message !== 'number' && typeof message !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (handle !== undefined && handle !== null) handleType(handle);
    if (!target.connected || !open) {
      const err = channelError('ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (typeof callback === 'function') process.nextTick(callback, err);
      else process.nextTick(() => target.emit('error', err));
      return false;
    }
    if (handleQueue !== null) {
      handleQueue.push({ message, handle, options, callback });
      return handleQueue.length === 1;
    }
    sendNow(message, handle, options, callback);
    return true;
  };

  // An internal message (socket lists): queued behind a handle like any other, never an
  // 'error' when the channel is gone.
  target._sendInternal = function sendInternal(message) {
    if (!target.connected || !open) return false;
    if (handleQueue !== null) {
      handleQueue.push({ message, handle: undefined, options: undefined, callback: undefined });
      return true;
    }
    return sendNow(message, undefined, undefined, undefined);
  };

  target.disconnect = function disconnect() {
    if (!target.connected) {
      target.emit('error', channelError('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    target.connected = false;
    // A handle still waiting for its ACK (and what was queued behind it) goes first.
    if (handleQueue !== null) {
      disconnectWhenFlushed = true;
      return;
    }
    ipc.shutdown(fd);
    emitDisconnect();
  };

  target._unrefChannel = () => setRef(false);
  target._refChannel = () => setRef(true);
}

function isInternal(message) {
  return message !== null && typeof message === 'object' && typeof message.cmd === 'string' && message.cmd.startsWith('NODE_');
}

module.exports = { attach, NativeHandle };
