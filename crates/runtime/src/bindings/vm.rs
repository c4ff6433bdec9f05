//! `node:vm` contexts: a new V8 context per `createContext`, whose global object forwards
//! to the contextified object (the "sandbox") through property interceptors, as Node's
//! `ContextifyContext` does: reads look in the sandbox first, then in the context's own
//! global (its builtins); writes and definitions go to the sandbox. The sandbox is the
//! interceptors' data; it refers to its context's global proxy through a private key, so
//! no native handle exists and a snapshot carries both as heap objects (the interceptor
//! callbacks are registered as external references).

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("vm.createContext", create_context);
  reg.add("vm.isContext", is_context);
  reg.add("vm.globalOf", global_of);
  reg.add("vm.run", run);
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
  reg.add_external("vm.indexedDescriptor", v8::MapFnTo::<v8::IndexedPropertyDescriptorCallback>::map_fn_to(indexed_descriptor) as *mut std::ffi::c_void);
}

/// The private key under which a contextified object holds its context's global proxy.
fn context_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.vm.context");
  v8::Private::for_api(scope, Some(name))
}

/// `createContext(sandbox)` -> the new context's global proxy, also kept on `sandbox`.
fn create_context<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(sandbox) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return throw_type_error(scope, "sandbox must be an object") };
  let current = scope.get_current_context();
  let templ = v8::ObjectTemplate::new(scope);
  let data: v8::Local<v8::Value> = sandbox.into();
  templ.set_named_property_handler(
    v8::NamedPropertyHandlerConfiguration::new()
      .getter(named_getter)
      .setter(named_setter)
      .query(named_query)
      .deleter(named_deleter)
      .enumerator(enumerator)
      .definer(named_definer)
      .descriptor(named_descriptor)
      .data(data),
  );
  templ.set_indexed_property_handler(
    v8::IndexedPropertyHandlerConfiguration::new()
      .getter(indexed_getter)
      .setter(indexed_setter)
      .query(indexed_query)
      .deleter(indexed_deleter)
      .enumerator(enumerator)
      .definer(indexed_definer)
      .descriptor(indexed_descriptor)
      .data(data),
  );
  let ctx = v8::Context::new(scope, v8::ContextOptions { global_template: Some(templ), ..Default::default() });
  // Same security token: the main context may read and write the new global.
  let token = current.get_security_token(scope);
  ctx.set_security_token(token);
  let global = ctx.global(scope);
  let key = context_key(scope);
  sandbox.set_private(scope, key, global.into());
  rv.set(global.into());
}

fn global_of_value<'s>(scope: &mut v8::PinScope<'s, '_>, v: v8::Local<'s, v8::Value>) -> Option<v8::Local<'s, v8::Object>> {
  let obj = v8::Local::<v8::Object>::try_from(v).ok()?;
  let key = context_key(scope);
  let g = obj.get_private(scope, key)?;
  v8::Local::<v8::Object>::try_from(g).ok()
}

/// `isContext(obj)`: whether `obj` was contextified.
fn is_context<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let r = global_of_value(scope, args.get(0)).is_some();
  rv.set_bool(r);
}

/// `globalOf(sandbox)` -> the global proxy of its context (undefined if not contextified).
fn global_of<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  if let Some(g) = global_of_value(scope, args.get(0)) {
    rv.set(g.into());
  }
}

/// `run(sandbox, code, filename, lineOffset, columnOffset)`: compile and run `code` in the
/// context of `sandbox`.
fn run<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Some(global) = global_of_value(scope, args.get(0)) else { return throw_type_error(scope, "not a vm context") };
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

// ---- interceptors -----------------------------------------------------------------

fn sandbox_of<'s>(args: &v8::PropertyCallbackArguments<'s>) -> Option<v8::Local<'s, v8::Object>> {
  v8::Local::<v8::Object>::try_from(args.data()).ok()
}

fn proxy_of<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>) -> Option<v8::Local<'s, v8::Object>> {
  let holder = args.holder();
  let ctx = holder.get_creation_context(scope)?;
  Some(ctx.global(scope))
}

fn named_getter<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
  let holder = args.holder();
  // (Attributes first: they are found without running a getter, so a getter that
  // throws is told apart from a missing property.)
  let found = if sandbox.get_real_named_property_attributes(scope, key).is_some() {
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
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
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
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
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
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
  if sandbox.delete(scope, key.into()).unwrap_or(false) {
    return v8::Intercepted::kNo;
  }
  // Not deleted from the sandbox: not deleted from the global either.
  rv.set_bool(false);
  v8::Intercepted::kYes
}

fn enumerator<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
  let Some(sandbox) = sandbox_of(&args) else { return };
  if let Some(names) = sandbox.get_property_names(scope, Default::default()) {
    rv.set(names);
  }
}

fn named_definer<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, desc: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> v8::Intercepted {
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
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
  let Some(sandbox) = sandbox_of(&args) else { return v8::Intercepted::kNo };
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
