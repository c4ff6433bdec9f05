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
  testAborted: 'testAborted',
};

// Failure types whose `cause` is user code's error (the reporters show the cause).
const unwrapErrors = new Set([kind.testCodeFailure, kind.hookFailed, kind.uncaughtException, kind.unhandledRejection, kind.testAborted]);

// The message of the failure: the thrown value's `message`, a thrown string itself,
// anything else as util.inspect shows it (without custom inspection if that throws).
function describeCause(cause) {
  const msg = cause?.message ?? cause;
  if (typeof msg === 'string') return msg;
  const { inspect } = require('internal/inspect');
  try {
    return inspect(msg);
  } catch {
    return inspect(msg, { customInspect: false });
  }
}

// `hideAbove`: a function whose frame and those above it are left out of a stack
// that is then kept (the failure points at the user's call of it).
// Shown as `Error [ERR_TEST_FAILURE]: message` by String(), as Node's errors are.
class TestFailure extends Error {
  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

function testFailure(cause, failureType, hideAbove) {
  // The runner's own frames say nothing to the user: Node's failures carry none (a
  // thrown error's frames are shown from `cause`).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new TestFailure(describeCause(cause));
  Error.stackTraceLimit = limit;
  if (hideAbove !== undefined) Error.captureStackTrace(err, hideAbove);
  // Node's order of the own properties (inspect shows them so): code first.
  Object.defineProperty(err, 'code', { __proto__: null, value: 'ERR_TEST_FAILURE', enumerable: true, writable: true, configurable: true });
  err.failureType = failureType;
  err.cause = cause;
  Object.defineProperty(err, 'name', { __proto__: null, value: 'Error [ERR_TEST_FAILURE]', configurable: true, writable: true });
  err.stack; // eslint-disable-line no-unused-expressions
  delete err.name;
  return err;
}

function isTestFailure(err) {
  return err instanceof Error && err.code === 'ERR_TEST_FAILURE' && 'failureType' in err;
}

module.exports = { kind, unwrapErrors, testFailure, isTestFailure };
