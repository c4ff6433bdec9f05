'use strict';
// node:dns is not implemented in amber: lookups throw ERR_NOT_IMPLEMENTED.
const names = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'reverse', 'setServers', 'getServers', 'setDefaultResultOrder', 'getDefaultResultOrder'];
module.exports = require('internal/not_implemented').stubModule('dns', names, {
  promises: require('internal/not_implemented').stubModule('dns.promises', names),
  ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256,
});
