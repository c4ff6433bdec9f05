//! Standard streams: synchronous writes (so output is never lost at exit), terminal
//! detection and asynchronous stdin reads. The kind of each stream (tty, file, pipe)
//! is detected on demand, so a restored snapshot sees its own process's stdio.

use std::io::{Read, Write};
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("stdio.write", write);
  reg.add("stdio.kind", kind);
  reg.add("stdio.windowSize", window_size);
  reg.add("stdio.readStdin", read_stdin);
  reg.add("stdio.setRawMode", set_raw_mode);
}

/// The terminal settings before raw mode, restored on `setRawMode(false)` and at exit.
static SAVED_TERMIOS: std::sync::Mutex<Option<(i32, libc::termios)>> = std::sync::Mutex::new(None);

extern "C" fn restore_terminal() {
  if let Ok(saved) = SAVED_TERMIOS.lock() {
    if let Some((fd, t)) = *saved {
      unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &t) };
    }
  }
}

/// `setRawMode(fd, raw)`: libuv's raw mode (no line editing, echo or signal keys).
fn set_raw_mode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(0);
  let raw = args.get(1).boolean_value(scope);
  let mut saved = SAVED_TERMIOS.lock().unwrap();
  if raw {
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
      return throw_io_error(scope, &std::io::Error::last_os_error(), "uv_tty_set_mode", None, None);
    }
    if saved.is_none() {
      *saved = Some((fd, t));
      unsafe { libc::atexit(restore_terminal) };
    }
    t.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
    t.c_cflag |= libc::CS8;
    t.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
    t.c_cc[libc::VMIN] = 1;
    t.c_cc[libc::VTIME] = 0;
    if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &t) } != 0 {
      throw_io_error(scope, &std::io::Error::last_os_error(), "uv_tty_set_mode", None, None);
    }
  } else if let Some((sfd, t)) = *saved {
    unsafe { libc::tcsetattr(sfd, libc::TCSADRAIN, &t) };
  }
}

pub fn write_fd(fd: i32, bytes: &[u8]) -> std::io::Result<()> {
  // SAFETY: the fd is borrowed for this call only; ManuallyDrop keeps it open.
  let mut f = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
  let mut rest = bytes;
  while !rest.is_empty() {
    match f.write(rest) {
      Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
      Ok(n) => rest = &rest[n..],
      Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
      Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
        let mut pfd = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
        unsafe { libc::poll(&mut pfd, 1, -1) };
      }
      Err(e) => return Err(e),
    }
  }
  Ok(())
}

/// `write(fd, stringOrBytes)` -> 0, or the errno of the failure (EPIPE when the
/// reader went away).
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(1);
  let data = args.get(1);
  let res = if data.is_string() {
    let s = data.to_rust_string_lossy(scope);
    write_fd(fd, s.as_bytes())
  } else {
    with_bytes(data, |b| write_fd(fd, b)).unwrap_or(Err(std::io::Error::from_raw_os_error(libc::EINVAL)))
  };
  rv.set_int32(match res {
    Ok(()) => 0,
    Err(e) => e.raw_os_error().unwrap_or(libc::EIO),
  });
}

/// `kind(fd)` -> "tty" | "file" | "pipe" | "unknown".
fn kind<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  set_string(scope, &mut rv, fd_kind(fd));
}

pub fn fd_kind(fd: i32) -> &'static str {
  if unsafe { libc::isatty(fd) } == 1 {
    return "tty";
  }
  let mut st: libc::stat = unsafe { std::mem::zeroed() };
  if unsafe { libc::fstat(fd, &mut st) } != 0 {
    return "unknown";
  }
  match st.st_mode & libc::S_IFMT {
    libc::S_IFREG => "file",
    libc::S_IFIFO | libc::S_IFSOCK => "pipe",
    libc::S_IFCHR => "file",
    _ => "unknown",
  }
}

/// `windowSize(fd)` -> `[columns, rows]` or undefined when not a terminal.
fn window_size<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
  if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 {
    let c = v8::Integer::new(scope, ws.ws_col as i32).into();
    let r = v8::Integer::new(scope, ws.ws_row as i32).into();
    let arr = v8::Array::new_with_elements(scope, &[c, r]);
    rv.set(arr.into());
  }
}

/// `readStdin(opId)`: read one chunk (up to 64 KiB) of stdin; completes through
/// `hooks.onOpComplete(opId, bytes | null)`.
fn read_stdin<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let handle = st.tokio.clone();
  st.op_refs.insert(id, true);
  st.ops.spawn_on(
    async move {
      let res = tokio::task::spawn_blocking(|| {
        let mut buf = vec![0u8; 65536];
        match std::io::stdin().lock().read(&mut buf) {
          Ok(0) => OpResult::Eof,
          Ok(n) => {
            buf.truncate(n);
            OpResult::Bytes(buf)
          }
          Err(e) => OpResult::Error(e),
        }
      })
      .await
      .unwrap_or(OpResult::Eof);
      (id, res)
    },
    &handle,
  );
}
