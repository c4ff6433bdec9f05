//! Addons in snapshots (issue 8): recording what an addon's registration created while a
//! snapshot is built, refusing native state that cannot be carried, and re-binding the
//! recorded functions when the addon's registration runs again in a restored process.
//!
//! Every JS function an addon creates is the trampoline plus a Number (`env id * 2^32 +
//! index`); the index is the ordinal of the creating call in that env. Registration
//! (the init function) is deterministic for the addons this supports, so running it again
//! in a restored process allocates the same indexes in the same order: the env's
//! callback table is simply rebuilt. What re-binding mode adds: a call that creates a
//! function (`napi_create_function`, a method or accessor of `napi_define_properties`,
//! the constructor of `napi_define_class`) returns the function of the same ordinal that
//! is already in the heap instead of a new one, so references the init takes (napi-rs
//! keeps its class constructors in `napi_ref`s) point at the heap's objects; every other
//! call is real (instance data, cleanup hooks, thread-safe functions and references
//! are created anew; the exports object the init fills is a new one and is dropped).
//! The kind of every ordinal (`f` function, `t` template) is recorded; a registration
//! that creates a different sequence at restore is refused, naming the file.
//!
//! What cannot be carried is refused at build time, naming the addon, the kind and where
//! it was created: a `napi_wrap` or `napi_create_external` whose object is still alive
//! (V8 cannot serialize the pointer an External holds), and a reference, finalizer or
//! function created after registration (by a call from JS) that is still alive. The
//! addon's JS side releases them in `v8.startupSnapshot.addSerializeCallback`.
//!
//! This module does not touch the file system or the snapshot format: the runtime
//! stores path, size and hash, and gives the heap's functions back at restore.

use std::cell::{Cell, RefCell};

use crate::env::*;

/// What the kinds string records per callback index.
pub(crate) const KIND_FUNCTION: u8 = b'f';
pub(crate) const KIND_TEMPLATE: u8 = b't';

thread_local! {
  static RECORDING: Cell<bool> = const { Cell::new(false) };
  static CREATED: RefCell<Vec<Created>> = const { RefCell::new(Vec::new()) };
}

/// Native state created while recording, checked before the snapshot is written.
struct Created {
  env: napi_env,
  kind: &'static str,
  /// Created by the addon's registration (re-created by it at restore).
  in_init: bool,
  stack: String,
  what: What,
}

enum What {
  Ref(*mut Reference),
  Value(v8::Weak<v8::Value>),
  Tsfn(*mut crate::node::Tsfn),
}

/// The restore side of one env: the heap's functions by callback index, and the kinds the
/// build recorded.
pub(crate) struct Rebind {
  pub kinds: Vec<u8>,
  pub functions: Vec<Option<v8::Global<v8::Function>>>,
  pub diverged: bool,
}

/// Turns recording on (a snapshot build): from now on, loaded addons keep their
/// registration's functions and the native state they create is tracked.
pub fn set_recording(on: bool) {
  RECORDING.with(|r| r.set(on));
}

pub(crate) fn recording() -> bool {
  RECORDING.with(|r| r.get())
}

/// Where JS is now, as one line (`f (file:1:2) < g (file:3:4)`).
fn current_stack(s: &mut v8::PinScope) -> String {
  let Some(trace) = v8::StackTrace::current_stack_trace(s, 8) else { return "<no stack>".into() };
  let mut frames = Vec::new();
  for i in 0..trace.get_frame_count() {
    let Some(f) = trace.get_frame(s, i) else { continue };
    let file = f.get_script_name(s).map(|n| n.to_rust_string_lossy(s)).unwrap_or_else(|| "<anonymous>".into());
    // The runtime's own frames (module loading) say nothing about the app.
    if file.starts_with("node:") && !frames.is_empty() {
      continue;
    }
    let loc = format!("{file}:{}:{}", f.get_line_number(), f.get_column());
    match f.get_function_name(s).map(|n| n.to_rust_string_lossy(s)).filter(|n| !n.is_empty()) {
      Some(name) => frames.push(format!("{name} ({loc})")),
      None => frames.push(loc),
    }
  }
  if frames.is_empty() {
    "<no stack>".into()
  } else {
    frames.join(" < ")
  }
}

/// Tracks native state created while recording (`what` is made only then).
fn track(e: &Env, s: &mut v8::PinScope, kind: &'static str, what: impl FnOnce(&mut v8::PinScope) -> What) {
  if !recording() {
    return;
  }
  let stack = current_stack(s);
  let what = what(s);
  let env = e as *const Env as napi_env;
  CREATED.with(|c| c.borrow_mut().push(Created { env, kind, in_init: !e.init_done, stack, what }));
}

/// A reference (wrap, finalizer, external's finalizer or plain reference) was created.
pub(crate) fn note_reference(e: &Env, s: &mut v8::PinScope, r: *mut Reference, kind: &'static str) {
  track(e, s, kind, |_| What::Ref(r));
}

/// A value that must not be in the heap when it is serialized (an External) was created.
pub(crate) fn note_value(e: &Env, s: &mut v8::PinScope, v: v8::Local<v8::Value>, kind: &'static str) {
  track(e, s, kind, |s| What::Value(v8::Weak::new(s, v)));
}

/// A thread-safe function was created (its handles are released before serializing;
/// one made after registration and not finalized is refused).
pub(crate) fn note_tsfn(e: &Env, s: &mut v8::PinScope, t: *mut crate::node::Tsfn) {
  track(e, s, "napi_create_threadsafe_function", |_| What::Tsfn(t));
}

/// A reference is freed: it no longer needs checking.
pub(crate) fn forget_reference(r: *mut Reference) {
  if !recording() {
    return;
  }
  CREATED.with(|c| c.borrow_mut().retain(|x| !matches!(x.what, What::Ref(p) if p == r)));
}

impl Env {
  /// Called for every callback index allocated: during registration its kind is kept
  /// (and, re-binding, compared with the build's).
  pub(crate) fn note_callback(&mut self, idx: usize, kind: u8) {
    if self.init_done {
      return;
    }
    self.kinds.push(kind);
    if let Some(rb) = &mut self.rebind {
      if rb.kinds.get(idx) != Some(&kind) {
        rb.diverged = true;
      }
    }
  }

  /// A function was made for callback index `idx`. Recording, registration's functions
  /// are kept (and later ones tracked); re-binding, the heap's function of the same
  /// ordinal is returned instead of the new one.
  pub(crate) fn note_function<'s>(&mut self, s: &mut v8::PinScope<'s, '_>, idx: usize, f: v8::Local<'s, v8::Function>) -> v8::Local<'s, v8::Function> {
    if let Some(rb) = &self.rebind {
      if !self.init_done && !rb.diverged {
        if let Some(Some(g)) = rb.functions.get(idx) {
          return v8::Local::new(s, g);
        }
      }
      return f;
    }
    if !recording() {
      return f;
    }
    if self.init_done {
      track(self, s, "function", |s| What::Value(v8::Weak::new(s, v8::Local::<v8::Value>::from(f))));
    } else {
      if self.init_functions.len() <= idx {
        self.init_functions.resize_with(idx + 1, || None);
      }
      self.init_functions[idx] = Some(v8::Global::new(s, f));
    }
    f
  }
}

/// One addon environment as the snapshot carries it.
pub struct CarriedEnv<'s> {
  /// The env id the heap's functions carry.
  pub id: u32,
  /// The file as it was loaded.
  pub path: String,
  /// The kind of each callback index created by registration (`f`, `t`).
  pub kinds: String,
  /// The function of each callback index, where one was made (the heap keeps them).
  pub functions: Vec<Option<v8::Local<'s, v8::Function>>>,
}

fn is_alive(s: &mut v8::PinScope, w: &What) -> bool {
  match w {
    What::Ref(r) => {
      let r = unsafe { &**r };
      !r.collected && r.get(s).is_some()
    }
    What::Value(w) => w.to_local(s).is_some(),
    What::Tsfn(t) => !unsafe { &**t }.is_finalized(),
  }
}

fn addon_file(env: napi_env) -> String {
  let file = unsafe { env.as_ref() }.map_or(String::new(), |e| e.load_path.clone());
  file
}

fn refusal(refused: &[String]) -> String {
  format!(
    "cannot build the snapshot: {} native addon object{} cannot be carried (release {} in v8.startupSnapshot.addSerializeCallback): {}",
    refused.len(),
    if refused.len() > 1 { "s" } else { "" },
    if refused.len() > 1 { "them" } else { "it" },
    refused.join("; ")
  )
}

/// Before the snapshot is written: collects garbage (running the finalizers it queues),
/// refuses native state that cannot be carried, and returns every addon environment with
/// what registration created, in env-id order. Afterwards every handle this crate holds
/// is released (the isolate is about to be serialized and the process ends).
pub fn prepare_snapshot<'s>(scope: &mut v8::PinScope<'s, '_>) -> Result<Vec<CarriedEnv<'s>>, String> {
  // Finalizers run after the GC may free more (a wrap's finalizer deleting references).
  for _ in 0..3 {
    scope.low_memory_notification();
    if !crate::env::has_pending_tasks() {
      break;
    }
    crate::env::run_pending(scope);
  }
  let envs = all_envs();
  let mut refused = Vec::new();
  CREATED.with(|c| {
    for x in c.borrow().iter() {
      // Registration's own state is made again at restore; later state must be gone.
      if !x.in_init && is_alive(scope, &x.what) {
        refused.push(format!("{} of native addon {} created at {}", x.kind, addon_file(x.env), x.stack));
      }
    }
  });
  if !refused.is_empty() {
    return Err(refusal(&refused));
  }
  let mut out = Vec::new();
  for &env in &envs {
    let e = unsafe { &mut *env };
    let functions = e.init_functions.iter().map(|g| g.as_ref().map(|g| v8::Local::new(scope, g))).collect();
    let path = e.load_path.clone();
    out.push(CarriedEnv { id: e.id, path, kinds: String::from_utf8_lossy(&e.kinds).into_owned(), functions });
  }
  Ok(out)
}

/// Releases every V8 handle addons hold (references, thread-safe functions, the envs'
/// own handles) so the isolate can be serialized. Nothing runs JS afterwards.
///
/// A wrap or external made by registration is made again at restore, on a new object;
/// the old object may stay only if nothing but the addon's own references kept it (V8
/// cannot serialize the pointer it holds): after the handles are gone and a full GC,
/// one still alive is refused, naming the addon, the kind and where it was made.
pub fn release_for_snapshot(isolate: &mut v8::OwnedIsolate) -> Result<(), String> {
  let created = CREATED.with(|c| std::mem::take(&mut *c.borrow_mut()));
  let mut watched: Vec<(String, v8::Weak<v8::Value>)> = Vec::new();
  {
    v8::scope!(let s, isolate);
    for x in &created {
      if !matches!(x.kind, "napi_wrap" | "napi_create_external") {
        continue;
      }
      let value = match &x.what {
        What::Ref(r) => {
          let r = unsafe { &**r };
          match &r.strong {
            Some(g) => Some(v8::Local::new(s, g)),
            None if r.collected => None,
            None => r.weak.as_ref().and_then(|w| w.to_local(s)),
          }
        }
        What::Value(w) => w.to_local(s),
        What::Tsfn(_) => None,
      };
      if let Some(v) = value {
        let what = format!("{} of native addon {} created at {}", x.kind, addon_file(x.env), x.stack);
        watched.push((what, v8::Weak::new(s, v)));
      }
    }
  }
  for x in created {
    match x.what {
      What::Ref(r) => unsafe { Reference::delete(r) },
      What::Tsfn(t) => unsafe { (*t).release_handles() },
      What::Value(_) => {}
    }
  }
  for env in all_envs() {
    unsafe { Env::release(env, isolate) };
  }
  isolate.low_memory_notification();
  let refused: Vec<String> = {
    v8::scope!(let s, isolate);
    watched.iter().filter(|(_, w)| w.to_local(s).is_some()).map(|(what, _)| what.clone()).collect()
  };
  if !refused.is_empty() {
    return Err(refusal(&refused));
  }
  Ok(())
}
