'use strict';
// Helpers node:net shares with other modules, under Node's internal name: the address
// predicates, and the mark of an argument list that net._normalizeArgs has produced
// (connect() takes such a list as its only argument).

const { isIP, isIPv4, isIPv6 } = require('internal/net/address');

const normalizedArgsSymbol = Symbol('normalizedArgs');

module.exports = { isIP, isIPv4, isIPv6, normalizedArgsSymbol };
