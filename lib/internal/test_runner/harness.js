'use strict';
// The process-wide side of node:test: the root test (created on first use), the
// reporter chosen for stdout (spec on a terminal, TAP otherwise), attribution of
// uncaught exceptions and unhandled rejections to the running test, the run of the
// global after hooks, the final summary and exit code when the loop empties, and the
// test()/describe()/it()/hook functions that node:test exports.

const { Test, Suite, callerLocation, currentRunningTest, getCurrentOwner, ownerInContext, hookInContext, now } = require('internal/test_runner/test');
const { testFailure, kind } = require('internal/test_runner/failure');

let root = null;

function write(text) {
  process.stdout.write(text);
}

// The reporters of the command line (reporters.js); `ready` settles once custom
// ones are loaded, `finished()` once they have written everything.
function createReporters() {
  // A file run by run() reports to its parent as events.
  if (process.env.AMBER_TEST_RUNNER_CHILD === '1') {
    const { EventsReporter } = require('internal/test_runner/reporter/events');
    // Settled as late as when reporters are loaded, so the tests start as they do
    // in a file run alone (each queued before the first runs).
    const ready = Promise.all([]).then(() => {});
    return { reporter: new EventsReporter(write), ready, finished: () => Promise.resolve() };
  }
  return require('internal/test_runner/reporters').createFileReporters();
}

// An uncaught exception or unhandled rejection fails the test whose async context
// raised it (timers, immediates and ticks record it; otherwise the test running
// now); one raised by a finished test, or by no test, is a diagnostic and exit 1.
function createProcessEventHandler(eventName) {
  return (err) => {
    // A reporter failed (it could not be loaded, or threw): not a test's error.
    if (require('internal/test_runner/reporters').isFatal(err)) throw err;
    let test = null;
    const recorded = internals.uncaughtContext;
    internals.uncaughtContext = undefined;
    if (recorded !== undefined) {
      // Raised by a callback made in a hook that has ended: reported as the hook's.
      const hook = recorded.frame === undefined ? null : hookInContext(recorded.frame);
      if (hook !== null && !hook.running) {
        const file = hook.loc === undefined ? '' : require('path').relative(process.cwd(), hook.loc.file);
        const loc = hook.loc === undefined ? '' : ` at ${file}:${hook.loc.line}:${hook.loc.column}`;
        root.diagnostic(`Error: Test hook "${hook.hookType}"${loc} generated asynchronous activity after the test ended. This activity created the error "${describeForMessage(err)}" and would have caused the test to fail, but instead triggered an ${eventName} event.`);
        process.exitCode = 1;
        return;
      }
      // Raised by a callback whose async context is known: its test, or none.
      const owner = recorded.frame === undefined ? null : ownerInContext(recorded.frame);
      if (owner !== null && owner !== root) test = owner;
    } else {
      test = currentRunningTest();
    }
    if (test === null || test.completed || test.endTime !== null) {
      const shown = describeForMessage(err);
      let msg;
      if (test !== null) {
        const file = test.loc === undefined ? '' : require('path').relative(process.cwd(), test.loc.file);
        const loc = test.loc === undefined ? '' : ` at ${file}:${test.loc.line}:${test.loc.column}`;
        msg = `Error: Test "${test.name}"${loc} generated asynchronous activity after the test ended. This activity created the error "${shown}" and would have caused the test to fail, but instead triggered an ${eventName} event.`;
      } else {
        msg = `Error: A resource generated asynchronous activity after the test ended. This activity created the error "${shown}" which triggered an ${eventName} event, caught by the test runner.`;
      }
      root.diagnostic(msg);
      process.exitCode = 1;
      return;
    }
    test.fail(testFailure(err, kind[eventName]));
    test.abortController.abort();
  };
}

function describeForMessage(err) {
  try {
    return `${err}`;
  } catch {
    return require('internal/inspect').inspect(err);
  }
}

function getRoot() {
  if (root !== null) return root;
  root = new Test({ parent: null, name: '<root>', options: { __proto__: null }, fn: undefined, loc: undefined });
  const { reporter, ready, finished } = createReporters();
  root.reporter = reporter;
  root.harness = {
    counters: { all: 0, failed: 0, passed: 0, cancelled: 0, skipped: 0, todo: 0, topLevel: 0, suites: 0 },
    afterHooksDone: false,
    summarized: false,
    // Top-level tests wait for the reporters, as in Node (test.js start()).
    reportersReady: false,
    reportersFinished: finished,
  };
  Promise.resolve(ready).then(() => {
    root.harness.reportersReady = true;
    root.processPendingSubtests();
  });
  root.startTime = now();
  // run({ timeout }) gives the files it runs a default timeout.
  const timeout = Number(process.env.AMBER_TEST_RUNNER_TIMEOUT);
  if (process.env.AMBER_TEST_RUNNER_CHILD === '1' && timeout >= 0) root.timeout = timeout;
  // `--test-force-exit` (or run({ forceExit }) for the files it runs): the process
  // exits once its tests are done and reported, whatever else is still pending.
  const forceExit = require('internal/options').getOptionValue('--test-force-exit') ||
    process.env.AMBER_TEST_RUNNER_FORCE_EXIT === '1';
  root.onTopLevelFinished = () => {
    if (root.waitingOn > root.subtests.length && root.pendingSubtests.length === 0) {
      const after = runRootAfter();
      if (forceExit) {
        after.then(() => {
          finish();
          return root.harness.reportersFinished();
        }).then(() => process.exit());
      }
    }
  };
  warnNoCoverage();
  process.on('uncaughtException', createProcessEventHandler('uncaughtException'));
  process.on('unhandledRejection', createProcessEventHandler('unhandledRejection'));
  process.on('beforeExit', onBeforeExit);
  return root;
}

// --experimental-test-coverage: coverage is collected through the inspector, which
// amber does not have; Node without an inspector says so and runs the tests.
let coverageWarned = false;
function warnNoCoverage() {
  if (coverageWarned || !require('internal/options').getOptionValue('--experimental-test-coverage')) return;
  coverageWarned = true;
  process.emitWarning('The inspector is disabled, coverage could not be collected', 'Warning');
}

let rootAfterPromise = null;
function runRootAfter() {
  if (rootAfterPromise !== null) return rootAfterPromise;
  rootAfterPromise = (async () => {
    const args = root.getRunArgs();
    const start = now();
    try {
      if (root.hooks.before.length > 0) await root.runHook('before', args);
      await root.runHook('after', args);
    } catch (err) {
      // Node reports a failed global hook as one more top-level result named after
      // the entry file (not counted in the plan or the counters) and fails the run.
      const error = testFailure(err.cause, kind.hookFailed);
      const duration = Number(now() - start) / 1e6;
      const name = process.argv[1] ?? '<root>';
      root.reporter.fail(0, err.hookLocation, root.subtests.length + 1, name, { duration_ms: duration, error }, undefined);
      process.exitCode = 1;
    }
  })();
  return rootAfterPromise;
}

let exiting = false;
async function onBeforeExit() {
  if (exiting) return;
  await runRootAfter();
  finish();
}

function finish() {
  if (exiting) return;
  exiting = true;
  root.postRun(testFailure('Promise resolution is still pending but the event loop has already resolved', kind.cancelledByParent));
  root.processReadySubtestRange(true);
  summarize();
}

function summarize() {
  const { harness, reporter } = root;
  if (harness.summarized) return;
  harness.summarized = true;
  root.endTime = now();
  const c = harness.counters;
  reporter.plan(0, undefined, c.topLevel);
  for (const message of root.diagnostics) reporter.diagnostic(0, undefined, message);
  reporter.diagnostic(0, undefined, `tests ${c.all}`, true);
  reporter.diagnostic(0, undefined, `suites ${c.suites}`, true);
  reporter.diagnostic(0, undefined, `pass ${c.passed}`, true);
  reporter.diagnostic(0, undefined, `fail ${c.failed}`, true);
  reporter.diagnostic(0, undefined, `cancelled ${c.cancelled}`, true);
  reporter.diagnostic(0, undefined, `skipped ${c.skipped}`, true);
  reporter.diagnostic(0, undefined, `todo ${c.todo}`, true);
  reporter.diagnostic(0, undefined, `duration_ms ${Number(root.endTime - root.startTime) / 1e6}`, true);
  reporter.end(c);
  if (c.failed > 0 || c.cancelled > 0) process.exitCode = 1;
}

// test()/it()/describe(): attach to the test or suite whose body is running, else
// to the root. A subtest of a suite waits for the suite to run it; any other starts
// now (top-level ones after the current synchronous code, as in Node).
function runInParentContext(Factory, overrides) {
  return function run(name, options, fn) {
    const loc = callerLocation();
    getRoot();
    const parent = getCurrentOwner() ?? root;
    if (overrides !== undefined) {
      ({ name, options, fn } = require('internal/test_runner/test').validateTestArgs(name, options, fn));
      options = { __proto__: null, ...options, ...overrides };
    }
    const subtest = parent.createSubtest(Factory, name, options, fn, loc);
    if (parent instanceof Suite) return Promise.resolve();
    if (parent === root) return Promise.resolve().then(() => subtest.start());
    return subtest.start();
  };
}

// As in Node, test/it/describe/suite are all functions named `test` and their
// variants and the hooks are anonymous.
function named(fn, name) {
  Object.defineProperty(fn, 'name', { __proto__: null, value: name, configurable: true });
  return fn;
}

function withVariants(Factory) {
  const fn = named(runInParentContext(Factory), 'test');
  fn.skip = named(runInParentContext(Factory, { skip: true }), '');
  fn.todo = named(runInParentContext(Factory, { todo: true }), '');
  fn.only = named(runInParentContext(Factory, { only: true }), '');
  return fn;
}

function hook(name) {
  return named((fn, options) => {
    getRoot();
    const parent = getCurrentOwner() ?? root;
    parent.createHook(name, fn, options);
  }, '');
}

const test = withVariants(Test);
const describe = withVariants(Suite);

module.exports = {
  test,
  it: test,
  describe,
  suite: describe,
  before: hook('before'),
  after: hook('after'),
  beforeEach: hook('beforeEach'),
  afterEach: hook('afterEach'),
  getRoot,
  warnNoCoverage,
};
