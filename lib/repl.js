'use strict';
// node:repl is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('repl', []);
