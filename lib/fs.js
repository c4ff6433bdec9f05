'use strict';
// node:fs — the synchronous API over native bindings, with callback and promise forms
// layered on top (they run the sync operation and report on the next tick).

const fsb = binding.fs;
const { codes: { ERR_INVALID_ARG_TYPE }, validateFunction } = require('internal/errors');

const constants = {
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024,
  S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000,
  S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
};

function toPath(p, name = 'path') {
  if (typeof p === 'string') return p;
  if (p instanceof URL || (p && typeof p === 'object' && typeof p.href === 'string' && p.protocol)) {
    return require('url').fileURLToPath(p);
  }
  if (ArrayBuffer.isView(p)) return new TextDecoder().decode(p);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], p);
}

function encodingOf(options) {
  if (typeof options === 'string') return options;
  if (options && typeof options === 'object') return options.encoding ?? null;
  return null;
}

function decode(bytes, encoding) {
  if (encoding === null || encoding === undefined || encoding === 'buffer') {
    return globalThis.Buffer ? globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
  }
  if (globalThis.Buffer) return globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(encoding);
  return new TextDecoder().decode(bytes);
}

function readFileSync(path, options) {
  const encoding = encodingOf(options);
  if (path === 0 || path === '/dev/stdin') return decode(fsb.readFile(0), encoding);
  if (typeof path === 'number') return decode(fsb.readFile(`/proc/self/fd/${path}`), encoding);
  path = toPath(path);
  if (encoding === 'utf8' || encoding === 'utf-8') return fsb.readFileUtf8(path);
  return decode(fsb.readFile(path), encoding);
}

function writeFileSync(path, data, options) {
  const flag = options && typeof options === 'object' ? options.flag : undefined;
  const mode = options && typeof options === 'object' ? options.mode : undefined;
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  const encoding = encodingOf(options);
  if (typeof data === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8' && globalThis.Buffer) {
    data = globalThis.Buffer.from(data, encoding);
  }
  if (typeof path === 'number') path = `/proc/self/fd/${path}`;
  fsb.writeFile(toPath(path), data, flag === 'a' || flag === 'a+', mode);
}

function appendFileSync(path, data, options) {
  const opts = typeof options === 'string' ? { encoding: options } : { ...options };
  opts.flag = 'a';
  writeFileSync(path, data, opts);
}

function existsSync(path) {
  try {
    return fsb.exists(toPath(path));
  } catch {
    return false;
  }
}

const kNsPerMs = 1e6;
class Stats {
  constructor(a) {
    this.dev = a[0]; this.mode = a[1]; this.nlink = a[2]; this.uid = a[3]; this.gid = a[4]; this.rdev = a[5];
    this.blksize = a[6]; this.ino = a[7]; this.size = a[8]; this.blocks = a[9];
    this.atimeMs = a[10]; this.mtimeMs = a[11]; this.ctimeMs = a[12]; this.birthtimeMs = a[13];
    this.atime = new Date(Math.round(a[10])); this.mtime = new Date(Math.round(a[11]));
    this.ctime = new Date(Math.round(a[12])); this.birthtime = new Date(Math.round(a[13]));
  }
  _type() { return this.mode & constants.S_IFMT; }
  isFile() { return this._type() === constants.S_IFREG; }
  isDirectory() { return this._type() === constants.S_IFDIR; }
  isSymbolicLink() { return this._type() === constants.S_IFLNK; }
  isFIFO() { return this._type() === constants.S_IFIFO; }
  isSocket() { return this._type() === constants.S_IFSOCK; }
  isCharacterDevice() { return this._type() === constants.S_IFCHR; }
  isBlockDevice() { return this._type() === constants.S_IFBLK; }
}
Object.defineProperty(Stats.prototype, '_type', { enumerable: false });

function makeStats(arr, options) {
  if (arr === undefined) return undefined;
  if (options && options.bigint) {
    const s = new Stats(arr);
    for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks']) s[k] = BigInt(s[k]);
    for (const k of ['atime', 'mtime', 'ctime', 'birthtime']) {
      s[`${k}Ns`] = BigInt(Math.round(s[`${k}Ms`] * kNsPerMs));
      s[`${k}Ms`] = BigInt(Math.floor(s[`${k}Ms`]));
    }
    return s;
  }
  return new Stats(arr);
}

function statSync(path, options) {
  return makeStats(fsb.stat(toPath(path), false, options?.throwIfNoEntry ?? true), options);
}
function lstatSync(path, options) {
  return makeStats(fsb.stat(toPath(path), true, options?.throwIfNoEntry ?? true), options);
}
function fstatSync(fd, options) {
  return makeStats(fsb.stat(`/proc/self/fd/${fd}`, false, true), options);
}

class Dirent {
  constructor(name, type, dir) {
    this.name = name;
    this.parentPath = dir;
    this.path = dir;
    this[kType] = type;
  }
  isFile() { return this[kType] === 1; }
  isDirectory() { return this[kType] === 2; }
  isSymbolicLink() { return this[kType] === 3; }
  isFIFO() { return this[kType] === 4; }
  isSocket() { return this[kType] === 5; }
  isCharacterDevice() { return this[kType] === 6; }
  isBlockDevice() { return this[kType] === 7; }
}
const kType = Symbol('type');

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
  const names = fsb.readdir(path, false);
  const enc = encodingOf(options);
  if (enc === 'buffer') return names.map((n) => globalThis.Buffer.from(n));
  return names;
}

function mkdirSync(path, options) {
  const recursive = typeof options === 'object' && options !== null ? !!options.recursive : false;
  const mode = typeof options === 'number' ? options : options?.mode;
  return fsb.mkdir(toPath(path), recursive, typeof mode === 'string' ? parseInt(mode, 8) : mode);
}

function rmSync(path, options) {
  fsb.rm(toPath(path), !!options?.recursive, !!options?.force);
}
function rmdirSync(path, options) { fsb.rmdir(toPath(path), !!options?.recursive); }
function unlinkSync(path) { fsb.unlink(toPath(path)); }
function renameSync(from, to) { fsb.rename(toPath(from, 'oldPath'), toPath(to, 'newPath')); }
function copyFileSync(from, to, mode) { fsb.copyFile(toPath(from, 'src'), toPath(to, 'dest'), mode | 0); }
function realpathSync(path, options) {
  const r = fsb.realpath(toPath(path));
  return encodingOf(options) === 'buffer' ? globalThis.Buffer.from(r) : r;
}
realpathSync.native = realpathSync;
function accessSync(path, mode = constants.F_OK) { fsb.access(toPath(path), mode); }
function chmodSync(path, mode) { fsb.chmod(toPath(path), typeof mode === 'string' ? parseInt(mode, 8) : mode); }
function symlinkSync(target, path) { fsb.symlink(toPath(target, 'target'), toPath(path)); }
function readlinkSync(path) { return fsb.readlink(toPath(path)); }
function mkdtempSync(prefix) { return fsb.mkdtemp(prefix); }
function toSeconds(t) {
  if (t instanceof Date) return t.getTime() / 1000;
  if (typeof t === 'string') return Number(t);
  return t;
}
function utimesSync(path, atime, mtime) { fsb.utimes(toPath(path), toSeconds(atime), toSeconds(mtime)); }

const syncApi = {
  readFileSync, writeFileSync, appendFileSync, existsSync, statSync, lstatSync, fstatSync, readdirSync,
  mkdirSync, rmSync, rmdirSync, unlinkSync, renameSync, copyFileSync, realpathSync, accessSync, chmodSync,
  symlinkSync, readlinkSync, mkdtempSync, utimesSync,
};

// Callback forms: run the sync operation, report on the next tick.
const callbackApi = {};
for (const [name, fn] of Object.entries(syncApi)) {
  if (name === 'existsSync') continue;
  const cbName = name.slice(0, -4);
  callbackApi[cbName] = function (...args) {
    const cb = args.pop();
    validateFunction(cb, 'cb');
    let result;
    try {
      result = fn(...args);
    } catch (err) {
      process.nextTick(cb, err);
      return;
    }
    process.nextTick(cb, null, result);
  };
}
callbackApi.exists = (path, cb) => process.nextTick(cb, existsSync(path));
callbackApi.realpath.native = callbackApi.realpath;

const promises = {};
for (const [name, fn] of Object.entries(syncApi)) {
  if (name === 'existsSync') continue;
  promises[name.slice(0, -4)] = (...args) => new Promise((resolve, reject) => {
    try {
      resolve(fn(...args));
    } catch (err) {
      reject(err);
    }
  });
}
promises.constants = constants;

module.exports = {
  ...syncApi, ...callbackApi, promises, constants, Stats, Dirent,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
};
