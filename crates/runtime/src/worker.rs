//! Worker threads: one OS thread per `Worker`, each with its own isolate, context,
//! tokio runtime and event loop, started from amber's embedded runtime snapshot (the
//! one the main thread starts from), never by running the bootstrap of `lib/` again.
//!
//! What is per isolate lives in `State` (timers, ops, modules, compile cache, hooks);
//! what is per process stays with the main thread: signal handlers, stdio descriptors
//! and terminal modes, the process exit. A worker talks to its parent only through
//! message ports (`bindings::messaging`) and, at its end, one `Exit` event on the
//! parent's event channel. `WorkerCtl` is the one object both threads hold: the parent
//! terminates through it (V8's `TerminateExecution` plus a wake-up of the worker's
//! loop), the worker records `process.exit` and running out of heap in it.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::runtime::{HookArg, JsRuntime, RuntimeOptions};
use crate::state::{Mode, OpResult};

type EventTx = tokio::sync::mpsc::UnboundedSender<(u32, OpResult)>;

/// Shared between a worker and its parent.
pub struct WorkerCtl {
  pub thread_id: u32,
  /// The parent called `terminate()`.
  terminated: AtomicBool,
  /// `process.exit()` or an uncaught exception in the worker: stop running JS.
  exiting: AtomicBool,
  exit_code: AtomicI32,
  /// The heap limit was reached (`resourceLimits`).
  pub out_of_memory: AtomicBool,
  /// `resourceLimits` set heap limits: the near-heap-limit callback watches them.
  heap_limited: bool,
  /// Why the worker could not start (its runtime could not be created: no file
  /// descriptors or threads left, ...), for ERR_WORKER_INIT_FAILED.
  pub init_error: Mutex<Option<String>>,
  /// The lowest stack address the worker's JS may use (V8's stack limit): its
  /// `resourceLimits.stackSizeMb` below the top of its thread's stack, as in Node, whatever
  /// V8's `--stack-size` says. Set by the worker thread as it starts.
  stack_limit: AtomicUsize,
  /// The worker's isolate and event channel, once it exists.
  handle: Mutex<Option<(v8::IsolateHandle, EventTx)>>,
  /// `trackUnmanagedFds`: the descriptors the worker opened through `fs.open`/`openSync`
  /// and has not closed; the thread closes them when it ends, as Node's.
  unmanaged_fds: Mutex<std::collections::HashSet<i32>>,
}

impl WorkerCtl {
  /// For the worker's isolate; 0 before its thread started.
  pub fn stack_limit(&self) -> usize {
    self.stack_limit.load(Ordering::SeqCst)
  }

  pub fn stopping(&self) -> bool {
    self.terminated.load(Ordering::SeqCst) || self.exiting.load(Ordering::SeqCst)
  }

  /// Records `fd` as opened (`opened`) or closed by the worker; false when that
  /// contradicts what was recorded (opened twice, closed but never opened).
  pub fn track_fd(&self, fd: i32, opened: bool) -> bool {
    let mut fds = self.unmanaged_fds.lock().unwrap();
    if opened { fds.insert(fd) } else { fds.remove(&fd) }
  }

  /// At the thread's end: closes what the worker left open (`track_fd`).
  fn close_unmanaged_fds(&self) {
    for fd in self.unmanaged_fds.lock().unwrap().drain() {
      // SAFETY: a descriptor the worker opened and still owned; nothing else uses it now.
      unsafe { libc::close(fd) };
    }
  }

  /// From the parent: interrupt running JS and wake the worker's loop.
  pub fn terminate(&self) {
    self.terminated.store(true, Ordering::SeqCst);
    self.interrupt();
  }

  /// From the worker itself (`process.exit`, uncaught exception): ends the worker with
  /// `code` once the JS stack unwinds.
  pub fn exit(&self, code: i32) {
    if !self.exiting.swap(true, Ordering::SeqCst) {
      self.exit_code.store(code, Ordering::SeqCst);
    }
    self.interrupt();
  }

  fn interrupt(&self) {
    if let Some((isolate, tx)) = &*self.handle.lock().unwrap() {
      isolate.terminate_execution();
      let _ = tx.send((0, OpResult::Signal));
    }
  }
}

static RUNTIME_SNAPSHOT: OnceLock<&'static [u8]> = OnceLock::new();
static WORKER_SOURCE: OnceLock<WorkerSource> = OnceLock::new();
static NEXT_THREAD_ID: AtomicU32 = AtomicU32::new(1);

/// The CLI's parser of a worker's options (`execArgv`, or with `true` the `NODE_OPTIONS`
/// of its `env`, one string): the Node options it runs with, or what it cannot have.
pub type OptionParser = fn(&[String], bool) -> Result<Vec<String>, String>;
static OPTION_PARSER: OnceLock<OptionParser> = OnceLock::new();

/// Set once at start by the CLI, which knows Node's options.
pub fn set_option_parser(parser: OptionParser) {
  let _ = OPTION_PARSER.set(parser);
}

/// A worker's options through the CLI's parser; without one (an embedder), as given.
pub fn parse_options(args: &[String], from_env: bool) -> Result<Vec<String>, String> {
  match OPTION_PARSER.get() {
    Some(parse) => parse(args, from_env),
    None => Ok(args.to_vec()),
  }
}

/// The embedded runtime snapshot workers start from (the CLI's, set once at start).
pub fn set_runtime_snapshot(bytes: &'static [u8]) {
  let _ = RUNTIME_SNAPSHOT.set(bytes);
}

/// Where a worker's isolate comes from.
pub enum WorkerSource {
  /// The process was restored from an application snapshot: V8 shares the read-only
  /// heap between a process's isolates, so workers come from the same blob, from its
  /// worker context (lib/ bootstrapped at build time, no user code), or from the
  /// context prebuilt for the worker's script (`scripts`, docs/workers-in-snapshots.md).
  Application { blob: &'static [u8], context: Option<(usize, usize)>, scripts: Vec<crate::snapshot::WorkerScript> },
}

/// The prebuilt worker context a worker of the script `filename` starts from, if the snapshot has one for it and the worker's start does not
/// need what its top level read at build time: `given` names the per-worker facts this
/// worker is given (`workerData`, `environmentData`).
pub fn prebuilt_context(filename: &str, given: &[String]) -> Option<&'static crate::snapshot::WorkerScript> {
  let Some(WorkerSource::Application { scripts, context: Some(_), .. }) = WORKER_SOURCE.get() else { return None };
  let w = scripts.iter().find(|w| w.path == filename)?;
  if w.reads.iter().any(|r| given.contains(r)) {
    return None;
  }
  Some(w)
}

pub fn set_worker_source(source: WorkerSource) {
  let _ = WORKER_SOURCE.set(source);
}

/// Why no worker can start in this process, if so.
pub fn unavailable() -> Option<&'static str> {
  match WORKER_SOURCE.get() {
    Some(WorkerSource::Application { context: None, .. }) => {
      Some("Cannot start a worker: this process was restored from a snapshot built without a worker context (it gets one when the application loads worker_threads while the snapshot is built)")
    }
    _ => None,
  }
}

/// Everything a worker thread needs to start.
pub struct WorkerConfig {
  pub port: u64,
  pub argv: Vec<String>,
  pub exec_argv: Vec<String>,
  pub node_options: Vec<String>,
  pub exec_path: String,
  /// `(maxYoungGenerationSizeMb, maxOldGenerationSizeMb)`, -1 when not given (V8's default).
  pub heap_mb: (f64, f64),
  pub stack_mb: f64,
  pub parent_tx: EventTx,
  pub exit_op: u32,
  /// The prebuilt worker context to start from (`prebuilt_context`), if any.
  pub prebuilt: Option<&'static crate::snapshot::WorkerScript>,
}

/// Starts a worker thread; returns its control object (with its thread id).
pub fn spawn(cfg: WorkerConfig) -> std::io::Result<Arc<WorkerCtl>> {
  let thread_id = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
  let ctl = Arc::new(WorkerCtl {
    thread_id,
    terminated: AtomicBool::new(false),
    exiting: AtomicBool::new(false),
    exit_code: AtomicI32::new(0),
    out_of_memory: AtomicBool::new(false),
    heap_limited: cfg.heap_mb.0 >= 0.0 || cfg.heap_mb.1 >= 0.0,
    init_error: Mutex::new(None),
    stack_limit: AtomicUsize::new(0),
    handle: Mutex::new(None),
    unmanaged_fds: Mutex::new(std::collections::HashSet::new()),
  });
  let worker_ctl = ctl.clone();
  // V8's own stack limit stays below the thread's: room for native frames on top.
  let stack = ((cfg.stack_mb.max(1.0) + 4.0) * 1024.0 * 1024.0) as usize;
  // The JS part: `stackSizeMb` less Node's 192 KiB buffer (at least 64 KiB).
  let js_stack = ((cfg.stack_mb * 1024.0 * 1024.0) as usize).saturating_sub(192 * 1024).max(64 * 1024);
  std::thread::Builder::new().name(format!("amber-worker-{thread_id}")).stack_size(stack).spawn(move || {
    let top = 0u8;
    let top = std::ptr::addr_of!(top) as usize;
    worker_ctl.stack_limit.store(top.saturating_sub(js_stack), Ordering::SeqCst);
    let (parent_tx, exit_op) = (cfg.parent_tx.clone(), cfg.exit_op);
    // A failure to create the runtime is the worker's initialization failure, reported
    // to the parent, never a hang (`run` returns -2; a panic, in debug builds, too).
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cfg, &worker_ctl)));
    crate::bindings::messaging_close_owned(thread_id);
    worker_ctl.close_unmanaged_fds();
    let (code, why) = match ran {
      // Out of heap while it started (a tiny `resourceLimits`): that, not a failed start.
      _ if worker_ctl.out_of_memory.load(Ordering::SeqCst) => (1, 1),
      Ok(-2) => (1, 2),
      Ok(code) => (code, if worker_ctl.out_of_memory.load(Ordering::SeqCst) { 1 } else { 0 }),
      Err(panic) => {
        let msg = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
        let code = if msg.contains("Too many open files") { "EMFILE".to_string() } else { msg };
        *worker_ctl.init_error.lock().unwrap() = Some(code);
        (1, 2)
      }
    };
    let _ = parent_tx.send((exit_op, OpResult::Exit(code, why)));
  })?;
  Ok(ctl)
}

unsafe extern "C" {
  // `void v8::Isolate::SetStackLimit(uintptr_t)`, which rusty_v8 does not bind (the
  // `stack_limit` of CreateParams is overwritten when V8 initializes the isolate's
  // thread). A non-virtual member function: the isolate is its first argument.
  #[link_name = "_ZN2v87Isolate13SetStackLimitEm"]
  fn v8__Isolate__SetStackLimit(isolate: *mut std::ffi::c_void, limit: usize);
  // `void v8::Isolate::SetAbortOnUncaughtExceptionCallback(bool (*)(v8::Isolate*))`,
  // which rusty_v8 does not bind either.
  #[link_name = "_ZN2v87Isolate35SetAbortOnUncaughtExceptionCallbackEPFbPS0_E"]
  fn v8__Isolate__SetAbortOnUncaughtExceptionCallback(isolate: *mut std::ffi::c_void, cb: extern "C" fn(*mut std::ffi::c_void) -> bool);
}

thread_local! {
  /// The worker this thread runs, for V8's abort-on-uncaught callback.
  static THIS_WORKER: std::cell::RefCell<Option<Arc<WorkerCtl>>> = const { std::cell::RefCell::new(None) };
  /// How many `no_abort_scope`s this thread is inside.
  static NO_ABORT_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// V8 asks, with `--abort-on-uncaught-exception`, whether an uncaught exception aborts
/// the process: not inside a `no_abort_scope`, and in a worker not once it is stopping
/// (the termination that `terminate()` or `process.exit()` throws), as Node answers.
extern "C" fn should_abort_on_uncaught(_isolate: *mut std::ffi::c_void) -> bool {
  NO_ABORT_DEPTH.with(|d| d.get() == 0) && THIS_WORKER.with(|w| w.borrow().as_ref().is_none_or(|ctl| !ctl.stopping()))
}

/// Runs `f` where an exception V8 predicts only native code catches (a binding's
/// TryCatch that decorates and rethrows it) does not abort under
/// `--abort-on-uncaught-exception`, as Node's ShouldNotAbortOnUncaughtScope.
pub(crate) fn no_abort_scope<R>(f: impl FnOnce() -> R) -> R {
  NO_ABORT_DEPTH.with(|d| d.set(d.get() + 1));
  let r = f();
  NO_ABORT_DEPTH.with(|d| d.set(d.get() - 1));
  r
}

/// Installs `should_abort_on_uncaught` for the isolate of this thread (main or worker).
pub(crate) fn install_abort_on_uncaught_callback(isolate: &mut v8::Isolate) {
  // SAFETY: as in `set_stack_limit`; the callback is a plain function for the isolate's life.
  unsafe {
    let raw = *(isolate as *const v8::Isolate as *const *mut std::ffi::c_void);
    v8__Isolate__SetAbortOnUncaughtExceptionCallback(raw, should_abort_on_uncaught);
  }
}

fn watch_abort_on_uncaught(isolate: &mut v8::Isolate, ctl: &Arc<WorkerCtl>) {
  THIS_WORKER.with(|w| *w.borrow_mut() = Some(ctl.clone()));
  install_abort_on_uncaught_callback(isolate);
}

/// The worker's JS stack ends at `limit` (an address of this thread's stack), whatever
/// V8's `--stack-size` says, as Node does for `resourceLimits.stackSizeMb`.
fn set_stack_limit(isolate: &mut v8::Isolate, limit: usize) {
  if limit == 0 {
    return;
  }
  // SAFETY: `v8::Isolate` is a transparent wrapper of the isolate's address (as in
  // crates/napi); the isolate runs on this thread, whose stack holds `limit`.
  unsafe {
    let raw = *(isolate as *const v8::Isolate as *const *mut std::ffi::c_void);
    v8__Isolate__SetStackLimit(raw, limit);
  }
}

extern "C" fn near_heap_limit(data: *mut std::ffi::c_void, current: usize, _initial: usize) -> usize {
  // SAFETY: `data` is the `WorkerCtl` the worker thread keeps alive while its isolate lives.
  let ctl = unsafe { &*(data as *const WorkerCtl) };
  ctl.out_of_memory.store(true, Ordering::SeqCst);
  ctl.terminate();
  // Room to unwind the stack after the termination (Node gives 16 MiB more).
  current.saturating_mul(2).max(current + 16 * 1024 * 1024)
}

/// Watches a worker's heap limits from the isolate's creation on (a tiny limit is
/// reached while the runtime restores), so that reaching them ends the worker with
/// ERR_WORKER_OUT_OF_MEMORY instead of V8's fatal out-of-memory error, which aborts the
/// process.
pub(crate) fn watch_heap_limit(isolate: &mut v8::Isolate, ctl: &Arc<WorkerCtl>) {
  if ctl.heap_limited {
    // The state in the isolate's slot holds `ctl` as long as the isolate lives.
    isolate.add_near_heap_limit_callback(near_heap_limit, Arc::as_ptr(ctl) as *mut std::ffi::c_void);
  }
}

fn run(cfg: WorkerConfig, ctl: &Arc<WorkerCtl>) -> i32 {
  if ctl.stopping() {
    return 1;
  }
  // The runtime's tokio reactor needs descriptors: without them the worker fails to
  // start (ERR_WORKER_INIT_FAILED in the parent) instead of panicking (release builds
  // abort on panic).
  match tokio::runtime::Builder::new_current_thread().enable_all().build() {
    Ok(rt) => crate::runtime::PREBUILT_TOKIO.with(|t| *t.borrow_mut() = Some(rt)),
    Err(e) => {
      let code = match e.raw_os_error() {
        Some(libc::EMFILE) => "EMFILE".to_string(),
        Some(libc::ENFILE) => "ENFILE".to_string(),
        _ => e.to_string(),
      };
      *ctl.init_error.lock().unwrap() = Some(code);
      return -2;
    }
  }
  // Not given: -1; given as 0: V8's smallest (one byte, which V8 rounds up).
  let mb = |v: f64| if v < 0.0 { 0 } else { ((v * 1024.0 * 1024.0) as usize).max(1) };
  let heap_limits = if ctl.heap_limited { Some((mb(cfg.heap_mb.0), mb(cfg.heap_mb.1))) } else { None };
  let opts = RuntimeOptions {
    mode: Mode::Run,
    argv: cfg.argv,
    exec_argv: cfg.exec_argv,
    node_options: cfg.node_options,
    exec_path: cfg.exec_path,
    v8_flags: Vec::new(),
    startup_snapshot: RUNTIME_SNAPSHOT.get().copied(),
    worker: Some(ctl.clone()),
    heap_limits,
  };
  let mut rt = match WORKER_SOURCE.get() {
    None => JsRuntime::new(opts),
    Some(WorkerSource::Application { blob, context: Some((context, hooks)), .. }) => {
      let created = match cfg.prebuilt {
        Some(w) => JsRuntime::from_snapshot_context(opts, blob, w.context, w.hooks, Some(&w.module_map())),
        None => JsRuntime::from_snapshot_context(opts, blob, *context, *hooks, None),
      };
      match created {
        Ok(mut rt) => {
          // A prebuilt script's deserialize callbacks run in `workerMain`, after the
          // worker's facts are installed.
          rt.call_hook("afterRestore", &[HookArg::Bool(cfg.prebuilt.is_some())], |_, _| ());
          rt
        }
        Err(e) => {
          let _ = crate::bindings::helpers::write_stderr(format!("amber: cannot start a worker: {e}\n").as_bytes());
          return 1;
        }
      }
    }
    Some(WorkerSource::Application { context: None, .. }) => {
      let _ = crate::bindings::helpers::write_stderr(b"amber: cannot start a worker: the snapshot has no worker context (it gets one when the application loads worker_threads while the snapshot is built)\n");
      return 1;
    }
  };
  // A limit smaller than what the restored runtime already uses: the worker ran out of
  // memory while it started (ERR_WORKER_OUT_OF_MEMORY), as in Node.
  if let Some((young, old)) = heap_limits.filter(|&(_, old)| old > 0) {
    let stats = rt.isolate.as_mut().unwrap().get_heap_statistics();
    if stats.used_heap_size() > young + old {
      ctl.out_of_memory.store(true, Ordering::SeqCst);
      return 1;
    }
  }
  {
    let isolate = rt.isolate.as_mut().unwrap();
    let tx = rt.state.borrow().events_tx.clone();
    *ctl.handle.lock().unwrap() = Some((isolate.thread_safe_handle(), tx));
    set_stack_limit(isolate, ctl.stack_limit());
    watch_abort_on_uncaught(isolate, ctl);
  }
  if !ctl.stopping() {
    rt.macrotask("workerMain", &[HookArg::Num(cfg.port as f64)]);
  }
  if !ctl.stopping() {
    rt.run_event_loop(false);
  }
  let code = if ctl.terminated.load(Ordering::SeqCst) {
    1
  } else if ctl.exiting.load(Ordering::SeqCst) {
    ctl.exit_code.load(Ordering::SeqCst)
  } else {
    rt.emit_exit()
  };
  *ctl.handle.lock().unwrap() = None;
  drop(rt);
  code
}
