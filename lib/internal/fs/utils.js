'use strict';
// What node:fs's functions share, under the names Node's internal/fs/utils gives them:
// the constants, `Stats`/`BigIntStats` and `Dirent`, open flags, and the validators of
// offsets, lengths and rm/rmdir options.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE },
  validateObject, validateBoolean, validateInt32, validateUint32, validateInteger,
} = require('internal/errors');

// Node's fs.constants for Linux, in Node's order.
const constants = {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0,
  EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o40000,
  S_IFCHR: 0o20000, S_IFBLK: 0o60000, S_IFIFO: 0o10000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024,
  O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
  O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10, S_IRWXO: 0o7, S_IROTH: 0o4,
  S_IWOTH: 0o2, S_IXOTH: 0o1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1,
  COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
};

const kIoMaxLength = 2 ** 31 - 1;
const kNsPerMs = 1e6;
const kNsPerMsBigInt = 10n ** 6n;
const kNsPerSecBigInt = 10n ** 9n;

// The type tests of both kinds of stats: `mode` is a Number or a BigInt.
class StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
    this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid;
    this.rdev = rdev; this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
  }
  _checkModeProperty(property) {
    if (typeof this.mode === 'bigint') return (this.mode & BigInt(constants.S_IFMT)) === BigInt(property);
    return (this.mode & constants.S_IFMT) === property;
  }
  isFile() { return this._checkModeProperty(constants.S_IFREG); }
  isDirectory() { return this._checkModeProperty(constants.S_IFDIR); }
  isSymbolicLink() { return this._checkModeProperty(constants.S_IFLNK); }
  isFIFO() { return this._checkModeProperty(constants.S_IFIFO); }
  isSocket() { return this._checkModeProperty(constants.S_IFSOCK); }
  isCharacterDevice() { return this._checkModeProperty(constants.S_IFCHR); }
  isBlockDevice() { return this._checkModeProperty(constants.S_IFBLK); }
}
Object.defineProperty(StatsBase.prototype, '_checkModeProperty', { enumerable: false });

const dateFromMs = (ms) => new Date(Math.round(Number(ms)));

// `new Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs,
// mtimeMs, ctimeMs, birthtimeMs)`, Node's public constructor.
class Stats extends StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    super(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeMs; this.mtimeMs = mtimeMs; this.ctimeMs = ctimeMs; this.birthtimeMs = birthtimeMs;
    this.atime = dateFromMs(atimeMs); this.mtime = dateFromMs(mtimeMs);
    this.ctime = dateFromMs(ctimeMs); this.birthtime = dateFromMs(birthtimeMs);
  }
}

// Stats with every number a BigInt and the times also in nanoseconds:
// `new BigIntStats(dev, ..., blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs)`.
class BigIntStats extends StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
    super(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeNs / kNsPerMsBigInt; this.mtimeMs = mtimeNs / kNsPerMsBigInt;
    this.ctimeMs = ctimeNs / kNsPerMsBigInt; this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
    this.atimeNs = atimeNs; this.mtimeNs = mtimeNs; this.ctimeNs = ctimeNs; this.birthtimeNs = birthtimeNs;
    this.atime = dateFromMs(this.atimeMs); this.mtime = dateFromMs(this.mtimeMs);
    this.ctime = dateFromMs(this.ctimeMs); this.birthtime = dateFromMs(this.birthtimeMs);
  }
}

// A time of the native stat array in nanoseconds: its milliseconds give the whole
// seconds, the nanoseconds within the second are exact.
function timeNs(ms, nsec) {
  const sec = Math.round((ms - nsec / kNsPerMs) / 1000);
  return BigInt(sec) * kNsPerSecBigInt + BigInt(nsec);
}

// Stats from the binding's array (see `stat` in bindings/fs.rs); `undefined` stays so.
function getStatsFromBinding(a, options) {
  if (a === undefined) return undefined;
  if (options && options.bigint) {
    const n = (i) => BigInt(a[i]);
    return new BigIntStats(n(0), n(1), n(2), n(3), n(4), n(5), n(6), n(7), n(8), n(9),
                           timeNs(a[10], a[14]), timeNs(a[11], a[15]), timeNs(a[12], a[16]), timeNs(a[13], a[17]));
  }
  return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
}

// All-zero stats (a missing file, for watchFile).
function zeroStats(bigint) {
  return bigint ?
    new BigIntStats(0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n) :
    new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

const kType = Symbol('type');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
}

// A Dirent whose type readdir could not tell gets it from lstat.
class DirentFromStats extends Dirent {
  constructor(name, stats, path) {
    super(name, null, path);
    this[kType] = stats.isFile() ? constants.UV_DIRENT_FILE :
      stats.isDirectory() ? constants.UV_DIRENT_DIR :
        stats.isSymbolicLink() ? constants.UV_DIRENT_LINK :
          stats.isFIFO() ? constants.UV_DIRENT_FIFO :
            stats.isSocket() ? constants.UV_DIRENT_SOCKET :
              stats.isCharacterDevice() ? constants.UV_DIRENT_CHAR :
                stats.isBlockDevice() ? constants.UV_DIRENT_BLOCK : constants.UV_DIRENT_UNKNOWN;
  }
}

function direntPath(path) {
  if (typeof path === 'string') return path;
  if (path instanceof Uint8Array) return globalThis.Buffer.from(path).toString();
  throw new ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer'], path);
}
const joinName = (dir, name) => require('path').join(dir, typeof name === 'string' ? name : globalThis.Buffer.from(name).toString());

// `getDirents(path, [names, types], callback)`: Dirents, with the unknown types looked
// up by lstat (asynchronously; `callback` may be undefined for the synchronous form).
function getDirents(path, [names, types], callback) {
  if (typeof callback === 'function') {
    let dir;
    try {
      dir = direntPath(path);
    } catch (err) {
      process.nextTick(callback, err);
      return;
    }
    const out = new Array(names.length);
    let pending = 1;
    let failed = false;
    const done = (err) => {
      if (failed) return;
      if (err) {
        failed = true;
        callback(err);
      } else if (--pending === 0) {
        callback(null, out);
      }
    };
    for (let i = 0; i < names.length; i++) {
      if (types[i] === constants.UV_DIRENT_UNKNOWN) {
        pending++;
        require('fs').lstat(joinName(dir, names[i]), (err, stats) => {
          if (!err) out[i] = new DirentFromStats(names[i], stats, dir);
          done(err);
        });
      } else {
        out[i] = new Dirent(names[i], types[i], dir);
      }
    }
    process.nextTick(done);
    return;
  }
  const dir = direntPath(path);
  return names.map((name, i) => (types[i] === constants.UV_DIRENT_UNKNOWN ?
    new DirentFromStats(name, require('fs').lstatSync(joinName(dir, name)), dir) :
    new Dirent(name, types[i], dir)));
}

// `getDirent(path, name, type, callback)`: one Dirent, as getDirents makes them.
function getDirent(path, name, type, callback) {
  if (typeof callback === 'function') {
    getDirents(path, [[name], [type]], (err, dirents) => (err ? callback(err) : callback(null, dirents[0])));
    return;
  }
  return getDirents(path, [[name], [type]])[0];
}

// Open flags as a number: a number is taken as it is, a string is one of fopen's modes.
function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') {
    validateInt32(flags, name);
    return flags;
  }
  if (flags == null) return constants.O_RDONLY;
  const c = constants;
  const SYNC = c.O_SYNC;
  switch (flags) {
    case 'r': return c.O_RDONLY;
    case 'rs': case 'sr': return c.O_RDONLY | SYNC;
    case 'r+': return c.O_RDWR;
    case 'rs+': case 'sr+': return c.O_RDWR | SYNC;
    case 'w': return c.O_TRUNC | c.O_CREAT | c.O_WRONLY;
    case 'wx': case 'xw': return c.O_TRUNC | c.O_CREAT | c.O_WRONLY | c.O_EXCL;
    case 'w+': return c.O_TRUNC | c.O_CREAT | c.O_RDWR;
    case 'wx+': case 'xw+': return c.O_TRUNC | c.O_CREAT | c.O_RDWR | c.O_EXCL;
    case 'a': return c.O_APPEND | c.O_CREAT | c.O_WRONLY;
    case 'ax': case 'xa': return c.O_APPEND | c.O_CREAT | c.O_WRONLY | c.O_EXCL;
    case 'as': case 'sa': return c.O_APPEND | c.O_CREAT | c.O_WRONLY | SYNC;
    case 'a+': return c.O_APPEND | c.O_CREAT | c.O_RDWR;
    case 'ax+': case 'xa+': return c.O_APPEND | c.O_CREAT | c.O_RDWR | c.O_EXCL;
    case 'as+': case 'sa+': return c.O_APPEND | c.O_CREAT | c.O_RDWR | SYNC;
  }
  throw new ERR_INVALID_ARG_VALUE('flags', flags);
}

function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
}

function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

const defaultRmOptions = { recursive: false, force: false, retryDelay: 100, maxRetries: 0 };
const defaultRmdirOptions = { retryDelay: 100, maxRetries: 0, recursive: false };

// rmdir's options with their defaults filled in, checked.
function validateRmdirOptions(options, defaults = defaultRmdirOptions) {
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, 'options.recursive');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
}

// Node's ERR_FS_EISDIR, a SystemError for rm of a directory without `recursive`.
function eisdir(path) {
  const info = { code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: 21 };
  const err = new Error(`Path is a directory: rm returned EISDIR (is a directory) ${path}`);
  Object.defineProperty(err, 'name', { value: 'SystemError', configurable: true, writable: true });
  Object.assign(err, { code: 'ERR_FS_EISDIR', info, errno: info.errno, syscall: 'rm', path });
  return err;
}

// rm's options, checked; a directory without `recursive` is refused (ERR_FS_EISDIR).
// With `expectDir` (rmdir's recursive form) a path that is not a directory gives false.
function validateRmOptionsSync(path, options, expectDir) {
  options = validateRmdirOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  if (!options.force || expectDir || !options.recursive) {
    const stats = require('fs').lstatSync(path, { throwIfNoEntry: !options.force });
    const isDirectory = stats?.isDirectory();
    if (expectDir && !isDirectory) return false;
    if (isDirectory && !options.recursive) throw eisdir(path);
  }
  return options;
}

// The callback form: `cb(err, options)`.
function validateRmOptions(path, options, expectDir, cb) {
  options = validateRmdirOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  require('fs').lstat(path, (err, stats) => {
    if (err) {
      if (options.force && err.code === 'ENOENT') return cb(null, options);
      return cb(err, options);
    }
    if (expectDir && !stats.isDirectory()) return cb(false);
    if (stats.isDirectory() && !options.recursive) return cb(eisdir(path));
    return cb(null, options);
  });
}

let recursiveRmdirWarned = false;
function emitRecursiveRmdirWarning() {
  if (recursiveRmdirWarned) return;
  recursiveRmdirWarned = true;
  process.emitWarning('In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead', 'DeprecationWarning', 'DEP0147');
}

// An encoding option: a name Buffer knows, or nothing.
function assertEncoding(encoding) {
  if (encoding && !globalThis.Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

// A symlink's target as given (Windows alone rewrites it).
function preprocessSymlinkDestination(path) {
  return path;
}

module.exports = {
  constants, kIoMaxLength, Stats, BigIntStats, getStatsFromBinding, zeroStats, Dirent, DirentFromStats, kType,
  getDirents, getDirent, stringToFlags, validateOffsetLengthRead, validateOffsetLengthWrite,
  validateRmdirOptions, validateRmOptionsSync, validateRmOptions, emitRecursiveRmdirWarning, assertEncoding,
  preprocessSymlinkDestination, validateInteger,
};
