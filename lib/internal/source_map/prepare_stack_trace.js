'use strict';
// Every `error.stack` once the runtime's stack trace callback is installed
// (bindings/stack_trace.rs), as Node formats it: the `Error.prepareStackTrace` of the
// error's realm, else (an error from a vm context) the main context's, else, with source
// maps enabled, frames mapped to their original place, else V8's own format.

const cache = require('internal/source_map/source_map_cache');

const MainError = Error;
const errorToString = Error.prototype.toString;

// V8's header line: Error.prototype.toString of the error, or of what it threw.
function header(error) {
  try {
    return Reflect.apply(errorToString, error, []);
  } catch (thrown) {
    try {
      return `<error: ${Reflect.apply(errorToString, thrown, [])}>`;
    } catch {
      return '<error>';
    }
  }
}

function site(s) {
  try {
    return `${s}`;
  } catch {
    return '<error>';
  }
}

function userPrepare(ErrorCtor) {
  try {
    const fn = ErrorCtor?.prepareStackTrace;
    return typeof fn === 'function' ? fn : undefined;
  } catch {
    return undefined;
  }
}

function prepareStackTrace(global, error, trace) {
  const RealmError = global?.Error;
  let fn = userPrepare(RealmError);
  if (fn !== undefined) return Reflect.apply(fn, RealmError, [error, trace]);
  if (RealmError !== MainError) {
    fn = userPrepare(MainError);
    if (fn !== undefined) return Reflect.apply(fn, MainError, [error, trace]);
  }
  if (cache.isEnabled()) return withSourceMaps(error, trace);
  let out = header(error);
  for (const s of trace) out += `\n    at ${site(s)}`;
  return out;
}

// The name the source map gives the enclosing function, else the one at the caller.
function originalName(map, trace, i) {
  const t = trace[i];
  const enclosing = map.findEntry(t.getEnclosingLineNumber() - 1, t.getEnclosingColumnNumber() - 1);
  if (enclosing.name) return enclosing.name;
  const caller = trace[i + 1];
  if (caller && cache.findSourceMap(caller.getFileName() ?? '') === map) {
    const entry = map.findEntry(caller.getLineNumber() - 1, caller.getColumnNumber() - 1);
    if (entry.name) return entry.name;
  }
  return undefined;
}

function mappedFrame(trace, i) {
  const t = trace[i];
  const file = t.getFileName();
  const map = file ? cache.findSourceMap(file) : undefined;
  if (map === undefined) return site(t);
  const { originalSource, originalLine, originalColumn } = map.findEntry(t.getLineNumber() - 1, t.getColumnNumber() - 1);
  if (originalSource === undefined || originalLine === undefined || originalColumn === undefined) return site(t);
  const name = originalName(map, trace, i);
  const fnName = t.getFunctionName() ?? t.getMethodName();
  const typeName = t.getTypeName();
  const own = `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${fnName || '<anonymous>'}`;
  const shown = name && name !== own ? name : own;
  let source = originalSource;
  if (source.startsWith('file://')) {
    try {
      source = require('url').fileURLToPath(source);
    } catch {}
  }
  return `${shown} (${source}:${originalLine + 1}:${originalColumn + 1})`;
}

function withSourceMaps(error, trace) {
  let out = header(error);
  for (let i = 0; i < trace.length; i++) {
    let line;
    try {
      line = mappedFrame(trace, i);
    } catch {
      line = site(trace[i]);
    }
    out += `\n    at ${line}`;
  }
  return out;
}

module.exports = { prepareStackTrace };
