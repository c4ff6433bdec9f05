'use strict';
// internal/worker (Node's, reachable with --expose-internals): the Worker class and the
// environment data every worker started afterwards gets a copy of.

const state = require('internal/worker/state');
const { Worker } = require('internal/worker/worker');

function setEnvironmentData(key, value) {
  if (value === undefined) state.environmentData.delete(key);
  else state.environmentData.set(key, value);
}

function getEnvironmentData(key) {
  state.reads?.add('environmentData');
  return state.environmentData.get(key);
}

// A worker's start: the entries its parent had (a Map), added to this thread's.
function assignEnvironmentData(data) {
  if (data === undefined) return;
  for (const [key, value] of data) state.environmentData.set(key, value);
}

module.exports = {
  Worker,
  setEnvironmentData,
  getEnvironmentData,
  assignEnvironmentData,
  SHARE_ENV: state.SHARE_ENV,
};
for (const key of ['isMainThread', 'threadId', 'resourceLimits']) {
  Object.defineProperty(module.exports, key, { enumerable: true, configurable: true, get: () => state[key] });
}
