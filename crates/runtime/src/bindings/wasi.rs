//! WASI preview 1 system calls for `node:wasi` (`lib/wasi.js`), on the host's own calls.
//!
//! Each `WASI` object owns one entry of a table on the JS thread under a u32 id
//! (DESIGN.md rule 2): its arguments, environment and descriptor table (guest number to
//! host descriptor, file type, rights and, for directories, where they sit under their
//! preopen). `wasi.syscall(id, op, memory, ...args)` runs one call on the instance's
//! linear memory (the `ArrayBuffer` of its exported `WebAssembly.Memory`, passed on every
//! call since a grow replaces it) and returns the WASI errno, as uvwasi does for Node.
//!
//! Guest paths never leave the directory descriptor they are relative to (a preopen, or
//! a directory opened under one): a path is resolved component by component under its
//! host directory, `..` may not climb above it and symbolic links
//! are followed by reading them here (at most 32, else `ELOOP`), so a link pointing
//! outside is `ENOTCAPABLE` like a literal `../` (an absolute target is a host path,
//! followed when it lies under the descriptor); the last component is then opened with
//! `O_NOFOLLOW` unless the guest asked to follow links.
//!
//! wasmtime's `wasi-common`/`wasmtime-wasi` are not used: their calls are generated for
//! wasmtime's guest memory and async executor, while here the memory is V8's and every
//! call is synchronous on the JS thread, and Node's behaviour (uvwasi's errors, rights
//! and preopen rules) is what the tests check. Nothing of this table is in a snapshot:
//! a `WASI` made during a build frees its entry when the build ends and creates it again
//! from its options at restore (`lib/wasi.js`, `carry`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("wasi.create", create);
  reg.add("wasi.syscall", syscall);
  reg.add("wasi.free", free);
}

// WASI errno values (wasi_snapshot_preview1 `errno`).
type Errno = u16;
const SUCCESS: Errno = 0;
const EBADF: Errno = 8;
/// What uvwasi answers for a pointer or length outside the memory.
const EOVERFLOW: Errno = 61;
const EINVAL: Errno = 28;
const EIO: Errno = 29;
const ELOOP: Errno = 32;
const ENOBUFS: Errno = 42;
const ENOSYS: Errno = 52;
const ENOTDIR: Errno = 54;
const ENOTSUP: Errno = 58;
const ENOTCAPABLE: Errno = 76;

type R<T> = Result<T, Errno>;

/// A host errno as WASI's.
fn wasi_errno(e: i32) -> Errno {
  match e {
    libc::E2BIG => 1,
    libc::EACCES => 2,
    libc::EADDRINUSE => 3,
    libc::EADDRNOTAVAIL => 4,
    libc::EAFNOSUPPORT => 5,
    libc::EAGAIN => 6,
    libc::EALREADY => 7,
    libc::EBADF => 8,
    libc::EBADMSG => 9,
    libc::EBUSY => 10,
    libc::ECANCELED => 11,
    libc::ECHILD => 12,
    libc::ECONNABORTED => 13,
    libc::ECONNREFUSED => 14,
    libc::ECONNRESET => 15,
    libc::EDEADLK => 16,
    libc::EDESTADDRREQ => 17,
    libc::EDOM => 18,
    libc::EDQUOT => 19,
    libc::EEXIST => 20,
    libc::EFAULT => 21,
    libc::EFBIG => 22,
    libc::EHOSTUNREACH => 23,
    libc::EIDRM => 24,
    libc::EILSEQ => 25,
    libc::EINPROGRESS => 26,
    libc::EINTR => 27,
    libc::EINVAL => 28,
    libc::EIO => 29,
    libc::EISCONN => 30,
    libc::EISDIR => 31,
    libc::ELOOP => 32,
    libc::EMFILE => 33,
    libc::EMLINK => 34,
    libc::EMSGSIZE => 35,
    libc::EMULTIHOP => 36,
    libc::ENAMETOOLONG => 37,
    libc::ENETDOWN => 38,
    libc::ENETRESET => 39,
    libc::ENETUNREACH => 40,
    libc::ENFILE => 41,
    libc::ENOBUFS => 42,
    libc::ENODEV => 43,
    libc::ENOENT => 44,
    libc::ENOEXEC => 45,
    libc::ENOLCK => 46,
    libc::ENOLINK => 47,
    libc::ENOMEM => 48,
    libc::ENOMSG => 49,
    libc::ENOPROTOOPT => 50,
    libc::ENOSPC => 51,
    libc::ENOSYS => 52,
    libc::ENOTCONN => 53,
    libc::ENOTDIR => 54,
    libc::ENOTEMPTY => 55,
    libc::ENOTRECOVERABLE => 56,
    libc::ENOTSOCK => 57,
    libc::ENOTSUP => 58,
    libc::ENOTTY => 59,
    libc::ENXIO => 60,
    libc::EOVERFLOW => 61,
    libc::EOWNERDEAD => 62,
    libc::EPERM => 63,
    libc::EPIPE => 64,
    libc::EPROTO => 65,
    libc::EPROTONOSUPPORT => 66,
    libc::EPROTOTYPE => 67,
    libc::ERANGE => 68,
    libc::EROFS => 69,
    libc::ESPIPE => 70,
    libc::ESRCH => 71,
    libc::ESTALE => 72,
    libc::ETIMEDOUT => 73,
    libc::ETXTBSY => 74,
    libc::EXDEV => 75,
    _ => EIO,
  }
}

fn last_errno() -> Errno {
  wasi_errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO))
}

/// `Ok(r)` for a host call's non-negative result, the WASI errno otherwise.
fn check<T: Copy + PartialOrd + Default>(r: T) -> R<T> {
  if r < T::default() {
    Err(last_errno())
  } else {
    Ok(r)
  }
}

// File types (`filetype`).
const FT_UNKNOWN: u8 = 0;
const FT_BLOCK: u8 = 1;
const FT_CHAR: u8 = 2;
const FT_DIR: u8 = 3;
const FT_FILE: u8 = 4;
const FT_SOCK_STREAM: u8 = 6;
const FT_SYMLINK: u8 = 7;

// Rights (`rights`), the ones that decide what a descriptor may do.
const R_FD_DATASYNC: u64 = 1 << 0;
const R_FD_READ: u64 = 1 << 1;
const R_FD_SEEK: u64 = 1 << 2;
const R_FD_SYNC: u64 = 1 << 4;
const R_FD_TELL: u64 = 1 << 5;
const R_FD_WRITE: u64 = 1 << 6;
const R_FD_ALLOCATE: u64 = 1 << 8;
const R_FD_READDIR: u64 = 1 << 14;
const R_FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
const R_ALL: u64 = (1 << 30) - 1;
// The rights uvwasi gives each kind of descriptor (its `UVWASI__RIGHTS_*`).
/// A regular file: no directory operations.
const R_FILE: u64 = R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | (1 << 3) | R_FD_SYNC | R_FD_TELL | R_FD_WRITE | (1 << 7) | R_FD_ALLOCATE | (1 << 21) | R_FD_FILESTAT_SET_SIZE | (1 << 23) | (1 << 27);
/// A terminal: no seeking.
const R_TTY: u64 = R_FD_READ | (1 << 3) | R_FD_WRITE | (1 << 21) | (1 << 27);
/// A directory: everything but reading, writing and seeking data, and socket calls.
const R_DIR: u64 = ((1 << 28) - 1) & !(R_FD_READ | R_FD_WRITE | R_FD_SEEK | R_FD_TELL | R_FD_DATASYNC | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE);
/// What a directory passes on to what is opened under it.
const R_DIR_INHERITING: u64 = R_DIR | R_FILE;
/// A socket or pipe: read, write, flags, stat, poll, shutdown, accept.
const R_SOCKET: u64 = R_FD_READ | (1 << 3) | R_FD_WRITE | (1 << 21) | (1 << 27) | (1 << 28) | (1 << 29);

struct Fd {
  host: i32,
  /// Closed when the guest closes it or the instance is freed (not stdio).
  owned: bool,
  filetype: u8,
  rights_base: u64,
  rights_inheriting: u64,
  /// The guest name of a preopened directory (`fd_prestat_*`).
  preopen: Option<String>,
  /// Host directory of the preopen this descriptor was reached from and the components
  /// below it; paths relative to this descriptor are resolved from there.
  root: PathBuf,
  rel: Vec<Vec<u8>>,
}

struct Wasi {
  args: Vec<Vec<u8>>,
  env: Vec<Vec<u8>>,
  fds: BTreeMap<u32, Fd>,
}

impl Drop for Wasi {
  fn drop(&mut self) {
    for fd in self.fds.values() {
      if fd.owned {
        unsafe { libc::close(fd.host) };
      }
    }
  }
}

thread_local! {
  static TABLE: RefCell<(u32, HashMap<u32, Wasi>)> = RefCell::new((0, HashMap::new()));
}

fn strings(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Vec<Vec<u8>> {
  let mut out = Vec::new();
  if let Ok(list) = v8::Local::<v8::Array>::try_from(v) {
    for i in 0..list.length() {
      if let Some(v) = list.get_index(scope, i) {
        out.push(v.to_rust_string_lossy(scope).into_bytes());
      }
    }
  }
  out
}

fn filetype_of_mode(mode: u32) -> u8 {
  match mode & libc::S_IFMT {
    libc::S_IFREG => FT_FILE,
    libc::S_IFDIR => FT_DIR,
    libc::S_IFCHR => FT_CHAR,
    libc::S_IFBLK => FT_BLOCK,
    libc::S_IFLNK => FT_SYMLINK,
    // A pipe is a stream socket to the guest, as uvwasi reports it.
    libc::S_IFSOCK | libc::S_IFIFO => FT_SOCK_STREAM,
    _ => FT_UNKNOWN,
  }
}

fn fstat(host: i32) -> R<libc::stat> {
  let mut st: libc::stat = unsafe { std::mem::zeroed() };
  check(unsafe { libc::fstat(host, &mut st) })?;
  Ok(st)
}

/// The rights a descriptor of this type gets at most (uvwasi's `uvwasi__get_rights`).
fn max_rights(host: i32, filetype: u8) -> (u64, u64) {
  match filetype {
    FT_DIR => (R_DIR, R_DIR_INHERITING),
    FT_FILE => (R_FILE, 0),
    FT_CHAR if unsafe { libc::isatty(host) } == 1 => (R_TTY, 0),
    FT_SOCK_STREAM => (R_SOCKET, R_ALL),
    _ => (R_ALL, R_ALL),
  }
}

/// `create(args, env, [guest, host, ...], stdin, stdout, stderr)` -> id, or
/// `[errno, 'UVWASI_<name>']` when a preopen cannot be opened.
fn create<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let argv = strings(scope, args.get(0));
  let env = strings(scope, args.get(1));
  let preopens = strings(scope, args.get(2));
  let mut wasi = Wasi { args: argv, env, fds: BTreeMap::new() };
  for (n, i) in (0..3).zip(3..6) {
    let host = args.get(i).int32_value(scope).unwrap_or(n);
    let (filetype, (base, inheriting)) = match fstat(host) {
      Ok(st) => {
        let ft = filetype_of_mode(st.st_mode);
        (ft, max_rights(host, ft))
      }
      Err(_) => (FT_UNKNOWN, (0, 0)),
    };
    wasi.fds.insert(n as u32, Fd { host, owned: false, filetype, rights_base: base, rights_inheriting: inheriting, preopen: None, root: PathBuf::new(), rel: Vec::new() });
  }
  let mut next = 3;
  for pair in preopens.chunks(2) {
    let [guest, host] = pair else { continue };
    let host_path = std::ffi::OsStr::from_bytes(host);
    let opened = std::fs::canonicalize(host_path).map_err(|e| wasi_errno(e.raw_os_error().unwrap_or(libc::EIO))).and_then(|real| {
      let c = CString::new(real.as_os_str().as_bytes()).map_err(|_| EINVAL)?;
      let fd = check(unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) })?;
      Ok((real, fd))
    });
    match opened {
      Ok((real, fd)) => {
        wasi.fds.insert(next, Fd { host: fd, owned: true, filetype: FT_DIR, rights_base: R_DIR, rights_inheriting: R_DIR_INHERITING, preopen: Some(String::from_utf8_lossy(guest).into_owned()), root: real, rel: Vec::new() });
        next += 1;
      }
      Err(e) => {
        let name = ERRNO_NAMES.get(e as usize).copied().unwrap_or("EIO");
        let code = new_string(scope, &format!("UVWASI_{name}")).into();
        let errno = v8::Integer::new(scope, e as i32).into();
        rv.set(v8::Array::new_with_elements(scope, &[errno, code]).into());
        return;
      }
    }
  }
  let id = TABLE.with(|t| {
    let mut t = t.borrow_mut();
    t.0 += 1;
    let id = t.0;
    t.1.insert(id, wasi);
    id
  });
  rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// WASI errno names by number, for errors thrown to JS (`UVWASI_ENOENT`).
static ERRNO_NAMES: &[&str] = &[
  "ESUCCESS", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF", "EBADMSG", "EBUSY", "ECANCELED", "ECHILD",
  "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ",
  "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET",
  "ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN",
  "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY", "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO",
  "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
];

fn free<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  TABLE.with(|t| t.borrow_mut().1.remove(&id));
}

/// The guest's linear memory, with bounds-checked little-endian access.
struct Mem<'a>(&'a mut [u8]);

impl Mem<'_> {
  fn range(&self, off: u32, len: u32) -> R<std::ops::Range<usize>> {
    let start = off as usize;
    let end = start.checked_add(len as usize).ok_or(EOVERFLOW)?;
    if end > self.0.len() {
      return Err(EOVERFLOW);
    }
    Ok(start..end)
  }
  fn bytes(&self, off: u32, len: u32) -> R<&[u8]> {
    let r = self.range(off, len)?;
    Ok(&self.0[r])
  }
  fn bytes_mut(&mut self, off: u32, len: u32) -> R<&mut [u8]> {
    let r = self.range(off, len)?;
    Ok(&mut self.0[r])
  }
  fn u8(&self, off: u32) -> R<u8> {
    Ok(self.bytes(off, 1)?[0])
  }
  fn u16(&self, off: u32) -> R<u16> {
    Ok(u16::from_le_bytes(self.bytes(off, 2)?.try_into().unwrap()))
  }
  fn u32(&self, off: u32) -> R<u32> {
    Ok(u32::from_le_bytes(self.bytes(off, 4)?.try_into().unwrap()))
  }
  fn u64(&self, off: u32) -> R<u64> {
    Ok(u64::from_le_bytes(self.bytes(off, 8)?.try_into().unwrap()))
  }
  fn set_u8(&mut self, off: u32, v: u8) -> R<()> {
    self.bytes_mut(off, 1)?[0] = v;
    Ok(())
  }
  fn set_u16(&mut self, off: u32, v: u16) -> R<()> {
    self.bytes_mut(off, 2)?.copy_from_slice(&v.to_le_bytes());
    Ok(())
  }
  fn set_u32(&mut self, off: u32, v: u32) -> R<()> {
    self.bytes_mut(off, 4)?.copy_from_slice(&v.to_le_bytes());
    Ok(())
  }
  fn set_u64(&mut self, off: u32, v: u64) -> R<()> {
    self.bytes_mut(off, 8)?.copy_from_slice(&v.to_le_bytes());
    Ok(())
  }
  /// The host iovecs for `count` guest iovecs at `off` (each `{ buf: u32, len: u32 }`),
  /// every one checked to lie inside the memory.
  fn iovecs(&mut self, off: u32, count: u32) -> R<Vec<libc::iovec>> {
    let mut v = Vec::with_capacity(count as usize);
    for i in 0..count {
      let at = off.checked_add(i.checked_mul(8).ok_or(EOVERFLOW)?).ok_or(EOVERFLOW)?;
      let buf = self.u32(at)?;
      let len = self.u32(at + 4)?;
      let r = self.range(buf, len)?;
      v.push(libc::iovec { iov_base: self.0[r].as_mut_ptr() as *mut libc::c_void, iov_len: len as usize });
    }
    Ok(v)
  }
}

/// The arguments of one call: numbers (i32 as JS numbers) and BigInts (i64).
struct Args<'a, 's, 'i> {
  scope: &'a mut v8::PinScope<'s, 'i>,
  args: &'a v8::FunctionCallbackArguments<'s>,
}

impl Args<'_, '_, '_> {
  fn u32(&mut self, i: i32) -> R<u32> {
    let v = self.args.get(3 + i);
    if !v.is_number() {
      return Err(EINVAL);
    }
    Ok(v.int32_value(self.scope).ok_or(EINVAL)? as u32)
  }
  fn u64(&mut self, i: i32) -> R<u64> {
    let v = self.args.get(3 + i);
    let b = v8::Local::<v8::BigInt>::try_from(v).map_err(|_| EINVAL)?;
    Ok(b.u64_value().0)
  }
}

/// `syscall(id, op, memory, ...args)` -> errno.
fn syscall<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let op = args.get(1).to_rust_string_lossy(scope);
  // The memory's buffer: an ArrayBuffer, or a SharedArrayBuffer for a shared memory.
  let buffer = args.get(2);
  let (data, len) = if let Ok(ab) = v8::Local::<v8::ArrayBuffer>::try_from(buffer) {
    (ab.data(), ab.byte_length())
  } else if let Ok(sab) = v8::Local::<v8::SharedArrayBuffer>::try_from(buffer) {
    let store = sab.get_backing_store();
    (store.data(), sab.byte_length())
  } else {
    rv.set(v8::Integer::new(scope, EINVAL as i32).into());
    return;
  };
  let mut empty = [0u8; 0];
  let memory: &mut [u8] = match data {
    // SAFETY: the memory's buffer is alive for this call and no JS runs during it (so it
    // cannot grow or be detached); `len` is its length. (Another thread may write a
    // shared memory meanwhile, as it may while the guest itself runs.)
    Some(p) if len > 0 => unsafe { std::slice::from_raw_parts_mut(p.as_ptr() as *mut u8, len) },
    _ => &mut empty,
  };
  let mut mem = Mem(memory);
  let mut a = Args { scope, args: &args };
  let result = TABLE.with(|t| {
    let mut t = t.borrow_mut();
    let Some(w) = t.1.get_mut(&id) else { return Err(EBADF) };
    dispatch(w, &op, &mut mem, &mut a)
  });
  let errno = match result {
    Ok(()) => SUCCESS,
    Err(e) => e,
  };
  rv.set(v8::Integer::new(a.scope, errno as i32).into());
}

fn path_arg(mem: &Mem, off: u32, len: u32) -> R<Vec<u8>> {
  let p = mem.bytes(off, len)?.to_vec();
  if p.contains(&0) {
    return Err(EINVAL);
  }
  Ok(p)
}

fn cpath(p: &std::path::Path) -> R<CString> {
  CString::new(p.as_os_str().as_bytes()).map_err(|_| EINVAL)
}

fn lstat_path(p: &std::path::Path) -> R<libc::stat> {
  let c = cpath(p)?;
  let mut st: libc::stat = unsafe { std::mem::zeroed() };
  check(unsafe { libc::lstat(c.as_ptr(), &mut st) })?;
  Ok(st)
}

fn host_path(root: &std::path::Path, rel: &[Vec<u8>]) -> PathBuf {
  let mut p = root.to_path_buf();
  for c in rel {
    p.push(std::ffi::OsStr::from_bytes(c));
  }
  p
}

impl Wasi {
  fn fd(&self, fd: u32) -> R<&Fd> {
    self.fds.get(&fd).ok_or(EBADF)
  }

  /// A descriptor that holds `right` (uvwasi's check: ENOTCAPABLE otherwise).
  fn fd_right(&self, fd: u32, right: u64) -> R<&Fd> {
    let d = self.fd(fd)?;
    if d.rights_base & right != right {
      return Err(ENOTCAPABLE);
    }
    Ok(d)
  }

  /// Resolves `path` under directory descriptor `fd`, which it may not leave (as uvwasi:
  /// a descriptor grants what is beneath it): the host path and the components below
  /// the preopen root. Symbolic links met on the way (and at the end when `follow`) are
  /// expanded here, so none can lead outside.
  fn resolve(&self, fd: u32, right: u64, path: &[u8], follow: bool) -> R<(PathBuf, PathBuf, Vec<Vec<u8>>)> {
    let d = self.fd_right(fd, right)?;
    if d.filetype != FT_DIR {
      return Err(ENOTDIR);
    }
    if path.is_empty() {
      return Err(wasi_errno(libc::ENOENT));
    }
    if path.starts_with(b"/") {
      return Err(ENOTCAPABLE);
    }
    let trailing_slash = path.ends_with(b"/");
    let base = d.rel.len();
    let mut stack = d.rel.clone();
    let mut queue: std::collections::VecDeque<Vec<u8>> = path.split(|&b| b == b'/').map(|c| c.to_vec()).collect();
    let mut links = 0;
    while let Some(c) = queue.pop_front() {
      match c.as_slice() {
        b"" | b"." => continue,
        b".." => {
          if stack.len() <= base {
            return Err(ENOTCAPABLE);
          }
          stack.pop();
          continue;
        }
        _ => {}
      }
      stack.push(c);
      let last = queue.iter().all(|c| c.is_empty() || c == b".");
      if last && !follow && !trailing_slash {
        break;
      }
      let p = host_path(&d.root, &stack);
      let st = match lstat_path(&p) {
        Ok(st) => st,
        Err(_) if last => break,
        Err(e) => return Err(e),
      };
      if st.st_mode & libc::S_IFMT == libc::S_IFLNK {
        links += 1;
        if links > 32 {
          return Err(ELOOP);
        }
        let link = std::fs::read_link(&p).map_err(|e| wasi_errno(e.raw_os_error().unwrap_or(libc::EIO)))?;
        // A relative target continues from the link's directory; an absolute one is a
        // host path, followed only when it lies under the descriptor (as uvwasi does).
        let target = if link.is_absolute() {
          stack.truncate(base);
          link.strip_prefix(host_path(&d.root, &d.rel)).map_err(|_| ENOTCAPABLE)?
        } else {
          stack.pop();
          link.as_path()
        };
        for (i, part) in target.as_os_str().as_bytes().split(|&b| b == b'/').enumerate() {
          queue.insert(i, part.to_vec());
        }
      }
    }
    Ok((host_path(&d.root, &stack), d.root.clone(), stack))
  }

  fn insert(&mut self, f: Fd) -> u32 {
    let mut n = 3;
    while self.fds.contains_key(&n) {
      n += 1;
    }
    self.fds.insert(n, f);
    n
  }
}

fn write_filestat(mem: &mut Mem, at: u32, st: &libc::stat) -> R<()> {
  mem.set_u64(at, st.st_dev)?;
  mem.set_u64(at + 8, st.st_ino)?;
  mem.set_u8(at + 16, filetype_of_mode(st.st_mode))?;
  mem.bytes_mut(at + 17, 7)?.fill(0);
  mem.set_u64(at + 24, st.st_nlink)?;
  mem.set_u64(at + 32, st.st_size as u64)?;
  let ns = |s: i64, n: i64| (s as u64).wrapping_mul(1_000_000_000).wrapping_add(n as u64);
  mem.set_u64(at + 40, ns(st.st_atime, st.st_atime_nsec))?;
  mem.set_u64(at + 48, ns(st.st_mtime, st.st_mtime_nsec))?;
  mem.set_u64(at + 56, ns(st.st_ctime, st.st_ctime_nsec))?;
  Ok(())
}

/// The two `timespec`s of `futimens`/`utimensat` from WASI's times and `fstflags`.
fn timespecs(atim: u64, mtim: u64, flags: u16) -> R<[libc::timespec; 2]> {
  const ATIM: u16 = 1;
  const ATIM_NOW: u16 = 2;
  const MTIM: u16 = 4;
  const MTIM_NOW: u16 = 8;
  if (flags & ATIM != 0 && flags & ATIM_NOW != 0) || (flags & MTIM != 0 && flags & MTIM_NOW != 0) || flags & !15 != 0 {
    return Err(EINVAL);
  }
  let one = |set: bool, now: bool, t: u64| {
    if now {
      libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW }
    } else if set {
      libc::timespec { tv_sec: (t / 1_000_000_000) as i64, tv_nsec: (t % 1_000_000_000) as i64 }
    } else {
      libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_OMIT }
    }
  };
  Ok([one(flags & ATIM != 0, flags & ATIM_NOW != 0, atim), one(flags & MTIM != 0, flags & MTIM_NOW != 0, mtim)])
}

fn clock_id(id: u32) -> R<libc::clockid_t> {
  Ok(match id {
    0 => libc::CLOCK_REALTIME,
    1 => libc::CLOCK_MONOTONIC,
    2 => libc::CLOCK_PROCESS_CPUTIME_ID,
    3 => libc::CLOCK_THREAD_CPUTIME_ID,
    _ => return Err(EINVAL),
  })
}

fn now_ns(clock: libc::clockid_t) -> R<u64> {
  let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
  check(unsafe { libc::clock_gettime(clock, &mut ts) })?;
  Ok(ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

/// `args_get`/`environ_get`: the pointers, then the NUL-terminated strings.
fn put_strings(mem: &mut Mem, list: &[Vec<u8>], ptrs: u32, buf: u32) -> R<()> {
  let mut at = buf;
  for (i, s) in list.iter().enumerate() {
    mem.set_u32(ptrs + 4 * i as u32, at)?;
    let dst = mem.bytes_mut(at, s.len() as u32 + 1)?;
    dst[..s.len()].copy_from_slice(s);
    dst[s.len()] = 0;
    at += s.len() as u32 + 1;
  }
  Ok(())
}

fn put_sizes(mem: &mut Mem, list: &[Vec<u8>], count: u32, size: u32) -> R<()> {
  mem.set_u32(count, list.len() as u32)?;
  mem.set_u32(size, list.iter().map(|s| s.len() as u32 + 1).sum())
}

fn signal_of(sig: u32) -> R<i32> {
  Ok(match sig {
    1 => libc::SIGHUP,
    2 => libc::SIGINT,
    3 => libc::SIGQUIT,
    4 => libc::SIGILL,
    5 => libc::SIGTRAP,
    6 => libc::SIGABRT,
    7 => libc::SIGBUS,
    8 => libc::SIGFPE,
    9 => libc::SIGKILL,
    10 => libc::SIGUSR1,
    11 => libc::SIGSEGV,
    12 => libc::SIGUSR2,
    13 => libc::SIGPIPE,
    14 => libc::SIGALRM,
    15 => libc::SIGTERM,
    16 => libc::SIGCHLD,
    17 => libc::SIGCONT,
    18 => libc::SIGSTOP,
    19 => libc::SIGTSTP,
    20 => libc::SIGTTIN,
    21 => libc::SIGTTOU,
    22 => libc::SIGURG,
    23 => libc::SIGXCPU,
    24 => libc::SIGXFSZ,
    25 => libc::SIGVTALRM,
    26 => libc::SIGPROF,
    27 => libc::SIGWINCH,
    28 => libc::SIGPOLL,
    29 => libc::SIGPWR,
    30 => libc::SIGSYS,
    _ => return Err(EINVAL),
  })
}

fn dispatch(w: &mut Wasi, op: &str, mem: &mut Mem, a: &mut Args) -> R<()> {
  match op {
    "args_get" => {
      let (ptrs, buf) = (a.u32(0)?, a.u32(1)?);
      put_strings(mem, &w.args, ptrs, buf)
    }
    "args_sizes_get" => {
      let (c, s) = (a.u32(0)?, a.u32(1)?);
      put_sizes(mem, &w.args, c, s)
    }
    "environ_get" => {
      let (ptrs, buf) = (a.u32(0)?, a.u32(1)?);
      put_strings(mem, &w.env, ptrs, buf)
    }
    "environ_sizes_get" => {
      let (c, s) = (a.u32(0)?, a.u32(1)?);
      put_sizes(mem, &w.env, c, s)
    }
    "clock_res_get" => {
      let (id, out) = (a.u32(0)?, a.u32(1)?);
      let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
      check(unsafe { libc::clock_getres(clock_id(id)?, &mut ts) })?;
      mem.set_u64(out, ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
    }
    "clock_time_get" => {
      let (id, _precision, out) = (a.u32(0)?, a.u64(1)?, a.u32(2)?);
      let t = now_ns(clock_id(id)?)?;
      mem.set_u64(out, t)
    }
    "fd_advise" => {
      let (fd, off, len, advice) = (a.u32(0)?, a.u64(1)?, a.u64(2)?, a.u32(3)?);
      let advice = match advice {
        0 => libc::POSIX_FADV_NORMAL,
        1 => libc::POSIX_FADV_SEQUENTIAL,
        2 => libc::POSIX_FADV_RANDOM,
        3 => libc::POSIX_FADV_WILLNEED,
        4 => libc::POSIX_FADV_DONTNEED,
        5 => libc::POSIX_FADV_NOREUSE,
        _ => return Err(EINVAL),
      };
      let d = w.fd_right(fd, 1 << 7)?;
      if d.filetype == FT_DIR {
        return Err(wasi_errno(libc::EISDIR));
      }
      let r = unsafe { libc::posix_fadvise(d.host, off as i64, len as i64, advice) };
      if r != 0 {
        return Err(wasi_errno(r));
      }
      Ok(())
    }
    "fd_allocate" => {
      let (fd, off, len) = (a.u32(0)?, a.u64(1)?, a.u64(2)?);
      let r = unsafe { libc::posix_fallocate(w.fd_right(fd, R_FD_ALLOCATE)?.host, off as i64, len as i64) };
      if r != 0 {
        return Err(wasi_errno(r));
      }
      Ok(())
    }
    "fd_close" => {
      let fd = a.u32(0)?;
      let d = w.fds.remove(&fd).ok_or(EBADF)?;
      if d.owned {
        check(unsafe { libc::close(d.host) })?;
      }
      Ok(())
    }
    "fd_datasync" => {
      let fd = a.u32(0)?;
      check(unsafe { libc::fdatasync(w.fd_right(fd, R_FD_DATASYNC)?.host) }).map(|_| ())
    }
    "fd_sync" => {
      let fd = a.u32(0)?;
      check(unsafe { libc::fsync(w.fd_right(fd, R_FD_SYNC)?.host) }).map(|_| ())
    }
    "fd_fdstat_get" => {
      let (fd, out) = (a.u32(0)?, a.u32(1)?);
      let d = w.fd(fd)?;
      let fl = check(unsafe { libc::fcntl(d.host, libc::F_GETFL) })?;
      let mut flags = 0u16;
      if fl & libc::O_APPEND != 0 {
        flags |= 1;
      }
      if fl & libc::O_DSYNC != 0 {
        flags |= 2;
      }
      if fl & libc::O_NONBLOCK != 0 {
        flags |= 4;
      }
      if fl & libc::O_SYNC == libc::O_SYNC {
        flags |= 8 | 16;
      }
      mem.set_u8(out, d.filetype)?;
      mem.set_u8(out + 1, 0)?;
      mem.set_u16(out + 2, flags)?;
      mem.set_u32(out + 4, 0)?;
      mem.set_u64(out + 8, d.rights_base)?;
      mem.set_u64(out + 16, d.rights_inheriting)
    }
    "fd_fdstat_set_flags" => {
      let (fd, flags) = (a.u32(0)?, a.u32(1)?);
      let d = w.fd_right(fd, 1 << 3)?;
      if flags & !0x1f != 0 {
        return Err(EINVAL);
      }
      let mut fl = 0;
      if flags & 1 != 0 {
        fl |= libc::O_APPEND;
      }
      if flags & 2 != 0 {
        fl |= libc::O_DSYNC;
      }
      if flags & 4 != 0 {
        fl |= libc::O_NONBLOCK;
      }
      if flags & 8 != 0 {
        fl |= libc::O_RSYNC;
      }
      if flags & 16 != 0 {
        fl |= libc::O_SYNC;
      }
      check(unsafe { libc::fcntl(d.host, libc::F_SETFL, fl) }).map(|_| ())
    }
    "fd_fdstat_set_rights" => {
      let (fd, base, inheriting) = (a.u32(0)?, a.u64(1)?, a.u64(2)?);
      let d = w.fds.get_mut(&fd).ok_or(EBADF)?;
      // Rights can only be dropped.
      if base & !d.rights_base != 0 || inheriting & !d.rights_inheriting != 0 {
        return Err(ENOTCAPABLE);
      }
      d.rights_base = base;
      d.rights_inheriting = inheriting;
      Ok(())
    }
    "fd_filestat_get" => {
      let (fd, out) = (a.u32(0)?, a.u32(1)?);
      let st = fstat(w.fd_right(fd, 1 << 21)?.host)?;
      write_filestat(mem, out, &st)
    }
    "fd_filestat_set_size" => {
      let (fd, size) = (a.u32(0)?, a.u64(1)?);
      check(unsafe { libc::ftruncate(w.fd_right(fd, R_FD_FILESTAT_SET_SIZE)?.host, size as i64) }).map(|_| ())
    }
    "fd_filestat_set_times" => {
      let (fd, atim, mtim, flags) = (a.u32(0)?, a.u64(1)?, a.u64(2)?, a.u32(3)?);
      let ts = timespecs(atim, mtim, flags as u16)?;
      check(unsafe { libc::futimens(w.fd_right(fd, 1 << 23)?.host, ts.as_ptr()) }).map(|_| ())
    }
    "fd_pread" | "fd_read" | "fd_pwrite" | "fd_write" => {
      let (fd, iovs, count) = (a.u32(0)?, a.u32(1)?, a.u32(2)?);
      let positioned = op == "fd_pread" || op == "fd_pwrite";
      let offset = if positioned { a.u64(3)? } else { 0 };
      let out = a.u32(if positioned { 4 } else { 3 })?;
      let d = w.fd(fd)?;
      let is_read = op.contains("read");
      let needed = if is_read { R_FD_READ } else { R_FD_WRITE };
      if d.rights_base & needed == 0 {
        return Err(ENOTCAPABLE);
      }
      let host = d.host;
      let vecs = mem.iovecs(iovs, count)?;
      let n = unsafe {
        match (is_read, positioned) {
          (true, false) => libc::readv(host, vecs.as_ptr(), vecs.len() as i32),
          (true, true) => libc::preadv(host, vecs.as_ptr(), vecs.len() as i32, offset as i64),
          (false, false) => libc::writev(host, vecs.as_ptr(), vecs.len() as i32),
          (false, true) => libc::pwritev(host, vecs.as_ptr(), vecs.len() as i32, offset as i64),
        }
      };
      let n = check(n)?;
      mem.set_u32(out, n as u32)
    }
    "fd_prestat_get" => {
      let (fd, out) = (a.u32(0)?, a.u32(1)?);
      // A descriptor that is not a preopen: EINVAL (EBADF ends wasi-libc's scan).
      let name = w.fd(fd)?.preopen.as_ref().ok_or(EINVAL)?;
      mem.set_u32(out, 0)?;
      mem.set_u32(out + 4, name.len() as u32)
    }
    "fd_prestat_dir_name" => {
      let (fd, buf, len) = (a.u32(0)?, a.u32(1)?, a.u32(2)?);
      let name = w.fd(fd)?.preopen.as_ref().ok_or(EINVAL)?;
      if (len as usize) < name.len() {
        return Err(ENOBUFS);
      }
      mem.bytes_mut(buf, name.len() as u32)?.copy_from_slice(name.as_bytes());
      Ok(())
    }
    "fd_readdir" => {
      let (fd, buf, len, cookie, out) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u64(3)?, a.u32(4)?);
      let d = w.fd_right(fd, R_FD_READDIR)?;
      if d.filetype != FT_DIR {
        return Err(ENOTDIR);
      }
      let entries = read_dir(d.host)?;
      let mut data = Vec::new();
      for (i, (name, ino, ft)) in entries.iter().enumerate().skip(cookie.min(usize::MAX as u64) as usize) {
        if data.len() >= len as usize {
          break;
        }
        data.extend_from_slice(&(i as u64 + 1).to_le_bytes());
        data.extend_from_slice(&ino.to_le_bytes());
        data.extend_from_slice(&(name.len() as u32).to_le_bytes());
        data.extend_from_slice(&[*ft, 0, 0, 0]);
        data.extend_from_slice(name);
      }
      let n = data.len().min(len as usize) as u32;
      mem.bytes_mut(buf, n)?.copy_from_slice(&data[..n as usize]);
      mem.set_u32(out, n)
    }
    "fd_renumber" => {
      let (from, to) = (a.u32(0)?, a.u32(1)?);
      w.fd(from)?;
      w.fd(to)?;
      if from == to {
        return Ok(());
      }
      let old = w.fds.remove(&to).unwrap();
      if old.owned {
        unsafe { libc::close(old.host) };
      }
      let moved = w.fds.remove(&from).unwrap();
      w.fds.insert(to, moved);
      Ok(())
    }
    "fd_seek" => {
      let (fd, off, whence, out) = (a.u32(0)?, a.u64(1)?, a.u32(2)?, a.u32(3)?);
      let whence = match whence {
        0 => libc::SEEK_SET,
        1 => libc::SEEK_CUR,
        2 => libc::SEEK_END,
        _ => return Err(EINVAL),
      };
      let d = w.fd(fd)?;
      if d.rights_base & (R_FD_SEEK | R_FD_TELL) == 0 {
        return Err(ENOTCAPABLE);
      }
      let pos = check(unsafe { libc::lseek(d.host, off as i64, whence) })?;
      mem.set_u64(out, pos as u64)
    }
    "fd_tell" => {
      let (fd, out) = (a.u32(0)?, a.u32(1)?);
      let pos = check(unsafe { libc::lseek(w.fd_right(fd, R_FD_TELL)?.host, 0, libc::SEEK_CUR) })?;
      mem.set_u64(out, pos as u64)
    }
    "path_create_directory" => {
      let (fd, p, l) = (a.u32(0)?, a.u32(1)?, a.u32(2)?);
      let (host, _, _) = w.resolve(fd, 1 << 9, &path_arg(mem, p, l)?, false)?;
      let c = cpath(&host)?;
      check(unsafe { libc::mkdir(c.as_ptr(), 0o777) }).map(|_| ())
    }
    "path_filestat_get" => {
      let (fd, flags, p, l, out) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?, a.u32(4)?);
      let (host, _, _) = w.resolve(fd, 1 << 18, &path_arg(mem, p, l)?, flags & 1 != 0)?;
      let st = lstat_path(&host)?;
      write_filestat(mem, out, &st)
    }
    "path_filestat_set_times" => {
      let (fd, flags, p, l) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?);
      let (atim, mtim, fst) = (a.u64(4)?, a.u64(5)?, a.u32(6)?);
      let (host, _, _) = w.resolve(fd, 1 << 20, &path_arg(mem, p, l)?, flags & 1 != 0)?;
      let ts = timespecs(atim, mtim, fst as u16)?;
      let c = cpath(&host)?;
      check(unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ts.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) }).map(|_| ())
    }
    "path_link" => {
      let (ofd, oflags, op_, ol) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?);
      let (nfd, np, nl) = (a.u32(4)?, a.u32(5)?, a.u32(6)?);
      let (old, _, _) = w.resolve(ofd, 1 << 11, &path_arg(mem, op_, ol)?, oflags & 1 != 0)?;
      let (new, _, _) = w.resolve(nfd, 1 << 12, &path_arg(mem, np, nl)?, false)?;
      let (o, n) = (cpath(&old)?, cpath(&new)?);
      check(unsafe { libc::linkat(libc::AT_FDCWD, o.as_ptr(), libc::AT_FDCWD, n.as_ptr(), 0) }).map(|_| ())
    }
    "path_open" => {
      let (dirfd, dirflags, p, l, oflags) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?, a.u32(4)?);
      let (base, inheriting, fdflags, out) = (a.u64(5)?, a.u64(6)?, a.u32(7)?, a.u32(8)?);
      let path = path_arg(mem, p, l)?;
      let follow = dirflags & 1 != 0;
      let needed = (1 << 13) | if oflags & 1 != 0 { 1 << 10 } else { 0 };
      let (host, root, rel) = w.resolve(dirfd, needed, &path, follow)?;
      let parent = w.fd(dirfd)?;
      // What is asked for must be what the directory may pass on.
      if (base | inheriting) & !parent.rights_inheriting != 0 {
        return Err(ENOTCAPABLE);
      }
      let read = base & (R_FD_READ | R_FD_READDIR) != 0;
      let write = base & (R_FD_DATASYNC | R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE) != 0;
      let mut flags = libc::O_CLOEXEC
        | if read && write {
          libc::O_RDWR
        } else if write {
          libc::O_WRONLY
        } else {
          libc::O_RDONLY
        };
      if oflags & 1 != 0 {
        flags |= libc::O_CREAT;
      }
      if oflags & 2 != 0 {
        flags |= libc::O_DIRECTORY;
      }
      if oflags & 4 != 0 {
        flags |= libc::O_EXCL;
      }
      if oflags & 8 != 0 {
        flags |= libc::O_TRUNC;
      }
      if fdflags & 1 != 0 {
        flags |= libc::O_APPEND;
      }
      if fdflags & 2 != 0 {
        flags |= libc::O_DSYNC;
      }
      if fdflags & 4 != 0 {
        flags |= libc::O_NONBLOCK;
      }
      if fdflags & 8 != 0 {
        flags |= libc::O_RSYNC;
      }
      if fdflags & 16 != 0 {
        flags |= libc::O_SYNC;
      }
      if !follow {
        flags |= libc::O_NOFOLLOW;
      }
      let c = cpath(&host)?;
      let host_fd = check(unsafe { libc::open(c.as_ptr(), flags, 0o666 as libc::c_uint) })?;
      let filetype = match fstat(host_fd) {
        Ok(st) => filetype_of_mode(st.st_mode),
        Err(e) => {
          unsafe { libc::close(host_fd) };
          return Err(e);
        }
      };
      let (max_base, max_inheriting) = max_rights(host_fd, filetype);
      let fd = Fd {
        host: host_fd,
        owned: true,
        filetype,
        rights_base: base & max_base,
        rights_inheriting: inheriting & max_inheriting,
        preopen: None,
        root,
        rel,
      };
      let n = w.insert(fd);
      if let Err(e) = mem.set_u32(out, n) {
        let d = w.fds.remove(&n).unwrap();
        unsafe { libc::close(d.host) };
        return Err(e);
      }
      Ok(())
    }
    "path_readlink" => {
      let (fd, p, l, buf, len, out) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?, a.u32(4)?, a.u32(5)?);
      let (host, _, _) = w.resolve(fd, 1 << 15, &path_arg(mem, p, l)?, false)?;
      let target = std::fs::read_link(&host).map_err(|e| wasi_errno(e.raw_os_error().unwrap_or(libc::EIO)))?;
      let t = target.as_os_str().as_bytes();
      let n = t.len().min(len as usize) as u32;
      mem.bytes_mut(buf, n)?.copy_from_slice(&t[..n as usize]);
      mem.set_u32(out, n)
    }
    "path_remove_directory" => {
      let (fd, p, l) = (a.u32(0)?, a.u32(1)?, a.u32(2)?);
      let (host, _, _) = w.resolve(fd, 1 << 25, &path_arg(mem, p, l)?, false)?;
      let c = cpath(&host)?;
      check(unsafe { libc::rmdir(c.as_ptr()) }).map(|_| ())
    }
    "path_rename" => {
      let (ofd, op_, ol, nfd, np, nl) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?, a.u32(4)?, a.u32(5)?);
      let (old, _, _) = w.resolve(ofd, 1 << 16, &path_arg(mem, op_, ol)?, false)?;
      let (new, _, _) = w.resolve(nfd, 1 << 17, &path_arg(mem, np, nl)?, false)?;
      let (o, n) = (cpath(&old)?, cpath(&new)?);
      check(unsafe { libc::rename(o.as_ptr(), n.as_ptr()) }).map(|_| ())
    }
    "path_symlink" => {
      let (op_, ol, fd, np, nl) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?, a.u32(4)?);
      let target = path_arg(mem, op_, ol)?;
      let (new, _, _) = w.resolve(fd, 1 << 24, &path_arg(mem, np, nl)?, false)?;
      let t = CString::new(target).map_err(|_| EINVAL)?;
      let n = cpath(&new)?;
      check(unsafe { libc::symlink(t.as_ptr(), n.as_ptr()) }).map(|_| ())
    }
    "path_unlink_file" => {
      let (fd, p, l) = (a.u32(0)?, a.u32(1)?, a.u32(2)?);
      let (host, _, _) = w.resolve(fd, 1 << 26, &path_arg(mem, p, l)?, false)?;
      let c = cpath(&host)?;
      check(unsafe { libc::unlink(c.as_ptr()) }).map(|_| ())
    }
    "poll_oneoff" => {
      let (input, output, n, out) = (a.u32(0)?, a.u32(1)?, a.u32(2)?, a.u32(3)?);
      poll_oneoff(w, mem, input, output, n, out)
    }
    "proc_raise" => {
      let sig = signal_of(a.u32(0)?)?;
      check(unsafe { libc::raise(sig) }).map(|_| ())
    }
    "random_get" => {
      let (buf, len) = (a.u32(0)?, a.u32(1)?);
      let dst = mem.bytes_mut(buf, len)?;
      let mut done = 0;
      while done < dst.len() {
        let r = unsafe { libc::getrandom(dst[done..].as_mut_ptr() as *mut libc::c_void, dst.len() - done, 0) };
        if r < 0 {
          if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
            continue;
          }
          return Err(last_errno());
        }
        done += r as usize;
      }
      Ok(())
    }
    "sched_yield" => {
      unsafe { libc::sched_yield() };
      Ok(())
    }
    // Sockets: WASI preview 1 can only use descriptors it was given, and amber hands a
    // guest none, so these fail as uvwasi's do: no such descriptor, or not supported.
    "sock_accept" | "sock_recv" | "sock_send" | "sock_shutdown" => {
      w.fd(a.u32(0)?)?;
      Err(ENOTSUP)
    }
    _ => Err(ENOSYS),
  }
}

/// The entries of a directory except `.` and `..` (as libuv lists them): name, inode,
/// WASI file type.
fn read_dir(host: i32) -> R<Vec<(Vec<u8>, u64, u8)>> {
  let dup = check(unsafe { libc::fcntl(host, libc::F_DUPFD_CLOEXEC, 0) })?;
  let dir = unsafe { libc::fdopendir(dup) };
  if dir.is_null() {
    let e = last_errno();
    unsafe { libc::close(dup) };
    return Err(e);
  }
  unsafe { libc::rewinddir(dir) };
  let mut out = Vec::new();
  loop {
    let ent = unsafe { libc::readdir64(dir) };
    if ent.is_null() {
      break;
    }
    let ent = unsafe { &*ent };
    let name = unsafe { std::ffi::CStr::from_ptr(ent.d_name.as_ptr()) }.to_bytes().to_vec();
    if name == b"." || name == b".." {
      continue;
    }
    let ft = match ent.d_type {
      libc::DT_REG => FT_FILE,
      libc::DT_DIR => FT_DIR,
      libc::DT_LNK => FT_SYMLINK,
      libc::DT_CHR => FT_CHAR,
      libc::DT_BLK => FT_BLOCK,
      libc::DT_SOCK => FT_SOCK_STREAM,
      _ => FT_UNKNOWN,
    };
    out.push((name, ent.d_ino, ft));
  }
  unsafe { libc::closedir(dir) };
  Ok(out)
}

/// `poll_oneoff`: clock subscriptions become the timeout of one `poll(2)` over the
/// descriptors of the read/write subscriptions; every subscription that is ready (or
/// whose clock expired) gets an event.
fn poll_oneoff(w: &Wasi, mem: &mut Mem, input: u32, output: u32, n: u32, out: u32) -> R<()> {
  if n == 0 {
    return Err(EINVAL);
  }
  struct Sub {
    userdata: u64,
    tag: u8,
    deadline: Option<u64>,
    clock: libc::clockid_t,
    poll_index: Option<usize>,
    error: Errno,
  }
  let mut subs = Vec::new();
  let mut pollfds: Vec<libc::pollfd> = Vec::new();
  for i in 0..n {
    let at = input.checked_add(i.checked_mul(48).ok_or(EOVERFLOW)?).ok_or(EOVERFLOW)?;
    let userdata = mem.u64(at)?;
    let tag = mem.u8(at + 8)?;
    let mut s = Sub { userdata, tag, deadline: None, clock: libc::CLOCK_MONOTONIC, poll_index: None, error: SUCCESS };
    match tag {
      0 => {
        let id = mem.u32(at + 16)?;
        let timeout = mem.u64(at + 24)?;
        let flags = mem.u16(at + 40)?;
        match clock_id(id) {
          Ok(c) => {
            s.clock = c;
            let now = now_ns(c)?;
            // ABSTIME: the timeout is a point on that clock.
            s.deadline = Some(if flags & 1 != 0 { timeout } else { now.saturating_add(timeout) });
          }
          Err(e) => s.error = e,
        }
      }
      1 | 2 => {
        let fd = mem.u32(at + 16)?;
        match w.fd(fd) {
          Ok(d) => {
            s.poll_index = Some(pollfds.len());
            pollfds.push(libc::pollfd { fd: d.host, events: if tag == 1 { libc::POLLIN } else { libc::POLLOUT }, revents: 0 });
          }
          Err(e) => s.error = e,
        }
      }
      _ => return Err(EINVAL),
    }
    subs.push(s);
  }
  let immediate = subs.iter().any(|s| s.error != SUCCESS);
  // The earliest clock deadline, as milliseconds from now (rounded up).
  let mut timeout_ms: i32 = -1;
  for s in &subs {
    if let Some(d) = s.deadline {
      let now = now_ns(s.clock)?;
      let ms = d.saturating_sub(now).div_ceil(1_000_000).min(i32::MAX as u64) as i32;
      timeout_ms = if timeout_ms < 0 { ms } else { timeout_ms.min(ms) };
    }
  }
  if immediate {
    timeout_ms = 0;
  }
  loop {
    let r = unsafe { libc::poll(pollfds.as_mut_ptr(), pollfds.len() as libc::nfds_t, timeout_ms) };
    if r >= 0 {
      break;
    }
    if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
      return Err(last_errno());
    }
  }
  let mut count = 0u32;
  for s in &subs {
    let (error, nbytes, flags) = if s.error != SUCCESS {
      (s.error, 0u64, 0u16)
    } else if let Some(d) = s.deadline {
      if now_ns(s.clock)? < d {
        continue;
      }
      (SUCCESS, 0, 0)
    } else if let Some(i) = s.poll_index {
      let re = pollfds[i].revents;
      if re == 0 {
        continue;
      }
      if re & libc::POLLNVAL != 0 {
        (EBADF, 0, 0)
      } else if re & libc::POLLERR != 0 {
        (EIO, 0, 0)
      } else {
        let mut avail: libc::c_int = 0;
        if s.tag == 1 {
          unsafe { libc::ioctl(pollfds[i].fd, libc::FIONREAD, &mut avail) };
        }
        (SUCCESS, avail.max(0) as u64, if re & libc::POLLHUP != 0 { 1 } else { 0 })
      }
    } else {
      continue;
    };
    let at = output.checked_add(count.checked_mul(32).ok_or(EOVERFLOW)?).ok_or(EOVERFLOW)?;
    mem.bytes_mut(at, 32)?.fill(0);
    mem.set_u64(at, s.userdata)?;
    mem.set_u16(at + 8, error)?;
    mem.set_u8(at + 10, s.tag)?;
    mem.set_u64(at + 16, nbytes)?;
    mem.set_u16(at + 24, flags)?;
    count += 1;
  }
  mem.set_u32(out, count)
}
