'use strict';
module.exports = require('internal/console').globalConsole;
