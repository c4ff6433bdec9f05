'use strict';
// The spec reporter of node:test (Node 20's default on a terminal): one line per
// test with a mark and its duration, suites as headings, failures with their error,
// the `ℹ` summary and the list of failing tests at the end. Colors when `colors`.

const { inspect } = require('internal/inspect');
const { unwrapErrors } = require('internal/test_runner/failure');

const colors = { green: '\x1b[32m', red: '\x1b[31m', blue: '\x1b[34m', gray: '\x1b[90m', white: '\x1b[39m' };

function indent(nesting) {
  return '  '.repeat(nesting);
}

function formatError(error, pad) {
  let cause = error;
  if (error?.code === 'ERR_TEST_FAILURE' && unwrapErrors.has(error.failureType)) cause = error.cause;
  const text = inspect(cause, { colors: false, breakLength: Infinity });
  return text.split('\n').map((line) => `${pad}${line}`).join('\n');
}

class SpecReporter {
  constructor(write, useColors) {
    this.write = write;
    this.colors = useColors;
    this.stack = []; // started tests not yet reported: { nesting, name, printed }
    this.failures = [];
  }

  color(name) {
    return this.colors ? colors[name] : '';
  }

  start(nesting, loc, name) {
    this.stack.push({ nesting, name, printed: false });
  }

  plan() {}

  // A test with subtests: print its heading (once) before its first child's result.
  printHeadings() {
    for (let i = 0; i < this.stack.length - 1; i++) {
      const entry = this.stack[i];
      if (entry.printed) continue;
      entry.printed = true;
      this.write(`${indent(entry.nesting)}${this.color('white')}▶ ${entry.name}${this.color('white')}\n`);
    }
  }

  result(passed, nesting, name, details, directive) {
    this.printHeadings();
    const entry = this.stack.pop();
    const isSuite = details.type === 'suite';
    let mark;
    let color;
    if (directive?.skip !== undefined) {
      mark = '﹣';
      color = 'gray';
    } else if (directive?.todo !== undefined) {
      mark = passed ? '✔' : '✖';
      color = 'gray';
    } else if (isSuite) {
      mark = '▶';
      color = passed ? 'green' : 'red';
    } else {
      mark = passed ? '✔' : '✖';
      color = passed ? 'green' : 'red';
    }
    let suffix = '';
    if (directive?.skip !== undefined) suffix = typeof directive.skip === 'string' ? ` # ${directive.skip}` : ' # SKIP';
    else if (directive?.todo !== undefined) suffix = typeof directive.todo === 'string' ? ` # ${directive.todo}` : ' # TODO';
    const pad = indent(nesting);
    let line = `${pad}${this.color(color)}${mark} ${name} ${this.color('gray')}(${details.duration_ms}ms)${this.color('white')}${suffix}${this.color('white')}\n`;
    if (!passed && details.error) {
      line += `${formatError(details.error, `${pad}  `)}\n\n`;
      if (!isSuite) this.failures.push({ nesting, name, details, suffix, mark, color });
    }
    if (isSuite && entry?.printed) line += '\n';
    this.write(line);
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result(true, nesting, name, details, directive);
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result(false, nesting, name, details, directive);
  }

  diagnostic(nesting, loc, message) {
    this.write(`${indent(nesting)}${this.color('blue')}ℹ ${message}${this.color('white')}\n`);
  }

  end() {
    if (this.failures.length === 0) return;
    this.write(`\n${this.color('red')}✖ failing tests:${this.color('white')}\n\n`);
    for (const f of this.failures) {
      this.write(`${this.color(f.color)}${f.mark} ${f.name} ${this.color('gray')}(${f.details.duration_ms}ms)${this.color('white')}${f.suffix}\n`);
      this.write(`${formatError(f.details.error, '  ')}\n\n`);
    }
  }
}

module.exports = { SpecReporter };
