//! Buffer encodings done natively: latin1, ascii, utf16le, hex, base64 and base64url
//! (base64 through V8's simdutf, with Node's forgiving decoder as the fallback).

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("buffer.encode", encode);
  reg.add("buffer.decode", decode);
}

fn utf16_units(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u16> {
  let mut units = vec![0u16; s.length()];
  s.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
  units
}

fn hex_val(c: u8) -> Option<u8> {
  match c {
    b'0'..=b'9' => Some(c - b'0'),
    b'a'..=b'f' => Some(c - b'a' + 10),
    b'A'..=b'F' => Some(c - b'A' + 10),
    _ => None,
  }
}

/// Node's forgiving base64: skips characters outside the alphabet, stops at '='.
fn base64_forgiving(input: &[u8]) -> Vec<u8> {
  let mut out = Vec::with_capacity(input.len() * 3 / 4);
  let mut acc = 0u32;
  let mut bits = 0;
  for &c in input {
    let v = match c {
      b'A'..=b'Z' => c - b'A',
      b'a'..=b'z' => c - b'a' + 26,
      b'0'..=b'9' => c - b'0' + 52,
      b'+' | b'-' => 62,
      b'/' | b'_' => 63,
      b'=' => break,
      _ => continue,
    };
    acc = (acc << 6) | v as u32;
    bits += 6;
    if bits >= 8 {
      bits -= 8;
      out.push((acc >> bits) as u8);
    }
  }
  out
}

pub(crate) fn base64_decode(input: &[u8]) -> Vec<u8> {
  let max = v8::simdutf::maximal_binary_length_from_base64(input);
  let mut out = vec![0u8; max];
  // SAFETY: `out` has the capacity simdutf asks for.
  let r = unsafe { v8::simdutf::base64_to_binary(input, &mut out, v8::simdutf::Base64Options::Default, v8::simdutf::LastChunkHandling::Loose) };
  if r.is_ok() {
    out.truncate(r.count);
    return out;
  }
  base64_forgiving(input)
}

fn base64_encode(input: &[u8], url: bool) -> Vec<u8> {
  let opts = if url { v8::simdutf::Base64Options::Url } else { v8::simdutf::Base64Options::Default };
  let len = v8::simdutf::base64_length_from_binary(input.len(), opts);
  let mut out = vec![0u8; len];
  // SAFETY: `out` has exactly the length simdutf computes for this input.
  let n = unsafe { v8::simdutf::binary_to_base64(input, &mut out, opts) };
  out.truncate(n);
  out
}

/// `encode(string, encoding)` -> Uint8Array.
fn encode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(s) = v8::Local::<v8::String>::try_from(args.get(0)) else { return throw_type_error(scope, "string expected") };
  let enc = string_arg(scope, &args, 1);
  let bytes: Vec<u8> = match enc.as_str() {
    // Each UTF-16 unit's low byte, written by V8 straight into the result.
    "latin1" | "ascii" => {
      let mut out = vec![0u8; s.length()];
      s.write_one_byte_v2(scope, 0, &mut out, v8::WriteFlags::empty());
      out
    }
    "utf16le" => utf16_units(scope, s).into_iter().flat_map(|u| u.to_le_bytes()).collect(),
    "hex" => {
      let text = s.to_rust_string_lossy(scope);
      let b = text.as_bytes();
      let mut out = Vec::with_capacity(b.len() / 2);
      for pair in b.chunks_exact(2) {
        match (hex_val(pair[0]), hex_val(pair[1])) {
          (Some(h), Some(l)) => out.push(h << 4 | l),
          _ => break,
        }
      }
      out
    }
    "base64" | "base64url" => {
      let text = s.to_rust_string_lossy(scope);
      base64_decode(text.as_bytes())
    }
    _ => s.to_rust_string_lossy(scope).into_bytes(),
  };
  let arr = bytes_to_uint8array(scope, bytes);
  rv.set(arr.into());
}

/// `bytes` as a string in one of the encodings a digest or a Buffer is often shown in
/// ('hex', 'base64', 'base64url', 'latin1'), None for any other encoding.
pub(crate) fn encode_to_string<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8], enc: &str) -> Option<v8::Local<'s, v8::String>> {
  match enc {
    "latin1" => v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal),
    "hex" => {
      const DIGITS: &[u8; 16] = b"0123456789abcdef";
      let mut out = Vec::with_capacity(bytes.len() * 2);
      for b in bytes {
        out.push(DIGITS[(b >> 4) as usize]);
        out.push(DIGITS[(b & 15) as usize]);
      }
      v8::String::new_from_one_byte(scope, &out, v8::NewStringType::Normal)
    }
    "base64" => v8::String::new_from_one_byte(scope, &base64_encode(bytes, false), v8::NewStringType::Normal),
    "base64url" => v8::String::new_from_one_byte(scope, &base64_encode(bytes, true), v8::NewStringType::Normal),
    _ => None,
  }
}

/// `decode(view, encoding)` -> string. The view's bytes are read in place.
fn decode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let enc = string_arg(scope, &args, 1);
  let view = args.get(0);
  // (A small typed array's bytes may sit in the V8 heap: its buffer is made first, so
  // that creating the string below cannot move the bytes being read.)
  if with_bytes(view, |_| ()).is_none() {
    return throw_type_error(scope, "buffer expected");
  }
  let Some((ptr, len)) = with_bytes(view, |b| (b.as_ptr(), b.len())) else { return throw_type_error(scope, "buffer expected") };
  // SAFETY: the view is alive for this call and its bytes are off the heap (above).
  let bytes: &[u8] = if len == 0 { &[] } else { unsafe { std::slice::from_raw_parts(ptr, len) } };
  let s = match enc.as_str() {
    "ascii" => {
      let b: Vec<u8> = bytes.iter().map(|c| c & 0x7f).collect();
      v8::String::new_from_one_byte(scope, &b, v8::NewStringType::Normal)
    }
    "utf16le" => {
      let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
      v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal)
    }
    "latin1" | "hex" | "base64" | "base64url" => encode_to_string(scope, bytes, &enc),
    _ => return throw_type_error(scope, &format!("Unknown encoding: {enc}")),
  };
  match s {
    Some(s) => rv.set(s.into()),
    None => throw_error(scope, "Cannot create a string longer than 0x1fffffe8 characters"),
  }
}
