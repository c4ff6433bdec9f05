'use strict';
// What node:test's spec and dot reporters share: their colours, their symbols, and
// the line of one result (symbol, name, duration, directive, error). As in Node 20
// the symbols and names are coloured when stderr is a terminal that shows colours
// (FORCE_COLOR decides on a terminal, NO_COLOR and the like through getColorDepth),
// and errors are inspected with colours when stdout would show them.

const { inspect } = require('internal/inspect');

const symbols = {
  __proto__: null,
  pass: '\u2714 ',
  fail: '\u2716 ',
  diagnostic: '\u2139 ',
  arrow: '\u25B6 ',
  minus: '\uFE63 ',
};

const kNoColors = { blue: '', green: '', white: '', red: '', gray: '', reset: '' };
const kColors = { blue: '\x1b[34m', green: '\x1b[32m', white: '\x1b[39m', red: '\x1b[31m', gray: '\x1b[90m', reset: '\x1b[0m' };

// Decided when a reporter is created (a test file may set FORCE_COLOR before it
// loads node:test).
function getColors() {
  return process.stderr?.isTTY && shouldColorize(process.stderr) ? kColors : kNoColors;
}

// Whether `stream` shows colours: FORCE_COLOR wins, else a terminal with colours.
function shouldColorize(stream) {
  const forced = require('internal/stdio').forcedColorDepth();
  if (forced !== undefined) return forced > 2;
  return !!stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

function inspectError(err, colors) {
  const options = { colors, breakLength: Infinity };
  try {
    return inspect(err, options);
  } catch {
    return inspect(err, { ...options, customInspect: false });
  }
}

function indent(nesting) {
  return '  '.repeat(nesting);
}

// The error under a result, each line indented past `pad`; a test failure shows
// what the test threw.
function formatError(error, pad, inspectColors) {
  if (!error) return '';
  const err = error.code === 'ERR_TEST_FAILURE' ? error.cause : error;
  const message = inspectError(err, inspectColors).split(/\r?\n/).join(`\n${pad}  `);
  return `\n${pad}  ${message}\n`;
}

// `data`: a test:pass/test:fail event's data. A test with subtests shows its own
// error only when it is not "subtests failed", after a blank line.
function formatTestReport(passed, data, colors, inspectColors, prefix = '', pad = '', hasChildren = false) {
  let color = passed ? colors.green : colors.red;
  let symbol = passed ? symbols.pass : symbols.fail;
  const { skip, todo } = data;
  const duration = data.details?.duration_ms ? ` ${colors.gray}(${data.details.duration_ms}ms)${colors.white}` : '';
  let title = `${data.name}${duration}`;
  if (skip !== undefined) title += ` # ${typeof skip === 'string' && skip.length ? skip : 'SKIP'}`;
  else if (todo !== undefined) title += ` # ${typeof todo === 'string' && todo.length ? todo : 'TODO'}`;
  const error = formatError(data.details?.error, pad, inspectColors);
  const err = hasChildren ? (!error || data.details?.error?.failureType === 'subtestsFailed' ? '' : `\n${error}`) : error;
  if (skip !== undefined) {
    color = colors.gray;
    symbol = symbols.minus;
  }
  return `${prefix}${pad}${color}${symbol}${title}${colors.white}${err}`;
}

// The data of a test:pass/test:fail event from a reporter call's arguments, in
// Node's key order.
function resultData(nesting, loc, testNumber, name, details, directive) {
  const data = { name, nesting, testNumber, details };
  if (loc !== undefined) {
    data.line = loc.line;
    data.column = loc.column;
    data.file = loc.file;
  }
  if (directive?.skip !== undefined) data.skip = directive.skip;
  if (directive?.todo !== undefined) data.todo = directive.todo;
  return data;
}

module.exports = { symbols, getColors, shouldColorize, formatTestReport, indent, resultData };
