'use strict';
// What `worker_threads` reports about the current thread. The main thread keeps these
// defaults; a worker's start message fills them in (internal/worker/thread.js).

module.exports = {
  isMainThread: true,
  parentPort: null,
  workerData: null,
  threadId: 0,
  resourceLimits: {},
  // setEnvironmentData(): copied into every worker started afterwards.
  environmentData: new Map(),
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
};
