'use strict';
// The test tree of node:test: `Test` (a test function, its subtests and hooks),
// `Suite` (describe), `TestHook`, the `TestContext`/`SuiteContext` handed to user
// code, timeouts and cancellation, the order in which results are reported (a test
// reports only when every earlier sibling has) and the counters of the summary.
// Results go to the root's reporter; process-wide wiring lives in harness.js.

const { testFailure, isTestFailure, kind } = require('internal/test_runner/failure');

const kDefaultTimeout = Infinity;
const kOnlyWarning = "'only' and 'runOnly' require the --test-only command-line option.";
const noop = () => {};

// Times are hrtime nanoseconds (BigInt); durations are their difference in ms, so
// they print with at most six decimals, as Node's.
function now() {
  return process.hrtime.bigint();
}

// Where user code called test()/it()/describe()/t.test(): the first frame outside
// amber's library, as `file:line:column`.
function callerLocation() {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  Error.captureStackTrace(holder, callerLocation);
  Error.stackTraceLimit = limit;
  const lines = String(holder.stack).split('\n').slice(1);
  for (const line of lines) {
    const m = /^\s+at (?:.*? \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null || m[1].startsWith('node:')) continue;
    return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

// Which test or suite user code belongs to: test()/it()/describe() and hooks called
// from a test function or a suite body (also after an await) attach to it. It is an
// AsyncLocalStorage, so it follows promises, timers and ticks as Node's async
// context does.
let ownerStorage = null;
function storage() {
  if (ownerStorage === null) {
    const { AsyncLocalStorage } = require('async_hooks');
    ownerStorage = new AsyncLocalStorage();
  }
  return ownerStorage;
}
function getCurrentOwner() {
  return ownerStorage === null ? null : ownerStorage.getStore() ?? null;
}
// The owner recorded in an async context frame (see AsyncLocalStorage).
function ownerInContext(frame) {
  const { getContext, setContext } = require('internal/async_context');
  const prev = getContext();
  setContext(frame);
  try {
    return getCurrentOwner();
  } finally {
    setContext(prev);
  }
}
function runOwned(owner, fn, thisArg, args) {
  return storage().run(owner, () => Reflect.apply(fn, thisArg, args));
}

// The hook whose function an async context was made in, so that an error it raises
// after the hook ended is reported as the hook's (`Test hook "before" at ...`).
let hookStorage = null;
function runHookOwned(hook, fn, thisArg, args) {
  if (hookStorage === null) {
    const { AsyncLocalStorage } = require('async_hooks');
    hookStorage = new AsyncLocalStorage();
  }
  return hookStorage.run(hook, () => runOwned(hook.owner, fn, thisArg, args));
}
function hookInContext(frame) {
  if (hookStorage === null) return null;
  const { getContext, setContext } = require('internal/async_context');
  const prev = getContext();
  setContext(frame);
  try {
    return hookStorage.getStore() ?? null;
  } finally {
    setContext(prev);
  }
}

// The innermost test whose function or hooks are executing (set while a test runs,
// for attributing uncaught exceptions and unhandled rejections as Node does).
let runningTests = [];
function currentRunningTest() {
  for (let i = runningTests.length - 1; i >= 0; i--) {
    if (runningTests[i].endTime === null) return runningTests[i];
  }
  return null;
}

function createDeferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// As in Node, an aborted `signal` option fails with the signal's reason itself,
// marked with failureType 'testAborted' (a primitive reason is wrapped).
function abortFailure(reason) {
  if (reason !== null && (typeof reason === 'object' || typeof reason === 'function')) {
    reason.failureType = kind.testAborted;
    return reason;
  }
  return testFailure(reason, kind.testAborted);
}
function isAbortFailure(err) {
  return err !== null && typeof err === 'object' && err.failureType === kind.testAborted;
}

// A timeout is any number of milliseconds from 0 to 2^31 - 1 (Infinity: none).
function validateTimeout(value, name) {
  const { codes } = require('internal/errors');
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!(value >= 0 && value <= 2 ** 31 - 1)) throw new codes.ERR_OUT_OF_RANGE(name, '>= 0 && <= 2147483647', value);
}

function isPromise(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

class TestContext {
  #test;
  constructor(test) {
    this.#test = test;
  }
  get signal() {
    return this.#test.signal;
  }
  get name() {
    return this.#test.name;
  }
  get fullName() {
    return this.#test.fullName();
  }
  get error() {
    return this.#test.error;
  }
  get passed() {
    return this.#test.passed;
  }
  get mock() {
    this.#test.mock ??= new (require('internal/test_runner/mock').MockTracker)();
    return this.#test.mock;
  }
  diagnostic(message) {
    this.#test.diagnostic(message);
  }
  runOnly(value) {
    this.#test.runOnlySubtests = !!value;
  }
  skip(message) {
    this.#test.skip(message);
  }
  todo(message) {
    this.#test.todo(message);
  }
  test(name, options, fn) {
    const subtest = this.#test.createSubtest(Test, name, options, fn, callerLocation());
    if (this.#test.plan) this.#test.plan.actual++;
    return subtest.start();
  }
  before(fn, options) {
    this.#test.createHook('before', fn, options);
  }
  after(fn, options) {
    this.#test.createHook('after', fn, options);
  }
  beforeEach(fn, options) {
    this.#test.createHook('beforeEach', fn, options);
  }
  afterEach(fn, options) {
    this.#test.createHook('afterEach', fn, options);
  }
  // node:assert's functions, each counted toward t.plan().
  get assert() {
    const test = this.#test;
    if (test.assertObject === undefined) {
      const assert = require('assert');
      const obj = {};
      for (const key of Object.keys(assert)) {
        if (key === 'AssertionError' || key === 'CallTracker' || key === 'strict') continue;
        const fn = assert[key];
        if (typeof fn !== 'function') continue;
        obj[key] = function (...args) {
          if (test.plan) test.plan.actual++;
          return Reflect.apply(fn, this, args);
        };
      }
      test.assertObject = obj;
    }
    return test.assertObject;
  }
  plan(count) {
    const { validateInteger } = require('internal/errors');
    if (this.#test.plan) throw testFailure('cannot set plan more than once', kind.testCodeFailure);
    validateInteger(count, 'count', 0);
    this.#test.plan = { expected: count, actual: 0 };
  }
}

class SuiteContext {
  #suite;
  constructor(suite) {
    this.#suite = suite;
  }
  get signal() {
    return this.#suite.signal;
  }
  get name() {
    return this.#suite.name;
  }
  get fullName() {
    return this.#suite.fullName();
  }
}

function validateTestArgs(name, options, fn) {
  const { validateObject, validateFunction } = require('internal/errors');
  if (typeof name === 'function') {
    fn = name;
    options = undefined;
    name = fn.name;
  } else if (name !== null && typeof name === 'object') {
    fn = options;
    options = name;
    name = typeof fn === 'function' ? fn.name : undefined;
  } else if (typeof options === 'function') {
    fn = options;
    options = undefined;
  }
  if (options === null || options === undefined) options = { __proto__: null };
  validateObject(options, 'options');
  if (fn !== undefined) validateFunction(fn, 'fn');
  if (typeof name !== 'string' || name === '') name = fn?.name || '<anonymous>';
  return { name, options, fn };
}

const kNoPatternMatch = 'test name does not match pattern';
let onlyFlagValue;
function testOnlyFlag() {
  onlyFlagValue ??= require('internal/options').getOptionValue('--test-only') === true;
  return onlyFlagValue;
}

// The --test-name-pattern values as RegExps (`/source/flags` or plain text), or null.
let patternCache;
function namePatterns() {
  if (patternCache === undefined) {
    const values = require('internal/options').getOptionValue('--test-name-pattern');
    const { convertStringToRegExp } = require('internal/test_runner/utils');
    patternCache = values.length === 0 ? null : values.map((v) => convertStringToRegExp(v, '--test-name-pattern'));
  }
  return patternCache;
}

class Test {
  constructor({ parent, name, options = { __proto__: null }, fn, loc }) {
    const { codes, validateInteger } = require('internal/errors');
    this.parent = parent;
    this.name = name;
    this.loc = loc;
    this.root = parent === null ? this : parent.root;
    this.reporter = parent === null ? null : parent.reporter;
    this.harness = parent === null ? null : parent.harness;
    this.nesting = parent === null ? 0 : parent.parent === null ? parent.nesting : parent.nesting + 1;
    this.concurrency = parent === null ? 1 : parent.concurrency;
    this.timeout = parent === null ? kDefaultTimeout : parent.timeout;
    this.only = !!options.only;
    // --test-only: the root's and every suite's children run only if marked `only`; a
    // test's subtests, once it called t.runOnly(true).
    const onlyFlag = testOnlyFlag();
    this.runOnlySubtests = onlyFlag && (parent === null || new.target === Suite);
    const { concurrency, timeout, signal } = options;
    if (typeof concurrency === 'number') {
      validateInteger(concurrency, 'options.concurrency', 1, 2 ** 32 - 1);
      this.concurrency = concurrency;
    } else if (concurrency === true) {
      this.concurrency = Infinity;
    } else if (concurrency === false) {
      this.concurrency = 1;
    } else if (concurrency !== undefined && concurrency !== null) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.concurrency', ['boolean', 'number'], concurrency);
    }
    if (timeout !== undefined && timeout !== null && timeout !== Infinity) {
      validateTimeout(timeout, 'options.timeout');
      this.timeout = timeout;
    }
    if (options.plan !== undefined && options.plan !== null) {
      validateInteger(options.plan, 'options.plan', 0);
      this.plan = { expected: options.plan, actual: 0 };
    }
    if (signal !== undefined && signal !== null && (typeof signal !== 'object' || !('aborted' in signal))) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
    }
    this.abortController = new AbortController();
    this.outerSignal = signal;
    this.signal = this.abortController.signal;
    if (signal !== undefined && signal !== null) {
      if (signal.aborted) this.abortController.abort(signal.reason);
      else signal.addEventListener('abort', () => this.abortFromOuter(), { once: true });
    }
    let skip = options.skip;
    let todo = options.todo;
    if (onlyFlag && parent !== null && parent.runOnlySubtests && !this.only) skip = "'only' option not set";
    this.skipped = skip !== undefined && skip !== false;
    this.isTodo = todo !== undefined && todo !== false;
    this.message = this.skipped ? (typeof skip === 'string' ? skip : null) : this.isTodo ? (typeof todo === 'string' ? todo : null) : null;
    this.fn = this.skipped ? noop : fn ?? noop;
    // --test-name-pattern (Node 20's rules): a test runs when its name or an enclosing
    // test's matches, else it is skipped saying so; a suite that does not match still
    // runs (its tests are filtered one by one) unless it is skipped (a todo suite says
    // it did not match).
    this.patternMatched = true;
    const patterns = parent === null ? null : namePatterns();
    if (patterns !== null) {
      this.patternMatched = patterns.some((re) => re.exec(name) !== null) || (parent.parent !== null && parent.patternMatched);
      if (!this.patternMatched) {
        const isSuite = new.target === Suite;
        if (!isSuite || this.skipped) {
          this.skipped = true;
          this.message = kNoPatternMatch;
          this.fn = noop;
        } else if (this.isTodo) {
          this.message = kNoPatternMatch;
        }
      }
    }
    this.testNumber = 0;
    this.subtests = [];
    this.pendingSubtests = [];
    this.readySubtests = new Map();
    this.activeSubtests = 0;
    this.waitingOn = 0;
    this.diagnostics = [];
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.startTime = null;
    this.endTime = null;
    this.passed = false;
    this.error = null;
    this.cancelled = false;
    this.completed = false; // postRun() ran
    this.finished = false; // reported
    this.reportedStart = false;
    this.mock = undefined;
    this.plan ??= null;
    this.assertObject = undefined;
    this.stop = null; // deferred that ends a running test early (failure, abort)
    this.runPromise = null;
    this.running = false;
    if (!onlyFlag && parent !== null && (this.only || parent.runOnlySubtests)) this.diagnostics.push(kOnlyWarning);
  }

  get reportedType() {
    return undefined;
  }

  fullName() {
    let name = this.name;
    for (let t = this.parent; t !== null && t.parent !== null; t = t.parent) name = `${t.name} > ${name}`;
    return name;
  }

  diagnostic(message) {
    this.diagnostics.push(`${message}`);
  }

  skip(message) {
    this.skipped = true;
    this.message = message === undefined ? null : `${message}`;
  }

  todo(message) {
    this.isTodo = true;
    this.message = message === undefined ? null : `${message}`;
  }

  createHook(name, fn, options) {
    const { validateFunction } = require('internal/errors');
    validateFunction(fn, 'fn');
    const hook = new TestHook(fn, options ?? {}, this, name, callerLocation());
    if (name === 'before' && this.parent !== null && this.startTime !== null && !(this instanceof Suite)) {
      // t.before() in a running test runs now; its failure fails the test.
      const { ctx, args } = this.getRunArgs();
      hook.runOnce(ctx, args).then(() => {
        if (hook.error !== null) this.fail(hook.error);
      });
    }
    this.hooks[name].push(hook);
    return hook;
  }

  createSubtest(Factory, name, options, fn, loc) {
    ({ name, options, fn } = validateTestArgs(name, options, fn));
    const test = new Factory({ parent: this, name, options, fn, loc });
    if (this.completed) {
      test.startTime = test.startTime ?? now();
      test.fail(testFailure('test could not be started because its parent finished', kind.parentAlreadyFinished));
    }
    this.subtests.push(test);
    test.testNumber = this.subtests.length;
    return test;
  }

  // Runs the test now if the parent's concurrency allows, else queues it. The
  // returned promise settles (with undefined) when the test has completed.
  start() {
    if (this.runPromise !== null) return this.runPromise;
    const deferred = createDeferred();
    this.runPromise = deferred.promise;
    this.startDeferred = deferred;
    if (this.parent.completed) {
      this.postRun();
      return this.runPromise;
    }
    this.reporter.enqueue?.(this.nesting, this.loc, this.name);
    // Top-level tests also wait until the reporters are set up (harness.js).
    const waiting = this.parent === this.root && this.root.harness?.reportersReady === false;
    if (!waiting && this.parent.activeSubtests < this.parent.concurrency) {
      this.reporter.dequeue?.(this.nesting, this.loc, this.name);
      this.parent.activeSubtests++;
      this.running = true;
      this.runAndSettle();
    } else {
      this.parent.pendingSubtests.push(this);
    }
    return this.runPromise;
  }

  runAndSettle() {
    this.run().catch((err) => {
      // Only reachable through a bug in the runner: make it visible.
      process.nextTick(() => {
        throw err;
      });
    });
  }

  processPendingSubtests() {
    while (this.pendingSubtests.length > 0 && this.activeSubtests < this.concurrency) {
      const next = this.pendingSubtests.shift();
      next.reporter.dequeue?.(next.nesting, next.loc, next.name);
      this.activeSubtests++;
      next.running = true;
      next.runAndSettle();
    }
  }

  getRunArgs() {
    const ctx = new TestContext(this);
    return { ctx, args: [ctx] };
  }

  abortFromOuter() {
    this.cancel(abortFailure(this.outerSignal.reason));
  }

  fail(err) {
    if (this.error !== null) return;
    this.endTime = now();
    this.passed = false;
    this.error = err;
  }

  pass() {
    if (this.endTime !== null) return;
    this.endTime = now();
    this.passed = true;
  }

  cancel(err) {
    if (this.endTime !== null || this.error !== null) return;
    this.fail(err ?? testFailure('test did not finish before its parent and was cancelled', kind.cancelledByParent));
    this.cancelled = true;
    this.abortController.abort();
  }

  // Runs this test's `name` hooks (before and after hooks once: later calls see
  // the first run's outcome). A failure is rethrown as Node's
  // 'failed running <name> hook' whose cause is what the hook threw.
  async runHook(name, { ctx, args }) {
    let current;
    try {
      for (const hook of this.hooks[name]) {
        current = hook;
        if (name === 'before' || name === 'after') await hook.runOnce(ctx, args);
        else await hook.runWith(ctx, args);
        if (hook.error !== null) throw hook.error;
      }
    } catch (err) {
      const error = testFailure(`failed running ${name} hook`, kind.hookFailed);
      error.cause = isTestFailure(err) ? err.cause : err;
      Object.defineProperty(error, 'hookLocation', { __proto__: null, value: current?.loc, configurable: true });
      throw error;
    }
  }

  // Every ancestor's beforeEach hooks, outermost first.
  async runBeforeEach(ctx, args) {
    const chain = [];
    for (let t = this.parent; t !== null; t = t.parent) chain.unshift(t);
    for (const t of chain) if (t.hooks.beforeEach.length > 0) await t.runEachHooks('beforeEach', ctx, args);
  }

  // Every ancestor's afterEach hooks, innermost first.
  async runAfterEach(ctx, args, skip = false) {
    if (skip) return;
    for (let t = this.parent; t !== null; t = t.parent) {
      if (t.hooks.afterEach.length > 0) await t.runEachHooks('afterEach', ctx, args);
    }
  }

  async runEachHooks(name, ctx, args) {
    await this.runHook(name, { ctx, args });
  }

  // Resolves when the timeout elapses or the test is stopped (failure, abort),
  // rejecting with the timeout failure in the first case.
  armStop() {
    const stop = createDeferred();
    this.stop = stop;
    let timer = null;
    if (this.timeout !== kDefaultTimeout) {
      timer = setTimeout(() => {
        stop.reject(testFailure(`test timed out after ${this.timeout}ms`, kind.testTimeoutFailure));
      }, this.timeout);
      timer.unref();
    }
    // The `signal` option aborting fails the test with the signal's reason.
    const onAbort = () => stop.reject(abortFailure(this.outerSignal.reason));
    if (this.outerSignal) this.outerSignal.addEventListener('abort', onAbort, { once: true });
    // Aborting the test's own signal (an uncaught error inside it) stops it.
    const onOwnAbort = () => stop.resolve();
    this.signal.addEventListener('abort', onOwnAbort, { once: true });
    stop.dispose = () => {
      if (timer !== null) clearTimeout(timer);
      if (this.outerSignal) this.outerSignal.removeEventListener('abort', onAbort);
      this.signal.removeEventListener('abort', onOwnAbort);
    };
    return stop;
  }

  shouldAbort() {
    if (this.outerSignal?.aborted) {
      this.cancel(abortFailure(this.outerSignal.reason));
      return true;
    }
    return this.signal.aborted;
  }

  async run() {
    this.startTime = now();
    if (this.shouldAbort()) {
      this.postRun();
      return;
    }
    const { ctx, args } = this.getRunArgs();
    let stop;
    runningTests.push(this);
    try {
      if (this.parent.hooks.before.length > 0) await this.parent.runHook('before', this.parent.getRunArgs());
      if (!this.skipped) await this.runBeforeEach(ctx, args);
      stop = this.armStop();
      if (this.error !== null) throw this.error;
      if (this.fn.length === args.length + 1) {
        // Error-first callback style: fn(t, done).
        const done = createDeferred();
        let calls = 0;
        // A second call throws at the caller (once), as Node's callback does.
        const cb = (err) => {
          calls++;
          if (calls > 1) {
            if (calls === 2) throw testFailure('callback invoked multiple times', kind.multipleCallbackInvocations, cb);
            return;
          }
          if (err) done.reject(err);
          else done.resolve();
        };
        const ret = runOwned(this, this.fn, ctx, [...args, cb]);
        if (isPromise(ret)) {
          this.fail(testFailure('passed a callback but also returned a Promise', kind.callbackAndPromisePresent));
          await Promise.race([ret, stop.promise]);
        } else {
          await Promise.race([done.promise, stop.promise]);
        }
      } else {
        const ret = runOwned(this, this.fn, ctx, args);
        await Promise.race([Promise.resolve(ret), stop.promise]);
      }
      if (this.error !== null) throw this.error;
      this.shouldAbort();
      if (this.plan && this.plan.actual !== this.plan.expected) {
        throw testFailure(`plan expected ${this.plan.expected} assertions but received ${this.plan.actual}`, kind.testCodeFailure);
      }
      this.pass();
      await this.runAfterEach(ctx, args, this.skipped);
      await this.runHook('after', { ctx, args });
    } catch (err) {
      if (isTestFailure(err) || isAbortFailure(err)) {
        if (err.failureType === kind.testTimeoutFailure) this.cancel(err);
        else this.fail(err);
      } else {
        this.fail(testFailure(err, kind.testCodeFailure));
      }
      this.endTime = now();
      try {
        if (!this.skipped) await this.runAfterEach(ctx, args);
      } catch {
        // The test is already failing.
      }
      try {
        if (this.hooks.after.length > 0) await this.runHook('after', { ctx, args });
      } catch {
        // The test is already failing.
      }
    } finally {
      stop?.dispose();
      this.stop = null;
      const i = runningTests.lastIndexOf(this);
      if (i !== -1) runningTests.splice(i, 1);
      this.abortController.abort();
    }
    this.postRun();
  }

  postRun(pendingError) {
    if (this.completed) return;
    this.completed = true;
    if (this.endTime === null) this.endTime = now();
    if (this.startTime === null || this.endTime < this.startTime) this.startTime = this.endTime;
    this.pendingSubtests = [];
    let failed = 0;
    for (const subtest of this.subtests) {
      if (!subtest.completed) {
        subtest.cancel(pendingError);
        subtest.postRun(pendingError);
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if ((this.passed || this.parent === null) && failed > 0) {
      this.fail(testFailure(`${failed} subtest${failed > 1 ? 's' : ''} failed`, kind.subtestsFailed));
    }
    if (this.mock !== undefined) this.mock.reset();
    if (this.parent !== null) {
      const { details, directive } = this.reportDetails();
      details.passed = this.passed;
      this.reporter.complete?.(this.nesting, this.loc, this.testNumber, this.name, details, directive);
      // A test that ran holds one unit of its parent's concurrency until now.
      if (this.running) {
        this.running = false;
        this.parent.activeSubtests--;
      }
      this.parent.readySubtests.set(this.testNumber, this);
      this.parent.processReadySubtestRange(false);
      this.parent.processPendingSubtests();
      this.startDeferred?.resolve();
    }
  }

  isClearToSend() {
    return this.parent === null || (this.parent.waitingOn === this.testNumber && this.parent.isClearToSend());
  }

  processReadySubtestRange(canSend) {
    if (this.waitingOn === 0) this.waitingOn = 1;
    while (true) {
      const subtest = this.readySubtests.get(this.waitingOn);
      if (subtest === undefined) return;
      if (!canSend && !this.isClearToSend()) return;
      this.readySubtests.delete(this.waitingOn);
      subtest.finalize();
    }
  }

  finalize() {
    this.processReadySubtestRange(true);
    this.report();
    this.parent.waitingOn++;
    this.finished = true;
    if (this.parent === this.root) this.root.onTopLevelFinished?.();
  }

  duration() {
    const ns = this.endTime - this.startTime;
    return ns > 0n ? Number(ns) / 1e6 : 0;
  }

  reportStarted() {
    if (this.reportedStart || this.parent === null) return;
    this.reportedStart = true;
    this.parent.reportStarted();
    this.reporter.start(this.nesting, this.loc, this.name);
  }

  // What a result says besides the test's name and place: its duration, its type
  // (suite), its error, and skip or todo with their message.
  reportDetails() {
    let directive;
    if (this.skipped) directive = { skip: this.message ?? true };
    else if (this.isTodo) directive = { todo: this.message ?? true };
    const details = { duration_ms: this.duration() };
    if (this.reportedType) details.type = this.reportedType;
    if (!this.passed) details.error = this.error;
    return { details, directive };
  }

  report() {
    countCompletedTest(this);
    if (this.subtests.length > 0) {
      this.reportStarted();
      this.reporter.plan(this.subtests[0].nesting, this.loc, this.subtests.length);
    } else {
      this.reportStarted();
    }
    const { details, directive } = this.reportDetails();
    if (this.passed) {
      this.reporter.ok(this.nesting, this.loc, this.testNumber, this.name, details, directive);
    } else {
      this.reporter.fail(this.nesting, this.loc, this.testNumber, this.name, details, directive);
      if (!this.isTodo) process.exitCode = 1;
    }
    for (const message of this.diagnostics) this.reporter.diagnostic(this.nesting, this.loc, message);
  }
}

function countCompletedTest(test) {
  const counters = test.root.harness.counters;
  if (test.nesting === 0) counters.topLevel++;
  if (test.reportedType === 'suite') {
    counters.suites++;
    return;
  }
  if (test.skipped) counters.skipped++;
  else if (test.isTodo) counters.todo++;
  else if (test.cancelled) counters.cancelled++;
  else if (!test.passed) counters.failed++;
  else counters.passed++;
  counters.all++;
}

// A before/after/beforeEach/afterEach function: run with the context of the test
// or suite it applies to, with its own timeout; its failure fails that test.
class TestHook {
  constructor(fn, options, owner, hookType, loc) {
    this.fn = fn;
    this.owner = owner;
    this.hookType = hookType;
    this.loc = loc;
    this.timeout = owner.timeout;
    if (options.timeout !== undefined && options.timeout !== null && options.timeout !== Infinity) {
      validateTimeout(options.timeout, 'options.timeout');
      this.timeout = options.timeout;
    }
    this.signal = options.signal;
    this.error = null;
    this.once = null;
    this.running = false;
  }

  runOnce(ctx, args) {
    this.once ??= this.runWith(ctx, args);
    return this.once;
  }

  async runWith(ctx, args) {
    this.error = null;
    this.running = true;
    let timer = null;
    try {
      const stop = createDeferred();
      if (this.timeout !== kDefaultTimeout) {
        timer = setTimeout(() => stop.reject(testFailure(`test timed out after ${this.timeout}ms`, kind.testTimeoutFailure)), this.timeout);
        timer.unref();
      }
      // The hook's `signal` option: aborted before or while it runs, it fails.
      const signal = this.signal;
      const aborted = () => abortFailure(signal.reason);
      if (signal?.aborted) throw aborted();
      signal?.addEventListener('abort', () => stop.reject(aborted()), { once: true });
      if (this.fn.length === args.length + 1) {
        const done = createDeferred();
        const cb = (err) => (err ? done.reject(err) : done.resolve());
        const ret = runHookOwned(this, this.fn, ctx, [...args, cb]);
        if (isPromise(ret)) {
          throw testFailure('passed a callback but also returned a Promise', kind.callbackAndPromisePresent);
        }
        await Promise.race([done.promise, stop.promise]);
      } else {
        await Promise.race([Promise.resolve(runHookOwned(this, this.fn, ctx, args)), stop.promise]);
      }
      if (signal?.aborted) throw aborted();
    } catch (err) {
      this.error = isTestFailure(err) || isAbortFailure(err) ? err : testFailure(err, kind.testCodeFailure);
    } finally {
      if (timer !== null) clearTimeout(timer);
      this.running = false;
    }
  }
}

class Suite extends Test {
  constructor(options) {
    super(options);
    this.buildPhaseFinished = false;
    const ctx = new SuiteContext(this);
    const fn = this.fn;
    try {
      const ret = runOwned(this, fn, ctx, [ctx]);
      this.buildSuite = Promise.resolve(ret).then(undefined, (err) => {
        this.fail(testFailure(err, kind.testCodeFailure));
      }).finally(() => {
        this.buildPhaseFinished = true;
      });
    } catch (err) {
      this.fail(testFailure(err, kind.testCodeFailure));
      this.buildPhaseFinished = true;
      this.buildSuite = Promise.resolve();
    }
    this.fn = noop;
  }

  get reportedType() {
    return 'suite';
  }

  getRunArgs() {
    const ctx = new SuiteContext(this);
    return { ctx, args: [ctx] };
  }

  async run() {
    const hookArgs = this.getRunArgs();
    let stop;
    try {
      await this.buildSuite;
      this.startTime = now();
      if (this.shouldAbort()) {
        this.subtests = [];
        this.postRun();
        return;
      }
      if (this.parent.hooks.before.length > 0) await this.parent.runHook('before', this.parent.getRunArgs());
      await this.runHook('before', hookArgs);
      stop = this.armStop();
      const subtests = this.skipped || this.error !== null ? [] : this.subtests;
      const all = Promise.all(subtests.map((t) => t.start()));
      await Promise.race([all, stop.promise]);
      if (this.error !== null) throw this.error;
      await this.runHook('after', hookArgs);
      this.pass();
    } catch (err) {
      if (isTestFailure(err) || isAbortFailure(err)) this.fail(err);
      else this.fail(testFailure(err, kind.testCodeFailure));
    } finally {
      stop?.dispose();
      this.stop = null;
    }
    this.postRun();
  }
}

module.exports = {
  hookInContext,
  Test,
  Suite,
  TestContext,
  SuiteContext,
  callerLocation,
  currentRunningTest,
  getCurrentOwner,
  ownerInContext,
  validateTestArgs,
  kDefaultTimeout,
  now,
};
