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

// Windows paths, with Node's rules on every OS: drive letters (`C:`), UNC roots
// (`\\server\share`), both separators accepted, `\` produced.
const isSep = (c) => c === '\\' || c === '/';
const isDriveLetter = (c) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));

// Collapses `.` and `..` segments of `path` (no root), joining with `sep`.
function collapse(path, allowAboveRoot, sep, isSeparator) {
  let res = '';
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let c;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) c = path[i];
    else if (isSeparator(c)) break;
    else c = '/';
    if (isSeparator(c)) {
      if (lastSlash === i - 1 || dots === 1) {
        // an empty segment or `.`: nothing to add
      } else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || res[res.length - 1] !== '.' || res[res.length - 2] !== '.') {
          if (res.length > 2) {
            const cut = res.lastIndexOf(sep);
            if (cut === -1) {
              res = '';
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, cut);
              lastSegmentLength = res.length - 1 - res.lastIndexOf(sep);
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (res.length !== 0) {
            res = '';
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? `${sep}..` : '..';
          lastSegmentLength = 2;
        }
      } else {
        res += (res.length > 0 ? sep : '') + path.slice(lastSlash + 1, i);
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (c === '.' && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

// The root of a win32 path: { device, rootEnd, isAbsolute, uncOnly } where uncOnly
// means the path is nothing but a UNC root (`\\server\share`).
function win32Root(path) {
  const len = path.length;
  let rootEnd = 0;
  let device = '';
  let isAbsolute = false;
  let uncOnly = false;
  const c = path[0];
  if (len === 1) {
    if (isSep(c)) {
      rootEnd = 1;
      isAbsolute = true;
    }
  } else if (isSep(c)) {
    isAbsolute = true;
    rootEnd = 1;
    if (isSep(path[1])) {
      let j = 2;
      let last = j;
      while (j < len && !isSep(path[j])) j++;
      if (j < len && j !== last) {
        const server = path.slice(last, j);
        last = j;
        while (j < len && isSep(path[j])) j++;
        if (j < len && j !== last) {
          last = j;
          while (j < len && !isSep(path[j])) j++;
          if (j === len || j !== last) {
            device = `\\\\${server}\\${path.slice(last, j)}`;
            rootEnd = j;
            uncOnly = j === len;
          }
        }
      }
    }
  } else if (isDriveLetter(c) && path[1] === ':') {
    device = path.slice(0, 2);
    rootEnd = 2;
    if (len > 2 && isSep(path[2])) {
      isAbsolute = true;
      rootEnd = 3;
    }
  }
  return { device, rootEnd, isAbsolute, uncOnly };
}

const win32 = {
  sep: '\\',
  delimiter: ';',

  resolve(...args) {
    let resolvedDevice = '';
    let resolvedTail = '';
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        path = process.cwd();
      } else {
        // The working directory of that drive, as Windows keeps it in `=C:`.
        path = process.env[`=${resolvedDevice}`] || process.cwd();
        if (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() && path[2] === '\\') path = `${resolvedDevice}\\`;
      }
      const { device, rootEnd, isAbsolute } = win32Root(path);
      if (device.length > 0) {
        if (resolvedDevice.length > 0) {
          if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
        } else {
          resolvedDevice = device;
        }
      }
      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = isAbsolute;
        if (isAbsolute && resolvedDevice.length > 0) break;
      }
    }
    resolvedTail = collapse(resolvedTail, !resolvedAbsolute, '\\', isSep);
    return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return path === '/' ? '\\' : path;
    const { device, rootEnd, isAbsolute, uncOnly } = win32Root(path);
    if (uncOnly) return `${device}\\`;
    let tail = rootEnd < len ? collapse(path.slice(rootEnd), !isAbsolute, '\\', isSep) : '';
    if (tail.length === 0 && !isAbsolute) tail = '.';
    if (tail.length > 0 && isSep(path[len - 1])) tail += '\\';
    // A relative result that would read as a drive (`C:x`) or a stream name keeps a
    // leading `.\`, so normalizing never changes what the path designates.
    if (!isAbsolute && device === '' && path.includes(':')) {
      if (tail.length >= 2 && isDriveLetter(tail[0]) && tail[1] === ':') return `.\\${tail}`;
      let index = path.indexOf(':');
      do {
        if (index === len - 1 || isSep(path[index + 1])) return `.\\${tail}`;
      } while ((index = path.indexOf(':', index + 1)) !== -1);
    }
    if (device === '') return isAbsolute ? `\\${tail}` : tail;
    return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    return isSep(path[0]) || (len > 2 && isDriveLetter(path[0]) && path[1] === ':' && isSep(path[2]));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let firstPart;
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) {
        if (joined === undefined) joined = firstPart = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return '.';
    // Keep a UNC root only when the first argument starts as one (`\\server`); collapse
    // the leading separators that joining produced otherwise.
    let needsReplace = true;
    let slashCount = 0;
    if (isSep(firstPart[0])) {
      ++slashCount;
      const firstLen = firstPart.length;
      if (firstLen > 1 && isSep(firstPart[1])) {
        ++slashCount;
        if (firstLen > 2) {
          if (isSep(firstPart[2])) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isSep(joined[slashCount])) slashCount++;
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return '';
    // Positions found in the lower-cased `to` mapped back to `toOrig` (a character whose
    // lower case is longer, like İ, would shift them).
    const orig = (lowerIndex) => {
      if (to.length === toOrig.length) return lowerIndex;
      let li = 0;
      for (let oi = 0; oi < toOrig.length; oi++) {
        if (li >= lowerIndex) return oi;
        li += toOrig[oi].toLowerCase().length;
      }
      return toOrig.length;
    };
    let fromStart = 0;
    while (fromStart < from.length && from[fromStart] === '\\') fromStart++;
    let fromEnd = from.length;
    while (fromEnd - 1 > fromStart && from[fromEnd - 1] === '\\') fromEnd--;
    const fromLen = fromEnd - fromStart;
    let toStart = 0;
    while (toStart < to.length && to[toStart] === '\\') toStart++;
    let toEnd = to.length;
    while (toEnd - 1 > toStart && to[toEnd - 1] === '\\') toEnd--;
    const toLen = toEnd - toStart;
    const length = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const c = from[fromStart + i];
      if (c !== to[toStart + i]) break;
      else if (c === '\\') lastCommonSep = i;
    }
    if (i !== length) {
      if (lastCommonSep === -1) return toOrig;
    } else {
      if (toLen > length) {
        if (to[toStart + i] === '\\') return toOrig.slice(orig(toStart + i + 1));
        if (i === 2) return toOrig.slice(orig(toStart + i));
      }
      if (fromLen > length) {
        if (from[fromStart + i] === '\\') lastCommonSep = i;
        else if (i === 2) lastCommonSep = 3;
      }
      if (lastCommonSep === -1) lastCommonSep = 0;
    }
    let out = '';
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from[i] === '\\') out += out.length === 0 ? '..' : '\\..';
    }
    toStart += lastCommonSep;
    if (out.length > 0) return `${out}${toOrig.slice(orig(toStart), orig(toEnd))}`;
    if (to[toStart] === '\\') ++toStart;
    return toOrig.slice(orig(toStart), orig(toEnd));
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved[0] === '\\') {
      if (resolved[1] === '\\') {
        // A UNC root becomes a long UNC path; a path already in the `\\?\` or `\\.\`
        // namespace comes back resolved.
        if (resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`;
        return resolved;
      }
    } else if (isDriveLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
      return `\\\\?\\${resolved}`;
    }
    return path;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isSep(path[0]) ? path : '.';
    let rootEnd = -1;
    let offset = 0;
    const { device, rootEnd: end0, uncOnly } = win32Root(path);
    if (uncOnly) return path;
    if (isSep(path[0])) {
      rootEnd = offset = device ? end0 + 1 : 1;
    } else if (device) {
      rootEnd = offset = end0;
    }
    let end = -1;
    let matchedSlash = true;
    for (let i = len - 1; i >= offset; --i) {
      if (isSep(path[i])) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) {
      if (rootEnd === -1) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    let start = 0;
    let end = -1;
    let matchedSlash = true;
    if (path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':') start = 2;
    if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
      if (suffix === path) return '';
      let extIdx = suffix.length - 1;
      let firstNonSlashEnd = -1;
      for (let i = path.length - 1; i >= start; --i) {
        const c = path[i];
        if (isSep(c)) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else {
          if (firstNonSlashEnd === -1) {
            matchedSlash = false;
            firstNonSlashEnd = i + 1;
          }
          if (extIdx >= 0) {
            if (c === suffix[extIdx]) {
              if (--extIdx === -1) end = i;
            } else {
              extIdx = -1;
              end = firstNonSlashEnd;
            }
          }
        }
      }
      if (start === end) end = firstNonSlashEnd;
      else if (end === -1) end = path.length;
      return path.slice(start, end);
    }
    for (let i = path.length - 1; i >= start; --i) {
      if (isSep(path[i])) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
    }
    if (end === -1) return '';
    return path.slice(start, end);
  },

  extname(path) {
    validateString(path, 'path');
    let start = 0;
    if (path.length >= 2 && path[1] === ':' && isDriveLetter(path[0])) start = 2;
    const { startDot, end } = lastDot(path, start);
    return startDot === -1 ? '' : path.slice(startDot, end);
  },

  format(pathObject) {
    return formatWith('\\', pathObject);
  },

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const len = path.length;
    if (len === 1) {
      if (isSep(path[0])) ret.root = ret.dir = path;
      else ret.base = ret.name = path;
      return ret;
    }
    let rootEnd = 0;
    const { device, rootEnd: end0, uncOnly } = win32Root(path);
    if (isSep(path[0])) {
      rootEnd = uncOnly ? len : device ? end0 + 1 : 1;
    } else if (device) {
      if (len <= 2 || (len === 3 && isSep(path[2]))) {
        ret.root = ret.dir = path;
        return ret;
      }
      rootEnd = end0;
    }
    if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
    const { startDot, startPart, end } = lastDot(path, rootEnd);
    if (end !== -1) {
      ret.base = path.slice(startPart, end);
      if (startDot === -1) {
        ret.name = ret.base;
      } else {
        ret.name = path.slice(startPart, startDot);
        ret.ext = path.slice(startDot, end);
      }
    }
    ret.dir = startPart > 0 && startPart !== rootEnd ? path.slice(0, startPart - 1) : ret.root;
    return ret;
  },

  matchesGlob(path, pattern) {
    return posix.matchesGlob(path.replace(/\\/g, '/'), pattern.replace(/\\/g, '/'));
  },
};

// The extension of the last segment at or after `start`: { startDot (-1 when none),
// startPart, end (-1 when the segment is empty) }. A leading dot (`.profile`) and `..`
// are not extensions.
function lastDot(path, start) {
  let startDot = -1;
  let startPart = start;
  let end = -1;
  let matchedSlash = true;
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; --i) {
    const c = path[i];
    if (isSep(c)) {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (c === '.') {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (startDot !== -1 && (end === -1 || preDotState === 0 || (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1))) startDot = -1;
  return { startDot, startPart, end };
}

function formatWith(sep, pathObject) {
  if (pathObject === null || typeof pathObject !== 'object') {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('pathObject', 'Object', pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
  const base = pathObject.base || `${pathObject.name || ''}${ext}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

posix.posix = win32.posix = posix;
posix.win32 = win32.win32 = win32;
module.exports = posix;
