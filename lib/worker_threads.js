'use strict';
// node:worker_threads — threads with their own isolate and event loop
// (internal/worker/worker.js), message ports between them (internal/worker/io.js) and
// what this thread is (internal/worker/state.js, filled in by internal/worker/thread.js
// in a worker).

const io = require('internal/worker/io');
const state = require('internal/worker/state');
const { Worker } = require('internal/worker/worker');

const { setEnvironmentData, getEnvironmentData } = require('internal/worker');

function moveMessagePortToContext(port, contextifiedSandbox) {
  return require('internal/worker/move_port').moveMessagePortToContext(port, contextifiedSandbox);
}

module.exports = {
  Worker,
  MessageChannel: io.MessageChannel,
  MessagePort: io.MessagePort,
  BroadcastChannel: io.BroadcastChannel,
  receiveMessageOnPort: io.receiveMessageOnPort,
  markAsUntransferable: io.markAsUntransferable,
  isMarkedAsUntransferable: io.isMarkedAsUntransferable,
  moveMessagePortToContext,
  postMessageToThread: require('internal/worker/messaging').postMessageToThread,
  setEnvironmentData,
  getEnvironmentData,
  SHARE_ENV: state.SHARE_ENV,
};
// Read through getters: a worker started from a prebuilt worker context gets its own
// values after its script's top level ran at build time, where reads are recorded.
const perWorker = new Set(['workerData', 'threadId', 'resourceLimits']);
for (const key of ['isMainThread', 'parentPort', 'workerData', 'threadId', 'resourceLimits']) {
  Object.defineProperty(module.exports, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (state.reads !== null && perWorker.has(key)) state.reads.add(key);
      return state[key];
    },
  });
}
