'use strict';
// Small helpers of node:test shared by the runner and the command line: which file
// names are test files, and how a `--test-name-pattern` / `--test-skip-pattern`
// string becomes a RegExp.

const path = require('path');
const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');

const RegExpCtor = RegExp;
const RegExpExec = RegExp.prototype.exec;
const { apply: ReflectApply } = Reflect;

// Node 20's test file names: `test`, `test-*`, `*.test`, `*-test`, `*_test` (the name
// without its extension), ending in .js, .cjs or .mjs.
const kTestName = /^test$|(?:^test-.+|.+[.\-_]test)$/;
const kSupportedExtension = /\.[cm]?js$/;

function doesPathMatchFilter(p) {
  const base = path.basename(p, path.extname(p));
  return ReflectApply(RegExpExec, kTestName, [base]) !== null && isSupportedFileType(p);
}

function isSupportedFileType(p) {
  return ReflectApply(RegExpExec, kSupportedExtension, [p]) !== null;
}

// `/source/flags` is a regular expression literal; anything else matches itself as a
// RegExp source. `name` names the option in the error for a bad one.
const kLiteral = /^\/(.*)\/([a-z]*)$/;
function convertStringToRegExp(str, name) {
  const match = ReflectApply(RegExpExec, kLiteral, [str]);
  const source = match === null ? str : match[1];
  const flags = match === null ? '' : match[2];
  try {
    return new RegExpCtor(source, flags);
  } catch (err) {
    throw new ERR_INVALID_ARG_VALUE(name, str, `is an invalid regular expression. ${err.message}`);
  }
}

module.exports = { convertStringToRegExp, doesPathMatchFilter, isSupportedFileType };
