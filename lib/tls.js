'use strict';
// node:tls is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('tls', []);
