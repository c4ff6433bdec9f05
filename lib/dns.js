'use strict';
// node:dns is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('dns', []);
