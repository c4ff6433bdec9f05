'use strict';
// run() of node:test: runs test files, each in a child process of this runtime
// (started with AMBER_TEST_RUNNER_CHILD=1 so that it reports events, see
// reporter/events.js), one after another, and returns a TestsStream: a Readable of
// `{ type, data }` that also emits each type as an event. As in Node 20 the files'
// top-level tests are numbered as one list, the files' other stdout/stderr lines are
// `test:stdout`/`test:stderr`, and the summary counts every file's results.

const { Readable } = require('stream');
const path = require('path');
const fs = require('fs');
const { kPrefix, decode } = require('internal/test_runner/reporter/events');
const { testFailure, kind } = require('internal/test_runner/failure');

class TestsStream extends Readable {
  constructor() {
    super({ objectMode: true, read() {} });
  }
  emitEvent(type, data) {
    this.emit(type, data);
    this.push({ type, data });
  }
  // `run().compose(reporter)`: a Readable of what the reporter (an async generator
  // function over events, as in node:test/reporters) yields.
  compose(reporter) {
    return Readable.from(reporter(this));
  }
}

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
  const { files, setup, signal, timeout } = options;
  for (const name of ['only', 'watch', 'shard', 'testNamePatterns', 'inspectPort', 'forceExit', 'globPatterns', 'coverage']) {
    if (options[name] !== undefined && options[name] !== false) throw new codes.ERR_NOT_IMPLEMENTED(`node:test run() option ${name}`);
  }
  if (files !== undefined) {
    if (!Array.isArray(files)) throw new codes.ERR_INVALID_ARG_TYPE('options.files', 'Array', files);
    files.forEach((f, i) => {
      if (typeof f !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(`options.files[${i}]`, 'string', f);
    });
  }
  if (setup !== undefined) validateFunction(setup, 'options.setup');
  if (timeout !== undefined && timeout !== Infinity && (typeof timeout !== 'number' || !(timeout >= 0))) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.timeout', 'number', timeout);
  }
  const stream = new TestsStream();
  if (setup !== undefined) setup(stream);
  let list = files ?? discoverFiles(process.cwd());
  if (process.env.NODE_TEST_CONTEXT !== undefined) {
    process.emitWarning('node:test run() is being called recursively within a test file. skipping running files.');
    list = [];
  }
  runFiles(stream, list, { signal, timeout }).catch((err) => stream.destroy(err));
  return stream;
}

async function runFiles(stream, files, { signal, timeout }) {
  const counters = { all: 0, failed: 0, passed: 0, cancelled: 0, skipped: 0, todo: 0, suites: 0 };
  const start = process.hrtime.bigint();
  let topLevel = 0;
  await Promise.resolve();
  for (let i = 0; i < files.length; i++) {
    if (signal?.aborted) break;
    topLevel = await runFile(stream, files[i], i + 1, topLevel, counters, { signal, timeout });
  }
  stream.emitEvent('test:plan', { nesting: 0, count: topLevel });
  const c = counters;
  for (const [label, value] of [['tests', c.all], ['suites', c.suites], ['pass', c.passed], ['fail', c.failed],
    ['cancelled', c.cancelled], ['skipped', c.skipped], ['todo', c.todo]]) {
    stream.emitEvent('test:diagnostic', { nesting: 0, message: `${label} ${value}` });
  }
  stream.emitEvent('test:diagnostic', { nesting: 0, message: `duration_ms ${Number(process.hrtime.bigint() - start) / 1e6}` });
  stream.push(null);
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

function runFile(stream, file, fileNumber, topLevel, counters, { signal, timeout }) {
  const { spawn } = require('child_process');
  return new Promise((resolve) => {
    const env = { ...process.env, AMBER_TEST_RUNNER_CHILD: '1' };
    if (timeout !== undefined && timeout !== Infinity) env.AMBER_TEST_RUNNER_TIMEOUT = String(timeout);
    // Results name the file as given; `file` fields have its absolute path.
    const name = file;
    file = path.resolve(file);
    // Node's marker of a file run by the test runner, which tests look at.
    env.NODE_TEST_CONTEXT = 'child-v8';
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    runningChildren.add(child);
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
    let buffered = '';
    const onLine = (line) => {
      if (!line.startsWith(kPrefix)) {
        stream.emitEvent('test:stdout', { file, message: `${line}\n` });
        return;
      }
      const { type, data: raw } = JSON.parse(line.slice(kPrefix.length));
      const d = decode(raw);
      const loc = location(d.loc);
      if (type === 'start') {
        stream.emitEvent('test:start', { nesting: d.nesting, name: d.name, ...loc });
      } else if (type === 'pass' || type === 'fail') {
        const testNumber = d.nesting === 0 ? ++topLevel : d.testNumber;
        const data = { name: d.name, nesting: d.nesting, testNumber, details: d.details, ...loc };
        if (d.directive?.skip !== undefined) data.skip = d.directive.skip;
        if (d.directive?.todo !== undefined) data.todo = d.directive.todo;
        count(counters, { ...data, type });
        if (type === 'fail') failures++;
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
        onLine(buffered.slice(0, i));
        buffered = buffered.slice(i + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => stream.emitEvent('test:stderr', { file, message: chunk }));
    child.on('close', (code, sig) => {
      runningChildren.delete(child);
      signal?.removeEventListener('abort', onAbort);
      if (timer !== null) clearTimeout(timer);
      if (buffered.length > 0) onLine(buffered);
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
        topLevel++;
        const data = { name, nesting: 0, testNumber: fileNumber, details, line: 1, column: 1, file };
        count(counters, { ...data, type: 'fail' });
        stream.emitEvent('test:start', { nesting: 0, name, line: 1, column: 1, file });
        stream.emitEvent('test:fail', data);
      }
      resolve(topLevel);
    });
  });
}

// `amber --test [paths]`: run() over the files given (a directory stands for the
// test files under it; none: those under the working directory), TAP or spec on
// stdout as for a single file, exit code 1 when a test failed.
function runFromCli(args) {
  const files = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = fs.statSync(arg).isDirectory();
    } catch {
      // A missing file fails as its own result.
    }
    if (isDir) files.push(...discoverFiles(path.resolve(arg)));
    else files.push(arg);
  }
  // Node runs the files of its command line in sorted order.
  files.sort();
  const stream = run(args.length > 0 ? { files } : {});
  stream.on('test:fail', (data) => {
    if (data.todo === undefined) process.exitCode = 1;
  });
  const { tap, spec } = require('test/reporters');
  stream.compose(process.stdout.isTTY ? spec : tap).pipe(process.stdout);
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

module.exports = { run, runFromCli, TestsStream };
