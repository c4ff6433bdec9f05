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

function parse(urlStr, parseQueryString, slashesDenoteHost) {
  if (urlStr instanceof Url) return urlStr;
  if (typeof urlStr !== 'string') throw new ERR_INVALID_ARG_TYPE('url', 'string', urlStr);
  const u = new Url();
  let rest = urlStr.trim();
  const hashIdx = rest.indexOf('#');
  if (hashIdx !== -1) { u.hash = rest.slice(hashIdx); rest = rest.slice(0, hashIdx); }
  const qIdx = rest.indexOf('?');
  if (qIdx !== -1) { u.search = rest.slice(qIdx); u.query = rest.slice(qIdx + 1); rest = rest.slice(0, qIdx); }
  else if (parseQueryString) { u.search = null; u.query = { __proto__: null }; }
  const proto = /^([a-z0-9.+-]+:)/i.exec(rest);
  if (proto) { u.protocol = proto[1].toLowerCase(); rest = rest.slice(proto[1].length); }
  const slashedProtocols = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);
  if ((slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) && rest.startsWith('//') && (!proto || slashedProtocols.has(u.protocol) || true)) {
    if (!(proto && u.protocol === 'javascript:')) {
      u.slashes = true;
      rest = rest.slice(2);
      let end = rest.search(/[/]/);
      if (end === -1) end = rest.length;
      let hostPart = rest.slice(0, end);
      rest = rest.slice(end);
      const at = hostPart.lastIndexOf('@');
      if (at !== -1) { u.auth = decodeURIComponent(hostPart.slice(0, at)); hostPart = hostPart.slice(at + 1); }
      const portM = /:(\d*)$/.exec(hostPart);
      if (portM) { if (portM[1]) u.port = portM[1]; hostPart = hostPart.slice(0, portM.index); }
      // A bracketed IPv6 host with a character no host may hold is refused, as Node does.
      if (hostPart.startsWith('[') && /[\0\t\n\r #%/<>?@\\^|]/.test(hostPart)) {
        const err = new (require('internal/errors').codes.ERR_INVALID_URL)(urlStr);
        err.input = urlStr;
        throw err;
      }
      // A ':' left in the host is no port: the host ends there and the rest joins the
      // path, with Node's DEP0170 warning (once per process).
      const colon = hostPart.startsWith('[') ? -1 : hostPart.indexOf(':');
      if (colon !== -1) {
        warnInvalidUrl(urlStr);
        rest = `/${hostPart.slice(colon)}${rest}`;
        hostPart = hostPart.slice(0, colon);
      }
      u.hostname = hostPart.toLowerCase();
      u.host = u.hostname + (u.port ? `:${u.port}` : '');
      if (slashedProtocols.has(u.protocol) && rest === '') rest = '/';
    }
  }
  u.pathname = rest || (u.slashes ? '/' : null);
  if (u.pathname === null && rest === '') u.pathname = null;
  if (parseQueryString && typeof u.query === 'string') u.query = require('querystring').parse(u.query);
  u.path = (u.pathname || '') + (u.search || '') || null;
  u.href = format(u);
  return u;
}

function format(obj, options) {
  if (typeof obj === 'string') obj = parse(obj);
  else if (typeof obj !== 'object' || obj === null) throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], obj);
  if (obj instanceof URL) {
    const o = { fragment: true, search: true, auth: true, unicode: false, ...options };
    let s = `${obj.protocol}//`;
    if (o.auth && (obj.username || obj.password)) s += `${obj.username}${obj.password ? `:${obj.password}` : ''}@`;
    s += obj.host + obj.pathname;
    if (o.search) s += obj.search;
    if (o.fragment) s += obj.hash;
    return s;
  }
  let auth = obj.auth || '';
  if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ':')}@`;
  let protocol = obj.protocol || '';
  let pathname = obj.pathname || '';
  let hash = obj.hash || '';
  let host = '';
  let query = '';
  if (obj.host) host = auth + obj.host;
  else if (obj.hostname) host = auth + (obj.hostname.includes(':') ? `[${obj.hostname}]` : obj.hostname) + (obj.port ? `:${obj.port}` : '');
  if (obj.query !== null && typeof obj.query === 'object') query = require('querystring').stringify(obj.query);
  let search = obj.search || (query && `?${query}`) || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  if (obj.slashes || ((!protocol || ['http:', 'https:', 'ftp:', 'gopher:', 'file:'].includes(protocol)) && host)) {
    host = `//${host || ''}`;
    if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
  }
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (search && search[0] !== '?') search = `?${search}`;
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace('#', '%23');
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

function domainToASCII(d) { try { return new URL(`http://${d}`).hostname; } catch { return ''; } }
function domainToUnicode(d) { return d; }
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
