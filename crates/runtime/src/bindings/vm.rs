//! `node:vm` contexts: a new V8 context per `createContext`, referred to from JS by its
//! global object (no native handle), and running a script inside one.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("vm.createContext", create_context);
  reg.add("vm.run", run);
}

/// `createContext()` -> the new context's global object.
fn create_context<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let current = scope.get_current_context();
  let ctx = v8::Context::new(scope, Default::default());
  // Same security token: the main context may read and write the new global.
  let token = current.get_security_token(scope);
  ctx.set_security_token(token);
  let global = ctx.global(scope);
  rv.set(global.into());
}

/// `run(global, code, filename)`: compile and run `code` in `global`'s context.
fn run<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(global) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return throw_type_error(scope, "not a vm context") };
  let Some(ctx) = global.get_creation_context(scope) else { return throw_type_error(scope, "not a vm context") };
  let Ok(code) = v8::Local::<v8::String>::try_from(args.get(1)) else { return throw_type_error(scope, "code must be a string") };
  let filename = string_arg(scope, &args, 2);
  let result = {
    let scope = &mut v8::ContextScope::new(scope, ctx);
    let name = new_string(scope, &filename);
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    let Some(script) = v8::Script::compile(scope, code, Some(&origin)) else { return };
    script.run(scope)
  };
  if let Some(v) = result {
    rv.set(v);
  }
}
