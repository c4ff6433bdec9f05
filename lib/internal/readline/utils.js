'use strict';
// Node's internal/readline/utils under --expose-internals: the helpers node:readline
// uses (the CSI template, character lengths, the keypress decoder).

const { CSI, charLengthAt, charLengthLeft, commonPrefix, emitKeys } = require('readline')[Symbol.for('amber.readline.internals')];

module.exports = {
  CSI, charLengthAt, charLengthLeft, commonPrefix, emitKeys,
  kSubstringSearch: require('readline')[Symbol.for('amber.readline.internals')].kSubstringSearch,
};
