//! Small conversions shared by the bindings: argument extraction, typed results and
//! Node-shaped system errors (`code`, `errno`, `syscall`, `path`). No binding logic here.

pub fn string_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> String {
  args.get(i).to_rust_string_lossy(scope)
}

/// A file-mode argument: `undefined`/`null` mean `default` (never 0, which would create
/// files nobody can read).
pub fn mode_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32, default: u32) -> u32 {
  let v = args.get(i);
  if v.is_null_or_undefined() {
    return default;
  }
  v.uint32_value(scope).unwrap_or(default)
}

pub fn new_string<'s>(scope: &mut v8::PinScope<'s, '_>, s: &str) -> v8::Local<'s, v8::String> {
  v8::String::new(scope, s).unwrap_or_else(|| v8::String::empty(scope))
}

pub fn set_string(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, s: &str) {
  let v = new_string(scope, s);
  rv.set(v.into());
}

pub fn throw_type_error(scope: &mut v8::PinScope, msg: &str) {
  let m = new_string(scope, msg);
  let e = v8::Exception::type_error(scope, m);
  scope.throw_exception(e);
}

pub fn throw_error(scope: &mut v8::PinScope, msg: &str) {
  let m = new_string(scope, msg);
  let e = v8::Exception::error(scope, m);
  scope.throw_exception(e);
}

/// Copies bytes into a fresh `Uint8Array` (backing store owned by V8).
pub fn bytes_to_uint8array<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Uint8Array> {
  let len = bytes.len();
  let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
  let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
  v8::Uint8Array::new(scope, ab, 0, len).unwrap()
}

/// Copies the bytes viewed by an ArrayBufferView (or ArrayBuffer) argument.
pub fn bytes_arg(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
  with_bytes(value, |b| b.to_vec())
}

/// Runs `f` on the bytes of an ArrayBufferView / ArrayBuffer without copying.
pub fn with_bytes<R>(value: v8::Local<v8::Value>, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
  if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) {
    let len = view.byte_length();
    if len == 0 {
      return Some(f(&[]));
    }
    let ptr = view.data() as *const u8;
    // SAFETY: the view is alive for this call and spans `len` bytes from `data()`.
    let slice = unsafe { std::slice::from_raw_parts(ptr, len) };
    return Some(f(slice));
  }
  if let Ok(ab) = v8::Local::<v8::ArrayBuffer>::try_from(value) {
    let len = ab.byte_length();
    if len == 0 {
      return Some(f(&[]));
    }
    let ptr = ab.data()?.as_ptr() as *const u8;
    let slice = unsafe { std::slice::from_raw_parts(ptr, len) };
    return Some(f(slice));
  }
  None
}

/// Mutable access to the bytes of an ArrayBufferView.
pub fn with_bytes_mut<R>(value: v8::Local<v8::Value>, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
  let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
  let len = view.byte_length();
  if len == 0 {
    return Some(f(&mut []));
  }
  let ptr = view.data() as *mut u8;
  let slice = unsafe { std::slice::from_raw_parts_mut(ptr, len) };
  Some(f(slice))
}

/// Every error libuv names on Linux, as Node reports them: the errno as libuv returns it
/// (negated: `-2` is `ENOENT`), its name and its message. The errno ones are `libc`'s
/// values; libuv's own (getaddrinfo's `EAI_*`, `EOF`, ...) have libuv's fixed numbers.
/// The one errno table: `errno_info`, `util.errnoInfo`, `util.getSystemErrorName`/`Map`.
pub static UV_ERRORS: &[(i32, &str, &str)] = &[
  (-libc::E2BIG, "E2BIG", "argument list too long"),
  (-libc::EACCES, "EACCES", "permission denied"),
  (-libc::EADDRINUSE, "EADDRINUSE", "address already in use"),
  (-libc::EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available"),
  (-libc::EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported"),
  (-libc::EAGAIN, "EAGAIN", "resource temporarily unavailable"),
  (-libc::EALREADY, "EALREADY", "connection already in progress"),
  (-libc::EBADF, "EBADF", "bad file descriptor"),
  (-libc::EBUSY, "EBUSY", "resource busy or locked"),
  (-libc::ECANCELED, "ECANCELED", "operation canceled"),
  (-libc::ECONNABORTED, "ECONNABORTED", "software caused connection abort"),
  (-libc::ECONNREFUSED, "ECONNREFUSED", "connection refused"),
  (-libc::ECONNRESET, "ECONNRESET", "connection reset by peer"),
  (-libc::EDESTADDRREQ, "EDESTADDRREQ", "destination address required"),
  (-libc::EEXIST, "EEXIST", "file already exists"),
  (-libc::EFAULT, "EFAULT", "bad address in system call argument"),
  (-libc::EFBIG, "EFBIG", "file too large"),
  (-libc::EHOSTDOWN, "EHOSTDOWN", "host is down"),
  (-libc::EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"),
  (-libc::EILSEQ, "EILSEQ", "illegal byte sequence"),
  (-libc::EINTR, "EINTR", "interrupted system call"),
  (-libc::EINVAL, "EINVAL", "invalid argument"),
  (-libc::EIO, "EIO", "i/o error"),
  (-libc::EISCONN, "EISCONN", "socket is already connected"),
  (-libc::EISDIR, "EISDIR", "illegal operation on a directory"),
  (-libc::ELOOP, "ELOOP", "too many symbolic links encountered"),
  (-libc::EMFILE, "EMFILE", "too many open files"),
  (-libc::EMLINK, "EMLINK", "too many links"),
  (-libc::EMSGSIZE, "EMSGSIZE", "message too long"),
  (-libc::ENAMETOOLONG, "ENAMETOOLONG", "name too long"),
  (-libc::ENETDOWN, "ENETDOWN", "network is down"),
  (-libc::ENETUNREACH, "ENETUNREACH", "network is unreachable"),
  (-libc::ENFILE, "ENFILE", "file table overflow"),
  (-libc::ENOBUFS, "ENOBUFS", "no buffer space available"),
  (-libc::ENODATA, "ENODATA", "no data available"),
  (-libc::ENODEV, "ENODEV", "no such device"),
  (-libc::ENOENT, "ENOENT", "no such file or directory"),
  (-libc::ENOMEM, "ENOMEM", "not enough memory"),
  (-libc::ENONET, "ENONET", "machine is not on the network"),
  (-libc::ENOPROTOOPT, "ENOPROTOOPT", "protocol not available"),
  (-libc::ENOSPC, "ENOSPC", "no space left on device"),
  (-libc::ENOSYS, "ENOSYS", "function not implemented"),
  (-libc::ENOTCONN, "ENOTCONN", "socket is not connected"),
  (-libc::ENOTDIR, "ENOTDIR", "not a directory"),
  (-libc::ENOTEMPTY, "ENOTEMPTY", "directory not empty"),
  (-libc::ENOTSOCK, "ENOTSOCK", "socket operation on non-socket"),
  (-libc::ENOTSUP, "ENOTSUP", "operation not supported on socket"),
  (-libc::ENOTTY, "ENOTTY", "inappropriate ioctl for device"),
  (-libc::ENXIO, "ENXIO", "no such device or address"),
  (-libc::EOVERFLOW, "EOVERFLOW", "value too large for defined data type"),
  (-libc::EPERM, "EPERM", "operation not permitted"),
  (-libc::EPIPE, "EPIPE", "broken pipe"),
  (-libc::EPROTO, "EPROTO", "protocol error"),
  (-libc::EPROTONOSUPPORT, "EPROTONOSUPPORT", "protocol not supported"),
  (-libc::EPROTOTYPE, "EPROTOTYPE", "protocol wrong type for socket"),
  (-libc::ERANGE, "ERANGE", "result too large"),
  (-libc::EREMOTEIO, "EREMOTEIO", "remote I/O error"),
  (-libc::EROFS, "EROFS", "read-only file system"),
  (-libc::ESHUTDOWN, "ESHUTDOWN", "cannot send after transport endpoint shutdown"),
  (-libc::ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "socket type not supported"),
  (-libc::ESPIPE, "ESPIPE", "invalid seek"),
  (-libc::ESRCH, "ESRCH", "no such process"),
  (-libc::ETIMEDOUT, "ETIMEDOUT", "connection timed out"),
  (-libc::ETXTBSY, "ETXTBSY", "text file is busy"),
  (-libc::EUNATCH, "EUNATCH", "protocol driver not attached"),
  (-libc::EXDEV, "EXDEV", "cross-device link not permitted"),
  (-3000, "EAI_ADDRFAMILY", "address family not supported"),
  (-3001, "EAI_AGAIN", "temporary failure"),
  (-3002, "EAI_BADFLAGS", "bad ai_flags value"),
  (-3013, "EAI_BADHINTS", "invalid value for hints"),
  (-3003, "EAI_CANCELED", "request canceled"),
  (-3004, "EAI_FAIL", "permanent failure"),
  (-3005, "EAI_FAMILY", "ai_family not supported"),
  (-3006, "EAI_MEMORY", "out of memory"),
  (-3007, "EAI_NODATA", "no address"),
  (-3008, "EAI_NONAME", "unknown node or service"),
  (-3009, "EAI_OVERFLOW", "argument buffer overflow"),
  (-3014, "EAI_PROTOCOL", "resolved protocol is unknown"),
  (-3010, "EAI_SERVICE", "service not available for socket type"),
  (-3011, "EAI_SOCKTYPE", "socket type not supported"),
  (-4080, "ECHARSET", "invalid Unicode character"),
  (-4028, "EFTYPE", "inappropriate file type or format"),
  (-4095, "EOF", "end of file"),
  (-4094, "UNKNOWN", "unknown error"),
];

/// libuv's name and message for an errno (positive, as the OS returns it), as Node
/// reports them; anything libuv does not map is libuv's `UNKNOWN`.
pub fn errno_info(errno: i32) -> (&'static str, &'static str) {
  UV_ERRORS.iter().find(|(e, _, _)| *e == -errno && errno > 0).map_or(("UNKNOWN", "unknown error"), |&(_, n, m)| (n, m))
}

/// Throws a Node-style system error: `ENOENT: no such file or directory, open 'x'`.
pub fn throw_io_error(scope: &mut v8::PinScope, err: &std::io::Error, syscall: &str, path: Option<&str>, dest: Option<&str>) {
  let e = io_error(scope, err, syscall, path, dest);
  scope.throw_exception(e);
}

pub fn io_error<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  err: &std::io::Error,
  syscall: &str,
  path: Option<&str>,
  dest: Option<&str>,
) -> v8::Local<'s, v8::Value> {
  let errno = err.raw_os_error().unwrap_or(libc::EIO);
  let (code, desc) = errno_info(errno);
  let mut msg = format!("{code}: {desc}, {syscall}");
  if let Some(p) = path {
    msg.push_str(&format!(" '{p}'"));
  }
  if let Some(d) = dest {
    msg.push_str(&format!(" -> '{d}'"));
  }
  let m = new_string(scope, &msg);
  let e = v8::Exception::error(scope, m);
  let obj = e.cast::<v8::Object>();
  let set = |scope: &mut v8::PinScope<'s, '_>, k: &str, v: v8::Local<v8::Value>| {
    let key = new_string(scope, k);
    obj.set(scope, key.into(), v);
  };
  let v = v8::Integer::new(scope, -errno).into();
  set(scope, "errno", v);
  let v = new_string(scope, code).into();
  set(scope, "code", v);
  let v = new_string(scope, syscall).into();
  set(scope, "syscall", v);
  if let Some(p) = path {
    let v = new_string(scope, p).into();
    set(scope, "path", v);
  }
  if let Some(d) = dest {
    let v = new_string(scope, d).into();
    set(scope, "dest", v);
  }
  e
}

pub fn write_stderr(bytes: &[u8]) -> std::io::Result<()> {
  super::stdio_write_fd(2, bytes)
}

/// Removes V8's non-standard `Intl.v8BreakIterator` from `context`, as Node does for
/// every context it makes (the main one is done by bootstrap.js). Enters the context.
pub fn remove_v8_break_iterator(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) {
  let scope = &mut v8::ContextScope::new(scope, context);
  let global = context.global(scope);
  let intl_name = new_string(scope, "Intl");
  let Some(intl) = global.get(scope, intl_name.into()) else { return };
  let Ok(intl) = v8::Local::<v8::Object>::try_from(intl) else { return };
  let key = new_string(scope, "v8BreakIterator");
  intl.delete(scope, key.into());
}
