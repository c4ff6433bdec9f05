'use strict';
// node:trace_events is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('trace_events', []);
