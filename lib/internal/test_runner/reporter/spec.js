'use strict';
// The spec reporter of node:test (Node 20's default on a terminal): a heading
// `▶ name` for a test with subtests when its first result arrives, one line per
// result (`✔`/`✖`/`﹣`, duration, `# SKIP`/`# TODO` or their message), the error of
// a failure inspected, `ℹ` diagnostics and summary, and the failing tests again at
// the end with their location. Colours as reporter/utils.js says.

const { symbols, getColors, shouldColorize, formatTestReport, indent, resultData } = require('internal/test_runner/reporter/utils');

class SpecReporter {
  constructor(write) {
    this.write = write;
    this.colors = getColors();
    this.inspectColors = shouldColorize(process.stdout);
    this.stack = []; // started tests whose result has not come: { nesting, name }
    this.reported = []; // headings printed, innermost first
    this.failures = [];
  }

  start(nesting, loc, name) {
    this.stack.push({ nesting, name });
  }

  plan() {}

  result(passed, nesting, loc, testNumber, name, details, directive) {
    const data = resultData(nesting, loc, testNumber, name, details, directive);
    this.stack.pop();
    let prefix = '';
    for (const parent of this.stack) {
      this.reported.unshift(parent);
      prefix += `${indent(parent.nesting)}${symbols.arrow}${parent.name}\n`;
    }
    this.stack = [];
    let hasChildren = false;
    if (this.reported[0] && this.reported[0].nesting === nesting && this.reported[0].name === name) {
      this.reported.shift();
      hasChildren = true;
    }
    if (!passed && details.error?.failureType !== 'subtestsFailed') this.failures.push(data);
    this.write(`${formatTestReport(passed, data, this.colors, this.inspectColors, prefix, indent(nesting), hasChildren)}\n`);
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result(true, nesting, loc, testNumber, name, details, directive);
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result(false, nesting, loc, testNumber, name, details, directive);
  }

  diagnostic(nesting, loc, message) {
    this.write(`${indent(nesting)}${this.colors.blue}${symbols.diagnostic}${message}${this.colors.white}\n`);
  }

  end() {
    if (this.failures.length === 0) return;
    const results = [`\n${this.colors.red}${symbols.fail}failing tests:${this.colors.white}\n`];
    for (const data of this.failures) {
      if (data.file !== undefined) {
        const file = require('path').relative(process.cwd(), data.file);
        results.push(`test at ${file}:${data.line}:${data.column}`);
      }
      results.push(formatTestReport(false, data, this.colors, this.inspectColors));
    }
    this.write(results.join('\n'));
  }
}

module.exports = { SpecReporter };
