'use strict';
// node:test/reporters (only with the `node:` scheme): the `tap`, `spec`, `dot` and
// `junit` reporters as async generator functions over a TestsStream's `{ type, data }`
// events, for `run().compose(tap)`. `lcov` needs coverage, which amber's node:test
// does not collect: calling it throws ERR_NOT_IMPLEMENTED.

// `output`: what a file's own stdout/stderr lines become: TAP diagnostics
// ('diagnostic'), the text itself ('raw') or nothing ('ignore').
function adapt(createReporter, output) {
  return async function* reporter(source) {
    let out = '';
    const rep = createReporter((text) => {
      out += text;
    });
    // TAP says its version before the first result, as soon as the run starts.
    rep.begin?.();
    if (out.length > 0) {
      yield out;
      out = '';
    }
    for await (const { type, data } of source) {
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
            out += data.message;
          }
          break;
        default: break;
      }
      if (out.length > 0) {
        yield out;
        out = '';
      }
    }
    rep.end();
    if (out.length > 0) yield out;
  };
}

const tap = adapt((write) => new (require('internal/test_runner/reporter/tap').TapReporter)(write), 'diagnostic');
const spec = adapt((write) => new (require('internal/test_runner/reporter/spec').SpecReporter)(write), 'raw');
const dot = adapt((write) => new (require('internal/test_runner/reporter/dot').DotReporter)(write), 'ignore');
const junit = adapt((write) => new (require('internal/test_runner/reporter/junit').JunitReporter)(write), 'ignore');

// lcov reports coverage, which amber's node:test does not collect.
function lcov() {
  throw require('internal/test_runner/reporters').lcovNotImplemented();
}

module.exports = { tap, spec, dot, junit, lcov };
