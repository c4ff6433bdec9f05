'use strict';
// node:cluster is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('cluster', []);
