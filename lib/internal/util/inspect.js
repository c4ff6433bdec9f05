'use strict';
// Node's internal/util/inspect under --expose-internals: amber's inspect plus the
// display-width helper terminals use.

const inspect = require('internal/inspect');
const { stringWidth } = require('readline')[Symbol.for('amber.readline.internals')];

module.exports = {
  ...inspect,
  getStringWidth: (str, removeControlChars = true) => stringWidth(String(str), removeControlChars),
  stripVTControlCharacters: (str) => require('util').stripVTControlCharacters(str),
};
