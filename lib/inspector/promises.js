'use strict';
module.exports = require('internal/not_implemented').stubModule('inspector/promises', []);
