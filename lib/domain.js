'use strict';
// node:domain is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('domain', []);
