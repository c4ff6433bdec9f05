'use strict';
// node:test/reporters (only with the `node:` scheme): the `tap`, `spec`, `dot` and
// `junit` reporters over a TestsStream's `{ type, data }` events, for
// `run().compose(tap)`: async generator functions, as Node's, but `spec` gives a
// Transform stream (`spec()`, `new spec()`), as Node 20's does. `lcov` needs
// coverage, which amber's node:test does not collect: calling it throws
// ERR_NOT_IMPLEMENTED.

// Hands one event to a reporter object (internal/test_runner/reporter/*.js).
// `output`: what a file's own stdout/stderr lines become: TAP diagnostics
// ('diagnostic'), the text itself ('raw') or nothing ('ignore'); `raw` receives it.
function feed(rep, { type, data }, output, raw) {
  const loc = data.file === undefined ? undefined : { file: data.file, line: data.line, column: data.column };
  const directive = data.skip !== undefined ? { skip: data.skip } : data.todo !== undefined ? { todo: data.todo } : undefined;
  switch (type) {
    case 'test:start': rep.start(data.nesting, loc, data.name); break;
    case 'test:pass': rep.ok(data.nesting, loc, data.testNumber, data.name, data.details, directive); break;
    case 'test:fail': rep.fail(data.nesting, loc, data.testNumber, data.name, data.details, directive); break;
    case 'test:plan': rep.plan(data.nesting, loc, data.count); break;
    case 'test:diagnostic': rep.diagnostic(data.nesting, loc, data.message); break;
    case 'test:stdout':
    case 'test:stderr':
      if (output === 'diagnostic') {
        for (const line of data.message.split(/\r?\n/)) if (line.length > 0) rep.diagnostic(0, undefined, line);
      } else if (output === 'raw') {
        raw(data.message);
      }
      break;
    default: break;
  }
}

function adapt(name, createReporter, output) {
  // Each write of the reporter is one chunk, as each yield of Node's is.
  const reporter = async function* (source) {
    let out = [];
    const write = (text) => {
      if (text.length > 0) out.push(text);
    };
    const rep = createReporter(write);
    // TAP says its version and junit its header as soon as the run starts.
    rep.begin?.();
    yield* out;
    out = [];
    for await (const event of source) {
      feed(rep, event, output, write);
      const chunks = out;
      out = [];
      yield* chunks;
    }
    rep.end();
    yield* out;
  };
  Object.defineProperty(reporter, 'name', { __proto__: null, value: name, configurable: true });
  return reporter;
}

const createSpec = (write) => new (require('internal/test_runner/reporter/spec').SpecReporter)(write);

// A Transform from events to text, called or made with `new` (as Node 20's). Called
// by compose() or pipeline() with the events as an async iterable (`compose(spec)`),
// it reads them itself.
function spec(source) {
  const { Transform } = require('stream');
  let transform;
  const rep = createSpec((text) => transform.push(text));
  transform = new Transform({
    writableObjectMode: true,
    transform(event, encoding, callback) {
      feed(rep, event, 'raw', (text) => this.push(text));
      callback();
    },
    flush(callback) {
      rep.end();
      callback();
    },
  });
  if (new.target === undefined && typeof source?.[Symbol.asyncIterator] === 'function' && typeof source.pipe !== 'function') {
    // The events of one turn of the event loop are written together (corked), so
    // their text is read as one chunk, as when Node's events reach its SpecReporter
    // through a pipe.
    let corked = false;
    (async () => {
      for await (const event of source) {
        if (!corked) {
          corked = true;
          transform.cork();
          setImmediate(() => {
            corked = false;
            transform.uncork();
          });
        }
        transform.write(event);
      }
      transform.end();
    })().catch((err) => transform.destroy(err));
  }
  return transform;
}

const tap = adapt('tapReporter', (write) => new (require('internal/test_runner/reporter/tap').TapReporter)(write), 'diagnostic');
const dot = adapt('dot', (write) => new (require('internal/test_runner/reporter/dot').DotReporter)(write), 'ignore');
const junit = adapt('junitReporter', (write) => new (require('internal/test_runner/reporter/junit').JunitReporter)(write), 'ignore');

// lcov reports coverage, which amber's node:test does not collect.
function lcov() {
  throw require('internal/test_runner/reporters').lcovNotImplemented();
}

module.exports = { tap, spec, dot, junit, lcov };
