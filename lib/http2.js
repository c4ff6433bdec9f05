'use strict';
// node:http2 is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('http2', []);
