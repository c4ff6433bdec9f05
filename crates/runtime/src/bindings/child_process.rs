//! Child processes for `node:child_process`. `spawnSync` runs to completion here.
//! `spawn` starts a tokio process: each piped output stream forwards its chunks as
//! events to the loop, and the exit status is one more event. The JS ChildProcess holds
//! only a numeric id; the OS handles live in `State::children` (DESIGN.md rule 2).

use std::io::{Read, Write};
use std::process::Stdio;

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("child.spawnSync", spawn_sync);
  reg.add("child.spawn", spawn);
  reg.add("child.write", write);
  reg.add("child.closeStdin", close_stdin);
  reg.add("child.kill", kill);
  reg.add("child.outputFd", output_fd);
  reg.add("child.stdinFd", stdin_fd);
  reg.add("child.setReading", set_reading);
  reg.add("child.forgetOutput", forget_output);
}

/// Whether a piped output's reader may read (Node's readStart/readStop on the pipe),
/// and whether it reached EOF (its descriptor is then closed). A pipe handed to another
/// child as its stdio is stopped, so that child alone reads it until JS reads again.
/// A reader starts stopped: JS starts it after the spawning code ran (as libuv reads only
/// once the loop runs), so a pipe given to the next child in the same tick loses nothing.
struct Gate {
  stopped: bool,
  /// JS started or stopped it at least once.
  decided: bool,
  eof: bool,
}

struct Output {
  fd: i32,
  gate: std::sync::Arc<(std::sync::Mutex<Gate>, std::sync::Condvar)>,
}

thread_local! {
  /// Piped outputs of this isolate's children by their op, until JS forgets them.
  static OUTPUTS: std::cell::RefCell<std::collections::HashMap<u32, Output>> = Default::default();
}

/// What one descriptor of the child is.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Slot {
  Pipe,
  Ignore,
  /// The parent's own descriptor of the same number.
  Inherit,
  /// A descriptor of the parent, given by number.
  Fd(i32),
  /// fork's IPC channel: one end of a socket pair (NODE_CHANNEL_FD names its number).
  Ipc,
}

struct Spec {
  file: String,
  args: Vec<String>,
  cwd: Option<String>,
  env: Option<Vec<(String, String)>>,
  /// At least three entries (stdin, stdout, stderr), then any extra descriptors.
  stdio: Vec<Slot>,
  argv0: Option<String>,
  detached: bool,
  uid: Option<u32>,
  gid: Option<u32>,
}

fn get<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>, k: &str) -> Option<v8::Local<'s, v8::Value>> {
  let key = new_string(scope, k);
  obj.get(scope, key.into()).filter(|v| !v.is_null_or_undefined())
}

fn strings(scope: &mut v8::PinScope, v: Option<v8::Local<v8::Value>>) -> Vec<String> {
  let Some(arr) = v.and_then(|v| v8::Local::<v8::Array>::try_from(v).ok()) else { return vec![] };
  (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
}

/// `{ file, args, cwd, env: ["K=V"], stdio: ["pipe" | "ignore" | "inherit" | "ipc" | fd, ...],
/// argv0, detached, uid, gid }`.
fn read_spec(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Option<Spec> {
  let obj = v.to_object(scope)?;
  let file = get(scope, obj, "file")?.to_rust_string_lossy(scope);
  let args = get(scope, obj, "args");
  let args = strings(scope, args);
  let cwd = get(scope, obj, "cwd").map(|v| v.to_rust_string_lossy(scope));
  let env = get(scope, obj, "env").map(|e| {
    strings(scope, Some(e)).into_iter().filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect()
  });
  let mut stdio = Vec::new();
  if let Some(arr) = get(scope, obj, "stdio").and_then(|v| v8::Local::<v8::Array>::try_from(v).ok()) {
    for i in 0..arr.length() {
      let v = arr.get_index(scope, i)?;
      let slot = if v.is_number() {
        Slot::Fd(v.int32_value(scope)?)
      } else {
        match v.to_rust_string_lossy(scope).as_str() {
          "ignore" => Slot::Ignore,
          "inherit" => Slot::Inherit,
          "ipc" => Slot::Ipc,
          _ => Slot::Pipe,
        }
      };
      stdio.push(slot);
    }
  }
  while stdio.len() < 3 {
    stdio.push(Slot::Pipe);
  }
  let argv0 = get(scope, obj, "argv0").map(|v| v.to_rust_string_lossy(scope));
  let detached = get(scope, obj, "detached").is_some_and(|v| v.is_true());
  let uid = get(scope, obj, "uid").and_then(|v| v.uint32_value(scope));
  let gid = get(scope, obj, "gid").and_then(|v| v.uint32_value(scope));
  Some(Spec { file, args, cwd, env, stdio, argv0, detached, uid, gid })
}

/// stdin/stdout/stderr as std's Command takes them. A descriptor given by number is
/// duplicated (the Stdio owns and closes its copy); the IPC channel is put in place by
/// `map_descriptors`, after std's own setup.
fn stdio_for(slot: Slot) -> std::io::Result<Stdio> {
  Ok(match slot {
    Slot::Inherit | Slot::Ipc => Stdio::inherit(),
    Slot::Ignore => Stdio::null(),
    Slot::Pipe => Stdio::piped(),
    Slot::Fd(fd) => {
      // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor, owned by the OwnedFd.
      let dup = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
      if dup < 0 {
        return Err(std::io::Error::last_os_error());
      }
      Stdio::from(unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(dup) })
    }
  })
}

/// Gives the child `target <- source` descriptors (beyond stdio, and the IPC channel
/// wherever it is) just before exec. Sources are first moved above every target, so one
/// mapping never overwrites the source of another.
fn map_descriptors(cmd: &mut std::process::Command, maps: Vec<(i32, i32)>) {
  use std::os::unix::process::CommandExt;
  if maps.is_empty() {
    return;
  }
  let floor = maps.iter().map(|m| m.0).max().unwrap_or(2) + 1;
  // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec; `tmp` is
  // allocated here, before the fork.
  let mut tmp = vec![0i32; maps.len()];
  unsafe {
    cmd.pre_exec(move || {
      for (i, (_, src)) in maps.iter().enumerate() {
        tmp[i] = libc::fcntl(*src, libc::F_DUPFD_CLOEXEC, floor);
        if tmp[i] < 0 {
          return Err(std::io::Error::last_os_error());
        }
      }
      for (i, (target, _)) in maps.iter().enumerate() {
        // dup2 leaves the target without close-on-exec.
        if libc::dup2(tmp[i], *target) < 0 {
          return Err(std::io::Error::last_os_error());
        }
      }
      Ok(())
    });
  }
}

fn command(spec: &Spec) -> std::io::Result<std::process::Command> {
  use std::os::unix::process::CommandExt;
  let mut cmd = std::process::Command::new(&spec.file);
  cmd.args(&spec.args);
  if let Some(a0) = &spec.argv0 {
    cmd.arg0(a0);
  }
  if let Some(cwd) = &spec.cwd {
    cmd.current_dir(cwd);
  }
  if let Some(env) = &spec.env {
    cmd.env_clear();
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
  }
  // SAFETY: the hook only calls `signal`, which is async-signal-safe.
  unsafe {
    cmd.pre_exec(|| {
      crate::platform::reset_child_signals();
      Ok(())
    });
  }
  if spec.detached {
    // setsid, as libuv does for a detached child: a new session, no controlling terminal.
    // SAFETY: setsid is async-signal-safe.
    unsafe {
      cmd.pre_exec(|| {
        libc::setsid();
        Ok(())
      });
    }
  }
  if let Some(uid) = spec.uid {
    cmd.uid(uid);
  }
  if let Some(gid) = spec.gid {
    cmd.gid(gid);
  }
  cmd.stdin(stdio_for(spec.stdio[0])?).stdout(stdio_for(spec.stdio[1])?).stderr(stdio_for(spec.stdio[2])?);
  Ok(cmd)
}

fn spawn_error(scope: &mut v8::PinScope, e: &std::io::Error, spec: &Spec, call: &str) -> v8::Local<'static, v8::Value> {
  let syscall = format!("{call} {}", spec.file);
  let err = io_error(scope, e, &syscall, Some(&spec.file), None);
  // Node's message is `spawn <file> ENOENT`.
  let (code, _) = errno_info(e.raw_os_error().unwrap_or(libc::EIO));
  let obj = err.cast::<v8::Object>();
  let k = new_string(scope, "message");
  let m = new_string(scope, &format!("{call} {} {code}", spec.file));
  obj.set(scope, k.into(), m.into());
  let k = new_string(scope, "spawnargs");
  let vals: Vec<v8::Local<v8::Value>> = spec.args.iter().map(|a| new_string(scope, a).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  obj.set(scope, k.into(), arr.into());
  unsafe { std::mem::transmute::<v8::Local<v8::Value>, v8::Local<'static, v8::Value>>(err) }
}

/// `spawnSync(spec, input, timeoutMs, maxBuffer, killSignal)` -> `{ pid, status, signal
/// (number), stdout, stderr }`, with `error` when it could not start, ran past
/// `timeoutMs` (0: no limit; ETIMEDOUT) or wrote more than `maxBuffer` bytes to one pipe
/// (ENOBUFS); in both cases the child is sent `killSignal`, as libuv's spawn_sync does.
fn spawn_sync<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::unix::process::ExitStatusExt;
  use std::sync::atomic::{AtomicBool, Ordering};
  use std::sync::Arc;
  let Some(spec) = read_spec(scope, args.get(0)) else { return throw_type_error(scope, "bad spawn options") };
  let input = bytes_arg(args.get(1));
  let timeout_ms = args.get(2).number_value(scope).filter(|t| t.is_finite() && *t > 0.0);
  let max_buffer = args.get(3).number_value(scope).filter(|m| !m.is_nan()).unwrap_or(f64::INFINITY);
  let kill_signal = args.get(4).int32_value(scope).filter(|s| *s > 0).unwrap_or(libc::SIGTERM);
  let out = v8::Object::new(scope);
  let set = |scope: &mut v8::PinScope<'s, '_>, k: &str, v: v8::Local<'s, v8::Value>| {
    let key = new_string(scope, k);
    out.set(scope, key.into(), v);
  };
  let child = command(&spec).and_then(|mut cmd| {
    if input.is_some() && spec.stdio[0] == Slot::Pipe {
      cmd.stdin(Stdio::piped());
    }
    // Extra descriptors of a synchronous child: inherited ones only.
    let maps: Vec<(i32, i32)> = spec.stdio.iter().enumerate().skip(3).filter_map(|(i, s)| match s {
      Slot::Inherit => Some((i as i32, i as i32)),
      Slot::Fd(fd) => Some((i as i32, *fd)),
      _ => None,
    }).collect();
    map_descriptors(&mut cmd, maps);
    cmd.spawn()
  });
  let mut child = match child {
    Ok(c) => c,
    Err(e) => {
      let err = spawn_error(scope, &e, &spec, "spawnSync");
      set(scope, "error", err);
      rv.set(out.into());
      return;
    }
  };
  let pid_num = child.id();
  let pid = v8::Integer::new_from_unsigned(scope, pid_num).into();
  set(scope, "pid", pid);
  if let Some(mut stdin) = child.stdin.take() {
    let data = input.unwrap_or_default();
    std::thread::spawn(move || {
      let _ = stdin.write_all(&data);
    });
  }
  let overflow = Arc::new(AtomicBool::new(false));
  let reader = |pipe: Option<Box<dyn Read + Send>>| {
    let overflow = overflow.clone();
    std::thread::spawn(move || {
      let mut b = Vec::new();
      let Some(mut p) = pipe else { return b };
      let mut buf = vec![0u8; 65536];
      loop {
        match p.read(&mut buf) {
          Ok(0) => break,
          Ok(n) => {
            b.extend_from_slice(&buf[..n]);
            // The chunk that crosses the limit is kept, as Node's 64 KiB reads keep it.
            if b.len() as f64 > max_buffer {
              overflow.store(true, Ordering::SeqCst);
              // SAFETY: signalling our own child, still unreaped (we wait below).
              unsafe { libc::kill(pid_num as i32, kill_signal) };
              break;
            }
          }
          Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
          Err(_) => break,
        }
      }
      b
    })
  };
  let out_thread = reader(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
  let err_thread = reader(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
  let (tx, rx) = std::sync::mpsc::channel();
  std::thread::spawn(move || {
    let _ = tx.send(child.wait());
  });
  let mut timed_out = false;
  let status = match timeout_ms {
    Some(ms) => match rx.recv_timeout(std::time::Duration::from_millis(ms as u64)) {
      Ok(st) => st,
      Err(_) => {
        timed_out = true;
        // SAFETY: the waiter thread has not reaped the child yet (it would have answered).
        unsafe { libc::kill(pid_num as i32, kill_signal) };
        rx.recv().unwrap_or_else(|_| Err(std::io::Error::other("wait failed")))
      }
    },
    None => rx.recv().unwrap_or_else(|_| Err(std::io::Error::other("wait failed"))),
  };
  let out_bytes = out_thread.join().unwrap_or_default();
  let err_bytes = err_thread.join().unwrap_or_default();
  match status {
    Ok(st) => {
      let code: v8::Local<v8::Value> = match st.code() {
        Some(c) => v8::Integer::new(scope, c).into(),
        None => v8::null(scope).into(),
      };
      set(scope, "status", code);
      let sig: v8::Local<v8::Value> = match st.signal() {
        // The number: JS names it from the one signal table (lib/internal/signals.js).
        Some(s) => v8::Integer::new(scope, s).into(),
        None => v8::null(scope).into(),
      };
      set(scope, "signal", sig);
    }
    Err(e) => {
      let err = spawn_error(scope, &e, &spec, "spawnSync");
      set(scope, "error", err);
    }
  }
  if timed_out || overflow.load(Ordering::SeqCst) {
    let errno = if timed_out { libc::ETIMEDOUT } else { libc::ENOBUFS };
    let err = spawn_error(scope, &std::io::Error::from_raw_os_error(errno), &spec, "spawnSync");
    set(scope, "error", err);
  }
  let so = bytes_to_uint8array(scope, out_bytes).into();
  set(scope, "stdout", so);
  let se = bytes_to_uint8array(scope, err_bytes).into();
  set(scope, "stderr", se);
  rv.set(out.into());
}

pub struct ChildHandle {
  pub pid: u32,
  pub stdin: Option<std::process::ChildStdin>,
  /// The op that reports the exit; the child is forgotten once it has.
  pub exit_op: u32,
}

/// `spawn(spec, stdoutOp, stderrOp, exitOp)` -> `[childId, pid, extra]`, or throws the
/// spawn error. `extra` lists `[index, fd]` for each socket pair made for the child (an
/// 'ipc' entry, a 'pipe' past stderr): the parent's end, which JS owns by number.
/// Output chunks complete `stdoutOp`/`stderrOp` repeatedly (null at EOF); the exit
/// completes `exitOp` with `[code, signal]`.
fn spawn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::fd::{AsRawFd, IntoRawFd};
  use std::os::unix::process::ExitStatusExt;
  let Some(spec) = read_spec(scope, args.get(0)) else { return throw_type_error(scope, "bad spawn options") };
  let out_op = args.get(1).uint32_value(scope).unwrap_or(0);
  let err_op = args.get(2).uint32_value(scope).unwrap_or(0);
  let exit_op = args.get(3).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let tx = st.borrow().events_tx.clone();
  // Socket pairs for the IPC channel and the extra pipes; the child's ends are mapped to
  // their numbers before exec and closed here after the spawn.
  let mut pairs: Vec<(usize, std::os::unix::net::UnixStream, std::os::unix::net::UnixStream)> = Vec::new();
  let mut maps = Vec::new();
  let mut setup = Ok(());
  for (i, slot) in spec.stdio.iter().enumerate() {
    match slot {
      Slot::Ipc => {}
      Slot::Pipe if i >= 3 => {}
      Slot::Inherit if i >= 3 => {
        maps.push((i as i32, i as i32));
        continue;
      }
      Slot::Fd(fd) if i >= 3 => {
        maps.push((i as i32, *fd));
        continue;
      }
      _ => continue,
    }
    match std::os::unix::net::UnixStream::pair() {
      Ok((parent, child)) => {
        maps.push((i as i32, child.as_raw_fd()));
        pairs.push((i, parent, child));
      }
      Err(e) => {
        setup = Err(e);
        break;
      }
    }
  }
  let child = setup.and_then(|_| command(&spec)).and_then(|mut cmd| {
    map_descriptors(&mut cmd, maps);
    cmd.spawn()
  });
  // The parent keeps its ends; the child's ends close here.
  let extra: Vec<(usize, i32)> = pairs.into_iter().map(|(i, parent, _child)| (i, parent.into_raw_fd())).collect();
  let mut child = match child {
    Ok(c) => c,
    Err(e) => {
      for (_, fd) in extra {
        // SAFETY: our own end, never handed out.
        unsafe { libc::close(fd) };
      }
      let err = spawn_error(scope, &e, &spec, "spawn");
      scope.throw_exception(err);
      return;
    }
  };
  let pid = child.id();
  let stdin = child.stdin.take();
  let stdout = child.stdout.take();
  let stderr = child.stderr.take();
  // A child's output written before it exited must reach JS before its 'exit' (Node
  // users, and Node's tests, read everything a child printed in the 'exit' handler). A
  // reader holds its pipe's lock from the read until the chunk is queued; the exit
  // thread, once the child is gone, takes each lock and waits until its pipe is empty,
  // so the exit is queued after every byte the child wrote.
  let forward = |pipe: Option<std::os::fd::OwnedFd>, op: u32, tx: tokio::sync::mpsc::UnboundedSender<(u32, OpResult)>| {
    let fd = pipe?;
    let raw = std::os::fd::AsRawFd::as_raw_fd(&fd);
    let lock = std::sync::Arc::new(std::sync::Mutex::new(false));
    let reader_lock = lock.clone();
    let gate = std::sync::Arc::new((std::sync::Mutex::new(Gate { stopped: true, decided: false, eof: false }), std::sync::Condvar::new()));
    let reader_gate = gate.clone();
    OUTPUTS.with(|o| o.borrow_mut().insert(op, Output { fd: raw, gate: gate.clone() }));
    std::thread::spawn(move || {
      let mut file = std::fs::File::from(fd);
      let mut buf = vec![0u8; 65536];
      loop {
        let mut pfd = libc::pollfd { fd: raw, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd; the descriptor is owned by `file` for this thread's life.
        if unsafe { libc::poll(&mut pfd, 1, -1) } < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
          continue;
        }
        // A stopped pipe is left to whoever else reads it until JS reads again.
        let (m, cv) = &*reader_gate;
        {
          let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
          if g.stopped {
            while g.stopped {
              g = cv.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            continue;
          }
        }
        let mut eof = reader_lock.lock().unwrap_or_else(|e| e.into_inner());
        match file.read(&mut buf) {
          Ok(0) | Err(_) => {
            *eof = true;
            // Set under the gate's lock before `file` closes: outputFd sees it.
            m.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
            let _ = tx.send((op, OpResult::Eof));
            break;
          }
          Ok(n) => {
            let _ = tx.send((op, OpResult::Bytes(buf[..n].to_vec())));
          }
        }
      }
    });
    Some((raw, lock, gate))
  };
  let has_out = stdout.is_some();
  let has_err = stderr.is_some();
  let drains: Vec<_> = [
    forward(stdout.map(std::os::fd::OwnedFd::from), out_op, tx.clone()),
    forward(stderr.map(std::os::fd::OwnedFd::from), err_op, tx.clone()),
  ]
  .into_iter()
  .flatten()
  .collect();
  let exit_tx = tx.clone();
  std::thread::spawn(move || {
    let r = child.wait();
    let (code, sig) = match r {
      Ok(st) => (st.code().unwrap_or(-1), st.signal().unwrap_or(0)),
      Err(_) => (-1, 0),
    };
    for (raw, lock, gate) in &drains {
      loop {
        // A pipe JS stopped is not waited for: another child may be its reader. One JS
        // has not started yet is waited for: the chunks come before the exit.
        let (stopped, decided) = {
          let g = gate.0.lock().unwrap_or_else(|e| e.into_inner());
          (g.stopped, g.decided)
        };
        if stopped && decided {
          break;
        }
        if stopped {
          std::thread::sleep(std::time::Duration::from_micros(500));
          continue;
        }
        let eof = lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut pending: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int; the reader holds the descriptor open until EOF,
        // and after EOF (`eof` true, checked first) it is not used.
        if *eof || unsafe { libc::ioctl(*raw, libc::FIONREAD, &mut pending) } != 0 || pending == 0 {
          break;
        }
        drop(eof);
        std::thread::sleep(std::time::Duration::from_micros(200));
      }
    }
    let _ = exit_tx.send((exit_op, OpResult::Exit(code, sig)));
  });
  let id = {
    let mut s = st.borrow_mut();
    // Each piped output (until its EOF) and the exit keep the loop alive until unrefed.
    let mut ops = vec![exit_op];
    if has_out {
      ops.push(out_op);
    }
    if has_err {
      ops.push(err_op);
    }
    for op in ops {
      s.op_refs.insert(op, true);
    }
    s.next_child += 1;
    let id = s.next_child;
    s.children.insert(id, ChildHandle { pid, stdin, exit_op });
    id
  };
  let a = v8::Integer::new_from_unsigned(scope, id).into();
  let b = v8::Integer::new_from_unsigned(scope, pid).into();
  let pairs: Vec<v8::Local<v8::Value>> = extra
    .iter()
    .map(|&(i, fd)| {
      let i = v8::Integer::new(scope, i as i32).into();
      let fd = v8::Integer::new(scope, fd).into();
      v8::Array::new_with_elements(scope, &[i, fd]).into()
    })
    .collect();
  let c = v8::Array::new_with_elements(scope, &pairs).into();
  let arr = v8::Array::new_with_elements(scope, &[a, b, c]);
  rv.set(arr.into());
}

fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let data = args.get(1);
  let bytes = if data.is_string() { data.to_rust_string_lossy(scope).into_bytes() } else { bytes_arg(data).unwrap_or_default() };
  let st = state(scope);
  let mut s = st.borrow_mut();
  let ok = s.children.get_mut(&id).and_then(|c| c.stdin.as_mut()).map(|w| w.write_all(&bytes).is_ok()).unwrap_or(false);
  rv.set_bool(ok);
}

fn close_stdin<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut s = st.borrow_mut();
  if let Some(c) = s.children.get_mut(&id) {
    c.stdin = None;
  }
}

fn kill<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let sig = args.get(1).int32_value(scope).unwrap_or(libc::SIGTERM);
  let st = state(scope);
  let pid = st.borrow().children.get(&id).map(|c| c.pid);
  let ok = pid.map(|p| unsafe { libc::kill(p as i32, sig) } == 0).unwrap_or(false);
  rv.set_bool(ok);
}

/// `outputFd(op)` -> a duplicate of a piped output's descriptor (the caller closes it),
/// or -1 once the pipe reached its end.
fn output_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let op = args.get(0).uint32_value(scope).unwrap_or(0);
  let fd = OUTPUTS.with(|o| {
    let o = o.borrow();
    let Some(out) = o.get(&op) else { return -1 };
    // The gate's lock keeps the reader from closing the descriptor meanwhile.
    let g = out.gate.0.lock().unwrap_or_else(|e| e.into_inner());
    if g.eof {
      return -1;
    }
    // SAFETY: the descriptor is open (no EOF yet, and the reader waits for the lock).
    unsafe { libc::fcntl(out.fd, libc::F_DUPFD_CLOEXEC, 3) }
  });
  rv.set_int32(fd);
}

/// `stdinFd(childId)` -> a duplicate of the child's stdin pipe (the caller closes it), or
/// -1 when it is closed.
fn stdin_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::fd::AsRawFd;
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let s = st.borrow();
  let fd = match s.children.get(&id).and_then(|c| c.stdin.as_ref()) {
    // SAFETY: the pipe is owned by the child's entry and open.
    Some(w) => unsafe { libc::fcntl(w.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 3) },
    None => -1,
  };
  rv.set_int32(fd);
}

/// `setReading(op, on)`: starts or stops reading a piped output (readStart/readStop).
fn set_reading<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let op = args.get(0).uint32_value(scope).unwrap_or(0);
  let on = args.get(1).boolean_value(scope);
  OUTPUTS.with(|o| {
    if let Some(out) = o.borrow().get(&op) {
      let (m, cv) = &*out.gate;
      let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
      g.stopped = !on;
      g.decided = true;
      cv.notify_all();
    }
  });
}

/// `forgetOutput(op)`: the pipe's stream is done with; its entry goes (the reader keeps
/// its own reference until EOF).
fn forget_output<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let op = args.get(0).uint32_value(scope).unwrap_or(0);
  OUTPUTS.with(|o| {
    if let Some(out) = o.borrow_mut().remove(&op) {
      // A stopped reader is let go, so it reaches its EOF and ends.
      let (m, cv) = &*out.gate;
      let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
      g.stopped = false;
      g.decided = true;
      cv.notify_all();
    }
  });
}
