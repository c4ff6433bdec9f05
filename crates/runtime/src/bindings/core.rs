//! Core bindings: the microtask queue and fatal-error reporting used by the JS loop code.

use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("core.runMicrotasks", run_microtasks);
  reg.add("core.setOpRef", set_op_ref);
  reg.add("core.enqueueMicrotask", enqueue_microtask);
  reg.add("core.fatal", fatal);
  reg.add("core.getContext", get_context);
  reg.add("core.setContext", set_context);
  reg.add("core.setPromiseHooks", set_promise_hooks);
}

/// `setPromiseHooks(init, before, after, resolve)`: V8's promise hooks on the current
/// context (each a function or undefined), which async_hooks installs only while a hook
/// with promise interest is enabled. They live on the JS context, not in native state;
/// a snapshot build clears them and the restored process installs them again
/// (internal/async_hooks.js).
fn set_promise_hooks<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let f = |i| v8::Local::<v8::Function>::try_from(args.get(i)).ok();
  scope.set_promise_hooks(f(0), f(1), f(2), f(3));
}

/// The async context (AsyncLocalStorage frame) that V8 carries across promise reactions.
fn get_context<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let v = scope.get_continuation_preserved_embedder_data();
  rv.set(v);
}

fn set_context<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  scope.set_continuation_preserved_embedder_data(args.get(0));
}

fn run_microtasks<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  scope.perform_microtask_checkpoint();
}

fn enqueue_microtask<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  if let Ok(f) = v8::Local::<v8::Function>::try_from(args.get(0)) {
    scope.enqueue_microtask(f);
  }
}

/// `fatal(err)`: print `err` as an uncaught exception and exit with code 1. Used for
/// unhandled rejections and errors in microtasks, after JS found no handler.
fn fatal<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let err = args.get(0);
  // An exit code of its own (6: process._fatalException is not a function).
  let code = args.get(1).is_int32().then(|| args.get(1).int32_value(scope)).flatten();
  if let Some(code) = code {
    if crate::errors::worker_fatal_exit(scope, err, code) {
      return;
    }
  }
  crate::errors::exit_with_uncaught_code(scope, err, None, code);
}

/// `setOpRef(opId, refed)`: an unrefed op (a paused stdin read, a child's exit or one of
/// its output pipes) does not keep the loop alive, as with Node's handles.
fn set_op_ref<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let op = args.get(0).uint32_value(scope).unwrap_or(0);
  let refed = args.get(1).boolean_value(scope);
  let st = crate::state::state(scope);
  let mut st = st.borrow_mut();
  if let Some(r) = st.op_refs.get_mut(&op) {
    *r = refed;
  }
}
