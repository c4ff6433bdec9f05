'use strict';
// Whether `--inspect`, `--inspect-brk` or `--inspect-wait` was given: checked at every
// start, so the server's module (internal/inspector/remote.js) loads only when asked for.

const { getOptionValue } = require('internal/options');

function inspectAsked() {
  return getOptionValue('--inspect') !== false || getOptionValue('--inspect-brk') !== false || getOptionValue('--inspect-wait') !== false;
}

module.exports = { inspectAsked };
