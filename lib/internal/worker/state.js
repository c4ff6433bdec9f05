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
  // An Int32Array on a SharedArrayBuffer, shared by the main thread and every worker:
  // the number of times the process changed its working directory (made with the
  // first worker; null without SharedArrayBuffer).
  cwdCounter: null,
  // A worker context built for one script (`amber snapshot build --worker FILE`,
  // docs/workers-in-snapshots.md): `{ filename }` from the build until the restored
  // worker adopts its start message (internal/worker/thread.js).
  prebuilt: null,
  // While that script's top level runs at build time: the names of the per-worker facts
  // it read (workerData, threadId, resourceLimits, environmentData), which are not known
  // until a worker starts.
  reads: null,
};
