'use strict';
// node:dgram is not implemented in amber; see internal/not_implemented.
module.exports = require('internal/not_implemented').stubModule('dgram', []);
