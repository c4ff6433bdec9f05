//! `v8.GCProfiler`: V8's GC prologue and epilogue callbacks record, for every garbage
//! collection while a profiler runs, its type, its cost and the heap's statistics before
//! and after. Each running profiler is an entry of a per-thread table (one isolate per
//! thread) under a u32 id, which is also the callbacks' data: nothing native is in the
//! heap. `lib/v8.js` stops the profilers that run while a snapshot is built and starts
//! them again at restore, keeping what they recorded.

use super::helpers::*;
use crate::registry::Registry;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_void;
use std::time::Instant;

pub fn register(reg: &mut Registry) {
  reg.add("gcProfiler.start", start);
  reg.add("gcProfiler.stop", stop);
}

struct HeapStats {
  heap: [(&'static str, f64); 11],
  spaces: Vec<(String, [(&'static str, f64); 4])>,
}

struct Record {
  gc_type: &'static str,
  cost_us: f64,
  before: HeapStats,
  after: HeapStats,
}

#[derive(Default)]
struct Profiler {
  records: Vec<Record>,
  // The statistics and the time taken by the prologue of the collection under way.
  pending: Option<(HeapStats, Instant)>,
}

thread_local! {
  static PROFILERS: RefCell<HashMap<u32, Profiler>> = RefCell::new(HashMap::new());
  static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

fn collect(isolate: &mut v8::Isolate) -> HeapStats {
  let h = isolate.get_heap_statistics();
  let heap = [
    ("totalHeapSize", h.total_heap_size() as f64),
    ("totalHeapSizeExecutable", h.total_heap_size_executable() as f64),
    ("totalPhysicalSize", h.total_physical_size() as f64),
    ("totalAvailableSize", h.total_available_size() as f64),
    ("totalGlobalHandlesSize", h.total_global_handles_size() as f64),
    ("usedGlobalHandlesSize", h.used_global_handles_size() as f64),
    ("usedHeapSize", h.used_heap_size() as f64),
    ("heapSizeLimit", h.heap_size_limit() as f64),
    ("mallocedMemory", h.malloced_memory() as f64),
    ("externalMemory", h.external_memory() as f64),
    ("peakMallocedMemory", h.peak_malloced_memory() as f64),
  ];
  let mut spaces = Vec::new();
  for i in 0..isolate.number_of_heap_spaces() {
    let Some(sp) = isolate.get_heap_space_statistics(i) else { continue };
    spaces.push((
      sp.space_name().to_string_lossy().into_owned(),
      [
        ("spaceSize", sp.space_size() as f64),
        ("spaceUsedSize", sp.space_used_size() as f64),
        ("spaceAvailableSize", sp.space_available_size() as f64),
        ("physicalSpaceSize", sp.physical_space_size() as f64),
      ],
    ));
  }
  HeapStats { heap, spaces }
}

/// Node's names for V8's collection types.
fn type_name(t: v8::GCType) -> &'static str {
  if t == v8::GCType::kGCTypeScavenge {
    "Scavenge"
  } else if t == v8::GCType::kGCTypeMinorMarkSweep {
    "MinorMarkSweep"
  } else if t == v8::GCType::kGCTypeMarkSweepCompact {
    "MarkSweepCompact"
  } else if t == v8::GCType::kGCTypeIncrementalMarking {
    "IncrementalMarking"
  } else if t == v8::GCType::kGCTypeProcessWeakCallbacks {
    "ProcessWeakCallbacks"
  } else {
    "Unknown"
  }
}

unsafe extern "C" fn prologue(isolate: v8::UnsafeRawIsolatePtr, _t: v8::GCType, _f: v8::GCCallbackFlags, data: *mut c_void) {
  let id = data as usize as u32;
  // SAFETY: V8 calls back with the live isolate it is collecting, on its thread.
  let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(isolate) };
  let stats = collect(&mut isolate);
  PROFILERS.with(|p| {
    if let Some(profiler) = p.borrow_mut().get_mut(&id) {
      profiler.pending = Some((stats, Instant::now()));
    }
  });
}

unsafe extern "C" fn epilogue(isolate: v8::UnsafeRawIsolatePtr, t: v8::GCType, _f: v8::GCCallbackFlags, data: *mut c_void) {
  let id = data as usize as u32;
  // SAFETY: as in `prologue`.
  let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(isolate) };
  let after = collect(&mut isolate);
  PROFILERS.with(|p| {
    if let Some(profiler) = p.borrow_mut().get_mut(&id) {
      if let Some((before, at)) = profiler.pending.take() {
        let cost_us = at.elapsed().as_secs_f64() * 1e6;
        profiler.records.push(Record { gc_type: type_name(t), cost_us, before, after });
      }
    }
  });
}

/// Starts a profiler; returns its id.
fn start<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = NEXT_ID.with(|n| {
    let id = n.get();
    n.set(id.wrapping_add(1).max(1));
    id
  });
  PROFILERS.with(|p| p.borrow_mut().insert(id, Profiler::default()));
  let data = id as usize as *mut c_void;
  scope.add_gc_prologue_callback(prologue, data, v8::GCType::kGCTypeAll);
  scope.add_gc_epilogue_callback(epilogue, data, v8::GCType::kGCTypeAll);
  rv.set_uint32(id);
}

fn stats_object<'s>(scope: &mut v8::PinScope<'s, '_>, s: &HeapStats) -> v8::Local<'s, v8::Object> {
  let heap = v8::Object::new(scope);
  for (k, v) in s.heap {
    let key = new_string(scope, k);
    let val = v8::Number::new(scope, v);
    heap.set(scope, key.into(), val.into());
  }
  let mut spaces: Vec<v8::Local<v8::Value>> = Vec::with_capacity(s.spaces.len());
  for (name, fields) in &s.spaces {
    let o = v8::Object::new(scope);
    let key = new_string(scope, "spaceName");
    let val = new_string(scope, name);
    o.set(scope, key.into(), val.into());
    for (k, v) in fields {
      let key = new_string(scope, k);
      let val = v8::Number::new(scope, *v);
      o.set(scope, key.into(), val.into());
    }
    spaces.push(o.into());
  }
  let spaces = v8::Array::new_with_elements(scope, &spaces);
  let out = v8::Object::new(scope);
  let key = new_string(scope, "heapStatistics");
  out.set(scope, key.into(), heap.into());
  let key = new_string(scope, "heapSpaceStatistics");
  out.set(scope, key.into(), spaces.into());
  out
}

/// Stops profiler `id`; returns its records as Node's `statistics` entries (an empty
/// array for an id that is not running).
fn stop<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = args.get(0).uint32_value(scope).unwrap_or(0);
  let Some(profiler) = PROFILERS.with(|p| p.borrow_mut().remove(&id)) else {
    let empty = v8::Array::new(scope, 0);
    rv.set(empty.into());
    return;
  };
  let data = id as usize as *mut c_void;
  scope.remove_gc_prologue_callback(prologue, data);
  scope.remove_gc_epilogue_callback(epilogue, data);
  let mut out: Vec<v8::Local<v8::Value>> = Vec::with_capacity(profiler.records.len());
  for r in &profiler.records {
    let o = v8::Object::new(scope);
    let key = new_string(scope, "gcType");
    let val = new_string(scope, r.gc_type);
    o.set(scope, key.into(), val.into());
    let key = new_string(scope, "cost");
    let val = v8::Number::new(scope, r.cost_us);
    o.set(scope, key.into(), val.into());
    let before = stats_object(scope, &r.before);
    let key = new_string(scope, "beforeGC");
    o.set(scope, key.into(), before.into());
    let after = stats_object(scope, &r.after);
    let key = new_string(scope, "afterGC");
    o.set(scope, key.into(), after.into());
    out.push(o.into());
  }
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}
