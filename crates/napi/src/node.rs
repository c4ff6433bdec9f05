//! node_api.h: Buffers, async work on a thread pool, thread-safe functions, cleanup
//! hooks, async contexts and `napi_make_callback`, versions, fatal errors, and what
//! amber does not have (`napi_get_uv_event_loop`: there is no libuv loop).

use std::collections::VecDeque;
use std::ffi::{c_char, c_void, CStr};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{mpsc, Condvar, Mutex, OnceLock};

use crate::env::*;
use crate::value::external_arraybuffer;

fn buffer_from<'s>(s: &mut v8::PinScope<'s, '_>, ab: v8::Local<'s, v8::ArrayBuffer>, offset: usize, len: usize) -> Result<v8::Local<'s, v8::Uint8Array>, napi_status> {
  let u8a = v8::Uint8Array::new(s, ab, offset, len).ok_or(napi_generic_failure)?;
  // A Node Buffer is a Uint8Array whose prototype is Buffer.prototype.
  let global = s.get_current_context().global(s);
  let k = v8::String::new(s, "Buffer").unwrap();
  if let Some(b) = global.get(s, k.into()).filter(|b| b.is_function()) {
    let pk = v8::String::new(s, "prototype").unwrap();
    if let Some(proto) = b.cast::<v8::Object>().get(s, pk.into()) {
      u8a.set_prototype(s, proto);
    }
  }
  Ok(u8a)
}

#[no_mangle]
pub unsafe extern "C" fn napi_create_buffer(env: napi_env, len: usize, data: *mut *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let ab = v8::ArrayBuffer::new(s, len);
      if !data.is_null() {
        *data = ab.data().map_or(null_mut(), |p| p.as_ptr());
      }
      *result = napi(buffer_from(s, ab, 0, len)?);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_buffer_copy(env: napi_env, len: usize, src: *const c_void, data: *mut *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let ab = v8::ArrayBuffer::new(s, len);
      let p = ab.data().map_or(null_mut(), |p| p.as_ptr());
      if len > 0 && !src.is_null() && !p.is_null() {
        std::ptr::copy_nonoverlapping(src as *const u8, p as *mut u8, len);
      }
      if !data.is_null() {
        *data = p;
      }
      *result = napi(buffer_from(s, ab, 0, len)?);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_external_buffer(env: napi_env, len: usize, data: *mut c_void, cb: napi_finalize, hint: *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      let ab = external_arraybuffer(e, s, data, len, cb, hint);
      *result = napi(buffer_from(s, ab, 0, len)?);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_buffer(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call(env, |_, _| {
      check_arg!(result);
      *result = value(v)?.is_array_buffer_view();
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_buffer_info(env: napi_env, v: napi_value, data: *mut *mut c_void, len: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      if !v.is_array_buffer_view() {
        return Err(napi_invalid_arg);
      }
      let view: v8::Local<v8::ArrayBufferView> = v.cast();
      if !data.is_null() {
        *data = view.data();
      }
      if !len.is_null() {
        *len = view.byte_length();
      }
      Ok(())
    })
  }
}

// ---- async work ----

pub type napi_async_execute_callback = Option<unsafe extern "C" fn(napi_env, *mut c_void)>;
pub type napi_async_complete_callback = Option<unsafe extern "C" fn(napi_env, napi_status, *mut c_void)>;

const IDLE: u8 = 0;
const QUEUED: u8 = 1;
const RUNNING: u8 = 2;
const CANCELLED: u8 = 4;

pub struct AsyncWork {
  env: napi_env,
  execute: napi_async_execute_callback,
  complete: napi_async_complete_callback,
  data: *mut c_void,
  state: AtomicU8,
  /// The async context (AsyncLocalStorage frame) the work was created in; its
  /// completion runs in it, as in Node.
  context: Option<v8::Global<v8::Value>>,
}

/// Runs `f` with `ctx` as the current async context (V8's continuation-preserved data,
/// which amber's AsyncLocalStorage uses), restoring the previous one after.
fn in_async_context<R>(s: &mut v8::PinScope, ctx: Option<&v8::Global<v8::Value>>, f: impl FnOnce(&mut v8::PinScope) -> R) -> R {
  let Some(ctx) = ctx else { return f(s) };
  let prev = s.get_continuation_preserved_embedder_data();
  let prev = v8::Global::new(s, prev);
  let c = v8::Local::new(s, ctx);
  s.set_continuation_preserved_embedder_data(c);
  let r = f(s);
  let p = v8::Local::new(s, &prev);
  s.set_continuation_preserved_embedder_data(p);
  r
}

struct SendPtr<T>(*mut T);
unsafe impl<T> Send for SendPtr<T> {}

type Job = Box<dyn FnOnce() + Send>;

/// Four worker threads, like libuv's default pool.
fn pool() -> &'static Mutex<mpsc::Sender<Job>> {
  static POOL: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
  POOL.get_or_init(|| {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = std::sync::Arc::new(Mutex::new(rx));
    for i in 0..4 {
      let rx = rx.clone();
      std::thread::Builder::new()
        .name(format!("napi-worker-{i}"))
        .spawn(move || loop {
          let job = rx.lock().unwrap().recv();
          match job {
            Ok(j) => j(),
            Err(_) => return,
          }
        })
        .expect("spawning a Node-API worker thread");
    }
    Mutex::new(tx)
  })
}

#[no_mangle]
pub unsafe extern "C" fn napi_create_async_work(
  env: napi_env,
  _resource: napi_value,
  _name: napi_value,
  execute: napi_async_execute_callback,
  complete: napi_async_complete_callback,
  data: *mut c_void,
  result: *mut *mut AsyncWork,
) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      if execute.is_none() {
        return Err(napi_invalid_arg);
      }
      let cur = s.get_continuation_preserved_embedder_data();
      let context = Some(v8::Global::new(s, cur));
      *result = Box::into_raw(Box::new(AsyncWork { env: e, execute, complete, data, state: AtomicU8::new(IDLE), context }));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_delete_async_work(env: napi_env, work: *mut AsyncWork) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      check_arg!(work);
      drop(Box::from_raw(work));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_queue_async_work(env: napi_env, work: *mut AsyncWork) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      check_arg!(work);
      let w = &*work;
      w.state.store(QUEUED, Ordering::SeqCst);
      loop_ref(1);
      let shared = e.shared.clone();
      let p = SendPtr(work);
      let job: Job = Box::new(move || {
        let p = p;
        let w = &*p.0;
        if w.state.compare_exchange(QUEUED, RUNNING, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
          if let Some(x) = w.execute {
            x(w.env, w.data);
          }
          shared.push(Task::AsyncDone(p.0));
        }
      });
      pool().lock().unwrap().send(job).map_err(|_| napi_generic_failure)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_cancel_async_work(env: napi_env, work: *mut AsyncWork) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      check_arg!(work);
      let w = &*work;
      if w.state.compare_exchange(QUEUED, CANCELLED, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return Err(napi_generic_failure);
      }
      e.shared.push(Task::AsyncDone(work));
      Ok(())
    })
  }
}

pub(crate) unsafe fn complete_async_work(s: &mut v8::PinScope, work: *mut AsyncWork) -> napi_env {
  loop_ref(-1);
  let w = unsafe { &*work };
  let status = if w.state.load(Ordering::SeqCst) == CANCELLED { napi_cancelled } else { napi_ok };
  w.state.store(IDLE, Ordering::SeqCst);
  let (env, complete, data) = (w.env, w.complete, w.data);
  // The completion may delete the work: keep its context apart.
  let ctx = w.context.clone();
  if let Some(c) = complete {
    in_async_context(s, ctx.as_ref(), |s| {
      unsafe { c(env, status, data) };
      if let Some(e) = unsafe { env.as_mut() } {
        e.rethrow_pending(s);
      }
    });
  }
  env
}

// ---- thread-safe functions ----

pub type napi_threadsafe_function_call_js = Option<unsafe extern "C" fn(napi_env, napi_value, *mut c_void, *mut c_void)>;

struct TsfnState {
  queue: VecDeque<*mut c_void>,
  threads: usize,
  closing: bool,
  aborted: bool,
  finalized: bool,
}

pub struct Tsfn {
  env: napi_env,
  func: Option<v8::Global<v8::Value>>,
  context: *mut c_void,
  call_js: napi_threadsafe_function_call_js,
  finalize: Finalizer,
  max_queue: usize,
  state: Mutex<TsfnState>,
  cond: Condvar,
  refed: std::cell::Cell<bool>,
  shared: std::sync::Arc<Shared>,
  /// The async context the function was created in; its calls run in it.
  async_context: Option<v8::Global<v8::Value>>,
}

impl Tsfn {
  pub(crate) fn is_finalized(&self) -> bool {
    self.state.lock().unwrap().finalized
  }

  /// Drops the V8 handles it holds (before a snapshot is serialized; it is never called
  /// again in that process).
  pub(crate) fn release_handles(&mut self) {
    self.func = None;
    self.async_context = None;
  }
}

#[no_mangle]
pub unsafe extern "C" fn napi_create_threadsafe_function(
  env: napi_env,
  func: napi_value,
  _resource: napi_value,
  _name: napi_value,
  max_queue: usize,
  initial_threads: usize,
  finalize_data: *mut c_void,
  finalize_cb: napi_finalize,
  context: *mut c_void,
  call_js: napi_threadsafe_function_call_js,
  result: *mut *mut Tsfn,
) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      if initial_threads == 0 {
        return Err(napi_invalid_arg);
      }
      let func = match local(func) {
        None if call_js.is_none() => return Err(napi_invalid_arg),
        None => None,
        Some(f) if !f.is_function() => return Err(napi_function_expected),
        Some(f) => Some(v8::Global::new(s, f)),
      };
      let cur = s.get_continuation_preserved_embedder_data();
      let async_context = Some(v8::Global::new(s, cur));
      let t = Box::into_raw(Box::new(Tsfn {
        async_context,
        env: e,
        func,
        context,
        call_js,
        finalize: Finalizer { cb: finalize_cb, data: finalize_data, hint: context },
        max_queue,
        state: Mutex::new(TsfnState { queue: VecDeque::new(), threads: initial_threads, closing: false, aborted: false, finalized: false }),
        cond: Condvar::new(),
        refed: std::cell::Cell::new(true),
        shared: e.shared.clone(),
      }));
      loop_ref(1);
      crate::snapshot::note_tsfn(e, s, t);
      *result = t;
      Ok(())
    })
  }
}

#[no_mangle]
pub unsafe extern "C" fn napi_get_threadsafe_function_context(func: *mut Tsfn, result: *mut *mut c_void) -> napi_status {
  if func.is_null() || result.is_null() {
    return napi_invalid_arg;
  }
  unsafe { *result = (*func).context };
  napi_ok
}

#[no_mangle]
pub unsafe extern "C" fn napi_call_threadsafe_function(func: *mut Tsfn, data: *mut c_void, blocking: i32) -> napi_status {
  if func.is_null() {
    return napi_invalid_arg;
  }
  let t = unsafe { &*func };
  let mut st = t.state.lock().unwrap();
  loop {
    if st.aborted || st.closing {
      return if st.threads == 0 { napi_invalid_arg } else { napi_closing };
    }
    if t.max_queue > 0 && st.queue.len() >= t.max_queue {
      if blocking == 0 {
        return napi_queue_full;
      }
      st = t.cond.wait(st).unwrap();
      continue;
    }
    break;
  }
  st.queue.push_back(data);
  drop(st);
  t.shared.push(Task::Tsfn(func));
  napi_ok
}

#[no_mangle]
pub unsafe extern "C" fn napi_acquire_threadsafe_function(func: *mut Tsfn) -> napi_status {
  if func.is_null() {
    return napi_invalid_arg;
  }
  let t = unsafe { &*func };
  let mut st = t.state.lock().unwrap();
  if st.closing || st.aborted {
    return napi_closing;
  }
  st.threads += 1;
  napi_ok
}

#[no_mangle]
pub unsafe extern "C" fn napi_release_threadsafe_function(func: *mut Tsfn, mode: i32) -> napi_status {
  if func.is_null() {
    return napi_invalid_arg;
  }
  let t = unsafe { &*func };
  let mut st = t.state.lock().unwrap();
  if st.threads == 0 {
    return napi_invalid_arg;
  }
  st.threads -= 1;
  if st.threads == 0 || mode == 1 {
    if !st.closing {
      st.closing = mode == 1;
      st.aborted = mode == 1;
      if st.aborted && t.max_queue > 0 {
        t.cond.notify_all();
      }
    }
    drop(st);
    t.shared.push(Task::Tsfn(func));
  }
  napi_ok
}

#[no_mangle]
pub unsafe extern "C" fn napi_ref_threadsafe_function(env: napi_env, func: *mut Tsfn) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      check_arg!(func);
      let t = &*func;
      if !t.refed.get() && !t.state.lock().unwrap().finalized {
        t.refed.set(true);
        loop_ref(1);
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_unref_threadsafe_function(env: napi_env, func: *mut Tsfn) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      check_arg!(func);
      let t = &*func;
      if t.refed.get() && !t.state.lock().unwrap().finalized {
        t.refed.set(false);
        loop_ref(-1);
      }
      Ok(())
    })
  }
}

/// On the JS thread: calls the next queued item, then finalizes the function when
/// every thread released it (or it was aborted) and its queue is empty.
pub(crate) unsafe fn drain_tsfn(s: &mut v8::PinScope, func: *mut Tsfn) -> napi_env {
  let t = unsafe { &*func };
  let (item, aborted) = {
    let mut st = t.state.lock().unwrap();
    if st.finalized {
      return t.env;
    }
    let item = if st.aborted { None } else { st.queue.pop_front() };
    if item.is_some() && t.max_queue > 0 {
      t.cond.notify_one();
    }
    (item, st.aborted)
  };
  let _ = aborted;
  if let Some(data) = item {
    let env = t.env;
    let threw = in_async_context(s, t.async_context.as_ref(), |s| {
      let f = t.func.as_ref().map(|g| v8::Local::new(s, g));
      match t.call_js {
        Some(cb) => unsafe { cb(env, f.map_or(null_mut(), napi), t.context, data) },
        None => {
          if let Some(f) = f.filter(|f| f.is_function()) {
            let recv = v8::undefined(s).into();
            if f.cast::<v8::Function>().call(s, recv, &[]).is_none() {
              return true;
            }
          }
        }
      }
      unsafe { env.as_mut() }.is_some_and(|e| e.rethrow_pending(s))
    });
    if threw {
      return env;
    }
  }
  let finalize = {
    let mut st = t.state.lock().unwrap();
    if !st.finalized && (st.aborted || (st.threads == 0 && st.queue.is_empty())) {
      st.finalized = true;
      st.queue.clear();
      true
    } else {
      false
    }
  };
  if finalize {
    if t.refed.get() {
      t.refed.set(false);
      loop_ref(-1);
    }
    unsafe { run_finalizer(s, t.env, t.finalize.cb, t.finalize.data, t.finalize.hint) };
    // The Tsfn stays allocated: tasks naming it may still be queued; they see it
    // finalized and do nothing.
  }
  t.env
}

// ---- cleanup hooks ----

pub type napi_cleanup_hook = Option<unsafe extern "C" fn(*mut c_void)>;

#[no_mangle]
pub unsafe extern "C" fn napi_add_env_cleanup_hook(env: napi_env, hook: napi_cleanup_hook, arg: *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      if hook.is_none() {
        return Err(napi_invalid_arg);
      }
      e.cleanup_hooks.push((hook, arg));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_remove_env_cleanup_hook(env: napi_env, hook: napi_cleanup_hook, arg: *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      if hook.is_none() {
        return Err(napi_invalid_arg);
      }
      if let Some(i) = e.cleanup_hooks.iter().rposition(|&(h, a)| h.map(|f| f as usize) == hook.map(|f| f as usize) && a == arg) {
        e.cleanup_hooks.remove(i);
      }
      Ok(())
    })
  }
}

pub type napi_async_cleanup_hook = Option<unsafe extern "C" fn(*mut AsyncCleanup, *mut c_void)>;

pub struct AsyncCleanup {
  env: napi_env,
  hook: napi_async_cleanup_hook,
  arg: *mut c_void,
}

unsafe extern "C" fn run_async_cleanup(handle: *mut c_void) {
  let h = handle as *mut AsyncCleanup;
  let (hook, arg) = unsafe { ((*h).hook, (*h).arg) };
  if let Some(f) = hook {
    unsafe { f(h, arg) };
  }
}

#[no_mangle]
pub unsafe extern "C" fn napi_add_async_cleanup_hook(env: napi_env, hook: napi_async_cleanup_hook, arg: *mut c_void, handle: *mut *mut AsyncCleanup) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      if hook.is_none() {
        return Err(napi_invalid_arg);
      }
      let h = Box::into_raw(Box::new(AsyncCleanup { env: e, hook, arg }));
      e.cleanup_hooks.push((Some(run_async_cleanup), h as *mut c_void));
      if !handle.is_null() {
        *handle = h;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_remove_async_cleanup_hook(handle: *mut AsyncCleanup) -> napi_status {
  if handle.is_null() {
    return napi_invalid_arg;
  }
  let env = unsafe { (*handle).env };
  if let Some(e) = unsafe { env.as_mut() } {
    if let Some(i) = e.cleanup_hooks.iter().position(|&(_, a)| a == handle as *mut c_void) {
      e.cleanup_hooks.remove(i);
    }
  }
  drop(unsafe { Box::from_raw(handle) });
  napi_ok
}

// ---- async context, callbacks ----

/// amber has no async_hooks resources behind Node-API async contexts: the handles
/// are tokens that `napi_make_callback` accepts.
#[no_mangle]
pub unsafe extern "C" fn napi_async_init(env: napi_env, _resource: napi_value, name: napi_value, result: *mut *mut c_void) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      if local(name).is_none() {
        return Err(napi_invalid_arg);
      }
      let cur = s.get_continuation_preserved_embedder_data();
      *result = Box::into_raw(Box::new(AsyncContext(v8::Global::new(s, cur)))) as *mut c_void;
      Ok(())
    })
  }
}

/// A `napi_async_context`: the async context (AsyncLocalStorage frame) current when it
/// was made, restored by `napi_make_callback`.
pub struct AsyncContext(v8::Global<v8::Value>);
#[no_mangle]
pub unsafe extern "C" fn napi_async_destroy(env: napi_env, ctx: *mut c_void) -> napi_status {
  unsafe {
    call(env, |_, _| {
      check_arg!(ctx);
      drop(Box::from_raw(ctx as *mut AsyncContext));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_make_callback(
  env: napi_env,
  ctx: *mut c_void,
  recv: napi_value,
  func: napi_value,
  argc: usize,
  argv: *const napi_value,
  result: *mut napi_value,
) -> napi_status {
  if ctx.is_null() {
    return unsafe { crate::value::napi_call_function(env, recv, func, argc, argv, result) };
  }
  let Some(e) = (unsafe { env.as_mut() }) else { return napi_invalid_arg };
  let c = e.context();
  v8::callback_scope!(unsafe scope, c);
  let actx = unsafe { &*(ctx as *const AsyncContext) };
  in_async_context(scope, Some(&actx.0), |_| unsafe { crate::value::napi_call_function(env, recv, func, argc, argv, result) })
}
#[no_mangle]
pub unsafe extern "C" fn napi_open_callback_scope(env: napi_env, _resource: napi_value, _ctx: *mut c_void, result: *mut *mut c_void) -> napi_status {
  unsafe {
    call(env, |_, _| {
      check_arg!(result);
      *result = Box::into_raw(Box::new(0u8)) as *mut c_void;
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_close_callback_scope(env: napi_env, scope: *mut c_void) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(scope);
      drop(Box::from_raw(scope as *mut u8));
      s.perform_microtask_checkpoint();
      Ok(())
    })
  }
}

// ---- process-level ----

#[repr(C)]
pub struct napi_node_version {
  major: u32,
  minor: u32,
  patch: u32,
  release: *const c_char,
}
struct SyncVersion(napi_node_version);
unsafe impl Sync for SyncVersion {}
static NODE_VERSION: SyncVersion = SyncVersion(napi_node_version { major: 20, minor: 20, patch: 2, release: c"node".as_ptr() });

#[no_mangle]
pub unsafe extern "C" fn napi_get_node_version(env: napi_env, result: *mut *const napi_node_version) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      check_arg!(result);
      *result = &NODE_VERSION.0;
      Ok(())
    })
  }
}

/// amber's loop is not libuv: there is no `uv_loop_t` to hand out. Addons that need
/// one (to add their own libuv handles) cannot run; the call fails with
/// `napi_generic_failure` and sets `*loop` to NULL.
#[no_mangle]
pub unsafe extern "C" fn napi_get_uv_event_loop(env: napi_env, result: *mut *mut c_void) -> napi_status {
  let status = unsafe {
    call_basic(env, |_, _| {
      check_arg!(result);
      *result = null_mut();
      Err(napi_generic_failure)
    })
  };
  if status == napi_generic_failure {
    if let Some(e) = unsafe { env.as_mut() } {
      e.error_detail = Some(c"amber has no libuv event loop: napi_get_uv_event_loop is not available");
    }
  }
  status
}

#[no_mangle]
pub unsafe extern "C" fn node_api_get_module_file_name(env: napi_env, result: *mut *const c_char) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      check_arg!(result);
      *result = e.filename.as_ptr();
      Ok(())
    })
  }
}

fn lossy(p: *const c_char, len: usize) -> String {
  if p.is_null() {
    return String::new();
  }
  let b = if len == usize::MAX { unsafe { CStr::from_ptr(p) }.to_bytes() } else { unsafe { std::slice::from_raw_parts(p as *const u8, len) } };
  String::from_utf8_lossy(b).into_owned()
}

#[no_mangle]
pub unsafe extern "C" fn napi_fatal_error(location: *const c_char, location_len: usize, message: *const c_char, message_len: usize) -> ! {
  let loc = lossy(location, location_len);
  let msg = lossy(message, message_len);
  if loc.is_empty() {
    eprintln!("FATAL ERROR: {msg}");
  } else {
    eprintln!("FATAL ERROR: {loc} {msg}");
  }
  std::process::abort();
}

/// The error becomes pending and is thrown when control returns to JS, where it
/// reaches `process.on('uncaughtException')` if nothing catches it.
#[no_mangle]
pub unsafe extern "C" fn napi_fatal_exception(env: napi_env, err: napi_value) -> napi_status {
  unsafe {
    call(env, |e, s| {
      let v = value(err)?;
      e.pending_exception = Some(v8::Global::new(s, v));
      Ok(())
    })
  }
}
