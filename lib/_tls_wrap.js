'use strict';
// node:_tls_wrap is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('_tls_wrap', []);
