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
  reg.add("napi.prepareSnapshot", prepare_snapshot);
  reg.add("napi.rebind", rebind);
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
  let host = host(scope, op);
  if let Err(e) = amber_napi::load(scope, host, module, &filename, flags) {
    let msg = super::helpers::new_string(scope, &e.to_string());
    let err = v8::Exception::error(scope, msg);
    let k = super::helpers::new_string(scope, "code");
    let v = super::helpers::new_string(scope, "ERR_DLOPEN_FAILED");
    err.cast::<v8::Object>().set(scope, k.into(), v.into());
    scope.throw_exception(err);
  }
}

/// The host of addon environments: wakes the loop through the Node-API op `op`.
fn host(scope: &mut v8::PinScope, op: u32) -> impl FnOnce() -> amber_napi::Host {
  let st = state(scope);
  move || {
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
  }
}

/// While a snapshot is built, after the serialize callbacks: `[{ path, envId, kinds,
/// functions }]` for every addon environment (the functions stay in the heap for
/// `rebind`), or an Error naming what cannot be carried.
fn prepare_snapshot<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  match amber_napi::prepare_snapshot(scope) {
    Err(msg) => super::helpers::throw_error(scope, &msg),
    Ok(envs) => {
      let list = v8::Array::new(scope, envs.len() as i32);
      for (i, env) in envs.into_iter().enumerate() {
        let o = v8::Object::new(scope);
        let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
        let fns: Vec<v8::Local<v8::Value>> = env.functions.iter().map(|f| f.map_or(undefined, Into::into)).collect();
        let fns = v8::Array::new_with_elements(scope, &fns);
        let path = super::helpers::new_string(scope, &env.path);
        let kinds = super::helpers::new_string(scope, &env.kinds);
        let id = v8::Integer::new_from_unsigned(scope, env.id);
        for (k, v) in [("path", path.into()), ("envId", id.into()), ("kinds", kinds.into()), ("functions", fns.into())] {
          let k = super::helpers::new_string(scope, k);
          o.set(scope, k.into(), v);
        }
        list.set_index(scope, i as u32, o.into());
      }
      rv.set(list.into());
    }
  }
}

/// `rebind(path, envId, kinds, functions, opId)`: in a restored process, loads a carried
/// addon again and re-binds the heap's functions to it. Throws an Error with a one-line
/// message naming the file.
fn rebind<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let path = args.get(0).to_rust_string_lossy(scope);
  let env_id = args.get(1).uint32_value(scope).unwrap_or(0);
  let kinds = args.get(2).to_rust_string_lossy(scope);
  let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(3)) else {
    return super::helpers::throw_type_error(scope, "functions must be an array");
  };
  let functions = (0..arr.length()).map(|i| arr.get_index(scope, i).and_then(|v| v8::Local::<v8::Function>::try_from(v).ok())).collect();
  let op = args.get(4).uint32_value(scope).unwrap_or(0);
  let host = host(scope, op);
  if let Err(e) = amber_napi::rebind(scope, host, &path, env_id, &kinds, functions) {
    super::helpers::throw_error(scope, &e.to_string());
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
