'use strict';
// The JUnit reporter of node:test: an XML document with a `<testcase>` per test
// without subtests (a `<failure>` with the inspected error, a `<skipped>` for skip
// and todo) and a `<testsuite>` per test with subtests (counts of its tests,
// failures and skips, and the host name), diagnostics as comments where they were
// reported. The header is written at the first report, the rest at the end.

const { inspect } = require('internal/inspect');

// Node 20's escaping: newlines dropped and quotes escaped in attributes, then `&`
// and `<` escaped everywhere (so a quote in an attribute reads `&amp;quot;`).
function escapeContent(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
function escapeAttribute(s) {
  return escapeContent(s.replace(/\n/g, '').replace(/"/g, '&quot;'));
}
function escapeComment(s) {
  return s.replace(/--/g, '&#45;&#45;');
}

function inspectError(err) {
  const options = { colors: false, breakLength: Infinity };
  try {
    return inspect(err, options);
  } catch {
    return inspect(err, { ...options, customInspect: false });
  }
}

// A node: `{ tag, attrs, nesting, children }`, a comment `{ nesting, comment }` or
// a string (a failure's text).
function toXml(node) {
  if (typeof node === 'string') return `${escapeContent(node)}\n`;
  const pad = '\t'.repeat(node.nesting + 1);
  if (node.comment !== undefined) return `${pad}<!-- ${escapeComment(`${node.comment}`)} -->\n`;
  const attrs = Object.entries(node.attrs).map(([k, v]) => `${k}="${escapeAttribute(String(v))}"`).join(' ');
  if (node.children === undefined || node.children.length === 0) return `${pad}<${node.tag} ${attrs}/>\n`;
  return `${pad}<${node.tag} ${attrs}>\n${node.children.map(toXml).join('')}${pad}</${node.tag}>\n`;
}

function hasChildTag(node, tag, countAttr) {
  if (node.children !== undefined && node.children.some((c) => c.tag === tag)) return true;
  return Boolean(node.attrs?.[countAttr]);
}

class JunitReporter {
  constructor(write) {
    this.write = write;
    this.begun = false;
    this.current = null; // the innermost started test without a result
    this.roots = [];
  }

  begin() {
    if (this.begun) return;
    this.begun = true;
    this.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n');
  }

  open(name, nesting) {
    const parent = this.current;
    this.current = { attrs: { name }, nesting, parent, children: [] };
    if (parent !== null) parent.children.push(this.current);
    else this.roots.push(this.current);
  }

  start(nesting, loc, name) {
    this.begin();
    this.open(name, nesting);
  }

  plan() {
    this.begin();
  }

  result(passed, nesting, name, details, directive) {
    this.begin();
    if (this.current === null) this.open('root', 0);
    if (this.current.attrs.name !== name || this.current.nesting !== nesting) this.open(name, nesting);
    const node = this.current;
    if (node.nesting === nesting) this.current = node.parent;
    node.attrs.time = (details.duration_ms / 1000).toFixed(6);
    const tests = node.children.filter((c) => c.comment === undefined);
    if (tests.length > 0) {
      node.tag = 'testsuite';
      Object.assign(node.attrs, {
        disabled: 0,
        errors: 0,
        tests: tests.length,
        failures: node.children.filter((c) => hasChildTag(c, 'failure', 'failures')).length,
        skipped: node.children.filter((c) => hasChildTag(c, 'skipped', 'skipped')).length,
        hostname: require('os').hostname(),
      });
      return;
    }
    node.tag = 'testcase';
    node.attrs.classname = 'test';
    const skip = directive?.skip;
    const todo = directive?.todo;
    if (skip) node.children.push({ nesting: nesting + 1, tag: 'skipped', attrs: { type: 'skipped', message: skip } });
    if (todo) node.children.push({ nesting: nesting + 1, tag: 'skipped', attrs: { type: 'todo', message: todo } });
    if (!passed) {
      const error = details.error;
      node.children.push({
        nesting: nesting + 1,
        tag: 'failure',
        attrs: { type: error?.failureType || error?.code, message: error?.message.trim() ?? '' },
        children: [inspectError(error)],
      });
      node.attrs.failure = error?.message ?? '';
    }
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this.result(true, nesting, name, details, directive);
  }

  fail(nesting, loc, testNumber, name, details, directive) {
    this.result(false, nesting, name, details, directive);
  }

  diagnostic(nesting, loc, message) {
    this.begin();
    (this.current?.children ?? this.roots).push({ nesting, comment: message });
  }

  end() {
    this.begin();
    this.write(`${this.roots.map(toXml).join('')}</testsuites>\n`);
  }
}

module.exports = { JunitReporter };
