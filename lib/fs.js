'use strict';
// node:fs — the synchronous API over native bindings, and the callback, promise and
// stream forms over the same bindings given an op id: the operation then runs on the
// blocking thread pool and completes in the loop's I/O phase (`fsReq`), as in Node.

const fsb = binding.fs;
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_INVALID_URL_SCHEME, ERR_METHOD_NOT_IMPLEMENTED, ERR_INVALID_STATE },
  validateFunction, validateInteger, validateUint32, validateBoolean, validateObject, parseFileMode,
} = require('internal/errors');

// A file descriptor: a 32-bit integer >= 0, as Node checks it.
function validateFd(fd) {
  if (typeof fd !== 'number') throw new ERR_INVALID_ARG_TYPE('fd', 'number', fd);
  if (!Number.isInteger(fd)) throw new ERR_OUT_OF_RANGE('fd', 'an integer', fd);
  if (fd < 0 || fd > 2147483647) throw new ERR_OUT_OF_RANGE('fd', '>= 0 && <= 2147483647', fd);
  return fd;
}

const fsUtils = require('internal/fs/utils');
const {
  constants, Stats, BigIntStats, getStatsFromBinding: makeStats, Dirent, stringToFlags,
  validateOffsetLengthRead, validateOffsetLengthWrite, validateRmOptionsSync, validateRmOptions,
  validateRmdirOptions, emitRecursiveRmdirWarning,
} = fsUtils;

// A path argument: a string, a Buffer or Uint8Array, or a file: URL, without null bytes
// (Node's getValidatedPath).
function toPath(p, name = 'path') {
  if (typeof p !== 'string') {
    if (p instanceof URL || (p && typeof p === 'object' && typeof p.href === 'string' && p.protocol)) {
      if (p.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
      p = require('url').fileURLToPath(p);
    } else if (p instanceof Uint8Array) {
      if (p.includes(0)) throw new ERR_INVALID_ARG_VALUE(name, p, 'must be a string, Uint8Array, or URL without null bytes');
      return new TextDecoder().decode(p);
    } else {
      throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], p);
    }
  }
  if (p.includes('\u0000')) throw new ERR_INVALID_ARG_VALUE(name, p, 'must be a string, Uint8Array, or URL without null bytes');
  return p;
}

// The encoding of an `options` argument (a string or an object), checked as Node's
// getOptions does: other types and unknown encodings throw.
function encodingOf(options) {
  let enc = null;
  if (typeof options === 'string') enc = options;
  else if (options !== null && typeof options === 'object') enc = options.encoding ?? null;
  else if (options !== undefined && options !== null && typeof options !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (enc !== null && enc !== 'buffer' && !Buffer.isEncoding(enc)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', enc, 'is invalid encoding');
  }
  return enc;
}

function decode(bytes, encoding) {
  if (encoding === null || encoding === undefined || encoding === 'buffer') {
    return globalThis.Buffer ? globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
  }
  if (globalThis.Buffer) return globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(encoding);
  return new TextDecoder().decode(bytes);
}

// What fs.readFile was given: the open flag ('r' unless options.flag says otherwise)
// and its AbortSignal.
function readFileFlag(options) {
  return options !== null && typeof options === 'object' && options.flag != null ? options.flag : 'r';
}
// options.signal: undefined or an AbortSignal (ERR_INVALID_ARG_TYPE otherwise, as Node).
function signalOf(options) {
  const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return signal;
}
// Node's AbortError, with the signal's reason as its cause.
function abortError(signal) {
  const err = new Error('The operation was aborted', { cause: signal?.reason });
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}
// The rest of a descriptor's file from its current position.
function readAllSync(fd) {
  const chunks = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const n = fsb.read(fd, buf, 0, buf.length, -1);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
// A regular file larger than Buffer's limit is refused first (ERR_FS_FILE_TOO_LARGE), as
// Node's readFile does; then the file is read from the descriptor's position.
function readAllAsync(fd, signal, done) {
  asyncOps.fstat([fd], (err, st) => {
    if (err) return done(err);
    if (st.isFile() && st.size > fsUtils.kIoMaxLength) {
      return done(new (require('internal/errors').codes.ERR_FS_FILE_TOO_LARGE)(st.size));
    }
    readChunksAsync(fd, signal, done);
  });
}
function readChunksAsync(fd, signal, done) {
  const chunks = [];
  let total = 0;
  const next = () => {
    if (signal?.aborted) return done(abortError(signal));
    const buf = Buffer.allocUnsafe(64 * 1024);
    fsReq('read', [fd, buf, 0, buf.length, -1], (err, n) => {
      if (err) return done(err);
      if (n === 0) return done(null, Buffer.concat(chunks, total));
      chunks.push(buf.subarray(0, n));
      total += n;
      next();
    });
  };
  next();
}

function readFileSync(path, options) {
  const encoding = encodingOf(options);
  if (path instanceof FileHandle) path = path.fd;
  if (path === 0 || path === '/dev/stdin') return decode(fsb.readFile(0), encoding);
  // A descriptor is read from its current position, as in Node.
  if (typeof path === 'number') return decode(readAllSync(validateFd(path)), encoding);
  path = toPath(path);
  const flag = readFileFlag(options);
  if (flag !== 'r') {
    const fd = openSync(path, flag);
    try {
      return decode(readAllSync(fd), encoding);
    } finally {
      closeSync(fd);
    }
  }
  if (encoding === 'utf8' || encoding === 'utf-8') return fsb.readFileText(path);
  return decode(fsb.readFile(path), encoding);
}

// writeFile's arguments: `{ fd, data }` for a descriptor, else the binding's arguments.
function writeFileArgs(path, data, options) {
  const flag = options && typeof options === 'object' && options.flag != null ? options.flag : 'w';
  const mode = parseFileMode(options && typeof options === 'object' ? options.mode : undefined, 'mode', 0o666);
  if (path instanceof FileHandle) path = path.fd;
  if (typeof path === 'number') {
    return { fd: path, data: typeof data === 'string' ? Buffer.from(data, encodingOf(options) ?? 'utf8') : data };
  }
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  const encoding = encodingOf(options);
  if (typeof data === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8' && globalThis.Buffer) {
    data = globalThis.Buffer.from(data, encoding);
  }
  return { args: [toPath(path), data, flagsToNumber(flag), mode] };
}

// The `flush` option: after writing, the data is synced (through fs.fsyncSync/fs.fsync,
// so a replaced one is what runs).
function flushOf(options) {
  const flush = options !== null && typeof options === 'object' ? options.flush : undefined;
  if (flush == null) return false;
  validateBoolean(flush, 'options.flush');
  return flush;
}

function writeFileSync(path, data, options) {
  const flush = flushOf(options);
  const w = writeFileArgs(path, data, options);
  if (w.fd !== undefined) {
    writeSync(w.fd, w.data);
    if (flush) module.exports.fsyncSync(w.fd);
  } else if (flush) {
    const [file, bytes, flags, mode] = w.args;
    const fd = openSync(file, flags, mode);
    try {
      const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      let offset = 0;
      while (offset < buf.byteLength) offset += writeSync(fd, buf, offset, buf.byteLength - offset);
      module.exports.fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } else {
    fsb.writeFile(...w.args);
  }
}

function appendFileSync(path, data, options) {
  const opts = typeof options === 'string' ? { encoding: options } : { ...options };
  opts.flag ||= 'a';
  writeFileSync(path, data, opts);
}

function existsSync(path) {
  try {
    return fsb.exists(toPath(path));
  } catch {
    return false;
  }
}

function statSync(path, options) {
  return makeStats(fsb.stat(toPath(path), false, options?.throwIfNoEntry ?? true), options);
}
function lstatSync(path, options) {
  return makeStats(fsb.stat(toPath(path), true, options?.throwIfNoEntry ?? true), options);
}
function fstatSync(fd, options) {
  return makeStats(fsb.fstat(validateFd(fd)), options);
}


function readdirSync(path, options) {
  path = toPath(path);
  const withFileTypes = !!(options && typeof options === 'object' && options.withFileTypes);
  const recursive = !!(options && typeof options === 'object' && options.recursive);
  const pathMod = require('path');
  if (recursive) {
    const out = [];
    const walk = (dir, rel) => {
      const [names, types] = fsb.readdir(dir, true);
      for (let i = 0; i < names.length; i++) {
        const r = rel ? `${rel}/${names[i]}` : names[i];
        out.push(withFileTypes ? new Dirent(names[i], types[i], dir) : r);
        if (types[i] === 2) walk(pathMod.join(dir, names[i]), r);
      }
    };
    walk(path, '');
    return out;
  }
  if (withFileTypes) {
    const [names, types] = fsb.readdir(path, true);
    return names.map((n, i) => new Dirent(n, types[i], path));
  }
  encodingOf(options);
  return fsb.readdir(path, false).map((n) => withEncoding(n, options));
}

// mkdir's options: a mode (number or octal string) or `{ recursive, mode }`.
function mkdirArgs(path, options) {
  let recursive = false;
  let mode;
  if (typeof options === 'number' || typeof options === 'string') mode = options;
  else if (options != null) {
    if (options.recursive !== undefined) recursive = options.recursive;
    mode = options.mode;
  }
  validateBoolean(recursive, 'options.recursive');
  return [toPath(path), recursive, parseFileMode(mode, 'mode', 0o777) & 0o7777];
}
function mkdirSync(path, options) {
  return fsb.mkdir(...mkdirArgs(path, options));
}

function rmSync(path, options) {
  path = toPath(path);
  options = validateRmOptionsSync(path, options, false);
  fsb.rm(path, options.recursive, options.force);
}
// rmdir's deprecated `recursive` form removes a directory tree as rm does (DEP0147).
function rmdirSync(path, options) {
  path = toPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    const checked = validateRmOptionsSync(path, { ...options, force: false }, true);
    if (checked !== false) return rimrafSync(path, { maxRetries: checked.maxRetries, retryDelay: checked.retryDelay });
  } else {
    validateRmdirOptions(options);
  }
  fsb.rmdir(path, false);
}
// rmdirSync's recursive form, as Node's rimraf: children first, then each directory
// through the module's rmdirSync (a program may wrap it) with rimraf's own options,
// which no longer ask for recursion.
function rimrafSync(path, options) {
  if (lstatSync(path).isDirectory()) {
    const join = require('path').join;
    for (const name of readdirSync(path)) rimrafSync(join(path, name), options);
    module.exports.rmdirSync(path, options);
  } else {
    fsb.unlink(path);
  }
}
function unlinkSync(path) { fsb.unlink(toPath(path)); }
function renameSync(from, to) { fsb.rename(toPath(from, 'oldPath'), toPath(to, 'newPath')); }
// copyFile's mode: COPYFILE_* flags (0 to 7), 0 when not given.
function copyFileMode(mode) {
  if (mode == null) return 0;
  validateInteger(mode, 'mode', 0, 7);
  return mode;
}
function copyFileSync(from, to, mode) { fsb.copyFile(toPath(from, 'src'), toPath(to, 'dest'), copyFileMode(mode)); }
// Node's fs.realpath (not .native) resolves by lstat-ing each component: a missing one
// is reported as lstat's failure on the first path prefix that does not exist.
function asLstatError(err) {
  if (err.syscall !== 'realpath' || typeof err.path !== 'string') return err;
  const parts = err.path.split('/');
  let prefix = err.path;
  for (let i = 2; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/') || '/';
    if (!fsb.stat(p, true, false)) { prefix = p; break; }
  }
  err.syscall = 'lstat';
  err.path = prefix;
  err.message = `${err.code}: ${err.message.slice(err.code.length + 2).split(', realpath')[0]}, lstat '${prefix}'`;
  return err;
}
function realpathSync(path, options) {
  encodingOf(options);
  path = toPath(path);
  try {
    return withEncoding(fsb.realpath(path), options);
  } catch (err) {
    const viaPipe = err.code === 'ENOENT' ? realpathToPipe(path) : undefined;
    if (viaPipe !== undefined) return withEncoding(viaPipe, options);
    throw asLstatError(err);
  }
}
// A path through a symbolic link to a pipe or socket (/dev/stdin -> /proc/self/fd/0 ->
// 'pipe:[1234]') has no real path for realpath(3). Node's fs.realpath resolves the links
// one component at a time, and stops once a link to a pipe or socket was followed and
// the walk, started over, meets a component it already knows is no link: its answer
// for /dev/stdin on a pipe is '/proc/<pid>/fd/pipe:[1234]'. The same walk, used only
// when realpath(3) found nothing (undefined when the walk does not stop that way).
function realpathToPipe(path) {
  const pathMod = require('path');
  const knownHard = new Set();
  let p = pathMod.resolve(path);
  let lastWasPipe = false;
  for (let links = 0; links <= 40; links++) {
    const parts = p.split('/').filter(Boolean);
    let base = '';
    let restarted = false;
    for (let i = 0; i < parts.length; i++) {
      base += `/${parts[i]}`;
      if (knownHard.has(base)) {
        if (lastWasPipe) return p;
        continue;
      }
      let st;
      try { st = lstatSync(base); } catch { return undefined; }
      lastWasPipe = st.isFIFO() || st.isSocket();
      if (!st.isSymbolicLink()) {
        knownHard.add(base);
        continue;
      }
      let target;
      try {
        const targetStat = statSync(base);
        lastWasPipe = targetStat.isFIFO() || targetStat.isSocket();
        target = readlinkSync(base);
      } catch {
        return undefined;
      }
      p = pathMod.resolve(pathMod.dirname(base), target, ...parts.slice(i + 1));
      restarted = true;
      break;
    }
    if (!restarted) return undefined;
  }
  return undefined;
}
realpathSync.native = function realpathSync(path, options) {
  encodingOf(options);
  return withEncoding(fsb.realpath(toPath(path)), options);
};
// access's mode: F_OK, or R_OK|W_OK|X_OK (0 to 7).
function accessMode(mode) {
  if (mode == null) return constants.F_OK;
  validateInteger(mode, 'mode', 0, 7);
  return mode;
}
function accessSync(path, mode) { fsb.access(toPath(path), accessMode(mode)); }
function chmodSync(path, mode) { fsb.chmod(toPath(path), parseFileMode(mode, 'mode')); }
// symlink's `type` only matters on Windows, but is checked everywhere as in Node.
function validateSymlinkType(type) {
  if (type != null && type !== 'dir' && type !== 'file' && type !== 'junction') {
    const { ERR_FS_INVALID_SYMLINK_TYPE } = require('internal/errors').codes;
    throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
  }
}
function symlinkSync(target, path, type) {
  validateSymlinkType(type);
  fsb.symlink(toPath(target, 'target'), toPath(path));
}
// A name the system gave (UTF-8) in the encoding options ask for: a Buffer of its bytes,
// or its bytes as a string of that encoding.
function withEncoding(s, options) {
  const enc = encodingOf(options);
  if (enc === 'buffer') return Buffer.from(s);
  if (enc === null || enc === 'utf8' || enc === 'utf-8') return s;
  return Buffer.from(s).toString(enc);
}
function readlinkSync(path, options) {
  encodingOf(options);
  return withEncoding(fsb.readlink(toPath(path)), options);
}
// A template ending in X is warned about once, as Node does (other systems' mkdtemp
// would replace those X's too).
let mkdtempXWarned = false;
function mkdtempArgs(prefix, options) {
  encodingOf(options);
  prefix = toPath(prefix, 'prefix');
  if (!mkdtempXWarned && prefix.endsWith('X')) {
    mkdtempXWarned = true;
    process.emitWarning('mkdtemp() templates ending with X are not portable. For details see: https://nodejs.org/api/fs.html');
  }
  return [prefix];
}
function mkdtempSync(prefix, options) { return withEncoding(fsb.mkdtemp(...mkdtempArgs(prefix, options)), options); }
// A time argument in seconds: a number, a numeric string or a Date (Node's
// toUnixTimestamp; negative or non-finite numbers mean now).
function toUnixTimestamp(time, name = 'time') {
  // eslint-disable-next-line eqeqeq
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}
function utimesArgs(path, atime, mtime, link) {
  return [path, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'), link];
}
function utimesSync(path, atime, mtime) { fsb.utimes(...utimesArgs(toPath(path), atime, mtime, false)); }

function flagsToNumber(flags, def = 'r') {
  return stringToFlags(flags ?? def);
}


// Open descriptors and where they were opened: a snapshot build refuses them.
const openFiles = new Map();
internals.describeOpenFiles = () => [...openFiles].map(([fd, { path, where }]) => ({ kind: `open file descriptor ${fd} (${path})`, where }));

function openSync(path, flags, mode) {
  path = toPath(path);
  const fd = fsb.open(path, flagsToNumber(flags), parseFileMode(mode, 'mode', 0o666));
  openFiles.set(fd, { path, where: internals.callerLocation() });
  internals.trackUnmanagedFd?.(fd, true);
  return fd;
}
function closeSync(fd) {
  fsb.close(validateFd(fd));
  openFiles.delete(fd);
  internals.trackUnmanagedFd?.(fd, false);
}
function validateBuffer(buffer, name = 'buffer') {
  if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], buffer);
}
function validatePosition(position, name, length) {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
  } else if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw new ERR_OUT_OF_RANGE(name, `>= -1 && <= ${max}`, position);
  } else {
    throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
  }
}
// The checks shared by read and readSync once offset, length and position are known;
// returns the binding's arguments, or null when nothing is to be read (length 0).
function checkedReadArgs(fd, buffer, offset, length, position) {
  validateBuffer(buffer);
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return null;
  if (buffer.byteLength === 0) throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  validatePosition(position, 'position', length);
  return [fd, buffer, offset, length, typeof position === 'bigint' ? position : Number(position)];
}
function readSync(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined && offsetOrOptions !== null) validateObject(offsetOrOptions, 'options');
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
  }
  const args = checkedReadArgs(fd, buffer, offset, length, position);
  return args === null ? 0 : fsb.read(...args);
}
// read's arguments in any of its forms: `[args for the binding or null, buffer, cb]`.
function readCallbackArgs(argc, fd, buffer, offsetOrOptions, length, position, cb) {
  validateFd(fd);
  let offset = offsetOrOptions;
  if (argc <= 4) {
    let params;
    if (argc === 4) {
      if (offsetOrOptions !== null) validateObject(offsetOrOptions, 'options');
      cb = length;
      params = offsetOrOptions;
    } else if (argc === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        if (params != null) validateObject(params, 'options');
        ({ buffer = Buffer.alloc(16384) } = params ?? {});
      }
      cb = offsetOrOptions;
    } else {
      cb = buffer;
      buffer = Buffer.alloc(16384);
    }
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  validateBuffer(buffer);
  validateFunction(cb, 'cb');
  return [checkedReadArgs(fd, buffer, offset, length, position), buffer, cb];
}
// For the promise and stream forms: the binding's arguments (offset, length, position).
function readArgs(fd, buffer, offset, length, position) {
  validateFd(fd);
  return checkedReadArgs(fd, buffer, offset, length, position) ?? [fd, buffer, 0, 0, -1];
}
function validateWriteString(buffer) {
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}
// A string written in `encoding`: the binding writes UTF-8 strings itself.
function stringWriteArgs(fd, string, position, encoding) {
  validateWriteString(string);
  // As Node's binding: an unknown encoding is UTF-8; hex needs whole bytes.
  if (typeof encoding !== 'string' || !Buffer.isEncoding(encoding)) encoding = 'utf8';
  if (encoding.toLowerCase() === 'hex' && string.length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, `is invalid for data of length ${string.length}`);
  }
  const pos = typeof position === 'number' ? position : -1;
  if (encoding !== 'utf8' && encoding !== 'utf-8') return [fd, Buffer.from(string, encoding), 0, undefined, pos];
  return [fd, string, 0, undefined, pos];
}
// A view's offset, length and position (from arguments or an options object).
function viewWriteArgs(fd, buffer, offset, length, position) {
  if (typeof offset === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset ?? {});
  }
  if (offset == null || typeof offset === 'function') offset = 0;
  else validateInteger(offset, 'offset', 0);
  if (typeof length !== 'number') length = buffer.byteLength - offset;
  if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
  validateOffsetLengthWrite(offset, length, buffer.byteLength);
  return [fd, buffer, offset, length, position === null ? -1 : Number(position)];
}
function writeSync(fd, buffer, offsetOrOptions, length, position) {
  return fsb.write(...writeArgs(fd, buffer, offsetOrOptions, length, position));
}
// write's arguments for the binding: fd, string or view, offset, length, position. For
// a string, the third and fourth arguments are position and encoding.
function writeArgs(fd, buffer, offsetOrPosition, lengthOrEncoding, position) {
  validateFd(fd);
  if (ArrayBuffer.isView(buffer)) return viewWriteArgs(fd, buffer, offsetOrPosition, lengthOrEncoding, position);
  return stringWriteArgs(fd, buffer, offsetOrPosition, lengthOrEncoding);
}
// An array of ArrayBufferViews (readv/writev).
function validateBuffers(buffers) {
  if (!Array.isArray(buffers) || !buffers.every((b) => ArrayBuffer.isView(b))) {
    throw new ERR_INVALID_ARG_TYPE('buffers', 'ArrayBufferView[]', buffers);
  }
}
// readv/writev's arguments for the binding: fd, views, position (-1: current).
function vectorArgs(fd, buffers, position) {
  validateFd(fd);
  validateBuffers(buffers);
  return [fd, buffers, typeof position === 'number' ? position : -1];
}
function readvSync(fd, buffers, position) { return fsb.readv(...vectorArgs(fd, buffers, position)); }
function writevSync(fd, buffers, position) {
  const args = vectorArgs(fd, buffers, position);
  if (buffers.length === 0) return 0;
  return fsb.writev(...args);
}
// What statfs(2) says about the file system holding a path (Node's StatFs).
class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    Object.assign(this, { type, bsize, blocks, bfree, bavail, files, ffree });
  }
}
const makeStatFs = (values, options) => new StatFs(...(options?.bigint ? values.map((n) => BigInt(n)) : values));
function statfsSync(path, options = { bigint: false }) { return makeStatFs(fsb.statfs(toPath(path)), options); }
function validLen(len) {
  validateInteger(len, 'len');
  return Math.max(0, len);
}
function ftruncateSync(fd, len = 0) {
  validateFd(fd);
  fsb.ftruncate(fd, validLen(len));
}
// fs.truncate with a descriptor (DEP0081), warned about once.
let truncateFdWarned = false;
function warnTruncateFd() {
  if (truncateFdWarned) return;
  truncateFdWarned = true;
  process.emitWarning('Using fs.truncate with a file descriptor is deprecated. Please use fs.ftruncate with a file descriptor instead.', 'DeprecationWarning', 'DEP0081');
}
function truncateSync(path, len = 0) {
  if (typeof path === 'number') {
    warnTruncateFd();
    return ftruncateSync(path, len);
  }
  validLen(len);
  const fd = openSync(path, 'r+');
  try { ftruncateSync(fd, len); } finally { closeSync(fd); }
}
function fsyncSync(fd) { fsb.fsync(validateFd(fd), false); }
function fdatasyncSync(fd) { fsb.fsync(validateFd(fd), true); }
function idArg(v, name) {
  validateInteger(v, name, -1, 4294967295);
  return v;
}
function chownSync(path, uid, gid) { fsb.chown(toPath(path), idArg(uid, 'uid'), idArg(gid, 'gid'), false); }
function lchownSync(path, uid, gid) { fsb.chown(toPath(path), idArg(uid, 'uid'), idArg(gid, 'gid'), true); }
function fchownSync(fd, uid, gid) { fsb.chown(validateFd(fd), idArg(uid, 'uid'), idArg(gid, 'gid'), false); }
function fchmodSync(fd, mode) { fsb.chmod(validateFd(fd), parseFileMode(mode, 'mode')); }
function futimesSync(fd, atime, mtime) { fsb.utimes(...utimesArgs(validateFd(fd), atime, mtime, false)); }
// lutimes sets the times of a symbolic link itself, not of its target.
function lutimesSync(path, atime, mtime) { fsb.utimes(...utimesArgs(toPath(path), atime, mtime, true)); }
function linkSync(existing, newPath) {
  fsb.link(toPath(existing, 'existingPath'), toPath(newPath, 'newPath'));
}

function cpSync(src, dest, options = {}) {
  src = toPath(src);
  dest = toPath(dest);
  const st = lstatSync(src);
  if (st.isDirectory()) {
    if (!options.recursive) {
      const e = new Error(`Recursive option is required to copy a directory: ${src}`);
      e.code = 'ERR_FS_EISDIR';
      throw e;
    }
    mkdirSync(dest, { recursive: true });
    const pathMod = require('path');
    for (const name of readdirSync(src)) {
      const s = pathMod.join(src, name);
      if (options.filter && !options.filter(s, pathMod.join(dest, name))) continue;
      cpSync(s, pathMod.join(dest, name), options);
    }
  } else if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dest);
  } else {
    if (options.errorOnExist && existsSync(dest) && options.force === false) {
      const e = new Error(`Target already exists: cp returned EEXIST (${dest} already exists)`);
      e.code = 'ERR_FS_CP_EEXIST';
      throw e;
    }
    if (options.force !== false || !existsSync(dest)) copyFileSync(src, dest);
  }
}

// A directory opened by opendir. Its entries were read at open (one scandir job), so
// reads only hand them out; as in Node, reading or closing a closed Dir fails with
// ERR_DIR_CLOSED, and while an asynchronous read or close is pending, synchronous ones
// fail with ERR_DIR_CONCURRENT_OPERATION and asynchronous ones wait their turn.
class Dir {
  #entries; #closed = false; #queue = null;
  constructor(path, entries) {
    if (path === undefined) {
      const { ERR_MISSING_ARGS } = require('internal/errors').codes;
      throw new ERR_MISSING_ARGS('handle');
    }
    this.path = path;
    this.#entries = entries;
  }
  #checkSync() {
    const { ERR_DIR_CLOSED, ERR_DIR_CONCURRENT_OPERATION } = require('internal/errors').codes;
    if (this.#closed) throw new ERR_DIR_CLOSED();
    if (this.#queue !== null) throw new ERR_DIR_CONCURRENT_OPERATION();
  }
  // Runs `op` (which returns a value or throws) in a later tick, after the operations
  // queued before it; `cb(err, value)`.
  #async(op, cb) {
    if (this.#queue !== null) {
      this.#queue.push(() => this.#async(op, cb));
      return;
    }
    this.#queue = [];
    process.nextTick(() => {
      let err = null;
      let value;
      try { value = op(); } catch (e) { err = e; }
      const queued = this.#queue;
      this.#queue = null;
      try {
        cb(err, value);
      } finally {
        for (const next of queued) next();
      }
    });
  }
  #promise(method) {
    return new Promise((resolve, reject) => method.call(this, (err, v) => (err ? reject(err) : resolve(v))));
  }
  #readOne() {
    if (this.#closed) throw new (require('internal/errors').codes.ERR_DIR_CLOSED)();
    return this.#entries.shift() ?? null;
  }
  #closeNow() {
    if (this.#closed) throw new (require('internal/errors').codes.ERR_DIR_CLOSED)();
    this.#closed = true;
    this.#entries = [];
  }
  readSync() {
    this.#checkSync();
    return this.#readOne();
  }
  read(cb) {
    if (cb === undefined) return this.#promise(this.read);
    validateFunction(cb, 'callback');
    this.#async(() => this.#readOne(), cb);
    return undefined;
  }
  closeSync() {
    this.#checkSync();
    this.#closeNow();
  }
  close(cb) {
    if (cb === undefined) return this.#promise(this.close);
    validateFunction(cb, 'callback');
    this.#async(() => this.#closeNow(), (err) => cb(err));
    return undefined;
  }
  // Iterating reads every entry, then closes the directory (also on break or throw).
  async* entries() {
    try {
      for (;;) {
        const entry = await this.#promise(this.read);
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) await this.#promise(this.close);
    }
  }
  [Symbol.asyncIterator]() { return this.entries(); }
}
// opendir's options: an encoding and bufferSize, the entries libuv would read at a time
// (checked as Node does; amber reads the directory in one job).
function validateOpendirOptions(options) {
  if (options === undefined || options === null || typeof options === 'string') return;
  const bufferSize = options.bufferSize;
  if (bufferSize !== undefined) validateUint32(bufferSize, 'options.bufferSize', true);
}
function opendirSync(path, options) {
  path = toPath(path);
  validateOpendirOptions(options);
  try {
    return new Dir(path, readdirSync(path, { withFileTypes: true }));
  } catch (err) {
    throw asOpendirError(err);
  }
}
// opendir reads the whole directory at once (scandir); its errors name opendir.
function asOpendirError(err) {
  if (err?.syscall === 'scandir') {
    err.syscall = 'opendir';
    err.message = err.message.replace(', scandir', ', opendir');
  }
  return err;
}

function watch(filename, options, listener) {
  return require('internal/fs_watch').watch(filename, options, listener);
}

// ---- streams --------------------------------------------------------------------

// Opens a file stream's descriptor (on the pool) unless one was given; 'open' and
// 'ready' as in Node.
function openStreamFd(stream, cb) {
  if (stream.fd !== null) { cb(); return; }
  try {
    streamFs(stream).open(stream.path, stream.flags, stream.mode, (err, fd) => {
      if (err) return cb(err);
      stream.fd = fd;
      stream.emit('open', fd);
      stream.emit('ready');
      cb();
    });
  } catch (err) {
    cb(err);
  }
}

// The functions a file stream calls: its `fs` option's, else this module's exports at
// the time of the call (so a program that replaces fs.read or fs.close sees them used,
// as in Node).
const kFs = Symbol('kFs');
function streamFs(stream) {
  return stream[kFs] || module.exports;
}

// A file stream's read, write or writev at its position: through its FileHandle's
// methods when it has one (so they are what runs, as in Node), else its fs functions.
// `cb(err, bytes)`.
function streamIO(stream, op, data, length, cb) {
  const pos = stream.pos ?? null;
  const handle = stream[kHandle];
  if (handle !== undefined) {
    // The handle was closed under the stream: the stream ends with it, as in Node.
    if (handle.fd === -1) {
      ioEnd(stream);
      stream.destroy();
      return;
    }
    const done = (r) => cb(null, op === 'read' ? r.bytesRead : r.bytesWritten);
    const p = op === 'writev' ? handle.writev(data, pos) : handle[op](data, 0, length, pos);
    p.then(done, (err) => cb(err));
    return;
  }
  if (op === 'writev') streamFs(stream).writev(stream.fd, data, pos, cb);
  else streamFs(stream)[op](stream.fd, data, 0, length, pos, cb);
}

// Writes all of `data` (a buffer, or a list of them for 'writev') as Node's WriteStream
// does: a short write goes on with the rest, EAGAIN counts as nothing written and is
// tried again, and more than five writes in a row that write nothing fail the stream.
// A write that completes after the stream was destroyed reports ERR_STREAM_DESTROYED.
function streamWriteAll(stream, op, data, retries, cb) {
  ioStart(stream);
  const size = op === 'writev' ? data.reduce((n, b) => n + b.length, 0) : data.length;
  streamIO(stream, op, data, op === 'writev' ? undefined : size, (err, n) => {
    ioEnd(stream);
    if (err?.code === 'EAGAIN') {
      err = null;
      n = 0;
    }
    if (err) return cb(err);
    if (stream.destroyed) return cb(new (require('internal/errors').codes.ERR_STREAM_DESTROYED)(op));
    if (stream.pos !== undefined) stream.pos += n;
    stream.bytesWritten += n;
    retries = n ? 0 : retries + 1;
    if (retries > 5) return cb(new Error('writeAll failed'));
    if (n >= size) return cb();
    const rest = (op === 'writev' ? Buffer.concat(data) : data).subarray(n);
    streamWriteAll(stream, 'write', rest, retries, cb);
  });
}

// A file stream's read or write in flight: destroying the stream waits for it before
// closing the descriptor, so the pool never uses a closed (or reused) fd.
const kIO = Symbol('kIO');
function ioStart(stream) { stream[kIO] = []; }
function ioEnd(stream) {
  const waiting = stream[kIO];
  stream[kIO] = undefined;
  for (const f of waiting ?? []) f();
}
function destroyFileStream(stream, err, cb) {
  if (stream[kIO] !== undefined) {
    stream[kIO].push(() => destroyFileStream(stream, err, cb));
    return;
  }
  if (stream[kHandle] !== undefined) {
    // A FileHandle is closed through the handle (its 'close' event fires).
    const handle = stream[kHandle];
    stream.fd = null;
    if (stream.autoClose) {
      handle.close().then(() => cb(err), (e) => cb(err || e));
      return;
    }
  } else if (stream.fd !== null && stream.autoClose && typeof stream.fd === 'number' && stream.fd > 2) {
    // As Node: `fd` is cleared once close has been called (a replaced fs.close sees it).
    streamFs(stream).close(stream.fd, (e) => cb(err || e || null));
    stream.fd = null;
    return;
  }
  cb(err);
}

// Copies a class body's methods and accessors onto a function constructor's prototype.
function defineMethods(proto, body) {
  for (const key of Object.getOwnPropertyNames(body.prototype)) {
    if (key !== 'constructor') Object.defineProperty(proto, key, Object.getOwnPropertyDescriptor(body.prototype, key));
  }
}

const kHandle = Symbol('kHandle');

// A stream's `options` argument as an object (a string is the encoding).
function streamOptions(options) {
  if (options == null) return {};
  encodingOf(options);
  if (typeof options === 'string') return { encoding: options };
  // Inherited options count too, as Node copies them (for...in).
  const copy = {};
  for (const key in options) copy[key] = options[key];
  const signal = copy.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return copy;
}
// The descriptor or path a file stream works on, with its `fs` functions checked as
// Node checks them (`fd`, a number or a FileHandle, wins over the path).
function streamTarget(stream, path, options, defaultFlags) {
  const fd = options.fd;
  if (fd == null) {
    stream[kFs] = options.fs;
    validateFunction(streamFs(stream).open, 'options.fs.open');
    stream.path = toPath(path);
    stream.fd = null;
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
  } else if (typeof fd === 'number') {
    stream[kFs] = options.fs;
    stream.fd = validateFd(fd);
    stream.path = undefined;
  } else if (fd instanceof FileHandle || (typeof fd === 'object' && typeof fd.fd === 'number')) {
    if (options.fs) throw new ERR_METHOD_NOT_IMPLEMENTED('FileHandle with fs');
    stream[kHandle] = fd;
    // Closing the handle closes the stream.
    if (typeof fd.on === 'function') fd.on('close', () => stream.close());
    stream.fd = fd.fd;
    stream.path = undefined;
  } else {
    throw new ERR_INVALID_ARG_TYPE('options.fd', ['number', 'FileHandle'], fd);
  }
  if (stream.flags === undefined) stream.flags = defaultFlags;
  if (stream.mode === undefined) stream.mode = 0o666;
  stream.autoClose = options.autoClose === undefined ? true : options.autoClose;
  if (stream.autoClose && stream[kHandle] === undefined) validateFunction(streamFs(stream).close, 'options.fs.close');
  stream.start = options.start;
  if (stream.start !== undefined) validateInteger(stream.start, 'start', 0);
  stream.pos = stream.start;
}

// A stream whose `open()` was replaced (Node's old API, monkey-patched by graceful-fs
// and others): construction waits for the 'open' or 'error' that open() emits.
function constructWithPatchedOpen(stream, original, cb) {
  const emit = stream.emit;
  stream.emit = function (...args) {
    if (args[0] === 'open') {
      stream.emit = emit;
      cb();
      Reflect.apply(emit, stream, args);
    } else if (args[0] === 'error') {
      stream.emit = emit;
      cb(args[1]);
    } else {
      Reflect.apply(emit, stream, args);
    }
  };
  stream.open();
}

let streamClasses;
function streams() {
  if (streamClasses !== undefined) return streamClasses;
  const { Readable, Writable } = require('stream');
  // Function constructors, as Node's: callable without `new`, and inheritable the old
  // way (`fs.ReadStream.call(this, path)` from a util.inherits subclass).
  function ReadStream(path, options) {
    if (!(this instanceof ReadStream)) return new ReadStream(path, options);
    options = streamOptions(options);
    streamTarget(this, path, options, 'r');
    if (this[kHandle] === undefined) validateFunction(streamFs(this).read, 'options.fs.read');
    this.end = options.end ?? Infinity;
    if (this.end !== Infinity) {
      validateInteger(this.end, 'end', 0);
      if (this.start !== undefined && this.start > this.end) {
        throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
      }
    }
    this.bytesRead = 0;
    Readable.call(this, { highWaterMark: options.highWaterMark ?? 64 * 1024, encoding: options.encoding, emitClose: options.emitClose !== false, autoDestroy: this.autoClose, signal: options.signal });
  }
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);
  const openRead = require('util').deprecate(function open() {}, 'ReadStream.prototype.open() is deprecated', 'DEP0135');
  const openWrite = require('util').deprecate(function open() {}, 'WriteStream.prototype.open() is deprecated', 'DEP0135');
  ReadStream.prototype.open = openRead;
  defineMethods(ReadStream.prototype, class {
    _construct(cb) {
      if (this.open !== openRead) constructWithPatchedOpen(this, openRead, cb);
      else openStreamFd(this, cb);
    }
    _read(n) {
      const toRead = Math.min(n, this.end === Infinity ? n : this.end - (this.pos ?? this.bytesRead) + 1);
      if (toRead <= 0) { this.push(null); return; }
      const buf = Buffer.allocUnsafeSlow(toRead);
      ioStart(this);
      streamIO(this, 'read', buf, toRead, (err, bytes) => {
        ioEnd(this);
        if (this.destroyed) return;
        if (err) {
          // Without autoClose the stream stays usable: the error is only emitted.
          if (this._readableState.autoDestroy) this.destroy(err);
          else this.emit('error', err);
          return;
        }
        if (this.pos !== undefined) this.pos += bytes;
        this.bytesRead += bytes;
        if (bytes === 0) return this.push(null);
        // A short read is copied out, so the chunk does not keep the whole buffer alive.
        if (bytes < buf.length) {
          const exact = Buffer.allocUnsafeSlow(bytes);
          buf.copy(exact, 0, 0, bytes);
          this.push(exact);
        } else {
          this.push(buf);
        }
      });
    }
    _destroy(err, cb) { destroyFileStream(this, err, cb); }
    close(cb) { this.destroy(); if (cb) this.once('close', cb); }
    get pending() { return this.fd === null; }
  });
  function WriteStream(path, options) {
    if (!(this instanceof WriteStream)) return new WriteStream(path, options);
    options = streamOptions(options);
    streamTarget(this, path, options, 'w');
    if (this[kHandle] === undefined) {
      const custom = options.fs;
      if (custom && !custom.write && !custom.writev) throw new ERR_INVALID_ARG_TYPE('options.fs.write', 'function', custom.write);
      if (custom?.write) validateFunction(custom.write, 'options.fs.write');
      if (custom?.writev) validateFunction(custom.writev, 'options.fs.writev');
    }
    this.bytesWritten = 0;
    // `flush`: the data is synced before the stream closes.
    this.flush = flushOf(options);
    // Buffered chunks go out in one writev when the fs has one; a custom fs may give
    // only one of write and writev.
    const custom = this[kHandle] === undefined ? options.fs : undefined;
    if (custom && !custom.writev) this._writev = null;
    if (custom && !custom.write) this._write = (chunk, encoding, cb) => this._writev([{ chunk, encoding }], cb);
    Writable.call(this, { highWaterMark: options.highWaterMark, decodeStrings: true, emitClose: options.emitClose !== false, autoDestroy: this.autoClose, signal: options.signal });
    if (options.encoding) this.setDefaultEncoding(options.encoding);
  }
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(WriteStream, Writable);
  WriteStream.prototype.open = openWrite;
  defineMethods(WriteStream.prototype, class {
    _construct(cb) {
      if (this.open !== openWrite) constructWithPatchedOpen(this, openWrite, cb);
      else openStreamFd(this, cb);
    }
    _write(chunk, encoding, cb) { streamWriteAll(this, 'write', chunk, 0, cb); }
    _writev(data, cb) { streamWriteAll(this, 'writev', data.map(({ chunk }) => chunk), 0, cb); }
    _final(cb) {
      if (!this.flush) return cb();
      if (this[kHandle] !== undefined) return this[kHandle].sync().then(() => cb(), cb);
      streamFs(this).fsync(this.fd, cb);
    }
    _destroy(err, cb) { destroyFileStream(this, err, cb); }
    // As Node's: ends the stream (what is buffered is written); once closed, a callback
    // runs on the next tick; without autoClose the stream is destroyed at 'finish'.
    close(cb) {
      if (cb) {
        if (this.closed) {
          process.nextTick(cb);
          return;
        }
        this.once('close', cb);
      }
      if (!this.autoClose) this.once('finish', this.destroy);
      if (!this.writableEnded) this.end();
      else if (this.writableFinished && !this.destroyed) this.destroy();
    }
    get pending() { return this.fd === null; }
  });
  streamClasses = { ReadStream, WriteStream };
  return streamClasses;
}
function createReadStream(path, options) { return new (streams().ReadStream)(path, options); }
function createWriteStream(path, options) { return new (streams().WriteStream)(path, options); }

// ---- asynchronous forms -----------------------------------------------------------

// Set while a callback form called without a function checks its other arguments:
// `fsReq` then throws the callback's error instead of starting the operation, so the
// arguments are checked first, in Node's order.
let checkingCallback;

// Runs binding `name` on the blocking pool; `done(err, value)` is called in the loop's
// I/O phase (after the current tick queue and promise jobs), `map` shapes the value.
// Invalid arguments throw here, before anything starts.
function fsReq(name, args, done, map) {
  if (checkingCallback !== undefined) throw new ERR_INVALID_ARG_TYPE('cb', 'function', checkingCallback.cb);
  internals.startOp((id) => fsb[name](...args, id), ([err, value]) => {
    if (err) return done(err);
    const result = map === undefined ? value : map(value);
    // As Node: an operation without a value calls back with the error argument alone.
    if (result === undefined) done(null);
    else done(null, result);
  }, `fs.${name} request`, '');
}

// Each operation as `(args, done)`: `args` are the caller's arguments without the
// callback. The callback and promise APIs are built from this one table.
const asyncOps = {
  readFile([path, options], done) {
    const encoding = encodingOf(options);
    const signal = signalOf(options);
    if (path instanceof FileHandle) path = path.fd;
    if (typeof path !== 'number') path = toPath(path);
    if (signal?.aborted) return process.nextTick(done, abortError(signal));
    // An abort while the file was read wins over its contents.
    const finish = (err, bytes) => {
      if (err) return done(err);
      if (signal?.aborted) return done(abortError(signal));
      done(null, decode(bytes, encoding));
    };
    if (path === 0 || path === '/dev/stdin') return fsReq('readFile', [0], finish);
    if (typeof path === 'number') return readAllAsync(validateFd(path), signal, finish);
    const flag = readFileFlag(options);
    if (flag !== 'r') {
      asyncOps.open([path, flag], (err, fd) => {
        if (err) return done(err);
        readAllAsync(fd, signal, (err1, bytes) => asyncOps.close([fd], (err2) => finish(err1 || err2 || null, bytes)));
      });
      return;
    }
    fsReq('readFile', [path], finish);
  },
  writeFile([path, data, options], done) {
    const flush = flushOf(options);
    const w = writeFileArgs(path, data, options);
    const signal = signalOf(options);
    if (signal?.aborted) return process.nextTick(done, abortError(signal));
    const sync = (fd, cb) => (flush ? module.exports.fsync(fd, cb) : cb(null));
    if (w.fd !== undefined) {
      writeAllAsync(w.fd, w.data, (err) => (err ? done(err) : sync(w.fd, done)), signal);
    } else if (flush) {
      const [file, bytes, flags, mode] = w.args;
      asyncOps.open([file, flags, mode], (err, fd) => {
        if (err) return done(err);
        const finish = (err) => asyncOps.close([fd], (closeErr) => done(err || closeErr || null));
        writeAllAsync(fd, bytes, (err) => (err ? finish(err) : sync(fd, finish)), signal);
      });
    } else {
      fsReq('writeFile', w.args, (err) => done(err || (signal?.aborted ? abortError(signal) : null)));
    }
  },
  appendFile([path, data, options], done) {
    const opts = typeof options === 'string' ? { encoding: options } : { ...options };
    opts.flag ||= 'a';
    asyncOps.writeFile([path, data, opts], done);
  },
  stat([path, options], done) { fsReq('stat', [toPath(path), false, options?.throwIfNoEntry ?? true], done, (a) => makeStats(a, options)); },
  lstat([path, options], done) { fsReq('stat', [toPath(path), true, options?.throwIfNoEntry ?? true], done, (a) => makeStats(a, options)); },
  fstat([fd, options], done) { fsReq('fstat', [validateFd(fd)], done, (a) => makeStats(a, options)); },
  statfs([path, options = { bigint: false }], done) { fsReq('statfs', [toPath(path)], done, (a) => makeStatFs(a, options)); },
  readdir([path, options], done) {
    path = toPath(path);
    const withFileTypes = !!(options && typeof options === 'object' && options.withFileTypes);
    if (options && typeof options === 'object' && options.recursive) return readdirRecursive(path, withFileTypes, done);
    if (withFileTypes) return fsReq('readdir', [path, true], done, ([names, types]) => names.map((n, i) => new Dirent(n, types[i], path)));
    encodingOf(options);
    fsReq('readdir', [path, false], done, (names) => names.map((n) => withEncoding(n, options)));
  },
  mkdir([path, options], done) { fsReq('mkdir', mkdirArgs(path, options), done); },
  rm([path, options], done) {
    path = toPath(path);
    validateRmOptions(path, options, false, (err, opts) => (err ? done(err) : fsReq('rm', [path, opts.recursive, opts.force], done)));
  },
  rmdir([path, options], done) {
    path = toPath(path);
    if (options?.recursive) {
      emitRecursiveRmdirWarning();
      validateRmOptions(path, { ...options, force: false }, true, (err) => {
        if (err === false) return fsReq('rmdir', [path, false], done);
        if (err) return done(err);
        fsReq('rmdir', [path, true], done);
      });
      return;
    }
    validateRmdirOptions(options);
    fsReq('rmdir', [path, false], done);
  },
  unlink([path], done) { fsReq('unlink', [toPath(path)], done); },
  rename([from, to], done) { fsReq('rename', [toPath(from, 'oldPath'), toPath(to, 'newPath')], done); },
  copyFile([from, to, mode], done) { fsReq('copyFile', [toPath(from, 'src'), toPath(to, 'dest'), copyFileMode(mode)], done); },
  realpath([path, options], done) {
    encodingOf(options);
    path = toPath(path);
    fsReq('realpath', [path], (err, r) => {
      if (err?.code === 'ENOENT') {
        const viaPipe = realpathToPipe(path);
        if (viaPipe !== undefined) return done(null, withEncoding(viaPipe, options));
      }
      if (err) return done(err);
      done(null, r);
    }, (r) => withEncoding(r, options));
  },
  access([path, mode], done) { fsReq('access', [toPath(path), accessMode(mode)], done); },
  chmod([path, mode], done) { fsReq('chmod', [toPath(path), parseFileMode(mode, 'mode')], done); },
  fchmod([fd, mode], done) { fsReq('chmod', [validateFd(fd), parseFileMode(mode, 'mode')], done); },
  chown([path, uid, gid], done) { fsReq('chown', [toPath(path), idArg(uid, 'uid'), idArg(gid, 'gid'), false], done); },
  lchown([path, uid, gid], done) { fsReq('chown', [toPath(path), idArg(uid, 'uid'), idArg(gid, 'gid'), true], done); },
  fchown([fd, uid, gid], done) { fsReq('chown', [validateFd(fd), idArg(uid, 'uid'), idArg(gid, 'gid'), false], done); },
  link([existing, newPath], done) { fsReq('link', [toPath(existing, 'existingPath'), toPath(newPath, 'newPath')], done); },
  symlink([target, path, type], done) {
    validateSymlinkType(type);
    fsReq('symlink', [toPath(target, 'target'), toPath(path)], done);
  },
  readlink([path, options], done) {
    encodingOf(options);
    fsReq('readlink', [toPath(path)], done, (r) => withEncoding(r, options));
  },
  mkdtemp([prefix, options], done) { fsReq('mkdtemp', mkdtempArgs(prefix, options), done, (r) => withEncoding(r, options)); },
  utimes([path, atime, mtime], done) { fsReq('utimes', utimesArgs(toPath(path), atime, mtime, false), done); },
  futimes([fd, atime, mtime], done) { fsReq('utimes', utimesArgs(validateFd(fd), atime, mtime, false), done); },
  lutimes([path, atime, mtime], done) { fsReq('utimes', utimesArgs(toPath(path), atime, mtime, true), done); },
  open([path, flags, mode], done) {
    path = toPath(path);
    const where = internals.callerLocation();
    fsReq('open', [path, flagsToNumber(flags), parseFileMode(mode, 'mode', 0o666)], done, (fd) => {
      openFiles.set(fd, { path, where });
      internals.trackUnmanagedFd?.(fd, true);
      return fd;
    });
  },
  close([fd], done) {
    fsReq('close', [validateFd(fd)], done, () => {
      openFiles.delete(fd);
      internals.trackUnmanagedFd?.(fd, false);
    });
  },
  read(args, done) { fsReq('read', readArgs(...args), done); },
  write(args, done) { fsReq('write', writeArgs(...args), done); },
  readv([fd, buffers, position], done) { fsReq('readv', vectorArgs(fd, buffers, position), done); },
  writev([fd, buffers, position], done) {
    const args = vectorArgs(fd, buffers, position);
    if (buffers.length === 0) return process.nextTick(done, null, 0);
    fsReq('writev', args, done);
  },
  ftruncate([fd, len = 0], done) {
    validateFd(fd);
    fsReq('ftruncate', [fd, validLen(len)], done);
  },
  truncate([path, len = 0], done) {
    if (typeof path === 'number') {
      warnTruncateFd();
      return asyncOps.ftruncate([path, len], done);
    }
    validLen(len);
    asyncOps.open([path, 'r+'], (err, fd) => {
      if (err) return done(err);
      asyncOps.ftruncate([fd, len], (err1) => asyncOps.close([fd], (err2) => done(err1 || err2 || null)));
    });
  },
  fsync([fd], done) { fsReq('fsync', [validateFd(fd), false], done); },
  fdatasync([fd], done) { fsReq('fsync', [validateFd(fd), true], done); },
  opendir([path, options], done) {
    path = toPath(path);
    validateOpendirOptions(options);
    fsReq('readdir', [path, true], (err, dir) => done(err && asOpendirError(err), dir), ([names, types]) => new Dir(path, names.map((n, i) => new Dirent(n, types[i], path))));
  },
};

// Writes all of `data` at the descriptor's position, one pool job per partial write.
function writeAllAsync(fd, data, done, signal) {
  if (typeof data === 'string') data = Buffer.from(data);
  let offset = 0;
  const next = () => {
    if (signal?.aborted) return done(abortError(signal));
    if (offset >= data.byteLength) return done(null);
    fsReq('write', [fd, data, offset, data.byteLength - offset, -1], (err, n) => {
      if (err) return done(err);
      offset += n;
      next();
    });
  };
  next();
}

// readdir({ recursive }): one directory at a time, depth first like the sync form.
function readdirRecursive(root, withFileTypes, done) {
  const pathMod = require('path');
  const out = [];
  const walk = (dir, rel, cb) => {
    fsReq('readdir', [dir, true], (err, [names, types] = []) => {
      if (err) return cb(err);
      let i = 0;
      const step = () => {
        if (i >= names.length) return cb(null);
        const name = names[i];
        const type = types[i++];
        const r = rel ? `${rel}/${name}` : name;
        out.push(withFileTypes ? new Dirent(name, type, dir) : r);
        if (type === 2) walk(pathMod.join(dir, name), r, (e) => (e ? cb(e) : step()));
        else step();
      };
      step();
    });
  };
  walk(root, '', (err) => (err ? done(err) : done(null, out)));
}

// ---- promises: FileHandle --------------------------------------------------------

// Promise form of an async op.
// fs.promises.writeFile and FileHandle#writeFile also take what yields chunks: an
// iterable, an async iterable or a stream of strings and bytes.
function isChunkSource(data) {
  return data !== null && typeof data === 'object' && !ArrayBuffer.isView(data) &&
    (typeof data[Symbol.iterator] === 'function' || typeof data[Symbol.asyncIterator] === 'function');
}
async function writeChunks(fd, source, encoding, signal) {
  if (signal?.aborted) throw abortError(signal);
  for await (const chunk of source) {
    if (signal?.aborted) throw abortError(signal);
    let buf;
    if (typeof chunk === 'string') buf = Buffer.from(chunk, encoding ?? 'utf8');
    else if (ArrayBuffer.isView(chunk)) buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    await new Promise((resolve, reject) => writeAllAsync(fd, buf, (err) => (err ? reject(err) : resolve()), signal));
  }
}

// A system error of the promise API gets its stack where it is awaited (as Node's, which
// names the async callers: `at async Function.rejects`).
async function promiseOp(name, args) {
  try {
    return await new Promise((resolve, reject) => asyncOps[name](args, (err, value) => (err ? reject(err) : resolve(value))));
  } catch (err) {
    if (err !== null && typeof err === 'object' && typeof err.syscall === 'string') Error.captureStackTrace(err, promiseOp);
    throw err;
  }
}

// What a FileHandle's methods reject with once it is closed (Node's shape).
function closedHandle(syscall) {
  const err = new Error('file closed');
  err.code = 'EBADF';
  err.syscall = syscall;
  return Promise.reject(err);
}

// An EventEmitter, as Node's: 'close' is emitted when the descriptor is closed.
// A FileHandle collected while still open has its descriptor closed, with Node's
// warnings (DEP0137). The registry is made with the first handle.
let handleRegistry;
function closeCollectedHandle(fd) {
  try {
    closeSync(fd);
  } catch {
    return;
  }
  process.emitWarning(`Closing file descriptor ${fd} on garbage collection`);
  process.emitWarning('Closing a FileHandle object on garbage collection is deprecated. Please close FileHandle objects explicitly using FileHandle.prototype.close(). In the future, an error will be thrown if a file descriptor is closed during garbage collection.', 'DeprecationWarning', 'DEP0137');
}

const kWebStream = Symbol('kWebStream');
const kFd = Symbol('kFd');
const kBusy = Symbol('kBusy');
const kClosing = Symbol('kClosing');
function jsTransferable() {
  return require('internal/worker/js_transferable');
}
// The handle closes `fd` if it is collected unclosed.
function adoptDescriptor(handle, fd) {
  if (typeof fd === 'number' && fd >= 0) {
    handleRegistry ??= new FinalizationRegistry(closeCollectedHandle);
    handleRegistry.register(handle, fd, handle);
  }
}
// `promise`, an operation on `handle`'s descriptor: the handle is in use until it settles.
function inUse(handle, promise) {
  handle[kBusy]++;
  const done = () => { handle[kBusy]--; };
  promise.then(done, done);
  return promise;
}
function handleOp(handle, name, args) {
  return inUse(handle, promiseOp(name, args));
}

class FileHandle extends require('events') {
  constructor(fd) {
    super();
    this[kFd] = fd;
    this[kBusy] = 0;
    this[kClosing] = false;
    adoptDescriptor(this, fd);
    // Transferable through postMessage (the descriptor moves, as in Node).
    require('internal/worker/js_transferable').markTransferMode(this, false, true);
  }
  // The descriptor, -1 once closed: a getter on the prototype, as in Node.
  get fd() { return this[kFd]; }
  async close() {
    if (this[kFd] === -1) return;
    const fd = this[kFd];
    this[kFd] = -1;
    this[kClosing] = true;
    handleRegistry?.unregister(this);
    // A web stream of this handle ends with it (readableWebStream).
    try {
      this[kWebStream]?.close();
    } catch {
      // Already closed or errored.
    }
    try {
      await promiseOp('close', [fd]);
    } finally {
      this[kClosing] = false;
    }
    this.emit('close');
  }
  // read(buffer, offset, length, position), read(buffer, options) or read(options).
  async read(buffer, offset, length, position) {
    if (this[kFd] === -1) return closedHandle('read');
    if (!ArrayBuffer.isView(buffer)) {
      if (buffer !== undefined && buffer !== null) validateObject(buffer, 'options');
      ({ buffer = Buffer.alloc(16384), offset = 0, length = buffer.byteLength - offset, position = null } = buffer ?? {});
      validateBuffer(buffer);
    }
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
    }
    if (offset == null) offset = 0;
    else validateInteger(offset, 'offset', 0);
    length ??= buffer.byteLength - offset;
    if (length === 0) return { bytesRead: 0, buffer };
    if (buffer.byteLength === 0) throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
    validateOffsetLengthRead(offset, length, buffer.byteLength);
    if (position == null) position = -1;
    else validatePosition(position, 'position', length);
    const bytesRead = await handleOp(this, 'read', [this[kFd], buffer, offset, length, position]);
    return { bytesRead: bytesRead || 0, buffer };
  }
  async write(data, offsetOrPosition, lengthOrEncoding, position) {
    if (this[kFd] === -1) return closedHandle('write');
    if (data?.byteLength === 0) return { bytesWritten: 0, buffer: data };
    const bytesWritten = await handleOp(this, 'write', [this[kFd], data, offsetOrPosition, lengthOrEncoding, position]);
    return { bytesWritten: bytesWritten || 0, buffer: data };
  }
  readFile(options) {
    if (this[kFd] === -1) return closedHandle('readFile');
    return handleOp(this, 'readFile', [this[kFd], options]);
  }
  writeFile(data, options) {
    if (this[kFd] === -1) return closedHandle('writeFile');
    const signal = signalOf(options);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (isChunkSource(data)) return inUse(this, writeChunks(this[kFd], data, encodingOf(options), signal));
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      return Promise.reject(new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data));
    }
    if (typeof data === 'string') data = Buffer.from(data, encodingOf(options) ?? 'utf8');
    return inUse(this, new Promise((resolve, reject) => writeAllAsync(this[kFd], data, (err) => (err ? reject(err) : resolve()), signal)));
  }
  async readv(buffers, position) {
    if (this[kFd] === -1) return closedHandle('readv');
    return { bytesRead: await handleOp(this, 'readv', [this[kFd], buffers, position]), buffers };
  }
  async writev(buffers, position) {
    if (this[kFd] === -1) return closedHandle('writev');
    return { bytesWritten: await handleOp(this, 'writev', [this[kFd], buffers, position]), buffers };
  }
  async appendFile(data, options) { return this.writeFile(data, options); }
  stat(options) {
    if (this[kFd] === -1) return closedHandle('fstat');
    return handleOp(this, 'fstat', [this[kFd], options]);
  }
  truncate(len) {
    if (this[kFd] === -1) return closedHandle('ftruncate');
    return handleOp(this, 'ftruncate', [this[kFd], len]);
  }
  sync() {
    if (this[kFd] === -1) return closedHandle('fsync');
    return handleOp(this, 'fsync', [this[kFd]]);
  }
  datasync() {
    if (this[kFd] === -1) return closedHandle('fdatasync');
    return handleOp(this, 'fdatasync', [this[kFd]]);
  }
  chmod(mode) {
    if (this[kFd] === -1) return closedHandle('fchmod');
    return handleOp(this, 'fchmod', [this[kFd], mode]);
  }
  chown(uid, gid) {
    if (this[kFd] === -1) return closedHandle('fchown');
    return handleOp(this, 'fchown', [this[kFd], uid, gid]);
  }
  utimes(a, m) {
    if (this[kFd] === -1) return closedHandle('futime');
    return handleOp(this, 'futimes', [this[kFd], a, m]);
  }
  createReadStream(options) { return createReadStream(null, { ...options, fd: this }); }
  createWriteStream(options) { return createWriteStream(null, { ...options, fd: this }); }
  // A web ReadableStream of the file from its current position: ArrayBuffer chunks, or
  // Uint8Array ones for `type: 'bytes'`, as Node 20. The handle stays in use by it (a
  // second stream is refused) and closing the handle closes the stream.
  readableWebStream(options = {}) {
    if (this[kFd] === -1) throw new ERR_INVALID_STATE('The FileHandle is closed');
    if (this[kWebStream] !== undefined) throw new ERR_INVALID_STATE('The FileHandle is locked');
    validateObject(options, 'options');
    const { type } = options;
    if (type !== undefined && type !== 'bytes') throw new ERR_INVALID_ARG_VALUE('options.type', type, "must be 'bytes' or undefined");
    const { ReadableStream } = require('stream/web');
    const handle = this;
    let controller;
    const stream = new ReadableStream({
      type,
      start(c) { controller = c; },
      async pull(c) {
        if (handle[kFd] === -1) return;
        const buffer = Buffer.allocUnsafeSlow(16384);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (handle[kFd] === -1) return;
        if (bytesRead === 0) {
          c.close();
          // A BYOB read waiting for this pull ends as done (the spec's respond(0)).
          if (type === 'bytes') c.byobRequest?.respond(0);
          return;
        }
        const ab = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead);
        c.enqueue(type === 'bytes' ? new Uint8Array(ab) : ab);
      },
    });
    this[kWebStream] = controller;
    return stream;
  }
  async *readLines() { yield* require('readline').createInterface({ input: this.createReadStream(), crlfDelay: Infinity }); }
  [Symbol.asyncDispose]() { return this.close(); }
  // postMessage(fh, [fh]): the descriptor goes with the message and this handle is
  // closed (fd -1) without closing it; refused while an operation or a close is in
  // flight, as in Node.
  [jsTransferable().kTransfer]() {
    if (this[kClosing] || this[kBusy] > 0 || this[kWebStream] !== undefined) {
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('Cannot transfer FileHandle while in use', 'DataCloneError');
    }
    const fd = this[kFd];
    this[kFd] = -1;
    handleRegistry?.unregister(this);
    return { data: { fd }, deserializeInfo: 'internal/fs/promises:FileHandle' };
  }
  // The receiving side: a plain object given FileHandle's prototype.
  [jsTransferable().kDeserialize]({ fd }) {
    require('events').init.call(this);
    this[kFd] = fd;
    this[kBusy] = 0;
    this[kClosing] = false;
    adoptDescriptor(this, fd);
    jsTransferable().markTransferMode(this, false, true);
  }
}

const syncApi = {
  readFileSync, writeFileSync, appendFileSync, existsSync, statSync, lstatSync, fstatSync, readdirSync,
  mkdirSync, rmSync, rmdirSync, unlinkSync, renameSync, copyFileSync, realpathSync, accessSync, chmodSync,
  symlinkSync, readlinkSync, mkdtempSync, utimesSync, openSync, closeSync, readSync, writeSync, readvSync, writevSync, statfsSync,
  ftruncateSync, truncateSync, fsyncSync, fdatasyncSync, chownSync, lchownSync, fchownSync, fchmodSync,
  futimesSync, lutimesSync, linkSync, cpSync, opendirSync,
};

// Callback forms: the async op when there is one; otherwise (cp) the sync
// operation, reported on the next tick.
const callbackApi = {};
const isArgError = (err) => typeof err?.code === 'string' && err.code.startsWith('ERR_');
for (const [name, fn] of Object.entries(syncApi)) {
  if (name === 'existsSync') continue;
  const cbName = name.slice(0, -4);
  const op = asyncOps[cbName];
  callbackApi[cbName] = function (...args) {
    let cb = args[args.length - 1];
    if (typeof cb === 'function') {
      args.pop();
    } else if (cbName === 'close' && args.length <= 2 && cb === undefined) {
      // fs.close(fd): a failure is thrown from the loop, as Node's default callback does.
      if (args.length === 2) args.pop();
      cb = (err) => { if (err) throw err; };
    } else {
      if (op !== undefined) {
        checkingCallback = { cb };
        try {
          op(args, () => {});
        } finally {
          checkingCallback = undefined;
        }
      }
      validateFunction(cb, 'cb');
    }
    if (op !== undefined) {
      op(args, cb);
      return;
    }
    let result;
    try {
      result = fn(...args);
    } catch (err) {
      // Invalid arguments throw at the call, as in Node; only the operation's own
      // failure (ENOENT, ...) goes to the callback.
      if (isArgError(err)) throw err;
      process.nextTick(cb, err);
      return;
    }
    process.nextTick(cb, null, result);
  };
}
// opendir(path[, options], callback): Node names its callback `callback`.
callbackApi.opendir = function opendir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  asyncOps.opendir([path, options], callback);
};
callbackApi.exists = (path, cb) => {
  validateFunction(cb, 'cb');
  let p;
  try { p = toPath(path); } catch { process.nextTick(cb, false); return; }
  fsReq('exists', [p], (err, v) => cb(!err && v));
};
Object.defineProperty(callbackApi.exists, Symbol.for('nodejs.util.promisify.custom'), {
  value: function exists(path) { return new Promise((resolve) => callbackApi.exists(path, resolve)); },
});
// read/write callbacks report (err, bytes, buffer) like Node.
callbackApi.read = function read(fd, buffer, offsetOrOptions, length, position, cb) {
  const [args, buf, callback] = readCallbackArgs(arguments.length, fd, buffer, offsetOrOptions, length, position, cb);
  if (args === null) {
    process.nextTick(callback, null, 0, buf);
    return;
  }
  fsReq('read', args, (err, n) => (err ? callback(err) : callback(null, n, buf)));
};
callbackApi.write = function write(fd, buffer, offset, length, position, cb) {
  validateFd(fd);
  let args;
  if (ArrayBuffer.isView(buffer)) {
    cb = cb || position || length || offset;
    validateFunction(cb, 'cb');
    args = viewWriteArgs(fd, buffer, offset, length, position);
  } else {
    validateWriteString(buffer);
    if (typeof position !== 'function') {
      if (typeof offset === 'function') {
        position = offset;
        offset = null;
      } else {
        position = length;
      }
      length = 'utf8';
    }
    cb = position;
    args = stringWriteArgs(fd, buffer, offset, length);
    validateFunction(cb, 'cb');
  }
  fsReq('write', args, (err, n) => (err ? cb(err) : cb(null, n || 0, buffer)));
};
// util.promisify(fs.read / fs.write) resolves to { bytesRead | bytesWritten, buffer }.
for (const [name, key] of [['read', 'bytesRead'], ['write', 'bytesWritten']]) {
  Object.defineProperty(callbackApi[name], Symbol.for('nodejs.util.promisify.custom'), {
    value: (...args) => new Promise((resolve, reject) => {
      callbackApi[name](...args, (err, n, buffer) => (err ? reject(err) : resolve({ [key]: n, buffer })));
    }),
  });
}
// readv/writev callbacks report (err, bytes, buffers) like Node.
for (const name of ['readv', 'writev']) {
  callbackApi[name] = { [name](fd, buffers, position, cb) {
    if (typeof position === 'function') { cb = position; position = null; }
    validateFunction(cb, 'cb');
    asyncOps[name]([fd, buffers, position], (err, n) => (err ? cb(err) : cb(null, n, buffers)));
  } }[name];
  // util.promisify(fs.readv) resolves to { bytesRead, buffers } as in Node.
  const key = name === 'readv' ? 'bytesRead' : 'bytesWritten';
  Object.defineProperty(callbackApi[name], Symbol.for('nodejs.util.promisify.custom'), {
    value: (fd, buffers, position) => new Promise((resolve, reject) => {
      callbackApi[name](fd, buffers, position ?? null, (err, n) => (err ? reject(err) : resolve({ [key]: n, buffers })));
    }),
  });
}
callbackApi.realpath = function realpath(path, options, cb) {
  if (typeof options === 'function') { cb = options; options = undefined; }
  validateFunction(cb, 'cb');
  asyncOps.realpath([path, options], (err, r) => cb(err && asLstatError(err), r));
};
callbackApi.realpath.native = function realpath(path, options, cb) {
  if (typeof options === 'function') { cb = options; options = undefined; }
  validateFunction(cb, 'cb');
  asyncOps.realpath([path, options], cb);
};

const promises = {};
for (const [name, fn] of Object.entries(syncApi)) {
  if (name === 'existsSync') continue;
  const pName = name.slice(0, -4);
  promises[pName] = asyncOps[pName] !== undefined
    ? (...args) => promiseOp(pName, args)
    : (...args) => new Promise((resolve, reject) => {
      try {
        resolve(fn(...args));
      } catch (err) {
        reject(err);
      }
    });
}
promises.constants = constants;
promises.open = (...args) => promiseOp('open', args).then((fd) => new FileHandle(fd));
// Runs `fn(handle)` on the file opened at `path` and closes it, as Node's promise forms of
// readFile, writeFile and truncate do: the operation goes through the handle's `fd`, and
// when both it and the close fail, the result is an AggregateError of the two (with the
// operation's code).
async function withFileHandle(path, flag, mode, fn) {
  const handle = await promises.open(path, flag, mode);
  let result;
  try {
    result = await fn(handle);
  } catch (opErr) {
    try {
      await handle.close();
    } catch (closeErr) {
      const agg = new AggregateError([opErr, closeErr], opErr?.message);
      agg.code = opErr?.code;
      throw agg;
    }
    throw opErr;
  }
  await handle.close();
  return result;
}
promises.readFile = async function readFile(path, options) {
  if (path instanceof FileHandle) return promiseOp('readFile', [path, options]);
  encodingOf(options);
  const signal = signalOf(options);
  if (signal?.aborted) throw abortError(signal);
  path = toPath(path);
  // A plain read ('r') is one job of the pool (open, read, close), as the callback form:
  // three round trips through the pool (open, read, close) cost more than the read.
  if (path === '/dev/stdin' || readFileFlag(options) === 'r') return promiseOp('readFile', [path, options]);
  return withFileHandle(path, readFileFlag(options), 0o666, (handle) => promiseOp('readFile', [handle.fd, options]));
};
promises.writeFile = async function writeFile(path, data, options) {
  if (path instanceof FileHandle) return path.writeFile(data, options);
  const signal = signalOf(options);
  if (signal?.aborted) throw abortError(signal);
  if (!isChunkSource(data)) writeFileArgs(path, data, options);
  const flag = options !== null && typeof options === 'object' && options.flag != null ? options.flag : 'w';
  const mode = options !== null && typeof options === 'object' ? options.mode : undefined;
  return withFileHandle(path, flag, mode, (handle) => {
    if (isChunkSource(data)) return writeChunks(handle.fd, data, encodingOf(options), signal);
    return promiseOp('writeFile', [handle.fd, data, options]);
  });
};
promises.truncate = async function truncate(path, len = 0) {
  validLen(len);
  return withFileHandle(path, 'r+', undefined, (handle) => promiseOp('ftruncate', [handle.fd, len]));
};
promises.appendFile = async function appendFile(path, data, options) {
  const opts = typeof options === 'string' ? { encoding: options } : { ...options };
  opts.flag ||= 'a';
  return promises.writeFile(path, data, opts);
};
promises.cp = async (src, dest, options) => cpSync(src, dest, options);
// Linux has no lchmod(2): Node defines fs.lchmod only on macOS, and its promise form rejects.
promises.lchmod = async () => { throw new ERR_METHOD_NOT_IMPLEMENTED('lchmod()'); };
promises.watch = (filename, options) => require('internal/fs_watch').watchPromise(filename, options);
delete promises.close;
delete promises.read;
delete promises.write;
delete promises.readv;
delete promises.writev;
delete promises.fstat;
delete promises.ftruncate;
delete promises.fsync;
delete promises.fdatasync;
delete promises.fchmod;
delete promises.fchown;
delete promises.futimes;

// A Blob backed by the file at `path` (internal/blob.js): read when the Blob is, and
// unreadable once the file changes.
function openAsBlob(path, options = {}) {
  path = toPath(path);
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  const { type = '' } = options;
  if (typeof type !== 'string') throw new ERR_INVALID_ARG_TYPE('options.type', 'string', type);
  return Promise.resolve(require('internal/blob').createBlobFromFilePath(path, type));
}

module.exports = {
  ...syncApi, ...callbackApi, promises, constants, Stats, Dirent, Dir, FileHandle, _toUnixTimestamp: toUnixTimestamp,
  createReadStream, createWriteStream, watch, openAsBlob,
  watchFile(filename, options, listener) { return require('internal/fs_watch').watchFile(filename, options, listener); },
  unwatchFile(filename, listener) { return require('internal/fs_watch').unwatchFile(filename, listener); },
  get ReadStream() { return streams().ReadStream; }, get WriteStream() { return streams().WriteStream; },
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
};
