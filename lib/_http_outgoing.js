'use strict';
// node:_http_outgoing is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('_http_outgoing', []);
