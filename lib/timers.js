'use strict';
// node:timers — the same functions as the globals, plus timers/promises via `promises`.
const t = require('internal/timers');
module.exports = {
  setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, setInterval: t.setInterval,
  clearInterval: t.clearInterval, setImmediate: t.setImmediate, clearImmediate: t.clearImmediate,
  // Deprecated in Node, still there: timers on plain objects with an _onTimeout method.
  enroll: t.enroll, unenroll: t.unenroll, active: t.active, _unrefActive: t._unrefActive,
};
Object.defineProperty(module.exports, 'promises', { enumerable: true, get: () => require('timers/promises') });
