//! 'gc' performance entries (`perf_hooks`): while a PerformanceObserver watches 'gc',
//! V8's GC prologue and epilogue callbacks time every collection, and the event loop
//! hands what they recorded to JS after the macrotask in which the collections happened
//! (`JsRuntime::macrotask`, the `gcEntries` hook), as Node does from a native immediate.
//! A collection can start while the runtime's `State` is borrowed, so the records wait in
//! a per-thread list (one isolate per thread), as instants: JS gets them as times of
//! `performance.now()`.

use crate::registry::Registry;
use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::time::Instant;

pub fn register(reg: &mut Registry) {
  reg.add("gcObserver.start", start);
  reg.add("gcObserver.stop", stop);
}

/// One collection: when it started, how long it took (ms), V8's type and callback flags
/// (Node's `kind` and `flags` are these numbers).
pub struct GcEntry {
  pub start: Instant,
  pub duration_ms: f64,
  pub kind: u32,
  pub flags: u32,
}

thread_local! {
  static ACTIVE: Cell<bool> = const { Cell::new(false) };
  static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
  static ENTRIES: RefCell<Vec<GcEntry>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn prologue(_isolate: v8::UnsafeRawIsolatePtr, _t: v8::GCType, _f: v8::GCCallbackFlags, _data: *mut c_void) {
  STARTED.set(Some(Instant::now()));
}

unsafe extern "C" fn epilogue(_isolate: v8::UnsafeRawIsolatePtr, t: v8::GCType, f: v8::GCCallbackFlags, _data: *mut c_void) {
  if let Some(start) = STARTED.take() {
    let duration_ms = start.elapsed().as_secs_f64() * 1000.0;
    ENTRIES.with_borrow_mut(|e| e.push(GcEntry { start, duration_ms, kind: t.0, flags: f.0 }));
  }
}

/// `start()`: collections are timed from now on (once, however often it is called).
fn start<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  if ACTIVE.replace(true) {
    return;
  }
  scope.add_gc_prologue_callback(prologue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
  scope.add_gc_epilogue_callback(epilogue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
}

/// `stop()`: no more timing; what was recorded and not delivered is dropped.
fn stop<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  if !ACTIVE.replace(false) {
    return;
  }
  scope.remove_gc_prologue_callback(prologue, std::ptr::null_mut());
  scope.remove_gc_epilogue_callback(epilogue, std::ptr::null_mut());
  STARTED.set(None);
  ENTRIES.with_borrow_mut(|e| e.clear());
}

/// Whether collections are waiting to be delivered.
pub fn pending() -> bool {
  ACTIVE.get() && ENTRIES.with_borrow(|e| !e.is_empty())
}

/// The recorded collections, taken.
pub fn take() -> Vec<GcEntry> {
  ENTRIES.with_borrow_mut(std::mem::take)
}
