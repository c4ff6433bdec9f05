'use strict';
// run() of node:test: runs test files, each in a child process of this runtime
// (started with AMBER_TEST_RUNNER_CHILD=1 so that it reports events, see
// reporter/events.js), one after another, and returns a TestsStream: a Readable of
// `{ type, data }` that also emits each type as an event. As in Node 20 the files'
// top-level tests are numbered as one list, the files' other stdout/stderr lines are
// `test:stdout`/`test:stderr`, and the summary counts every file's results.

const { TestsStream } = require('internal/test_runner/tests_stream');
const path = require('path');
const fs = require('fs');
const { kPrefix, decode } = require('internal/test_runner/reporter/events');
const { testFailure, kind } = require('internal/test_runner/failure');

// Node 20's default test file patterns, searched under the working directory
// outside node_modules.
const kPatterns = [
  /\.test\.[cm]?js$/, /-test\.[cm]?js$/, /_test\.[cm]?js$/, /(^|\/)test-[^/]*\.[cm]?js$/, /(^|\/)test\.[cm]?js$/, /(^|\/)test\/.*\.[cm]?js$/,
];
function discoverFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(full);
      } else if (e.isFile()) {
        const rel = path.relative(dir, full);
        if (kPatterns.some((re) => re.test(rel))) out.push(full);
      }
    }
  };
  walk(dir);
  return out;
}

function location(loc) {
  return loc === undefined ? {} : { line: loc.line, column: loc.column, file: loc.file };
}

function run(options = {}) {
  const { codes, validateObject, validateFunction } = require('internal/errors');
  validateObject(options, 'options');
  const { files, setup, signal, timeout, forceExit, shard } = options;
  let { concurrency } = options;
  for (const name of ['watch', 'inspectPort', 'globPatterns', 'coverage']) {
    if (options[name] !== undefined && options[name] !== false) throw new codes.ERR_NOT_IMPLEMENTED(`node:test run() option ${name}`);
  }
  if (files !== undefined) {
    if (!Array.isArray(files)) throw new codes.ERR_INVALID_ARG_TYPE('options.files', 'Array', files);
    files.forEach((f, i) => {
      if (typeof f !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(`options.files[${i}]`, 'string', f);
    });
  }
  if (setup !== undefined) validateFunction(setup, 'options.setup');
  // `only` and `testNamePatterns` reach each file as --test-only and --test-name-pattern.
  const childArgs = [];
  if (options.only) childArgs.push('--test-only');
  if (options.testNamePatterns !== undefined && options.testNamePatterns !== null) {
    const { convertStringToRegExp } = require('internal/test_runner/utils');
    const list = Array.isArray(options.testNamePatterns) ? options.testNamePatterns : [options.testNamePatterns];
    list.forEach((value, i) => {
      const name = `options.testNamePatterns[${i}]`;
      if (binding.types.isRegExp(value)) {
        childArgs.push(`--test-name-pattern=${value}`);
      } else if (typeof value === 'string') {
        convertStringToRegExp(value, name);
        childArgs.push(`--test-name-pattern=${value}`);
      } else {
        throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'RegExp'], value);
      }
    });
  }
  if (forceExit !== undefined && typeof forceExit !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE('options.forceExit', 'boolean', forceExit);
  // How many files run at once: a number, `true` for one less than the CPUs (at least
  // one), `false` or nothing for one at a time.
  if (concurrency === true) {
    concurrency = Math.max(require('os').availableParallelism() - 1, 1);
  } else if (concurrency === undefined || concurrency === false) {
    concurrency = 1;
  } else if (typeof concurrency === 'number') {
    require('internal/errors').validateInteger(concurrency, 'options.concurrency', 1);
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('options.concurrency', ['boolean', 'number'], concurrency);
  }
  if (timeout !== undefined && timeout !== Infinity && (typeof timeout !== 'number' || !(timeout >= 0))) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.timeout', 'number', timeout);
  }
  // `shard: { index, total }` runs every total-th file, from the index-th.
  if (shard !== undefined) {
    const { validateInteger } = require('internal/errors');
    validateObject(shard, 'options.shard');
    validateInteger(shard.total, 'options.shard.total', 1);
    validateInteger(shard.index, 'options.shard.index', 1, shard.total);
  }
  const stream = new TestsStream();
  if (setup !== undefined) setup(stream);
  let list = files ?? discoverFiles(process.cwd());
  if (shard !== undefined) list = list.filter((_, i) => i % shard.total === shard.index - 1);
  if (process.env.NODE_TEST_CONTEXT !== undefined) {
    process.emitWarning('node:test run() is being called recursively within a test file. skipping running files.');
    list = [];
  }
  runFiles(stream, list, { signal, timeout, concurrency, forceExit: forceExit === true, childArgs }).catch((err) => stream.destroy(err));
  return stream;
}

// Where a file's results go. Files may run at once, but their results are reported
// in the files' order, as Node does: the first unfinished file reports as its
// results arrive, the others keep theirs until every earlier file is done.
class FileSink {
  constructor() {
    this.queue = [];
    this.live = false;
    this.done = false;
  }
  run(fn) {
    if (this.live) fn();
    else this.queue.push(fn);
  }
  goLive() {
    this.live = true;
    const queue = this.queue;
    this.queue = [];
    for (const fn of queue) fn();
  }
}

async function runFiles(stream, files, { signal, timeout, concurrency, forceExit, childArgs }) {
  const state = { topLevel: 0, counters: { all: 0, failed: 0, passed: 0, cancelled: 0, skipped: 0, todo: 0, suites: 0 } };
  const start = process.hrtime.bigint();
  await Promise.resolve();
  const sinks = files.map(() => new FileSink());
  await new Promise((resolve) => {
    let head = 0;
    let next = 0;
    let running = 0;
    const advance = () => {
      while (head < files.length && sinks[head].done) {
        head++;
        if (head < files.length) sinks[head].goLive();
      }
      if (head === files.length) resolve();
    };
    // Each file is a test of the run, as in Node: queued (test:enqueue) in order, and
    // started (test:dequeue) as soon as a place is free.
    let queued = 0;
    const startMore = () => {
      if (signal?.aborted) {
        // Files not started yet are not run.
        for (; next < files.length; next++) sinks[next].done = true;
      }
      while (next < queued && running < concurrency) {
        const i = next++;
        running++;
        stream.emitEvent('test:dequeue', fileEvent(files[i]));
        runFile(stream, files[i], i + 1, state, sinks[i], { signal, timeout, forceExit, childArgs }).then(() => {
          running--;
          sinks[i].done = true;
          startMore();
          advance();
        });
      }
      advance();
    };
    if (files.length > 0) sinks[0].goLive();
    while (queued < files.length) {
      stream.emitEvent('test:enqueue', fileEvent(files[queued++]));
      startMore();
    }
    advance();
  });
  stream.emitEvent('test:plan', { nesting: 0, count: state.topLevel });
  const c = state.counters;
  for (const [label, value] of [['tests', c.all], ['suites', c.suites], ['pass', c.passed], ['fail', c.failed],
    ['cancelled', c.cancelled], ['skipped', c.skipped], ['todo', c.todo]]) {
    stream.emitEvent('test:diagnostic', { nesting: 0, message: `${label} ${value}` });
  }
  stream.emitEvent('test:diagnostic', { nesting: 0, message: `duration_ms ${Number(process.hrtime.bigint() - start) / 1e6}` });
  stream.push(null);
}

// How a failure's line from a file starts (reporter/events.js).
const kFailLine = `${kPrefix}{"type":"fail"`;

// The data of a file's test:enqueue/test:dequeue: named as given, at its start.
function fileEvent(name) {
  return { nesting: 0, name, line: 1, column: 1, file: path.resolve(name) };
}

function count(counters, data) {
  if (data.details?.type === 'suite') {
    counters.suites++;
    return;
  }
  if (data.skip !== undefined) counters.skipped++;
  else if (data.todo !== undefined) counters.todo++;
  else if (data.details?.error?.failureType === kind.cancelledByParent || data.details?.error?.failureType === kind.testTimeoutFailure) counters.cancelled++;
  else if (data.type === 'fail') counters.failed++;
  else counters.passed++;
  counters.all++;
}

// `fileNumber`: the file's position, which Node gives the result of a file that
// failed outside its tests.
// Files running now, killed when `--test` is interrupted.
const runningChildren = new Set();

function runFile(stream, file, fileNumber, state, sink, { signal, timeout, forceExit, childArgs = [] }) {
  const { spawn } = require('child_process');
  const { counters } = state;
  return new Promise((resolve) => {
    const env = { ...process.env, AMBER_TEST_RUNNER_CHILD: '1' };
    if (timeout !== undefined && timeout !== Infinity) env.AMBER_TEST_RUNNER_TIMEOUT = String(timeout);
    if (forceExit) env.AMBER_TEST_RUNNER_FORCE_EXIT = '1';
    // Results name the file as given; `file` fields have its absolute path.
    const name = file;
    file = path.resolve(file);
    // Node's marker of a file run by the test runner, which tests look at.
    env.NODE_TEST_CONTEXT = 'child-v8';
    const started = process.hrtime.bigint();
    // The name patterns of the command line apply to each file's tests.
    const { getOptionValue } = require('internal/options');
    const patterns = getOptionValue('--test-name-pattern').map((p) => `--test-name-pattern=${p}`);
    if (getOptionValue('--test-only') === true) patterns.push('--test-only');
    const child = spawn(process.execPath, [...patterns, ...childArgs, file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    runningChildren.add(child);
    // The file is a test of the run: queued and started now, complete when it exits.
    const fileLoc = { line: 1, column: 1, file };
    const onAbort = () => child.kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    // A file still running after `timeout` ms (a test stuck in a synchronous loop
    // never sees its own timeout) is killed and fails as timed out.
    let timedOut = false;
    const timer = timeout !== undefined && timeout !== Infinity ? setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeout) : null;
    let failures = 0;
    let failuresSeen = 0; // failures among the lines received, reported or not yet
    let results = 0;
    let buffered = '';
    const onLine = (line) => {
      if (!line.startsWith(kPrefix)) {
        stream.emitEvent('test:stdout', { file, message: `${line}\n` });
        return;
      }
      const { type, data: raw } = JSON.parse(line.slice(kPrefix.length));
      const d = decode(raw);
      const loc = location(d.loc);
      if (type === 'start' || type === 'enqueue' || type === 'dequeue') {
        stream.emitEvent(`test:${type}`, { nesting: d.nesting, name: d.name, ...loc });
      } else if (type === 'complete') {
        const data = { name: d.name, nesting: d.nesting, testNumber: d.testNumber, details: d.details, ...loc };
        if (d.directive?.skip !== undefined) data.skip = d.directive.skip;
        if (d.directive?.todo !== undefined) data.todo = d.directive.todo;
        stream.emitEvent('test:complete', data);
      } else if (type === 'pass' || type === 'fail') {
        const testNumber = d.nesting === 0 ? ++state.topLevel : d.testNumber;
        const data = { name: d.name, nesting: d.nesting, testNumber, details: d.details, ...loc };
        if (d.directive?.skip !== undefined) data.skip = d.directive.skip;
        if (d.directive?.todo !== undefined) data.todo = d.directive.todo;
        count(counters, { ...data, type });
        if (type === 'fail') failures++;
        if (d.nesting === 0) results++;
        stream.emitEvent(type === 'pass' ? 'test:pass' : 'test:fail', data);
      } else if (type === 'plan') {
        if (d.nesting === 0 && d.loc === undefined) return; // the file's own top-level plan
        stream.emitEvent('test:plan', { nesting: d.nesting, count: d.count, ...loc });
      } else if (type === 'diagnostic') {
        if (d.summary) return;
        stream.emitEvent('test:diagnostic', { nesting: d.nesting, message: d.message, ...loc });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let i;
      while ((i = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, i);
        if (line.startsWith(kFailLine)) failuresSeen++;
        sink.run(() => onLine(line));
        buffered = buffered.slice(i + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => sink.run(() => stream.emitEvent('test:stderr', { file, message: chunk })));
    child.on('close', (code, sig) => {
      runningChildren.delete(child);
      signal?.removeEventListener('abort', onAbort);
      if (timer !== null) clearTimeout(timer);
      const rest = buffered;
      if (rest.length > 0) {
        if (rest.startsWith(kFailLine)) failuresSeen++;
        sink.run(() => onLine(rest));
      }
      // The file's test:complete comes when it ends, even while an earlier file's
      // results are still being reported (its own results wait for those), as in Node.
      const passed = !timedOut && code === 0 && sig === null;
      const details = { duration_ms: Number(process.hrtime.bigint() - started) / 1e6 };
      if (!passed) {
        details.error = timedOut ? testFailure(`test timed out after ${timeout}ms`, kind.testTimeoutFailure)
          : failuresSeen > 0 ? testFailure('test failed', kind.subtestsFailed) : testFailure('test failed', kind.testCodeFailure);
      }
      details.passed = passed;
      stream.emitEvent('test:complete', { name, nesting: 0, testNumber: fileNumber, details, ...fileLoc });
      sink.run(() => onClose(code, sig));
      resolve();
    });
    const onClose = (code, sig) => {
      if (timedOut || ((code !== 0 || sig !== null) && failures === 0)) {
        // The file failed outside any test (a syntax error, a throw at top level).
        const error = timedOut
          ? testFailure(`test timed out after ${timeout}ms`, kind.testTimeoutFailure)
          : testFailure('test failed', kind.testCodeFailure);
        const details = { duration_ms: Number(process.hrtime.bigint() - started) / 1e6, error };
        if (!timedOut) {
          error.exitCode = code;
          error.signal = sig;
        }
        state.topLevel++;
        const data = { name, nesting: 0, testNumber: fileNumber, details, line: 1, column: 1, file };
        count(counters, { ...data, type: 'fail' });
        stream.emitEvent('test:start', { nesting: 0, name, line: 1, column: 1, file });
        stream.emitEvent('test:fail', data);
      } else if (results === 0 && code === 0 && sig === null) {
        // A file that ran no test passes as one test named after it, as in Node.
        state.topLevel++;
        const details = { duration_ms: Number(process.hrtime.bigint() - started) / 1e6 };
        const data = { name, nesting: 0, testNumber: state.topLevel, details, line: 1, column: 1, file };
        count(counters, { ...data, type: 'pass' });
        stream.emitEvent('test:start', { nesting: 0, name, line: 1, column: 1, file });
        stream.emitEvent('test:pass', data);
      }
    };
  });
}

// `amber --test [paths]`: run() over the files given (by their absolute paths, which
// name them in the results as in Node; a directory stands for the test files under
// it; none: those under the working directory), reported by the reporters of the
// command line (internal/test_runner/reporters.js), exit code 1 when a test failed.
function runFromCli(args) {
  const files = [];
  for (const arg of args) {
    let stat;
    try {
      stat = fs.statSync(arg);
    } catch {
      // As Node, a path that does not exist ends the run before any file runs.
      process.stderr.write(`Could not find '${path.resolve(arg)}'\n`);
      process.exit(1);
    }
    if (stat.isDirectory()) files.push(...discoverFiles(path.resolve(arg)));
    else files.push(path.resolve(arg));
  }
  // Node runs the files of its command line in sorted order.
  files.sort();
  const { getOptionValue } = require('internal/options');
  const shardOption = getOptionValue('--test-shard');
  let shard;
  if (shardOption !== undefined) {
    if (!/^\d+\/\d+$/.test(shardOption)) {
      process.exitCode = 1;
      throw new (require('internal/errors').codes.ERR_INVALID_ARG_VALUE)('--test-shard', shardOption, 'must be in the form of <index>/<total>');
    }
    const [index, total] = shardOption.split('/').map(Number);
    shard = { index, total };
  }
  const options = {
    shard,
    concurrency: cliNumber(getOptionValue('--test-concurrency'), '--test-concurrency', 1) ?? true,
    timeout: cliNumber(getOptionValue('--test-timeout'), '--test-timeout', 0) ?? Infinity,
    forceExit: getOptionValue('--test-force-exit'),
  };
  if (args.length > 0) options.files = files;
  require('util').debuglog('test_runner')('test runner configuration:', options);
  require('internal/test_runner/harness').warnNoCoverage();
  const stream = run(options);
  stream.on('test:fail', (data) => {
    if (data.todo === undefined) process.exitCode = 1;
  });
  // As in Node, an error of a reporter (loading it, or one it throws) is not handled
  // by the runner: exit code 7.
  const reporters = require('internal/test_runner/reporters');
  process.on('uncaughtException', (err) => {
    throw err;
  });
  reporters.setupRunReporters(stream).catch(reporters.raiseFatal);
  // Interrupted, Node's runner stops the files and exits with code 1.
  const terminate = () => {
    for (const child of runningChildren) child.kill();
    process.exit(1);
  };
  process.once('SIGINT', terminate);
  process.once('SIGTERM', terminate);
  stream.on('end', () => {
    process.removeListener('SIGINT', terminate);
    process.removeListener('SIGTERM', terminate);
  });
}

// The value of a numeric option of the command line, or undefined when not given.
function cliNumber(value, name, min) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`${process.argv0}: ${name} must be an integer of at least ${min}, not '${value}'\n`);
    process.exit(9);
  }
  return n;
}

module.exports = { run, runFromCli, TestsStream };
