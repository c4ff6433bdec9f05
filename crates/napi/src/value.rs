//! js_native_api.h: values, conversions, objects and properties, functions and
//! classes, errors and exceptions, references, handle scopes, wraps, type tags,
//! externals, array buffers, typed arrays, BigInt, Date, Promise, instance data.

use std::ffi::{c_char, c_void};
use std::ptr::null_mut;

use crate::env::*;

type R = Result<(), napi_status>;

pub const napi_writable: i32 = 1;
pub const napi_enumerable: i32 = 2;
pub const napi_configurable: i32 = 4;
pub const napi_static: i32 = 1 << 10;

#[repr(C)]
pub struct napi_property_descriptor {
  pub utf8name: *const c_char,
  pub name: napi_value,
  pub method: napi_callback,
  pub getter: napi_callback,
  pub setter: napi_callback,
  pub value: napi_value,
  pub attributes: i32,
  pub data: *mut c_void,
}

pub type napi_ref = *mut Reference;
pub type napi_deferred = *mut v8::Global<v8::PromiseResolver>;

#[repr(C)]
pub struct napi_type_tag {
  pub lower: u64,
  pub upper: u64,
}

fn set<T>(p: *mut T, v: T) -> R {
  if p.is_null() {
    return Err(napi_invalid_arg);
  }
  unsafe { *p = v };
  Ok(())
}

fn setv<T>(p: *mut napi_value, v: v8::Local<T>) -> R {
  set(p, napi(v))
}

unsafe fn str_len(s: *const c_char, len: usize) -> Result<usize, napi_status> {
  if len == usize::MAX {
    if s.is_null() {
      return Err(napi_invalid_arg);
    }
    return Ok(unsafe { libc::strlen(s) });
  }
  if len > i32::MAX as usize || (len > 0 && s.is_null()) {
    return Err(napi_invalid_arg);
  }
  Ok(len)
}

pub(crate) unsafe fn new_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, s: *const c_char, len: usize) -> Result<v8::Local<'s, v8::String>, napi_status> {
  let len = unsafe { str_len(s, len)? };
  if len == 0 {
    return Ok(v8::String::empty(scope));
  }
  let b = unsafe { std::slice::from_raw_parts(s as *const u8, len) };
  v8::String::new_from_utf8(scope, b, v8::NewStringType::Normal).ok_or(napi_generic_failure)
}

fn name<'s>(scope: &mut v8::PinScope<'s, '_>, d: &napi_property_descriptor) -> Result<v8::Local<'s, v8::Name>, napi_status> {
  if !d.utf8name.is_null() {
    return Ok(unsafe { new_utf8(scope, d.utf8name, usize::MAX)? }.into());
  }
  let n = value(d.name).map_err(|_| napi_name_expected)?;
  if !n.is_name() {
    return Err(napi_name_expected);
  }
  Ok(n.cast())
}

fn str_value<'s>(v: napi_value) -> Result<v8::Local<'s, v8::String>, napi_status> {
  let v = value(v)?;
  if !v.is_string() {
    return Err(napi_string_expected);
  }
  Ok(v.cast())
}

// ---- singletons and primitives ----

#[no_mangle]
pub unsafe extern "C" fn napi_get_undefined(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe { call_basic(env, |_, s| setv(result, v8::undefined(s))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_null(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::null(s))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_global(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, s.get_current_context().global(s))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_boolean(env: napi_env, v: bool, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Boolean::new(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_object(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Object::new(s))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_array(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Array::new(s, 0))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_array_with_length(env: napi_env, len: usize, result: *mut napi_value) -> napi_status {
  // As Node: the length is converted to int, and V8 makes a negative one 0.
  unsafe { call(env, |_, s| setv(result, v8::Array::new(s, (len as i32).max(0)))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_double(env: napi_env, v: f64, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Number::new(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_int32(env: napi_env, v: i32, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Integer::new(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_uint32(env: napi_env, v: u32, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Integer::new_from_unsigned(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_int64(env: napi_env, v: i64, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::Number::new(s, v as f64))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_bigint_int64(env: napi_env, v: i64, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::BigInt::new_from_i64(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_bigint_uint64(env: napi_env, v: u64, result: *mut napi_value) -> napi_status {
  unsafe { call(env, |_, s| setv(result, v8::BigInt::new_from_u64(s, v))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_bigint_words(env: napi_env, sign: i32, count: usize, words: *const u64, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(words);
      check_arg!(result);
      if count > i32::MAX as usize {
        return Err(napi_invalid_arg);
      }
      let w = if count == 0 { &[][..] } else { std::slice::from_raw_parts(words, count) };
      match v8::BigInt::new_from_words(s, sign != 0, w) {
        Some(b) => setv(result, b),
        None => Err(napi_generic_failure),
      }
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_string_utf8(env: napi_env, str: *const c_char, len: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let v = new_utf8(s, str, len)?;
      setv(result, v)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_string_latin1(env: napi_env, str: *const c_char, len: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let len = str_len(str, len)?;
      let b = if len == 0 { &[][..] } else { std::slice::from_raw_parts(str as *const u8, len) };
      let v = v8::String::new_from_one_byte(s, b, v8::NewStringType::Normal).ok_or(napi_generic_failure)?;
      setv(result, v)
    })
  }
}
unsafe fn u16_len(str: *const u16, len: usize) -> Result<usize, napi_status> {
  if len == usize::MAX {
    if str.is_null() {
      return Err(napi_invalid_arg);
    }
    let mut n = 0;
    while unsafe { *str.add(n) } != 0 {
      n += 1;
    }
    return Ok(n);
  }
  if len > i32::MAX as usize || (len > 0 && str.is_null()) {
    return Err(napi_invalid_arg);
  }
  Ok(len)
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_string_utf16(env: napi_env, str: *const u16, len: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let len = u16_len(str, len)?;
      let b = if len == 0 { &[][..] } else { std::slice::from_raw_parts(str, len) };
      let v = v8::String::new_from_two_byte(s, b, v8::NewStringType::Normal).ok_or(napi_generic_failure)?;
      setv(result, v)
    })
  }
}
/// External strings: V8 reads the addon's characters in place; when V8 drops the
/// string, the addon's finalizer is queued for the JS thread. Keyed by buffer address.
struct ExternalString {
  env: usize,
  shared: std::sync::Arc<Shared>,
  cb: napi_finalize,
  hint: usize,
}
static EXTERNAL_STRINGS: std::sync::Mutex<Vec<(usize, ExternalString)>> = std::sync::Mutex::new(Vec::new());

fn external_string_dropped(ptr: usize) {
  let entry = {
    let mut list = EXTERNAL_STRINGS.lock().unwrap();
    list.iter().position(|(p, _)| *p == ptr).map(|i| list.swap_remove(i).1)
  };
  if let Some(x) = entry {
    if x.cb.is_some() {
      x.shared.push(Task::Finalize(x.env as napi_env, x.cb, ptr as *mut c_void, x.hint as *mut c_void, null_mut()));
    }
  }
}
unsafe extern "C" fn drop_onebyte(p: *mut c_char, _len: usize) {
  external_string_dropped(p as usize);
}
unsafe extern "C" fn drop_twobyte(p: *mut u16, _len: usize) {
  external_string_dropped(p as usize);
}

/// What both external string kinds share. `len` is the checked length; `make` creates
/// the V8 string over the caller's buffer. The empty string shares nothing: the buffer
/// goes back to its finalizer at once. Otherwise the buffer is recorded so V8's dispose
/// callback (`drop_onebyte`/`drop_twobyte`) reaches `finalize`.
#[allow(clippy::too_many_arguments)]
unsafe fn external_string<'s>(
  e: &mut Env,
  s: &mut v8::PinScope<'s, '_>,
  buf: *mut c_void,
  len: usize,
  finalize: napi_finalize,
  hint: *mut c_void,
  result: *mut napi_value,
  copied: *mut bool,
  make: impl FnOnce(&mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::String>>,
) -> R {
  unsafe {
    if !copied.is_null() {
      *copied = false;
    }
    if len == 0 {
      if finalize.is_some() {
        let ep: napi_env = e;
        e.shared.push(Task::Finalize(ep, finalize, buf, hint, null_mut()));
      }
      return setv(result, v8::String::empty(s));
    }
    EXTERNAL_STRINGS.lock().unwrap().push((buf as usize, ExternalString { env: e as *mut Env as usize, shared: e.shared.clone(), cb: finalize, hint: hint as usize }));
    let v = make(s).ok_or(napi_generic_failure)?;
    setv(result, v)
  }
}

#[no_mangle]
pub unsafe extern "C" fn node_api_create_external_string_latin1(
  env: napi_env,
  str: *mut c_char,
  len: usize,
  finalize: napi_finalize,
  hint: *mut c_void,
  result: *mut napi_value,
  copied: *mut bool,
) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      let len = str_len(str, len)?;
      external_string(e, s, str as *mut c_void, len, finalize, hint, result, copied, |s| v8::String::new_external_onebyte_raw(s, str, len, drop_onebyte))
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn node_api_create_external_string_utf16(
  env: napi_env,
  str: *mut u16,
  len: usize,
  finalize: napi_finalize,
  hint: *mut c_void,
  result: *mut napi_value,
  copied: *mut bool,
) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      let len = u16_len(str, len)?;
      external_string(e, s, str as *mut c_void, len, finalize, hint, result, copied, |s| v8::String::new_external_twobyte_raw(s, str, len, drop_twobyte))
    })
  }
}
fn internalize<'s>(s: &mut v8::PinScope<'s, '_>, v: napi_value) -> napi_value {
  if let Some(l) = local(v) {
    let st: v8::Local<v8::String> = l.cast();
    let rust = st.to_rust_string_lossy(s);
    if let Some(i) = v8::String::new_from_utf8(s, rust.as_bytes(), v8::NewStringType::Internalized) {
      return napi(i);
    }
  }
  v
}
#[no_mangle]
pub unsafe extern "C" fn node_api_create_property_key_utf8(env: napi_env, str: *const c_char, len: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let len = str_len(str, len)?;
      let b = if len == 0 { &[][..] } else { std::slice::from_raw_parts(str as *const u8, len) };
      let v = v8::String::new_from_utf8(s, b, v8::NewStringType::Internalized).ok_or(napi_generic_failure)?;
      setv(result, v)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn node_api_create_property_key_latin1(env: napi_env, str: *const c_char, len: usize, result: *mut napi_value) -> napi_status {
  let st = unsafe { napi_create_string_latin1(env, str, len, result) };
  if st == napi_ok {
    unsafe { call(env, |_, s| set(result, internalize(s, *result))) }
  } else {
    st
  }
}
#[no_mangle]
pub unsafe extern "C" fn node_api_create_property_key_utf16(env: napi_env, str: *const u16, len: usize, result: *mut napi_value) -> napi_status {
  let st = unsafe { napi_create_string_utf16(env, str, len, result) };
  if st == napi_ok {
    unsafe { call(env, |_, s| set(result, internalize(s, *result))) }
  } else {
    st
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_symbol(env: napi_env, description: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let d = match local(description) {
        None => None,
        Some(d) if d.is_string() => Some(d.cast::<v8::String>()),
        Some(_) => return Err(napi_string_expected),
      };
      setv(result, v8::Symbol::new(s, d))
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn node_api_symbol_for(env: napi_env, str: *const c_char, len: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(result);
      let d = new_utf8(s, str, len)?;
      setv(result, v8::Symbol::for_key(s, d))
    })
  }
}

// ---- reading values ----

#[no_mangle]
pub unsafe extern "C" fn napi_typeof(env: napi_env, v: napi_value, result: *mut i32) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      let t = if v.is_number() {
        3
      } else if v.is_big_int() {
        9
      } else if v.is_string() {
        4
      } else if v.is_function() {
        7
      } else if v.is_external() {
        8
      } else if v.is_object() {
        6
      } else if v.is_boolean() {
        2
      } else if v.is_undefined() {
        0
      } else if v.is_symbol() {
        5
      } else if v.is_null() {
        1
      } else {
        return Err(napi_invalid_arg);
      };
      set(result, t)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_double(env: napi_env, v: napi_value, result: *mut f64) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_number() {
        return Err(napi_number_expected);
      }
      set(result, v.cast::<v8::Number>().value())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_int32(env: napi_env, v: napi_value, result: *mut i32) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_number() {
        return Err(napi_number_expected);
      }
      set(result, v.int32_value(s).unwrap_or(0))
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_uint32(env: napi_env, v: napi_value, result: *mut u32) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_number() {
        return Err(napi_number_expected);
      }
      set(result, v.uint32_value(s).unwrap_or(0))
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_int64(env: napi_env, v: napi_value, result: *mut i64) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_number() {
        return Err(napi_number_expected);
      }
      let d = v.cast::<v8::Number>().value();
      set(result, if d.is_finite() { v.integer_value(s).unwrap_or(0) } else { 0 })
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_bool(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_boolean() {
        return Err(napi_boolean_expected);
      }
      set(result, v.is_true())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_bigint_int64(env: napi_env, v: napi_value, result: *mut i64, lossless: *mut bool) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      check_arg!(lossless);
      if !v.is_big_int() {
        return Err(napi_bigint_expected);
      }
      let (x, l) = v.cast::<v8::BigInt>().i64_value();
      *lossless = l;
      set(result, x)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_bigint_uint64(env: napi_env, v: napi_value, result: *mut u64, lossless: *mut bool) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      check_arg!(lossless);
      if !v.is_big_int() {
        return Err(napi_bigint_expected);
      }
      let (x, l) = v.cast::<v8::BigInt>().u64_value();
      *lossless = l;
      set(result, x)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_bigint_words(env: napi_env, v: napi_value, sign: *mut i32, count: *mut usize, words: *mut u64) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(count);
      if !v.is_big_int() {
        return Err(napi_bigint_expected);
      }
      let b = v.cast::<v8::BigInt>();
      if words.is_null() {
        *count = b.word_count();
        return Ok(());
      }
      let buf = std::slice::from_raw_parts_mut(words, *count);
      let (neg, used) = b.to_words_array(buf);
      *count = used.len();
      if !sign.is_null() {
        *sign = neg as i32;
      }
      Ok(())
    })
  }
}

fn write_result(buf_given: bool, result: *mut usize, n: usize) -> R {
  if !result.is_null() {
    unsafe { *result = n };
  } else if !buf_given {
    return Err(napi_invalid_arg);
  }
  Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn napi_get_value_string_utf8(env: napi_env, v: napi_value, buf: *mut c_char, size: usize, result: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let st = str_value(v)?;
      if buf.is_null() {
        check_arg!(result);
        return write_result(false, result, st.utf8_length(s));
      }
      if size == 0 {
        return write_result(true, result, 0);
      }
      let out = std::slice::from_raw_parts_mut(buf as *mut u8, size - 1);
      let n = st.write_utf8_v2(s, out, v8::WriteFlags::kReplaceInvalidUtf8, None);
      *buf.add(n) = 0;
      write_result(true, result, n)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_string_latin1(env: napi_env, v: napi_value, buf: *mut c_char, size: usize, result: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let st = str_value(v)?;
      if buf.is_null() {
        check_arg!(result);
        return write_result(false, result, st.length());
      }
      if size == 0 {
        return write_result(true, result, 0);
      }
      let n = st.length().min(size - 1);
      let out = std::slice::from_raw_parts_mut(buf as *mut u8, n);
      st.write_one_byte_v2(s, 0, out, v8::WriteFlags::empty());
      *buf.add(n) = 0;
      write_result(true, result, n)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_string_utf16(env: napi_env, v: napi_value, buf: *mut u16, size: usize, result: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let st = str_value(v)?;
      if buf.is_null() {
        check_arg!(result);
        return write_result(false, result, st.length());
      }
      if size == 0 {
        return write_result(true, result, 0);
      }
      let n = st.length().min(size - 1);
      let out = std::slice::from_raw_parts_mut(buf, n);
      st.write_v2(s, 0, out, v8::WriteFlags::empty());
      *buf.add(n) = 0;
      write_result(true, result, n)
    })
  }
}

// ---- coercion ----

macro_rules! coerce {
  ($name:ident, $method:ident) => {
    #[no_mangle]
    pub unsafe extern "C" fn $name(env: napi_env, v: napi_value, result: *mut napi_value) -> napi_status {
      unsafe {
        call_js(env, |_, s| {
          let v = value(v)?;
          check_arg!(result);
          match v.$method(s) {
            Some(r) => setv(result, r),
            None => Err(napi_generic_failure),
          }
        })
      }
    }
  };
}
coerce!(napi_coerce_to_number, to_number);
coerce!(napi_coerce_to_object, to_object);
coerce!(napi_coerce_to_string, to_string);
#[no_mangle]
pub unsafe extern "C" fn napi_coerce_to_bool(env: napi_env, v: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      check_arg!(result);
      let b = v.boolean_value(s);
      setv(result, v8::Boolean::new(s, b))
    })
  }
}

// ---- objects and properties ----

#[no_mangle]
pub unsafe extern "C" fn napi_set_property(env: napi_env, o: napi_value, k: napi_value, v: napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let k = value(k)?;
      let v = value(v)?;
      let o = object(s, o)?;
      o.set(s, k, v).ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_has_property(env: napi_env, o: napi_value, k: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let k = value(k)?;
      let o = object(s, o)?;
      set(result, o.has(s, k).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_property(env: napi_env, o: napi_value, k: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let k = value(k)?;
      let o = object(s, o)?;
      setv(result, o.get(s, k).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_delete_property(env: napi_env, o: napi_value, k: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let k = value(k)?;
      let o = object(s, o)?;
      let r = o.delete(s, k).ok_or(napi_generic_failure)?;
      if !result.is_null() {
        *result = r;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_has_own_property(env: napi_env, o: napi_value, k: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let k = value(k)?;
      let o = object(s, o)?;
      if !k.is_name() {
        return Err(napi_name_expected);
      }
      set(result, o.has_own_property(s, k.cast()).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_set_named_property(env: napi_env, o: napi_value, name: *const c_char, v: napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let v = value(v)?;
      let o = object(s, o)?;
      check_arg!(name);
      let k = new_utf8(s, name, usize::MAX)?;
      o.set(s, k.into(), v).ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_has_named_property(env: napi_env, o: napi_value, name: *const c_char, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      check_arg!(name);
      let k = new_utf8(s, name, usize::MAX)?;
      set(result, o.has(s, k.into()).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_named_property(env: napi_env, o: napi_value, name: *const c_char, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      check_arg!(name);
      let k = new_utf8(s, name, usize::MAX)?;
      setv(result, o.get(s, k.into()).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_set_element(env: napi_env, o: napi_value, i: u32, v: napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let v = value(v)?;
      let o = object(s, o)?;
      o.set_index(s, i, v).ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_has_element(env: napi_env, o: napi_value, i: u32, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      set(result, o.has_index(s, i).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_element(env: napi_env, o: napi_value, i: u32, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      setv(result, o.get_index(s, i).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_delete_element(env: napi_env, o: napi_value, i: u32, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let o = object(s, o)?;
      let r = o.delete_index(s, i).ok_or(napi_generic_failure)?;
      if !result.is_null() {
        *result = r;
      }
      Ok(())
    })
  }
}

fn descriptor_flags(d: &mut v8::PropertyDescriptor, attrs: i32) {
  d.set_enumerable(attrs & napi_enumerable != 0);
  d.set_configurable(attrs & napi_configurable != 0);
}

pub(crate) unsafe fn define_properties(env: &mut Env, s: &mut v8::PinScope, o: v8::Local<v8::Object>, props: &[napi_property_descriptor]) -> R {
  for p in props {
    let k = name(s, p)?;
    if p.getter.is_some() || p.setter.is_some() {
      let g: v8::Local<v8::Value> = match p.getter {
        Some(_) => env.new_function(s, None, p.getter, p.data).ok_or(napi_generic_failure)?.into(),
        None => v8::undefined(s).into(),
      };
      let st: v8::Local<v8::Value> = match p.setter {
        Some(_) => env.new_function(s, None, p.setter, p.data).ok_or(napi_generic_failure)?.into(),
        None => v8::undefined(s).into(),
      };
      let mut d = v8::PropertyDescriptor::new_from_get_set(g, st);
      descriptor_flags(&mut d, p.attributes);
      o.define_property(s, k, &d).ok_or(napi_generic_failure)?;
    } else if p.method.is_some() {
      let ks: Option<v8::Local<v8::String>> = if k.is_string() { Some(k.cast()) } else { None };
      let f = env.new_function(s, ks, p.method, p.data).ok_or(napi_generic_failure)?;
      let mut d = v8::PropertyDescriptor::new_from_value_writable(f.into(), p.attributes & napi_writable != 0);
      descriptor_flags(&mut d, p.attributes);
      o.define_property(s, k, &d).ok_or(napi_generic_failure)?;
    } else {
      let v = value(p.value)?;
      let mut d = v8::PropertyDescriptor::new_from_value_writable(v, p.attributes & napi_writable != 0);
      descriptor_flags(&mut d, p.attributes);
      o.define_property(s, k, &d).ok_or(napi_generic_failure)?;
    }
  }
  Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn napi_define_properties(env: napi_env, o: napi_value, count: usize, props: *const napi_property_descriptor) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      if count > 0 {
        check_arg!(props);
      }
      let o = local(o).ok_or(napi_invalid_arg)?;
      if !o.is_object() {
        return Err(napi_object_expected);
      }
      let props = if count == 0 { &[][..] } else { std::slice::from_raw_parts(props, count) };
      define_properties(e, s, o.cast(), props)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_property_names(env: napi_env, o: napi_value, result: *mut napi_value) -> napi_status {
  unsafe { napi_get_all_property_names(env, o, 0, 2 | 16, 1, result) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_all_property_names(env: napi_env, o: napi_value, mode: i32, filter: i32, conversion: i32, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      let mut f = v8::PropertyFilter::ALL_PROPERTIES;
      if filter & 1 != 0 {
        f = f | v8::PropertyFilter::ONLY_WRITABLE;
      }
      if filter & 2 != 0 {
        f = f | v8::PropertyFilter::ONLY_ENUMERABLE;
      }
      if filter & 4 != 0 {
        f = f | v8::PropertyFilter::ONLY_CONFIGURABLE;
      }
      if filter & 8 != 0 {
        f = f | v8::PropertyFilter::SKIP_STRINGS;
      }
      if filter & 16 != 0 {
        f = f | v8::PropertyFilter::SKIP_SYMBOLS;
      }
      let args = v8::GetPropertyNamesArgs {
        mode: if mode == 0 { v8::KeyCollectionMode::IncludePrototypes } else { v8::KeyCollectionMode::OwnOnly },
        property_filter: f,
        index_filter: v8::IndexFilter::IncludeIndices,
        key_conversion: if conversion == 1 { v8::KeyConversionMode::ConvertToString } else { v8::KeyConversionMode::KeepNumbers },
      };
      let names = o.get_property_names(s, args).ok_or(napi_generic_failure)?;
      setv(result, names)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_prototype(env: napi_env, o: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = object(s, o)?;
      setv(result, o.get_prototype(s).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_object_freeze(env: napi_env, o: napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let o = object(s, o)?;
      o.set_integrity_level(s, v8::IntegrityLevel::Frozen).ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_object_seal(env: napi_env, o: napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let o = object(s, o)?;
      o.set_integrity_level(s, v8::IntegrityLevel::Sealed).ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_array(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_array())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_array_length(env: napi_env, v: napi_value, result: *mut u32) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_array() {
        return Err(napi_array_expected);
      }
      set(result, v.cast::<v8::Array>().length())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_strict_equals(env: napi_env, a: napi_value, b: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(a)?.strict_equals(value(b)?))) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_instanceof(env: napi_env, o: napi_value, c: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let o = value(o)?;
      let c = value(c)?;
      if !c.is_function() {
        let m = v8::String::new(s, "Constructor must be a function").unwrap();
        let e = v8::Exception::type_error(s, m);
        s.throw_exception(e);
        return Err(napi_function_expected);
      }
      let c = c.to_object(s).ok_or(napi_generic_failure)?;
      set(result, o.instance_of(s, c).ok_or(napi_generic_failure)?)
    })
  }
}

// ---- functions ----

#[no_mangle]
pub unsafe extern "C" fn napi_create_function(env: napi_env, utf8name: *const c_char, len: usize, cb: napi_callback, data: *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      if cb.is_none() {
        return Err(napi_invalid_arg);
      }
      let n = if utf8name.is_null() { None } else { Some(new_utf8(s, utf8name, len)?) };
      let f = e.new_function(s, n, cb, data).ok_or(napi_generic_failure)?;
      setv(result, f)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_cb_info(env: napi_env, info: napi_callback_info, argc: *mut usize, argv: *mut napi_value, this: *mut napi_value, data: *mut *mut c_void) -> napi_status {
  unsafe {
    call(env, |_, s| {
      check_arg!(info);
      let i = &*info;
      if !argv.is_null() {
        check_arg!(argc);
        let want = *argc;
        let undef = napi(v8::undefined(s));
        for k in 0..want {
          *argv.add(k) = if k < i.argc { *i.argv.add(k) } else { undef };
        }
      }
      if !argc.is_null() {
        *argc = i.argc;
      }
      if !this.is_null() {
        *this = i.this;
      }
      if !data.is_null() {
        *data = i.data;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_new_target(env: napi_env, info: napi_callback_info, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, _| {
      check_arg!(info);
      set(result, (*info).new_target)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_call_function(env: napi_env, recv: napi_value, func: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      let recv = value(recv)?;
      if argc > 0 {
        check_arg!(argv);
      }
      let f = value(func)?;
      if !f.is_function() {
        return Err(napi_function_expected);
      }
      let args: Vec<v8::Local<v8::Value>> = (0..argc).map(|i| local(*argv.add(i)).ok_or(napi_invalid_arg)).collect::<Result<_, _>>()?;
      let r = f.cast::<v8::Function>().call(s, recv, &args).ok_or(napi_generic_failure)?;
      if !result.is_null() {
        *result = napi(r);
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_new_instance(env: napi_env, cons: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      if argc > 0 {
        check_arg!(argv);
      }
      let f = value(cons)?;
      if !f.is_function() {
        return Err(napi_function_expected);
      }
      let args: Vec<v8::Local<v8::Value>> = (0..argc).map(|i| local(*argv.add(i)).ok_or(napi_invalid_arg)).collect::<Result<_, _>>()?;
      let r = f.cast::<v8::Function>().new_instance(s, &args).ok_or(napi_generic_failure)?;
      setv(result, r)
    })
  }
}

fn attr(a: i32, accessor: bool) -> v8::PropertyAttribute {
  let mut r = v8::PropertyAttribute::NONE;
  if !accessor && a & napi_writable == 0 {
    r = r | v8::PropertyAttribute::READ_ONLY;
  }
  if a & napi_enumerable == 0 {
    r = r | v8::PropertyAttribute::DONT_ENUM;
  }
  if a & napi_configurable == 0 {
    r = r | v8::PropertyAttribute::DONT_DELETE;
  }
  r
}

#[no_mangle]
pub unsafe extern "C" fn napi_define_class(
  env: napi_env,
  utf8name: *const c_char,
  len: usize,
  cons: napi_callback,
  data: *mut c_void,
  count: usize,
  props: *const napi_property_descriptor,
  result: *mut napi_value,
) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      if cons.is_none() {
        return Err(napi_invalid_arg);
      }
      if count > 0 {
        check_arg!(props);
      }
      let n = new_utf8(s, utf8name, len)?;
      let ctor_idx = e.callbacks.len();
      let tpl = e.new_template(s, cons, data);
      tpl.set_class_name(n);
      let props = if count == 0 { &[][..] } else { std::slice::from_raw_parts(props, count) };
      let proto = tpl.prototype_template(s);
      let mut statics = Vec::new();
      for p in props {
        if p.attributes & napi_static != 0 {
          statics.push(p);
          continue;
        }
        let k = name(s, p)?;
        if p.getter.is_some() || p.setter.is_some() {
          let g = p.getter.map(|_| e.new_template(s, p.getter, p.data));
          let st = p.setter.map(|_| e.new_template(s, p.setter, p.data));
          proto.set_accessor_property(k, g, st, attr(p.attributes, true));
        } else if p.method.is_some() {
          let t = e.new_template(s, p.method, p.data);
          if k.is_string() {
            t.set_class_name(k.cast());
          }
          proto.set_with_attr(k, t.into(), attr(p.attributes, false));
        } else {
          let v = value(p.value)?;
          proto.set_with_attr(k, v.into(), attr(p.attributes, false));
        }
      }
      let f = tpl.get_function(s).ok_or(napi_generic_failure)?;
      // Re-binding after a snapshot restore, this is the class already in the heap.
      let f = e.note_function(s, ctor_idx, f);
      let statics: Vec<napi_property_descriptor> = statics
        .into_iter()
        .map(|p| napi_property_descriptor { attributes: p.attributes & !napi_static, ..*p })
        .collect();
      define_properties(e, s, f.into(), &statics)?;
      setv(result, f)
    })
  }
}

impl Clone for napi_property_descriptor {
  fn clone(&self) -> Self {
    *self
  }
}
impl Copy for napi_property_descriptor {}

// ---- errors and exceptions ----

fn make_error<'s>(s: &mut v8::PinScope<'s, '_>, kind: u8, code: napi_value, msg: napi_value) -> Result<v8::Local<'s, v8::Value>, napi_status> {
  let m = str_value(msg)?;
  let e = match kind {
    0 => v8::Exception::error(s, m),
    1 => v8::Exception::type_error(s, m),
    2 => v8::Exception::range_error(s, m),
    _ => v8::Exception::syntax_error(s, m),
  };
  if let Some(c) = local(code) {
    if !c.is_string() {
      return Err(napi_string_expected);
    }
    let k = v8::String::new(s, "code").unwrap();
    e.cast::<v8::Object>().set(s, k.into(), c);
  }
  Ok(e)
}

macro_rules! create_error {
  ($name:ident, $kind:expr) => {
    #[no_mangle]
    pub unsafe extern "C" fn $name(env: napi_env, code: napi_value, msg: napi_value, result: *mut napi_value) -> napi_status {
      unsafe {
        call(env, |_, s| {
          check_arg!(result);
          let e = make_error(s, $kind, code, msg)?;
          setv(result, e)
        })
      }
    }
  };
}
create_error!(napi_create_error, 0);
create_error!(napi_create_type_error, 1);
create_error!(napi_create_range_error, 2);
create_error!(node_api_create_syntax_error, 3);

macro_rules! throw_error {
  ($name:ident, $kind:expr) => {
    #[no_mangle]
    pub unsafe extern "C" fn $name(env: napi_env, code: *const c_char, msg: *const c_char) -> napi_status {
      unsafe {
        call_js(env, |e, s| {
          let m = new_utf8(s, msg, usize::MAX)?;
          let c = if code.is_null() { null_mut() } else { napi(new_utf8(s, code, usize::MAX)?) };
          let err = make_error(s, $kind, c, napi(m))?;
          e.pending_exception = Some(v8::Global::new(s, err));
          Ok(())
        })
      }
    }
  };
}
throw_error!(napi_throw_error, 0);
throw_error!(napi_throw_type_error, 1);
throw_error!(napi_throw_range_error, 2);
throw_error!(node_api_throw_syntax_error, 3);

#[no_mangle]
pub unsafe extern "C" fn napi_throw(env: napi_env, error: napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      let v = value(error)?;
      e.pending_exception = Some(v8::Global::new(s, v));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_error(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_native_error())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_exception_pending(env: napi_env, result: *mut bool) -> napi_status {
  unsafe { call(env, |e, _| set(result, e.pending_exception.is_some())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_and_clear_last_exception(env: napi_env, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      match e.pending_exception.take() {
        Some(g) => setv(result, v8::Local::new(s, &g)),
        None => setv(result, v8::undefined(s)),
      }
    })
  }
}

// ---- references ----

#[no_mangle]
pub unsafe extern "C" fn napi_create_reference(env: napi_env, v: napi_value, count: u32, result: *mut napi_ref) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      let v = value(v)?;
      if e.module_api_version <= 8 && !(v.is_object() || v.is_symbol()) {
        return Err(napi_invalid_arg);
      }
      let r = Reference::new(e, s, v, count, None, false);
      crate::snapshot::note_reference(e, s, r, "napi_create_reference");
      set(result, r)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_delete_reference(env: napi_env, r: napi_ref) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      check_arg!(r);
      Reference::delete(r);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_reference_ref(env: napi_env, r: napi_ref, result: *mut u32) -> napi_status {
  unsafe {
    call_basic(env, |_, s| {
      check_arg!(r);
      let r = &mut *r;
      if r.count == 0 {
        r.make_strong(s);
      }
      r.count += 1;
      if !result.is_null() {
        *result = r.count;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_reference_unref(env: napi_env, r: napi_ref, result: *mut u32) -> napi_status {
  unsafe {
    call_basic(env, |_, s| {
      check_arg!(r);
      let r = &mut *r;
      if r.count == 0 {
        return Err(napi_generic_failure);
      }
      r.count -= 1;
      if r.count == 0 {
        r.make_weak(s);
      }
      if !result.is_null() {
        *result = r.count;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_reference_value(env: napi_env, r: napi_ref, result: *mut napi_value) -> napi_status {
  unsafe {
    call_basic(env, |_, s| {
      check_arg!(r);
      check_arg!(result);
      *result = match (*r).get(s) {
        Some(v) => napi(v),
        None => null_mut(),
      };
      Ok(())
    })
  }
}

// ---- handle scopes ----

unsafe extern "C" {
  fn v8__HandleScope__CONSTRUCT(buf: *mut [usize; 4], isolate: *mut c_void);
  fn v8__HandleScope__DESTRUCT(this: *mut [usize; 4]);
}

pub struct RawScope {
  raw: [usize; 4],
  escape_slot: *mut usize,
  escaped: bool,
}

fn isolate_ptr(s: &v8::Isolate) -> *mut c_void {
  // SAFETY: `v8::Isolate` is a transparent wrapper of the isolate's address.
  unsafe { *(s as *const v8::Isolate as *const *mut c_void) }
}

unsafe fn open_scope(env: napi_env, escapable: bool) -> Result<*mut RawScope, napi_status> {
  let mut out = Err(napi_invalid_arg);
  let st = unsafe {
    call(env, |e, s| {
      let slot = if escapable {
        let u = v8::undefined(s);
        napi(v8::Local::new(s, u)) as *mut usize
      } else {
        null_mut()
      };
      let mut b = Box::new(RawScope { raw: [0; 4], escape_slot: slot, escaped: false });
      v8__HandleScope__CONSTRUCT(&mut b.raw, isolate_ptr(s));
      e.open_scopes += 1;
      out = Ok(Box::into_raw(b));
      Ok(())
    })
  };
  if st != napi_ok {
    return Err(st);
  }
  out
}

unsafe fn close_scope(env: napi_env, scope: *mut RawScope) -> napi_status {
  let Some(e) = (unsafe { env.as_mut() }) else { return napi_invalid_arg };
  if scope.is_null() {
    return e.set_status(napi_invalid_arg);
  }
  if e.open_scopes == 0 {
    return e.set_status(napi_handle_scope_mismatch);
  }
  e.open_scopes -= 1;
  let mut b = unsafe { Box::from_raw(scope) };
  unsafe { v8__HandleScope__DESTRUCT(&mut b.raw) };
  e.set_status(napi_ok)
}

#[no_mangle]
pub unsafe extern "C" fn napi_open_handle_scope(env: napi_env, result: *mut *mut RawScope) -> napi_status {
  if result.is_null() {
    return unsafe { call(env, |_, _| Err(napi_invalid_arg)) };
  }
  match unsafe { open_scope(env, false) } {
    Ok(p) => {
      unsafe { *result = p };
      napi_ok
    }
    Err(s) => s,
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_close_handle_scope(env: napi_env, scope: *mut RawScope) -> napi_status {
  unsafe { close_scope(env, scope) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_open_escapable_handle_scope(env: napi_env, result: *mut *mut RawScope) -> napi_status {
  if result.is_null() {
    return unsafe { call(env, |_, _| Err(napi_invalid_arg)) };
  }
  match unsafe { open_scope(env, true) } {
    Ok(p) => {
      unsafe { *result = p };
      napi_ok
    }
    Err(s) => s,
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_close_escapable_handle_scope(env: napi_env, scope: *mut RawScope) -> napi_status {
  unsafe { close_scope(env, scope) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_escape_handle(env: napi_env, scope: *mut RawScope, escapee: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |_, _| {
      check_arg!(scope);
      check_arg!(escapee);
      check_arg!(result);
      let sc = &mut *scope;
      if sc.escaped {
        return Err(napi_escape_called_twice);
      }
      sc.escaped = true;
      *sc.escape_slot = *(escapee as *const usize);
      *result = sc.escape_slot as napi_value;
      Ok(())
    })
  }
}

// ---- wrap, type tags, externals, finalizers ----

fn get_wrap(s: &mut v8::PinScope, e: &Env, o: v8::Local<v8::Object>) -> Option<*mut Reference> {
  let k = v8::Local::new(s, &e.wrap_key);
  let v = o.get_private(s, k)?;
  if !v.is_external() {
    return None;
  }
  Some(v.cast::<v8::External>().value() as *mut Reference)
}

#[no_mangle]
pub unsafe extern "C" fn napi_wrap(env: napi_env, o: napi_value, native: *mut c_void, cb: napi_finalize, hint: *mut c_void, result: *mut napi_ref) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      let v = value(o)?;
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      let obj: v8::Local<v8::Object> = v.cast();
      if get_wrap(s, e, obj).is_some() {
        return Err(napi_invalid_arg);
      }
      let fin = Finalizer { cb, data: native, hint };
      let r = Reference::new(e, s, v, 0, Some(fin), result.is_null());
      (*r).wrap_data = native;
      crate::snapshot::note_reference(e, s, r, "napi_wrap");
      let k = v8::Local::new(s, &e.wrap_key);
      let ext = v8::External::new(s, r as *mut c_void);
      obj.set_private(s, k, ext.into());
      if !result.is_null() {
        *result = r;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_unwrap(env: napi_env, o: napi_value, result: *mut *mut c_void) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      let v = value(o)?;
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      let r = get_wrap(s, e, v.cast()).ok_or(napi_invalid_arg)?;
      set(result, (*r).wrap_data)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_remove_wrap(env: napi_env, o: napi_value, result: *mut *mut c_void) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      let v = value(o)?;
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      let obj: v8::Local<v8::Object> = v.cast();
      let r = get_wrap(s, e, obj).ok_or(napi_invalid_arg)?;
      if !result.is_null() {
        *result = (*r).wrap_data;
      }
      let k = v8::Local::new(s, &e.wrap_key);
      obj.delete_private(s, k);
      // The finalizer must not run any more.
      (*r).finalizer = None;
      (*r).untrack();
      if (*r).owned_by_runtime {
        Reference::delete(r);
      } else if (*r).weak.is_some() {
        (*r).make_strong(s);
        (*r).make_weak(s);
      }
      Ok(())
    })
  }
}
fn find_external_tag(e: &mut Env, s: &mut v8::PinScope, v: v8::Local<v8::Value>) -> Option<(u64, u64)> {
  e.external_tags.retain(|(w, _, _)| !w.is_empty() && w.to_local(s).is_some());
  e.external_tags.iter().find(|(w, _, _)| w.to_local(s).is_some_and(|l| l.strict_equals(v))).map(|&(_, lo, hi)| (lo, hi))
}

#[no_mangle]
pub unsafe extern "C" fn napi_type_tag_object(env: napi_env, o: napi_value, tag: *const napi_type_tag) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      let v = value(o)?;
      check_arg!(tag);
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      let t = &*tag;
      if v.is_external() {
        if find_external_tag(e, s, v).is_some() {
          return Err(napi_invalid_arg);
        }
        let w = v8::Weak::new(s, v);
        e.external_tags.push((w, t.lower, t.upper));
        return Ok(());
      }
      let obj: v8::Local<v8::Object> = v.cast();
      let k = v8::Local::new(s, &e.tag_key);
      if obj.has_private(s, k) == Some(true) {
        return Err(napi_invalid_arg);
      }
      let b = v8::BigInt::new_from_words(s, false, &[t.lower, t.upper]).ok_or(napi_generic_failure)?;
      obj.set_private(s, k, b.into());
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_check_object_type_tag(env: napi_env, o: napi_value, tag: *const napi_type_tag, result: *mut bool) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      let v = value(o)?;
      check_arg!(tag);
      check_arg!(result);
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      if v.is_external() {
        let r = find_external_tag(e, s, v).is_some_and(|(lo, hi)| lo == (*tag).lower && hi == (*tag).upper);
        return set(result, r);
      }
      let obj: v8::Local<v8::Object> = v.cast();
      let k = v8::Local::new(s, &e.tag_key);
      let got = obj.get_private(s, k);
      let mut r = false;
      if let Some(b) = got.filter(|b| b.is_big_int()) {
        let mut w = [0u64; 2];
        let (_, used) = b.cast::<v8::BigInt>().to_words_array(&mut w);
        let n = used.len();
        let (lo, hi) = (if n > 0 { w[0] } else { 0 }, if n > 1 { w[1] } else { 0 });
        r = lo == (*tag).lower && hi == (*tag).upper;
      }
      set(result, r)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_external(env: napi_env, data: *mut c_void, cb: napi_finalize, hint: *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call(env, |e, s| {
      check_arg!(result);
      let ext = v8::External::new(s, data);
      if cb.is_some() {
        let r = Reference::new(e, s, ext.into(), 0, Some(Finalizer { cb, data, hint }), true);
        crate::snapshot::note_reference(e, s, r, "napi_create_external");
      } else {
        crate::snapshot::note_value(e, s, ext.into(), "napi_create_external");
      }
      setv(result, ext)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_value_external(env: napi_env, v: napi_value, result: *mut *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_external() {
        return Err(napi_invalid_arg);
      }
      set(result, v.cast::<v8::External>().value())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_add_finalizer(env: napi_env, o: napi_value, data: *mut c_void, cb: napi_finalize, hint: *mut c_void, result: *mut napi_ref) -> napi_status {
  unsafe {
    call_basic(env, |e, s| {
      let v = value(o)?;
      if cb.is_none() {
        return Err(napi_invalid_arg);
      }
      if !v.is_object() {
        return Err(napi_object_expected);
      }
      let r = Reference::new(e, s, v, 0, Some(Finalizer { cb, data, hint }), result.is_null());
      crate::snapshot::note_reference(e, s, r, "napi_add_finalizer");
      if !result.is_null() {
        *result = r;
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn node_api_post_finalizer(env: napi_env, cb: napi_finalize, data: *mut c_void, hint: *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      if cb.is_none() {
        return Err(napi_invalid_arg);
      }
      let ep: napi_env = e;
      e.shared.push(Task::Finalize(ep, cb, data, hint, null_mut()));
      Ok(())
    })
  }
}

// ---- array buffers, typed arrays, data views ----

#[no_mangle]
pub unsafe extern "C" fn napi_create_arraybuffer(env: napi_env, len: usize, data: *mut *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let ab = v8::ArrayBuffer::new(s, len);
      if !data.is_null() {
        *data = ab.data().map_or(null_mut(), |p| p.as_ptr());
      }
      setv(result, ab)
    })
  }
}

struct ExternalBacking {
  env: napi_env,
  shared: std::sync::Arc<Shared>,
  /// Shared with the env's `externals`: whichever comes first, the deleter or the env's
  /// teardown, takes the finalizer.
  fin: ExternalFinalizer,
}

/// V8 may free a backing store on one of its own threads: only the thread-safe queue
/// is touched here; the finalizer runs on the JS thread.
unsafe extern "C" fn external_deleter(_data: *mut c_void, _len: usize, deleter_data: *mut c_void) {
  let b = unsafe { Box::from_raw(deleter_data as *mut ExternalBacking) };
  let fin = b.fin.lock().unwrap_or_else(|e| e.into_inner()).take();
  if let Some(fin) = fin.filter(|f| f.cb.is_some()) {
    b.shared.push(Task::Finalize(b.env, fin.cb, fin.data, fin.hint, null_mut()));
  }
}

pub(crate) unsafe fn external_arraybuffer<'s>(
  e: &mut Env,
  s: &mut v8::PinScope<'s, '_>,
  data: *mut c_void,
  len: usize,
  cb: napi_finalize,
  hint: *mut c_void,
) -> v8::Local<'s, v8::ArrayBuffer> {
  let shared = e.shared.clone();
  let fin: ExternalFinalizer = std::sync::Arc::new(std::sync::Mutex::new(Some(Finalizer { cb, data, hint })));
  if cb.is_some() {
    e.track_external(fin.clone());
  }
  let dd = Box::into_raw(Box::new(ExternalBacking { env: e, shared, fin }));
  let store = unsafe { v8::ArrayBuffer::new_backing_store_from_ptr(data, len, external_deleter, dd as *mut c_void) };
  let ab = v8::ArrayBuffer::with_backing_store(s, &store.make_shared());
  mark_untransferable(s, ab.into());
  ab
}

/// Marks an ArrayBuffer whose memory the addon owns as untransferable, as Node does:
/// `postMessage` copies it instead of moving it to another thread (whose isolate would
/// run the addon's finalizer). The key is the one `worker_threads.markAsUntransferable`
/// sets (`lib/internal/worker/io.js`).
fn mark_untransferable(s: &mut v8::PinScope, obj: v8::Local<v8::Object>) {
  let Some(name) = v8::String::new(s, "amber.untransferable") else { return };
  let key = v8::Symbol::for_key(s, name);
  let t = v8::Boolean::new(s, true);
  obj.define_own_property(s, key.into(), t.into(), v8::PropertyAttribute::DONT_ENUM | v8::PropertyAttribute::DONT_DELETE | v8::PropertyAttribute::READ_ONLY);
}

#[no_mangle]
pub unsafe extern "C" fn napi_create_external_arraybuffer(env: napi_env, data: *mut c_void, len: usize, cb: napi_finalize, hint: *mut c_void, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      let ab = external_arraybuffer(e, s, data, len, cb, hint);
      setv(result, ab)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_arraybuffer_info(env: napi_env, v: napi_value, data: *mut *mut c_void, len: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      if !v.is_array_buffer() {
        return Err(napi_invalid_arg);
      }
      let ab: v8::Local<v8::ArrayBuffer> = v.cast();
      if !data.is_null() {
        *data = ab.data().map_or(null_mut(), |p| p.as_ptr());
      }
      if !len.is_null() {
        *len = ab.byte_length();
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_arraybuffer(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_array_buffer())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_detach_arraybuffer(env: napi_env, v: napi_value) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      if !v.is_array_buffer() {
        return Err(napi_arraybuffer_expected);
      }
      let ab: v8::Local<v8::ArrayBuffer> = v.cast();
      if !ab.is_detachable() {
        return Err(napi_detachable_arraybuffer_expected);
      }
      ab.detach(None);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_detached_arraybuffer(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe {
    call(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      // As Node: detached means no backing data (which an external buffer over NULL also is).
      let r = v.is_array_buffer() && v.cast::<v8::ArrayBuffer>().data().is_none();
      set(result, r)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_typedarray(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_typed_array())) }
}

const TA_NAMES: [&str; 11] = [
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
];
const TA_SIZES: [usize; 11] = [1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8];

fn throw_range(e: &mut Env, s: &mut v8::PinScope, code: &str, msg: &str) -> napi_status {
  let m = v8::String::new(s, msg).unwrap();
  let err = v8::Exception::range_error(s, m);
  let k = v8::String::new(s, "code").unwrap();
  let c = v8::String::new(s, code).unwrap();
  err.cast::<v8::Object>().set(s, k.into(), c.into());
  e.pending_exception = Some(v8::Global::new(s, err));
  napi_pending_exception
}

#[no_mangle]
pub unsafe extern "C" fn napi_create_typedarray(env: napi_env, ty: i32, length: usize, ab: napi_value, offset: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      let v = value(ab)?;
      if !v.is_array_buffer() {
        return Err(napi_invalid_arg);
      }
      let buf: v8::Local<v8::ArrayBuffer> = v.cast();
      if !(0..11).contains(&ty) {
        return Err(napi_invalid_arg);
      }
      let size = TA_SIZES[ty as usize];
      if size > 1 && offset % size != 0 {
        return Err(throw_range(e, s, "ERR_NAPI_INVALID_TYPEDARRAY_ALIGNMENT", &format!("start offset of {} should be a multiple of {}", TA_NAMES[ty as usize], size)));
      }
      if length * size + offset > buf.byte_length() {
        return Err(throw_range(e, s, "ERR_NAPI_INVALID_TYPEDARRAY_LENGTH", "Invalid typed array length"));
      }
      let ta: Option<v8::Local<v8::Value>> = match ty {
        0 => v8::Int8Array::new(s, buf, offset, length).map(Into::into),
        1 => v8::Uint8Array::new(s, buf, offset, length).map(Into::into),
        2 => v8::Uint8ClampedArray::new(s, buf, offset, length).map(Into::into),
        3 => v8::Int16Array::new(s, buf, offset, length).map(Into::into),
        4 => v8::Uint16Array::new(s, buf, offset, length).map(Into::into),
        5 => v8::Int32Array::new(s, buf, offset, length).map(Into::into),
        6 => v8::Uint32Array::new(s, buf, offset, length).map(Into::into),
        7 => v8::Float32Array::new(s, buf, offset, length).map(Into::into),
        8 => v8::Float64Array::new(s, buf, offset, length).map(Into::into),
        9 => v8::BigInt64Array::new(s, buf, offset, length).map(Into::into),
        _ => v8::BigUint64Array::new(s, buf, offset, length).map(Into::into),
      };
      setv(result, ta.ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_typedarray_info(
  env: napi_env,
  v: napi_value,
  ty: *mut i32,
  length: *mut usize,
  data: *mut *mut c_void,
  ab: *mut napi_value,
  offset: *mut usize,
) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      if !v.is_typed_array() {
        return Err(napi_invalid_arg);
      }
      let ta: v8::Local<v8::TypedArray> = v.cast();
      if !ty.is_null() {
        *ty = if v.is_int8_array() {
          0
        } else if v.is_uint8_array() {
          1
        } else if v.is_uint8_clamped_array() {
          2
        } else if v.is_int16_array() {
          3
        } else if v.is_uint16_array() {
          4
        } else if v.is_int32_array() {
          5
        } else if v.is_uint32_array() {
          6
        } else if v.is_float32_array() {
          7
        } else if v.is_float64_array() {
          8
        } else if v.is_big_int64_array() {
          9
        } else {
          10
        };
      }
      if !length.is_null() {
        *length = ta.length();
      }
      let buf = ta.buffer(s);
      if !data.is_null() {
        *data = match buf.and_then(|b| b.data()) {
          Some(p) => (p.as_ptr() as *mut u8).add(ta.byte_offset()) as *mut c_void,
          None => null_mut(),
        };
      }
      if !ab.is_null() {
        *ab = buf.map_or(null_mut(), napi);
      }
      if !offset.is_null() {
        *offset = ta.byte_offset();
      }
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_dataview(env: napi_env, length: usize, ab: napi_value, offset: usize, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |e, s| {
      check_arg!(result);
      let v = value(ab)?;
      if !v.is_array_buffer() {
        return Err(napi_invalid_arg);
      }
      let buf: v8::Local<v8::ArrayBuffer> = v.cast();
      if length + offset > buf.byte_length() {
        return Err(throw_range(
          e,
          s,
          "ERR_NAPI_INVALID_DATAVIEW_ARGS",
          "byte_offset + byte_length should be less than or equal to the size in bytes of the array passed in",
        ));
      }
      setv(result, v8::DataView::new(s, buf, offset, length))
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_dataview(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_data_view())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_dataview_info(env: napi_env, v: napi_value, length: *mut usize, data: *mut *mut c_void, ab: *mut napi_value, offset: *mut usize) -> napi_status {
  unsafe {
    call(env, |_, s| {
      let v = value(v)?;
      if !v.is_data_view() {
        return Err(napi_invalid_arg);
      }
      let dv: v8::Local<v8::ArrayBufferView> = v.cast();
      if !length.is_null() {
        *length = dv.byte_length();
      }
      let buf = dv.buffer(s);
      if !data.is_null() {
        *data = match buf.and_then(|b| b.data()) {
          Some(p) => (p.as_ptr() as *mut u8).add(dv.byte_offset()) as *mut c_void,
          None => null_mut(),
        };
      }
      if !ab.is_null() {
        *ab = buf.map_or(null_mut(), napi);
      }
      if !offset.is_null() {
        *offset = dv.byte_offset();
      }
      Ok(())
    })
  }
}

// ---- Date, Promise, script ----

#[no_mangle]
pub unsafe extern "C" fn napi_create_date(env: napi_env, time: f64, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      setv(result, v8::Date::new(s, time).ok_or(napi_generic_failure)?)
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_date(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_date())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_date_value(env: napi_env, v: napi_value, result: *mut f64) -> napi_status {
  unsafe {
    call_js(env, |_, _| {
      let v = value(v)?;
      check_arg!(result);
      if !v.is_date() {
        return Err(napi_date_expected);
      }
      set(result, v.cast::<v8::Date>().value_of())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_create_promise(env: napi_env, deferred: *mut napi_deferred, promise: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(deferred);
      check_arg!(promise);
      let r = v8::PromiseResolver::new(s).ok_or(napi_generic_failure)?;
      *deferred = Box::into_raw(Box::new(v8::Global::new(s, r)));
      setv(promise, r.get_promise(s))
    })
  }
}
unsafe fn conclude(env: napi_env, d: napi_deferred, v: napi_value, resolve: bool) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(d);
      let v = value(v)?;
      let g = Box::from_raw(d);
      let r = v8::Local::new(s, &*g);
      let ok = if resolve { r.resolve(s, v) } else { r.reject(s, v) };
      ok.ok_or(napi_generic_failure).map(|_| ())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_resolve_deferred(env: napi_env, d: napi_deferred, v: napi_value) -> napi_status {
  unsafe { conclude(env, d, v, true) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_reject_deferred(env: napi_env, d: napi_deferred, v: napi_value) -> napi_status {
  unsafe { conclude(env, d, v, false) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_is_promise(env: napi_env, v: napi_value, result: *mut bool) -> napi_status {
  unsafe { call(env, |_, _| set(result, value(v)?.is_promise())) }
}
#[no_mangle]
pub unsafe extern "C" fn napi_run_script(env: napi_env, script: napi_value, result: *mut napi_value) -> napi_status {
  unsafe {
    call_js(env, |_, s| {
      check_arg!(result);
      let src = str_value(script)?;
      let sc = v8::Script::compile(s, src, None).ok_or(napi_generic_failure)?;
      setv(result, sc.run(s).ok_or(napi_generic_failure)?)
    })
  }
}

// ---- instance data, memory, version ----

#[no_mangle]
pub unsafe extern "C" fn napi_set_instance_data(env: napi_env, data: *mut c_void, cb: napi_finalize, hint: *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      e.instance_data = Some((data, cb, hint));
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_instance_data(env: napi_env, data: *mut *mut c_void) -> napi_status {
  unsafe {
    call_basic(env, |e, _| {
      check_arg!(data);
      *data = e.instance_data.map_or(null_mut(), |d| d.0);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_adjust_external_memory(env: napi_env, change: i64, result: *mut i64) -> napi_status {
  unsafe {
    call_basic(env, |_, s| {
      check_arg!(result);
      *result = s.adjust_amount_of_external_allocated_memory(change);
      Ok(())
    })
  }
}
#[no_mangle]
pub unsafe extern "C" fn napi_get_version(env: napi_env, result: *mut u32) -> napi_status {
  unsafe { call_basic(env, |_, _| set(result, NAPI_VERSION)) }
}
