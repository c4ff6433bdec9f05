//! Synchronous file-system bindings. Errors are Node-shaped system errors; the JS side
//! (`lib/fs.js`) validates arguments and builds `Stats`/`Dirent` objects.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("fs.readFileUtf8", read_file_utf8);
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
  reg.add("fs.chown", chown);
  reg.add("fs.fchown", fchown);
  reg.add("fs.link", link);
  reg.add("fs.readv", readv);
  reg.add("fs.statfs", statfs);
  reg.add("fs.writev", writev);
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

/// `open(path, flags, mode)` -> fd (flags are O_* numbers, resolved in JS).
fn open<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let flags = args.get(1).int32_value(scope).unwrap_or(0);
  let mode = mode_arg(scope, &args, 2, 0o666);
  let Some(c) = cpath(scope, &path) else { return };
  let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
  if fd < 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "open", Some(&path), None);
  }
  rv.set_int32(fd);
}

fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  if unsafe { libc::close(fd) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "close", None, None);
  }
}

/// `read(fd, view, offset, length, position)` -> bytes read; position -1 = current.
fn read<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let offset = args.get(2).number_value(scope).unwrap_or(0.0) as usize;
  let length = args.get(3).number_value(scope).unwrap_or(0.0) as usize;
  let position = args.get(4).number_value(scope).unwrap_or(-1.0);
  let res = with_bytes_mut(args.get(1), |buf| {
    let end = (offset + length).min(buf.len());
    let start = offset.min(end);
    let slice = &mut buf[start..end];
    let n = unsafe {
      if position >= 0.0 {
        libc::pread(fd, slice.as_mut_ptr() as *mut libc::c_void, slice.len(), position as libc::off_t)
      } else {
        libc::read(fd, slice.as_mut_ptr() as *mut libc::c_void, slice.len())
      }
    };
    if n < 0 { Err(std::io::Error::last_os_error()) } else { Ok(n as f64) }
  });
  match res {
    Some(Ok(n)) => rv.set_double(n),
    Some(Err(e)) => throw_io_error(scope, &e, "read", None, None),
    None => throw_type_error(scope, "buffer must be a TypedArray or DataView"),
  }
}

/// The views of a JS array as iovecs. The pointers stay valid for the rest of the native
/// call: nothing runs JS or allocates on the V8 heap before the system call uses them.
fn iovecs(scope: &mut v8::PinScope, list: v8::Local<v8::Value>) -> Option<Vec<libc::iovec>> {
  let arr = v8::Local::<v8::Array>::try_from(list).ok()?;
  let mut out = Vec::with_capacity(arr.length() as usize);
  for i in 0..arr.length() {
    let v = arr.get_index(scope, i)?;
    let view = v8::Local::<v8::ArrayBufferView>::try_from(v).ok()?;
    out.push(libc::iovec { iov_base: view.data(), iov_len: view.byte_length() });
  }
  Some(out)
}

/// `statfs(path)` -> `[type, bsize, blocks, bfree, bavail, files, ffree]` from statfs(2).
fn statfs<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let Ok(c) = std::ffi::CString::new(path.clone()) else {
    throw_io_error(scope, &std::io::Error::from_raw_os_error(libc::ENOENT), "statfs", Some(&path), None);
    return;
  };
  // SAFETY: an all-zero statfs is a valid value for the kernel to fill in.
  let mut st: libc::statfs = unsafe { std::mem::zeroed() };
  // SAFETY: `c` is a NUL-terminated path and `st` a writable statfs.
  if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "statfs", Some(&path), None);
    return;
  }
  let fields = [st.f_type as f64, st.f_bsize as f64, st.f_blocks as f64, st.f_bfree as f64, st.f_bavail as f64, st.f_files as f64, st.f_ffree as f64];
  let items: Vec<v8::Local<v8::Value>> = fields.iter().map(|&n| v8::Number::new(scope, n).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &items);
  rv.set(arr.into());
}

/// `readv(fd, views, position)` -> bytes read: readv(2), or preadv(2) at `position` >= 0.
fn readv<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  vectored(scope, args, rv, false);
}

/// `writev(fd, views, position)` -> bytes written: writev(2), or pwritev(2) at `position` >= 0.
fn writev<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  vectored(scope, args, rv, true);
}

fn vectored<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>, write: bool) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let position = args.get(2).number_value(scope).unwrap_or(-1.0);
  let Some(iov) = iovecs(scope, args.get(1)) else {
    throw_type_error(scope, "buffers must be an array of ArrayBufferViews");
    return;
  };
  let count = iov.len().min(libc::c_int::MAX as usize) as libc::c_int;
  // SAFETY: every iovec spans the live bytes of one view (see `iovecs`).
  let n = unsafe {
    match (write, position >= 0.0) {
      (false, true) => libc::preadv(fd, iov.as_ptr(), count, position as libc::off_t),
      (false, false) => libc::readv(fd, iov.as_ptr(), count),
      (true, true) => libc::pwritev(fd, iov.as_ptr(), count, position as libc::off_t),
      (true, false) => libc::writev(fd, iov.as_ptr(), count),
    }
  };
  if n < 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), if write { "write" } else { "read" }, None, None);
  } else {
    rv.set_double(n as f64);
  }
}

/// `write(fd, dataOrView, offset, length, position)` -> bytes written.
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let data = args.get(1);
  let position = args.get(4).number_value(scope).unwrap_or(-1.0);
  let do_write = |bytes: &[u8]| -> std::io::Result<usize> {
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
  };
  let res = if data.is_string() {
    let s = data.to_rust_string_lossy(scope);
    Some(do_write(s.as_bytes()))
  } else {
    let offset = args.get(2).number_value(scope).unwrap_or(0.0) as usize;
    let length = args.get(3).number_value(scope);
    with_bytes(data, |b| {
      let end = length.map(|l| (offset + l as usize).min(b.len())).unwrap_or(b.len());
      do_write(&b[offset.min(end)..end])
    })
  };
  match res {
    Some(Ok(n)) => rv.set_double(n as f64),
    Some(Err(e)) => throw_io_error(scope, &e, "write", None, None),
    None => throw_type_error(scope, "data must be a string or a TypedArray"),
  }
}

fn fstat<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let path = format!("/proc/self/fd/{fd}");
  let mut st: libc::stat = unsafe { std::mem::zeroed() };
  if unsafe { libc::fstat(fd, &mut st) } != 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "fstat", None, None);
  }
  stat_path(scope, &path, false, rv);
}

fn ftruncate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let len = args.get(1).number_value(scope).unwrap_or(0.0) as libc::off_t;
  if unsafe { libc::ftruncate(fd, len) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "ftruncate", None, None);
  }
}

fn fsync<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  if unsafe { libc::fsync(fd) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "fsync", None, None);
  }
}

fn read_file_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  match std::fs::read(&path) {
    Ok(bytes) => {
      let s = String::from_utf8_lossy(&bytes);
      let s = s.strip_prefix('\u{feff}').unwrap_or(&s);
      let v = v8::String::new_from_utf8(scope, s.as_bytes(), v8::NewStringType::Normal);
      match v {
        Some(v) => rv.set(v.into()),
        None => throw_error(scope, "Cannot create a string longer than 0x1fffffe8 characters"),
      }
    }
    Err(e) => throw_io_error(scope, &e, if is_dir(&path) { "read" } else { "open" }, Some(&path), None),
  }
}

fn is_dir(p: &str) -> bool {
  std::fs::metadata(p).map(|m| m.is_dir()).unwrap_or(false)
}

fn read_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let res = if path == "/dev/stdin" || args.get(0).is_int32() && args.get(0).int32_value(scope) == Some(0) {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| buf)
  } else {
    std::fs::read(&path)
  };
  match res {
    Ok(bytes) => {
      let arr = bytes_to_uint8array(scope, bytes);
      rv.set(arr.into());
    }
    Err(e) => throw_io_error(scope, &e, if is_dir(&path) { "read" } else { "open" }, Some(&path), None),
  }
}

/// `writeFile(path, data, flags, mode)`: `flags` are `O_*` numbers (resolved in JS),
/// `mode` applies (less the umask) only when the file is created.
fn write_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
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
  let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
  if fd < 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "open", Some(&path), None);
  }
  // SAFETY: `fd` was just opened and is owned by this File from here on.
  let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
  if let Err(e) = file.write_all(&bytes) {
    throw_io_error(scope, &e, "write", None, None);
  }
}

fn exists<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  rv.set_bool(std::fs::metadata(path).is_ok());
}

fn time_ms(sec: i64, nsec: i64) -> f64 {
  sec as f64 * 1000.0 + nsec as f64 / 1e6
}

/// `stat(path, lstat, throwIfNoEntry)` -> Float64Array of
/// `[dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs]`.
fn stat<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let lstat = args.get(1).boolean_value(scope);
  let throw_if_no_entry = args.get(2).is_undefined() || args.get(2).boolean_value(scope);
  stat_impl(scope, &path, lstat, throw_if_no_entry, rv);
}

fn stat_path<'s>(scope: &mut v8::PinScope<'s, '_>, path: &str, lstat: bool, rv: v8::ReturnValue<'s>) {
  stat_impl(scope, path, lstat, true, rv)
}

fn stat_impl<'s>(scope: &mut v8::PinScope<'s, '_>, path: &str, lstat: bool, throw_if_no_entry: bool, mut rv: v8::ReturnValue<'s>) {
  let path = path.to_string();
  let res = if lstat { std::fs::symlink_metadata(&path) } else { std::fs::metadata(&path) };
  match res {
    Ok(m) => {
      let birth = m.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_secs_f64() * 1000.0);
      let vals = [
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
        birth.unwrap_or(time_ms(m.ctime(), m.ctime_nsec())),
      ];
      let bytes: Vec<u8> = vals.iter().flat_map(|v| v.to_ne_bytes()).collect();
      let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
      let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
      let arr = v8::Float64Array::new(scope, ab, 0, vals.len()).unwrap();
      rv.set(arr.into());
    }
    Err(e) => {
      if e.kind() == std::io::ErrorKind::NotFound && !throw_if_no_entry {
        return;
      }
      throw_io_error(scope, &e, if lstat { "lstat" } else { "stat" }, Some(&path), None)
    }
  }
}

/// `readdir(path, withTypes)` -> names, or `[names, types]` where type is
/// 1 file, 2 dir, 3 link, 4 fifo, 5 socket, 6 char, 7 block, 0 unknown (libuv's order).
fn readdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let with_types = args.get(1).boolean_value(scope);
  let rd = match std::fs::read_dir(&path) {
    Ok(rd) => rd,
    Err(e) => return throw_io_error(scope, &e, "scandir", Some(&path), None),
  };
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
  let names: Vec<v8::Local<v8::Value>> = entries.iter().map(|(n, _)| new_string(scope, n).into()).collect();
  let names = v8::Array::new_with_elements(scope, &names);
  if with_types {
    let types: Vec<v8::Local<v8::Value>> = entries.iter().map(|(_, t)| v8::Integer::new(scope, *t as i32).into()).collect();
    let types = v8::Array::new_with_elements(scope, &types);
    let pair = v8::Array::new_with_elements(scope, &[names.into(), types.into()]);
    rv.set(pair.into());
  } else {
    rv.set(names.into());
  }
}

/// `mkdir(path, recursive, mode)`; recursive returns the first directory created.
fn mkdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::unix::fs::DirBuilderExt;
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  let mode = mode_arg(scope, &args, 2, 0o777);
  if recursive {
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
    if let Err(e) = std::fs::DirBuilder::new().recursive(true).mode(mode).create(&path) {
      return throw_io_error(scope, &e, "mkdir", Some(&path), None);
    }
    if !std::fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false) {
      let e = std::io::Error::from_raw_os_error(libc::EEXIST);
      return throw_io_error(scope, &e, "mkdir", Some(&path), None);
    }
    if let Some(f) = first {
      set_string(scope, &mut rv, &f.to_string_lossy());
    }
  } else if let Err(e) = std::fs::DirBuilder::new().mode(mode).create(&path) {
    throw_io_error(scope, &e, "mkdir", Some(&path), None);
  }
}

/// `rm(path, recursive, force)`.
fn rm<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  let force = args.get(2).boolean_value(scope);
  let meta = match std::fs::symlink_metadata(&path) {
    Ok(m) => m,
    Err(e) => {
      if force && e.kind() == std::io::ErrorKind::NotFound {
        return;
      }
      return throw_io_error(scope, &e, "lstat", Some(&path), None);
    }
  };
  let res = if meta.is_dir() {
    if !recursive {
      let msg = format!("Path is a directory: rm returned EISDIR (is a directory) {path}");
      let m = new_string(scope, &msg);
      let e = v8::Exception::error(scope, m);
      let obj = e.cast::<v8::Object>();
      for (k, v) in [("code", "ERR_FS_EISDIR")] {
        let k = new_string(scope, k);
        let v = new_string(scope, v);
        obj.set(scope, k.into(), v.into());
      }
      scope.throw_exception(e);
      return;
    }
    std::fs::remove_dir_all(&path)
  } else {
    std::fs::remove_file(&path)
  };
  if let Err(e) = res {
    throw_io_error(scope, &e, "rm", Some(&path), None);
  }
}

fn rmdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let recursive = args.get(1).boolean_value(scope);
  let res = if recursive { std::fs::remove_dir_all(&path) } else { std::fs::remove_dir(&path) };
  if let Err(e) = res {
    throw_io_error(scope, &e, "rmdir", Some(&path), None);
  }
}

fn unlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  if let Err(e) = std::fs::remove_file(&path) {
    throw_io_error(scope, &e, "unlink", Some(&path), None);
  }
}

fn rename<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let from = string_arg(scope, &args, 0);
  let to = string_arg(scope, &args, 1);
  if let Err(e) = std::fs::rename(&from, &to) {
    throw_io_error(scope, &e, "rename", Some(&from), Some(&to));
  }
}

fn copy_file<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let from = string_arg(scope, &args, 0);
  let to = string_arg(scope, &args, 1);
  let excl = args.get(2).uint32_value(scope).unwrap_or(0) & 1 == 1;
  if excl && std::fs::symlink_metadata(&to).is_ok() {
    let e = std::io::Error::from_raw_os_error(libc::EEXIST);
    return throw_io_error(scope, &e, "copyfile", Some(&from), Some(&to));
  }
  if let Err(e) = std::fs::copy(&from, &to) {
    throw_io_error(scope, &e, "copyfile", Some(&from), Some(&to));
  }
}

fn realpath<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  match std::fs::canonicalize(&path) {
    Ok(p) => set_string(scope, &mut rv, &p.to_string_lossy()),
    Err(e) => throw_io_error(scope, &e, "realpath", Some(&path), None),
  }
}

fn access<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let mode = args.get(1).int32_value(scope).unwrap_or(0);
  let c = match std::ffi::CString::new(path.clone()) {
    Ok(c) => c,
    Err(_) => return throw_type_error(scope, "path must be a string without null bytes"),
  };
  if unsafe { libc::access(c.as_ptr(), mode) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "access", Some(&path), None);
  }
}

fn chmod<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let mode = args.get(1).uint32_value(scope).unwrap_or(0o644);
  if let Err(e) = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)) {
    throw_io_error(scope, &e, "chmod", Some(&path), None);
  }
}

/// uid/gid -1 (or any negative number) leaves that id unchanged, as with chown(2).
fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> Option<u32> {
  let n = args.get(i).number_value(scope).unwrap_or(-1.0);
  (n >= 0.0).then_some(n as u32)
}

/// `chown(path, uid, gid, nofollow)`: chown(2), or lchown(2) with `nofollow`.
fn chown<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let (uid, gid) = (id_arg(scope, &args, 1), id_arg(scope, &args, 2));
  let nofollow = args.get(3).is_true();
  let r = if nofollow { std::os::unix::fs::lchown(&path, uid, gid) } else { std::os::unix::fs::chown(&path, uid, gid) };
  if let Err(e) = r {
    throw_io_error(scope, &e, if nofollow { "lchown" } else { "chown" }, Some(&path), None);
  }
}

/// `fchown(fd, uid, gid)`: fchown(2).
fn fchown<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let (uid, gid) = (id_arg(scope, &args, 1), id_arg(scope, &args, 2));
  // SAFETY: the descriptor is only borrowed for this call; fchown does not close it.
  let file = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
  if fd < 0 {
    throw_io_error(scope, &std::io::Error::from_raw_os_error(libc::EBADF), "fchown", None, None);
    return;
  }
  if let Err(e) = std::os::unix::fs::fchown(file, uid, gid) {
    throw_io_error(scope, &e, "fchown", None, None);
  }
}

/// `link(existing, newPath)`: a hard link, link(2).
fn link<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let existing = string_arg(scope, &args, 0);
  let new_path = string_arg(scope, &args, 1);
  if let Err(e) = std::fs::hard_link(&existing, &new_path) {
    throw_io_error(scope, &e, "link", Some(&existing), Some(&new_path));
  }
}

fn symlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let target = string_arg(scope, &args, 0);
  let path = string_arg(scope, &args, 1);
  if let Err(e) = std::os::unix::fs::symlink(&target, &path) {
    throw_io_error(scope, &e, "symlink", Some(&target), Some(&path));
  }
}

fn readlink<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  match std::fs::read_link(&path) {
    Ok(p) => set_string(scope, &mut rv, &p.to_string_lossy()),
    Err(e) => throw_io_error(scope, &e, "readlink", Some(&path), None),
  }
}

fn mkdtemp<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let prefix = string_arg(scope, &args, 0);
  let template = format!("{prefix}XXXXXX");
  let c = std::ffi::CString::new(template).unwrap_or_default();
  let ptr = c.into_raw();
  let res = unsafe { libc::mkdtemp(ptr) };
  let c = unsafe { std::ffi::CString::from_raw(ptr) };
  if res.is_null() {
    let path = format!("{prefix}XXXXXX");
    return throw_io_error(scope, &std::io::Error::last_os_error(), "mkdtemp", Some(&path), None);
  }
  set_string(scope, &mut rv, &c.to_string_lossy());
}

fn utimes<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let atime = args.get(1).number_value(scope).unwrap_or(0.0);
  let mtime = args.get(2).number_value(scope).unwrap_or(0.0);
  let ts = |s: f64| libc::timespec { tv_sec: s.trunc() as libc::time_t, tv_nsec: (s.fract() * 1e9) as libc::c_long };
  let times = [ts(atime), ts(mtime)];
  // `nofollow` (lutimes): the times of a symbolic link itself.
  let nofollow = args.get(3).is_true();
  let c = std::ffi::CString::new(path.clone()).unwrap_or_default();
  let flags = if nofollow { libc::AT_SYMLINK_NOFOLLOW } else { 0 };
  if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), flags) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), if nofollow { "lutime" } else { "utime" }, Some(&path), None);
  }
}
