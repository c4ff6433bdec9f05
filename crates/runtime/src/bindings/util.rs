//! Introspection used by `util.inspect` and `util.types`: promise and proxy internals,
//! iterator previews, and V8's type predicates. Read-only; never mutates JS objects.

use crate::registry::Registry;

macro_rules! type_checks {
  ($($name:literal => $method:ident),* $(,)?) => {
    fn register_types(reg: &mut Registry) {
      $(
        reg.add(concat!("types.", $name), {
          fn check<'s>(_scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
            rv.set_bool(args.get(0).$method());
          }
          check
        });
      )*
    }
  };
}

type_checks! {
  "isExternal" => is_external,
  "isDate" => is_date,
  "isArgumentsObject" => is_arguments_object,
  "isBigIntObject" => is_big_int_object,
  "isBooleanObject" => is_boolean_object,
  "isNumberObject" => is_number_object,
  "isStringObject" => is_string_object,
  "isSymbolObject" => is_symbol_object,
  "isNativeError" => is_native_error,
  "isRegExp" => is_reg_exp,
  "isAsyncFunction" => is_async_function,
  "isGeneratorFunction" => is_generator_function,
  "isGeneratorObject" => is_generator_object,
  "isPromise" => is_promise,
  "isMap" => is_map,
  "isSet" => is_set,
  "isMapIterator" => is_map_iterator,
  "isSetIterator" => is_set_iterator,
  "isWeakMap" => is_weak_map,
  "isWeakSet" => is_weak_set,
  "isArrayBuffer" => is_array_buffer,
  "isDataView" => is_data_view,
  "isSharedArrayBuffer" => is_shared_array_buffer,
  "isProxy" => is_proxy,
  "isModuleNamespaceObject" => is_module_namespace_object,
  "isAnyArrayBuffer" => is_any_array_buffer,
  "isBoxedPrimitive" => is_boxed_primitive,
}

trait ExtraChecks {
  fn is_any_array_buffer(&self) -> bool;
  fn is_boxed_primitive(&self) -> bool;
}

impl ExtraChecks for v8::Value {
  fn is_any_array_buffer(&self) -> bool {
    self.is_array_buffer() || self.is_shared_array_buffer()
  }
  fn is_boxed_primitive(&self) -> bool {
    self.is_big_int_object() || self.is_boolean_object() || self.is_number_object() || self.is_string_object() || self.is_symbol_object()
  }
}

pub fn register(reg: &mut Registry) {
  register_types(reg);
  reg.add("util.getPromiseState", get_promise_state);
  reg.add("util.getProxyDetails", get_proxy_details);
  reg.add("util.previewEntries", preview_entries);
  reg.add("util.getConstructorName", get_constructor_name);
  reg.add("util.errnoInfo", errno_info);
  reg.add("util.systemErrors", system_errors);
  reg.add("util.arrayBufferViewHasBuffer", array_buffer_view_has_buffer);
}

/// `arrayBufferViewHasBuffer(view)`: whether V8 has given the view's memory an
/// ArrayBuffer of its own yet (small typed arrays start on the JS heap).
fn array_buffer_view_has_buffer<'s>(_scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else { return };
  rv.set_bool(view.has_buffer());
}

/// `systemErrors()` -> `[errno, code, message, ...]` for every error libuv names
/// (`helpers::UV_ERRORS`): `util.getSystemErrorName` and `getSystemErrorMap`.
fn system_errors<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut items: Vec<v8::Local<v8::Value>> = Vec::with_capacity(super::helpers::UV_ERRORS.len() * 3);
  for &(errno, code, message) in super::helpers::UV_ERRORS {
    items.push(v8::Integer::new(scope, errno).into());
    items.push(super::helpers::new_string(scope, code).into());
    items.push(super::helpers::new_string(scope, message).into());
  }
  let arr = v8::Array::new_with_elements(scope, &items);
  rv.set(arr.into());
}

/// `errnoInfo(errno)` -> `[code, message]` as libuv names them (`EPIPE`, `broken pipe`):
/// the one errno table (`helpers::errno_info`), for errors made in JS.
fn errno_info<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let errno = args.get(0).int32_value(scope).unwrap_or(libc::EIO);
  let (code, desc) = super::helpers::errno_info(errno);
  let code = super::helpers::new_string(scope, code);
  let desc = super::helpers::new_string(scope, desc);
  let arr = v8::Array::new_with_elements(scope, &[code.into(), desc.into()]);
  rv.set(arr.into());
}

/// `[state, result]` with state 0 pending, 1 fulfilled, 2 rejected.
fn get_promise_state<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(p) = v8::Local::<v8::Promise>::try_from(args.get(0)) else { return };
  let (s, r) = match p.state() {
    v8::PromiseState::Pending => (0, v8::undefined(scope).into()),
    v8::PromiseState::Fulfilled => (1, p.result(scope)),
    v8::PromiseState::Rejected => (2, p.result(scope)),
  };
  let s = v8::Integer::new(scope, s).into();
  let arr = v8::Array::new_with_elements(scope, &[s, r]);
  rv.set(arr.into());
}

/// `[target, handler]` for a Proxy, undefined otherwise.
fn get_proxy_details<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(p) = v8::Local::<v8::Proxy>::try_from(args.get(0)) else { return };
  let t = p.get_target(scope);
  let h = p.get_handler(scope);
  let arr = v8::Array::new_with_elements(scope, &[t, h]);
  rv.set(arr.into());
}

/// `[entries, isKeyValue]` for Map/Set iterators and WeakMap/WeakSet.
fn preview_entries<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(o) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
  let (entries, kv) = o.preview_entries(scope);
  let Some(entries) = entries else { return };
  let kv = v8::Boolean::new(scope, kv).into();
  let arr = v8::Array::new_with_elements(scope, &[entries.into(), kv]);
  rv.set(arr.into());
}

fn get_constructor_name<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(o) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
  let name = o.get_constructor_name();
  let name = v8::Local::new(scope, name);
  rv.set(name.into());
}
