//! File-system bindings, synchronous and asynchronous from one body each.
//!
//! Every binding parses its JS arguments into owned values, then hands a job (a closure
//! doing the system calls, returning `FsResult`) to `run`: without an op id as its last
//! argument the job runs now and the result is returned or thrown (the `*Sync` forms);
//! with one, the job runs on tokio's blocking pool and completes the op in the loop's
//! I/O phase with `[err, value]` (the callback, promise and stream forms), as libuv's
//! thread pool does for Node (`UV_THREADPOOL_SIZE` jobs at a time). Buffers that a job reads into or writes from are used in
//! place: the job holds the ArrayBuffer's backing store (`v8::SharedRef`) so the memory
//! outlives the call, and that reference is dropped back on the loop thread. Errors
//! are Node-shaped system errors (`helpers::io_error`); the JS side (`lib/fs.js`)
//! validates arguments and builds `Stats`/`Dirent` objects.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("fs.readFileUtf8", read_file_utf8);
  reg.add("fs.readFileText", read_file_text);
  reg.add("fs.readFile", read_file);
  reg.add("fs.writeFile", write_file);
  reg.add("fs.exists", exists);
  reg.add("fs.stat", stat);
  reg.add("fs.readdir", readdir);
  reg.add("fs.mkdir", mkdir);
  reg.add("fs.rm", rm);
  reg.add("fs.rmdir", rmdir);
  reg.add("fs.unlink", unlink);
  reg.add("fs.rename", rename);
  reg.add("fs.copyFile", copy_file);
  reg.add("fs.realpath", realpath);
  reg.add("fs.access", access);
  reg.add("fs.chmod", chmod);
  reg.add("fs.symlink", symlink);
  reg.add("fs.readlink", readlink);
  reg.add("fs.mkdtemp", mkdtemp);
  reg.add("fs.utimes", utimes);
  reg.add("fs.open", open);
  reg.add("fs.close", close);
  reg.add("fs.read", read);
  reg.add("fs.write", write);
  reg.add("fs.fstat", fstat);
  reg.add("fs.ftruncate", ftruncate);
  reg.add("fs.fsync", fsync);
  reg.add("fs.link", link);
  reg.add("fs.chown", chown);
  reg.add("fs.readv", readv);
  reg.add("fs.writev", writev);
  reg.add("fs.statfs", statfs);
}

/// What a job produces, turned into a JS value on the loop thread.
pub enum Out {
  Undefined,
  Bool(bool),
  Num(f64),
  Str(String),
  Bytes(Vec<u8>),
  /// File text (a BOM already stripped); may be too long for a V8 string.
  Utf8(String),
  /// `[dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs]`
  /// followed by the nanoseconds within the second of the four times (for BigInt stats).
  Stats([f64; 18]),
  /// Directory entries, with types (`readdir`'s second result) when asked for.
  Dir(Vec<(String, u32)>, bool),
  /// `[type, bsize, blocks, bfree, bavail, files, ffree]` from statfs(2).
  StatFs([f64; 7]),
  /// A JS array of values (a zlib write's `[availIn, output, ...error]`).
  List(Vec<Out>),
}

/// A failed job: a system error with its syscall, path and dest, or an error with a
/// Node code of its own (`ERR_FS_EISDIR`).
pub enum Fail {
  Io(std::io::Error, &'static str, Option<String>, Option<String>),
  /// `(message, code, errno, syscall, path)`: Node's `SystemError` with its own code.
  Coded(String, &'static str, i32, &'static str, String),
  /// A whole-file read of a file larger than `K_IO_MAX_LENGTH` bytes (its size): Node's
  /// RangeError `ERR_FS_FILE_TOO_LARGE`.
  TooLarge(u64),
}

/// The most a whole-file read returns (Node's kIoMaxLength, 2 GiB - 1), as libuv's
/// single read is bounded by it.
const K_IO_MAX_LENGTH: u64 = (1 << 31) - 1;

/// Reads all of the file at `path`; a regular file larger than `K_IO_MAX_LENGTH` fails
/// before anything is read (its size is known from fstat; other files are read to EOF).
fn read_whole(path: &str) -> Result<Vec<u8>, Fail> {
  use std::io::Read;
  let mut f = std::fs::File::open(path).map_err(|e| read_fail(e, path))?;
  let meta = f.metadata().map_err(|e| fail(e, "fstat", None, None))?;
  if meta.is_file() && meta.len() > K_IO_MAX_LENGTH {
    return Err(Fail::TooLarge(meta.len()));
  }
  let mut buf = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 0 });
  f.read_to_end(&mut buf).map_err(|e| read_fail(e, path))?;
  Ok(buf)
}

pub type FsResult = Result<Out, Fail>;

fn fail(e: std::io::Error, syscall: &'static str, path: Option<&str>, dest: Option<&str>) -> Fail {
  Fail::Io(e, syscall, path.map(str::to_string), dest.map(str::to_string))
}

fn last_error(syscall: &'static str, path: Option<&str>, dest: Option<&str>) -> Fail {
  fail(std::io::Error::last_os_error(), syscall, path, dest)
}

fn out_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, out: Out) -> Result<v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>> {
  Ok(match out {
    Out::Undefined => v8::undefined(scope).into(),
    Out::Bool(b) => v8::Boolean::new(scope, b).into(),
    Out::Num(n) => v8::Number::new(scope, n).into(),
    Out::Str(s) => new_string(scope, &s).into(),
    Out::Bytes(b) => bytes_to_uint8array(scope, b).into(),
    Out::Utf8(s) => match v8::String::new_from_utf8(scope, s.as_bytes(), v8::NewStringType::Normal) {
      Some(v) => v.into(),
      None => {
        let m = new_string(scope, "Cannot create a string longer than 0x1fffffe8 characters");
        return Err(v8::Exception::error(scope, m));
      }
    },
    Out::List(items) => {
      let mut vals = Vec::with_capacity(items.len());
      for item in items {
        vals.push(out_to_js(scope, item)?);
      }
      v8::Array::new_with_elements(scope, &vals).into()
    }
    Out::Stats(vals) => {
      let bytes: Vec<u8> = vals.iter().flat_map(|v| v.to_ne_bytes()).collect();
      let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
      let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
      v8::Float64Array::new(scope, ab, 0, vals.len()).unwrap().into()
    }
    Out::StatFs(fields) => {
      let items: Vec<v8::Local<v8::Value>> = fields.iter().map(|&n| v8::Number::new(scope, n).into()).collect();
      v8::Array::new_with_elements(scope, &items).into()
    }
    Out::Dir(entries, with_types) => {
      let names: Vec<v8::Local<v8::Value>> = entries.iter().map(|(n, _)| new_string(scope, n).into()).collect();
      let names = v8::Array::new_with_elements(scope, &names);
      if with_types {
        let types: Vec<v8::Local<v8::Value>> = entries.iter().map(|(_, t)| v8::Integer::new(scope, *t as i32).into()).collect();
        let types = v8::Array::new_with_elements(scope, &types);
        v8::Array::new_with_elements(scope, &[names.into(), types.into()]).into()
      } else {
        names.into()
      }
    }
  })
}

fn fail_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, f: Fail) -> v8::Local<'s, v8::Value> {
  match f {
    Fail::Io(e, syscall, path, dest) => io_error(scope, &e, syscall, path.as_deref(), dest.as_deref()),
    Fail::Coded(msg, code, errno, syscall, path) => {
      let m = new_string(scope, &msg);
      let e = v8::Exception::error(scope, m);
      let obj = e.cast::<v8::Object>();
      for (k, v) in [("code", code), ("syscall", syscall), ("path", path.as_str())] {
        let k = new_string(scope, k);
        let v = new_string(scope, v);
        obj.set(scope, k.into(), v.into());
      }
      let k = new_string(scope, "errno");
      let v = v8::Integer::new(scope, errno);
      obj.set(scope, k.into(), v.into());
      e
    }
    Fail::TooLarge(size) => {
      let m = new_string(scope, &format!("File size ({size}) is greater than 2 GiB"));
      let e = v8::Exception::range_error(scope, m);
      let obj = e.cast::<v8::Object>();
      let k = new_string(scope, "code");
      let v = new_string(scope, "ERR_FS_FILE_TOO_LARGE");
      obj.set(scope, k.into(), v.into());
      e
    }
  }
}

/// An async op's result as `[err, value]` (err null on success), for `onOpComplete`.
pub fn result_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, r: FsResult) -> v8::Local<'s, v8::Value> {
  let (err, val) = match r.map_err(|f| fail_to_js(scope, f)).and_then(|o| out_to_js(scope, o)) {
    Ok(v) => (v8::null(scope).into(), v),
    Err(e) => (e, v8::undefined(scope).into()),
  };
  v8::Array::new_with_elements(scope, &[err, val]).into()
}

/// Memory of a JS ArrayBuffer that a job uses in place: the backing store is held
/// until the op completes, so the bytes stay valid while another thread uses them.
pub(crate) struct Pinned {
  _stores: Vec<v8::SharedRef<v8::BackingStore>>,
}
// SAFETY: the backing store is only dropped, and only on the loop thread (the future
// that holds it runs on the current-thread runtime); its memory is V8-owned and stable.
unsafe impl Send for Pinned {}

/// A region of such memory, as the job sees it.
#[derive(Clone, Copy)]
pub(crate) struct Region(*mut u8, usize);
// SAFETY: the region lies inside a `Pinned` store kept alive for the job's duration.
unsafe impl Send for Region {}

impl Region {
  pub(crate) fn slice(&self) -> &'static mut [u8] {
    if self.1 == 0 {
      return &mut [];
    }
    // SAFETY: see `Pinned`; JS must not use the same bytes meanwhile (as with Node).
    unsafe { std::slice::from_raw_parts_mut(self.0, self.1) }
  }
}

/// The bytes `[offset, offset + length)` of an ArrayBufferView (clamped to it), with
/// its backing store; None if `value` is not a view.
pub(crate) fn view_region(scope: &mut v8::PinScope, value: v8::Local<v8::Value>, offset: usize, length: Option<usize>) -> Option<(Pinned, Region)> {
  let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
  let len = view.byte_length();
  let start = offset.min(len);
  let end = length.map(|l| (offset.saturating_add(l)).min(len)).unwrap_or(len).max(start);
  if len == 0 {
    return Some((Pinned { _stores: Vec::new() }, Region(std::ptr::null_mut(), 0)));
  }
  let store = view.buffer(scope).map(|ab| ab.get_backing_store());
  let base = view.data() as *mut u8;
  // SAFETY: `start <= end <= len`, inside the view.
  Some((Pinned { _stores: store.into_iter().collect() }, Region(unsafe { base.add(start) }, end - start)))
}

/// How many file-system jobs run at once: `UV_THREADPOOL_SIZE` (1 to 1024), 4 by
/// default, as libuv's pool for Node. Jobs beyond that wait their turn in order, so
/// a thousand parallel `readFile`s use four threads, not a thousand.
fn pool_slots() -> std::sync::Arc<tokio::sync::Semaphore> {
  static SLOTS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> = std::sync::OnceLock::new();
  SLOTS
    .get_or_init(|| {
      let n = std::env::var("UV_THREADPOOL_SIZE").ok().and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(4).clamp(1, 1024);
      std::sync::Arc::new(tokio::sync::Semaphore::new(n))
    })
    .clone()
}

/// Runs `job` now, when argument `op_index` is undefined (the result is returned or
/// thrown), or on the blocking pool, completing that op id with `[err, value]`.
/// Also how other bindings put CPU work on the same pool (`bindings::zlib`).
pub(crate) fn run<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  args: &v8::FunctionCallbackArguments<'s>,
  op_index: i32,
  rv: &mut v8::ReturnValue<'s>,
  pinned: Option<Pinned>,
  job: impl FnOnce() -> FsResult + Send + 'static,
) {
  let op = args.get(op_index);
  if op.is_undefined() {
    match job().map_err(|f| fail_to_js(scope, f)).and_then(|o| out_to_js(scope, o)) {
      Ok(v) => rv.set(v),
      Err(e) => {
        scope.throw_exception(e);
      }
    }
    drop(pinned);
    return;
  }
  let id = op.uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let handle = st.tokio.clone();
  st.op_refs.insert(id, true);
  st.fs_ops += 1;
  let pool = pool_slots();
  st.ops.spawn_on(
    async move {
      // Waits for one of the pool's slots, as a request waits for a libuv thread.
      let _slot = pool.acquire_owned().await;
      let r = tokio::task::spawn_blocking(job).await;
      drop(pinned);
      let r = r.unwrap_or_else(|_| Err(fail(std::io::Error::other("file system job failed"), "fs", None, None)));
      (id, OpResult::Fs(r))
    },
    &handle,
  );
}

fn cpath(scope: &mut v8::PinScope, p: &str) -> Option<std::ffi::CString> {
  match std::ffi::CString::new(p) {
    Ok(c) => Some(c),
    Err(_) => {
      throw_type_error(scope, "path must be a string without null bytes");
      None
    }
  }
}

/// `open(path, flags, mode, op?)` -> fd (flags are O_* numbers, resolved in JS).
fn open<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let flags = args.get(1).int32_value(scope).unwrap_or(0);
  let mode = mode_arg(scope, &args, 2, 0o666);
  let Some(c) = cpath(scope, &path) else { return };
  run(scope, &args, 3, &mut rv, None, move || {
    let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
    if fd < 0 { Err(last_error("open", Some(&path), None)) } else { Ok(Out::Num(fd as f64)) }
  });
}

/// `close(fd, op?)`.
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  run(scope, &args, 1, &mut rv, None, move || {
    if unsafe { libc::close(fd) } != 0 { Err(last_error("close", None, None)) } else { Ok(Out::Undefined) }
  });
}

/// `read(fd, view, offset, length, position, op?)` -> bytes read; position (a Number or
/// a BigInt) -1 = current.
/// The bytes land in the view's own memory.
fn read<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as usize;
  let length = args.get(3).number_value(scope).unwrap_or(0.0) as usize;
  // A BigInt position is taken exactly (an offset near 2^63 does not round).
  let position: i64 = match v8::Local::<v8::BigInt>::try_from(args.get(4)) {
    Ok(b) => b.i64_value().0,
    Err(_) => args.get(4).number_value(scope).map_or(-1, |n| if n >= 0.0 { n as i64 } else { -1 }),
  };
  let Some((pinned, region)) = view_region(scope, args.get(1), offset, Some(length)) else {
    return throw_type_error(scope, "buffer must be a TypedArray or DataView");
  };
  run(scope, &args, 5, &mut rv, Some(pinned), move || {
    let slice = region.slice();
    loop {
      let n = unsafe {
        if position >= 0 {
          libc::pread(fd, slice.as_mut_ptr() as *mut libc::c_void, slice.len(), position as libc::off_t)
        } else {
          libc::read(fd, slice.as_mut_ptr() as *mut libc::c_void, slice.len())
        }
      };
      if n >= 0 {
        return Ok(Out::Num(n as f64));
      }
      let e = std::io::Error::last_os_error();
      if e.kind() != std::io::ErrorKind::Interrupted {
        return Err(fail(e, "read", None, None));
      }
    }
  });
}

fn write_all(fd: i32, bytes: &[u8], position: f64) -> std::io::Result<usize> {
  let mut done = 0;
  while done < bytes.len() {
    let rest = &bytes[done..];
    let n = unsafe {
      if position >= 0.0 {
        libc::pwrite(fd, rest.as_ptr() as *const libc::c_void, rest.len(), (position as libc::off_t) + done as libc::off_t)
      } else {
        libc::write(fd, rest.as_ptr() as *const libc::c_void, rest.len())
      }
    };
    if n < 0 {
      let e = std::io::Error::last_os_error();
      if e.kind() == std::io::ErrorKind::Interrupted {
        continue;
      }
      if e.kind() == std::io::ErrorKind::WouldBlock {
        let mut pfd = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
        unsafe { libc::poll(&mut pfd, 1, -1) };
        continue;
      }
      return Err(e);
    }
    done += n as usize;
  }
  Ok(done)
}

/// `write(fd, dataOrView, offset, length, position, op?)` -> bytes written. A view is
/// written from its own memory; a string is encoded as UTF-8 first.
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let data = args.get(1);
  let position = args.get(4).number_value(scope).unwrap_or(-1.0);
  if data.is_string() {
    let s = data.to_rust_string_lossy(scope);
    return run(scope, &args, 5, &mut rv, None, move || {
      write_all(fd, s.as_bytes(), position).map(|n| Out::Num(n as f64)).map_err(|e| fail(e, "write", None, None))
    });
  }
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as usize;
  let length = args.get(3).number_value(scope).filter(|l| !l.is_nan()).map(|l| l.max(0.0) as usize);
  let Some((pinned, region)) = view_region(scope, data, offset, length) else {
    return throw_type_error(scope, "data must be a string or a TypedArray");
  };
  run(scope, &args, 5, &mut rv, Some(pinned), move || {
    write_all(fd, region.slice(), position).map(|n| Out::Num(n as f64)).map_err(|e| fail(e, "write", None, None))
  });
}

/// `fstat(fd, op?)` -> stats array.
fn fstat<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  run(scope, &args, 1, &mut rv, None, move || {
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
      return Err(last_error("fstat", None, None));
    }
    stat_job(&format!("/proc/self/fd/{fd}"), false, true)
  });
}

/// `ftruncate(fd, len, op?)`.
fn ftruncate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let len = args.get(1).number_value(scope).unwrap_or(0.0) as libc::off_t;
  run(scope, &args, 2, &mut rv, None, move || {
    if unsafe { libc::ftruncate(fd, len) } != 0 { Err(last_error("ftruncate", None, None)) } else { Ok(Out::Undefined) }
  });
}

/// `fsync(fd, dataOnly, op?)`: fsync, or fdatasync when `dataOnly`.
fn fsync<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let data_only = args.get(1).boolean_value(scope);
  run(scope, &args, 2, &mut rv, None, move || {
    let (rc, syscall) = if data_only { (unsafe { libc::fdatasync(fd) }, "fdatasync") } else { (unsafe { libc::fsync(fd) }, "fsync") };
    if rc != 0 { Err(last_error(syscall, None, None)) } else { Ok(Out::Undefined) }
  });
}

fn is_dir(p: &str) -> bool {
  std::fs::metadata(p).map(|m| m.is_dir()).unwrap_or(false)
}

/// A whole-file read's failure: opening the path, or (for a directory, like Node)
/// reading it, which names no path.
fn read_fail(e: std::io::Error, path: &str) -> Fail {
  if is_dir(path) { fail(e, "read", None, None) } else { fail(e, "open", Some(path), None) }
}

/// `readFileUtf8(path, op?)` -> the file's text, without a leading BOM (module sources).
fn read_file_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  read_text(scope, args, rv, true)
}

/// `readFileText(path, op?)` -> the file's text as it is, a BOM included
/// (`fs.readFileSync(path, 'utf8')`).
fn read_file_text<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  read_text(scope, args, rv, false)
}

fn read_text<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>, strip_bom: bool) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || match read_whole(&path) {
    Ok(bytes) => {
      let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
      };
      Ok(Out::Utf8(match s.strip_prefix('\u{feff}').filter(|_| strip_bom) {
        Some(rest) => rest.to_string(),
        None => s,
      }))
    }
    Err(f) => Err(f),
  });
}

/// `readFile(pathOr0, op?)` -> Uint8Array (0 or "/dev/stdin": all of stdin).
fn read_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let stdin = path == "/dev/stdin" || args.get(0).is_int32() && args.get(0).int32_value(scope) == Some(0);
  run(scope, &args, 1, &mut rv, None, move || {
    if stdin {
      let mut buf = Vec::new();
      return std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| Out::Bytes(buf)).map_err(|e| read_fail(e, &path));
    }
    read_whole(&path).map(Out::Bytes)
  });
}

/// `writeFile(path, data, flags, mode, op?)`: `flags` are `O_*` numbers (resolved in
/// JS), `mode` applies (less the umask) only when the file is created.
fn write_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::io::Write;
  use std::os::fd::FromRawFd;
  let path = string_arg(scope, &args, 0);
  let data = args.get(1);
  let flags = args.get(2).int32_value(scope).unwrap_or(libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC);
  let mode = mode_arg(scope, &args, 3, 0o666);
  let bytes = if data.is_string() { data.to_rust_string_lossy(scope).into_bytes() } else { bytes_arg(data).unwrap_or_default() };
  let Ok(c) = std::ffi::CString::new(path.as_str()) else {
    return throw_type_error(scope, "The argument 'path' must be a string without null bytes");
  };
  run(scope, &args, 4, &mut rv, None, move || {
    let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
    if fd < 0 {
      return Err(last_error("open", Some(&path), None));
    }
    // SAFETY: `fd` was just opened and is owned by this File from here on.
    let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
    file.write_all(&bytes).map(|_| Out::Undefined).map_err(|e| fail(e, "write", None, None))
  });
}

fn exists<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || Ok(Out::Bool(std::fs::metadata(path).is_ok())));
}

fn time_ms(sec: i64, nsec: i64) -> f64 {
  sec as f64 * 1000.0 + nsec as f64 / 1e6
}

/// `stat(path, lstat, throwIfNoEntry, op?)` -> Float64Array of
/// `[dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs,
/// atimeNsec, mtimeNsec, ctimeNsec, birthtimeNsec]` (the last four: nanoseconds within the second),
/// or undefined for a missing path when `throwIfNoEntry` is false.
fn stat<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let lstat = args.get(1).boolean_value(scope);
  let throw_if_no_entry = args.get(2).is_undefined() || args.get(2).boolean_value(scope);
  run(scope, &args, 3, &mut rv, None, move || stat_job(&path, lstat, throw_if_no_entry));
}

fn stat_job(path: &str, lstat: bool, throw_if_no_entry: bool) -> FsResult {
  let res = if lstat { std::fs::symlink_metadata(path) } else { std::fs::metadata(path) };
  match res {
    Ok(m) => {
      let birth = m.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
      let birth_ms = birth.map(|d| time_ms(d.as_secs() as i64, d.subsec_nanos() as i64));
      let birth_nsec = birth.map_or(m.ctime_nsec(), |d| d.subsec_nanos() as i64);
      Ok(Out::Stats([
        m.dev() as f64,
        m.mode() as f64,
        m.nlink() as f64,
        m.uid() as f64,
        m.gid() as f64,
        m.rdev() as f64,
        m.blksize() as f64,
        m.ino() as f64,
        m.size() as f64,
        m.blocks() as f64,
        time_ms(m.atime(), m.atime_nsec()),
        time_ms(m.mtime(), m.mtime_nsec()),
        time_ms(m.ctime(), m.ctime_nsec()),
        birth_ms.unwrap_or(time_ms(m.ctime(), m.ctime_nsec())),
        m.atime_nsec() as f64,
        m.mtime_nsec() as f64,
        m.ctime_nsec() as f64,
        birth_nsec as f64,
      ]))
    }
    Err(e) if e.kind() == std::io::ErrorKind::NotFound && !throw_if_no_entry => Ok(Out::Undefined),
    Err(e) => Err(fail(e, if lstat { "lstat" } else { "stat" }, Some(path), None)),
  }
}

/// `readdir(path, withTypes, op?)` -> names, or `[names, types]` where type is
/// 1 file, 2 dir, 3 link, 4 fifo, 5 socket, 6 char, 7 block, 0 unknown (libuv's order).
fn readdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let with_types = args.get(1).boolean_value(scope);
  run(scope, &args, 2, &mut rv, None, move || {
    let rd = std::fs::read_dir(&path).map_err(|e| fail(e, "scandir", Some(&path), None))?;
    let mut entries: Vec<(String, u32)> = Vec::new();
    for ent in rd.flatten() {
      let name = ent.file_name().to_string_lossy().into_owned();
      let t = if with_types {
        use std::os::unix::fs::FileTypeExt;
        match ent.file_type() {
          Ok(ft) if ft.is_symlink() => 3,
          Ok(ft) if ft.is_dir() => 2,
          Ok(ft) if ft.is_file() => 1,
          Ok(ft) if ft.is_fifo() => 4,
          Ok(ft) if ft.is_socket() => 5,
          Ok(ft) if ft.is_char_device() => 6,
          Ok(ft) if ft.is_block_device() => 7,
          _ => 0,
        }
      } else {
        0
      };
      entries.push((name, t));
    }
    Ok(Out::Dir(entries, with_types))
  });
}

/// `mkdir(path, recursive, mode, op?)`; recursive returns the first directory created.
fn mkdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::unix::fs::DirBuilderExt;
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  let mode = mode_arg(scope, &args, 2, 0o777);
  run(scope, &args, 3, &mut rv, None, move || {
    if !recursive {
      return std::fs::DirBuilder::new().mode(mode).create(&path).map(|_| Out::Undefined).map_err(|e| fail(e, "mkdir", Some(&path), None));
    }
    let p = std::path::Path::new(&path);
    let mut first = None;
    let mut cur = Some(p);
    while let Some(c) = cur {
      if c.as_os_str().is_empty() || c.exists() {
        break;
      }
      first = Some(c.to_path_buf());
      cur = c.parent();
    }
    std::fs::DirBuilder::new().recursive(true).mode(mode).create(&path).map_err(|e| fail(e, "mkdir", Some(&path), None))?;
    if !std::fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false) {
      return Err(fail(std::io::Error::from_raw_os_error(libc::EEXIST), "mkdir", Some(&path), None));
    }
    Ok(first.map(|f| Out::Str(f.to_string_lossy().into_owned())).unwrap_or(Out::Undefined))
  });
}

/// `rm(path, recursive, force, op?)`.
fn rm<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  let force = args.get(2).boolean_value(scope);
  run(scope, &args, 3, &mut rv, None, move || {
    let meta = match std::fs::symlink_metadata(&path) {
      Ok(m) => m,
      Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(Out::Undefined),
      Err(e) => return Err(fail(e, "lstat", Some(&path), None)),
    };
    let res = if meta.is_dir() {
      if !recursive {
        let msg = format!("Path is a directory: rm returned EISDIR (is a directory) {path}");
        return Err(Fail::Coded(msg, "ERR_FS_EISDIR", libc::EISDIR, "rm", path));
      }
      std::fs::remove_dir_all(&path)
    } else {
      std::fs::remove_file(&path)
    };
    res.map(|_| Out::Undefined).map_err(|e| fail(e, "rm", Some(&path), None))
  });
}

/// `rmdir(path, recursive, op?)`.
fn rmdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  run(scope, &args, 2, &mut rv, None, move || {
    let res = if recursive { std::fs::remove_dir_all(&path) } else { std::fs::remove_dir(&path) };
    res.map(|_| Out::Undefined).map_err(|e| fail(e, "rmdir", Some(&path), None))
  });
}

/// `unlink(path, op?)`.
fn unlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || std::fs::remove_file(&path).map(|_| Out::Undefined).map_err(|e| fail(e, "unlink", Some(&path), None)));
}

/// `rename(from, to, op?)`.
fn rename<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let from = string_arg(scope, &args, 0);
  let to = string_arg(scope, &args, 1);
  run(scope, &args, 2, &mut rv, None, move || {
    std::fs::rename(&from, &to).map(|_| Out::Undefined).map_err(|e| fail(e, "rename", Some(&from), Some(&to)))
  });
}

/// `copyFile(from, to, mode, op?)`: mode bit 1 is COPYFILE_EXCL.
fn copy_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let from = string_arg(scope, &args, 0);
  let to = string_arg(scope, &args, 1);
  let excl = args.get(2).uint32_value(scope).unwrap_or(0) & 1 == 1;
  run(scope, &args, 3, &mut rv, None, move || {
    // As libuv: the source is opened first, so a missing source is ENOENT even with
    // COPYFILE_EXCL and an existing destination.
    if let Err(e) = std::fs::File::open(&from) {
      return Err(fail(e, "copyfile", Some(&from), Some(&to)));
    }
    if excl && std::fs::symlink_metadata(&to).is_ok() {
      return Err(fail(std::io::Error::from_raw_os_error(libc::EEXIST), "copyfile", Some(&from), Some(&to)));
    }
    std::fs::copy(&from, &to).map(|_| Out::Undefined).map_err(|e| fail(e, "copyfile", Some(&from), Some(&to)))
  });
}

/// `realpath(path, op?)`.
fn realpath<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || match std::fs::canonicalize(&path) {
    Ok(p) => Ok(Out::Str(p.to_string_lossy().into_owned())),
    Err(e) => Err(fail(e, "realpath", Some(&path), None)),
  });
}

/// `access(path, mode, op?)`.
fn access<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let mode = args.get(1).int32_value(scope).unwrap_or(0);
  let Some(c) = cpath(scope, &path) else { return };
  run(scope, &args, 2, &mut rv, None, move || {
    if unsafe { libc::access(c.as_ptr(), mode) } != 0 { Err(last_error("access", Some(&path), None)) } else { Ok(Out::Undefined) }
  });
}

/// `chmod(path, mode, op?)`.
fn chmod<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mode = args.get(1).uint32_value(scope).unwrap_or(0o644);
  if args.get(0).is_number() {
    // fchmod: a descriptor.
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    return run(scope, &args, 2, &mut rv, None, move || {
      if unsafe { libc::fchmod(fd, mode as libc::mode_t) } != 0 { Err(last_error("fchmod", None, None)) } else { Ok(Out::Undefined) }
    });
  }
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 2, &mut rv, None, move || {
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map(|_| Out::Undefined).map_err(|e| fail(e, "chmod", Some(&path), None))
  });
}

/// `symlink(target, path, op?)`.
fn symlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let target = string_arg(scope, &args, 0);
  let path = string_arg(scope, &args, 1);
  run(scope, &args, 2, &mut rv, None, move || {
    std::os::unix::fs::symlink(&target, &path).map(|_| Out::Undefined).map_err(|e| fail(e, "symlink", Some(&target), Some(&path)))
  });
}

/// `readlink(path, op?)`.
fn readlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || match std::fs::read_link(&path) {
    Ok(p) => Ok(Out::Str(p.to_string_lossy().into_owned())),
    Err(e) => Err(fail(e, "readlink", Some(&path), None)),
  });
}

/// `mkdtemp(prefix, op?)` -> the directory created.
fn mkdtemp<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let prefix = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || {
    let template = format!("{prefix}XXXXXX");
    let c = std::ffi::CString::new(template.clone()).unwrap_or_default();
    let ptr = c.into_raw();
    let res = unsafe { libc::mkdtemp(ptr) };
    let err = std::io::Error::last_os_error();
    let c = unsafe { std::ffi::CString::from_raw(ptr) };
    if res.is_null() {
      return Err(fail(err, "mkdtemp", Some(&template), None));
    }
    Ok(Out::Str(c.to_string_lossy().into_owned()))
  });
}

/// `utimes(pathOrFd, atimeSeconds, mtimeSeconds, noFollow, op?)`; `noFollow` (lutimes)
/// sets the times of a symbolic link itself.
fn utimes<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let atime = args.get(1).number_value(scope).unwrap_or(0.0);
  let mtime = args.get(2).number_value(scope).unwrap_or(0.0);
  let no_follow = args.get(3).is_true();
  let ts = |s: f64| libc::timespec { tv_sec: s.trunc() as libc::time_t, tv_nsec: (s.fract() * 1e9) as libc::c_long };
  if args.get(0).is_number() {
    // futimes: a descriptor.
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    return run(scope, &args, 4, &mut rv, None, move || {
      let times = [ts(atime), ts(mtime)];
      if unsafe { libc::futimens(fd, times.as_ptr()) } != 0 { Err(last_error("futime", None, None)) } else { Ok(Out::Undefined) }
    });
  }
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 4, &mut rv, None, move || {
    let times = [ts(atime), ts(mtime)];
    let c = std::ffi::CString::new(path.clone()).unwrap_or_default();
    let flags = if no_follow { libc::AT_SYMLINK_NOFOLLOW } else { 0 };
    if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), flags) } != 0 {
      return Err(last_error(if no_follow { "lutime" } else { "utime" }, Some(&path), None));
    }
    Ok(Out::Undefined)
  });
}

/// `link(existing, newPath, op?)`: a hard link.
fn link<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let from = string_arg(scope, &args, 0);
  let to = string_arg(scope, &args, 1);
  run(scope, &args, 2, &mut rv, None, move || {
    std::fs::hard_link(&from, &to).map(|_| Out::Undefined).map_err(|e| fail(e, "link", Some(&from), Some(&to)))
  });
}

/// `chown(pathOrFd, uid, gid, noFollow, op?)`: chown, lchown when `noFollow`, fchown
/// for a descriptor.
fn chown<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let uid = args.get(1).int32_value(scope).unwrap_or(-1) as libc::uid_t;
  let gid = args.get(2).int32_value(scope).unwrap_or(-1) as libc::gid_t;
  if args.get(0).is_number() {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    return run(scope, &args, 4, &mut rv, None, move || {
      if unsafe { libc::fchown(fd, uid, gid) } != 0 { Err(last_error("fchown", None, None)) } else { Ok(Out::Undefined) }
    });
  }
  let path = string_arg(scope, &args, 0);
  let no_follow = args.get(3).boolean_value(scope);
  let Some(c) = cpath(scope, &path) else { return };
  run(scope, &args, 4, &mut rv, None, move || {
    let (rc, syscall) = if no_follow { (unsafe { libc::lchown(c.as_ptr(), uid, gid) }, "lchown") } else { (unsafe { libc::chown(c.as_ptr(), uid, gid) }, "chown") };
    if rc != 0 { Err(last_error(syscall, Some(&path), None)) } else { Ok(Out::Undefined) }
  });
}

/// The views of a JS array as regions of their memory, with their backing stores (see
/// `Pinned`); None if `list` is not an array of ArrayBufferViews.
fn view_regions(scope: &mut v8::PinScope, list: v8::Local<v8::Value>) -> Option<(Pinned, Vec<Region>)> {
  let arr = v8::Local::<v8::Array>::try_from(list).ok()?;
  let mut stores = Vec::new();
  let mut regions = Vec::with_capacity(arr.length() as usize);
  for i in 0..arr.length() {
    let v = arr.get_index(scope, i)?;
    let (pinned, region) = view_region(scope, v, 0, None)?;
    stores.extend(pinned._stores);
    regions.push(region);
  }
  Some((Pinned { _stores: stores }, regions))
}

/// `readv(fd, views, position, op?)` -> bytes read: readv(2), or preadv(2) at
/// `position` >= 0. The bytes land in the views' own memory.
fn readv<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  vectored(scope, args, rv, false);
}

/// `writev(fd, views, position, op?)` -> bytes written: writev(2), or pwritev(2) at
/// `position` >= 0, from the views' own memory.
fn writev<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  vectored(scope, args, rv, true);
}

fn vectored<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>, write: bool) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let position = args.get(2).number_value(scope).unwrap_or(-1.0);
  let Some((pinned, regions)) = view_regions(scope, args.get(1)) else {
    return throw_type_error(scope, "buffers must be an array of ArrayBufferViews");
  };
  run(scope, &args, 3, &mut rv, Some(pinned), move || {
    let iov: Vec<libc::iovec> = regions.iter().map(|r| libc::iovec { iov_base: r.0 as *mut libc::c_void, iov_len: r.1 }).collect();
    let count = iov.len().min(libc::c_int::MAX as usize) as libc::c_int;
    loop {
      // SAFETY: every iovec spans the live bytes of one pinned view (see `view_regions`).
      let n = unsafe {
        match (write, position >= 0.0) {
          (false, true) => libc::preadv(fd, iov.as_ptr(), count, position as libc::off_t),
          (false, false) => libc::readv(fd, iov.as_ptr(), count),
          (true, true) => libc::pwritev(fd, iov.as_ptr(), count, position as libc::off_t),
          (true, false) => libc::writev(fd, iov.as_ptr(), count),
        }
      };
      if n >= 0 {
        return Ok(Out::Num(n as f64));
      }
      let e = std::io::Error::last_os_error();
      if e.kind() != std::io::ErrorKind::Interrupted {
        return Err(fail(e, if write { "write" } else { "read" }, None, None));
      }
    }
  });
}

/// `statfs(path, op?)` -> `[type, bsize, blocks, bfree, bavail, files, ffree]` from statfs(2).
fn statfs<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  run(scope, &args, 1, &mut rv, None, move || {
    let Ok(c) = std::ffi::CString::new(path.clone()) else {
      return Err(fail(std::io::Error::from_raw_os_error(libc::ENOENT), "statfs", Some(&path), None));
    };
    // SAFETY: an all-zero statfs is a valid value for the kernel to fill in.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a NUL-terminated path and `st` a writable statfs.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
      return Err(last_error("statfs", Some(&path), None));
    }
    Ok(Out::StatFs([st.f_type as f64, st.f_bsize as f64, st.f_blocks as f64, st.f_bfree as f64, st.f_bavail as f64, st.f_files as f64, st.f_ffree as f64]))
  });
}
