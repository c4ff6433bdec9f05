'use strict';
// The IPC channel of child_process.fork, for both ends (crates/runtime/src/bindings/ipc.rs):
// Node's `json` serialization, one JSON text per line. `attach(target, fd)` gives a
// ChildProcess (parent side) or `process` (child side) `send`, `disconnect`, `connected`,
// `channel` and the 'message' / 'disconnect' events. Messages whose `cmd` starts with
// `NODE_` are internal ('internalMessage'), as in Node. Passing handles is not implemented.

const { StringDecoder } = require('string_decoder');
const { codes: { ERR_MISSING_ARGS, ERR_INVALID_ARG_TYPE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');
const { setOpRef } = binding.core;
const ipc = binding.ipc;

function channelError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

// `refWhenListening`: the child's end keeps the process alive only while someone listens
// for 'message' or 'disconnect' (Node's channel ref counting); the parent's always does.
function attach(target, fd, { refWhenListening }) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let open = true;
  let disconnectEmitted = false;
  let refed = !refWhenListening;
  const emitDisconnect = () => {
    if (disconnectEmitted) return;
    disconnectEmitted = true;
    target.connected = false;
    process.nextTick(() => target.emit('disconnect'));
  };
  const op = internals.registerStream((chunk) => {
    if (chunk === null) {
      internals.unregisterStream(op);
      if (open) {
        open = false;
        ipc.close(fd);
      }
      emitDisconnect();
      return;
    }
    pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    let nl;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line === '') continue;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      // Each message is its own tick, as in Node: a listener that throws loses no other.
      const event = message !== null && typeof message === 'object' && typeof message.cmd === 'string' && message.cmd.startsWith('NODE_') ? 'internalMessage' : 'message';
      process.nextTick(() => target.emit(event, message, undefined));
    }
  }, 'IPC channel');
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
    if (handle !== undefined && handle !== null) throw new ERR_NOT_IMPLEMENTED('sending handles over IPC');
    if (!target.connected || !open) {
      const err = channelError('ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (typeof callback === 'function') process.nextTick(callback, err);
      else process.nextTick(() => target.emit('error', err));
      return false;
    }
    const ok = ipc.write(fd, `${JSON.stringify(message)}\n`);
    if (typeof callback === 'function') process.nextTick(callback, ok ? null : channelError('EPIPE', 'write EPIPE'));
    return true;
  };

  target.disconnect = function disconnect() {
    if (!target.connected) {
      target.emit('error', channelError('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    target.connected = false;
    ipc.shutdown(fd);
    emitDisconnect();
  };

  target._unrefChannel = () => setRef(false);
  target._refChannel = () => setRef(true);
}

module.exports = { attach };
