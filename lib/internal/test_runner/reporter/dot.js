'use strict';
// The dot reporter of node:test: a `.` per passing result and an `X` per failing one
// (suites and subtests too), a line break every `process.stdout.columns` results (at
// least 20, read again after each break), then the failed tests as the spec reporter
// shows them.

const { getColors, shouldColorize, formatTestReport, resultData } = require('internal/test_runner/reporter/utils');

function lineLength() {
  return Math.max(process.stdout.columns ?? 20, 20);
}

class DotReporter {
  constructor(write) {
    this.write = write;
    this.colors = getColors();
    this.inspectColors = shouldColorize(process.stdout);
    this.count = 0;
    this.columns = lineLength();
    this.failed = [];
  }

  result(passed, data) {
    const { green, red, reset } = this.colors;
    this.write(passed ? `${green}.${reset}` : `${red}X${reset}`);
    if (!passed) this.failed.push(data);
    if (++this.count === this.columns) {
      this.write('\n');
      this.columns = lineLength();
      this.count = 0;
    }
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result(true, resultData(nesting, loc, testNumber, name, details, directive));
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result(false, resultData(nesting, loc, testNumber, name, details, directive));
  }

  start() {}
  plan() {}
  diagnostic() {}

  end() {
    let out = '\n';
    if (this.failed.length > 0) {
      out += `\n${this.colors.red}Failed tests:${this.colors.white}\n\n`;
      for (const data of this.failed) out += formatTestReport(false, data, this.colors, this.inspectColors);
    }
    this.write(out);
  }
}

module.exports = { DotReporter };
