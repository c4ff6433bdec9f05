'use strict';
// node:constants — the legacy merged constants object.
module.exports = { ...require('os').constants.errno, ...require('os').constants.signals, ...require('fs').constants };
