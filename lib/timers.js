'use strict';
// node:timers — the same functions as the globals, plus timers/promises via `promises`.
const t = require('internal/timers');
module.exports = {
  setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, setInterval: t.setInterval,
  clearInterval: t.clearInterval, setImmediate: t.setImmediate, clearImmediate: t.clearImmediate,
};
Object.defineProperty(module.exports, 'promises', { enumerable: true, get: () => require('timers/promises') });
