'use strict';
// node:test/reporters (only with the `node:` scheme): the `tap` and `spec` reporters
// as async generator functions over a TestsStream's `{ type, data }` events, for
// `run().compose(tap)`. dot, junit and lcov are not implemented.

function adapt(createReporter, { stdoutAsDiagnostic }) {
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
          if (stdoutAsDiagnostic) {
            for (const line of data.message.split(/\r?\n/)) if (line.length > 0) rep.diagnostic(0, undefined, line);
          } else {
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

const tap = adapt((write) => new (require('internal/test_runner/reporter/tap').TapReporter)(write), { stdoutAsDiagnostic: true });
const spec = adapt((write) => new (require('internal/test_runner/reporter/spec').SpecReporter)(write), { stdoutAsDiagnostic: false });

function notImplemented(name) {
  return function () {
    throw new (require('internal/errors').codes.ERR_NOT_IMPLEMENTED)(`node:test/reporters ${name}`);
  };
}

module.exports = { tap, spec, dot: notImplemented('dot'), junit: notImplemented('junit'), lcov: notImplemented('lcov') };
