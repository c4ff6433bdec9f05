'use strict';
// tls.checkServerIdentity: does a certificate name this host? RFC 6125 as Node applies
// it: IP addresses only against `IP Address:` alternative names; DNS names against
// `DNS:` names, or the subject CN when the certificate has no DNS/IP names; a `*`
// only in the leftmost label, at most one, never as `*.tld`, never in an IDNA label.
// Failures are ERR_TLS_CERT_ALTNAME_INVALID with Node's reasons.

const { isIP } = require('internal/net/address');
const { codes: { ERR_TLS_CERT_ALTNAME_INVALID, ERR_TLS_CERT_ALTNAME_FORMAT } } = require('internal/errors');

const dropFinalDot = (h) => h.replace(/\.$/, '');
const labels = (h) => dropFinalDot(h).toLowerCase().split('.');

// One canonical text per address: IPv4 as given, IPv6 compressed (RFC 5952);
// undefined for what is not an address (Node lists those as empty).
function canonicalIP(ip) {
  const version = isIP(ip);
  if (version === 0) return undefined;
  if (version === 4) return ip;
  let [head, tail] = ip.toLowerCase().split('::');
  const parse = (s) => (s ? s.split(':') : []);
  let groups = parse(head);
  let rest = tail === undefined ? [] : parse(tail);
  const v4 = (list) => {
    const last = list[list.length - 1];
    if (last && last.includes('.')) {
      const b = last.split('.').map(Number);
      list.splice(-1, 1, ((b[0] << 8) | b[1]).toString(16), ((b[2] << 8) | b[3]).toString(16));
    }
  };
  v4(groups);
  v4(rest);
  if (tail !== undefined) groups = [...groups, ...new Array(8 - groups.length - rest.length).fill('0'), ...rest];
  groups = groups.map((g) => parseInt(g, 16).toString(16));
  // The longest run of two or more zero groups becomes '::'.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best === -1) return groups.join(':');
  // An IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) address ends in its
  // IPv4 form, as inet_ntop writes it.
  if (best === 0 && (bestLen === 6 || (bestLen === 5 && groups[5] === 'ffff'))) {
    const hi = parseInt(groups[6], 16);
    const lo = parseInt(groups[7], 16);
    return `::${bestLen === 5 ? 'ffff:' : ''}${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

// `DNS:a, DNS:"b, c"` -> entries, honouring JSON-quoted values (Node's escaped form).
function splitAltNames(text) {
  if (!text.includes('"')) return text.split(', ');
  const out = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith(', ', i)) {
      out.push(cur);
      cur = '';
      i++;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new ERR_TLS_CERT_ALTNAME_FORMAT();
      cur += JSON.parse(text.slice(i, j + 1));
      i = j;
    } else {
      cur += text[i];
    }
  }
  out.push(cur);
  return out;
}

function nameMatches(hostLabels, pattern) {
  if (!pattern) return false;
  const p = labels(pattern);
  if (p.length !== hostLabels.length || p.includes('')) return false;
  if (p.some((l) => /[^\u0021-\u007F]/u.test(l))) return false;
  for (let i = p.length - 1; i > 0; i--) if (p[i] !== hostLabels[i]) return false;
  const [first] = p;
  const pieces = first.split('*');
  if (pieces.length === 1 || first.includes('xn--')) return first === hostLabels[0];
  if (pieces.length > 2 || p.length <= 2) return false;
  const [pre, post] = pieces;
  const h = hostLabels[0];
  return pre.length + post.length <= h.length && h.startsWith(pre) && h.endsWith(post);
}

function checkServerIdentity(hostname, cert) {
  const subject = cert?.subject;
  const altNames = cert?.subjectaltname;
  const dns = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dns.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalIP(name.slice(11)));
    }
  }
  let ok = false;
  let reason = 'Unknown reason';
  hostname = dropFinalDot(hostname);
  if (isIP(hostname)) {
    ok = ips.includes(canonicalIP(hostname));
    if (!ok) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dns.length > 0 || subject?.CN) {
    const host = labels(hostname);
    if (dns.length > 0) {
      ok = dns.some((d) => nameMatches(host, d));
      if (!ok) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      ok = Array.isArray(cn) ? cn.some((c) => nameMatches(host, c)) : nameMatches(host, cn);
      if (!ok) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (ok) return undefined;
  const err = new ERR_TLS_CERT_ALTNAME_INVALID(reason);
  err.reason = reason;
  err.host = hostname;
  err.cert = cert;
  return err;
}

module.exports = { checkServerIdentity, canonicalIP };
