'use strict';
// crypto.Certificate: Netscape SPKAC (SignedPublicKeyAndChallenge, the HTML <keygen>
// format), given base64 as browsers sent it:
//   SEQUENCE { SEQUENCE { SubjectPublicKeyInfo, IA5String challenge },
//              AlgorithmIdentifier, BIT STRING signature }
// The DER is walked here; the key and the signature go through the KeyObject and
// crypto.verify paths like any other. Unreadable input gives '' (false for verify), as
// in Node.

const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');

// One DER element at `pos`: [tag, start of contents, end of contents], or null.
function element(der, pos, end) {
  if (pos + 2 > end) return null;
  const tag = der[pos];
  let len = der[pos + 1];
  let at = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + n > end) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[at + i];
    at += n;
  }
  if (at + len > end) return null;
  return [tag, at, at + len];
}

// The elements of a SEQUENCE's contents: [tag, start, end, elementStart] each, or null.
function children(der, start, end) {
  const out = [];
  let pos = start;
  while (pos < end) {
    const e = element(der, pos, end);
    if (e === null) return null;
    out.push([...e, pos]);
    pos = e[2];
  }
  return out;
}

// Signature algorithms by OID (dotted): the digest crypto.verify takes.
const kSignatureDigests = {
  '1.2.840.113549.1.1.4': 'md5', '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1', '1.2.840.10045.4.3.1': 'sha224', '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha1', '2.16.840.1.101.3.4.3.2': 'sha256',
};

function oidString(bytes) {
  if (bytes.length === 0) return '';
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

// The parts of an SPKAC, or null when it is not one.
function parseSpkac(spkac) {
  const der = Buffer.from(Buffer.from(spkac.buffer, spkac.byteOffset, spkac.byteLength).toString('latin1').trim(), 'base64');
  const outer = element(der, 0, der.length);
  if (outer === null || outer[0] !== 0x30 || outer[2] !== der.length) return null;
  const top = children(der, outer[1], outer[2]);
  if (top === null || top.length !== 3 || top[0][0] !== 0x30 || top[1][0] !== 0x30 || top[2][0] !== 0x03) return null;
  const pkac = children(der, top[0][1], top[0][2]);
  if (pkac === null || pkac.length !== 2 || pkac[0][0] !== 0x30 || pkac[1][0] !== 0x16) return null;
  const alg = children(der, top[1][1], top[1][2]);
  if (alg === null || alg.length < 1 || alg[0][0] !== 0x06) return null;
  const sig = der.subarray(top[2][1], top[2][2]);
  if (sig.length < 1 || sig[0] !== 0) return null;
  return {
    signed: der.subarray(top[0][3], top[0][2]),
    spki: der.subarray(pkac[0][3], pkac[0][2]),
    challenge: der.subarray(pkac[1][1], pkac[1][2]),
    algorithm: oidString(der.subarray(alg[0][1], alg[0][2])),
    signature: sig.subarray(1),
  };
}

function spkacArg(spkac, encoding) {
  let bytes;
  if (typeof spkac === 'string') bytes = Buffer.from(spkac, encoding ?? 'utf8');
  else if (ArrayBuffer.isView(spkac)) bytes = new Uint8Array(spkac.buffer, spkac.byteOffset, spkac.byteLength);
  else if (spkac instanceof ArrayBuffer) bytes = new Uint8Array(spkac);
  else throw new ERR_INVALID_ARG_TYPE('spkac', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], spkac);
  if (bytes.byteLength > 2 ** 31 - 1) throw new ERR_OUT_OF_RANGE('spkac', '<= 2147483647', bytes.byteLength);
  return bytes;
}

function publicKeyOf(parts) {
  try {
    return require('crypto').createPublicKey({ key: parts.spki, format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function verifySpkac(spkac, encoding) {
  const parts = parseSpkac(spkacArg(spkac, encoding));
  if (parts === null) return false;
  const key = publicKeyOf(parts);
  const digest = kSignatureDigests[parts.algorithm];
  if (key === null || digest === undefined) return false;
  try {
    return require('crypto').verify(digest, parts.signed, key, parts.signature);
  } catch {
    return false;
  }
}

function exportPublicKey(spkac, encoding) {
  const parts = parseSpkac(spkacArg(spkac, encoding));
  const key = parts === null ? null : publicKeyOf(parts);
  if (key === null) return '';
  return Buffer.from(key.export({ type: 'spki', format: 'pem' }));
}

function exportChallenge(spkac, encoding) {
  const parts = parseSpkac(spkacArg(spkac, encoding));
  if (parts === null) return '';
  return Buffer.from(parts.challenge);
}

// Node's Certificate: callable without `new`; the methods exist both static and on
// instances.
function Certificate() {
  if (!new.target) return new Certificate();
}
Certificate.prototype.verifySpkac = verifySpkac;
Certificate.prototype.exportPublicKey = exportPublicKey;
Certificate.prototype.exportChallenge = exportChallenge;
Certificate.verifySpkac = verifySpkac;
Certificate.exportPublicKey = exportPublicKey;
Certificate.exportChallenge = exportChallenge;

module.exports = { Certificate };
