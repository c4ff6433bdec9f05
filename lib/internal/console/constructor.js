'use strict';
// Node's internal/console/constructor: the Console class and the helpers it is made of
// (amber keeps them in internal/console).

const { Console, kBindStreamsLazy, kBindProperties, kWriteToConsole, formatTime } = require('internal/console');

module.exports = { Console, kBindStreamsLazy, kBindProperties, kWriteToConsole, formatTime };
