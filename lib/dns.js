'use strict';
// node:dns — lookup and lookupService through the system resolver (getaddrinfo and
// getnameinfo on a blocking thread, see crates/runtime/src/bindings/net/dns.rs), with
// Node's option handling, result order and error objects. getServers reads
// /etc/resolv.conf. The resolve* family needs a DNS client amber does not have yet:
// each of those functions throws ERR_NOT_IMPLEMENTED naming itself.

const { isIP } = require('internal/net/address');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_SOCKET_BAD_PORT, ERR_MISSING_ARGS },
  validateString, validateFunction, validateBoolean,
} = require('internal/errors');
const natives = binding.dns;

const ADDRCONFIG = 32;
const V4MAPPED = 8;
const ALL = 16;

let defaultOrder = 'verbatim';

function validateOrder(order, name) {
  if (order !== 'verbatim' && order !== 'ipv4first' && order !== 'ipv6first') {
    throw new ERR_INVALID_ARG_VALUE(name, order, "must be one of: 'verbatim', 'ipv4first', 'ipv6first'");
  }
}

function setDefaultResultOrder(order) {
  validateOrder(order, 'dnsOrder');
  defaultOrder = order;
}
function getDefaultResultOrder() { return defaultOrder; }

// Node's error for a failed lookup: `getaddrinfo ENOTFOUND host`.
function dnsError(errno, code, syscall, hostname) {
  const err = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (hostname) err.hostname = hostname;
  return err;
}

function familyOf(value, name) {
  if (value === 'IPv4') return 4;
  if (value === 'IPv6') return 6;
  if (value !== 0 && value !== 4 && value !== 6) {
    throw Object.assign(new ERR_INVALID_ARG_VALUE(name, value), {
      message: `The ${name.includes('.') ? 'property' : 'argument'} '${name}' must be one of: 0, 4, 6. Received ${require('internal/inspect').inspect(value)}`,
    });
  }
  return value;
}

// -> { family, hints, all, order } from lookup's second argument.
function lookupOptions(options) {
  let family = 0;
  let hints = 0;
  let all = false;
  let order = defaultOrder;
  if (typeof options === 'number') {
    family = familyOf(options, 'family');
  } else if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'Object'], options);
    if (options.hints != null) {
      if (typeof options.hints !== 'number') throw new ERR_INVALID_ARG_TYPE('options.hints', 'number', options.hints);
      hints = options.hints >>> 0;
      if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) throw new ERR_INVALID_ARG_VALUE('hints', hints);
    }
    if (options.family != null) family = familyOf(options.family, 'options.family');
    if (options.all != null) {
      validateBoolean(options.all, 'options.all');
      all = options.all;
    }
    if (options.verbatim != null) {
      validateBoolean(options.verbatim, 'options.verbatim');
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options.order != null) {
      validateOrder(options.order, 'options.order');
      order = options.order;
    }
  }
  return { family, hints, all, order };
}

function sortAddresses(list, order) {
  if (order === 'ipv4first') return list.filter((a) => a.family === 4).concat(list.filter((a) => a.family === 6));
  if (order === 'ipv6first') return list.filter((a) => a.family === 6).concat(list.filter((a) => a.family === 4));
  return list;
}

// Runs getaddrinfo; calls back with (err, [{ address, family }]).
function getaddrinfo(hostname, family, hints, cb) {
  internals.startOp((op) => natives.lookup(hostname, family, hints, op), (r) => {
    if (r[0] === 'error') {
      cb(dnsError(r[1], r[2], 'getaddrinfo', hostname));
      return;
    }
    const flat = r[1];
    const list = [];
    for (let i = 0; i < flat.length; i += 2) list.push({ address: flat[i], family: flat[i + 1] });
    cb(null, list);
  }, `dns lookup of ${hostname}`);
}

function lookup(hostname, options, callback) {
  if (hostname && typeof hostname !== 'string') throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { family, hints, all, order } = lookupOptions(options);
  if (!hostname) {
    process.nextTick(() => (all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
    return {};
  }
  const ipFamily = isIP(hostname);
  if (ipFamily) {
    process.nextTick(() => (all ? callback(null, [{ address: hostname, family: ipFamily }]) : callback(null, hostname, ipFamily)));
    return {};
  }
  getaddrinfo(hostname, family, hints, (err, list) => {
    if (err) {
      callback(err);
      return;
    }
    const sorted = sortAddresses(list, order);
    if (all) callback(null, sorted);
    else if (sorted.length === 0) callback(dnsError(-3008, 'ENOTFOUND', 'getaddrinfo', hostname));
    else callback(null, sorted[0].address, sorted[0].family);
  });
  return {};
}
Object.defineProperty(lookup, require('util').promisify.custom, {
  value: (hostname, options) => promises.lookup(hostname, options),
  enumerable: false,
});

function validateServiceArgs(address, port) {
  if (address === undefined || port === undefined) throw new ERR_MISSING_ARGS('address', 'port');
  validateString(address, 'address');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim() === '') ||
      +port !== (+port >>> 0) || +port > 0xFFFF) {
    throw new ERR_SOCKET_BAD_PORT('Port', port);
  }
  return +port;
}

function lookupService(address, port, callback) {
  port = validateServiceArgs(address, port);
  validateFunction(callback, 'callback');
  internals.startOp((op) => natives.lookupService(address, port, op), (r) => {
    if (r[0] === 'error') callback(dnsError(r[1], r[2], 'getnameinfo', address));
    else callback(null, r[1], r[2]);
  }, `dns lookupService of ${address}`);
  return {};
}
Object.defineProperty(lookupService, require('util').promisify.custom, {
  value: (address, port) => promises.lookupService(address, port),
  enumerable: false,
});

function getServers() {
  try {
    const text = require('fs').readFileSync('/etc/resolv.conf', 'utf8');
    return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w[0] === 'nameserver' && w[1]).map((w) => w[1]);
  } catch {
    return [];
  }
}

const resolveNames = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
function notImplemented(prefix, name) {
  return { [name]() { throw new ERR_NOT_IMPLEMENTED(`${prefix}.${name}()`); } }[name];
}

class Resolver {
  constructor(options) {
    if (options !== undefined && (options === null || typeof options !== 'object')) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  cancel() {}
  getServers() { return getServers(); }
  setServers() { throw new ERR_NOT_IMPLEMENTED('dns.Resolver.setServers()'); }
  setLocalAddress() { throw new ERR_NOT_IMPLEMENTED('dns.Resolver.setLocalAddress()'); }
}
for (const name of resolveNames) Resolver.prototype[name] = notImplemented('dns.Resolver', name);

const errorCodes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP', CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};

// ---- dns.promises ------------------------------------------------------------

class PromiseResolver extends Resolver {}
const promises = {
  lookup(hostname, options) {
    if (hostname && typeof hostname !== 'string') throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
    const { all } = lookupOptions(options);
    return new Promise((resolve, reject) => {
      lookup(hostname, options ?? {}, (err, address, family) => {
        if (err) reject(err);
        else resolve(all ? address : { address, family });
      });
    });
  },
  lookupService(address, port) {
    port = validateServiceArgs(address, port);
    return new Promise((resolve, reject) => {
      lookupService(address, port, (err, hostname, service) => (err ? reject(err) : resolve({ hostname, service })));
    });
  },
  Resolver: PromiseResolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers() { throw new ERR_NOT_IMPLEMENTED('dns.promises.setServers()'); },
  ...errorCodes,
  getServers,
};
for (const name of resolveNames) {
  promises[name] = notImplemented('dns.promises', name);
  PromiseResolver.prototype[name] = notImplemented('dns.promises.Resolver', name);
}

const dns = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers() { throw new ERR_NOT_IMPLEMENTED('dns.setServers()'); },
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  ...errorCodes,
  getServers,
};
for (const name of resolveNames) dns[name] = notImplemented('dns', name);
dns.promises = promises;

module.exports = dns;
