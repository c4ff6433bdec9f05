//! Text encodings for TextEncoder/TextDecoder and atob/btoa, done natively.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("encoding.encodeUtf8", encode_utf8);
  reg.add("encoding.encodeInto", encode_into);
  reg.add("encoding.decodeUtf8", decode_utf8);
  reg.add("encoding.decodeLatin1", decode_latin1);
  reg.add("encoding.utf8Length", utf8_length);
  reg.add("encoding.writeUtf8", write_utf8);
}

/// `writeUtf8(str, view, offset)` -> bytes written: the UTF-8 of `str` (lone surrogates as
/// U+FFFD) written by V8 straight into `view` from `offset`, whole characters only, as
/// many as fit. Buffer.from(string) fills its pool with it, with no copy between.
fn write_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(s) = v8::Local::<v8::String>::try_from(args.get(0)) else { return rv.set_int32(0) };
  let offset = args.get(2).uint32_value(scope).unwrap_or(0) as usize;
  let n = with_bytes_mut(args.get(1), |dst| {
    if offset >= dst.len() {
      return 0;
    }
    s.write_utf8_v2(scope, &mut dst[offset..], v8::WriteFlags::kReplaceInvalidUtf8, None)
  })
  .unwrap_or(0);
  rv.set_double(n as f64);
}

/// `utf8Length(str)`: the length of `str` in UTF-8 (lone surrogates count as U+FFFD),
/// without encoding it.
fn utf8_length<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let n = match v8::Local::<v8::String>::try_from(args.get(0)) {
    Ok(s) => s.utf8_length(scope),
    Err(_) => 0,
  };
  rv.set_double(n as f64);
}

fn encode_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let s = args.get(0).to_rust_string_lossy(scope);
  let arr = bytes_to_uint8array(scope, s.into_bytes());
  rv.set(arr.into());
}

/// `encodeInto(str, u8array)` -> `[read (UTF-16 units), written (bytes)]`.
fn encode_into<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let s = args.get(0).to_rust_string_lossy(scope);
  let res = with_bytes_mut(args.get(1), |dst| {
    let mut read = 0usize;
    let mut written = 0usize;
    for ch in s.chars() {
      let n = ch.len_utf8();
      if written + n > dst.len() {
        break;
      }
      ch.encode_utf8(&mut dst[written..written + n]);
      written += n;
      read += ch.len_utf16();
    }
    (read, written)
  });
  let (read, written) = res.unwrap_or((0, 0));
  let r = v8::Number::new(scope, read as f64).into();
  let w = v8::Number::new(scope, written as f64).into();
  let arr = v8::Array::new_with_elements(scope, &[r, w]);
  rv.set(arr.into());
}

/// `decodeUtf8(bytes, fatal, ignoreBOM)`; throws TypeError on invalid input when fatal.
fn decode_utf8<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fatal = args.get(1).boolean_value(scope);
  let ignore_bom = args.get(2).boolean_value(scope);
  let out = with_bytes(args.get(0), |b| {
    let b = if !ignore_bom && b.starts_with(&[0xEF, 0xBB, 0xBF]) { &b[3..] } else { b };
    if fatal {
      std::str::from_utf8(b).map(|s| s.to_string()).map_err(|_| ())
    } else {
      Ok(String::from_utf8_lossy(b).into_owned())
    }
  });
  match out {
    Some(Ok(s)) => set_string(scope, &mut rv, &s),
    Some(Err(())) => {
      let m = new_string(scope, "The encoded data was not valid for encoding utf-8");
      let e = v8::Exception::type_error(scope, m);
      let k = new_string(scope, "code");
      let c = new_string(scope, "ERR_ENCODING_INVALID_ENCODED_DATA");
      e.cast::<v8::Object>().set(scope, k.into(), c.into());
      scope.throw_exception(e);
    }
    None => throw_type_error(scope, "The \"input\" argument must be an instance of ArrayBuffer or ArrayBufferView"),
  }
}

fn decode_latin1<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let s = with_bytes(args.get(0), |b| v8::String::new_from_one_byte(scope, b, v8::NewStringType::Normal));
  if let Some(Some(s)) = s {
    rv.set(s.into());
  }
}
