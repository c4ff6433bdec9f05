//! WebAssembly and snapshots (docs/wasm-in-snapshots.md): the compiled-code cache of
//! `amber:wasm`.
//!
//! V8 leaves WebAssembly out of a snapshot-creator isolate, so a snapshot's heap never
//! holds a wasm object. What it can hold is bytes: the wire bytes an application keeps,
//! and, for the modules it declared with `precompile()`, V8's serialized native module
//! (`CompiledWasmModule::Serialize`), made at the end of the build in a separate plain
//! isolate (`compile_for_snapshot`) and stored as an ArrayBuffer beside the wire bytes'
//! hash. After restore `deserialize` hands both to V8, which rebuilds the module from the
//! machine code instead of compiling it again.
//!
//! No native state for the cache: it lives in the JS heap (lib/internal/wasm/snapshot.js).
//!
//! (`WebAssembly.compileStreaming`/`instantiateStreaming` are `wasm_web_api.rs`.)

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("wasm.key", key);
  reg.add("wasm.deserialize", deserialize);
}

/// The cache key of wire bytes: xxh3-128, as 32 hex digits.
pub(crate) fn wire_key(bytes: &[u8]) -> String {
  format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// `key(bytes)` → the cache key of the wire bytes (`wire_key`).
fn key<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  match with_bytes(args.get(0), wire_key) {
    Some(k) => set_string(scope, &mut rv, &k),
    None => throw_type_error(scope, "The \"bytes\" argument must be an ArrayBuffer or an ArrayBufferView"),
  }
}

// ---- V8's serialized native modules -------------------------------------------------

/// `v8::OwnedBuffer`: a `std::unique_ptr<const uint8_t[]>` and a size. V8's libc++ gives
/// `unique_ptr` the trivial ABI, so `CompiledWasmModule::Serialize()` returns it in two
/// registers (checked in the disassembly of the V8 library the `v8` crate links).
#[repr(C)]
struct RawOwnedBuffer {
  data: *mut u8,
  size: usize,
}

unsafe extern "C" {
  /// `v8::OwnedBuffer v8::CompiledWasmModule::Serialize()`, exported by V8 but not bound
  /// by the `v8` crate (152.2.0).
  #[link_name = "_ZN2v818CompiledWasmModule9SerializeEv"]
  fn v8_compiled_wasm_module_serialize(this: *mut std::ffi::c_void) -> RawOwnedBuffer;
  /// `operator delete[](void*)`, which frees what `Serialize` allocated with `new[]`.
  #[link_name = "_ZdaPv"]
  fn cxx_delete_array(p: *mut u8);
}

// The `v8` crate's `CompiledWasmModule` is one pointer to a C++ `v8::CompiledWasmModule`.
const _: () = assert!(std::mem::size_of::<v8::CompiledWasmModule>() == std::mem::size_of::<*mut std::ffi::c_void>());

/// V8's serialization of a compiled module (its machine code, without the wire bytes);
/// `None` when V8 produced nothing.
pub(crate) fn serialize_module(module: &v8::CompiledWasmModule) -> Option<Vec<u8>> {
  // SAFETY: `module` is alive for the call; its only field is the pointer to the C++
  // object (asserted above), which is what `Serialize`'s `this` is. The returned buffer
  // is owned by us and freed with the operator that matches V8's `new[]`.
  unsafe {
    let this: *mut std::ffi::c_void = std::mem::transmute_copy(module);
    let buf = v8_compiled_wasm_module_serialize(this);
    if buf.data.is_null() {
      return None;
    }
    let out = std::slice::from_raw_parts(buf.data, buf.size).to_vec();
    cxx_delete_array(buf.data);
    (!out.is_empty()).then_some(out)
  }
}

/// Compiles each of `wires` in a new plain isolate (the snapshot-creator isolate has no
/// WebAssembly) and returns V8's serialization of each (`None` when V8 serialized
/// nothing), or V8's compile error for bytes that are not a valid module. With
/// `optimize`, every function is compiled by the optimizing tier up front
/// (`--no-liftoff --no-wasm-lazy-compilation --no-wasm-inlining` while compiling; the
/// usual flags are back before serializing, so the data carries the flag hash a restored
/// process checks).
pub(crate) fn compile_for_snapshot(wires: &[Vec<u8>], optimize: bool) -> Vec<Result<Option<Vec<u8>>, String>> {
  if wires.is_empty() {
    return Vec::new();
  }
  if optimize {
    // Without Liftoff there is no call feedback, which TurboFan's wasm inlining expects
    // when the flags change after start (a fatal V8 check otherwise).
    v8::V8::set_flags_from_string("--no-liftoff --no-wasm-lazy-compilation --no-wasm-inlining");
  }
  let compiled: Vec<Result<v8::CompiledWasmModule, String>> = {
    let mut isolate = v8::Isolate::new(Default::default());
    let out = {
      v8::scope!(let scope, &mut isolate);
      let context = v8::Context::new(scope, Default::default());
      let scope = &mut v8::ContextScope::new(scope, context);
      wires
        .iter()
        .map(|w| {
          v8::tc_scope!(let tc, scope);
          let m = v8::WasmModuleObject::compile(tc, w).map(|m| m.get_compiled_module());
          let r = m.ok_or_else(|| tc.exception().map_or_else(|| "V8 could not compile it".to_string(), |e| e.to_rust_string_lossy(tc)));
          tc.reset();
          r
        })
        .collect()
    };
    drop(isolate);
    out
  };
  if optimize {
    v8::V8::set_flags_from_string("--liftoff --wasm-lazy-compilation --wasm-inlining");
  }
  compiled.into_iter().map(|m| m.map(|m| serialize_module(&m))).collect()
}

// ---- restore --------------------------------------------------------------------------

thread_local! {
  /// The cached bytes offered to V8 by the caching callback of the compilation in flight
  /// (`deserialize`), and whether V8 took them.
  static OFFER: Cell<(*const u8, usize)> = const { Cell::new((std::ptr::null(), 0)) };
  static TAKEN: Cell<bool> = const { Cell::new(false) };
}

/// V8's `ModuleCachingCallback` (a plain function: the bytes come from `OFFER`).
unsafe extern "C" fn offer_cached(mci: *mut v8::ModuleCachingInterface) {
  let (ptr, len) = OFFER.with(|o| o.replace((std::ptr::null(), 0)));
  if ptr.is_null() || mci.is_null() {
    return;
  }
  // SAFETY: `deserialize` keeps the cache's bytes alive and unmoved for the whole
  // `finish` call, in which V8 calls this synchronously; `mci` is V8's live interface.
  let ok = unsafe { (*mci).set_cached_compiled_module_bytes(std::slice::from_raw_parts(ptr, len)) };
  TAKEN.with(|t| t.set(ok));
}

type Outcome = Rc<RefCell<Option<Result<v8::Global<v8::WasmModuleObject>, v8::Global<v8::Value>>>>>;

/// `deserialize(wireBytes, cache)` → `[module, fromCache]`: a `WebAssembly.Module` made
/// from V8's serialized native module `cache` (`fromCache` true), or, when V8 refuses
/// the cache (another V8, other flags or CPU features), compiled from the wire bytes
/// (`fromCache` false). Throws V8's CompileError for invalid wire bytes.
fn deserialize<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let (wire, cache) = (args.get(0), args.get(1));
  let bad = |v: v8::Local<v8::Value>| !v.is_array_buffer_view() && !v.is_array_buffer();
  if bad(wire) {
    return throw_type_error(scope, "The \"bytes\" argument must be an ArrayBuffer or an ArrayBufferView");
  }
  if bad(cache) {
    return throw_type_error(scope, "The \"cache\" argument must be an ArrayBuffer or an ArrayBufferView");
  }
  let mut compilation = v8::WasmModuleCompilation::new();
  compilation.set_has_compiled_module_bytes();
  // V8 copies the wire bytes it receives; the cache is read within `finish`. Neither is
  // copied here (a large module's are megabytes), and no JS runs while they are read.
  with_bytes(wire, |w| compilation.on_bytes_received(w));
  let outcome: Outcome = Rc::new(RefCell::new(None));
  let sink = outcome.clone();
  TAKEN.with(|t| t.set(false));
  with_bytes(cache, |c| {
    OFFER.with(|o| o.set((c.as_ptr(), c.len())));
    compilation.finish(scope, Some(offer_cached), move |isolate, result| {
      let r = match result {
        Ok(m) => Ok(v8::Global::new(isolate, m)),
        Err(e) => Err(v8::Global::new(isolate, e)),
      };
      *sink.borrow_mut() = Some(r);
    });
    OFFER.with(|o| o.set((std::ptr::null(), 0)));
  });
  let from_cache = TAKEN.with(|t| t.get());
  // A module made from the cache is ready within `finish`; a compilation from the wire
  // bytes ends in a foreground task, which is waited for (this call is synchronous).
  while outcome.borrow().is_none() {
    crate::platform::pump_task_waiting(scope);
  }
  let result = outcome.borrow_mut().take().unwrap();
  match result {
    Ok(m) => {
      let m = v8::Local::new(scope, m);
      let from = v8::Boolean::new(scope, from_cache);
      let arr = v8::Array::new_with_elements(scope, &[m.into(), from.into()]);
      rv.set(arr.into());
    }
    Err(e) => {
      let e = v8::Local::new(scope, e);
      scope.throw_exception(e);
    }
  }
}

/// The message of `exception` when it is the refusal of WebAssembly while a snapshot is
/// built (code `ERR_AMBER_SNAPSHOT_WASM`), which fails the build in one line.
pub(crate) fn build_refusal(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> Option<String> {
  let obj = v8::Local::<v8::Object>::try_from(exception).ok()?;
  v8::tc_scope!(let tc, scope);
  let k = v8::String::new(tc, "code")?;
  let code = obj.get(tc, k.into())?;
  if !code.is_string() || code.to_rust_string_lossy(tc) != "ERR_AMBER_SNAPSHOT_WASM" {
    return None;
  }
  let k = v8::String::new(tc, "message")?;
  let message = obj.get(tc, k.into())?;
  Some(format!("Error [ERR_AMBER_SNAPSHOT_WASM]: {}", message.to_rust_string_lossy(tc)))
}
