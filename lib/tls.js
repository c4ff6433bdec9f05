'use strict';
// node:tls — TLS on rustls. The sockets and the server are in _tls_wrap.js, secure
// contexts and certificate objects in _tls_common.js, host name checks in
// internal/tls/identity.js; this module gathers them with the constants.

const { TLSSocket, Server, connect, createServer } = require('_tls_wrap');
const { SecureContext, createSecureContext, derToPem } = require('_tls_common');
const { checkServerIdentity } = require('internal/tls/identity');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');

const natives = binding.tls;

// [iana, openssl, version] of every suite the ring provider offers, in its preference order.
let suites = null;
function cipherSuites() {
  suites ??= natives.cipherSuites();
  return suites;
}

function getCiphers() {
  return cipherSuites().map(([iana, ossl]) => (ossl === iana ? iana : ossl).toLowerCase());
}

let roots = null;

// --tls-min-v1.x / --tls-max-v1.x set the defaults, as in Node (TLS 1.0 and 1.1 are
// accepted but rustls negotiates 1.2 at least).
function versionDefaults() {
  const { getOptionValue } = require('internal/options');
  let min = 'TLSv1.2';
  if (getOptionValue('--tls-min-v1.0')) min = 'TLSv1';
  else if (getOptionValue('--tls-min-v1.1')) min = 'TLSv1.1';
  else if (getOptionValue('--tls-min-v1.3')) min = 'TLSv1.3';
  const max = getOptionValue('--tls-max-v1.2') ? 'TLSv1.2' : 'TLSv1.3';
  return [min, max];
}
const [defaultMin, defaultMax] = versionDefaults();

function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = [];
    for (let i = 0; i < protocols.length; i++) {
      const b = Buffer.from(protocols[i]);
      if (b.length > 255) throw new ERR_OUT_OF_RANGE(`The byte length of the protocol at index ${i} exceeds the maximum length.`, '<= 255', b.length, true);
      parts.push(Buffer.from([b.length]), b);
    }
    out.ALPNProtocols = Buffer.concat(parts);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols.buffer.slice(protocols.byteOffset, protocols.byteOffset + protocols.byteLength));
  } else if (protocols !== undefined) {
    throw new ERR_INVALID_ARG_TYPE('protocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
  }
}

const createSecurePair = require('util').deprecate(function createSecurePair(...args) {
  const { SecurePair } = require('internal/tls/secure_pair');
  return new SecurePair(...args);
}, 'tls.createSecurePair() is deprecated. Please use tls.TLSSocket instead.', 'DEP0064');

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: require('internal/tls/ciphers').defaultCipherList(),
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: defaultMin,
  DEFAULT_MAX_VERSION: defaultMax,
  getCiphers,
  get rootCertificates() {
    // Node's entries end with the END line itself, without a newline.
    roots ??= Object.freeze(natives.rootCertificates().map((der) => derToPem(der).trimEnd()));
    return roots;
  },
  convertALPNProtocols,
  checkServerIdentity,
  createSecureContext,
  SecureContext,
  TLSSocket,
  Server,
  createServer,
  connect,
  createSecurePair,
};
