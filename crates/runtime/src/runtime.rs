//! `JsRuntime`: one isolate, one main context, the bootstrap of `lib/`, and the calls
//! from Rust into the JS hooks. Exceptions that reach Rust are routed through
//! `process.on('uncaughtException')` and otherwise reported by `errors`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

use crate::state::{Hooks, Mode, State, StateRef};

/// The smallest heap limit a runtime is created with (see `JsRuntime::limits`): about
/// four times what the restored runtime snapshot occupies (2.1 MiB).
pub(crate) const MIN_HEAP_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone)]
pub struct RuntimeOptions {
  pub mode: Mode,
  /// `process.argv`: `[execPath, script, ...args]`.
  pub argv: Vec<String>,
  pub exec_argv: Vec<String>,
  /// Node options lib/ acts on (`NODE_OPTIONS` then the command line), `--name[=value]`.
  pub node_options: Vec<String>,
  pub exec_path: String,
  pub v8_flags: Vec<String>,
  /// The runtime's own startup snapshot (see `create_runtime_snapshot`). Used when it
  /// matches this binary and the V8 flags; otherwise `lib/` is bootstrapped from source.
  pub startup_snapshot: Option<&'static [u8]>,
  /// Set for a worker thread's runtime (`crate::worker`).
  pub worker: Option<std::sync::Arc<crate::worker::WorkerCtl>>,
  /// `(young, old)` generation limits in bytes (a worker's `resourceLimits`).
  pub heap_limits: Option<(usize, usize)>,
}

thread_local! {
  /// A tokio runtime built ahead by a worker thread (`crate::worker`), taken by the
  /// next `JsRuntime` created on this thread.
  pub(crate) static PREBUILT_TOKIO: RefCell<Option<tokio::runtime::Runtime>> = const { RefCell::new(None) };
}

pub struct JsRuntime {
  // Field order matters: the context must be dropped before the isolate.
  pub(crate) context: Option<v8::Global<v8::Context>>,
  pub(crate) isolate: Option<v8::OwnedIsolate>,
  pub(crate) state: StateRef,
  /// Shut down in the background on drop: a blocking stdin read must not hold up exit.
  pub(crate) tokio: std::mem::ManuallyDrop<tokio::runtime::Runtime>,
}

extern "C" fn promise_reject_callback(msg: v8::PromiseRejectMessage) {
  v8::callback_scope!(unsafe scope, &msg);
  let hooks = crate::state::hooks(scope);
  let event = match msg.get_event() {
    v8::PromiseRejectEvent::PromiseRejectWithNoHandler => 0,
    v8::PromiseRejectEvent::PromiseHandlerAddedAfterReject => 1,
    _ => return,
  };
  let promise: v8::Local<v8::Value> = msg.get_promise().into();
  let value = msg.get_value().unwrap_or_else(|| v8::undefined(scope).into());
  let f = v8::Local::new(scope, &hooks.promise_reject);
  let recv = v8::undefined(scope).into();
  let ev = v8::Integer::new(scope, event).into();
  f.call(scope, recv, &[ev, promise, value]);
}

impl JsRuntime {
  pub(crate) fn new_state(opts: &RuntimeOptions, tokio: &tokio::runtime::Runtime) -> StateRef {
    let (events_tx, events_rx) = tokio::sync::mpsc::unbounded_channel();
    Rc::new(RefCell::new(State {
      events_tx,
      events_rx: Some(events_rx),
      children: Default::default(),
      net: Default::default(),
      op_refs: Default::default(),
      fs_ops: 0,
      settling_ops: Default::default(),
      build_holds: 0,
      signal_watches: 0,
      next_child: 0,
      mode: opts.mode,
      argv: opts.argv.clone(),
      exec_argv: opts.exec_argv.clone(),
      node_options: opts.node_options.clone(),
      exec_path: opts.exec_path.clone(),
      // The main thread's time origin is the process's start (performance.timeOrigin,
      // nodeTiming.nodeStart); a worker's is its own start, as in Node.
      origin: if opts.worker.is_some() { Instant::now() } else { crate::platform::process_start() },
      timer_deadline: None,
      timer_refed: false,
      immediate_count: 0,
      immediate_refed: 0,
      ops: tokio::task::JoinSet::new(),
      tokio: tokio.handle().clone(),
      hooks: None,
      modules: Default::default(),
      compile_cache: Default::default(),
      thread_id: opts.worker.as_ref().map_or(0, |w| w.thread_id),
      worker: opts.worker.clone(),
      workers: Default::default(),
      warmup: None,
      environment: Instant::now(),
      bootstrap_complete: None,
      loop_start: None,
      loop_exit: None,
      idle: std::time::Duration::ZERO,
      vm_microtask_queues: Vec::new(),
      read_slab: None,
    }))
  }

  pub(crate) fn new_tokio() -> tokio::runtime::Runtime {
    // A worker thread builds its runtime first, where a failure can be reported.
    if let Some(rt) = PREBUILT_TOKIO.with(|t| t.borrow_mut().take()) {
      return rt;
    }
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime")
  }

  /// Applies `heap_limits` (a worker's `resourceLimits`) to the isolate's parameters.
  /// The heap a worker's `resourceLimits` allow, never below `MIN_HEAP_BYTES`: V8 must be
  /// able to deserialize the runtime snapshot, or it fails fatally (for the whole
  /// process) before any callback can turn that into the worker's out-of-memory error.
  /// A limit below what the runtime needs is enforced once it exists (worker.rs,
  /// `over_requested_limit`).
  pub(crate) fn limits(params: v8::CreateParams, opts: &RuntimeOptions) -> v8::CreateParams {
    match opts.heap_limits {
      Some((young, old)) => {
        let max = if old > 0 { old + young } else { 0 };
        if max > 0 { params.heap_limits(0, max.max(MIN_HEAP_BYTES)) } else { params }
      }
      None => params,
    }
  }

  pub(crate) fn configure_isolate(isolate: &mut v8::Isolate, state: &StateRef) {
    isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
    isolate.set_oom_error_handler(crate::errors::out_of_memory);
    isolate.set_promise_reject_callback(promise_reject_callback);
    isolate.set_host_import_module_dynamically_callback(crate::esm::dynamic_import);
    isolate.set_host_initialize_import_meta_object_callback(crate::esm::import_meta);
    isolate.set_allow_wasm_code_generation_callback(crate::bindings::vm::allow_wasm_code_generation);
    isolate.set_wasm_streaming_callback(crate::bindings::wasm_web_api::callback);
    isolate.set_host_create_shadow_realm_context_callback(crate::bindings::shadow_realm::create_context);
    // --trace-uncaught: V8 keeps where an uncaught value was thrown, for the report's
    // "Thrown at:" (errors.rs), as Node has it do.
    if state.borrow().node_options.iter().any(|o| o == "--trace-uncaught") {
      isolate.set_capture_stack_trace_for_uncaught_exceptions(true, 10);
    }
    isolate.set_slot(state.clone());
    if let Some(ctl) = state.borrow().worker.clone() {
      crate::worker::watch_heap_limit(isolate, &ctl);
    } else {
      crate::worker::install_abort_on_uncaught_callback(isolate);
    }
  }

  /// Creates a runtime: from the embedded startup snapshot when it is usable, else with
  /// a fresh context and the bootstrap of `lib/` run from source.
  pub fn new(opts: RuntimeOptions) -> JsRuntime {
    crate::platform::init_v8(&opts.v8_flags);
    if let Some(bytes) = opts.startup_snapshot {
      // `from_verified_snapshot` checks that it suits this binary and its V8 flags.
      if let Ok(snap) = crate::snapshot::load_embedded(bytes) {
        if let Ok(mut rt) = Self::from_verified_snapshot(RuntimeOptions { startup_snapshot: None, ..opts.clone() }, &snap) {
          rt.call_hook("afterRestore", &[], |_, _| ());
          return rt;
        }
      }
    }
    Self::from_source(opts)
  }

  /// Creates a runtime with a fresh context and runs the bootstrap of `lib/`.
  pub fn from_source(opts: RuntimeOptions) -> JsRuntime {
    crate::platform::init_v8(&opts.v8_flags);
    let tokio = Self::new_tokio();
    let state = Self::new_state(&opts, &tokio);
    let registry = crate::registry::global();
    let params = Self::limits(v8::CreateParams::default().external_references(registry.external_references()), &opts);
    let mut isolate = v8::Isolate::new(params);
    Self::configure_isolate(&mut isolate, &state);
    let context = {
      v8::scope!(let scope, &mut isolate);
      let context = v8::Context::new(scope, Default::default());
      let scope = &mut v8::ContextScope::new(scope, context);
      let hooks = bootstrap(scope).expect("bootstrap of lib/ failed");
      install_hooks(scope, &state, hooks);
      v8::Global::new(scope, context)
    };
    JsRuntime { context: Some(context), isolate: Some(isolate), state, tokio: std::mem::ManuallyDrop::new(tokio) }
  }

  /// Calls `hooks.<name>(...args)`; uncaught exceptions are reported. Returns the result
  /// as a Rust value through `map`.
  pub fn call_hook<R>(
    &mut self,
    name: &str,
    args: &[HookArg],
    map: impl for<'s> FnOnce(&mut v8::PinScope<'s, '_>, v8::Local<'s, v8::Value>) -> R,
  ) -> Option<R> {
    let isolate = self.isolate.as_mut().unwrap();
    v8::scope!(let scope, isolate);
    let ctx = v8::Local::new(scope, self.context.as_ref().unwrap());
    let scope = &mut v8::ContextScope::new(scope, ctx);
    call_hook_in(scope, name, args, map)
  }

  /// Runs one macrotask hook, then the nextTick and microtask queues.
  pub fn macrotask(&mut self, name: &str, args: &[HookArg]) {
    self.call_hook(name, args, |_, _| ());
    self.call_hook("runTicks", &[], |_, _| ());
    if crate::bindings::gc_observer::pending() {
      self.deliver_gc_entries();
    }
  }

  /// Hands the collections timed for 'gc' performance entries to JS (`gcEntries`), as
  /// `[startTime, duration, kind, flags, ...]` in `performance.now()` milliseconds.
  fn deliver_gc_entries(&mut self) {
    let origin = self.state.borrow().origin;
    let list = crate::bindings::gc_observer::take()
      .into_iter()
      .flat_map(|e| {
        let start = e.start.saturating_duration_since(origin).as_secs_f64() * 1000.0;
        [HookArg::Num(start), HookArg::Num(e.duration_ms), HookArg::Num(e.kind as f64), HookArg::Num(e.flags as f64)]
      })
      .collect();
    self.call_hook("gcEntries", &[HookArg::List(list)], |_, _| ());
    self.call_hook("runTicks", &[], |_, _| ());
  }

  pub fn state(&self) -> &StateRef {
    &self.state
  }
}

impl Drop for JsRuntime {
  fn drop(&mut self) {
    // Streaming wasm compilations still in flight end while their isolate lives.
    crate::bindings::wasm_web_api::drop_streams();
    // SAFETY: `tokio` is not used after this point.
    unsafe { std::mem::ManuallyDrop::take(&mut self.tokio) }.shutdown_background();
    // A snapshot-creator isolate may only end through create_blob; a build that
    // fails before that point is about to exit, so the isolate is left to the OS.
    if self.state.borrow().mode == crate::state::Mode::BuildSnapshot {
      self.context.take();
      self.state.borrow_mut().hooks = None;
      if let Some(isolate) = self.isolate.take() {
        std::mem::forget(isolate);
      }
    }
  }
}

/// True once `install_hooks` ran for this isolate (false during the bootstrap of lib/).
pub(crate) fn has_hooks(isolate: &v8::Isolate) -> bool {
  crate::state::state(isolate).borrow().hooks.is_some()
}

/// Arguments Rust passes to hooks.
pub enum HookArg {
  Str(String),
  /// An ASCII name (an event's kind), passed as an internalized string.
  Name(&'static str),
  Num(f64),
  Bool(bool),
  Bytes(Vec<u8>),
  /// A socket's read: a small one as a number, `offset * READ_SLAB + length` in the
  /// current read slab (JS views it as a Buffer, as Buffer.allocUnsafe views its pool),
  /// a bigger one as a bare ArrayBuffer of its own (`read_value`).
  Read(Vec<u8>),
  Null,
  Error(std::io::Error, &'static str),
  Pair(f64, f64),
  /// A JS array of the values (network events: `['connect', ...]`).
  List(Vec<HookArg>),
  /// A file-system job's `[err, value]` (taken once, when the hook is called).
  Fs(std::cell::RefCell<Option<crate::bindings::fs::FsResult>>),
}

fn hook_arg_value<'s>(scope: &mut v8::PinScope<'s, '_>, a: &HookArg) -> v8::Local<'s, v8::Value> {
  match a {
    HookArg::Str(s) => v8::String::new(scope, s).unwrap().into(),
    HookArg::Name(s) => v8::String::new_from_one_byte(scope, s.as_bytes(), v8::NewStringType::Internalized).unwrap().into(),
    HookArg::Num(n) => v8::Number::new(scope, *n).into(),
    HookArg::Bool(b) => v8::Boolean::new(scope, *b).into(),
    // One copy, into memory V8 allocates (cheaper than a second Vec and an external
    // backing store for the small reads a server sees).
    HookArg::Bytes(b) => {
      let ab = array_buffer_of(scope, b);
      v8::Uint8Array::new(scope, ab, 0, b.len()).unwrap().into()
    }
    HookArg::Read(b) => read_value(scope, b),
    HookArg::Null => v8::null(scope).into(),
    HookArg::Error(e, syscall) => crate::bindings::helpers::io_error(scope, e, syscall, None, None),
    HookArg::Pair(a, b) => {
      let a = v8::Number::new(scope, *a).into();
      let b = v8::Number::new(scope, *b).into();
      v8::Array::new_with_elements(scope, &[a, b]).into()
    }
    HookArg::Fs(r) => match r.borrow_mut().take() {
      Some(r) => crate::bindings::fs::result_to_js(scope, r),
      None => v8::undefined(scope).into(),
    },
    HookArg::List(items) => {
      let vals: Vec<v8::Local<v8::Value>> = items.iter().map(|i| hook_arg_value(scope, i)).collect();
      v8::Array::new_with_elements(scope, &vals).into()
    }
  }
}

/// One copy, into memory V8 allocates (cheaper than a second Vec and an external
/// backing store for the small reads a server sees).
fn array_buffer_of<'s>(scope: &mut v8::PinScope<'s, '_>, b: &[u8]) -> v8::Local<'s, v8::ArrayBuffer> {
  let ab = v8::ArrayBuffer::new(scope, b.len());
  if let Some(p) = ab.data() {
    // SAFETY: the new buffer is `b.len()` bytes long and not shared yet.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p.as_ptr() as *mut u8, b.len()) };
  }
  ab
}

/// Size of a read slab, and the largest read copied into one (Node's Buffer pool sizes):
/// a server's small reads cost no allocation of their own (an ArrayBuffer of its own is
/// three mallocs, and sweeping it later), and a chunk a program keeps holds at most
/// one slab.
const READ_SLAB: usize = 8192;
const READ_SLAB_MAX: usize = READ_SLAB / 2;

fn read_value<'s>(scope: &mut v8::PinScope<'s, '_>, b: &[u8]) -> v8::Local<'s, v8::Value> {
  if b.len() > READ_SLAB_MAX {
    return array_buffer_of(scope, b).into();
  }
  let state = crate::state::state(scope);
  let current = state.borrow().read_slab.as_ref().filter(|(_, used)| used + b.len() <= READ_SLAB).map(|(ab, used)| (v8::Local::new(scope, ab), *used));
  let (ab, at) = match current {
    Some(c) => c,
    None => {
      let ab = v8::ArrayBuffer::new(scope, READ_SLAB);
      state.borrow_mut().read_slab = Some((v8::Global::new(scope, ab), 0));
      let hooks = crate::state::hooks(scope);
      let f = v8::Local::new(scope, &hooks.set_read_slab);
      let recv = v8::undefined(scope).into();
      f.call(scope, recv, &[ab.into()]);
      (ab, 0)
    }
  };
  if let Some(p) = ab.data() {
    // SAFETY: `at..at + len` lies in the slab (checked above) and was never handed out.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), (p.as_ptr() as *mut u8).add(at), b.len()) };
  }
  if let Some((_, used)) = state.borrow_mut().read_slab.as_mut() {
    *used = at + b.len();
  }
  v8::Integer::new(scope, (at * READ_SLAB + b.len()) as i32).into()
}

pub(crate) fn call_hook_in<'s, R>(
  scope: &mut v8::PinScope<'s, '_>,
  name: &str,
  args: &[HookArg],
  map: impl for<'a> FnOnce(&mut v8::PinScope<'a, '_>, v8::Local<'a, v8::Value>) -> R,
) -> Option<R> {
  if crate::state::worker(scope).is_some_and(|w| w.stopping()) {
    return None;
  }
  let hooks = crate::state::hooks(scope);
  if name == "runTicks" {
    if let Some(info) = &hooks.tick_info {
      let idle = |info: &v8::SharedRef<v8::BackingStore>| info[0].get() == 0 && info[1].get() == 0;
      // Nothing for JavaScript to do but the microtasks: run them here, as Node's
      // callback scope does, so their stacks start at the job, and call runTicks only
      // if they queued a tick or left a rejection.
      if idle(info) {
        scope.perform_microtask_checkpoint();
        if idle(info) {
          let undefined = v8::undefined(scope).into();
          return Some(map(scope, undefined));
        }
      }
    }
  }
  let f = match name {
    "runTicks" => v8::Local::new(scope, &hooks.run_ticks),
    "onOpComplete" => v8::Local::new(scope, &hooks.on_op_complete),
    _ => {
      let obj = v8::Local::new(scope, &hooks.object);
      let key = v8::String::new(scope, name).unwrap();
      let f = obj.get(scope, key.into())?;
      v8::Local::<v8::Function>::try_from(f).ok()?
    }
  };
  // Hooks take a few arguments: no allocation for them (one per I/O event otherwise).
  let argv: smallvec::SmallVec<[v8::Local<v8::Value>; 4]> = args.iter().map(|a| hook_arg_value(scope, a)).collect();
  v8::tc_scope!(let tc, scope);
  let recv = v8::undefined(tc).into();
  match f.call(tc, recv, &argv) {
    Some(v) => Some(map(tc, v)),
    None => {
      if tc.has_terminated() {
        return None;
      }
      let exc = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
      let msg = tc.message();
      tc.reset();
      handle_uncaught(tc, exc, msg);
      None
    }
  }
}

/// Calls `hooks.<name>(arg)` and lets an exception propagate to the caller (V8).
pub(crate) fn call_hook_in_raw<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str, arg: &str) -> Option<v8::Local<'s, v8::Value>> {
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let key = v8::String::new(scope, name)?;
  let f = obj.get(scope, key.into())?;
  let f = v8::Local::<v8::Function>::try_from(f).ok()?;
  let recv = v8::undefined(scope).into();
  let a = v8::String::new(scope, arg)?.into();
  f.call(scope, recv, &[a])
}

/// Gives `process.on('uncaughtException')` a chance; otherwise prints and exits.
pub(crate) fn handle_uncaught(scope: &mut v8::PinScope, exc: v8::Local<v8::Value>, msg: Option<v8::Local<v8::Message>>) {
  let hooks = crate::state::hooks(scope);
  let handled = {
    v8::tc_scope!(let tc, scope);
    let f = v8::Local::new(tc, &hooks.on_uncaught);
    let recv = v8::undefined(tc).into();
    match f.call(tc, recv, &[exc]) {
      Some(v) => v.boolean_value(tc),
      None => {
        // The handler itself threw: report that error instead, with Node's exit code
        // for an exception in the fatal exception handler (7).
        let e2 = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
        let m2 = tc.message();
        tc.reset();
        crate::errors::exit_with_uncaught_code(tc, e2, m2, Some(7));
        return;
      }
    }
  };
  if !handled {
    crate::errors::exit_with_uncaught(scope, exc, msg);
  }
}

/// Compiles and runs `internal/bootstrap`, returning the hooks object it exports.
pub(crate) fn bootstrap<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>> {
  let binding = crate::registry::global().install(scope);
  let f = crate::bindings::compile_builtin_fn(scope, "internal/bootstrap")?;
  let recv = v8::undefined(scope).into();
  let exports = v8::Object::new(scope);
  let internals = v8::Object::new(scope);
  let undef = v8::undefined(scope).into();
  v8::tc_scope!(let tc, scope);
  let r = f.call(tc, recv, &[exports.into(), undef, undef, binding.into(), internals.into()]);
  if r.is_none() {
    let e = tc.exception().map(|e| e.to_rust_string_lossy(tc)).unwrap_or_default();
    let stack = tc.stack_trace().map(|e| e.to_rust_string_lossy(tc)).unwrap_or_default();
    eprintln!("amber: bootstrap failed: {e}\n{stack}");
    return None;
  }
  Some(exports)
}

/// Reads the hook functions from `hooks` into the runtime state.
pub(crate) fn install_hooks(scope: &mut v8::PinScope, state: &StateRef, hooks: v8::Local<v8::Object>) {
  let get = |scope: &mut v8::PinScope, name: &str| -> v8::Global<v8::Function> {
    let key = v8::String::new(scope, name).unwrap();
    let v = hooks.get(scope, key.into()).unwrap();
    let f = v8::Local::<v8::Function>::try_from(v).unwrap_or_else(|_| panic!("hook {name} missing"));
    v8::Global::new(scope, f)
  };
  let h = Hooks {
    object: v8::Global::new(scope, hooks),
    on_uncaught: get(scope, "onUncaught"),
    format_uncaught: get(scope, "formatUncaught"),
    emit_exit: get(scope, "emitExit"),
    promise_reject: get(scope, "promiseReject"),
    on_op_complete: get(scope, "onOpComplete"),
    run_ticks: get(scope, "runTicks"),
    set_read_slab: get(scope, "setReadSlab"),
    tick_info: {
      let key = v8::String::new(scope, "tickInfo").unwrap();
      hooks
        .get(scope, key.into())
        .and_then(|v| v8::Local::<v8::Uint8Array>::try_from(v).ok())
        .filter(|a| a.byte_length() >= 2 && a.byte_offset() == 0)
        .and_then(|a| a.buffer(scope))
        .map(|b| b.get_backing_store())
    },
  };
  let mut st = state.borrow_mut();
  st.hooks = Some(Rc::new(h));
  st.bootstrap_complete.get_or_insert_with(Instant::now);
}
