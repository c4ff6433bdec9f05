'use strict';
// X509Certificate: the certificate's DER bytes plus what x509Parse (crates/runtime/src/
// bindings/crypto/pki.rs, RustCrypto x509-cert) extracts, formatted here the way Node
// (OpenSSL's printers) formats them. Host, e-mail and IP checks follow OpenSSL's
// X509_check_host/email/ip as Node calls them; verify() checks the signature with
// the same native verify as crypto.verify.

const c = binding.crypto;
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED }, validateString, validateObject, validateBoolean } = require('internal/errors');
const keys = require('internal/crypto/keys');

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const jsTransferable = () => require('internal/worker/js_transferable');
const kData = Symbol('kX509Data');
const kIssuer = Symbol('kX509Issuer');
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// OpenSSL's ASN1_TIME_print: "Sep  3 21:40:37 2022 GMT".
function asn1Time(seconds) {
  const d = new Date(seconds * 1000);
  const p2 = (n) => String(n).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

function nameText(entries) {
  let out = '';
  for (const [k, v, sameRdn] of entries) {
    if (out !== '') out += sameRdn ? ' + ' : '\n';
    out += `${k}=${v}`;
  }
  return out;
}

function nameObject(entries) {
  const o = { __proto__: null };
  for (const [k, v] of entries) {
    if (o[k] === undefined) o[k] = v;
    else if (Array.isArray(o[k])) o[k].push(v);
    else o[k] = [o[k], v];
  }
  return o;
}

const hex = (u8) => toBuffer(u8).toString('hex').toUpperCase();
const colonHex = (buf) => buf.toString('hex').toUpperCase().match(/../g).join(':');

function serialHex(u8) {
  let i = 0;
  while (i < u8.length - 1 && u8[i] === 0) i++;
  const h = hex(u8.subarray(i));
  return h === '' ? '00' : h;
}

function pemToDer(text) {
  const m = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----\r?\n([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/.exec(text);
  if (m === null) return null;
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

function noStartLine() {
  const e = new Error('error:0480006C:PEM routines::no start line');
  e.library = 'PEM routines';
  e.reason = 'no start line';
  e.code = 'ERR_OSSL_PEM_NO_START_LINE';
  return e;
}

// Signature algorithm OIDs -> [digest, padding] for crypto's verify.
const sigAlgs = {
  '1.2.840.113549.1.1.5': ['sha1', 1], '1.2.840.113549.1.1.14': ['sha224', 1], '1.2.840.113549.1.1.11': ['sha256', 1],
  '1.2.840.113549.1.1.12': ['sha384', 1], '1.2.840.113549.1.1.13': ['sha512', 1],
  '1.2.840.10045.4.1': ['sha1', 1], '1.2.840.10045.4.3.1': ['sha224', 1], '1.2.840.10045.4.3.2': ['sha256', 1],
  '1.2.840.10045.4.3.3': ['sha384', 1], '1.2.840.10045.4.3.4': ['sha512', 1],
  '1.3.101.112': ['', 1],
};

// RFC 6125 host matching as OpenSSL does by default: case-insensitive, a wildcard only
// as the whole left-most label, matching exactly one label.
function hostMatches(pattern, host) {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (!p.startsWith('*.')) return false;
  const rest = p.slice(1);
  if (rest.split('.').length < 3) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot) === rest;
}

function ipBytes(ip) {
  const net = require('net');
  if (net.isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!net.isIPv6(ip)) return null;
  let [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const parse = (s) => (s === '' || s === undefined ? [] : s.split(':'));
  let h = parse(head);
  let t = parse(tail);
  const v4 = (arr) => {
    const last = arr[arr.length - 1];
    if (last !== undefined && last.includes('.')) {
      const b = last.split('.').map(Number);
      arr.splice(arr.length - 1, 1, ((b[0] << 8) | b[1]).toString(16), ((b[2] << 8) | b[3]).toString(16));
    }
    return arr;
  };
  h = v4(h);
  t = v4(t);
  const groups = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

// checkHost/checkEmail options: `subject`, and the wildcard flags of checkHost (all
// validated as Node does). amber matches a leading `*.` wildcard label; `wildcards: false`
// turns that off; the OpenSSL flags it does not apply throw ERR_NOT_IMPLEMENTED when set.
function checkOptions(options) {
  if (options === undefined) return 'default';
  validateObject(options, 'options');
  const { subject = 'default', wildcards = true, partialWildcards = true, multiLabelWildcards = false, singleLabelSubdomains = false } = options;
  validateString(subject, 'options.subject');
  validateBoolean(wildcards, 'options.wildcards');
  validateBoolean(partialWildcards, 'options.partialWildcards');
  validateBoolean(multiLabelWildcards, 'options.multiLabelWildcards');
  validateBoolean(singleLabelSubdomains, 'options.singleLabelSubdomains');
  if (!['default', 'always', 'never'].includes(subject)) throw new ERR_INVALID_ARG_VALUE('options.subject', subject);
  if (multiLabelWildcards) throw new ERR_NOT_IMPLEMENTED('X509Certificate.checkHost() with multiLabelWildcards');
  if (singleLabelSubdomains) throw new ERR_NOT_IMPLEMENTED('X509Certificate.checkHost() with singleLabelSubdomains');
  return subject;
}

// OpenSSL's X509_check_host/X509_check_email refuse a name with an embedded NUL as
// malformed; Node reports that as an invalid name.
function invalidName(name) {
  if (!name.includes('\0')) return;
  const e = new TypeError('Invalid name');
  e.code = 'ERR_INVALID_ARG_VALUE';
  throw e;
}

class X509Certificate {
  constructor(buffer) {
    if (typeof buffer !== 'string' && !ArrayBuffer.isView(buffer)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
    }
    let der = typeof buffer === 'string' ? Buffer.from(buffer) : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const text = der.toString('latin1');
    if (text.includes('-----BEGIN')) {
      der = pemToDer(text);
      if (der === null) throw noStartLine();
    }
    const parsed = c.x509Parse(der);
    if (parsed === undefined) {
      if (!(der[0] === 0x30)) throw noStartLine();
      const e = new Error('error:0680007B:asn1 encoding routines::header too long');
      e.code = 'ERR_OSSL_ASN1_HEADER_TOO_LONG';
      throw e;
    }
    this[kData] = { der: Buffer.from(der), ...parsed };
    jsTransferable().markTransferMode(this, true, false);
  }

  // Cloneable as Node's: the copy is the same certificate (its DER, parsed again in the
  // receiving realm); the issuer a TLS peer's chain linked is not carried.
  [jsTransferable().kClone]() {
    return { data: new Uint8Array(this[kData].der), deserializeInfo: 'internal/crypto/x509:X509Certificate' };
  }
  [jsTransferable().kDeserialize](der) {
    this[kData] = { der: Buffer.from(der.buffer, der.byteOffset, der.byteLength), ...c.x509Parse(der) };
    jsTransferable().markTransferMode(this, true, false);
  }

  get subject() { return nameText(this[kData].subject); }
  get issuer() { return nameText(this[kData].issuer); }
  get subjectAltName() {
    const san = this[kData].san;
    return san === undefined ? undefined : san.map(([k, v]) => `${k}:${v}`).join(', ');
  }
  get infoAccess() {
    const aia = this[kData].infoAccess;
    return aia === undefined ? undefined : aia.map(([m, v]) => `${m} - ${v}`).join('\n');
  }
  get validFrom() { return asn1Time(this[kData].notBefore); }
  get validTo() { return asn1Time(this[kData].notAfter); }
  get fingerprint() { return colonHex(require('crypto').createHash('sha1').update(this[kData].der).digest()); }
  get fingerprint256() { return colonHex(require('crypto').createHash('sha256').update(this[kData].der).digest()); }
  get fingerprint512() { return colonHex(require('crypto').createHash('sha512').update(this[kData].der).digest()); }
  get keyUsage() { return this[kData].extKeyUsage; }
  get serialNumber() { return serialHex(this[kData].serial); }
  get raw() { return Buffer.from(this[kData].der); }
  get ca() { return this[kData].ca; }
  get publicKey() {
    try {
      return keys.createPublicKey({ key: toBuffer(this[kData].spki), format: 'der', type: 'spki' });
    } catch (err) {
      // A key the certificate carries but that does not decode: OpenSSL's X509_get_pubkey error.
      if (typeof err?.code !== 'string' || !err.code.startsWith('ERR_OSSL')) throw err;
      throw keys.osslError('03000072', 'digital envelope routines', 'decode error');
    }
  }
  // Only certificates of a TLS peer have an issuer certificate (the next one of the
  // chain the peer sent; tls getPeerX509Certificate() links them).
  get issuerCertificate() { return this[kIssuer]; }

  checkHost(name, options) {
    validateString(name, 'name');
    const subject = checkOptions(options);
    invalidName(name);
    const wildcards = options?.wildcards ?? true;
    const matches = (pattern) => (wildcards ? hostMatches(pattern, name) : pattern.toLowerCase() === name.toLowerCase());
    const dns = (this[kData].san ?? []).filter(([k]) => k === 'DNS').map(([, v]) => v);
    for (const d of dns) if (matches(d)) return d;
    if (subject === 'always' || (subject === 'default' && dns.length === 0)) {
      for (const [k, v] of this[kData].subject) if (k === 'CN' && matches(v)) return v;
    }
    return undefined;
  }
  checkEmail(email, options) {
    validateString(email, 'email');
    const subject = checkOptions(options);
    invalidName(email);
    const emails = (this[kData].san ?? []).filter(([k]) => k === 'email').map(([, v]) => v);
    // OpenSSL compares the local part exactly and the domain without case.
    const split = (a) => {
      const at = a.lastIndexOf('@');
      return at < 0 ? [a, ''] : [a.slice(0, at), a.slice(at + 1).toLowerCase()];
    };
    const [local, domain] = split(email);
    const same = (a) => {
      const [l, d] = split(a);
      return l === local && d === domain;
    };
    for (const e of emails) if (same(e)) return e;
    if (subject === 'always' || (subject === 'default' && emails.length === 0)) {
      for (const [k, v] of this[kData].subject) if (k === 'emailAddress' && same(v)) return v;
    }
    return undefined;
  }
  checkIP(ip) {
    validateString(ip, 'ip');
    const want = ipBytes(ip);
    if (want === null) {
      const e = new TypeError('Invalid IP');
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    for (const [k, v] of this[kData].san ?? []) {
      if (k === 'IP Address' && ipBytes(v)?.equals(want)) return ip;
    }
    return undefined;
  }
  checkIssued(otherCert) {
    if (!(otherCert instanceof X509Certificate)) throw new ERR_INVALID_ARG_TYPE('otherCert', 'X509Certificate', otherCert);
    const a = this[kData];
    const b = otherCert[kData];
    if (!toBuffer(a.issuerDer).equals(toBuffer(b.subjectDer))) return false;
    if (a.akid !== undefined && b.skid !== undefined && !toBuffer(a.akid).equals(toBuffer(b.skid))) return false;
    if (b.keyCertSign === false) return false;
    return true;
  }
  checkPrivateKey(pkey) {
    if (!(pkey instanceof keys.KeyObject)) throw new ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    if (pkey.type !== 'private') throw new ERR_INVALID_ARG_VALUE('pkey', pkey);
    return toBuffer(keys.createPublicKey(pkey).export({ type: 'spki', format: 'der' })).equals(toBuffer(this[kData].spki));
  }
  verify(pkey) {
    if (!(pkey instanceof keys.KeyObject)) throw new ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    if (pkey.type !== 'public') throw new ERR_INVALID_ARG_VALUE('pkey', pkey);
    const d = this[kData];
    const alg = sigAlgs[d.sigAlg];
    if (alg === undefined) throw new ERR_NOT_IMPLEMENTED(`X509Certificate.verify() for signature algorithm ${d.sigAlg}`);
    const spki = pkey.export({ type: 'spki', format: 'der' });
    const ok = c.verify(alg[0], spki, d.tbs, d.signature, false, alg[1], -2);
    return ok === true;
  }
  toString() {
    const b64 = this[kData].der.toString('base64');
    return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
  }
  toJSON() { return this.toString(); }
  toLegacyObject() {
    const d = this[kData];
    const out = { subject: nameObject(d.subject), issuer: nameObject(d.issuer) };
    if (d.san !== undefined) out.subjectaltname = this.subjectAltName;
    if (d.infoAccess !== undefined) {
      const ia = { __proto__: null };
      for (const [m, v] of d.infoAccess) {
        const [kind, ...rest] = v.split(':');
        (ia[`${m} - ${kind}`] ??= []).push(rest.join(':'));
      }
      out.infoAccess = ia;
    }
    out.ca = d.ca;
    const pk = this.publicKey;
    const details = pk.asymmetricKeyDetails;
    if (pk.asymmetricKeyType === 'rsa') {
      const jwk = pk.export({ format: 'jwk' });
      out.modulus = Buffer.from(jwk.n, 'base64url').toString('hex').toUpperCase();
      out.bits = details.modulusLength;
      out.exponent = `0x${details.publicExponent.toString(16)}`;
      out.pubkey = pk.export({ type: 'spki', format: 'der' });
    } else if (pk.asymmetricKeyType === 'ec') {
      const nist = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
      out.bits = { prime256v1: 256, secp256k1: 256, secp224r1: 224, secp384r1: 384, secp521r1: 521 }[details.namedCurve];
      out.pubkey = toBuffer(c.keyExport('raw', toBuffer(d.spki), false));
      out.asn1Curve = details.namedCurve;
      if (nist[details.namedCurve]) out.nistCurve = nist[details.namedCurve];
    }
    out.valid_from = this.validFrom;
    out.valid_to = this.validTo;
    out.fingerprint = this.fingerprint;
    out.fingerprint256 = this.fingerprint256;
    out.fingerprint512 = this.fingerprint512;
    if (d.extKeyUsage !== undefined) out.ext_key_usage = d.extKeyUsage;
    out.serialNumber = this.serialNumber;
    out.raw = this.raw;
    return out;
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const fields = {
      subject: this.subject, subjectAltName: this.subjectAltName, issuer: this.issuer, infoAccess: this.infoAccess,
      validFrom: this.validFrom, validTo: this.validTo, fingerprint: this.fingerprint, fingerprint256: this.fingerprint256,
      fingerprint512: this.fingerprint512, keyUsage: this.keyUsage, serialNumber: this.serialNumber,
    };
    return `X509Certificate ${inspect(fields, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

// The peer chain of a TLS socket, each certificate linked to its issuer.
function linkIssuers(chain) {
  for (let i = 0; i + 1 < chain.length; i++) chain[i][kIssuer] = chain[i + 1];
  return chain[0];
}

// Node's internal brand check (internal/crypto/x509): a real certificate, not a look-alike.
const isX509Certificate = (value) => value != null && typeof value === 'object' && kData in value;

module.exports = { X509Certificate, linkIssuers, isX509Certificate };
