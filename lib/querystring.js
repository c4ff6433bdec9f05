'use strict';
// node:querystring — parse/stringify of application/x-www-form-urlencoded strings.

function qsEscape(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function qsUnescape(s) {
  try { return decodeURIComponent(s); } catch { return unescape(s); }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint' || typeof v === 'boolean') return `${v}`;
  return '';
}

function stringify(obj, sep = '&', eq = '=', options) {
  const encode = options?.encodeURIComponent ?? qsEscape;
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

function parse(str, sep = '&', eq = '=', options) {
  const obj = { __proto__: null };
  if (typeof str !== 'string' || str.length === 0) return obj;
  const decode = options?.decodeURIComponent ?? qsUnescape;
  const max = options?.maxKeys ?? 1000;
  let parts = str.split(sep);
  if (max > 0) parts = parts.slice(0, max);
  for (const part of parts) {
    if (part === '') continue;
    const idx = part.indexOf(eq);
    const k = decode((idx >= 0 ? part.slice(0, idx) : part).replace(/\+/g, ' '));
    const v = idx >= 0 ? decode(part.slice(idx + eq.length).replace(/\+/g, ' ')) : '';
    if (k in obj) {
      if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    } else {
      obj[k] = v;
    }
  }
  return obj;
}

module.exports = { parse, stringify, decode: parse, encode: stringify, escape: qsEscape, unescape: qsUnescape };
