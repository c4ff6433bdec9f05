'use strict';
// The TestsStream of node:test: a Readable of `{ type, data }` test events (also
// emitted as events of their type) that run() returns and custom reporters read,
// and StreamReporter, which turns the reporter calls the test tree makes
// (test.js, harness.js) into those events with the data Node 20 gives them.

const { Readable } = require('stream');
const { resultData } = require('internal/test_runner/reporter/utils');

class TestsStream extends Readable {
  constructor() {
    super({ objectMode: true, read() {} });
  }

  emitEvent(type, data) {
    this.emit(type, data);
    this.push({ type, data });
  }
}

function withLocation(data, loc) {
  if (loc !== undefined) {
    data.line = loc.line;
    data.column = loc.column;
    data.file = loc.file;
  }
  return data;
}

class StreamReporter {
  constructor(stream = new TestsStream()) {
    this.stream = stream;
  }

  enqueue(nesting, loc, name) {
    this.stream.emitEvent('test:enqueue', withLocation({ nesting, name }, loc));
  }

  dequeue(nesting, loc, name) {
    this.stream.emitEvent('test:dequeue', withLocation({ nesting, name }, loc));
  }

  start(nesting, loc, name) {
    this.stream.emitEvent('test:start', withLocation({ nesting, name }, loc));
  }

  // A test has ended (it is reported once every earlier sibling has been).
  complete(nesting, loc, testNumber, name, details, directive) {
    this.stream.emitEvent('test:complete', resultData(nesting, loc, testNumber, name, details, directive));
  }

  plan(nesting, loc, count) {
    this.stream.emitEvent('test:plan', withLocation({ nesting, count }, loc));
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.stream.emitEvent('test:pass', resultData(nesting, loc, testNumber, name, details, directive));
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.stream.emitEvent('test:fail', resultData(nesting, loc, testNumber, name, details, directive));
  }

  diagnostic(nesting, loc, message) {
    this.stream.emitEvent('test:diagnostic', withLocation({ nesting, message }, loc));
  }

  end() {
    this.stream.push(null);
  }
}

module.exports = { TestsStream, StreamReporter };
