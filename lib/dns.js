'use strict';
// node:dns — lookup and lookupService through the system resolver (getaddrinfo and
// getnameinfo on a blocking thread, see crates/runtime/src/bindings/net/dns.rs), and
// resolve*/reverse/Resolver as DNS queries to the configured servers (/etc/resolv.conf
// unless setServers; crates/runtime/src/bindings/net/resolve.rs), with Node's option
// handling, result shapes, order and error objects.

const { isIP } = require('internal/net/address');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED, ERR_SOCKET_BAD_PORT, ERR_MISSING_ARGS, ERR_INVALID_IP_ADDRESS,
    ERR_DNS_SET_SERVERS_FAILED },
  validateString, validateFunction, validateBoolean, validateInt32, DNSException,
} = require('internal/errors');
const natives = binding.dns;
const cares = require('internal/dns/cares_wrap');
const perf = require('internal/perf/observe');

const ADDRCONFIG = 32;
const V4MAPPED = 8;
const ALL = 16;

// Until setDefaultResultOrder(), --dns-result-order's (read when asked, so a snapshot
// built without the flag honours it at restore), else 'verbatim'.
let defaultOrder = null;
function currentOrder() {
  return defaultOrder ?? (require('internal/options').getOptionValue('--dns-result-order') || 'verbatim');
}

function validateOrder(order, name) {
  if (order !== 'verbatim' && order !== 'ipv4first' && order !== 'ipv6first') {
    throw new ERR_INVALID_ARG_VALUE(name, order, "must be one of: 'verbatim', 'ipv4first', 'ipv6first'");
  }
}

function setDefaultResultOrder(order) {
  validateOrder(order, 'dnsOrder');
  defaultOrder = order;
}
function getDefaultResultOrder() { return currentOrder(); }

// (getaddrinfo/getnameinfo failures are DNSExceptions, from the libuv errno.)
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
  let order = currentOrder();
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

const orderCodes = { verbatim: cares.DNS_ORDER_VERBATIM, ipv4first: cares.DNS_ORDER_IPV4_FIRST, ipv6first: cares.DNS_ORDER_IPV6_FIRST };

// A lookup's completion (`this` the request): the first address, or all of them.
function onlookup(err, addresses) {
  if (err) {
    this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
    return;
  }
  if (addresses.length === 0) {
    this.callback(new DNSException(-3008, 'getaddrinfo', this.hostname));
    return;
  }
  this.callback(null, addresses[0], this.family || isIP(addresses[0]));
  perf.finish(this.perf, { addresses });
}

function onlookupall(err, addresses) {
  if (err) {
    this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
    return;
  }
  const family = this.family;
  this.callback(null, addresses.map((address) => ({ address, family: family || isIP(address) })));
  perf.finish(this.perf, { addresses });
}

// A falsy hostname is answered (with no address) only for compatibility: DEP0118, once.
let invalidHostnameWarned = false;
function warnInvalidHostname(hostname) {
  if (invalidHostnameWarned) return;
  invalidHostnameWarned = true;
  process.emitWarning(`The provided hostname "${hostname}" is not a valid hostname, and is supported in the dns module solely for compatibility.`,
    'DeprecationWarning', 'DEP0118');
}

// The 'dns' performance entries of lookups (internal/perf/observe.js), made on success;
// undefined while nobody observes 'dns'.
function lookupPerf(hostname, family, hints, order) {
  if (!perf.observing('dns')) return undefined;
  return perf.start('dns', 'lookup', { hostname, family, hints, verbatim: order === 'verbatim', order });
}
function lookupServicePerf(host, port) {
  return perf.observing('dns') ? perf.start('dns', 'lookupService', { host, port }) : undefined;
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
    warnInvalidHostname(hostname);
    process.nextTick(() => (all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
    return {};
  }
  const ipFamily = isIP(hostname);
  if (ipFamily) {
    process.nextTick(() => (all ? callback(null, [{ address: hostname, family: ipFamily }]) : callback(null, hostname, ipFamily)));
    return {};
  }
  const req = new cares.GetAddrInfoReqWrap();
  req.callback = callback;
  req.family = family;
  req.hostname = hostname;
  req.oncomplete = all ? onlookupall : onlookup;
  req.perf = lookupPerf(hostname, family, hints, order);
  const err = cares.getaddrinfo(req, hostname, family, hints, orderCodes[order]);
  if (err) {
    process.nextTick(callback, new DNSException(err, 'getaddrinfo', hostname));
    return {};
  }
  return req;
}
Object.defineProperty(lookup, require('util').promisify.custom, {
  value: (hostname, options) => promises.lookup(hostname, options),
  enumerable: false,
});

function validateServiceArgs(address, port) {
  validateString(address, 'address');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim() === '') ||
      +port !== (+port >>> 0) || +port > 0xFFFF) {
    throw new ERR_SOCKET_BAD_PORT('Port', port);
  }
  return +port;
}

function onlookupservice(err, hostname, service) {
  if (err) {
    this.callback(new DNSException(err, 'getnameinfo', this.host));
    return;
  }
  this.callback(null, hostname, service);
  perf.finish(this.perf, { hostname, service });
}

function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw new ERR_MISSING_ARGS('address', 'port', 'callback');
  port = validateServiceArgs(address, port);
  validateFunction(callback, 'callback');
  const req = new cares.GetNameInfoReqWrap();
  req.callback = callback;
  req.host = address;
  req.port = port;
  req.oncomplete = onlookupservice;
  req.perf = lookupServicePerf(address, port);
  const err = cares.getnameinfo(req, address, port);
  if (err) throw new DNSException(err, 'getnameinfo', address);
  return req;
}

Object.defineProperty(lookupService, require('util').promisify.custom, {
  value: (address, port) => promises.lookupService(address, port),
  enumerable: false,
});

// ---- DNS queries (resolve*, reverse, Resolver) -----------------------------------

// "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" -> [address, port], or null.
function parseServer(s) {
  let m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (m && isIP(m[1]) === 6) return [m[1], m[2] === undefined ? 53 : +m[2]];
  if (isIP(s)) return [s, 53];
  m = /^([^:]+):(\d+)$/.exec(s);
  if (m && isIP(m[1]) === 4) return [m[1], +m[2]];
  return null;
}

function formatServer([address, port]) {
  if (port === 53) return address;
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

// The name servers of /etc/resolv.conf, read when a resolver has none of its own.
function systemServers() {
  try {
    const text = require('fs').readFileSync('/etc/resolv.conf', 'utf8');
    return text.split('\n').map((l) => l.trim().split(/\s+/))
      .filter((w) => w[0] === 'nameserver' && w[1] && isIP(w[1].replace(/%.*$/, '')))
      .map((w) => [w[1].replace(/%.*$/, ''), 53]);
  } catch {
    return [];
  }
}

// The syscall c-ares names in errors: queryA, queryAaaa, queryMx, ...
const querySyscall = (type) => `query${type[0]}${type.slice(1).toLowerCase()}`;

// A native record ([type, ttl, ...fields]) in Node's shape.
function shapeRecord(r, ttl) {
  switch (r[0]) {
    case 'A': case 'AAAA': return ttl ? { address: r[2], ttl: r[1] } : r[2];
    case 'CNAME': case 'NS': case 'PTR': case 'TXT': return r[2];
    case 'MX': return { exchange: r[3], priority: r[2] };
    case 'SRV': return { name: r[5], port: r[4], priority: r[2], weight: r[3] };
    case 'SOA': return { nsname: r[2], hostmaster: r[3], serial: r[4], refresh: r[5], retry: r[6], expire: r[7], minttl: r[8] };
    case 'CAA': return { critical: r[2], [r[3]]: r[4] };
    case 'NAPTR': return { flags: r[4], service: r[5], regexp: r[6], replacement: r[7], order: r[2], preference: r[3] };
  }
  return undefined;
}

// resolveAny's records carry their type (and A/AAAA their ttl).
function shapeAny(r) {
  const type = r[0];
  const value = shapeRecord(r, true);
  if (type === 'CNAME' || type === 'NS' || type === 'PTR') return { value, type };
  if (type === 'TXT') return { entries: value, type };
  return { ...value, type };
}

const rrtypes = ['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'];
const methodNames = {
  A: 'resolve4', AAAA: 'resolve6', ANY: 'resolveAny', CAA: 'resolveCaa', CNAME: 'resolveCname', MX: 'resolveMx',
  NAPTR: 'resolveNaptr', NS: 'resolveNs', PTR: 'resolvePtr', SOA: 'resolveSoa', SRV: 'resolveSrv', TXT: 'resolveTxt',
};

// The eight groups of an IPv6 address, four hex digits each.
function expandIPv6(ip) {
  let s = ip.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    s = `${s.slice(0, -v4[1].length)}${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail !== undefined ? new Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((g) => g.padStart(4, '0'));
}

// The name a reverse lookup asks for: 4.3.2.1.in-addr.arpa or nibbles under ip6.arpa.
function reverseName(ip) {
  if (isIP(ip) === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return `${expandIPv6(ip).join('').split('').reverse().join('.')}.ip6.arpa`;
}

// Whether the query being started is a dns.promises one (set around the call).
let promiseCall = false;

// Servers, timeouts and queries in flight; Resolver and promises.Resolver add the query
// methods (so, as in Node, their own prototypes hold only those).
class ResolverBase {
  constructor(options = undefined) {
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    // As c-ares: -1 is its default (5 s), 0 the shortest timeout it has.
    const { timeout = -1, tries = 4 } = { ...options };
    validateInt32(timeout, 'options.timeout', -1);
    validateInt32(tries, 'options.tries', 1);
    this._timeout = timeout < 0 ? 5000 : Math.max(1, timeout);
    this._tries = tries;
    this._servers = null;
    this._pending = new Set();
    this._cache = new Map();
    // Node's ChannelWrap: each query starts through it; getServers() reads the servers
    // as [address, port] pairs.
    this._handle = new cares.ChannelWrap();
    this._handle.getServers = () => (this._servers ?? systemServers()).map(([a, p]) => [a, p]);
  }

  getServers() {
    return (this._handle.getServers() || []).map(formatServer);
  }

  setServers(servers) {
    if (!Array.isArray(servers)) throw new ERR_INVALID_ARG_TYPE('servers', 'Array', servers);
    const parsed = [];
    // forEach: holes in the array are skipped, as in Node.
    servers.forEach((s, i) => {
      validateString(s, `servers[${i}]`);
      const p = parseServer(s);
      if (p === null) throw new ERR_INVALID_IP_ADDRESS(s);
      if (!parsed.some((q) => q[0] === p[0] && q[1] === p[1])) parsed.push(p);
    });
    // c-ares refuses to change the servers of a channel with queries in flight.
    if (this._pending.size > 0 && this !== defaultResolver) {
      throw new ERR_DNS_SET_SERVERS_FAILED('There are pending queries.', servers);
    }
    this._servers = parsed;
    this._cache.clear();
  }

  // The source addresses of queries: one IPv4 and/or one IPv6 address, in any order.
  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
    const fail = (message) => {
      const err = new TypeError(message);
      err.code = 'ERR_INVALID_ARG_VALUE';
      return err;
    };
    let v4 = null;
    let v6 = null;
    for (const ip of ipv6 === undefined ? [ipv4] : [ipv4, ipv6]) {
      const family = isIP(ip);
      if (family === 0) throw fail('Invalid IP address.');
      if (family === 4 && v4 !== null) throw fail('Cannot specify two IPv4 addresses.');
      if (family === 6 && v6 !== null) throw fail('Cannot specify two IPv6 addresses.');
      if (family === 4) v4 = ip;
      else v6 = ip;
    }
    this._local = [v4, v6];
  }

  // Every query in flight fails with ECANCELLED (reported on the next tick, as Node
  // does); late answers are ignored.
  cancel() {
    for (const q of [...this._pending]) {
      q.done = true;
      this._pending.delete(q);
      natives.cancel(q.op);
      internals.forgetOp(q.op);
      process.nextTick(() => q.callback(dnsError(undefined, 'ECANCELLED', q.syscall, q.hostname)));
    }
  }

  // c-ares's query cache (on by default in the c-ares Node 20 bundles): an answer is
  // kept for the smallest TTL of its records, SOA records aside, at most an hour; an
  // answer with a zero TTL, or none, is not kept. Changing the servers empties it.
  _remember(key, records) {
    if (records.length === 0) return;
    let ttl = 3600;
    for (const r of records) if (r[0] !== 'SOA') ttl = Math.min(ttl, r[1]);
    if (ttl > 0) this._cache.set(key, { records, ttl, at: Date.now() });
  }

  // Runs one query; `shape(records)` builds the result for callback(err, result).
  // `shown` names the query in errors (a reverse lookup's address rather than its
  // in-addr.arpa name).
  _query(hostname, type, syscall, shape, callback, shown = hostname, ttl = false) {
    if (perf.observing('dns')) {
      // A 'dns' entry named as the query's binding ('queryA', 'getHostByAddr', ...).
      const started = perf.start('dns', syscall, { host: shown, ttl });
      const done = callback;
      callback = (err, result) => {
        done(err, result);
        if (!err) perf.finish(started, { result });
      };
    }
    const req = new cares.QueryReqWrap();
    req.bindingName = syscall;
    req.callback = callback;
    req.hostname = shown;
    req.send = () => this._send(hostname, type, syscall, shape, callback, shown);
    const err = this._handle[syscall](req, hostname);
    if (err) {
      // Refused before it was sent: thrown, or for dns.promises a rejection.
      const e = new DNSException(err, syscall, shown);
      if (promiseCall) callback(e);
      else throw e;
    }
    return req;
  }

  _send(hostname, type, syscall, shape, callback, shown) {
    // c-ares answers names under .onion (RFC 7686) with ENOTFOUND without asking.
    if (/(^|\.)onion\.?$/i.test(hostname)) {
      setImmediate(() => callback(dnsError(undefined, 'ENOTFOUND', syscall, shown)));
      return {};
    }
    const key = `${type} ${hostname.toLowerCase()}`;
    const cached = this._cache.get(key);
    if (cached !== undefined) {
      const age = Math.floor((Date.now() - cached.at) / 1000);
      if (age < cached.ttl) {
        // Served from the cache with the time spent there taken off each TTL, as c-ares does.
        const records = cached.records.map((r) => { const c = [...r]; c[1] = Math.max(0, c[1] - age); return c; });
        setImmediate(() => callback(null, shape(records)));
        return {};
      }
      this._cache.delete(key);
    }
    const servers = (this._servers ?? systemServers()).map(([a, p]) => (isIP(a) === 6 ? `[${a}]:${p}` : `${a}:${p}`));
    const query = {
      syscall,
      hostname: shown,
      callback,
      done: false,
      finish: (err, value) => {
        if (query.done) return;
        query.done = true;
        this._pending.delete(query);
        if (err) callback(err);
        else callback(null, value);
      },
    };
    this._pending.add(query);
    const [local4, local6] = this._local ?? [null, null];
    query.op = internals.startOp((op) => natives.query(hostname, type, servers, this._timeout, this._tries, op, local4, local6), (r) => {
      if (r[0] === 'error') {
        query.finish(dnsError(undefined, r[1], syscall, shown));
        return;
      }
      if (!query.done) this._remember(key, r[1]);
      query.finish(null, shape(r[1]));
    }, `dns ${syscall} ${hostname}`);
    return {};
  }

}

class Resolver extends ResolverBase {
  resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') {
      callback = rrtype;
      rrtype = 'A';
    } else if (rrtype === undefined) {
      rrtype = 'A';
    }
    validateString(rrtype, 'rrtype');
    if (!rrtypes.includes(rrtype)) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return this[methodNames[rrtype]](hostname, callback);
  }

  reverse(ip, callback) {
    validateString(ip, 'ip');
    validateFunction(callback, 'callback');
    if (!isIP(ip)) throw dnsError(undefined, 'EINVAL', 'getHostByAddr', ip);
    return this._query(reverseName(ip), 'PTR', 'getHostByAddr', (records) => records.map((r) => r[2]), callback, ip);
  }
}

for (const type of rrtypes) {
  const name = methodNames[type];
  Resolver.prototype[name] = {
    [name](hostname, options, callback) {
      validateString(hostname, 'name');
      if (typeof options === 'function') {
        callback = options;
        options = {};
      }
      validateFunction(callback, 'callback');
      const ttl = Boolean(options?.ttl);
      const shape = type === 'ANY' ? (records) => records.map(shapeAny)
        : type === 'SOA' ? (records) => shapeRecord(records[0], ttl)
          : (records) => records.map((r) => shapeRecord(r, ttl));
      return this._query(hostname, type, querySyscall(type), shape, callback, hostname, ttl);
    },
  }[name];
}

// The resolver behind the module functions, shared by dns and dns.promises as in Node.
const defaultResolver = new Resolver();
function getServers() { return defaultResolver.getServers(); }
function setServers(servers) { defaultResolver.setServers(servers); }

const errorCodes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP', CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};

// ---- dns.promises ------------------------------------------------------------

const queryMethods = ['resolve', ...Object.values(methodNames), 'reverse'];
// Arguments are checked synchronously (a bad name throws), the answer settles the
// promise. The callback always takes the same place: (name, option, callback).
const promisify = (fn, arity) => function (...args) {
  let settle;
  const promise = new Promise((resolve, reject) => { settle = (err, value) => (err ? reject(err) : resolve(value)); });
  const fixed = [args[0], args[1] ?? (fn === Resolver.prototype.resolve ? 'A' : {})].slice(0, arity);
  promiseCall = true;
  try {
    fn.call(this, ...fixed, settle);
  } finally {
    promiseCall = false;
  }
  return promise;
};

// The same resolver with promise-returning query methods.
class PromiseResolver extends ResolverBase {}
for (const name of queryMethods) PromiseResolver.prototype[name] = promisify(Resolver.prototype[name], name === 'reverse' ? 1 : 2);

// A promise lookup's completion (`this` the request, with its resolve and reject).
function onlookupPromise(err, addresses) {
  if (err) {
    this.reject(new DNSException(err, 'getaddrinfo', this.hostname));
    return;
  }
  const family = this.family;
  if (this.all) {
    this.resolve(addresses.map((address) => ({ address, family: family || isIP(address) })));
  } else if (addresses.length === 0) {
    this.reject(new DNSException(-3008, 'getaddrinfo', this.hostname));
    return;
  } else {
    this.resolve({ address: addresses[0], family: family || isIP(addresses[0]) });
  }
  perf.finish(this.perf, { addresses });
}

function onlookupservicePromise(err, hostname, service) {
  if (err) {
    this.reject(new DNSException(err, 'getnameinfo', this.host));
    return;
  }
  this.resolve({ hostname, service });
  perf.finish(this.perf, { hostname, service });
}

const promises = {
  lookup(hostname, options) {
    if (hostname && typeof hostname !== 'string') throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
    const { family, hints, all, order } = lookupOptions(options);
    if (!hostname) {
      warnInvalidHostname(hostname);
      return Promise.resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
    }
    const ipFamily = isIP(hostname);
    if (ipFamily) {
      const one = { address: hostname, family: ipFamily };
      return Promise.resolve(all ? [one] : one);
    }
    return new Promise((resolve, reject) => {
      const req = new cares.GetAddrInfoReqWrap();
      req.family = family;
      req.hostname = hostname;
      req.all = all;
      req.resolve = resolve;
      req.reject = reject;
      req.oncomplete = onlookupPromise;
      req.perf = lookupPerf(hostname, family, hints, order);
      const err = cares.getaddrinfo(req, hostname, family, hints, orderCodes[order]);
      if (err) reject(new DNSException(err, 'getaddrinfo', hostname));
    });
  },
  lookupService(address, port) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('address', 'port');
    port = validateServiceArgs(address, port);
    return new Promise((resolve, reject) => {
      const req = new cares.GetNameInfoReqWrap();
      req.host = address;
      req.port = port;
      req.resolve = resolve;
      req.reject = reject;
      req.oncomplete = onlookupservicePromise;
      req.perf = lookupServicePerf(address, port);
      const err = cares.getnameinfo(req, address, port);
      if (err) reject(new DNSException(err, 'getnameinfo', address));
    });
  },
  Resolver: PromiseResolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers,
  ...errorCodes,
  getServers,
};

const dns = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers,
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  ...errorCodes,
  getServers,
};
for (const name of queryMethods) {
  const method = Resolver.prototype[name];
  dns[name] = { [name](...args) { return method.apply(defaultResolver, args); } }[name];
  const promised = PromiseResolver.prototype[name];
  promises[name] = { [name](...args) { return promised.apply(defaultResolver, args); } }[name];
}
dns.promises = promises;

module.exports = dns;
