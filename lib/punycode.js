'use strict';
// node:punycode (deprecated, DEP0040): RFC 3492 Punycode by the `idna` crate the URL
// parser uses (bindings/url.rs), with punycode.js's API: encode/decode of one label,
// toASCII/toUnicode of a domain or e-mail address (labels split at '.' and its
// ideographic and full-width forms), and the ucs2 helpers.

// Node 20 warns only under --pending-deprecation.
if (require('internal/options').getOptionValue('--pending-deprecation')) {
  process.emitWarning('The `punycode` module is deprecated. Please use a userland alternative instead.', 'DeprecationWarning', 'DEP0040');
}

const u = binding.url;

function decode(input) {
  input = `${input}`;
  const out = u.punycodeDecode(input);
  if (out !== undefined) return out;
  // The reason, as punycode.js gives it: a non-basic code point before the last '-'.
  const basic = input.lastIndexOf('-');
  if (basic > 0 && /[^\0-\x7f]/.test(input.slice(0, basic))) throw new RangeError('Illegal input >= 0x80 (not a basic code point)');
  throw new RangeError('Invalid input');
}

function encode(input) {
  const out = u.punycodeEncode(`${input}`);
  if (out === undefined) throw new RangeError('Overflow: input needs wider integers to process');
  return out;
}

// Applies `fn` to each label of a domain; an e-mail address keeps its local part.
function mapDomain(domain, fn) {
  domain = `${domain}`;
  let prefix = '';
  const parts = domain.split('@');
  if (parts.length > 1) {
    prefix = `${parts[0]}@`;
    domain = parts[1];
  }
  return prefix + domain.replace(/[\x2E\u3002\uFF0E\uFF61]/g, '.').split('.').map(fn).join('.');
}

function toASCII(input) {
  return mapDomain(input, (label) => (/[^\0-\x7f]/.test(label) ? `xn--${encode(label)}` : label));
}

function toUnicode(input) {
  return mapDomain(input, (label) => (/^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

const ucs2 = {
  // The code points of a string; lone surrogates stay as they are.
  decode(string) {
    const out = [];
    for (const ch of `${string}`) out.push(ch.codePointAt(0));
    return out;
  },
  encode(codePoints) {
    return String.fromCodePoint(...codePoints);
  },
};

module.exports = { version: '2.1.0', ucs2, decode, encode, toASCII, toUnicode };
