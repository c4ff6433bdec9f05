'use strict';
// Node's `internal/test/binding`, which its test suite loads under --expose-internals:
// `internalBinding(name)` (see internal/bindings), with Node's warning.

process.emitWarning('These APIs are for internal testing only. Do not use them.', 'internal/test/binding');

module.exports = { internalBinding: require('internal/bindings').internalBinding };
