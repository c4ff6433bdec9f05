'use strict';
// node:path — POSIX and Windows path manipulation, written from the documented behaviour.

const { validateString } = require('internal/errors');

function normalizeSegments(path, allowAboveRoot, sep, isSep) {
  const out = [];
  for (const seg of path.split(isSep)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out.join(sep);
}

const posix = {
  sep: '/',
  delimiter: ':',
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1 && !absolute; i--) {
      const p = i >= 0 ? args[i] : process.cwd();
      validateString(p, `paths[${i}]`);
      if (p.length === 0) continue;
      resolved = `${p}/${resolved}`;
      absolute = p.charCodeAt(0) === 47;
    }
    resolved = normalizeSegments(resolved, !absolute, '/', /\/+/);
    if (absolute) return `/${resolved}`;
    return resolved.length > 0 ? resolved : '.';
  },
  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path.charCodeAt(0) === 47;
    const trailing = path.charCodeAt(path.length - 1) === 47;
    let p = normalizeSegments(path, !absolute, '/', /\/+/);
    if (p.length === 0) {
      if (absolute) return '/';
      return trailing ? './' : '.';
    }
    if (trailing) p += '/';
    return absolute ? `/${p}` : p;
  },
  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path.charCodeAt(0) === 47;
  },
  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    for (const a of args) {
      validateString(a, 'path');
      if (a.length > 0) parts.push(a);
    }
    if (parts.length === 0) return '.';
    return posix.normalize(parts.join('/'));
  },
  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';
    const f = from === '/' ? [] : from.slice(1).split('/');
    const t = to === '/' ? [] : to.slice(1).split('/');
    let i = 0;
    while (i < f.length && i < t.length && f[i] === t[i]) i++;
    return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('/');
  },
  toNamespacedPath(path) { return path; },
  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path.charCodeAt(0) === 47;
    let end = -1;
    let matchedSlash = true;
    for (let i = path.length - 1; i >= 1; --i) {
      if (path.charCodeAt(i) === 47) {
        if (!matchedSlash) { end = i; break; }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  },
  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    let end = path.length;
    while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
    if (end === 0) return '';
    const start = path.lastIndexOf('/', end - 1) + 1;
    let base = path.slice(start, end);
    if (suffix !== undefined && suffix.length > 0 && base.endsWith(suffix)) {
      // Node keeps a base equal to the suffix unless the path is that bare name.
      if (base !== suffix || start === 0) base = base.slice(0, base.length - suffix.length);
    }
    return base;
  },
  extname(path) {
    validateString(path, 'path');
    const base = posix.basename(path);
    const dot = base.lastIndexOf('.');
    if (dot <= 0) return '';
    if (dot === base.length - 1) return base === '..' ? '' : '.';
    return base.slice(dot);
  },
  format(obj) {
    if (obj === null || typeof obj !== 'object') {
      const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
      throw new ERR_INVALID_ARG_TYPE('pathObject', 'Object', obj);
    }
    const dir = obj.dir || obj.root;
    const base = obj.base || `${obj.name || ''}${obj.ext ? (obj.ext[0] === '.' ? '' : '.') + obj.ext : ''}`;
    if (!dir) return base;
    return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
  },
  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const isAbs = path.charCodeAt(0) === 47;
    if (isAbs) ret.root = '/';
    let end = path.length;
    while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
    const trimmed = path.slice(0, end);
    const slash = trimmed.lastIndexOf('/');
    const base = trimmed.slice(slash + 1);
    if (base === '' && isAbs) { ret.dir = '/'; return ret; }
    ret.base = base;
    const dot = base.lastIndexOf('.');
    if (dot <= 0 || base === '..') {
      ret.name = base;
    } else {
      ret.name = base.slice(0, dot);
      ret.ext = base.slice(dot);
    }
    if (slash > 0) ret.dir = trimmed.slice(0, slash);
    else if (isAbs) ret.dir = '/';
    return ret;
  },
  matchesGlob(path, pattern) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '(?:.*/)?')}$`);
    return re.test(path);
  },
};

// Windows paths: enough for tools that build or display win32 paths on any OS.
const win32 = {
  sep: '\\',
  delimiter: ';',
  _isSep(c) { return c === '\\' || c === '/'; },
  _root(path) {
    const m = /^([a-zA-Z]:)?([\\/])?/.exec(path);
    const unc = /^[\\/]{2}[^\\/]+[\\/]+[^\\/]+[\\/]?/.exec(path);
    if (unc) return { device: unc[0].replace(/\//g, '\\').replace(/\\?$/, '\\').slice(0, -1), absolute: true, rest: path.slice(unc[0].length) };
    return { device: m[1] ? m[1] : '', absolute: !!m[2], rest: path.slice(m[0].length) };
  },
  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const { device, absolute, rest } = win32._root(path);
    const trailing = win32._isSep(path[path.length - 1]);
    let tail = normalizeSegments(rest, !absolute, '\\', /[\\/]+/);
    if (tail.length === 0 && !absolute) tail = '.';
    if (tail.length > 0 && trailing && rest.length > 0) tail += '\\';
    return device + (absolute ? '\\' : '') + tail;
  },
  isAbsolute(path) {
    validateString(path, 'path');
    return /^([a-zA-Z]:)?[\\/]/.test(path) || /^[\\/]{2}/.test(path);
  },
  join(...args) {
    const parts = args.filter((a) => { validateString(a, 'path'); return a.length > 0; });
    if (parts.length === 0) return '.';
    return win32.normalize(parts.join('\\'));
  },
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      const p = i >= 0 ? args[i] : process.cwd();
      validateString(p, `paths[${i}]`);
      if (p.length === 0) continue;
      const r = win32._root(p);
      if (device && r.device && r.device.toLowerCase() !== device.toLowerCase()) continue;
      if (!device) device = r.device;
      if (!absolute) {
        tail = `${r.rest}\\${tail}`;
        absolute = r.absolute;
      }
      if (device && absolute) break;
    }
    tail = normalizeSegments(tail, !absolute, '\\', /[\\/]+/);
    return (device + (absolute ? '\\' : '') + tail) || '.';
  },
  relative(from, to) {
    from = win32.resolve(from);
    to = win32.resolve(to);
    if (from.toLowerCase() === to.toLowerCase()) return '';
    const f = from.split('\\').filter(Boolean);
    const t = to.split('\\').filter(Boolean);
    let i = 0;
    while (i < f.length && i < t.length && f[i].toLowerCase() === t[i].toLowerCase()) i++;
    if (i === 0) return to;
    return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('\\');
  },
  toNamespacedPath(path) { return path; },
  dirname(path) {
    validateString(path, 'path');
    const { device, absolute, rest } = win32._root(path);
    const root = device + (absolute ? '\\' : '');
    let end = rest.length;
    while (end > 0 && win32._isSep(rest[end - 1])) end--;
    let i = end - 1;
    while (i >= 0 && !win32._isSep(rest[i])) i--;
    if (i < 0) return root || '.';
    while (i > 0 && win32._isSep(rest[i - 1])) i--;
    return path.slice(0, path.length - rest.length) + rest.slice(0, i) || root;
  },
  basename(path, suffix) {
    validateString(path, 'path');
    const { rest } = win32._root(path);
    const parts = rest.split(/[\\/]+/).filter(Boolean);
    let base = parts.length ? parts[parts.length - 1] : '';
    if (suffix && base.endsWith(suffix) && base !== suffix) base = base.slice(0, -suffix.length);
    return base;
  },
  extname(path) {
    const base = win32.basename(path);
    const dot = base.lastIndexOf('.');
    if (dot <= 0) return '';
    return base.slice(dot);
  },
  format(obj) {
    const dir = obj.dir || obj.root;
    const base = obj.base || `${obj.name || ''}${obj.ext || ''}`;
    if (!dir) return base;
    return dir === obj.root ? `${dir}${base}` : `${dir}\\${base}`;
  },
  parse(path) {
    validateString(path, 'path');
    const { device, absolute } = win32._root(path);
    const root = device + (absolute ? '\\' : '');
    const base = win32.basename(path);
    const ext = win32.extname(path);
    let dir = win32.dirname(path);
    if (dir === '.' && !path.includes('\\') && !path.includes('/')) dir = root;
    return { root, dir: base ? dir : root, base, ext, name: ext ? base.slice(0, -ext.length) : base };
  },
};

posix.posix = win32.posix = posix;
posix.win32 = win32.win32 = win32;
module.exports = posix;
