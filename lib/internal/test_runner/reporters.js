'use strict';
// node:test's reporters as the command line chooses them: `--test-reporter` (a
// built-in name, a path, a file URL or a package) and `--test-reporter-destination`
// (`stdout`, `stderr` or a file), paired in order. Without either, one reporter
// (spec when stdout is a terminal, else TAP) writes to stdout; one reporter without a
// destination writes to stdout; otherwise the counts must match (Node's error).
//
// A test file run alone (harness.js) calls the built-in reporters (reporter/*.js)
// directly and feeds each custom reporter a TestsStream of its own; `--test`
// (runner.js) composes every reporter on the run's stream. A custom reporter is
// what the module exports (or its `default`): an async generator function, an
// arrow or async function returning an async iterable (called with the events), a
// stream to pipe the events into, or a class, made with `new`, giving a stream or
// an async iterable. As in Node, any function with a `prototype.constructor` (a
// plain `function` too) is taken for a class. `lcov` needs coverage, which amber's
// node:test does not collect: it is refused.

const path = require('path');
const fs = require('fs');
const { codes: { ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED } } = require('internal/errors');

const kBuiltin = new Set(['spec', 'tap', 'dot', 'junit', 'lcov']);
const kClasses = {
  spec: () => require('internal/test_runner/reporter/spec').SpecReporter,
  tap: () => require('internal/test_runner/reporter/tap').TapReporter,
  dot: () => require('internal/test_runner/reporter/dot').DotReporter,
  junit: () => require('internal/test_runner/reporter/junit').JunitReporter,
};

function parseCommandLine() {
  const { getOptionValue } = require('internal/options');
  const reporters = [...getOptionValue('--test-reporter')];
  const destinations = [...getOptionValue('--test-reporter-destination')];
  if (reporters.length === 0 && destinations.length === 0) reporters.push(process.stdout.isTTY ? 'spec' : 'tap');
  if (reporters.length === 1 && destinations.length === 0) destinations.push('stdout');
  if (destinations.length !== reporters.length) {
    throw new ERR_INVALID_ARG_VALUE('--test-reporter', reporters, "must match the number of specified '--test-reporter-destination'");
  }
  return { reporters, destinations };
}

function lcovNotImplemented() {
  return new ERR_NOT_IMPLEMENTED('the lcov reporter (node:test coverage)');
}

// Errors of a reporter (its loading, its destination, what it throws) end the
// process as an exception the test runner does not handle: exit code 7, as Node.
const fatalErrors = new WeakSet();
function raiseFatal(err) {
  if (err !== null && typeof err === 'object') fatalErrors.add(err);
  process.nextTick(() => {
    throw err;
  });
}
function isFatal(err) {
  return err !== null && typeof err === 'object' && fatalErrors.has(err);
}

// A destination: `write(text)` in order, and the Writable a custom reporter's
// output is piped into. Files are written synchronously, so nothing is lost when
// the process exits at once (--test-force-exit).
function openDestination(name) {
  if (name === 'stdout') return { write: (text) => process.stdout.write(text), stream: process.stdout };
  if (name === 'stderr') return { write: (text) => process.stderr.write(text), stream: process.stderr };
  const fd = fs.openSync(path.resolve(name), 'w');
  const write = (text) => {
    fs.writeSync(fd, text);
  };
  const { Writable } = require('stream');
  const stream = new Writable({
    write(chunk, encoding, callback) {
      write(chunk);
      callback();
    },
  });
  return { write, stream };
}

async function importReporter(name) {
  const { pathToFileURL } = require('url');
  let parentURL;
  try {
    parentURL = pathToFileURL(`${process.cwd()}/`).href;
  } catch {
    parentURL = 'file:///';
  }
  let reporter = await require('internal/modules/esm').dynamicImport(name, parentURL);
  if (reporter?.default) reporter = reporter.default;
  // A class (not a generator function, whose prototype has no constructor).
  if (reporter?.prototype && Object.getOwnPropertyDescriptor(reporter.prototype, 'constructor')) {
    reporter = new reporter(); // eslint-disable-line new-cap
  }
  if (!reporter) throw new ERR_INVALID_ARG_VALUE('Reporter', name, 'is not a valid reporter');
  return reporter;
}

// `source` (a Readable of events) through `reporter` into `destination`. An error
// of the composed stream (what the reporter throws, or its ending before the
// events did) is fatal.
function pipeReporter(source, reporter, destination) {
  const { compose } = require('stream');
  // An async iterable (what a class gave) is read for the output, as compose() reads
  // it, but through a generator so that its errors reach the composed stream.
  if (typeof reporter !== 'function' && typeof reporter?.pipe !== 'function' && reporter?.[Symbol.asyncIterator] !== undefined) {
    const iterable = reporter;
    reporter = async function* iterableReporter() {
      yield* iterable;
    };
  }
  // Left unhandled, as in Node (the report says which stream emitted it), but marked
  // so the test runner does not take it for a test's error (errorMonitor listeners
  // do not handle the event).
  const { errorMonitor } = require('events');
  const markFatal = (err) => {
    if (err !== null && typeof err === 'object') fatalErrors.add(err);
  };
  if (typeof reporter?.on === 'function') reporter.on(errorMonitor, markFatal);
  const composed = compose(source, reporter);
  composed.on(errorMonitor, markFatal);
  composed.pipe(destination.stream, { end: destination.stream !== process.stdout && destination.stream !== process.stderr });
  return composed;
}

// For a file run alone: the reporter the test tree calls (every reporter of the
// command line), `ready` (settled once custom reporters are loaded; the tests wait
// for it, as Node's do for its reporters) and `finished()` (resolves once custom
// reporters have written everything, for an exit that cannot wait for the loop).
function createFileReporters() {
  const { reporters, destinations } = parseCommandLine();
  const targets = [];
  const loading = [];
  const composed = [];
  for (let i = 0; i < reporters.length; i++) {
    const name = reporters[i];
    if (name === 'lcov') {
      loading.push(Promise.reject(lcovNotImplemented()));
      continue;
    }
    if (kBuiltin.has(name)) {
      try {
        targets.push(new (kClasses[name]())(openDestination(destinations[i]).write));
      } catch (err) {
        // A file that cannot be opened fails as a reporter that cannot be loaded.
        loading.push(Promise.reject(err));
      }
      continue;
    }
    const { StreamReporter } = require('internal/test_runner/tests_stream');
    const sink = new StreamReporter();
    targets.push(sink);
    loading.push(importReporter(name).then((reporter) => {
      composed.push(pipeReporter(sink.stream, reporter, openDestination(destinations[i])));
    }));
  }
  const ready = Promise.all(loading).then(() => {}, (err) => {
    raiseFatal(err);
    return new Promise(() => {});
  });
  const finished = () => Promise.all(composed.map((s) => new Promise((resolve) => {
    if (s.readableEnded || s.destroyed) resolve();
    else s.once('close', resolve).once('end', resolve);
  })));
  return { reporter: new ReporterList(targets), ready, finished };
}

// Calls every reporter's method of that name (the built-in ones have no
// enqueue/dequeue/complete).
class ReporterList {
  constructor(targets) {
    this.targets = targets;
  }
  call(method, args) {
    for (const target of this.targets) {
      if (typeof target[method] === 'function') target[method](...args);
    }
  }
  enqueue(...args) { this.call('enqueue', args); }
  dequeue(...args) { this.call('dequeue', args); }
  start(...args) { this.call('start', args); }
  complete(...args) { this.call('complete', args); }
  plan(...args) { this.call('plan', args); }
  ok(...args) { this.call('ok', args); }
  fail(...args) { this.call('fail', args); }
  diagnostic(...args) { this.call('diagnostic', args); }
  end(...args) { this.call('end', args); }
}

// For `--test`: every reporter of the command line reading `stream` (each through
// a stream of its own, so that they all see every event).
async function setupRunReporters(stream) {
  const { reporters, destinations } = parseCommandLine();
  const { TestsStream } = require('internal/test_runner/tests_stream');
  const loaded = [];
  for (let i = 0; i < reporters.length; i++) {
    const name = reporters[i];
    if (name === 'lcov') throw lcovNotImplemented();
    const reporter = kBuiltin.has(name) ? require('test/reporters')[name] : await importReporter(name);
    loaded.push({ reporter, destination: openDestination(destinations[i]) });
  }
  const sources = loaded.map(() => new TestsStream());
  stream.on('data', (event) => {
    for (const source of sources) source.push(event);
  });
  stream.on('end', () => {
    for (const source of sources) source.push(null);
  });
  for (let i = 0; i < loaded.length; i++) pipeReporter(sources[i], loaded[i].reporter, loaded[i].destination);
}

module.exports = { parseCommandLine, createFileReporters, setupRunReporters, isFatal, raiseFatal, lcovNotImplemented };
