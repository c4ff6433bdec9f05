//! V8 heap snapshots (`v8.getHeapSnapshot`, `v8.writeHeapSnapshot`,
//! `worker.getHeapSnapshot`): V8's heap profiler serializes the isolate's heap as JSON.
//! No native state: the snapshot is taken, serialized and deleted in one call.

use super::helpers::*;
use crate::registry::Registry;
use crate::state::{state, Mode};

pub fn register(reg: &mut Registry) {
  reg.add("heap.takeSnapshot", take_snapshot);
}

/// `takeSnapshot()` → Uint8Array: this isolate's heap snapshot, V8's JSON as UTF-8.
fn take_snapshot<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  // The heap profiler keeps its object-id map on the isolate: not something to leave in
  // a heap about to be serialized.
  if state(scope).borrow().mode == Mode::BuildSnapshot {
    return throw_error(scope, "Taking a heap snapshot is not supported in a snapshot being built");
  }
  let mut json = Vec::new();
  scope.take_heap_snapshot(|chunk| {
    json.extend_from_slice(chunk);
    true
  });
  if json.is_empty() {
    return throw_error(scope, "V8 could not take a heap snapshot");
  }
  let bytes = bytes_to_uint8array(scope, json);
  rv.set(bytes.into());
}
