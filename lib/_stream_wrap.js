'use strict';
// node:_stream_wrap (deprecated, DEP0125): JSStreamSocket, a net.Socket over any Duplex
// (lib/internal/js_stream_socket.js).
process.emitWarning('The _stream_wrap module is deprecated.', 'DeprecationWarning', 'DEP0125');
module.exports = require('internal/js_stream_socket');
