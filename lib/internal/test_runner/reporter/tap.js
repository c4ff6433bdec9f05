'use strict';
// The TAP reporter of node:test (Node 20's default when stdout is not a terminal):
// `TAP version 13`, `# Subtest:` lines, `ok`/`not ok` with `# SKIP`/`# TODO`, a
// YAML block per test (duration, type, location and the error of a failure) and the
// `1..N` plans and `#` diagnostics, indented four spaces per nesting level.

const { inspect } = require('internal/inspect');
const { unwrapErrors } = require('internal/test_runner/failure');

const inspectOptions = { colors: false, breakLength: Infinity };
const kLineBreak = /\r?\n/;
const kFrameStart = /^ {4}at /;

function indent(nesting) {
  return '    '.repeat(nesting);
}

// Control characters become escapes first, then every backslash (those of the
// escapes too) is doubled, then `#` is escaped: Node's order.
function tapEscape(input) {
  const controls = { '\b': '\\b', '\f': '\\f', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\v': '\\v' };
  return input
    .replace(/[\b\f\t\n\r\v]/g, (ch) => controls[ch])
    .replace(/\\/g, '\\\\')
    .replace(/#/g, '\\#');
}

function isAssertionLike(value) {
  return value !== null && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

function jsToYaml(pad, name, value, seen) {
  if (value === undefined) return '';
  if (value === null) return `${pad}  ${name}: ~\n`;
  if (typeof value !== 'object' || value instanceof Date) {
    const prefix = `${pad}  ${name}:`;
    if (typeof value === 'string') {
      const lines = value.split(kLineBreak);
      if (lines.length === 1) return `${prefix} ${inspect(lines[0], inspectOptions)}\n`;
      let str = `${prefix} |-\n`;
      for (const line of lines) str += `${pad}    ${line}\n`;
      return str;
    }
    return `${prefix} ${inspect(value, inspectOptions)}\n`;
  }
  seen.add(value);
  const isErrorObj = value instanceof Error;
  let result = '';
  let propsIndent = pad;
  if (name !== null) {
    result += `${pad}  ${name}:\n`;
    propsIndent += '  ';
  }
  for (const [key, v] of Object.entries(value)) {
    if (isErrorObj && (key === 'cause' || key === 'code')) continue;
    if (seen.has(v)) {
      result += `${propsIndent}  ${key}: <Circular>\n`;
      continue;
    }
    result += jsToYaml(propsIndent, key, v, seen);
  }
  // Only a value inside itself is <Circular>; the same object met again elsewhere
  // (expected and actual sharing parts) is written out again.
  const leave = () => seen.delete(value);
  if (isErrorObj) {
    const { cause, code, failureType, message, expected, actual, operator, stack, name: errorName } = value;
    let errMsg = message ?? '<unknown error>';
    let errName = errorName;
    let errStack = stack;
    let errCode = code;
    let errExpected = expected;
    let errActual = actual;
    let errOperator = operator;
    let errIsAssertion = isAssertionLike(value);
    if (code === 'ERR_TEST_FAILURE' && unwrapErrors.has(failureType)) {
      errStack = cause?.stack ?? errStack;
      errCode = cause?.code ?? errCode;
      errName = cause?.name ?? errName;
      errMsg = cause?.message ?? errMsg;
      if (isAssertionLike(cause)) {
        errExpected = cause.expected;
        errActual = cause.actual;
        errOperator = cause.operator ?? errOperator;
        errIsAssertion = true;
      }
    }
    result += jsToYaml(pad, 'error', errMsg, seen);
    if (errCode) result += jsToYaml(pad, 'code', errCode, seen);
    if (errName && errName !== 'Error') result += jsToYaml(pad, 'name', errName, seen);
    if (errIsAssertion) {
      result += jsToYaml(pad, 'expected', errExpected, seen);
      result += jsToYaml(pad, 'actual', errActual, seen);
      if (errOperator) result += jsToYaml(pad, 'operator', errOperator, seen);
    }
    if (typeof errStack === 'string') {
      const frames = [];
      for (const frame of errStack.split(kLineBreak)) {
        const processed = frame.replace(kFrameStart, '');
        if (processed.length > 0 && processed.length !== frame.length) frames.push(processed);
      }
      if (frames.length > 0) {
        const delimiter = `\n${pad}    `;
        result += `${pad}  stack: |-${delimiter}${frames.join(delimiter)}\n`;
      }
    }
  }
  leave();
  return result;
}

function directiveText(directive) {
  if (directive === undefined) return '';
  if (directive.skip !== undefined) {
    return ` # SKIP${typeof directive.skip === 'string' && directive.skip.length > 0 ? ` ${tapEscape(directive.skip)}` : ''}`;
  }
  return ` # TODO${typeof directive.todo === 'string' && directive.todo.length > 0 ? ` ${tapEscape(directive.todo)}` : ''}`;
}

function formatLocation(loc) {
  return loc === undefined ? undefined : `${loc.file}:${loc.line}:${loc.column}`;
}

class TapReporter {
  constructor(write) {
    this.write = write;
    this.started = false;
  }

  out(text) {
    if (!this.started) {
      this.started = true;
      this.write('TAP version 13\n');
    }
    this.write(text);
  }

  begin() {
    this.out('');
  }

  start(nesting, loc, name) {
    this.out(`${indent(nesting)}# Subtest: ${tapEscape(name)}\n`);
  }

  plan(nesting, loc, count) {
    this.out(`${indent(nesting)}1..${count}\n`);
  }

  result(status, nesting, loc, testNumber, name, details, directive, withLocation) {
    let line = `${indent(nesting)}${status} ${testNumber}`;
    if (name) line += ` ${tapEscape(`- ${name}`)}`;
    line += directiveText(directive);
    const pad = indent(nesting);
    let block = `${pad}  ---\n`;
    block += jsToYaml(pad, 'duration_ms', details.duration_ms, new Set());
    block += jsToYaml(pad, 'type', details.type, new Set());
    if (withLocation) block += jsToYaml(pad, 'location', formatLocation(loc), new Set());
    if (details.error !== undefined && details.error !== null) block += jsToYaml(pad, null, details.error, new Set());
    block += `${pad}  ...\n`;
    // Two writes, as Node's reporter yields them (run().compose(tap) sees two chunks).
    this.out(`${line}\n`);
    this.out(block);
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result('ok', nesting, loc, testNumber, name, details, directive, false);
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result('not ok', nesting, loc, testNumber, name, details, directive, true);
  }

  diagnostic(nesting, loc, message) {
    this.out(`${indent(nesting)}# ${tapEscape(message)}\n`);
  }

  end() {}
}

module.exports = { TapReporter, jsToYaml, tapEscape };
