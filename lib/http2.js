'use strict';
// node:http2: sessions and streams in internal/http2/core.js, the request/response
// compatibility API in internal/http2/compat.js, settings and headers in util.js.

const core = require('internal/http2/core');
const util = require('internal/http2/util');
const compat = require('internal/http2/compat');

module.exports = {
  connect: core.connect,
  constants: util.constants,
  createServer: core.createServer,
  createSecureServer: core.createSecureServer,
  getDefaultSettings: util.getDefaultSettings,
  getPackedSettings: util.getPackedSettings,
  getUnpackedSettings: util.getUnpackedSettings,
  performServerHandshake: core.performServerHandshake,
  sensitiveHeaders: util.sensitiveHeaders,
  Http2ServerRequest: compat.Http2ServerRequest,
  Http2ServerResponse: compat.Http2ServerResponse,
};
