//! `WebAssembly.compileStreaming`/`instantiateStreaming` (the WebAssembly Web API).
//!
//! V8 provides both functions once the isolate has a streaming callback
//! (`configure_isolate` sets `callback`). V8 hands it the `source` argument and a
//! `WasmStreaming`, which is kept here in a table on the JS thread under a u32 id
//! (DESIGN.md rule 2) while `hooks.wasmStreaming(id, source)`
//! (`lib/internal/wasm_web_api.js`) checks the Response as the Web API says and feeds
//! its body: `push` for each chunk, then `finish`, or `abort` with the error V8 rejects
//! the promise with. A snapshot build has no `WebAssembly`, so nothing of this table
//! is ever carried.

use std::cell::RefCell;
use std::collections::HashMap;

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("wasmWebApi.push", push);
  reg.add("wasmWebApi.setUrl", set_url);
  reg.add("wasmWebApi.finish", finish);
  reg.add("wasmWebApi.abort", abort);
}

thread_local! {
  static STREAMS: RefCell<(u32, HashMap<u32, v8::WasmStreaming<false>>)> = RefCell::new((0, HashMap::new()));
}

/// The isolate's streaming callback: registers the compilation and hands it to JS.
pub fn callback(scope: &mut v8::PinScope, source: v8::Local<v8::Value>, streaming: v8::WasmStreaming<false>) {
  let id = STREAMS.with(|t| {
    let mut t = t.borrow_mut();
    t.0 += 1;
    let id = t.0;
    t.1.insert(id, streaming);
    id
  });
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let key = new_string(scope, "wasmStreaming");
  let f = obj.get(scope, key.into()).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok());
  let id_value = v8::Integer::new_from_unsigned(scope, id).into();
  let recv = v8::undefined(scope).into();
  if f.and_then(|f| f.call(scope, recv, &[id_value, source])).is_none() {
    // No handler ran: abort without an exception (any thrown one is pending in V8).
    if let Some(s) = take(id) {
      s.abort(None);
    }
  }
}

/// Drops this thread's compilations still in flight: called while the runtime's isolate
/// still lives (a `WasmStreaming` dropped after its isolate would touch freed memory).
pub(crate) fn drop_streams() {
  let left = STREAMS.with(|t| std::mem::take(&mut t.borrow_mut().1));
  drop(left);
}

fn take(id: u32) -> Option<v8::WasmStreaming<false>> {
  STREAMS.with(|t| t.borrow_mut().1.remove(&id))
}

fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> u32 {
  args.get(0).uint32_value(scope).unwrap_or(0)
}

/// `push(id, bytes)`: the next chunk of the module (an ArrayBuffer or a view).
fn push<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args);
  let ok = STREAMS.with(|t| {
    let mut t = t.borrow_mut();
    let Some(s) = t.1.get_mut(&id) else { return false };
    with_bytes(args.get(1), |b| s.on_bytes_received(b)).is_some()
  });
  if !ok {
    throw_type_error(scope, "wasmWebApi.push: no such compilation, or not bytes");
  }
}

/// `setUrl(id, url)`: the URL stack traces show for the module's functions.
fn set_url<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args);
  let url = string_arg(scope, &args, 1);
  STREAMS.with(|t| {
    if let Some(s) = t.borrow_mut().1.get_mut(&id) {
      s.set_url(&url);
    }
  });
}

/// `finish(id)`: the body ended; V8 completes (or fails) the compilation.
fn finish<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args);
  if let Some(s) = take(id) {
    s.finish();
  }
}

/// `abort(id, error)`: the promise is rejected with `error`.
fn abort<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args);
  if let Some(s) = take(id) {
    s.abort(Some(args.get(1)));
  }
}
