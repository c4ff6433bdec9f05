'use strict';
// ERR_TEST_FAILURE, the error node:test records for a failed test: `cause` is what
// the test threw (or a message), `failureType` says how it failed.

const kind = {
  __proto__: null,
  cancelledByParent: 'cancelledByParent',
  testCodeFailure: 'testCodeFailure',
  testTimeoutFailure: 'testTimeoutFailure',
  hookFailed: 'hookFailed',
  callbackAndPromisePresent: 'callbackAndPromisePresent',
  parentAlreadyFinished: 'parentAlreadyFinished',
  subtestsFailed: 'subtestsFailed',
  multipleCallbackInvocations: 'multipleCallbackInvocations',
  uncaughtException: 'uncaughtException',
  unhandledRejection: 'unhandledRejection',
};

// Failure types whose `cause` is user code's error (the reporters show the cause).
const unwrapErrors = new Set([kind.testCodeFailure, kind.hookFailed, kind.uncaughtException, kind.unhandledRejection]);

function describeCause(cause) {
  if (typeof cause === 'string') return cause;
  if (cause !== null && typeof cause === 'object' && typeof cause.message === 'string') return cause.message;
  try {
    return String(cause);
  } catch {
    return require('internal/inspect').inspect(cause);
  }
}

function testFailure(cause, failureType) {
  // The runner's own frames say nothing to the user: Node's failures carry none (a
  // thrown error's frames are shown from `cause`).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(describeCause(cause));
  Error.stackTraceLimit = limit;
  err.failureType = failureType;
  err.cause = cause;
  Object.defineProperty(err, 'code', { value: 'ERR_TEST_FAILURE', enumerable: true, writable: true, configurable: true });
  Object.defineProperty(err, 'name', { value: 'Error [ERR_TEST_FAILURE]', configurable: true, writable: true });
  err.stack; // eslint-disable-line no-unused-expressions
  delete err.name;
  return err;
}

function isTestFailure(err) {
  return err instanceof Error && err.code === 'ERR_TEST_FAILURE' && 'failureType' in err;
}

module.exports = { kind, unwrapErrors, testFailure, isTestFailure };
