'use strict';
// node:_stream_wrap is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('_stream_wrap', []);
