//! Process bindings: facts that belong to the running process (argv, env, cwd, pid,
//! clocks, memory) and `reallyExit`. Everything here is read live on each call, so a
//! process restored from a snapshot sees its own values (DESIGN.md rule 7).

use super::helpers::*;
use crate::registry::Registry;
use crate::state::state;

pub fn register(reg: &mut Registry) {
  reg.add("process.cwd", cwd);
  reg.add("process.chdir", chdir);
  reg.add("process.pid", pid);
  reg.add("process.ppid", ppid);
  reg.add("process.argv", argv);
  reg.add("process.argv0", argv0);
  reg.add("process.execArgv", exec_argv);
  reg.add("process.nodeOptions", node_options);
  reg.add("process.execPath", exec_path);
  reg.add("process.envGet", env_get);
  reg.add("process.envSet", env_set);
  reg.add("process.envDelete", env_delete);
  reg.add("process.envKeys", env_keys);
  reg.add("process.hrtime", hrtime);
  reg.add("process.memoryUsage", memory_usage);
  reg.add("process.cpuUsage", cpu_usage);
  reg.add("process.reallyExit", really_exit);
  reg.add("process.umask", umask);
  reg.add("process.ids", ids);
  reg.add("process.kill", kill);
  reg.add("process.versions", versions);
  reg.add("process.watchSignal", watch_signal);
  reg.add("process.heapStatistics", heap_statistics);
  reg.add("process.heapSpaceStatistics", heap_space_statistics);
  reg.add("process.setV8Flags", set_v8_flags);
  reg.add("process.setUncaughtCapture", set_uncaught_capture);
  reg.add("process.cachedDataVersionTag", cached_data_version_tag);
  reg.add("process.defaultSignal", default_signal);
  reg.add("process.setId", set_id);
  reg.add("process.lookupUser", lookup_user);
  reg.add("process.lookupGroup", lookup_group);
  reg.add("process.getGroups", get_groups);
  reg.add("process.setGroups", set_groups);
  reg.add("process.initGroups", init_groups);
  reg.add("process.heapCodeStatistics", heap_code_statistics);
}

/// The errno of the last failed call, as a JS number (0 means success).
fn errno_result(rv: &mut v8::ReturnValue, failed: bool) {
  rv.set_int32(if failed { std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL) } else { 0 });
}

/// `setId(kind, id)`: setuid (0), setgid (1), seteuid (2) or setegid (3); returns errno.
fn set_id<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let kind = args.get(0).int32_value(scope).unwrap_or(-1);
  let id = args.get(1).uint32_value(scope).unwrap_or(0);
  let r = unsafe {
    match kind {
      0 => libc::setuid(id),
      1 => libc::setgid(id),
      2 => libc::seteuid(id),
      3 => libc::setegid(id),
      _ => return errno_result(&mut rv, false),
    }
  };
  errno_result(&mut rv, r != 0);
}

/// The uid of a user name from the password database, or the name of a uid (given a
/// number); undefined when there is no such user.
fn lookup_user<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  if args.get(0).is_number() {
    let uid = args.get(0).uint32_value(scope).unwrap_or(0);
    let pw = unsafe { libc::getpwuid(uid) };
    if !pw.is_null() && !unsafe { (*pw).pw_name }.is_null() {
      let name = unsafe { std::ffi::CStr::from_ptr((*pw).pw_name) }.to_string_lossy().into_owned();
      set_string(scope, &mut rv, &name);
    }
    return;
  }
  let Ok(name) = std::ffi::CString::new(string_arg(scope, &args, 0)) else { return };
  let pw = unsafe { libc::getpwnam(name.as_ptr()) };
  if !pw.is_null() {
    rv.set(v8::Integer::new_from_unsigned(scope, unsafe { (*pw).pw_uid }).into());
  }
}

/// The gid of a group name from the group database, or undefined.
fn lookup_group<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(name) = std::ffi::CString::new(string_arg(scope, &args, 0)) else { return };
  let gr = unsafe { libc::getgrnam(name.as_ptr()) };
  if !gr.is_null() {
    rv.set(v8::Integer::new_from_unsigned(scope, unsafe { (*gr).gr_gid }).into());
  }
}

/// The supplementary group ids of the process.
fn get_groups<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
  let mut groups = vec![0 as libc::gid_t; n.max(0) as usize];
  let n = unsafe { libc::getgroups(groups.len() as i32, groups.as_mut_ptr()) };
  groups.truncate(n.max(0) as usize);
  let vals: Vec<v8::Local<v8::Value>> = groups.iter().map(|g| v8::Integer::new_from_unsigned(scope, *g).into()).collect();
  rv.set(v8::Array::new_with_elements(scope, &vals).into());
}

/// `setGroups(gids)`: returns errno.
fn set_groups<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return errno_result(&mut rv, false) };
  let mut groups = Vec::with_capacity(arr.length() as usize);
  for i in 0..arr.length() {
    let v = arr.get_index(scope, i).and_then(|v| v.uint32_value(scope)).unwrap_or(0);
    groups.push(v as libc::gid_t);
  }
  let r = unsafe { libc::setgroups(groups.len(), groups.as_ptr()) };
  errno_result(&mut rv, r != 0);
}

/// `initGroups(user, extraGid)`: returns errno.
fn init_groups<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(user) = std::ffi::CString::new(string_arg(scope, &args, 0)) else { return errno_result(&mut rv, false) };
  let gid = args.get(1).uint32_value(scope).unwrap_or(0);
  let r = unsafe { libc::initgroups(user.as_ptr(), gid as libc::gid_t) };
  errno_result(&mut rv, r != 0);
}

/// `watchSignal(signo, opId)`: from now on each delivery of the signal completes `opId`
/// (a persistent op); the process's default action is replaced, as with a JS listener
/// in Node. Watching does not keep the loop alive.
fn watch_signal<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let signo = args.get(0).int32_value(scope).unwrap_or(0);
  let op = args.get(1).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let (handle, tx) = {
    let mut s = st.borrow_mut();
    s.signal_watches += 1;
    (s.tokio.clone(), s.events_tx.clone())
  };
  let _guard = handle.enter();
  let Ok(mut stream) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(signo)) else {
    return throw_error(scope, &format!("cannot watch signal {signo}"));
  };
  handle.spawn(async move {
    while stream.recv().await.is_some() {
      if tx.send((op, crate::state::OpResult::Signal)).is_err() {
        break;
      }
    }
  });
}

/// `defaultSignal(signo)`: nobody listens any more; act as the OS default would.
fn default_signal<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let signo = args.get(0).int32_value(scope).unwrap_or(libc::SIGTERM);
  unsafe {
    libc::signal(signo, libc::SIG_DFL);
    libc::raise(signo);
  }
}

fn cwd<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  match std::env::current_dir() {
    Ok(p) => set_string(scope, &mut rv, &p.to_string_lossy()),
    Err(e) => throw_io_error(scope, &e, "uv_cwd", None, None),
  }
}

fn chdir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let dir = string_arg(scope, &args, 0);
  if let Err(e) = std::env::set_current_dir(&dir) {
    let errno = e.raw_os_error().unwrap_or(libc::EIO);
    let (code, desc) = errno_info(errno);
    let msg = format!("{code}: {desc}, chdir {} -> '{dir}'", std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default());
    let err = io_error(scope, &e, "chdir", Some(&dir), None);
    let obj = err.cast::<v8::Object>();
    let k = new_string(scope, "message");
    let m = new_string(scope, &msg);
    obj.set(scope, k.into(), m.into());
    scope.throw_exception(err);
  }
}

fn pid<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  rv.set_uint32(std::process::id());
}

fn ppid<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  rv.set_int32(unsafe { libc::getppid() });
}

fn string_array<'s>(scope: &mut v8::PinScope<'s, '_>, items: &[String]) -> v8::Local<'s, v8::Array> {
  let vals: Vec<v8::Local<v8::Value>> = items.iter().map(|s| new_string(scope, s).into()).collect();
  v8::Array::new_with_elements(scope, &vals)
}

fn argv<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let items = state(scope).borrow().argv.clone();
  let arr = string_array(scope, &items);
  rv.set(arr.into());
}

/// `argv0()` -> the program name this process was started with (the OS's argv[0], as the
/// parent gave it: `spawn`'s argv0 option, or what a shell typed), process.argv0.
fn argv0<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let name = std::env::args_os().next().map(|a| a.to_string_lossy().into_owned()).unwrap_or_default();
  let v = new_string(scope, &name);
  rv.set(v.into());
}

fn exec_argv<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let items = state(scope).borrow().exec_argv.clone();
  let arr = string_array(scope, &items);
  rv.set(arr.into());
}

fn node_options<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let items = state(scope).borrow().node_options.clone();
  let arr = string_array(scope, &items);
  rv.set(arr.into());
}

fn exec_path<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let p = state(scope).borrow().exec_path.clone();
  set_string(scope, &mut rv, &p);
}

fn env_get<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  if key.is_empty() || key.contains('=') || key.contains('\0') {
    return;
  }
  if let Some(v) = std::env::var_os(&key) {
    set_string(scope, &mut rv, &v.to_string_lossy());
  }
}

fn env_set<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let val = string_arg(scope, &args, 1);
  if key.is_empty() || key.contains('=') || key.contains('\0') || val.contains('\0') {
    return;
  }
  // SAFETY: amber runs JS on one thread; no other thread reads the environment concurrently.
  unsafe { std::env::set_var(&key, &val) };
  if key == "TZ" {
    time_zone_changed(scope);
  }
}

/// A new `TZ`: libc and V8 read the time zone again (Node does the same), so `Date`
/// follows `process.env.TZ` at once.
fn time_zone_changed(scope: &mut v8::PinScope) {
  unsafe extern "C" {
    fn tzset();
  }
  // SAFETY: tzset only re-reads TZ; JS runs on this one thread.
  unsafe { tzset() };
  scope.date_time_configuration_change_notification(v8::TimeZoneDetection::Redetect);
}

fn env_delete<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  if key.is_empty() || key.contains('=') || key.contains('\0') {
    return;
  }
  unsafe { std::env::remove_var(&key) };
  if key == "TZ" {
    time_zone_changed(scope);
  }
}

fn env_keys<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let keys: Vec<String> = std::env::vars_os().map(|(k, _)| k.to_string_lossy().into_owned()).collect();
  let arr = string_array(scope, &keys);
  rv.set(arr.into());
}

/// Monotonic clock in nanoseconds, as a BigInt.
fn hrtime<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
  unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
  let ns = ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
  let b = v8::BigInt::new_from_u64(scope, ns);
  rv.set(b.into());
}

fn rss_bytes() -> f64 {
  let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
  let pages: f64 = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0.0);
  pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64
}

/// `[rss, heapTotal, heapUsed, external, arrayBuffers]`.
fn memory_usage<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let s = scope.get_heap_statistics();
  let vals = [rss_bytes(), s.total_heap_size() as f64, s.used_heap_size() as f64, s.external_memory() as f64, 0.0];
  let vals: Vec<v8::Local<v8::Value>> = vals.iter().map(|v| v8::Number::new(scope, *v).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

/// V8's heap statistics as an object with Node's `v8.getHeapStatistics()` names.
fn heap_statistics<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let h = scope.get_heap_statistics();
  let fields: [(&str, f64); 14] = [
    ("total_heap_size", h.total_heap_size() as f64),
    ("total_heap_size_executable", h.total_heap_size_executable() as f64),
    ("total_physical_size", h.total_physical_size() as f64),
    ("total_available_size", h.total_available_size() as f64),
    ("used_heap_size", h.used_heap_size() as f64),
    ("heap_size_limit", h.heap_size_limit() as f64),
    ("malloced_memory", h.malloced_memory() as f64),
    ("peak_malloced_memory", h.peak_malloced_memory() as f64),
    ("does_zap_garbage", h.does_zap_garbage() as u8 as f64),
    ("number_of_native_contexts", h.number_of_native_contexts() as f64),
    ("number_of_detached_contexts", h.number_of_detached_contexts() as f64),
    ("total_global_handles_size", h.total_global_handles_size() as f64),
    ("used_global_handles_size", h.used_global_handles_size() as f64),
    ("external_memory", h.external_memory() as f64),
  ];
  rv.set(number_object(scope, &fields).into());
}

/// `{ name: number, ... }` from V8's statistics, in the given order.
fn number_object<'s>(scope: &mut v8::PinScope<'s, '_>, fields: &[(&str, f64)]) -> v8::Local<'s, v8::Object> {
  let obj = v8::Object::new(scope);
  for &(k, v) in fields {
    let key = new_string(scope, k);
    let val = v8::Number::new(scope, v);
    obj.set(scope, key.into(), val.into());
  }
  obj
}

/// V8's code and metadata statistics, with Node's `v8.getHeapCodeStatistics()` names.
fn heap_code_statistics<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(h) = scope.get_heap_code_and_metadata_statistics() else { return };
  let fields: [(&str, f64); 4] = [
    ("code_and_metadata_size", h.code_and_metadata_size() as f64),
    ("bytecode_and_metadata_size", h.bytecode_and_metadata_size() as f64),
    ("external_script_source_size", h.external_script_source_size() as f64),
    ("cpu_profiler_metadata_size", h.cpu_profiler_metadata_size() as f64),
  ];
  rv.set(number_object(scope, &fields).into());
}

/// One object per V8 heap space, with Node's `v8.getHeapSpaceStatistics()` names.
fn heap_space_statistics<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let n = scope.number_of_heap_spaces();
  let mut out: Vec<v8::Local<v8::Value>> = Vec::with_capacity(n);
  for i in 0..n {
    let Some(sp) = scope.get_heap_space_statistics(i) else { continue };
    let obj = v8::Object::new(scope);
    let name = sp.space_name().to_string_lossy().into_owned();
    let k = new_string(scope, "space_name");
    let v = new_string(scope, &name);
    obj.set(scope, k.into(), v.into());
    for (k, v) in [
      ("space_size", sp.space_size()),
      ("space_used_size", sp.space_used_size()),
      ("space_available_size", sp.space_available_size()),
      ("physical_space_size", sp.physical_space_size()),
    ] {
      let key = new_string(scope, k);
      let val = v8::Number::new(scope, v as f64);
      obj.set(scope, key.into(), val.into());
    }
    out.push(obj.into());
  }
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}

/// `setV8Flags(flags)`: V8's SetFlagsFromString, effective for what V8 reads later.
fn set_v8_flags<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let flags = string_arg(scope, &args, 0);
  crate::platform::set_flags_from_string(&flags);
}

/// `setUncaughtCapture(active)`: a `process.setUncaughtExceptionCaptureCallback` callback
/// was set or cleared; while one is set, `--abort-on-uncaught-exception` does not abort.
fn set_uncaught_capture<'s>(_scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  crate::platform::set_uncaught_capture(args.get(0).is_true());
}

fn cached_data_version_tag<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  rv.set_uint32(v8::script_compiler::cached_data_version_tag());
}

/// `[user, system]` CPU time in microseconds.
fn cpu_usage<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
  unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
  let user = ru.ru_utime.tv_sec as f64 * 1e6 + ru.ru_utime.tv_usec as f64;
  let sys = ru.ru_stime.tv_sec as f64 * 1e6 + ru.ru_stime.tv_usec as f64;
  let u = v8::Number::new(scope, user).into();
  let s = v8::Number::new(scope, sys).into();
  let arr = v8::Array::new_with_elements(scope, &[u, s]);
  rv.set(arr.into());
}

fn really_exit<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let code = args.get(0).int32_value(scope).unwrap_or(0);
  // A snapshot build's warm-up: the exit ends the warm-up run (its context is thrown
  // away), not the build.
  if let Some(w) = state(scope).borrow_mut().warmup.as_mut() {
    w.exit_code = Some(code);
    scope.terminate_execution();
    return;
  }
  crate::errors::exit_isolate(scope, code);
}

fn umask<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let old = if args.get(0).is_undefined() {
    let old = unsafe { libc::umask(0) };
    unsafe { libc::umask(old) };
    old
  } else {
    let mask = args.get(0).uint32_value(scope).unwrap_or(0o22);
    unsafe { libc::umask(mask as libc::mode_t) }
  };
  rv.set_uint32(old);
}

/// `[uid, gid, euid, egid]`.
fn ids<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let v = unsafe { [libc::getuid(), libc::getgid(), libc::geteuid(), libc::getegid()] };
  let vals: Vec<v8::Local<v8::Value>> = v.iter().map(|x| v8::Integer::new_from_unsigned(scope, *x).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

fn kill<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let pid = args.get(0).int32_value(scope).unwrap_or(0);
  let sig = args.get(1).int32_value(scope).unwrap_or(libc::SIGTERM);
  if unsafe { libc::kill(pid, sig) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "kill", None, None);
  }
}

/// `[amberVersion, v8Version]`.
fn versions<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let a = new_string(scope, env!("CARGO_PKG_VERSION")).into();
  let v = new_string(scope, v8::V8::get_version()).into();
  let arr = v8::Array::new_with_elements(scope, &[a, v]);
  rv.set(arr.into());
}
