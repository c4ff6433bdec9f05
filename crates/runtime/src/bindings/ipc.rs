//! The IPC channel of `child_process.fork` (both ends): a Unix stream socket carrying
//! Node's `json` serialization, one JSON text per line. The parent's end comes from
//! `child.spawn` with `ipc: true` (the child's end is its fd 3, named by
//! `NODE_CHANNEL_FD`). JS owns each end by descriptor number: it writes, shuts down and
//! finally closes it; reading happens on a thread over a duplicate, forwarding chunks to
//! the loop as a persistent op until EOF.

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("ipc.open", open);
  reg.add("ipc.write", write);
  reg.add("ipc.shutdown", shutdown);
  reg.add("ipc.close", close);
}

/// `open(fd, opId)`: reads the channel until EOF; each chunk completes `opId`, EOF with null.
fn open<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let op = args.get(1).uint32_value(scope).unwrap_or(0);
  let dup = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
  if dup < 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "read", None, None);
  }
  let st = state(scope);
  let tx = st.borrow().events_tx.clone();
  st.borrow_mut().op_refs.insert(op, true);
  std::thread::spawn(move || {
    let mut buf = vec![0u8; 65536];
    loop {
      let n = unsafe { libc::read(dup, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
      if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
        continue;
      }
      if n <= 0 {
        break;
      }
      if tx.send((op, OpResult::Bytes(buf[..n as usize].to_vec()))).is_err() {
        break;
      }
    }
    unsafe { libc::close(dup) };
    let _ = tx.send((op, OpResult::Eof));
  });
}

/// `write(fd, bytes) -> bool`: the whole message, blocking (messages are small).
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let data = args.get(1);
  let bytes = if data.is_string() { data.to_rust_string_lossy(scope).into_bytes() } else { bytes_arg(data).unwrap_or_default() };
  let mut off = 0;
  while off < bytes.len() {
    let n = unsafe { libc::send(fd, bytes[off..].as_ptr() as *const libc::c_void, bytes.len() - off, libc::MSG_NOSIGNAL) };
    if n < 0 {
      if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
        continue;
      }
      rv.set_bool(false);
      return;
    }
    off += n as usize;
  }
  rv.set_bool(true);
}

/// `shutdown(fd)`: both directions; the other end (and our reader) see EOF.
fn shutdown<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  if fd >= 0 {
    unsafe { libc::shutdown(fd, libc::SHUT_RDWR) };
  }
}

fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  if fd >= 0 {
    unsafe { libc::close(fd) };
  }
}
