'use strict';
// Package `exports` and `imports` as the ESM resolution specification defines them
// (PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE, PACKAGE_TARGET_RESOLVE), shared by
// require() (internal/modules/cjs) and import (internal/modules/esm/resolve), each with
// its own conditions. Targets are resolved as URLs against the package.json's URL, so a
// percent-encoded target stays encoded until the caller finalizes it (%2F and %5C are
// refused there). Segments that are empty (`a//b`, a leading or trailing `/` matched by
// a pattern) are deprecated (DEP0166, under --pending-deprecation); `.`, `..` and
// `node_modules` segments are errors.

const { pathToFileURL } = require('url');

// A segment that is empty, `.`, `..` or `node_modules` (also percent-encoded).
const invalidSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|\/|$)/i;
// The same without the empty segment: what is an error rather than deprecated.
const refusedSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;

function codes() {
  return require('internal/errors').codes;
}

function pkgDirOf(pjsonPath) {
  return pjsonPath.slice(0, pjsonPath.length - 'package.json'.length);
}

function invalidTarget(pjsonPath, key, target, internal, base) {
  const { ERR_INVALID_PACKAGE_TARGET } = codes();
  return new ERR_INVALID_PACKAGE_TARGET(pkgDirOf(pjsonPath), key, target, internal, base);
}

function segmentDeprecation(target, request, match, pjsonPath, internal, base, isTarget) {
  if (!require('internal/options').getOptionValue('--pending-deprecation')) return;
  const double = /[/\\]{2}/.test(isTarget ? target : request);
  process.emitWarning(
    `Use of deprecated ${double ? 'double slash' : 'leading or trailing slash matching'} resolving "${target}" for module ` +
    `request "${request}" ${request !== match ? `matched to "${match}" ` : ''}in the "${internal ? 'imports' : 'exports'}" ` +
    `field module resolution of the package at ${pjsonPath}${base ? ` imported from ${base}` : ''}.`,
    'DeprecationWarning', 'DEP0166');
}

const trailingSlashWarned = new Set();
function trailingSlashDeprecation(match, pjsonPath, base) {
  if (process.noDeprecation) return;
  const key = `${pjsonPath}|${match}`;
  if (trailingSlashWarned.has(key)) return;
  trailingSlashWarned.add(key);
  process.emitWarning(
    `Use of deprecated trailing slash pattern mapping "${match}" in the "exports" field module resolution of the ` +
    `package at ${pjsonPath}${base ? ` imported from ${base}` : ''}. Mapping specifiers ending in "/" is no longer supported.`,
    'DeprecationWarning', 'DEP0155');
}

function isUrl(s) {
  return URL.canParse(s);
}

// A string target: a URL inside the package, or `{ bare }` (an `imports` target naming
// a package, resolved by the caller).
function resolveTargetString(target, subpath, match, pjsonPath, base, pattern, internal, isPathMap) {
  const substituted = () => (pattern ? target.replaceAll('*', () => subpath) : target + subpath);
  const request = pattern ? match.replace('*', () => subpath) : match + subpath;
  if (!target.startsWith('./')) {
    if (internal && !target.startsWith('../') && !target.startsWith('/') && !isUrl(target)) {
      return { bare: substituted() };
    }
    throw invalidTarget(pjsonPath, match, target, internal, base);
  }
  if (invalidSegment.test(target.slice(2))) {
    if (refusedSegment.test(target.slice(2))) throw invalidTarget(pjsonPath, match, target, internal, base);
    if (!isPathMap) segmentDeprecation(substituted(), request, match, pjsonPath, internal, base, true);
  }
  const pjsonUrl = pathToFileURL(pjsonPath);
  const resolved = new URL(target, pjsonUrl);
  if (!resolved.pathname.startsWith(new URL('.', pjsonUrl).pathname)) {
    throw invalidTarget(pjsonPath, match, target, internal, base);
  }
  if (subpath === '') return resolved;
  if (invalidSegment.test(subpath)) {
    if (refusedSegment.test(subpath)) {
      const { ERR_INVALID_MODULE_SPECIFIER } = codes();
      throw new ERR_INVALID_MODULE_SPECIFIER(request, `request is not a valid match in pattern "${match}" for the "${internal ? 'imports' : 'exports'}" resolution of ${pjsonPath}`, base);
    }
    if (!isPathMap) segmentDeprecation(substituted(), request, match, pjsonPath, internal, base, false);
  }
  if (pattern) return new URL(resolved.href.replaceAll('*', () => subpath));
  return new URL(subpath, resolved);
}

// PACKAGE_TARGET_RESOLVE: a URL, `{ bare }`, null (explicitly nothing) or undefined
// (no condition matched).
function resolveTarget(pjsonPath, target, subpath, match, base, pattern, internal, isPathMap, conditions) {
  if (typeof target === 'string') {
    return resolveTargetString(target, subpath, match, pjsonPath, base, pattern, internal, isPathMap);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError;
    for (let i = 0; i < target.length; i++) {
      let resolved;
      try {
        resolved = resolveTarget(pjsonPath, target[i], subpath, match, base, pattern, internal, isPathMap, conditions);
      } catch (err) {
        lastError = err;
        if (err?.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw err;
      }
      if (resolved === undefined) continue;
      if (resolved === null) {
        lastError = null;
        continue;
      }
      return resolved;
    }
    if (lastError === undefined || lastError === null) return lastError;
    throw lastError;
  }
  if (target !== null && typeof target === 'object') {
    const keys = Object.getOwnPropertyNames(target);
    for (let i = 0; i < keys.length; i++) {
      if (/^(0|[1-9]\d*)$/.test(keys[i])) {
        const { ERR_INVALID_PACKAGE_CONFIG } = codes();
        throw new ERR_INVALID_PACKAGE_CONFIG(pjsonPath, base, '"exports" cannot contain numeric property keys.');
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'default' || conditions.includes(key)) {
        const resolved = resolveTarget(pjsonPath, target[key], subpath, match, base, pattern, internal, isPathMap, conditions);
        if (resolved === undefined) continue;
        return resolved;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(pjsonPath, match, target, internal, base);
}

// The order of pattern keys: longer prefix before the `*` first, then longer keys.
function patternKeyCompare(a, b) {
  const baseA = a.indexOf('*');
  const baseB = b.indexOf('*');
  const lenA = baseA === -1 ? a.length : baseA + 1;
  const lenB = baseB === -1 ? b.length : baseB + 1;
  if (lenA > lenB) return -1;
  if (lenB > lenA) return 1;
  if (baseA === -1) return 1;
  if (baseB === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

// The best pattern key of `map` for `request`, and what its `*` matches.
function bestPattern(map, request, onCandidate) {
  let best = '';
  let bestSubpath;
  const keys = Object.getOwnPropertyNames(map);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const star = key.indexOf('*');
    if (star === -1 || !request.startsWith(key.slice(0, star))) continue;
    onCandidate?.();
    const trailer = key.slice(star + 1);
    if (request.length >= key.length && request.endsWith(trailer) && patternKeyCompare(best, key) === 1 &&
        key.lastIndexOf('*') === star) {
      best = key;
      bestSubpath = request.slice(star, request.length - trailer.length);
    }
  }
  return best === '' ? null : { key: best, subpath: bestSubpath };
}

// `exports` that is the main entry alone (a string, an array, or conditions).
function isMainSugar(exports, pjsonPath, base) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  const keys = Object.getOwnPropertyNames(exports);
  let dotted;
  for (let i = 0; i < keys.length; i++) {
    const isDot = keys[i] !== '' && keys[i][0] === '.';
    if (dotted === undefined) {
      dotted = isDot;
    } else if (dotted !== isDot) {
      const { ERR_INVALID_PACKAGE_CONFIG } = codes();
      throw new ERR_INVALID_PACKAGE_CONFIG(pjsonPath, base, '"exports" cannot contain some keys starting with \'.\' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.');
    }
  }
  return dotted === false;
}

function notExported(pjsonPath, subpath, base) {
  const { ERR_PACKAGE_PATH_NOT_EXPORTED } = codes();
  return new ERR_PACKAGE_PATH_NOT_EXPORTED(pkgDirOf(pjsonPath), subpath, base);
}

// PACKAGE_EXPORTS_RESOLVE: the URL `subpath` ('.' or './x') of the package whose
// package.json is `pjsonPath` maps to. `base`: the importing file, for messages.
function packageExportsResolve(pjsonPath, subpath, exports, base, conditions) {
  if (isMainSugar(exports, pjsonPath, base)) exports = { '.': exports };
  const isObject = exports !== null && typeof exports === 'object';
  if (isObject && Object.prototype.hasOwnProperty.call(exports, subpath) && !subpath.includes('*') && !subpath.endsWith('/')) {
    const resolved = resolveTarget(pjsonPath, exports[subpath], '', subpath, base, false, false, false, conditions);
    if (resolved === null || resolved === undefined) throw notExported(pjsonPath, subpath, base);
    return resolved;
  }
  const best = isObject ? bestPattern(exports, subpath, () => {
    if (subpath.endsWith('/')) trailingSlashDeprecation(subpath, pjsonPath, base);
  }) : null;
  if (best !== null) {
    const resolved = resolveTarget(pjsonPath, exports[best.key], best.subpath, best.key, base, true, false, subpath.endsWith('/'), conditions);
    if (resolved === null || resolved === undefined) throw notExported(pjsonPath, subpath, base);
    return resolved;
  }
  throw notExported(pjsonPath, subpath, base);
}

// PACKAGE_IMPORTS_RESOLVE: `name` (`#...`) through the `imports` of the package scope
// `scope` (`{ dir, pkg }` or null). A URL, or `{ bare }` for a target naming a package.
function packageImportsResolve(name, scope, base, conditions) {
  const { ERR_INVALID_MODULE_SPECIFIER, ERR_PACKAGE_IMPORT_NOT_DEFINED } = codes();
  if (name === '#' || name.startsWith('#/') || name.endsWith('/')) {
    throw new ERR_INVALID_MODULE_SPECIFIER(name, 'is not a valid internal imports specifier name', base);
  }
  let pjsonPath;
  if (scope !== null) {
    pjsonPath = scope.pkg.path;
    const { imports } = scope.pkg;
    if (imports !== null && typeof imports === 'object' && !Array.isArray(imports)) {
      if (Object.prototype.hasOwnProperty.call(imports, name) && !name.includes('*')) {
        const resolved = resolveTarget(pjsonPath, imports[name], '', name, base, false, true, false, conditions);
        if (resolved !== null && resolved !== undefined) return resolved;
      } else {
        const best = bestPattern(imports, name);
        if (best !== null) {
          const resolved = resolveTarget(pjsonPath, imports[best.key], best.subpath, best.key, base, true, true, false, conditions);
          if (resolved !== null && resolved !== undefined) return resolved;
        }
      }
    }
  }
  throw new ERR_PACKAGE_IMPORT_NOT_DEFINED(name, pjsonPath === undefined ? undefined : pkgDirOf(pjsonPath), base);
}

module.exports = { packageExportsResolve, packageImportsResolve, isMainSugar, patternKeyCompare };
