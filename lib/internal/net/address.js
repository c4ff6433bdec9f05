'use strict';
// IP address helpers for node:net: isIP/isIPv4/isIPv6, SocketAddress and BlockList.
// Addresses are compared as 128-bit BigInts, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d),
// so an IPv4 rule also matches the mapped form of its addresses, as in Node.

const { inspect } = require('internal/inspect');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_SOCKET_BAD_PORT, ERR_INVALID_ADDRESS }, validateString, validateInteger } = require('internal/errors');

const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// Like Node, anything is tested as its string form (`{ toString() }` works).
const str = (s) => (typeof s === 'string' ? s : typeof s === 'symbol' ? '' : `${s}`);
function isIPv4(s) { return v4.test(str(s)); }
// An IPv6 address may end with a zone index: fe80::1%eth0.
const zoned = /^([^%]*)(%[0-9a-zA-Z.:-]+)?$/;
function isIPv6(s) {
  s = str(s);
  if (!s.includes(':')) return false;
  const m = zoned.exec(s);
  return m !== null && parseIPv6(m[1]) !== null;
}
function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

function parseIPv4(s) {
  if (!isIPv4(s)) return null;
  return s.split('.').reduce((acc, p) => (acc << 8n) | BigInt(+p), 0n);
}

// An IPv6 address as a BigInt, or null. Accepts '::' compression and a trailing IPv4.
function parseIPv6(s) {
  if (typeof s !== 'string' || s.length > 45) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const n = parseIPv4(s.slice(lastColon + 1));
    if (n === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h) => (h === '' ? [] : h.split(':'));
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  const groups = [...head, ...rest];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const total = groups.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return null;
  const words = [...head.map((g) => parseInt(g, 16)), ...new Array(8 - total).fill(0), ...rest.map((g) => parseInt(g, 16))];
  if (halves.length !== 2 && words.length !== 8) return null;
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

const MAPPED = 0xffffn << 32n;
// An address of the given family as a BigInt in the IPv6 space, or null.
function toBig(address, family) {
  if (family === 'ipv4') {
    const n = parseIPv4(address);
    return n === null ? null : MAPPED | n;
  }
  return parseIPv6(address.replace(/%.*$/, ''));
}

// Node names the family 'options.family' in these errors, even for BlockList methods.
function validateFamily(family, name = 'options.family') {
  validateString(family, name);
  const f = family.toLowerCase();
  if (f !== 'ipv4' && f !== 'ipv6') throw new ERR_INVALID_ARG_VALUE(name, family);
  return f;
}

const kAddr = Symbol('kSocketAddress');

class SocketAddress {
  static isSocketAddress(value) { return value?.[kAddr] !== undefined; }

  constructor(options = {}) {
    if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    const family = validateFamily(options.family ?? 'ipv4', 'options.family');
    const { address = family === 'ipv4' ? '127.0.0.1' : '::', port = 0, flowlabel = 0 } = options;
    validateString(address, 'options.address');
    if ((typeof port !== 'number' && typeof port !== 'string') || +port !== (+port >>> 0) || +port > 0xFFFF) {
      throw new ERR_SOCKET_BAD_PORT('options.port', port);
    }
    validateInteger(flowlabel, 'options.flowlabel', 0, 2 ** 32 - 1);
    if (toBig(address, family) === null) {
      throw new ERR_INVALID_ADDRESS();
    }
    this[kAddr] = { address, port, family, flowlabel };
  }

  get address() { return this[kAddr].address; }
  get port() { return this[kAddr].port; }
  get family() { return this[kAddr].family; }
  get flowlabel() { return this[kAddr].flowlabel; }
  toJSON() { return { ...this[kAddr] }; }
  [inspect.custom](depth, options) {
    return `SocketAddress ${inspect(this.toJSON(), options)}`;
  }
}

function addressArg(address, family, name = 'address') {
  if (SocketAddress.isSocketAddress(address)) return [address.address, address.family];
  validateString(address, name);
  return [address, validateFamily(family)];
}

class BlockList {
  static isBlockList(value) { return value instanceof BlockList; }

  constructor() {
    this._rules = [];
  }

  addAddress(address, family = 'ipv4') {
    const [a, f] = addressArg(address, family);
    const n = toBig(a, f);
    if (n === null) throw new ERR_INVALID_ARG_VALUE('address', address);
    this._rules.unshift({ text: `Address: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${a}`, from: n, to: n });
  }

  addRange(start, end, family = 'ipv4') {
    const [s, f] = addressArg(start, family, 'start');
    const [e] = addressArg(end, family, 'end');
    const from = toBig(s, f);
    const to = toBig(e, f);
    if (from === null) throw new ERR_INVALID_ARG_VALUE('start', start);
    if (to === null) throw new ERR_INVALID_ARG_VALUE('end', end);
    if (from > to) throw new ERR_INVALID_ARG_VALUE('start', start, 'must come before end');
    this._rules.unshift({ text: `Range: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${s}-${e}`, from, to });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const [a, f] = addressArg(network, family, 'network');
    const bits = f === 'ipv4' ? 32 : 128;
    validateInteger(prefix, 'prefix', 0, bits);
    const n = toBig(a, f);
    if (n === null) throw new ERR_INVALID_ARG_VALUE('network', network);
    const hostBits = BigInt(bits - prefix);
    const from = (n >> hostBits) << hostBits;
    const to = from | ((1n << hostBits) - 1n);
    this._rules.unshift({ text: `Subnet: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${a}/${prefix}`, from, to });
  }

  check(address, family = 'ipv4') {
    let a;
    let f;
    try {
      [a, f] = addressArg(address, family);
    } catch (e) {
      if (e.code === 'ERR_INVALID_ARG_VALUE' && typeof address === 'string') return false;
      throw e;
    }
    const n = toBig(a, f);
    if (n === null) return false;
    return this._rules.some((r) => n >= r.from && n <= r.to);
  }

  get rules() { return this._rules.map((r) => r.text); }

  [inspect.custom](depth, options) {
    return `BlockList ${inspect({ rules: this.rules }, options)}`;
  }
}

module.exports = { isIP, isIPv4, isIPv6, SocketAddress, BlockList };
