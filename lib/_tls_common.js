'use strict';
// node:_tls_common — SecureContext and the certificate object of getPeerCertificate().
// A SecureContext is plain data: the PEM (or DER) bytes of its ca/cert/key and its
// protocol range, checked once by the native side when created. Each TLS session
// builds its rustls configuration from it (crates/runtime/src/bindings/tls.rs), so a
// context made while a snapshot is built is carried like any other object.

const natives = binding.tls;
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_TLS_INVALID_PROTOCOL_VERSION, ERR_TLS_PROTOCOL_VERSION_CONFLICT, ERR_TLS_INVALID_PROTOCOL_METHOD, ERR_NOT_IMPLEMENTED,
    ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');

const { defaultCoreCipherList } = require('internal/tls/ciphers');

const kProtocols = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

// Node's secureProtocol names, as the range they stand for.
const secureProtocols = {
  __proto__: null,
  // Any version there is (not only from the default minimum up).
  TLS_method: ['TLSv1', 'TLSv1.3'], TLS_client_method: ['TLSv1', 'TLSv1.3'], TLS_server_method: ['TLSv1', 'TLSv1.3'],
  // OpenSSL's "every version below TLS 1.3", from the default minimum.
  SSLv23_method: [null, 'TLSv1.2'], SSLv23_client_method: [null, 'TLSv1.2'], SSLv23_server_method: [null, 'TLSv1.2'],
  TLSv1_2_method: ['TLSv1.2', 'TLSv1.2'], TLSv1_2_client_method: ['TLSv1.2', 'TLSv1.2'], TLSv1_2_server_method: ['TLSv1.2', 'TLSv1.2'],
  TLSv1_1_method: ['TLSv1.1', 'TLSv1.1'], TLSv1_1_client_method: ['TLSv1.1', 'TLSv1.1'], TLSv1_1_server_method: ['TLSv1.1', 'TLSv1.1'],
  TLSv1_method: ['TLSv1', 'TLSv1'], TLSv1_client_method: ['TLSv1', 'TLSv1'], TLSv1_server_method: ['TLSv1', 'TLSv1'],
};

// A key, certificate or CA option as Node checks it: a string or bytes (Node names the
// option itself, not the array index, in the error).
function keyOrCertBytes(v, name) {
  if (typeof v === 'string') return Buffer.from(v);
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'Buffer', 'TypedArray', 'DataView'], v);
}

function toBytesList(value, name) {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => plainCertificates(keyOrCertBytes(v, name)));
}

// OpenSSL also reads certificates labelled `X509 CERTIFICATE` (an old name) and
// `TRUSTED CERTIFICATE` (the certificate followed by OpenSSL's trust settings, which
// are not used here): both become plain `CERTIFICATE` sections for rustls.
const kOtherCertLabels = /-----BEGIN (TRUSTED|X509) CERTIFICATE-----([^-]*)-----END \1 CERTIFICATE-----/g;
function plainCertificates(bytes) {
  const text = bytes.toString('latin1');
  if (!text.includes('TRUSTED CERTIFICATE-----') && !text.includes('X509 CERTIFICATE-----')) return bytes;
  return Buffer.from(text.replace(kOtherCertLabels, (all, kind, body) => {
    let der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    // The certificate is the first DER element.
    if (der[0] === 0x30 && der.length > 2) {
      const n = der[1] & 0x80 ? der[1] & 0x7f : 0;
      let len = n ? 0 : der[1];
      for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
      der = der.subarray(0, Math.min(der.length, 2 + n + len));
    }
    return derToPem(der).trimEnd();
  }), 'latin1');
}

function badDecrypt() {
  const e = new Error('error:1C800064:Provider routines::bad decrypt');
  e.library = 'Provider routines';
  e.reason = 'bad decrypt';
  e.code = 'ERR_OSSL_BAD_DECRYPT';
  return e;
}

// An encrypted PEM key (PKCS#8 or OpenSSL's legacy Proc-Type form) is decrypted with
// crypto's own reader and kept as plain PKCS#8: rustls reads no encrypted keys. With no
// passphrase OpenSSL's TLS loader tries an empty one, which fails as a bad decrypt.
function decryptKey(bytes, passphrase) {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') && !/Proc-Type:\s*4,ENCRYPTED/.test(text)) return bytes;
  let key;
  try {
    key = require('crypto').createPrivateKey({ key: bytes, format: 'pem', passphrase: passphrase ?? '' });
  } catch {
    throw badDecrypt();
  }
  return Buffer.from(key.export({ type: 'pkcs8', format: 'pem' }));
}

// options.key: a key, or an array of keys and { pem, passphrase } objects.
function keyList(value, passphrase) {
  if (!value) return null;
  if (passphrase !== undefined && passphrase !== null && typeof passphrase !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.passphrase', 'string', passphrase);
  }
  if (!Array.isArray(value)) return [decryptKey(keyOrCertBytes(value, 'key'), passphrase)];
  return value.map((v) => {
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      return decryptKey(keyOrCertBytes(v.pem, 'key'), v.passphrase ?? passphrase);
    }
    return decryptKey(keyOrCertBytes(v, 'key'), passphrase);
  });
}

// ---- cipher lists -----------------------------------------------------------------
//
// `ciphers` is an OpenSSL cipher string. As in Node, entries naming TLS 1.3 suites
// (TLS_*) choose the TLS 1.3 suites and the rest is evaluated as OpenSSL would over the
// TLS 1.2 suites rustls offers (names, aliases such as ECDHE/AESGCM/aRSA/HIGH,
// `+`-joined conditions, `!`/`-` exclusions); when one part selects nothing that
// version is turned off. A list that selects nothing at all is ERR_SSL_NO_CIPHER_MATCH,
// also when it names only suites OpenSSL has and rustls does not (CBC, RSA key exchange).

function suiteTable() {
  return natives.cipherSuites().map(([iana, ossl, version]) => ({ iana, ossl, version }));
}

function matchesPart(part, suite) {
  const o = suite.ossl;
  switch (part) {
    case 'ALL': case 'DEFAULT': case 'HIGH': case 'SECURE': case 'AEAD': case 'TLSv1.2': case 'ECDHE': case 'EECDH':
    case 'kECDHE': case 'kEECDH': case 'ECDH': case 'kECDH': case 'SHA2': case 'FIPS':
      return true;
    case 'aRSA': case 'RSA': return o.includes('-RSA-');
    case 'aECDSA': case 'ECDSA': return o.includes('-ECDSA-');
    case 'AESGCM': return o.includes('GCM');
    case 'AES': return o.includes('AES');
    case 'AES128': case 'AES256': case 'CHACHA20': case 'SHA256': case 'SHA384': return o.includes(part);
    default: return part.toUpperCase() === o || part.toUpperCase() === suite.iana;
  }
}

function selectCiphers(ciphers) {
  const table = suiteTable();
  const entries = String(ciphers).split(/[:, ]+/).filter(Boolean);
  const tls13 = entries.filter((e) => e.startsWith('TLS_'));
  const rest = entries.filter((e) => !e.startsWith('TLS_'));
  const v13 = tls13.map((n) => table.find((t) => t.version === 'TLSv1.3' && t.iana === n)).filter(Boolean).map((t) => t.iana);
  const v12 = table.filter((t) => t.version === 'TLSv1.2');
  let chosen = [];
  const banned = new Set();
  for (const e of rest) {
    if (e.startsWith('@') || e.startsWith('+')) continue;
    const op = e[0] === '!' || e[0] === '-' ? e[0] : '';
    const parts = (op ? e.slice(1) : e).split('+');
    const hits = v12.filter((t) => parts.every((p) => matchesPart(p, t)));
    if (op === '!') for (const h of hits) banned.add(h.iana);
    if (op) chosen = chosen.filter((c) => !hits.includes(c));
    else for (const h of hits) if (!chosen.includes(h) && !banned.has(h.iana)) chosen.push(h);
  }
  const list12 = chosen.map((t) => t.iana);
  // OpenSSL refuses a list in which it knows no cipher at all; names of suites it has
  // and rustls lacks (CBC, RSA key exchange) are accepted and select nothing.
  const cipherLike = /AES|CHACHA|DES|RC4|CAMELLIA|ARIA|SHA|MD5|NULL|PSK|SRP|GOST|SEED|IDEA|DHE|ECDH|RSA|ECDSA|HIGH|MEDIUM|LOW|ALL|DEFAULT|COMPLEMENT|SECLEVEL/;
  if (list12.length === 0 && v13.length === 0 && !entries.some((e) => cipherLike.test(e))) {
    const e = new Error('error:0A0000B9:SSL routines::no cipher match');
    e.library = 'SSL routines';
    e.reason = 'no cipher match';
    e.code = 'ERR_SSL_NO_CIPHER_MATCH';
    throw e;
  }
  // As Node: named TLS 1.3 suites replace the TLS 1.3 defaults (unnamed, all stay);
  // a TLS 1.2 list that selects nothing turns TLS 1.2 off.
  const all13 = table.filter((t) => t.version === 'TLSv1.3').map((t) => t.iana);
  return { suites: [...(tls13.length > 0 ? v13 : all13), ...list12], tls12: list12.length > 0 };
}

function validateVersion(v, which) {
  if (v === undefined || v === null) return undefined;
  if (!kProtocols.includes(v)) throw new ERR_TLS_INVALID_PROTOCOL_VERSION(v, which);
  return v;
}

function SecureContext(secureProtocol, secureOptions, minVersion, maxVersion) {
  if (!(this instanceof SecureContext)) return new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  const tls = require('tls');
  if (secureProtocol !== undefined && secureProtocol !== null) {
    if (typeof secureProtocol !== 'string') throw new ERR_INVALID_ARG_TYPE('options.secureProtocol', 'string', secureProtocol);
    if (minVersion !== undefined && minVersion !== null) throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(minVersion, secureProtocol);
    if (maxVersion !== undefined && maxVersion !== null) throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(maxVersion, secureProtocol);
    if (/^SSLv[23]_(client_|server_)?method$/.test(secureProtocol)) {
      // As Node's native side: a plain TypeError with the code.
      const e = new TypeError(`${secureProtocol.slice(0, 5)} methods disabled`);
      e.code = 'ERR_TLS_INVALID_PROTOCOL_METHOD';
      throw e;
    }
    const range = secureProtocols[secureProtocol];
    if (range === undefined) throw new ERR_TLS_INVALID_PROTOCOL_METHOD(secureProtocol);
    [minVersion, maxVersion] = range;
  }
  this.minVersion = validateVersion(minVersion, 'minimum') ?? tls.DEFAULT_MIN_VERSION;
  this.maxVersion = validateVersion(maxVersion, 'maximum') ?? tls.DEFAULT_MAX_VERSION;
  this.secureOptions = secureOptions;
  this.ciphers = null;
  this._cache = 0;
  this.allowPartialTrustChain = false;
  this.withDefaultRoots = false;
  this._ticketKeys = null;
  this.ca = null;
  this.cert = null;
  this.key = null;
  // Node's `context.context` is the native SSL_CTX; here it is this object itself.
  this.context = this;
}

SecureContext.prototype._native = function _native() {
  let { minVersion, maxVersion } = this;
  if (this.ciphers && !this.ciphers.tls12 && minVersion !== 'TLSv1.3') minVersion = 'TLSv1.3';
  // A server resumes only sessions made with this context: they live in a native
  // cache under this id (empty again after a snapshot restore).
  this._cache ||= ++contextIds;
  return {
    ca: this.ca, cert: this.cert, key: this.key, minVersion, maxVersion, suites: this.ciphers?.suites ?? null, cache: this._cache,
    allowPartialTrustChain: this.allowPartialTrustChain, withDefaultRoots: Boolean(this.withDefaultRoots),
    sessionTimeout: this.sessionTimeout, ticketKeys: this._ticketKeys ?? null, sigalgs: this.sigalgs ?? null,
    // SSL_OP_NO_TICKET
    noTicket: ((this.secureOptions ?? 0) & 0x4000) !== 0,
  };
};
let contextIds = 0;

// Session ticket keys (48 bytes): kept natively per context (random until set).
// Keys that were set are also kept here, so a context carried by a snapshot keeps them
// (random ones are not carried: a restored process makes its own).
SecureContext.prototype.getTicketKeys = function getTicketKeys() {
  this._cache ||= ++contextIds;
  const k = natives.ticketKeys(this._cache, this._ticketKeys ?? undefined);
  return Buffer.from(k.buffer, k.byteOffset, k.byteLength);
};
SecureContext.prototype.setTicketKeys = function setTicketKeys(keys) {
  this._cache ||= ++contextIds;
  this._ticketKeys = Buffer.from(Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength));
  natives.ticketKeys(this._cache, this._ticketKeys);
};

// Node calls onticketkeycallback from OpenSSL's ticket key callback, as each ticket is
// sealed or opened; amber's tickets are sealed inside rustls, which cannot wait on JS.
SecureContext.prototype.enableTicketKeyCallback = function enableTicketKeyCallback() {
  throw new ERR_NOT_IMPLEMENTED('secureContext.enableTicketKeyCallback()');
};

// Node's context.context methods used by tests and libraries.
SecureContext.prototype.addCACert = function addCACert(ca) {
  this.ca = [...(this.ca ?? []), ...toBytesList(ca, 'ca')];
  natives.checkContext({ ca: this.ca });
};
SecureContext.prototype.setCert = function setCert(cert) {
  this.cert = toBytesList(cert, 'cert');
};
SecureContext.prototype.setKey = function setKey(key, passphrase) {
  this.key = keyList(key, passphrase);
};

function pfxError(message, code) {
  const e = new Error(message);
  if (code) e.code = code;
  return e;
}

// options.pfx: PKCS#12 files (bytes, or { buf, passphrase }), read natively
// (crates/runtime/src/bindings/pkcs12.rs). Each adds its key and certificate chain, and
// its other certificates are trusted as well, as OpenSSL adds them to the context's store.
function loadPfx(ctx, pfx, passphrase) {
  for (const entry of Array.isArray(pfx) ? pfx : [pfx]) {
    let buf = entry;
    let pass = passphrase;
    if (entry !== null && typeof entry === 'object' && !ArrayBuffer.isView(entry)) {
      buf = entry.buf;
      pass = entry.passphrase ?? passphrase;
    }
    buf = keyOrCertBytes(buf, 'pfx');
    if (pass !== undefined && pass !== null && typeof pass !== 'string') throw new ERR_INVALID_ARG_TYPE('options.passphrase', 'string', pass);
    const r = natives.readPfx(buf, pass ?? undefined);
    if (r === 'mac') throw pfxError('mac verify failure');
    if (r === 'unsupported') throw pfxError('Unsupported PKCS12 PFX data', 'ERR_CRYPTO_UNSUPPORTED_OPERATION');
    if (r === 'key') throw pfxError('Unable to load private key from PFX data', 'ERR_CRYPTO_OPERATION_FAILED');
    if (r === 'cert') throw pfxError('Unable to load certificate from PFX data', 'ERR_CRYPTO_OPERATION_FAILED');
    const [key, cert, cas] = r;
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(key).toString('base64').match(/.{1,64}/g).join('\n')}\n-----END PRIVATE KEY-----\n`;
    ctx.key = [...(ctx.key ?? []), Buffer.from(keyPem)];
    ctx.cert = [...(ctx.cert ?? []), Buffer.from([cert, ...cas].map((d) => derToPem(d)).join(''))];
    if (cas.length > 0) {
      // Trusted in addition to the default roots when no `ca` replaced them.
      if (ctx.ca === null) ctx.withDefaultRoots = true;
      ctx.ca = [...(ctx.ca ?? []), ...cas.map((d) => Buffer.from(derToPem(d)))];
    }
  }
}

let extraCaChecked = false;

// options.dhparam: 'auto', or PEM DH parameters. rustls has no DHE suites, so they are
// never used; they are checked as Node checks them (a prime under 1024 bits is refused,
// one under 2048 warned about). Text that holds no parameters is ignored, as in Node.
function checkDhparam(dhparam) {
  if (typeof dhparam !== 'string' && !ArrayBuffer.isView(dhparam)) {
    throw new ERR_INVALID_ARG_TYPE('options.dhparam', ['string', 'Buffer', 'TypedArray', 'DataView'], dhparam);
  }
  const text = typeof dhparam === 'string' ? dhparam : Buffer.from(dhparam.buffer, dhparam.byteOffset, dhparam.byteLength).toString('latin1');
  if (text === 'auto') return;
  const m = /-----BEGIN DH PARAMETERS-----([^-]*)-----END DH PARAMETERS-----/.exec(text);
  if (!m) return;
  const bits = dhPrimeBits(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  if (bits === null) return;
  if (bits < 1024) {
    const e = new Error('DH parameter is less than 1024 bits');
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  if (bits < 2048) process.emitWarning('DH parameter is less than 2048 bits', 'SecurityWarning');
}

// The size of the prime p in DER DHParameter: SEQUENCE { INTEGER p, INTEGER g, ... }.
function dhPrimeBits(der) {
  let i = 0;
  const len = () => {
    let n = der[i++];
    if (n & 0x80) {
      const k = n & 0x7f;
      if (k < 1 || k > 4) return -1;
      n = 0;
      for (let j = 0; j < k; j++) n = n * 256 + der[i++];
    }
    return n;
  };
  if (der[i++] !== 0x30 || len() < 0) return null;
  if (der[i++] !== 0x02) return null;
  let n = len();
  if (n <= 0 || i + n > der.length) return null;
  while (n > 0 && der[i] === 0) {
    i++;
    n--;
  }
  if (n === 0) return 0;
  return (n - 1) * 8 + (32 - Math.clz32(der[i]));
}

function createSecureContext(options = {}) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  // Node loads NODE_EXTRA_CA_CERTS with its first context and warns when it cannot.
  if (!extraCaChecked && process.env.NODE_EXTRA_CA_CERTS) {
    extraCaChecked = true;
    const warning = natives.extraCaWarning();
    if (warning) process.stderr.write(warning);
  }
  const ctx = new SecureContext(options.secureProtocol, options.secureOptions, options.minVersion, options.maxVersion);
  // As in Node, falsy key, cert and ca options are absent.
  if (options.ca) ctx.ca = toBytesList(options.ca, 'ca');
  // Intermediate CAs in ca count as anchors (OpenSSL's partial chains).
  ctx.allowPartialTrustChain = Boolean(options.allowPartialTrustChain);
  if (options.cert) ctx.cert = toBytesList(options.cert, 'cert');
  if (options.key) ctx.key = keyList(options.key, options.passphrase);
  if (options.pfx) loadPfx(ctx, options.pfx, options.passphrase);
  if (options.ciphers !== undefined && options.ciphers !== null && typeof options.ciphers !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.ciphers', 'string', options.ciphers);
  }
  // As in Node, no list (or '') is the default one, tls.DEFAULT_CIPHERS; a list of
  // nothing but separators names no suite for either version.
  const cipherList = options.ciphers || require('tls').DEFAULT_CIPHERS;
  const cipherParts = String(cipherList).split(':');
  if (!cipherParts.some((c) => c.length > 0)) throw new ERR_INVALID_ARG_VALUE('options.ciphers', cipherParts);
  // amber's own default is every suite, which needs no filtering.
  if (cipherList !== defaultCoreCipherList()) ctx.ciphers = selectCiphers(cipherList);
  if (options.dhparam !== undefined && options.dhparam !== null) checkDhparam(options.dhparam);
  if (options.ticketKeys !== undefined && options.ticketKeys !== null) {
    if (!ArrayBuffer.isView(options.ticketKeys)) throw new ERR_INVALID_ARG_TYPE('options.ticketKeys', ['Buffer', 'TypedArray', 'DataView'], options.ticketKeys);
    if (options.ticketKeys.byteLength !== 48) {
      throw new ERR_INVALID_ARG_VALUE('options.ticketKeys', options.ticketKeys.byteLength, 'must be exactly 48 bytes');
    }
    ctx.setTicketKeys(options.ticketKeys);
  }
  if (options.sessionTimeout !== undefined && options.sessionTimeout !== null) {
    if (typeof options.sessionTimeout !== 'number') throw new ERR_INVALID_ARG_TYPE('options.sessionTimeout', 'number', options.sessionTimeout);
    ctx.sessionTimeout = options.sessionTimeout;
  }
  if (options.sigalgs !== undefined && options.sigalgs !== null) {
    if (typeof options.sigalgs !== 'string') throw new ERR_INVALID_ARG_TYPE('options.sigalgs', 'string', options.sigalgs);
    if (options.sigalgs === '') throw new ERR_INVALID_ARG_VALUE('options.sigalgs', options.sigalgs);
    // (Checked natively with the rest.)
    ctx.sigalgs = options.sigalgs;
  }
  if (options.ecdhCurve !== undefined && typeof options.ecdhCurve !== 'string') throw new ERR_INVALID_ARG_TYPE('options.ecdhCurve', 'string', options.ecdhCurve);
  if (options.crl !== undefined && options.crl !== null) throw new ERR_NOT_IMPLEMENTED('tls.createSecureContext({ crl })');
  // OpenSSL engines: amber links no OpenSSL, so none can be loaded, as in a Node built
  // without engine support.
  for (const name of ['clientCertEngine', 'privateKeyEngine', 'privateKeyIdentifier']) {
    const v = options[name];
    if (v !== undefined && v !== null && typeof v !== 'string') throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'null', 'undefined'], v);
  }
  if (options.clientCertEngine || options.privateKeyEngine || options.privateKeyIdentifier) throw new ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED();
  // Each of cert and key must parse, and match when both are given; either alone is
  // accepted here (a server without both fails at handshake time, as with OpenSSL).
  natives.checkContext(ctx._native());
  return ctx;
}

// ---- certificates ---------------------------------------------------------------

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// OpenSSL's ASN1_TIME_print form: `Jan  2 03:04:05 2025 GMT`.
function asn1Time(seconds) {
  const d = new Date(seconds * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

// [[key, value], ...] -> { key: value } with repeated keys as arrays, as Node does.
function nameObject(pairs) {
  const o = { __proto__: null };
  for (const [k, v] of pairs) {
    if (k in o) o[k] = Array.isArray(o[k]) ? [...o[k], v] : [o[k], v];
    else o[k] = v;
  }
  return o;
}

// The certificate object of getPeerCertificate()/getCertificate(), from DER.
function certificateObject(der) {
  const p = natives.parseCertificate(der);
  if (p === null) return null;
  const c = {};
  c.subject = nameObject(p.subject);
  c.issuer = nameObject(p.issuer);
  if (p.subjectaltname !== undefined) c.subjectaltname = p.subjectaltname;
  if (p.infoAccess !== undefined) c.infoAccess = p.infoAccess;
  c.ca = p.ca;
  if (p.modulus !== undefined) {
    c.modulus = p.modulus;
    c.bits = p.bits;
    c.exponent = p.exponent;
  } else if (p.bits !== undefined) {
    c.bits = p.bits;
    c.pubkey = Buffer.from(p.pubkeyPoint);
    if (p.asn1Curve) c.asn1Curve = p.asn1Curve;
    if (p.nistCurve) c.nistCurve = p.nistCurve;
  }
  if (c.pubkey === undefined) c.pubkey = Buffer.from(p.pubkey);
  c.valid_from = asn1Time(p.notBefore);
  c.valid_to = asn1Time(p.notAfter);
  c.fingerprint = p.fingerprint;
  c.fingerprint256 = p.fingerprint256;
  c.fingerprint512 = p.fingerprint512;
  if (p.ext_key_usage) c.ext_key_usage = p.ext_key_usage;
  c.serialNumber = p.serialNumber;
  c.raw = Buffer.from(der);
  return c;
}

// DER certificates in a PEM text.
function pemToDer(pem) {
  const text = Buffer.isBuffer(pem) ? pem.toString('latin1') : String(pem);
  const out = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  let m;
  while ((m = re.exec(text)) !== null) out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  return out;
}

function derToPem(der) {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
}

// Node's translatePeerCertificate: the chain as issuerCertificate links.
function translatePeerCertificate(c) {
  if (!c) return null;
  if (c.issuerCertificate !== undefined && c.issuerCertificate !== c) c.issuerCertificate = translatePeerCertificate(c.issuerCertificate);
  if (c.infoAccess !== undefined && typeof c.infoAccess === 'string') {
    const info = c.infoAccess;
    c.infoAccess = { __proto__: null };
    info.replace(/([^\n:]*):([^\n]*)(?:\n|$)/g, (all, key, val) => {
      if (key in c.infoAccess) c.infoAccess[key].push(val);
      else c.infoAccess[key] = [val];
    });
  }
  return c;
}

module.exports = { keyList, selectCiphers, SecureContext, createSecureContext, translatePeerCertificate, certificateObject, pemToDer, derToPem, toBytesList, validateVersion };
