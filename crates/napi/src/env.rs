//! The Node-API environment of one loaded addon, status codes and last-error info,
//! the scope every C entry point runs in, the single trampoline through which every
//! addon function is called, references and finalizers, and the queue through which
//! other threads (async work, thread-safe functions, GC deleters) hand work back to the
//! JS thread.
//!
//! Snapshot note (issue 8): a JS function created by an addon is built from
//! `TRAMPOLINE` (one external reference, registered by the runtime under a stable
//! name) with a Number as its data: `env id * 2^32 + callback index`. The callback and
//! its data pointer live only in `Env::callbacks`, never in the JS heap.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::{c_char, c_void, CString};
use std::ptr::{null, null_mut, NonNull};
use std::sync::{Arc, Mutex};

pub const NAPI_VERSION: u32 = 9;
/// The version an addon built with NAPI_EXPERIMENTAL reports.
pub const NAPI_VERSION_EXPERIMENTAL: i32 = i32::MAX;

pub type napi_status = i32;
pub const napi_ok: napi_status = 0;
pub const napi_invalid_arg: napi_status = 1;
pub const napi_object_expected: napi_status = 2;
pub const napi_string_expected: napi_status = 3;
pub const napi_name_expected: napi_status = 4;
pub const napi_function_expected: napi_status = 5;
pub const napi_number_expected: napi_status = 6;
pub const napi_boolean_expected: napi_status = 7;
pub const napi_array_expected: napi_status = 8;
pub const napi_generic_failure: napi_status = 9;
pub const napi_pending_exception: napi_status = 10;
pub const napi_cancelled: napi_status = 11;
pub const napi_escape_called_twice: napi_status = 12;
pub const napi_handle_scope_mismatch: napi_status = 13;
#[allow(dead_code)]
pub const napi_callback_scope_mismatch: napi_status = 14;
pub const napi_queue_full: napi_status = 15;
pub const napi_closing: napi_status = 16;
pub const napi_bigint_expected: napi_status = 17;
pub const napi_date_expected: napi_status = 18;
pub const napi_arraybuffer_expected: napi_status = 19;
pub const napi_detachable_arraybuffer_expected: napi_status = 20;
#[allow(dead_code)]
pub const napi_would_deadlock: napi_status = 21;
#[allow(dead_code)]
pub const napi_no_external_buffers_allowed: napi_status = 22;
#[allow(dead_code)]
pub const napi_cannot_run_js: napi_status = 23;

const ERROR_MESSAGES: [&str; 24] = [
  "",
  "Invalid argument",
  "An object was expected",
  "A string was expected",
  "A string or symbol was expected",
  "A function was expected",
  "A number was expected",
  "A boolean was expected",
  "An array was expected",
  "Unknown failure",
  "An exception is pending",
  "The async work item was cancelled",
  "napi_escape_handle already called on scope",
  "Invalid handle scope usage",
  "Invalid callback scope usage",
  "Thread-safe function queue is full",
  "Thread-safe function handle is closing",
  "A bigint was expected",
  "A date was expected",
  "An arraybuffer was expected",
  "A detachable arraybuffer was expected",
  "Main thread would deadlock",
  "External buffers are not allowed",
  "Cannot run JavaScript",
];

#[repr(C)]
pub struct napi_extended_error_info {
  pub error_message: *const c_char,
  pub engine_reserved: *mut c_void,
  pub engine_error_code: u32,
  pub error_code: napi_status,
}

pub type napi_env = *mut Env;
/// A handle: the address of a V8 handle slot, exactly what a `v8::Local` holds.
pub type napi_value = *mut v8::Value;
pub type napi_callback_info = *mut CallbackInfo;
pub type napi_callback = Option<unsafe extern "C" fn(napi_env, napi_callback_info) -> napi_value>;
pub type napi_finalize = Option<unsafe extern "C" fn(napi_env, *mut c_void, *mut c_void)>;

/// What `napi_get_cb_info` reads.
pub struct CallbackInfo {
  pub this: napi_value,
  pub new_target: napi_value,
  pub data: *mut c_void,
  pub argv: *const napi_value,
  pub argc: usize,
}

pub fn local<'s>(v: napi_value) -> Option<v8::Local<'s, v8::Value>> {
  // SAFETY: `Local` is a non-null pointer to a handle slot; napi_value is that pointer.
  unsafe { std::mem::transmute::<napi_value, Option<v8::Local<'s, v8::Value>>>(v) }
}

pub fn napi<T>(v: v8::Local<T>) -> napi_value {
  &*v as *const T as napi_value
}

/// The embedder side the runtime provides: waking its loop from any thread and
/// keeping it alive while async work or thread-safe functions are pending.
pub struct Host {
  pub wake: Arc<dyn Fn() + Send + Sync>,
  pub set_alive: Box<dyn Fn(bool)>,
}

/// Work handed back to the JS thread.
pub(crate) enum Task {
  AsyncDone(*mut crate::node::AsyncWork),
  Tsfn(*mut crate::node::Tsfn),
  Finalize(napi_env, napi_finalize, *mut c_void, *mut c_void, *mut Reference),
}
// SAFETY: tasks are created on any thread but only run on the JS thread that owns the
// pointers inside them.
unsafe impl Send for Task {}

pub(crate) struct Shared {
  pub queue: Mutex<VecDeque<Task>>,
  pub wake: Arc<dyn Fn() + Send + Sync>,
}

impl Shared {
  pub fn push(&self, t: Task) {
    self.queue.lock().unwrap().push_back(t);
    (self.wake)();
  }
}

struct LoopState {
  host: Option<Host>,
  shared: Option<Arc<Shared>>,
  refed: usize,
  envs: Vec<*mut Env>,
}

thread_local! {
  static LOOP: RefCell<LoopState> = const { RefCell::new(LoopState { host: None, shared: None, refed: 0, envs: Vec::new() }) };
  static RUNNING_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Counts pending work that keeps the loop alive (queued async work, refed
/// thread-safe functions) and tells the host when that count leaves or reaches zero.
pub(crate) fn loop_ref(delta: isize) {
  LOOP.with(|l| {
    let mut l = l.borrow_mut();
    let before = l.refed;
    l.refed = (l.refed as isize + delta).max(0) as usize;
    if (before == 0) != (l.refed == 0) {
      if let Some(h) = &l.host {
        (h.set_alive)(l.refed > 0);
      }
    }
  });
}

pub(crate) fn shared() -> Arc<Shared> {
  LOOP.with(|l| l.borrow().shared.clone().expect("napi host installed"))
}

pub(crate) fn install_host(host: Host) {
  LOOP.with(|l| {
    let mut l = l.borrow_mut();
    if l.shared.is_none() {
      l.shared = Some(Arc::new(Shared { queue: Mutex::new(VecDeque::new()), wake: host.wake.clone() }));
      l.host = Some(host);
    }
  });
}

/// Every env still alive, in id order.
pub(crate) fn all_envs() -> Vec<napi_env> {
  LOOP.with(|l| l.borrow().envs.iter().copied().filter(|e| !e.is_null()).collect())
}

/// The id the next env will get.
pub(crate) fn next_env_id() -> u32 {
  LOOP.with(|l| l.borrow().envs.len() as u32)
}

fn env_by_id(id: u32) -> napi_env {
  LOOP.with(|l| l.borrow().envs.get(id as usize).copied().unwrap_or(null_mut()))
}

/// The environment of one loaded addon.
pub struct Env {
  pub context: NonNull<v8::Context>,
  pub id: u32,
  pub filename: CString,
  pub module_api_version: i32,
  pub last_error: napi_extended_error_info,
  /// A message more precise than the status's own, for the last error only.
  pub error_detail: Option<&'static std::ffi::CStr>,
  pub pending_exception: Option<v8::Global<v8::Value>>,
  pub callbacks: Vec<(napi_callback, *mut c_void)>,
  pub instance_data: Option<(*mut c_void, napi_finalize, *mut c_void)>,
  pub cleanup_hooks: Vec<(Option<unsafe extern "C" fn(*mut c_void)>, *mut c_void)>,
  pub wrap_key: v8::Global<v8::Private>,
  pub tag_key: v8::Global<v8::Private>,
  /// Type tags of `napi_external` values: V8 gives externals a read-only map, so they
  /// cannot carry the private property other objects keep their tag in.
  pub external_tags: Vec<(v8::Weak<v8::Value>, u64, u64)>,
  /// References whose finalizer has not run: at teardown each runs, as in Node.
  pub tracked: std::collections::HashSet<usize>,
  /// Finalizers of external ArrayBuffers/Buffers: at teardown those not yet taken by
  /// V8's deleter run, as Node runs them at the env's cleanup (V8 frees a live buffer's
  /// memory only when the isolate is gone, after this env).
  pub externals: Vec<ExternalFinalizer>,
  pub shared: Arc<Shared>,
  pub open_scopes: isize,
  pub in_gc_finalizer: bool,
  pub tearing_down: bool,
  /// The file as given to `dlopen` (what a snapshot records).
  pub load_path: String,
  /// The init function returned: later functions and references are not registration's.
  pub init_done: bool,
  /// The kind of each callback index registration allocated (`crate::snapshot`).
  pub kinds: Vec<u8>,
  /// While a snapshot is built: registration's functions by callback index.
  pub init_functions: Vec<Option<v8::Global<v8::Function>>>,
  /// In a restored process, while registration runs again: the heap's functions.
  pub(crate) rebind: Option<crate::snapshot::Rebind>,
}

impl Env {
  pub(crate) fn new(scope: &mut v8::PinScope, filename: CString, load_path: &str, module_api_version: i32) -> napi_env {
    let ctx = scope.get_current_context();
    let context = v8::Global::new(scope, ctx).into_raw();
    let wk = v8::String::new(scope, "amber.napi.wrap").unwrap();
    let tk = v8::String::new(scope, "amber.napi.typeTag").unwrap();
    let wrap = v8::Private::for_api(scope, Some(wk));
    let tag = v8::Private::for_api(scope, Some(tk));
    let id = LOOP.with(|l| l.borrow().envs.len() as u32);
    let env = Box::into_raw(Box::new(Env {
      context,
      id,
      filename,
      module_api_version,
      last_error: napi_extended_error_info { error_message: null(), engine_reserved: null_mut(), engine_error_code: 0, error_code: napi_ok },
      error_detail: None,
      pending_exception: None,
      callbacks: Vec::new(),
      instance_data: None,
      cleanup_hooks: Vec::new(),
      wrap_key: v8::Global::new(scope, wrap),
      tag_key: v8::Global::new(scope, tag),
      external_tags: Vec::new(),
      tracked: std::collections::HashSet::new(),
      externals: Vec::new(),
      shared: shared(),
      open_scopes: 0,
      in_gc_finalizer: false,
      tearing_down: false,
      load_path: load_path.to_string(),
      init_done: false,
      kinds: Vec::new(),
      init_functions: Vec::new(),
      rebind: None,
    }));
    LOOP.with(|l| l.borrow_mut().envs.push(env));
    env
  }

  pub fn context<'s>(&self) -> v8::Local<'s, v8::Context> {
    // SAFETY: `context` is the slot of a Global this env owns for its whole life.
    unsafe { std::mem::transmute::<NonNull<v8::Context>, v8::Local<'s, v8::Context>>(self.context) }
  }

  pub fn set_status(&mut self, s: napi_status) -> napi_status {
    self.error_detail = None;
    self.last_error.error_code = s;
    self.last_error.engine_error_code = 0;
    self.last_error.engine_reserved = null_mut();
    s
  }

  /// Registers a native callback for the trampoline; the JS function's data is this id.
  pub fn callback_id(&mut self, cb: napi_callback, data: *mut c_void, kind: u8) -> f64 {
    let idx = self.callbacks.len();
    self.callbacks.push((cb, data));
    self.note_callback(idx, kind);
    (self.id as f64) * 4294967296.0 + idx as f64
  }

  /// Frees this env and the V8 handles it holds (before a snapshot is serialized).
  pub(crate) unsafe fn release(env: napi_env, isolate: &mut v8::Isolate) {
    let e = unsafe { Box::from_raw(env) };
    // SAFETY: `context` came from `Global::into_raw` in `Env::new`.
    drop(unsafe { v8::Global::from_raw(isolate, e.context) });
    let id = e.id as usize;
    drop(e);
    LOOP.with(|l| {
      if let Some(slot) = l.borrow_mut().envs.get_mut(id) {
        *slot = null_mut();
      }
    });
  }

  pub fn new_function<'s>(
    &mut self,
    scope: &mut v8::PinScope<'s, '_>,
    name: Option<v8::Local<'s, v8::String>>,
    cb: napi_callback,
    data: *mut c_void,
  ) -> Option<v8::Local<'s, v8::Function>> {
    let idx = self.callbacks.len();
    let id = self.callback_id(cb, data, crate::snapshot::KIND_FUNCTION);
    let d = v8::Number::new(scope, id);
    let f = v8::Function::builder_raw(TRAMPOLINE).data(d.into()).build(scope)?;
    if let Some(n) = name {
      f.set_name(n);
    }
    Some(self.note_function(scope, idx, f))
  }

  pub fn new_template<'s>(
    &mut self,
    scope: &mut v8::PinScope<'s, '_>,
    cb: napi_callback,
    data: *mut c_void,
  ) -> v8::Local<'s, v8::FunctionTemplate> {
    let id = self.callback_id(cb, data, crate::snapshot::KIND_TEMPLATE);
    let d = v8::Number::new(scope, id);
    v8::FunctionTemplate::builder_raw(TRAMPOLINE).data(d.into()).build(scope)
  }

  /// Throws the pending exception into V8 (when returning to JS).
  pub fn rethrow_pending(&mut self, scope: &mut v8::PinScope) -> bool {
    if let Some(e) = self.pending_exception.take() {
      let e = v8::Local::new(scope, &e);
      scope.throw_exception(e);
      return true;
    }
    false
  }
}

const GC_STATE_MESSAGE: &str = "Finalizer is calling a function that may affect GC state.\nThe finalizers are run directly from GC and must not affect GC state.\nUse `node_api_post_finalizer` from inside of the finalizer to work around this issue.\nIt schedules the call as a new task in the event loop.";

fn check_not_in_gc(e: &Env) {
  if e.in_gc_finalizer {
    eprintln!("FATAL ERROR: {GC_STATE_MESSAGE}");
    std::process::abort();
  }
}

/// Runs `f` in a scope of `env`'s context; sets and returns the status. Not allowed
/// from a finalizer running inside the GC (fatal, as in Node).
pub(crate) unsafe fn call(env: napi_env, f: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result<(), napi_status>) -> napi_status {
  if let Some(e) = unsafe { env.as_ref() } {
    check_not_in_gc(e);
  }
  unsafe { call_basic(env, f) }
}

/// As `call`, for the functions a finalizer running inside the GC may use
/// (`node_api_basic_env` ones: references, instance data, posting finalizers...).
pub(crate) unsafe fn call_basic(env: napi_env, f: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result<(), napi_status>) -> napi_status {
  let Some(e) = (unsafe { env.as_mut() }) else { return napi_invalid_arg };
  let ctx = e.context();
  v8::callback_scope!(unsafe scope, ctx);
  match f(e, scope) {
    Ok(()) => e.set_status(napi_ok),
    Err(s) => e.set_status(s),
  }
}

/// As `call`, for functions that may run JS: refused while an exception is pending;
/// an exception thrown by JS becomes the pending exception.
pub(crate) unsafe fn call_js(env: napi_env, f: impl FnOnce(&mut Env, &mut v8::PinScope) -> Result<(), napi_status>) -> napi_status {
  let Some(e) = (unsafe { env.as_mut() }) else { return napi_invalid_arg };
  check_not_in_gc(e);
  if e.pending_exception.is_some() {
    return e.set_status(napi_pending_exception);
  }
  let ctx = e.context();
  v8::callback_scope!(unsafe scope, ctx);
  v8::tc_scope!(let tc, scope);
  let r = f(e, tc);
  if tc.has_caught() {
    if let Some(exc) = tc.exception() {
      e.pending_exception = Some(v8::Global::new(tc, exc));
    }
    tc.reset();
    // A function that threw on purpose reports its own status (napi_instanceof's
    // napi_function_expected); JS that threw underneath is napi_pending_exception.
    return match r {
      Err(s) if s != napi_generic_failure => e.set_status(s),
      _ => e.set_status(napi_pending_exception),
    };
  }
  match r {
    Ok(()) => e.set_status(napi_ok),
    Err(s) => e.set_status(s),
  }
}

macro_rules! check_arg {
  ($p:expr) => {
    if $p.is_null() {
      return Err($crate::env::napi_invalid_arg);
    }
  };
}
pub(crate) use check_arg;

pub(crate) fn value<'s>(v: napi_value) -> Result<v8::Local<'s, v8::Value>, napi_status> {
  local(v).ok_or(napi_invalid_arg)
}

pub(crate) fn object<'s>(scope: &mut v8::PinScope<'s, '_>, v: napi_value) -> Result<v8::Local<'s, v8::Object>, napi_status> {
  let v = value(v)?;
  if v.is_object() {
    return Ok(v.cast());
  }
  v.to_object(scope).ok_or(napi_object_expected)
}

/// The single entry point of every addon-created JS function.
pub const TRAMPOLINE: v8::FunctionCallback = trampoline;

unsafe extern "C" fn trampoline(info: *const v8::FunctionCallbackInfo) {
  let info = unsafe { &*info };
  let args = v8::FunctionCallbackArguments::from_function_callback_info(info);
  let mut rv = v8::ReturnValue::from_function_callback_info(info);
  let data = args.data();
  if !data.is_number() {
    return;
  }
  let id = data.cast::<v8::Number>().value();
  let env_id = (id / 4294967296.0) as u32;
  let idx = (id % 4294967296.0) as usize;
  let env = env_by_id(env_id);
  let Some(e) = (unsafe { env.as_mut() }) else { return };
  let Some(&(cb, cb_data)) = e.callbacks.get(idx) else { return };
  let Some(cb) = cb else { return };
  v8::callback_scope!(unsafe scope, info);
  let argv: Vec<napi_value> = (0..args.length()).map(|i| napi(args.get(i))).collect();
  let nt = args.new_target();
  let mut ci = CallbackInfo {
    this: napi(args.this()),
    new_target: if nt.is_undefined() { null_mut() } else { napi(nt) },
    data: cb_data,
    argv: argv.as_ptr(),
    argc: argv.len(),
  };
  e.set_status(napi_ok);
  let r = unsafe { cb(env, &mut ci) };
  let e = unsafe { &mut *env };
  if !e.rethrow_pending(scope) {
    if let Some(v) = local(r) {
      rv.set(v);
    }
  }
}

/// The finalizer of an external backing store, taken once (see `Env::externals`).
pub type ExternalFinalizer = Arc<Mutex<Option<Finalizer>>>;

impl Env {
  pub(crate) fn track_external(&mut self, fin: ExternalFinalizer) {
    // Entries whose buffer V8 has freed (only this list holds them) are dropped now and
    // then, so the list stays proportional to the live buffers.
    let n = self.externals.len();
    if n >= 64 && n.is_power_of_two() {
      self.externals.retain(|f| Arc::strong_count(f) > 1);
    }
    self.externals.push(fin);
  }
}

/// A finalizer record: the native callback an addon gave with its data and hint.
#[derive(Clone, Copy)]
pub struct Finalizer {
  pub cb: napi_finalize,
  pub data: *mut c_void,
  pub hint: *mut c_void,
}

/// A `napi_ref`: strong while its count is above zero, weak at zero. Wraps, externals
/// and `napi_add_finalizer` use one with a finalizer; `owned_by_runtime` ones free
/// themselves once the finalizer ran.
pub struct Reference {
  pub env: napi_env,
  pub strong: Option<v8::Global<v8::Value>>,
  pub weak: Option<v8::Weak<v8::Value>>,
  pub count: u32,
  pub finalizer: Option<Finalizer>,
  pub owned_by_runtime: bool,
  pub collected: bool,
  pub can_be_weak: bool,
  /// The native object of a `napi_wrap`.
  pub wrap_data: *mut c_void,
}

impl Reference {
  pub fn new(
    env: napi_env,
    scope: &mut v8::PinScope,
    value: v8::Local<v8::Value>,
    count: u32,
    finalizer: Option<Finalizer>,
    owned_by_runtime: bool,
  ) -> *mut Reference {
    let can_be_weak = value.is_object() || value.is_symbol();
    let r = Box::into_raw(Box::new(Reference {
      env,
      strong: Some(v8::Global::new(scope, value)),
      weak: None,
      count,
      finalizer,
      owned_by_runtime,
      collected: false,
      can_be_weak,
      wrap_data: null_mut(),
    }));
    if count == 0 {
      unsafe { (*r).make_weak(scope) };
    }
    if finalizer.is_some() {
      if let Some(e) = unsafe { env.as_mut() } {
        e.tracked.insert(r as usize);
      }
    }
    r
  }

  /// The finalizer will not run (removed wrap, deleted reference, already queued).
  pub fn untrack(&mut self) {
    if let Some(e) = unsafe { self.env.as_mut() } {
      e.tracked.remove(&(self as *mut Reference as usize));
    }
  }

  pub fn make_weak(&mut self, scope: &mut v8::PinScope) {
    if !self.can_be_weak {
      // A primitive cannot be held weakly: at count 0 the reference lets it go (Node).
      self.strong = None;
      return;
    }
    let Some(g) = self.strong.take() else { return };
    let l = v8::Local::new(scope, &g);
    let me = self as *mut Reference;
    self.weak = Some(if self.finalizer.is_some() {
      v8::Weak::with_finalizer(scope, l, Box::new(move |_| unsafe { Reference::collected(me) }))
    } else {
      v8::Weak::with_finalizer(scope, l, Box::new(move |_| unsafe { (*me).collected = true }))
    });
  }

  pub fn make_strong(&mut self, scope: &mut v8::PinScope) {
    if let Some(w) = self.weak.take() {
      if let Some(l) = w.to_local(scope) {
        self.strong = Some(v8::Global::new(scope, l));
      } else {
        self.weak = Some(w);
      }
    }
  }

  pub fn get<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
    if let Some(g) = &self.strong {
      return Some(v8::Local::new(scope, g));
    }
    if self.collected {
      return None;
    }
    self.weak.as_ref().and_then(|w| w.to_local(scope))
  }

  /// The GC collected the value: queue the finalizer for the JS thread (Node runs
  /// finalizers outside the GC too, so they may call into JS).
  unsafe fn collected(me: *mut Reference) {
    let r = unsafe { &mut *me };
    r.collected = true;
    r.untrack();
    let experimental = unsafe { r.env.as_ref() }.is_some_and(|e| e.module_api_version == NAPI_VERSION_EXPERIMENTAL);
    if experimental {
      // Node-API's experimental "basic" finalizers run inside the GC (they may not
      // touch JS; `node_api_post_finalizer` defers the rest).
      if let Some(f) = r.finalizer.take() {
        let e = unsafe { &mut *r.env };
        e.in_gc_finalizer = true;
        if let Some(cb) = f.cb {
          unsafe { cb(r.env, f.data, f.hint) };
        }
        e.in_gc_finalizer = false;
        if r.owned_by_runtime {
          let shared = e.shared.clone();
          shared.push(Task::Finalize(r.env, None, null_mut(), null_mut(), me));
        }
      }
      return;
    }
    if let Some(f) = r.finalizer.take() {
      let env = unsafe { &*r.env };
      let owned = if r.owned_by_runtime { me } else { null_mut() };
      env.shared.push(Task::Finalize(r.env, f.cb, f.data, f.hint, owned));
    }
  }

  /// Frees a reference (its weak handle first, which cancels a finalizer not yet run).
  pub unsafe fn delete(me: *mut Reference) {
    crate::snapshot::forget_reference(me);
    unsafe { (*me).untrack() };
    drop(unsafe { Box::from_raw(me) });
  }
}

/// Calls a finalizer now (on the JS thread, in a fresh handle scope).
pub(crate) unsafe fn run_finalizer(scope: &mut v8::PinScope, env: napi_env, f: napi_finalize, data: *mut c_void, hint: *mut c_void) {
  let Some(cb) = f else { return };
  unsafe { cb(env, data, hint) };
  if let Some(e) = unsafe { env.as_mut() } {
    if e.pending_exception.is_some() {
      e.rethrow_pending(scope);
    }
  }
}

/// Runs the work other threads and the GC handed back (async work completions,
/// thread-safe function calls, finalizers). Called by the runtime on its JS thread
/// when woken. An exception a callback leaves pending is thrown to the caller (the
/// runtime reports it as uncaught); the remaining work runs on the next wake.
pub fn run_pending(scope: &mut v8::PinScope) {
  if RUNNING_PENDING.with(|r| r.replace(true)) {
    return;
  }
  let Some(shared) = LOOP.with(|l| l.borrow().shared.clone()) else {
    RUNNING_PENDING.with(|r| r.set(false));
    return;
  };
  loop {
    let task = shared.queue.lock().unwrap().pop_front();
    let Some(task) = task else { break };
    let exc: Option<v8::Global<v8::Value>> = {
      v8::scope!(let hs, scope);
      v8::tc_scope!(let tc, hs);
      // Node always reports an exception from an async work completion or a finalizer
      // as uncaught; from a thread-safe function's calls only under the policy below.
      let always = !matches!(task, Task::Tsfn(_));
      let env = match task {
        Task::AsyncDone(w) => unsafe { crate::node::complete_async_work(tc, w) },
        Task::Tsfn(t) => unsafe { crate::node::drain_tsfn(tc, t) },
        Task::Finalize(env, cb, data, hint, owned) => unsafe {
          run_finalizer(tc, env, cb, data, hint);
          if !owned.is_null() {
            Reference::delete(owned);
          }
          env
        },
      };
      if tc.has_caught() && !tc.has_terminated() {
        let e = tc.exception().map(|e| v8::Global::new(tc, e));
        tc.reset();
        let enforce = always
          || FORCE_UNCAUGHT_POLICY.load(std::sync::atomic::Ordering::Relaxed)
          || unsafe { env.as_ref() }.is_some_and(|e| e.module_api_version == NAPI_VERSION_EXPERIMENTAL);
        if enforce {
          e
        } else {
          // Node's legacy policy for addons below the experimental version: the
          // exception is dropped with a deprecation warning.
          if !WARNED_UNCAUGHT.swap(true, std::sync::atomic::Ordering::Relaxed) {
            eprintln!(
              "(node:{}) [DEP0168] DeprecationWarning: Uncaught N-API callback exception detected, please run node with option --force-node-api-uncaught-exceptions-policy=true to handle those exceptions properly.",
              std::process::id()
            );
          }
          None
        }
      } else {
        None
      }
    };
    if let Some(exc) = exc {
      if !shared.queue.lock().unwrap().is_empty() {
        (shared.wake)();
      }
      RUNNING_PENDING.with(|r| r.set(false));
      let l = v8::Local::new(scope, &exc);
      scope.throw_exception(l);
      return;
    }
  }
  RUNNING_PENDING.with(|r| r.set(false));
}

static FORCE_UNCAUGHT_POLICY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static WARNED_UNCAUGHT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--force-node-api-uncaught-exceptions-policy`: an exception left by an async
/// completion, thread-safe call or finalizer is reported as uncaught for every addon
/// (otherwise only for addons built for the experimental version, as in Node 20).
pub fn set_force_uncaught_policy(on: bool) {
  FORCE_UNCAUGHT_POLICY.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Whether work waits for the JS thread (finalizers queued by the GC, completions):
/// the runtime keeps its loop alive for it, as Node's deferred finalizers (immediates) do.
pub fn has_pending_tasks() -> bool {
  LOOP.with(|l| l.borrow().shared.as_ref().is_some_and(|s| !s.queue.lock().unwrap().is_empty()))
}

/// At exit: runs queued finalizers, then every env's cleanup hooks (last added first)
/// and instance-data finalizers, as Node does when an environment is torn down.
pub fn teardown(scope: &mut v8::PinScope) {
  let envs = all_envs();
  for &env in envs.iter().rev() {
    let e = unsafe { &mut *env };
    e.tearing_down = true;
    while let Some((hook, arg)) = e.cleanup_hooks.pop() {
      if let Some(h) = hook {
        unsafe { h(arg) };
      }
    }
  }
  for &env in envs.iter().rev() {
    let e = unsafe { &mut *env };
    let externals = std::mem::take(&mut e.externals);
    for fin in externals.iter().rev() {
      let f = fin.lock().unwrap_or_else(|e| e.into_inner()).take();
      if let Some(f) = f {
        // As for the pending finalizers below, an exception one throws at teardown is
        // dropped (Node's env can no longer call into JS then).
        v8::scope!(let hs, scope);
        v8::tc_scope!(let tc, hs);
        unsafe { run_finalizer(tc, env, f.cb, f.data, f.hint) };
      }
    }
  }
  let Some(shared) = LOOP.with(|l| l.borrow().shared.clone()) else { return };
  loop {
    let task = shared.queue.lock().unwrap().pop_front();
    let Some(task) = task else { break };
    v8::scope!(let hs, scope);
    v8::tc_scope!(let tc, hs);
    if let Task::Finalize(env, cb, data, hint, _) = task {
      unsafe { run_finalizer(tc, env, cb, data, hint) };
    }
  }
  for &env in envs.iter().rev() {
    let e = unsafe { &mut *env };
    let mut live: Vec<usize> = e.tracked.drain().collect();
    live.sort();
    for r in live {
      let r = r as *mut Reference;
      if let Some(f) = unsafe { (*r).finalizer.take() } {
        v8::scope!(let hs, scope);
        unsafe { run_finalizer(hs, env, f.cb, f.data, f.hint) };
      }
    }
  }
  for &env in envs.iter().rev() {
    let e = unsafe { &mut *env };
    if let Some((data, cb, hint)) = e.instance_data.take() {
      v8::scope!(let hs, scope);
      unsafe { run_finalizer(hs, env, cb, data, hint) };
    }
  }
}

#[no_mangle]
pub unsafe extern "C" fn napi_get_last_error_info(env: napi_env, result: *mut *const napi_extended_error_info) -> napi_status {
  let Some(e) = (unsafe { env.as_mut() }) else { return napi_invalid_arg };
  if result.is_null() {
    return e.set_status(napi_invalid_arg);
  }
  let code = e.last_error.error_code;
  thread_local! {
    static MESSAGES: Vec<CString> = ERROR_MESSAGES.iter().map(|m| CString::new(*m).unwrap()).collect();
  }
  e.last_error.error_message = if code == napi_ok {
    null()
  } else if let Some(d) = e.error_detail {
    d.as_ptr()
  } else {
    MESSAGES.with(|m| m.get(code as usize).map_or(null(), |s| s.as_ptr()))
  };
  unsafe { *result = &e.last_error };
  napi_ok
}
