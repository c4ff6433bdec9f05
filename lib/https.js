'use strict';
// node:https is not implemented in amber (see node:http).
const http = require('http');
class Agent extends http.Agent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}
module.exports = require('internal/not_implemented').stubModule('https', ['request', 'get', 'createServer'], {
  Agent, globalAgent: new Agent(), Server: http.Server,
});
