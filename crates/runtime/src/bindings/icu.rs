//! The ICU amber links: V8's own copy (rusty_v8 builds V8 with `v8_enable_i18n_support`
//! and links ICU statically), whose data is the full `icudtl.dat` of `deno_core_icudata`
//! (set in `platform.rs`). Only version facts are read here, from ICU's C API, so that
//! `process.versions.icu`/`unicode`/`cldr`/`tz` say what this build really has. No
//! native state.

use super::helpers::*;
use crate::registry::Registry;
use std::ffi::{c_char, c_int, CStr};

// ICU's C API, as V8's ICU (major version 78) exports it: renamed symbols with the major
// version as suffix, as ICU builds them by default.
type UVersionInfo = [u8; 4];
unsafe extern "C" {
  #[link_name = "u_getVersion_78"]
  fn u_get_version(info: *mut u8);
  #[link_name = "u_getUnicodeVersion_78"]
  fn u_get_unicode_version(info: *mut u8);
  #[link_name = "ulocdata_getCLDRVersion_78"]
  fn ulocdata_get_cldr_version(info: *mut u8, status: *mut c_int);
  #[link_name = "ucal_getTZDataVersion_78"]
  fn ucal_get_tz_data_version(status: *mut c_int) -> *const c_char;
  #[link_name = "u_versionToString_78"]
  fn u_version_to_string(info: *const u8, out: *mut c_char);
}

pub fn register(reg: &mut Registry) {
  reg.add("icu.versions", versions);
}

/// ICU's dotted form (`78.2`, `17.0`): at most four parts, trailing zero parts dropped
/// down to two.
fn version_string(info: &UVersionInfo) -> String {
  let mut buf = [0 as c_char; 20];
  unsafe { u_version_to_string(info.as_ptr(), buf.as_mut_ptr()) };
  unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned()
}

/// `[icu, unicode, cldr, tz]`, each a string, or undefined when ICU reports an error
/// (data without CLDR or time zone tables).
fn versions<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut icu: UVersionInfo = [0; 4];
  let mut unicode: UVersionInfo = [0; 4];
  let mut cldr: UVersionInfo = [0; 4];
  let mut cldr_status: c_int = 0;
  let mut tz_status: c_int = 0;
  let tz = unsafe {
    u_get_version(icu.as_mut_ptr());
    u_get_unicode_version(unicode.as_mut_ptr());
    ulocdata_get_cldr_version(cldr.as_mut_ptr(), &mut cldr_status);
    ucal_get_tz_data_version(&mut tz_status)
  };
  let mut out: Vec<v8::Local<v8::Value>> = vec![
    new_string(scope, &version_string(&icu)).into(),
    new_string(scope, &version_string(&unicode)).into(),
  ];
  // UErrorCode: > 0 is a failure, <= 0 success or a warning.
  out.push(if cldr_status > 0 { v8::undefined(scope).into() } else { new_string(scope, &version_string(&cldr)).into() });
  out.push(if tz_status > 0 || tz.is_null() {
    v8::undefined(scope).into()
  } else {
    let s = unsafe { CStr::from_ptr(tz) }.to_string_lossy().into_owned();
    new_string(scope, &s).into()
  });
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}
