//! `node:vm` contexts: a new V8 context per `createContext`, whose global object forwards
//! to the contextified object (the "sandbox") through property interceptors, as Node's
//! `ContextifyContext` does: reads look in the sandbox first, then in the context's own
//! global (its builtins); writes and definitions go to the sandbox. The new global holds
//! the sandbox under a private key and lib/vm.js maps the sandbox to the global in a
//! WeakMap, so no native handle exists and a snapshot carries both as heap objects of the
//! context (the interceptor callbacks are registered as external references).

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("vm.createContext", create_context);
  reg.add("vm.run", run);
  reg.add("vm.compileScript", compile_script);
  reg.add("vm.runScript", run_script);
  reg.add("vm.createCachedData", create_cached_data);
  reg.add("vm.compileFunction", compile_function);
  reg.add_external("vm.namedGetter", v8::MapFnTo::<v8::NamedPropertyGetterCallback>::map_fn_to(named_getter) as *mut std::ffi::c_void);
  reg.add_external("vm.namedSetter", v8::MapFnTo::<v8::NamedPropertySetterCallback>::map_fn_to(named_setter) as *mut std::ffi::c_void);
  reg.add_external("vm.namedQuery", v8::MapFnTo::<v8::NamedPropertyQueryCallback>::map_fn_to(named_query) as *mut std::ffi::c_void);
  reg.add_external("vm.namedDeleter", v8::MapFnTo::<v8::NamedPropertyDeleterCallback>::map_fn_to(named_deleter) as *mut std::ffi::c_void);
  reg.add_external("vm.enumerator", v8::MapFnTo::<v8::NamedPropertyEnumeratorCallback>::map_fn_to(enumerator) as *mut std::ffi::c_void);
  reg.add_external("vm.namedDefiner", v8::MapFnTo::<v8::NamedPropertyDefinerCallback>::map_fn_to(named_definer) as *mut std::ffi::c_void);
  reg.add_external("vm.namedDescriptor", v8::MapFnTo::<v8::NamedPropertyDescriptorCallback>::map_fn_to(named_descriptor) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedGetter", v8::MapFnTo::<v8::IndexedPropertyGetterCallback>::map_fn_to(indexed_getter) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedSetter", v8::MapFnTo::<v8::IndexedPropertySetterCallback>::map_fn_to(indexed_setter) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedQuery", v8::MapFnTo::<v8::IndexedPropertyQueryCallback>::map_fn_to(indexed_query) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedDeleter", v8::MapFnTo::<v8::IndexedPropertyDeleterCallback>::map_fn_to(indexed_deleter) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedDefiner", v8::MapFnTo::<v8::IndexedPropertyDefinerCallback>::map_fn_to(indexed_definer) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedEnumerator", v8::MapFnTo::<v8::IndexedPropertyEnumeratorCallback>::map_fn_to(indexed_enumerator) as *mut std::ffi::c_void);
  reg.add_external("vm.indexedDescriptor", v8::MapFnTo::<v8::IndexedPropertyDescriptorCallback>::map_fn_to(indexed_descriptor) as *mut std::ffi::c_void);
}

/// `createContext(sandbox)` -> the new context's global proxy (lib/vm.js keeps the pair).
fn create_context<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  // Without a sandbox (vm.constants.DONT_CONTEXTIFY) the context is an ordinary one: no
  // interceptors, its global is the context object.
  let sandbox = if args.get(0).is_undefined() {
    None
  } else {
    let Ok(sandbox) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return throw_type_error(scope, "sandbox must be an object") };
    Some(sandbox)
  };
  let current = scope.get_current_context();
  // The sandbox is found through a private key on the new global, set only once the
  // context exists: while V8 sets up the new global's builtins, the interceptors must not
  // forward (a sandbox that is itself a global would hand V8 its own builtins). It is not
  // the template's data: templates are isolate-wide in a snapshot, and an object they
  // refer to would be written twice and come back as a copy.
  let templ = v8::ObjectTemplate::new(scope);
  templ.set_named_property_handler(
    v8::NamedPropertyHandlerConfiguration::new()
      .getter(named_getter)
      .setter(named_setter)
      .query(named_query)
      .deleter(named_deleter)
      .enumerator(enumerator)
      .definer(named_definer)
      .descriptor(named_descriptor),
  );
  templ.set_indexed_property_handler(
    v8::IndexedPropertyHandlerConfiguration::new()
      .getter(indexed_getter)
      .setter(indexed_setter)
      .query(indexed_query)
      .deleter(indexed_deleter)
      .enumerator(indexed_enumerator)
      .definer(indexed_definer)
      .descriptor(indexed_descriptor),
  );
  // microtaskMode 'afterEvaluate': the context gets a queue of its own, drained after
  // each evaluation in it (run_script) rather than with the isolate's.
  let queue = args.get(3).is_true().then(|| v8::MicrotaskQueue::new(scope, v8::MicrotasksPolicy::Explicit));
  let queue_ptr = queue.as_ref().map(|q| &**q as *const v8::MicrotaskQueue as *mut v8::MicrotaskQueue);
  let global_template = sandbox.is_some().then_some(templ);
  let ctx = v8::Context::new(scope, v8::ContextOptions { global_template, microtask_queue: queue_ptr, ..Default::default() });
  super::helpers::remove_v8_break_iterator(scope, ctx);
  // Same security token: the main context may read and write the new global.
  let token = current.get_security_token(scope);
  ctx.set_security_token(token);
  // vm's codeGeneration option: code from strings (eval, new Function) through V8's
  // context flag, WebAssembly compilation through a mark the isolate's callback reads.
  if args.get(1).is_false() {
    ctx.set_allow_generation_from_strings(false);
  }
  let global = ctx.global(scope);
  if args.get(2).is_false() {
    let key = no_wasm_key(scope);
    let yes = v8::Boolean::new(scope, true);
    global.set_private(scope, key, yes.into());
  }
  if let Some(queue) = queue {
    let st = crate::state::state(scope);
    let index = {
      let mut st = st.borrow_mut();
      st.vm_microtask_queues.push(queue);
      st.vm_microtask_queues.len() - 1
    };
    let key = queue_key(scope);
    let v = v8::Integer::new_from_unsigned(scope, index as u32);
    global.set_private(scope, key, v.into());
  }
  if let Some(sandbox) = sandbox {
    let key = sandbox_key(scope);
    global.set_private(scope, key, sandbox.into());
  }
  rv.set(global.into());
}

fn queue_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.vm.microtaskQueue");
  v8::Private::for_api(scope, Some(name))
}

/// The microtask queue of the context whose global is `global`, when it has its own.
/// The pointer stays valid while the state lives (queues are never removed).
fn own_queue(scope: &mut v8::PinScope, global: v8::Local<v8::Object>) -> Option<*const v8::MicrotaskQueue> {
  let key = queue_key(scope);
  let index = global.get_private(scope, key)?;
  if !index.is_uint32() {
    return None;
  }
  let index = index.uint32_value(scope)? as usize;
  let st = crate::state::state(scope);
  let st = st.borrow();
  st.vm_microtask_queues.get(index).map(|q| &**q as *const v8::MicrotaskQueue)
}

fn no_wasm_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.vm.noWasm");
  v8::Private::for_api(scope, Some(name))
}

/// The isolate's AllowWasmCodeGenerationCallback: refused in vm contexts created with
/// `codeGeneration: { wasm: false }`.
pub(crate) unsafe extern "C" fn allow_wasm_code_generation(context: v8::Local<v8::Context>, _source: v8::Local<v8::String>) -> bool {
  v8::callback_scope!(unsafe scope, context);
  let global = context.global(scope);
  let key = no_wasm_key(scope);
  !global.has_private(scope, key).unwrap_or(false)
}

/// `run(global, code, filename, lineOffset, columnOffset)`: compile and run `code` in the
/// context of `global`.
fn run<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(global) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return throw_type_error(scope, "not a vm context") };
  let Some(ctx) = global.get_creation_context(scope) else { return throw_type_error(scope, "not a vm context") };
  let Ok(code) = v8::Local::<v8::String>::try_from(args.get(1)) else { return throw_type_error(scope, "code must be a string") };
  let filename = string_arg(scope, &args, 2);
  let line = args.get(3).int32_value(scope).unwrap_or(0);
  let column = args.get(4).int32_value(scope).unwrap_or(0);
  let result = {
    let scope = &mut v8::ContextScope::new(scope, ctx);
    let name = new_string(scope, &filename);
    let origin = v8::ScriptOrigin::new(scope, name.into(), line, column, false, 0, None, false, false, false, None);
    let Some(script) = v8::Script::compile(scope, code, Some(&origin)) else { return };
    script.run(scope)
  };
  if let Some(v) = result {
    rv.set(v);
  }
}

// ---- vm.Script ----------------------------------------------------------------------

/// `compileScript(code, filename, lineOffset, columnOffset, cachedData, produceCachedData,
/// importId)` -> `[handle, cachedDataRejected, cachedData, sourceMapURL]`. The handle is
/// an object whose internal field holds the context-independent script; `importId` goes
/// into the script's host-defined options, for `import()` (see `esm::dynamic_import`).
fn compile_script<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(code) = v8::Local::<v8::String>::try_from(args.get(0)) else { return throw_type_error(scope, "code must be a string") };
  let filename = string_arg(scope, &args, 1);
  let line = args.get(2).int32_value(scope).unwrap_or(0);
  let column = args.get(3).int32_value(scope).unwrap_or(0);
  let cached: Option<Vec<u8>> = v8::Local::<v8::ArrayBufferView>::try_from(args.get(4)).ok().map(|view| {
    let mut buf = vec![0u8; view.byte_length()];
    view.copy_contents(&mut buf);
    buf
  });
  let produce = args.get(5).is_true();
  let import_id = args.get(6).number_value(scope).unwrap_or(0.0);
  let options = v8::PrimitiveArray::new(scope, 1);
  let id = v8::Number::new(scope, import_id);
  options.set(scope, 0, id.into());
  let name = new_string(scope, &filename);
  let origin = v8::ScriptOrigin::new(scope, name.into(), line, column, false, 0, None, false, false, false, Some(options.into()));
  v8::tc_scope!(let tc, scope);
  // The syntax error is caught here to be decorated, then rethrown to the caller.
  let compiled = crate::worker::no_abort_scope(|| match cached {
    Some(bytes) => {
      let data = v8::script_compiler::CachedData::new(&bytes);
      let mut src = v8::script_compiler::Source::new_with_cached_data(code, Some(&origin), data);
      v8::script_compiler::compile_unbound_script(tc, &mut src, v8::script_compiler::CompileOptions::ConsumeCodeCache, v8::script_compiler::NoCacheReason::NoReason)
        .map(|u| (u, Some(src.get_cached_data().map(|c| c.rejected()).unwrap_or(true))))
    }
    None => {
      let mut src = v8::script_compiler::Source::new(code, Some(&origin));
      v8::script_compiler::compile_unbound_script(tc, &mut src, v8::script_compiler::CompileOptions::NoCompileOptions, v8::script_compiler::NoCacheReason::NoReason).map(|u| (u, None))
    }
  });
  let Some((unbound, rejected)) = compiled else {
    // A syntax error shows its place at the top of its stack, as Node's
    // ContextifyScript does (whatever displayErrors says).
    if !tc.has_terminated() {
      if let (Some(exception), Some(message)) = (tc.exception(), tc.message()) {
        decorate_error_stack(tc, exception, message, i64::from(line), usize::try_from(column).unwrap_or(0));
      }
    }
    tc.rethrow();
    return;
  };
  let scope = tc;
  let templ = v8::ObjectTemplate::new(scope);
  templ.set_internal_field_count(1);
  let Some(handle) = templ.new_instance(scope) else { return };
  handle.set_internal_field(0, unbound.into());
  let rejected: v8::Local<v8::Value> = match rejected {
    Some(r) => v8::Boolean::new(scope, r).into(),
    None => v8::undefined(scope).into(),
  };
  let data: v8::Local<v8::Value> = if produce { code_cache(scope, unbound) } else { v8::undefined(scope).into() };
  let url = unbound.get_source_mapping_url(scope);
  let arr = v8::Array::new_with_elements(scope, &[handle.into(), rejected, data, url]);
  rv.set(arr.into());
}

fn code_cache<'s>(scope: &mut v8::PinScope<'s, '_>, unbound: v8::Local<'s, v8::UnboundScript>) -> v8::Local<'s, v8::Value> {
  let bytes = unbound.create_code_cache().map(|c| c.to_vec()).unwrap_or_default();
  let len = bytes.len();
  let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
  let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
  v8::Uint8Array::new(scope, ab, 0, len).map(|u| u.into()).unwrap_or_else(|| v8::undefined(scope).into())
}

fn unbound_of<'s>(scope: &mut v8::PinScope<'s, '_>, v: v8::Local<'s, v8::Value>) -> Option<v8::Local<'s, v8::UnboundScript>> {
  let obj = v8::Local::<v8::Object>::try_from(v).ok()?;
  if obj.internal_field_count() < 1 {
    return None;
  }
  let data = obj.get_internal_field(scope, 0)?;
  // SAFETY: handles are made only by `compile_script`, whose field 0 is an UnboundScript.
  Some(unsafe { v8::Local::<v8::UnboundScript>::cast_unchecked(data) })
}

/// `createCachedData(handle)` -> Uint8Array of V8's code cache for the script.
fn create_cached_data<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(unbound) = unbound_of(scope, args.get(0)) else { return throw_type_error(scope, "not a vm.Script") };
  let v = code_cache(scope, unbound);
  rv.set(v);
}

/// `runScript(handle, global, timeout)`: runs the script in `global`'s context (this
/// context when undefined). With a timeout, a watchdog thread terminates the run, which
/// then throws ERR_SCRIPT_EXECUTION_TIMEOUT.
fn run_script<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(unbound) = unbound_of(scope, args.get(0)) else { return throw_type_error(scope, "not a vm.Script") };
  let (ctx, queue) = match v8::Local::<v8::Object>::try_from(args.get(1)) {
    Ok(global) => match global.get_creation_context(scope) {
      Some(c) => (c, own_queue(scope, global)),
      None => return throw_type_error(scope, "not a vm context"),
    },
    Err(_) => (scope.get_current_context(), None),
  };
  let timeout = args.get(2).number_value(scope).unwrap_or(0.0);
  let display_errors = args.get(3).is_true();
  let line_offset = args.get(4).integer_value(scope).unwrap_or(0);
  let column_offset = args.get(5).integer_value(scope).unwrap_or(0).max(0) as usize;
  v8::tc_scope!(let tc, scope);
  let result = with_timeout(tc, timeout, |scope| {
    let scope = &mut v8::ContextScope::new(scope, ctx);
    let script = unbound.bind_to_current_context(scope);
    let result = script.run(scope);
    // 'afterEvaluate': the context's own microtasks run now, still under the timeout.
    if let (Some(_), Some(queue)) = (result, queue) {
      // SAFETY: the queue lives as long as the state (never removed), see own_queue.
      unsafe { &*queue }.perform_checkpoint(scope);
    }
    result
  });
  match result {
    Some(v) => rv.set(v),
    None => {
      if display_errors && !tc.has_terminated() {
        if let (Some(exception), Some(message)) = (tc.exception(), tc.message()) {
          decorate_error_stack(tc, exception, message, line_offset, column_offset);
        }
      }
      tc.rethrow();
    }
  }
}

/// The private key marking an error whose `stack` already starts with its source line.
pub(crate) fn decorated_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.errorDecorated");
  v8::Private::for_api(scope, Some(name))
}

/// As Node's `displayErrors`: an Error thrown by a script's own code gets the place it
/// was thrown (`file:line`, the source line and a caret) in front of its `stack`, once.
fn decorate_error_stack<'s>(scope: &mut v8::PinScope<'s, '_>, exception: v8::Local<'s, v8::Value>, message: v8::Local<'s, v8::Message>, line_offset: i64, column_offset: usize) {
  if !exception.is_native_error() {
    return;
  }
  let Ok(err) = v8::Local::<v8::Object>::try_from(exception) else { return };
  let key = decorated_key(scope);
  if err.has_private(scope, key) == Some(true) {
    return;
  }
  // Errors made natively (a timeout) have no script position to show.
  if message.get_script_resource_name(scope).is_none_or(|n| !n.is_string()) {
    return;
  }
  let stack_key = new_string(scope, "stack");
  let Some(stack) = err.get(scope, stack_key.into()).filter(|s| s.is_string()) else { return };
  let Some(arrow) = crate::errors::arrow_with_offset(scope, message, line_offset, column_offset) else { return };
  let stack = stack.to_rust_string_lossy(scope);
  let decorated = new_string(scope, &format!("{arrow}\n{stack}"));
  err.set(scope, stack_key.into(), decorated.into());
  let yes = v8::Boolean::new(scope, true);
  err.set_private(scope, key, yes.into());
}

/// `compileFunction(code, filename, params, lineOffset, columnOffset, importId, global,
/// extensions, cachedData, produceCachedData)` -> `[fn, cachedDataRejected, cachedData]`:
/// `code` as a function body in `global`'s context (this one when undefined), with the
/// context extension objects in scope.
fn compile_function<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(code) = v8::Local::<v8::String>::try_from(args.get(0)) else { return throw_type_error(scope, "code must be a string") };
  let filename = string_arg(scope, &args, 1);
  let mut params = Vec::new();
  if let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(2)) {
    for i in 0..arr.length() {
      let Some(v) = arr.get_index(scope, i) else { return };
      let Ok(s) = v8::Local::<v8::String>::try_from(v) else { return throw_type_error(scope, "params must be strings") };
      params.push(s);
    }
  }
  let line = args.get(3).int32_value(scope).unwrap_or(0);
  let column = args.get(4).int32_value(scope).unwrap_or(0);
  let import_id = args.get(5).number_value(scope).unwrap_or(0.0);
  let ctx = match v8::Local::<v8::Object>::try_from(args.get(6)).ok().and_then(|g| g.get_creation_context(scope)) {
    Some(c) => c,
    None => scope.get_current_context(),
  };
  let mut extensions = Vec::new();
  if let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(7)) {
    for i in 0..arr.length() {
      if let Some(o) = arr.get_index(scope, i).and_then(|v| v8::Local::<v8::Object>::try_from(v).ok()) {
        extensions.push(o);
      }
    }
  }
  let cached: Option<Vec<u8>> = v8::Local::<v8::ArrayBufferView>::try_from(args.get(8)).ok().map(|view| {
    let mut buf = vec![0u8; view.byte_length()];
    view.copy_contents(&mut buf);
    buf
  });
  let produce = args.get(9).is_true();
  let scope = &mut v8::ContextScope::new(scope, ctx);
  let options = v8::PrimitiveArray::new(scope, 1);
  let id = v8::Number::new(scope, import_id);
  options.set(scope, 0, id.into());
  let name = new_string(scope, &filename);
  let origin = v8::ScriptOrigin::new(scope, name.into(), line, column, false, 0, None, false, false, false, Some(options.into()));
  let (f, rejected) = match cached {
    Some(bytes) => {
      let data = v8::script_compiler::CachedData::new(&bytes);
      let mut src = v8::script_compiler::Source::new_with_cached_data(code, Some(&origin), data);
      let Some(f) = v8::script_compiler::compile_function(scope, &mut src, &params, &extensions, v8::script_compiler::CompileOptions::ConsumeCodeCache, v8::script_compiler::NoCacheReason::NoReason) else { return };
      let rejected = src.get_cached_data().map(|c| c.rejected()).unwrap_or(true);
      (f, Some(rejected))
    }
    None => {
      let mut src = v8::script_compiler::Source::new(code, Some(&origin));
      let Some(f) = v8::script_compiler::compile_function(scope, &mut src, &params, &extensions, v8::script_compiler::CompileOptions::NoCompileOptions, v8::script_compiler::NoCacheReason::NoReason) else { return };
      (f, None)
    }
  };
  let rejected: v8::Local<v8::Value> = match rejected {
    Some(r) => v8::Boolean::new(scope, r).into(),
    None => v8::undefined(scope).into(),
  };
  let data: v8::Local<v8::Value> = if produce {
    let bytes = f.create_code_cache().map(|c| c.to_vec()).unwrap_or_default();
    let len = bytes.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
    v8::Uint8Array::new(scope, ab, 0, len).map(|u| u.into()).unwrap_or_else(|| v8::undefined(scope).into())
  } else {
    v8::undefined(scope).into()
  };
  let arr = v8::Array::new_with_elements(scope, &[f.into(), rejected, data]);
  rv.set(arr.into());
}

/// Runs `f`; with a timeout (ms, > 0), a watchdog thread terminates it when the time is
/// up, and then ERR_SCRIPT_EXECUTION_TIMEOUT is thrown and None returned.
pub(crate) fn with_timeout<'s, F>(scope: &mut v8::PinScope<'s, '_>, timeout: f64, f: F) -> Option<v8::Local<'s, v8::Value>>
where
  F: FnOnce(&mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>>,
{
  if !(timeout > 0.0) {
    return f(scope);
  }
  let handle = scope.thread_safe_handle();
  let (tx, rx) = std::sync::mpsc::channel::<()>();
  let fired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
  let f2 = fired.clone();
  let ms = timeout as u64;
  let t = std::thread::spawn(move || {
    if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(std::time::Duration::from_millis(ms)) {
      f2.store(true, std::sync::atomic::Ordering::SeqCst);
      handle.terminate_execution();
    }
  });
  let result = f(scope);
  let _ = tx.send(());
  let _ = t.join();
  if fired.load(std::sync::atomic::Ordering::SeqCst) {
    scope.cancel_terminate_execution();
    let msg = format!("Script execution timed out after {ms}ms");
    let m = new_string(scope, &msg);
    let e = v8::Exception::error(scope, m);
    let k = new_string(scope, "code");
    let c = new_string(scope, "ERR_SCRIPT_EXECUTION_TIMEOUT");
    e.cast::<v8::Object>().set(scope, k.into(), c.into());
    scope.throw_exception(e);
    return None;
  }
  result
}

// ---- interceptors -----------------------------------------------------------------

fn sandbox_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.vm.sandbox");
  v8::Private::for_api(scope, Some(name))
}

fn sandbox_of<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>) -> Option<v8::Local<'s, v8::Object>> {
  let proxy = proxy_of(scope, args)?;
  let key = sandbox_key(scope);
  let v = proxy.get_private(scope, key)?;
  v8::Local::<v8::Object>::try_from(v).ok()
}

fn proxy_of<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>) -> Option<v8::Local<'s, v8::Object>> {
  let holder = args.holder();
  let ctx = holder.get_creation_context(scope)?;
  Some(ctx.global(scope))
}

fn named_getter<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  let holder = args.holder();
  // (Attributes first: they are found without running a getter, so a getter that
  // throws is told apart from a missing property.)
  let found = if sandbox.is_proxy() {
    // A Proxy has no real properties of its own to tell apart: as Node, what it does
    // not give is looked up on the context's global.
    sandbox.get_real_named_property(scope, key).or_else(|| holder.get_real_named_property(scope, key))
  } else if sandbox.get_real_named_property_attributes(scope, key).is_some() {
    match sandbox.get_real_named_property(scope, key) {
      Some(v) => Some(v),
      None => return v8::Intercepted::kYes,
    }
  } else {
    holder.get_real_named_property(scope, key)
  };
  match found {
    Some(v) => {
      if v.strict_equals(sandbox.into()) {
        if let Some(p) = proxy_of(scope, &args) {
          rv.set(p.into());
          return v8::Intercepted::kYes;
        }
      }
      rv.set(v);
      v8::Intercepted::kYes
    }
    None => v8::Intercepted::kNo,
  }
}

fn named_setter<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  let holder = args.holder();
  let on_global = holder.get_real_named_property_attributes(scope, key);
  let on_sandbox = sandbox.get_real_named_property_attributes(scope, key);
  let read_only = on_global.as_ref().is_some_and(|a| a.is_read_only()) || on_sandbox.as_ref().is_some_and(|a| a.is_read_only());
  if read_only {
    return v8::Intercepted::kNo;
  }
  // An undeclared name assigned in strict code is V8's ReferenceError. (Node tells `x = 5`
  // from `this.x = 5` by the receiver, which the v8 crate does not expose: a strict
  // `this.x = 5` of a new name stays on the context's global.)
  let is_declared = on_global.is_some() || on_sandbox.is_some();
  if !is_declared && args.should_throw_on_error() && !value.is_function() {
    return v8::Intercepted::kNo;
  }
  if !is_declared && key.is_symbol() {
    return v8::Intercepted::kNo;
  }
  if sandbox.set(scope, key.into(), value).is_none() {
    return v8::Intercepted::kNo;
  }
  if on_sandbox.is_some() {
    if let Some(desc) = sandbox.get_own_property_descriptor(scope, key) {
      if let Ok(d) = v8::Local::<v8::Object>::try_from(desc) {
        let get = new_string(scope, "get");
        let set = new_string(scope, "set");
        if d.has_own_property(scope, get.into()).unwrap_or(false) || d.has_own_property(scope, set.into()).unwrap_or(false) {
          return v8::Intercepted::kYes;
        }
      }
    }
  }
  v8::Intercepted::kNo
}

fn named_query<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Integer>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  let target = if sandbox.has_real_named_property(scope, key).unwrap_or(false) {
    sandbox
  } else if args.holder().has_real_named_property(scope, key).unwrap_or(false) {
    args.holder()
  } else {
    return v8::Intercepted::kNo;
  };
  match target.get_real_named_property_attributes(scope, key) {
    Some(attr) => {
      rv.set_int32(attr.as_u32() as i32);
      v8::Intercepted::kYes
    }
    None => v8::Intercepted::kNo,
  }
}

fn named_deleter<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  if sandbox.delete(scope, key.into()).unwrap_or(false) {
    return v8::Intercepted::kNo;
  }
  // Not deleted from the sandbox: not deleted from the global either.
  rv.set_bool(false);
  v8::Intercepted::kYes
}

/// The sandbox's enumerable keys split as V8 requires: the named enumerator gives names
/// only, the indexed one array indices only (the sandbox's keys come with indices as
/// numbers); a key of the other kind is a fatal CHECK failure in V8.
fn sandbox_keys<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>, indices: bool) -> Option<v8::Local<'s, v8::Array>> {
  let sandbox = sandbox_of(scope, args)?;
  let names = sandbox.get_property_names(scope, Default::default())?;
  let mut keys = Vec::new();
  for i in 0..names.length() {
    if let Some(key) = names.get_index(scope, i) {
      if key.is_uint32() == indices {
        keys.push(key);
      }
    }
  }
  Some(v8::Array::new_with_elements(scope, &keys))
}

fn enumerator<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
  if let Some(keys) = sandbox_keys(scope, &args, false) {
    rv.set(keys);
  }
}

fn indexed_enumerator<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
  if let Some(keys) = sandbox_keys(scope, &args, true) {
    rv.set(keys);
  }
}

fn named_definer<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, desc: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  if let Some(attr) = args.holder().get_real_named_property_attributes(scope, key) {
    // Neither writable nor configurable on the global: changed on neither.
    if attr.is_read_only() && attr.is_dont_delete() {
      return v8::Intercepted::kNo;
    }
  }
  let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
  let mut d = if desc.has_get() || desc.has_set() {
    v8::PropertyDescriptor::new_from_get_set(if desc.has_get() { desc.get() } else { undefined }, if desc.has_set() { desc.set() } else { undefined })
  } else {
    let value = if desc.has_value() { desc.value() } else { undefined };
    if desc.has_writable() { v8::PropertyDescriptor::new_from_value_writable(value, desc.writable()) } else { v8::PropertyDescriptor::new_from_value(value) }
  };
  if desc.has_enumerable() {
    d.set_enumerable(desc.enumerable());
  }
  if desc.has_configurable() {
    d.set_configurable(desc.configurable());
  }
  let _ = sandbox.define_property(scope, key, &d);
  v8::Intercepted::kNo
}

fn named_descriptor<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
  if sandbox.has_own_property(scope, key).unwrap_or(false) {
    if let Some(d) = sandbox.get_own_property_descriptor(scope, key) {
      rv.set(d);
      return v8::Intercepted::kYes;
    }
  }
  v8::Intercepted::kNo
}

fn index_name<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32) -> v8::Local<'s, v8::Name> {
  new_string(scope, &index.to_string()).into()
}

fn indexed_getter<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Value>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_getter(scope, key, args, rv)
}

fn indexed_setter<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_setter(scope, key, value, args, rv)
}

fn indexed_query<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Integer>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_query(scope, key, args, rv)
}

fn indexed_deleter<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_deleter(scope, key, args, rv)
}

fn indexed_definer<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, desc: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_definer(scope, key, desc, args, rv)
}

fn indexed_descriptor<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, rv: v8::ReturnValue<v8::Value>) -> v8::Intercepted {
  let key = index_name(scope, index);
  named_descriptor(scope, key, args, rv)
}
