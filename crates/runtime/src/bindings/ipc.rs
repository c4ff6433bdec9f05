//! The IPC channel of `child_process.fork` (both ends): a Unix stream socket carrying
//! Node's `json` serialization, one JSON text per line. The parent's end comes from
//! `child.spawn` with `ipc: true` (the child's end is its fd 3, named by
//! `NODE_CHANNEL_FD`). JS owns each end by descriptor number: it writes, shuts down and
//! finally closes it; reading happens on a thread over a duplicate, forwarding chunks to
//! the loop as a persistent op until EOF.
//!
//! Handles travel as Node sends them on Unix: a socket's descriptor rides with the
//! bytes of its `NODE_HANDLE` message as `SCM_RIGHTS` ancillary data of one `sendmsg`.
//! The reader hands the descriptors it receives to JS (as a list, before the bytes they
//! came with), which adopts them through `tcp.listenFd` / `tcp.openFd`.

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

/// The most descriptors one read accepts (Node sends one per message).
const MAX_FDS: usize = 8;

/// One `recvmsg`: the bytes read and the descriptors that came with them (close-on-exec).
fn recv_with_fds(fd: i32, buf: &mut [u8]) -> std::io::Result<(usize, Vec<i32>)> {
  let mut iov = libc::iovec { iov_base: buf.as_mut_ptr() as *mut libc::c_void, iov_len: buf.len() };
  // u64 keeps the control buffer aligned for cmsghdr.
  let mut control = [0u64; 32];
  // SAFETY: a zeroed msghdr is valid; the pointers set below outlive the call.
  let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
  msg.msg_iov = &mut iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
  // SAFETY: CMSG_SPACE is a pure size computation.
  msg.msg_controllen = (unsafe { libc::CMSG_SPACE((MAX_FDS * std::mem::size_of::<i32>()) as u32) } as usize).min(std::mem::size_of_val(&control)) as _;
  // SAFETY: `msg` describes valid buffers.
  let n = unsafe { libc::recvmsg(fd, &mut msg, libc::MSG_CMSG_CLOEXEC) };
  if n < 0 {
    return Err(std::io::Error::last_os_error());
  }
  let mut fds = Vec::new();
  // SAFETY: walking the control messages the kernel wrote, with the libc macros.
  unsafe {
    let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
    while !cmsg.is_null() {
      if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
        let data = libc::CMSG_DATA(cmsg) as *const i32;
        let count = ((*cmsg).cmsg_len as usize - libc::CMSG_LEN(0) as usize) / std::mem::size_of::<i32>();
        for i in 0..count {
          fds.push(std::ptr::read_unaligned(data.add(i)));
        }
      }
      cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
    }
  }
  Ok((n as usize, fds))
}

/// One `sendmsg` of `bytes` carrying `handle` as SCM_RIGHTS; returns the bytes sent.
fn send_with_fd(fd: i32, bytes: &[u8], handle: i32) -> std::io::Result<usize> {
  let mut iov = libc::iovec { iov_base: bytes.as_ptr() as *mut libc::c_void, iov_len: bytes.len() };
  let mut control = [0u64; 4];
  // SAFETY: a zeroed msghdr is valid; the pointers set below outlive the call, and the
  // control buffer is large enough for one descriptor (CMSG_SPACE(4) = 24 bytes).
  unsafe {
    let mut msg: libc::msghdr = std::mem::zeroed();
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
    msg.msg_controllen = libc::CMSG_SPACE(std::mem::size_of::<i32>() as u32) as _;
    let cmsg = libc::CMSG_FIRSTHDR(&msg);
    (*cmsg).cmsg_level = libc::SOL_SOCKET;
    (*cmsg).cmsg_type = libc::SCM_RIGHTS;
    (*cmsg).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<i32>() as u32) as _;
    std::ptr::write_unaligned(libc::CMSG_DATA(cmsg) as *mut i32, handle);
    let n = libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL);
    if n < 0 { Err(std::io::Error::last_os_error()) } else { Ok(n as usize) }
  }
}

pub fn register(reg: &mut Registry) {
  reg.add("ipc.open", open);
  reg.add("ipc.write", write);
  reg.add("ipc.shutdown", shutdown);
  reg.add("ipc.close", close);
  reg.add("ipc.dup", dup);
  reg.add("ipc.peerClosed", peer_closed);
}

/// `peerClosed(fd) -> bool`: whether the other end of the channel is gone (every copy of
/// it closed), so that reading is sure to reach EOF without blocking for ever.
fn peer_closed<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let mut pfd = libc::pollfd { fd, events: libc::POLLRDHUP, revents: 0 };
  // SAFETY: one valid pollfd and a zero timeout; a bad descriptor sets POLLNVAL.
  let n = unsafe { libc::poll(&mut pfd, 1, 0) };
  let closed = n > 0 && pfd.revents & (libc::POLLRDHUP | libc::POLLHUP) != 0;
  rv.set(v8::Boolean::new(scope, closed).into());
}

/// `open(fd, opId)`: reads the channel until EOF; each chunk completes `opId`, EOF with
/// null. Descriptors that arrive complete it first, as an array of numbers.
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
      let (n, fds) = match recv_with_fds(dup, &mut buf) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
        Err(_) => break,
      };
      if !fds.is_empty() && tx.send((op, OpResult::Fds(fds))).is_err() {
        break;
      }
      if n == 0 {
        break;
      }
      if tx.send((op, OpResult::Bytes(buf[..n].to_vec()))).is_err() {
        break;
      }
    }
    unsafe { libc::close(dup) };
    let _ = tx.send((op, OpResult::Eof));
  });
}

/// `write(fd, bytes[, handleFd]) -> bool`: the whole message, blocking (messages are
/// small). A `handleFd` goes with the first bytes (SCM_RIGHTS) and is closed here: the
/// caller passes a duplicate, and the message in flight holds its own reference.
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let data = args.get(1);
  let bytes = if data.is_string() { data.to_rust_string_lossy(scope).into_bytes() } else { bytes_arg(data).unwrap_or_default() };
  let handle = if args.length() > 2 { args.get(2).int32_value(scope).unwrap_or(-1) } else { -1 };
  let mut off = 0;
  if handle >= 0 {
    let sent = loop {
      match send_with_fd(fd, &bytes, handle) {
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
        r => break r,
      }
    };
    // SAFETY: the caller handed this duplicate over to be sent.
    unsafe { libc::close(handle) };
    match sent {
      Ok(n) => off = n,
      Err(_) => {
        rv.set_bool(false);
        return;
      }
    }
  }
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

/// `dup(fd)` -> a close-on-exec duplicate, or -1: a bare descriptor sent to several
/// processes (cluster's shared listening socket) goes as one duplicate per message.
fn dup<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  // SAFETY: F_DUPFD_CLOEXEC on any number is safe; a bad one fails with EBADF.
  rv.set_int32(if fd < 0 { -1 } else { unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) } });
}
