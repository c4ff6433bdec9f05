'use strict';
// node:querystring — parse/stringify of application/x-www-form-urlencoded strings.

// Percent-encodes UTF-8 as Node's querystring does: letters, digits and - . _ ~ ! ' ( ) *
// stay; a high surrogate takes the next code unit as its pair; one at the end is an error.
const hexTable = Array.from({ length: 256 }, (_, i) => `%${i < 16 ? '0' : ''}${i.toString(16).toUpperCase()}`);
const unescaped = /[A-Za-z0-9\-._~!'()*]/;
function encodeStr(str) {
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (unescaped.test(str[i])) continue;
      out += str.slice(last, i) + hexTable[c];
    } else if (c < 0x800) {
      out += str.slice(last, i) + hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)];
    } else if (c < 0xD800 || c >= 0xE000) {
      out += str.slice(last, i) + hexTable[0xE0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    } else {
      const start = i;
      if (++i >= str.length) {
        const err = new URIError('URI malformed');
        err.code = 'ERR_INVALID_URI';
        throw err;
      }
      c = 0x10000 + (((c & 0x3FF) << 10) | (str.charCodeAt(i) & 0x3FF));
      out += str.slice(last, start) + hexTable[0xF0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3F)] + hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    }
    last = i + 1;
  }
  if (last === 0) return str;
  return last < str.length ? out + str.slice(last) : out;
}
function qsEscape(str) {
  if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : `${str}`;
  return encodeStr(str);
}
// `%XX` escapes decoded to bytes (a `%` not followed by two hex digits stays as it
// is), `+` to a space when `decodeSpaces`; other characters are taken as their code
// unit's low byte, as Node's querystring does.
function unescapeBuffer(s, decodeSpaces) {
  const str = `${s}`;
  const out = Buffer.allocUnsafe(str.length);
  const hex = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 43 /* + */ && decodeSpaces) {
      out[n++] = 32;
    } else if (c === 37 /* % */ && i + 2 < str.length && hex(str.charCodeAt(i + 1)) >= 0 && hex(str.charCodeAt(i + 2)) >= 0) {
      out[n++] = hex(str.charCodeAt(i + 1)) * 16 + hex(str.charCodeAt(i + 2));
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return n === out.length ? out : out.subarray(0, n);
}
function qsUnescape(s, decodeSpaces) {
  try { return decodeURIComponent(s); } catch { return unescapeBuffer(s, decodeSpaces).toString(); }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint' || typeof v === 'boolean') return `${v}`;
  return '';
}

function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  const encode = typeof options?.encodeURIComponent === 'function' ? options.encodeURIComponent : module.exports.escape;
  if (obj === null || typeof obj !== 'object') return '';
  const out = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = encode(stringifyPrimitive(k)) + eq;
    if (Array.isArray(v)) for (const item of v) out.push(ks + encode(stringifyPrimitive(item)));
    else out.push(ks + encode(stringifyPrimitive(v)));
  }
  return out.join(sep);
}

function parse(str, sep, eq, options) {
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  const obj = { __proto__: null };
  if (typeof str !== 'string' || str.length === 0) return obj;
  // `querystring.unescape` may be replaced by the program; parse() uses what is there now.
  const decode = typeof options?.decodeURIComponent === 'function' ? options.decodeURIComponent : module.exports.unescape;
  // A numeric maxKeys that is not positive (0, NaN, negative) means no limit; another
  // type keeps the default.
  let max = 1000;
  if (typeof options?.maxKeys === 'number') max = options.maxKeys > 0 ? options.maxKeys : Infinity;
  let parts = str.split(sep);
  if (max !== Infinity) parts = parts.slice(0, max);
  // As Node: a part is decoded only if it holds a `%XX` escape (always, with a custom
  // decoder); one the decoder rejects is unescaped byte by byte.
  const custom = decode !== qsUnescape;
  const decodePart = (text) => {
    text = text.replace(/\+/g, ' ');
    if (!custom && !/%[0-9a-fA-F]{2}/.test(text)) return text;
    try {
      return decode(text);
    } catch {
      return qsUnescape(text, true);
    }
  };
  for (const part of parts) {
    if (part === '') continue;
    const idx = part.indexOf(eq);
    const k = decodePart(idx >= 0 ? part.slice(0, idx) : part);
    const v = idx >= 0 ? decodePart(part.slice(idx + eq.length)) : '';
    if (k in obj) {
      if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    } else {
      obj[k] = v;
    }
  }
  return obj;
}

module.exports = { parse, stringify, decode: parse, encode: stringify, escape: qsEscape, unescape: qsUnescape, unescapeBuffer };
