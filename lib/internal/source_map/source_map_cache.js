'use strict';
// Source maps of loaded modules, as Node keeps them under --enable-source-maps or
// process.setSourceMapsEnabled(true): CommonJS sources are scanned for their last
// `sourceMappingURL` comment when compiled; ES modules from files are read back when a
// stack trace first needs their map (sources given by a loader hook are not kept). Maps
// are `data:` URLs or files beside the module; their `sources` become absolute URLs.

const { SourceMap } = require('internal/source_map/source_map');

let enabled; // undefined until the option is read or set
let installed = false; // the runtime's stack trace callback is in place
let wanted = false; // ... and must be again after a snapshot restore
const cache = new Map(); // module URL -> SourceMap, or null when it has none

function installFormatter() {
  wanted = true;
  if (!installed) installed = binding.stackTrace.install();
}

function setSourceMapsEnabled(value) {
  enabled = value;
  if (value) installFormatter();
}

function isEnabled() {
  if (enabled === undefined) setSourceMapsEnabled(require('internal/options').getOptionValue('--enable-source-maps') === true);
  return enabled;
}

// A restored process has a new isolate: the callback is installed again if it was
// wanted, and --enable-source-maps is read from this process's options.
function afterRestore() {
  installed = false;
  if (enabled !== true) enabled = undefined;
  if (wanted) installFormatter();
  isEnabled();
}

const urlPattern = /\/[*/][#@]\s+sourceMappingURL=(\S+)\s*(?:\*\/\s*)?$/gm;

function sourceMapURLOf(content) {
  let last;
  for (const m of content.matchAll(urlPattern)) last = m[1];
  return last;
}

function fileURL(pathOrURL) {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(pathOrURL) && !pathOrURL.startsWith('/')) return pathOrURL;
  return require('url').pathToFileURL(pathOrURL).href;
}

// The lengths of the lines of a generated source (SourceMap#lineLengths).
const lineLengthsOf = (content) => `${content}`.split(/\n|\u2028|\u2029/).map((line) => line.length);

function readMap(moduleURL, mapURL, content) {
  try {
    let text, base;
    if (mapURL.startsWith('data:')) {
      const comma = mapURL.indexOf(',');
      const meta = mapURL.slice(5, comma);
      // Only a JSON payload is a map (as in Node).
      if (meta.split(';')[0] !== 'application/json') return null;
      const data = mapURL.slice(comma + 1);
      text = meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
      base = moduleURL;
    } else {
      const url = new URL(mapURL, moduleURL);
      if (url.protocol !== 'file:') return null;
      text = require('fs').readFileSync(url, 'utf8');
      base = url.href;
    }
    const payload = JSON.parse(text);
    const absolute = (map) => {
      if (!Array.isArray(map.sources)) return;
      map.sources = map.sources.map((s) => {
        try {
          return new URL(`${map.sourceRoot ?? ''}${s}`, base).href;
        } catch {
          return s;
        }
      });
    };
    absolute(payload);
    if (Array.isArray(payload.sections)) for (const s of payload.sections) if (s?.map) absolute(s.map);
    return new SourceMap(payload, content === undefined ? undefined : { lineLengths: lineLengthsOf(content) });
  } catch {
    return null;
  }
}

// NODE_V8_COVERAGE: the maps of the modules compiled while coverage runs, as Node writes
// them beside the coverage (`source-map-cache`), enabled or not.
const coverageMaps = new Map(); // module URL -> { lineLengths, data, url }

// Called as a CommonJS module is compiled (lib/internal/modules/cjs.js).
function maybeCacheSourceMap(filename, content) {
  const coverage = internals.endCoverage !== undefined;
  if (!coverage && !isEnabled()) return;
  const url = fileURL(filename);
  const mapURL = sourceMapURLOf(`${content}`);
  if (mapURL === undefined) {
    if (isEnabled()) cache.set(url, null);
    return;
  }
  const map = readMap(url, mapURL, content);
  if (isEnabled()) cache.set(url, map);
  if (coverage) coverageMaps.set(url, coverageEntry(content, map, mapURL));
}

function coverageEntry(content, map, mapURL) {
  const lineLengths = `${content}`.split(/\n|\r\n/).map((line) => line.length);
  // The map's URL is kept only when the map could not be read (as in Node).
  const data = map?.payload ?? null;
  return { lineLengths, data, url: data === null ? mapURL : null };
}

// `urls`: the scripts of a coverage; ES modules (compiled natively, not through
// maybeCacheSourceMap) are read back here.
function sourceMapCacheToObject(urls = []) {
  for (const url of urls) {
    if (coverageMaps.has(url) || !url.startsWith('file:')) continue;
    try {
      const content = require('fs').readFileSync(new URL(url), 'utf8');
      const mapURL = sourceMapURLOf(content);
      if (mapURL !== undefined) coverageMaps.set(url, coverageEntry(content, readMap(url, mapURL, content), mapURL));
    } catch {}
  }
  if (coverageMaps.size === 0) return undefined;
  return Object.fromEntries(coverageMaps);
}

// module.findSourceMap(path or URL): the SourceMap of a loaded module, or undefined.
function findSourceMap(pathOrURL) {
  if (typeof pathOrURL !== 'string') return undefined;
  const url = fileURL(pathOrURL);
  let map = cache.get(url);
  if (map === undefined && isEnabled() && url.startsWith('file:')) {
    // An ES module (or a file compiled before maps were enabled): read it back.
    map = null;
    try {
      const content = require('fs').readFileSync(new URL(url), 'utf8');
      const mapURL = sourceMapURLOf(content);
      if (mapURL !== undefined) map = readMap(url, mapURL, content);
    } catch {}
    cache.set(url, map);
  }
  return map ?? undefined;
}

module.exports = { setSourceMapsEnabled, isEnabled, installFormatter, maybeCacheSourceMap, findSourceMap, afterRestore, sourceMapCacheToObject };
