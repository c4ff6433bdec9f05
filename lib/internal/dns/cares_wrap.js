'use strict';
// Node's `cares_wrap` binding as far as amber has it: getaddrinfo and getnameinfo (the
// system resolver on tokio's blocking pool, crates/runtime/src/bindings/net/dns.rs) with
// Node's request objects. node:dns calls them through this object at call time, so
// `internalBinding('cares_wrap')` (Node's tests) sees the calls Node makes and can
// replace them. A request completes through `req.oncomplete(err, result...)`, `err` a
// libuv errno (0/null for success); the functions return an errno for a failure they
// find before starting (never here: the resolver reports all failures asynchronously).
// Queries to DNS servers (resolve*, Resolver) are node:dns's own and not here.

const natives = binding.dns;

const DNS_ORDER_VERBATIM = 0;
const DNS_ORDER_IPV4_FIRST = 1;
const DNS_ORDER_IPV6_FIRST = 2;

class GetAddrInfoReqWrap {
  constructor() {
    this.callback = null;
    this.family = 0;
    this.hostname = null;
    this.oncomplete = null;
  }
}

class GetNameInfoReqWrap {
  constructor() {
    this.callback = null;
    this.host = null;
    this.port = 0;
    this.oncomplete = null;
  }
}

// `getaddrinfo(req, hostname, family, hints, order)`: the addresses as strings, in the
// resolver's order or with one family first.
function getaddrinfo(req, hostname, family, hints, order) {
  internals.startOp((op) => natives.lookup(hostname, family, hints, op), (r) => {
    if (r[0] === 'error') {
      req.oncomplete(r[1]);
      return;
    }
    const flat = r[1];
    const v4 = [];
    const v6 = [];
    const all = [];
    for (let i = 0; i < flat.length; i += 2) {
      all.push(flat[i]);
      (flat[i + 1] === 6 ? v6 : v4).push(flat[i]);
    }
    let addresses = all;
    if (order === DNS_ORDER_IPV4_FIRST) addresses = v4.concat(v6);
    else if (order === DNS_ORDER_IPV6_FIRST) addresses = v6.concat(v4);
    req.oncomplete(null, addresses);
  }, `dns lookup of ${hostname}`);
  return 0;
}

// `getnameinfo(req, host, port)`: the host name and service of an address and port.
function getnameinfo(req, host, port) {
  internals.startOp((op) => natives.lookupService(host, port, op), (r) => {
    if (r[0] === 'error') req.oncomplete(r[1]);
    else req.oncomplete(null, r[1], r[2]);
  }, `dns lookupService of ${host}`);
  return 0;
}

// A resolver's channel (Node's ChannelWrap): node:dns's Resolver owns one and starts
// each query through the method named after it (queryA, queryAaaa, ..., getHostByAddr),
// which returns an errno for a query it refuses. The query itself (sent by node:dns to
// the resolver's servers) is prepared on the request as `req.send`. `getServers` is
// supplied by the resolver that owns the channel.
class ChannelWrap {}
for (const name of ['queryAny', 'queryA', 'queryAaaa', 'queryCaa', 'queryCname', 'queryMx', 'queryNs', 'queryTxt', 'querySrv',
  'queryPtr', 'queryNaptr', 'querySoa', 'getHostByAddr']) {
  ChannelWrap.prototype[name] = { [name](req, hostname) {
    req.send();
    return 0;
  } }[name];
}

class QueryReqWrap {
  constructor() {
    this.bindingName = null;
    this.callback = null;
    this.hostname = null;
    this.send = null;
  }
}

// An address's one text (IPv6 compressed as RFC 5952 and inet_ntop write it), or
// undefined for what is not an address.
function canonicalizeIP(ip) {
  return require('internal/tls/identity').canonicalIP(ip);
}

module.exports = {
  ChannelWrap,
  QueryReqWrap,
  canonicalizeIP,
  GetAddrInfoReqWrap,
  GetNameInfoReqWrap,
  getaddrinfo,
  getnameinfo,
  AI_ADDRCONFIG: 32,
  AI_ALL: 16,
  AI_V4MAPPED: 8,
  DNS_ORDER_VERBATIM,
  DNS_ORDER_IPV4_FIRST,
  DNS_ORDER_IPV6_FIRST,
};
