'use strict';
// The spec reporter of node:test (Node 20's default on a terminal): a heading
// `▶ name` for a test with subtests when its first result arrives, one line per
// result (`✔`/`✖`/`﹣`, duration, `# SKIP`/`# TODO` or their message), the error of
// a failure inspected with colors, `ℹ` diagnostics and summary, and the failing
// tests again at the end with their location.

const { inspect } = require('internal/inspect');

const colors = { green: '\x1b[32m', red: '\x1b[31m', blue: '\x1b[34m', gray: '\x1b[90m', white: '\x1b[39m' };
const symbols = { pass: '\u2714 ', fail: '\u2716 ', diagnostic: '\u2139 ', arrow: '\u25B6 ', minus: '\uFE63 ' };
const inspectOptions = { colors: true, breakLength: Infinity };

function indent(nesting) {
  return '  '.repeat(nesting);
}

function inspectError(err) {
  try {
    return inspect(err, inspectOptions);
  } catch {
    return inspect(err, { ...inspectOptions, customInspect: false });
  }
}

function formatError(error, pad) {
  if (!error) return '';
  const err = error.code === 'ERR_TEST_FAILURE' ? error.cause : error;
  const message = inspectError(err).split(/\r?\n/).join(`\n${pad}  `);
  return `\n${pad}  ${message}\n`;
}

class SpecReporter {
  constructor(write) {
    this.write = write;
    this.stack = []; // started tests whose result has not come: { nesting, name }
    this.reported = []; // headings printed, innermost first
    this.failures = [];
  }

  start(nesting, loc, name) {
    this.stack.push({ nesting, name });
  }

  plan() {}

  formatReport(passed, data, prefix = '', pad = '', hasChildren = false) {
    let color = passed ? colors.green : colors.red;
    let symbol = passed ? symbols.pass : symbols.fail;
    const { skip, todo } = data.directive ?? {};
    const duration = data.details.duration_ms ? ` ${colors.gray}(${data.details.duration_ms}ms)${colors.white}` : '';
    let title = `${data.name}${duration}`;
    if (skip !== undefined) title += ` # ${typeof skip === 'string' && skip.length ? skip : 'SKIP'}`;
    else if (todo !== undefined) title += ` # ${typeof todo === 'string' && todo.length ? todo : 'TODO'}`;
    const error = formatError(data.details.error, pad);
    const err = hasChildren ? (!error || data.details.error?.failureType === 'subtestsFailed' ? '' : `\n${error}`) : error;
    if (skip !== undefined) {
      color = colors.gray;
      symbol = symbols.minus;
    }
    return `${prefix}${pad}${color}${symbol}${title}${colors.white}${err}`;
  }

  result(passed, nesting, loc, name, details, directive) {
    const data = { nesting, loc, name, details, directive };
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
    this.write(`${this.formatReport(passed, data, prefix, indent(nesting), hasChildren)}\n`);
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result(true, nesting, loc, name, details, directive);
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result(false, nesting, loc, name, details, directive);
  }

  diagnostic(nesting, loc, message) {
    this.write(`${indent(nesting)}${colors.blue}${symbols.diagnostic}${message}${colors.white}\n`);
  }

  end() {
    if (this.failures.length === 0) return;
    const results = [`\n${colors.red}${symbols.fail}failing tests:${colors.white}\n`];
    for (const data of this.failures) {
      if (data.loc !== undefined) {
        const file = require('path').relative(process.cwd(), data.loc.file);
        results.push(`test at ${file}:${data.loc.line}:${data.loc.column}`);
      }
      results.push(this.formatReport(false, data));
    }
    this.write(results.join('\n'));
  }
}

module.exports = { SpecReporter };
