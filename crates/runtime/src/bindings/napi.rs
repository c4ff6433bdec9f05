//! Node-API glue: `process.dlopen` and the loop's side of addons. The API itself is the
//! `amber_napi` crate; this module gives each addon environment a host (wake the
//! event loop from any thread through the event channel, keep it alive while async
//! work or thread-safe functions are pending, both under the one persistent op id
//! `lib/internal/process.js` registered for Node-API) and registers the trampoline
//! every addon function goes through as an external reference (`napi.trampoline`),
//! so a snapshot never needs an addon's own function pointers.

use std::sync::Arc;

use crate::registry::Registry;
use crate::state::{state, OpResult};

pub fn register(reg: &mut Registry) {
  reg.add("napi.dlopen", dlopen);
  reg.add("napi.runPending", run_pending);
  reg.add("napi.teardown", teardown);
  reg.add_external("napi.trampoline", amber_napi::TRAMPOLINE as *mut std::ffi::c_void);
}

/// `dlopen(module, filename, flags, opId, forceUncaughtPolicy)`: loads the addon into `module.exports`.
/// Failures throw an Error with code `ERR_DLOPEN_FAILED` whose one-line message names
/// the file; an exception thrown by the addon's init propagates unchanged.
fn dlopen<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let Ok(module) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
    return super::helpers::throw_type_error(scope, "The \"module\" argument must be an object");
  };
  let filename = args.get(1).to_rust_string_lossy(scope);
  let flags = args.get(2).int32_value(scope).unwrap_or(0);
  let op = args.get(3).uint32_value(scope).unwrap_or(0);
  amber_napi::set_force_uncaught_policy(args.get(4).boolean_value(scope));
  let st = state(scope);
  let host = || {
    let tx = st.borrow().events_tx.clone();
    let st2 = st.clone();
    amber_napi::Host {
      wake: Arc::new(move || {
        let _ = tx.send((op, OpResult::Napi));
      }),
      set_alive: Box::new(move |alive| {
        st2.borrow_mut().op_refs.insert(op, alive);
      }),
    }
  };
  if let Err(e) = amber_napi::load(scope, host, module, &filename, flags) {
    let msg = super::helpers::new_string(scope, &e.to_string());
    let err = v8::Exception::error(scope, msg);
    let k = super::helpers::new_string(scope, "code");
    let v = super::helpers::new_string(scope, "ERR_DLOPEN_FAILED");
    err.cast::<v8::Object>().set(scope, k.into(), v.into());
    scope.throw_exception(err);
  }
}

/// Runs the completions other threads queued (async work, thread-safe function calls,
/// finalizers); called when the Node-API op is woken.
fn run_pending<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  amber_napi::run_pending(scope);
}

/// At exit, after `process.on('exit')`: cleanup hooks and the last finalizers.
fn teardown<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  amber_napi::teardown(scope);
}
