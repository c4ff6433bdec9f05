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
}

struct Spec {
  file: String,
  args: Vec<String>,
  cwd: Option<String>,
  env: Option<Vec<(String, String)>>,
  stdio: [String; 3],
  argv0: Option<String>,
  /// fork's IPC channel: the child gets one end of a socket pair as fd 3.
  ipc: bool,
}

fn get<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>, k: &str) -> Option<v8::Local<'s, v8::Value>> {
  let key = new_string(scope, k);
  obj.get(scope, key.into()).filter(|v| !v.is_null_or_undefined())
}

fn strings(scope: &mut v8::PinScope, v: Option<v8::Local<v8::Value>>) -> Vec<String> {
  let Some(arr) = v.and_then(|v| v8::Local::<v8::Array>::try_from(v).ok()) else { return vec![] };
  (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
}

/// `{ file, args, cwd, env: ["K=V"], stdio: [..3], argv0 }`.
fn read_spec(scope: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Option<Spec> {
  let obj = v.to_object(scope)?;
  let file = get(scope, obj, "file")?.to_rust_string_lossy(scope);
  let args = get(scope, obj, "args");
  let args = strings(scope, args);
  let cwd = get(scope, obj, "cwd").map(|v| v.to_rust_string_lossy(scope));
  let env = get(scope, obj, "env").map(|e| {
    strings(scope, Some(e)).into_iter().filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect()
  });
  let stdio_v = get(scope, obj, "stdio");
  let s = strings(scope, stdio_v);
  let pick = |i: usize| s.get(i).cloned().unwrap_or_else(|| "pipe".into());
  let argv0 = get(scope, obj, "argv0").map(|v| v.to_rust_string_lossy(scope));
  let ipc = get(scope, obj, "ipc").is_some_and(|v| v.is_true());
  Some(Spec { file, args, cwd, env, stdio: [pick(0), pick(1), pick(2)], argv0, ipc })
}

fn stdio_for(kind: &str) -> Stdio {
  match kind {
    "inherit" => Stdio::inherit(),
    "ignore" => Stdio::null(),
    _ => Stdio::piped(),
  }
}

fn command(spec: &Spec) -> std::process::Command {
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
  cmd.stdin(stdio_for(&spec.stdio[0])).stdout(stdio_for(&spec.stdio[1])).stderr(stdio_for(&spec.stdio[2]));
  cmd
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

/// `spawnSync(spec, input)` -> `{ pid, status, signal (number), stdout, stderr }` or `{ error }`.
fn spawn_sync<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::unix::process::ExitStatusExt;
  let Some(spec) = read_spec(scope, args.get(0)) else { return throw_type_error(scope, "bad spawn options") };
  let input = bytes_arg(args.get(1));
  let out = v8::Object::new(scope);
  let set = |scope: &mut v8::PinScope<'s, '_>, k: &str, v: v8::Local<'s, v8::Value>| {
    let key = new_string(scope, k);
    out.set(scope, key.into(), v);
  };
  let mut cmd = command(&spec);
  if input.is_some() && spec.stdio[0] == "pipe" {
    cmd.stdin(Stdio::piped());
  }
  let child = cmd.spawn();
  let mut child = match child {
    Ok(c) => c,
    Err(e) => {
      let err = spawn_error(scope, &e, &spec, "spawnSync");
      set(scope, "error", err);
      rv.set(out.into());
      return;
    }
  };
  let pid = v8::Integer::new_from_unsigned(scope, child.id()).into();
  set(scope, "pid", pid);
  if let Some(mut stdin) = child.stdin.take() {
    let data = input.unwrap_or_default();
    std::thread::spawn(move || {
      let _ = stdin.write_all(&data);
    });
  }
  let mut stdout = child.stdout.take();
  let mut stderr = child.stderr.take();
  let err_thread = std::thread::spawn(move || {
    let mut b = Vec::new();
    if let Some(s) = stderr.as_mut() {
      let _ = s.read_to_end(&mut b);
    }
    b
  });
  let mut out_bytes = Vec::new();
  if let Some(s) = stdout.as_mut() {
    let _ = s.read_to_end(&mut out_bytes);
  }
  let err_bytes = err_thread.join().unwrap_or_default();
  let status = child.wait();
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

/// `spawn(spec, stdoutOp, stderrOp, exitOp)` -> `[childId, pid, ipcFd]` (ipcFd -1 unless
/// `spec.ipc`), or throws the spawn error.
/// Output chunks complete `stdoutOp`/`stderrOp` repeatedly (null at EOF); the exit
/// completes `exitOp` with `[code, signal]`.
fn spawn<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::os::unix::process::ExitStatusExt;
  let Some(spec) = read_spec(scope, args.get(0)) else { return throw_type_error(scope, "bad spawn options") };
  let out_op = args.get(1).uint32_value(scope).unwrap_or(0);
  let err_op = args.get(2).uint32_value(scope).unwrap_or(0);
  let exit_op = args.get(3).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let tx = st.borrow().events_tx.clone();
  let mut std_cmd = command(&spec);
  // fork: a socket pair; the child's end becomes its fd 3 (NODE_CHANNEL_FD=3).
  let pair = if spec.ipc {
    match std::os::unix::net::UnixStream::pair() {
      Ok(p) => Some(p),
      Err(e) => {
        let err = spawn_error(scope, &e, &spec, "spawn");
        scope.throw_exception(err);
        return;
      }
    }
  } else {
    None
  };
  if let Some((_, child_end)) = &pair {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let fd = child_end.as_raw_fd();
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
      std_cmd.pre_exec(move || {
        if fd == 3 {
          let flags = libc::fcntl(3, libc::F_GETFD);
          libc::fcntl(3, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
        } else if libc::dup2(fd, 3) < 0 {
          return Err(std::io::Error::last_os_error());
        }
        Ok(())
      });
    }
  }
  let child = std_cmd.spawn();
  // The parent keeps its end (JS owns it by number); the child's end closes here.
  let parent_fd = pair.map(|(parent_end, _child_end)| std::os::fd::IntoRawFd::into_raw_fd(parent_end));
  let mut child = match child {
    Ok(c) => c,
    Err(e) => {
      if let Some(fd) = parent_fd {
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
  let forward = |pipe: Option<Box<dyn Read + Send>>, op: u32, tx: tokio::sync::mpsc::UnboundedSender<(u32, OpResult)>| {
    if let Some(mut p) = pipe {
      std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        loop {
          match p.read(&mut buf) {
            Ok(0) | Err(_) => {
              let _ = tx.send((op, OpResult::Eof));
              break;
            }
            Ok(n) => {
              let _ = tx.send((op, OpResult::Bytes(buf[..n].to_vec())));
            }
          }
        }
      });
    }
  };
  let has_out = stdout.is_some();
  let has_err = stderr.is_some();
  forward(stdout.map(|s| Box::new(s) as Box<dyn Read + Send>), out_op, tx.clone());
  forward(stderr.map(|s| Box::new(s) as Box<dyn Read + Send>), err_op, tx.clone());
  let exit_tx = tx.clone();
  std::thread::spawn(move || {
    let r = child.wait();
    let (code, sig) = match r {
      Ok(st) => (st.code().unwrap_or(-1), st.signal().unwrap_or(0)),
      Err(_) => (-1, 0),
    };
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
  let c = v8::Integer::new(scope, parent_fd.unwrap_or(-1)).into();
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
