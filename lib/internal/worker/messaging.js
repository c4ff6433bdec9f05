'use strict';
// worker_threads.postMessageToThread and process 'workerMessage': every thread has an
// inbox, a channel whose listening end the thread holds (unref'd) and whose other end is
// registered natively under its thread id (crates/runtime/src/bindings/messaging.rs), so
// any thread can post to it. A worker's inbox is made by its parent when it creates the
// worker, so messages wait until the worker listens; the main thread's when it creates
// its first worker. Each message carries a reply port on which the receiver answers
// whether a 'workerMessage' listener took it.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');
const io = require('internal/worker/io');
const state = require('internal/worker/state');
const m = binding.messaging;

function messagingError(code, message) {
  const err = new Error(message);
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  err.name = `Error [${code}]`;
  void err.stack;
  delete err.name;
  return err;
}

// The receiving side: one message, answered on its reply port.
function onInboxMessage(message) {
  const { source, value, reply } = message ?? {};
  if (!(reply instanceof io.MessagePort)) return;
  let status;
  if (process.listenerCount('workerMessage') === 0) {
    status = 'failed';
  } else {
    try {
      process.emit('workerMessage', value, source);
      status = 'delivered';
    } catch {
      status = 'errored';
    }
  }
  reply.postMessage(status);
  reply.close();
}

// This thread listens on `port`, without being kept alive by it.
function listenOnInbox(port) {
  port.on('message', onInboxMessage);
  port.unref();
}

let mainInbox = null;

// Makes the inbox of a worker about to start: `{ receiver, sender }`. The receiver goes
// in the start message; `register` is called with the worker's thread id once known.
function createWorkerInbox() {
  if (state.isMainThread && mainInbox === null) {
    const { port1, port2 } = new io.MessageChannel();
    mainInbox = port1;
    m.inboxSet(0, port1[io.kId]);
    listenOnInbox(port2);
  }
  const { port1: sender, port2: receiver } = new io.MessageChannel();
  return {
    receiver,
    register: (threadId) => m.inboxSet(threadId, sender[io.kId]),
    unregister: (threadId) => {
      m.inboxDelete(threadId);
      sender.close();
    },
  };
}

async function postMessageToThread(threadId, value, transferList, timeout) {
  if (typeof transferList === 'number' && timeout === undefined) {
    timeout = transferList;
    transferList = [];
  }
  if (timeout !== undefined) {
    if (typeof timeout !== 'number') throw new ERR_INVALID_ARG_TYPE('timeout', 'number', timeout);
    if (timeout < 0 || Number.isNaN(timeout)) throw new ERR_OUT_OF_RANGE('timeout', '>= 0', timeout);
  }
  if (threadId === state.threadId) throw messagingError('ERR_WORKER_MESSAGING_SAME_THREAD', 'Cannot sent a message to the same thread');
  const target = m.inboxGet(threadId);
  if (target < 0) throw messagingError('ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener');
  const { port1, port2 } = new io.MessageChannel();
  const list = [...(transferList ?? []), port2];
  io.postToPortId(target, { source: state.threadId, value, reply: port2 }, list);
  return new Promise((resolve, reject) => {
    let timer = null;
    const done = (err) => {
      if (timer !== null) clearTimeout(timer);
      port1.close();
      if (err) reject(err);
      else resolve();
    };
    port1.once('message', (status) => {
      if (status === 'delivered') done();
      else if (status === 'errored') done(messagingError('ERR_WORKER_MESSAGING_ERRORED', 'The destination thread threw an error while processing the message'));
      else done(messagingError('ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener'));
    });
    // The thread ended before it answered.
    port1.once('close', () => done(messagingError('ERR_WORKER_MESSAGING_FAILED', 'Cannot find the destination thread or listener')));
    if (timeout !== undefined) {
      timer = setTimeout(() => done(messagingError('ERR_WORKER_MESSAGING_TIMEOUT', 'Sending a message to another thread timed out')), timeout);
    }
  });
}

module.exports = { postMessageToThread, createWorkerInbox, listenOnInbox };
