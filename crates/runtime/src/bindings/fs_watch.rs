//! `fs.watch` on Linux inotify. Each watcher is one inotify instance read by a thread
//! that forwards events (`"change\tname\n"` / `"rename\tname\n"` lines, libuv's two kinds)
//! to the loop as a persistent op. The JS FSWatcher holds only the op id and the inotify
//! descriptor; stopping removes the watch, which wakes the thread (IN_IGNORED) so it ends
//! and closes the descriptor. A watcher is a live resource: a snapshot build refuses it.

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

/// inotify descriptors whose thread still runs. The thread leaves the set before it
/// closes the descriptor, under the lock, so `watchStop` never touches a reused number.
static LIVE: std::sync::Mutex<Vec<i32>> = std::sync::Mutex::new(Vec::new());

pub fn register(reg: &mut Registry) {
  reg.add("fs.watchStart", watch_start);
  reg.add("fs.watchStop", watch_stop);
}

/// `watchStart(path, opId) -> fd`: starts watching `path` (a file or a directory); each
/// batch of events completes `opId`; the end (after `watchStop`) completes it with EOF.
fn watch_start<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let op = args.get(1).uint32_value(scope).unwrap_or(0);
  let Ok(cpath) = std::ffi::CString::new(path.clone()) else {
    return throw_error(scope, "path must not contain null bytes");
  };
  let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
  if fd < 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "watch", Some(&path), None);
  }
  let mask = libc::IN_ATTRIB | libc::IN_CREATE | libc::IN_MODIFY | libc::IN_DELETE | libc::IN_DELETE_SELF | libc::IN_MOVE_SELF | libc::IN_MOVED_FROM | libc::IN_MOVED_TO;
  let wd = unsafe { libc::inotify_add_watch(fd, cpath.as_ptr(), mask) };
  if wd < 0 {
    let err = std::io::Error::last_os_error();
    unsafe { libc::close(fd) };
    return throw_io_error(scope, &err, "watch", Some(&path), None);
  }
  // A file's events carry no name: libuv reports the file's own base name.
  let own_name = std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
  let st = state(scope);
  let tx = st.borrow().events_tx.clone();
  st.borrow_mut().op_refs.insert(op, true);
  LIVE.lock().unwrap().push(fd);
  std::thread::spawn(move || {
    let mut buf = vec![0u8; 64 * 1024];
    'read: loop {
      let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
      if n <= 0 {
        if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
          continue;
        }
        break;
      }
      let mut lines = String::new();
      let mut ended = false;
      let mut off = 0usize;
      let header = std::mem::size_of::<libc::inotify_event>();
      while off + header <= n as usize {
        // Layout of an inotify event: wd i32, mask u32, cookie u32, len u32, name[len].
        let ev: libc::inotify_event = unsafe { std::ptr::read_unaligned(buf.as_ptr().add(off) as *const libc::inotify_event) };
        let name_bytes = &buf[off + header..off + header + ev.len as usize];
        let name = String::from_utf8_lossy(name_bytes.split(|&b| b == 0).next().unwrap_or(&[])).into_owned();
        off += header + ev.len as usize;
        if ev.mask & libc::IN_IGNORED != 0 {
          ended = true;
          continue;
        }
        let kind = if ev.mask & (libc::IN_ATTRIB | libc::IN_MODIFY) != 0 { "change" } else { "rename" };
        let name = if name.is_empty() { own_name.clone() } else { name };
        lines.push_str(kind);
        lines.push('\t');
        lines.push_str(&name);
        lines.push('\n');
      }
      if !lines.is_empty() && tx.send((op, OpResult::Bytes(lines.into_bytes()))).is_err() {
        break 'read;
      }
      if ended {
        break;
      }
    }
    {
      let mut live = LIVE.lock().unwrap();
      live.retain(|&f| f != fd);
      unsafe { libc::close(fd) };
    }
    let _ = tx.send((op, OpResult::Eof));
  });
  rv.set_int32(fd);
}

/// `watchStop(fd)`: removes the watch; the reading thread then ends the op.
fn watch_stop<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let live = LIVE.lock().unwrap();
  if live.contains(&fd) {
    // One watch per instance: its descriptor is 1.
    unsafe { libc::inotify_rm_watch(fd, 1) };
  }
}
