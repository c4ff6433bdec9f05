'use strict';
// node:url — WHATWG URL plus file-URL helpers and the legacy parse/format/resolve API.

const { URL, URLSearchParams } = require('internal/url');
const path = require('path');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_URL_SCHEME, ERR_INVALID_FILE_URL_PATH, ERR_INVALID_FILE_URL_HOST } } = require('internal/errors');

function fileURLToPath(u) {
  if (typeof u === 'string') u = new URL(u);
  else if (!(u instanceof URL)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], u);
  if (u.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (u.hostname !== '' && u.hostname !== 'localhost') throw new ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = u.pathname;
  if (/%2f/i.test(pathname)) throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
  return decodeURIComponent(pathname);
}

// The characters pathToFileURL escapes besides what the URL parser does: those that
// would end or change the path (%, \, ?, #), the C0 controls, space and DEL, and the
// ones Node also escapes ("<>[]^`{|}~).
const fileUrlEscapes = /[\u0000-\u0020"#%<>?[\\\]^`{|}~\u007f]/g;
const escapeFileUrlChar = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

// A file: URL for a path, resolved against the working directory. With
// `{ windows: true }` the path is a Windows one: drive letters, `\` separators, UNC
// (`\\server\share\...`) and extended (`\\?\`, `\\?\UNC\`) paths.
function pathToFileURL(filepath, options = undefined) {
  const { validateString, codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
  validateString(filepath, 'path');
  const windows = options?.windows ?? false;
  if (windows) {
    let p = filepath;
    let unc = false;
    if (p.startsWith('\\\\?\\UNC\\')) {
      p = `\\\\${p.slice(8)}`;
      unc = true;
    } else if (p.startsWith('\\\\?\\')) {
      p = p.slice(4);
    } else if (p.startsWith('\\\\')) {
      unc = true;
    }
    if (unc) {
      const end = p.indexOf('\\', 2);
      if (end === -1) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Missing UNC resource path');
      if (end === 2) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Empty UNC servername');
      const hostname = p.slice(2, end);
      const rest = p.slice(end).replace(fileUrlEscapes, (c) => (c === '\\' ? '/' : escapeFileUrlChar(c)));
      return new URL(`file://${hostname}${rest}`);
    }
    let resolved = path.win32.resolve(p);
    const last = filepath[filepath.length - 1];
    if ((last === '\\' || last === '/') && !resolved.endsWith('\\')) resolved += '\\';
    return new URL(`file:///${resolved.replace(fileUrlEscapes, (c) => (c === '\\' ? '/' : escapeFileUrlChar(c)))}`);
  }
  let resolved = path.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return new URL(`file://${resolved.replace(fileUrlEscapes, escapeFileUrlChar)}`);
}

// Legacy API.
function Url() {
  this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
  this.hostname = null; this.hash = null; this.search = null; this.query = null; this.pathname = null;
  this.path = null; this.href = null;
}

let invalidUrlWarned = false;
function warnInvalidUrl(url) {
  if (invalidUrlWarned) return;
  invalidUrlWarned = true;
  process.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`, 'DeprecationWarning', 'DEP0170');
}

// The legacy parser, as Node's url.parse(): lenient, never normalizing paths. The
// protocol sets may be named with or without their colon.
const slashedProtocols = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
const hostlessProtocols = new Set(['javascript', 'javascript:']);
const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@/]+@[^@/]+/;
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
// Characters that end the host part (with its index as a non-host start) or only stop
// it from being a host there.
const hostEndChars = new Set(['#', '/', '?']);
const nonHostChars = new Set(['\t', '\n', '\r', ' ', '"', '%', "'", ';', '<', '>', '\\', '^', '`', '{', '|', '}']);
// A host name with one of these after IDNA mapping is refused (ERR_INVALID_URL).
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;
// Escaped in the rest of the URL after the host.
const autoEscapeChars = /[\t\n\r "'<>\\^`{|}]/g;
const escapeChar = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

// The input with surrounding whitespace and control characters (code < 33, NBSP, BOM)
// dropped and backslashes before the query or fragment turned into slashes; whether
// it has an '@' before and a '#' anywhere.
function prepareLegacyInput(url) {
  const isWs = (code) => code < 33 || code === 0xa0 || code === 0xfeff;
  let start = 0;
  while (start < url.length && isWs(url.charCodeAt(start))) start++;
  let end = url.length;
  while (end > start && isWs(url.charCodeAt(end - 1))) end--;
  let rest = '';
  let hasAt = false;
  let hasHash = false;
  let split = false;
  for (let i = start; i < end; i++) {
    const c = url[i];
    if (!split) {
      if (c === '@') hasAt = true;
      else if (c === '#' || c === '?') {
        if (c === '#') hasHash = true;
        split = true;
      } else if (c === '\\') {
        rest += '/';
        continue;
      }
    } else if (c === '#') {
      hasHash = true;
    }
    rest += c;
  }
  return { rest, hasAt, hasHash };
}

function parse(urlStr, parseQueryString, slashesDenoteHost) {
  if (urlStr instanceof Url) return urlStr;
  if (typeof urlStr !== 'string') throw new ERR_INVALID_ARG_TYPE('url', 'string', urlStr);
  const u = new Url();
  let { rest, hasAt, hasHash } = prepareLegacyInput(urlStr);
  const parseQuery = (search) => (parseQueryString ? require('querystring').parse(search) : search);

  // A plain path (and query): nothing more to find.
  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = simplePathPattern.exec(rest);
    if (simple) {
      u.path = rest;
      u.href = rest;
      u.pathname = simple[1];
      if (simple[2]) {
        u.search = simple[2];
        u.query = parseQuery(u.search.slice(1));
      } else if (parseQueryString) {
        u.search = null;
        u.query = { __proto__: null };
      }
      return u;
    }
  }

  let proto = protocolPattern.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    u.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes;
  if (slashesDenoteHost || proto || hostPattern.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !(proto && hostlessProtocols.has(lowerProto))) {
      rest = rest.slice(2);
      u.slashes = true;
    }
  }

  if (!hostlessProtocols.has(lowerProto) && (slashes || (proto && !slashedProtocols.has(proto)))) {
    // Tabs and newlines in the authority (up to the first '#', '/', '?') are dropped.
    const authorityEnd = rest.search(/[#/?]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    if (/[\t\n\r]/.test(authority)) rest = authority.replace(/[\t\n\r]/g, '') + (authorityEnd === -1 ? '' : rest.slice(authorityEnd));
    // The host runs to the first of '#', '/', '?'; the auth to the last '@' before it;
    // a character no host has ends the host early (unless an '@' follows).
    let hostEnd = -1;
    let atSign = -1;
    let nonHost = -1;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (nonHostChars.has(c)) {
        if (nonHost === -1) nonHost = i;
      } else if (hostEndChars.has(c)) {
        if (nonHost === -1) nonHost = i;
        hostEnd = i;
        break;
      } else if (c === '@') {
        atSign = i;
        nonHost = -1;
      }
    }
    let start = 0;
    if (atSign !== -1) {
      u.auth = decodeURIComponent(rest.slice(0, atSign));
      start = atSign + 1;
    }
    if (nonHost === -1) {
      u.host = rest.slice(start);
      rest = '';
    } else {
      u.host = rest.slice(start, nonHost);
      rest = rest.slice(nonHost);
    }
    parseHost(u);
    if (typeof u.hostname !== 'string') u.hostname = '';
    const hostname = u.hostname;
    const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
    if (!ipv6) {
      // A '/', '\', '#', '?' or ':' left in the host name starts the path.
      for (let i = 0; i < hostname.length; i++) {
        const c = hostname[i];
        if (c === '/' || c === '\\' || c === '#' || c === '?' || c === ':') {
          // ':' here is a port that is no number: accepted, with Node's DEP0170 warning.
          if (c === ':') warnInvalidUrl(urlStr);
          u.hostname = hostname.slice(0, i);
          rest = `/${hostname.slice(i)}${rest}`;
          break;
        }
      }
    }
    u.hostname = u.hostname.length > 255 ? '' : u.hostname.toLowerCase();
    if (u.hostname !== '') {
      if (ipv6) {
        if (forbiddenHostCharsIpv6.test(u.hostname)) throw invalidUrl(urlStr);
      } else {
        // IDNA (UTS #46) mapping, as the WHATWG parser does: a name that maps to a
        // forbidden character is refused rather than left to spoof another host.
        // A name that maps to nothing is refused too.
        u.hostname = binding.url.toASCII(u.hostname);
        if (u.hostname === '' || forbiddenHostChars.test(u.hostname)) throw invalidUrl(urlStr);
      }
    }
    u.host = u.hostname + (u.port ? `:${u.port}` : '');
    if (ipv6) {
      u.hostname = u.hostname.slice(1, -1);
      if (rest[0] !== '/') rest = `/${rest}`;
    }
  }

  // Escape what may not appear unescaped (not in javascript: URLs).
  if (!hostlessProtocols.has(lowerProto)) rest = rest.replace(autoEscapeChars, escapeChar);

  const hashIdx = rest.indexOf('#');
  let questionIdx = -1;
  if (hashIdx !== -1) {
    u.hash = rest.slice(hashIdx);
    questionIdx = rest.lastIndexOf('?', hashIdx);
    if (questionIdx !== -1) questionIdx = rest.indexOf('?');
  } else {
    questionIdx = rest.indexOf('?');
  }
  if (questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx)) {
    u.search = rest.slice(questionIdx, hashIdx === -1 ? rest.length : hashIdx);
    u.query = parseQuery(u.search.slice(1));
  } else if (parseQueryString) {
    u.search = null;
    u.query = { __proto__: null };
  }
  const useQuestion = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx);
  const firstIdx = useQuestion ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) u.pathname = rest;
  } else if (firstIdx > 0) {
    u.pathname = rest.slice(0, firstIdx);
  }
  if (slashedProtocols.has(lowerProto) && u.hostname && !u.pathname) u.pathname = '/';
  if (u.pathname || u.search) u.path = (u.pathname || '') + (u.search || '');
  u.href = format(u);
  return u;
}

// `host` into `hostname` and `port` (digits after the last ':'; a bare ':' is dropped).
function parseHost(u) {
  let host = u.host;
  const port = portPattern.exec(host);
  if (port) {
    if (port[0] !== ':') u.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) u.hostname = host;
}

function invalidUrl(input) {
  const err = new (require('internal/errors').codes.ERR_INVALID_URL)(input);
  err.input = input;
  return err;
}

function format(obj, options) {
  if (typeof obj === 'string') obj = parse(obj);
  else if (typeof obj !== 'object' || obj === null) throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], obj);
  if (obj instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      require('internal/validators').validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    let s = obj.protocol;
    // The authority is there when the URL has one ('//'), even empty (file:///).
    if (obj.href.startsWith(`${obj.protocol}//`)) {
      s += '//';
      if (auth && (obj.username || obj.password)) s += `${obj.username}${obj.password ? `:${obj.password}` : ''}@`;
      if (unicode && !obj.hostname.startsWith('[')) s += domainToUnicode(obj.hostname) + (obj.port ? `:${obj.port}` : '');
      else s += obj.host;
    }
    s += obj.pathname;
    if (search) s += obj.search;
    if (fragment) s += obj.hash;
    return s;
  }
  let auth = obj.auth || '';
  if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/gi, ':')}@`;
  let protocol = obj.protocol || '';
  let pathname = obj.pathname || '';
  let hash = obj.hash || '';
  let host = '';
  let query = '';
  if (obj.host) host = auth + obj.host;
  else if (obj.hostname) {
    const h = obj.hostname;
    host = auth + (h.includes(':') && !(h.startsWith('[') && h.endsWith(']')) ? `[${h}]` : h) + (obj.port ? `:${obj.port}` : '');
  }
  if (obj.query !== null && typeof obj.query === 'object') query = require('querystring').stringify(obj.query);
  let search = obj.search || (query && `?${query}`) || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  // Only the slashed protocols get '//' (mailto:, xmpp:... only when they had it).
  if (obj.slashes || slashedProtocols.has(protocol)) {
    if (obj.slashes || host) {
      if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.startsWith('file')) {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (search && search[0] !== '?') search = `?${search}`;
  return protocol + host + pathname + search + hash;
}

function resolve(from, to) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(to)) return format(parse(to));
  const base = new URL(from, 'resolve://');
  const r = new URL(to, base);
  if (r.protocol === 'resolve:') {
    const { pathname, search, hash } = r;
    if (!from.startsWith('/') && !to.startsWith('/')) return pathname.slice(1) + search + hash;
    return pathname + search + hash;
  }
  return r.toString();
}

// resolve(), keeping the parsed form: a Url (an empty source gives `relative` back).
function resolveObject(source, relative) {
  if (!source) return relative;
  return parse(resolve(typeof source === 'string' ? source : format(source), typeof relative === 'string' ? relative : format(relative)));
}

Url.prototype.format = function () { return format(this); };
Url.prototype.resolve = function (to) { return resolve(format(this), to); };
Url.prototype.resolveObject = function (relative) { return resolveObject(this, relative); };

// The WHATWG host parser's result for `domain` (as the hostname of a special URL), in
// ASCII or, for domainToUnicode, with its Punycode labels decoded (UTS #46 ToUnicode);
// '' for a host the parser refuses.
function hostOf(domain) {
  if (domain === '') return '';
  const u = new URL('ws://x');
  u.hostname = domain;
  // The setter leaves the URL as it was for a host it refuses.
  if (u.hostname === 'x' && `${domain}`.toLowerCase() !== 'x') return '';
  return u.hostname;
}
function domainToASCII(...args) {
  if (args.length === 0) throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('domain');
  return hostOf(`${args[0]}`);
}
function domainToUnicode(...args) {
  if (args.length === 0) throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('domain');
  const host = hostOf(`${args[0]}`);
  return host === '' || host.startsWith('[') ? host : binding.url.toUnicode(host);
}
// The options http.request takes, from a URL (or an object shaped like one).
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

module.exports = { URL, URLSearchParams, fileURLToPath, pathToFileURL, parse, format, resolve, resolveObject, Url, domainToASCII, domainToUnicode, urlToHttpOptions };
