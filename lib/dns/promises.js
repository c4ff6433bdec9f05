'use strict';
// node:dns/promises — the promise API of node:dns.
module.exports = require('dns').promises;
