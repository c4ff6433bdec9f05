//! HPACK header compression for `node:http2` (RFC 7541), on the `loona-hpack` crate.
//!
//! HTTP/2 framing, streams, flow control, SETTINGS, PING and GOAWAY are JavaScript
//! (`lib/internal/http2/core.js`), which moves bytes over any JS Duplex the way
//! `_tls_wrap.js` does. Only the header compressor is native, because its state (the
//! dynamic tables) and the Huffman code are what a JS version would get wrong: each
//! session owns one encoder and one decoder in a table on the JS thread under a u32 id
//! (DESIGN.md rule 2). The module does no I/O and keeps nothing alive in the loop; a
//! snapshot build refuses open sessions by name in JS (`describeHttp2Sessions`), and
//! nothing of this table is carried.

use std::cell::RefCell;
use std::collections::HashMap;

use loona_hpack::{Decoder, Encoder};

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("http2.newHpack", new_hpack);
  reg.add("http2.encode", encode);
  reg.add("http2.decode", decode);
  reg.add("http2.setTableSize", set_table_size);
  reg.add("http2.free", free);
}

struct Hpack {
  encoder: Encoder<'static>,
  decoder: Decoder<'static>,
  /// A dynamic table size update the next header block must start with (the peer lowered
  /// SETTINGS_HEADER_TABLE_SIZE), RFC 7541 section 4.2.
  pending_size_update: Option<usize>,
}

thread_local! {
  static TABLE: RefCell<(u32, HashMap<u32, Hpack>)> = RefCell::new((0, HashMap::new()));
}

fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> u32 {
  args.get(i).uint32_value(scope).unwrap_or(0)
}

/// `newHpack()` -> id: an encoder and a decoder with the default 4096-byte tables.
fn new_hpack<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = TABLE.with(|t| {
    let mut t = t.borrow_mut();
    t.0 += 1;
    let id = t.0;
    t.1.insert(id, Hpack { encoder: Encoder::new(), decoder: Decoder::new(), pending_size_update: None });
    id
  });
  rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// HPACK integer with an `n`-bit prefix whose other bits are `flags` (section 5.1).
fn push_integer(out: &mut Vec<u8>, flags: u8, n: u8, value: usize) {
  let mut bytes = loona_hpack::encoder::encode_integer(value, n);
  bytes[0] |= flags;
  out.extend(bytes);
}

/// `encode(id, [name, value, ...], sensitive)` -> Uint8Array, one header block. Names in
/// `sensitive` (an array of lower-case names) are sent as "never indexed" literals
/// (section 6.2.3), which is what Node's `http2.sensitiveHeaders` asks for.
fn encode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
  if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) {
    let n = list.length();
    let mut i = 0;
    while i + 1 < n {
      let k = list.get_index(scope, i).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
      let v = list.get_index(scope, i + 1).and_then(|v| v.to_string(scope));
      // Values are Latin-1 on the wire, as nghttp2 sends JS strings' low bytes.
      let v = v.map(|s| {
        let mut buf = vec![0u8; s.length()];
        s.write_one_byte_v2(scope, 0, &mut buf, v8::WriteFlags::empty());
        buf
      });
      pairs.push((k.into_bytes(), v.unwrap_or_default()));
      i += 2;
    }
  }
  let mut sensitive: Vec<Vec<u8>> = Vec::new();
  if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(2)) {
    for i in 0..list.length() {
      if let Some(v) = list.get_index(scope, i) {
        sensitive.push(v.to_rust_string_lossy(scope).into_bytes());
      }
    }
  }
  let out = TABLE.with(|t| {
    let mut t = t.borrow_mut();
    let h = t.1.get_mut(&id)?;
    let mut out = Vec::new();
    if let Some(size) = h.pending_size_update.take() {
      push_integer(&mut out, 0x20, 5, size);
    }
    for (k, v) in &pairs {
      // As nghttp2: `authorization` and short cookies are never indexed either.
      let never = sensitive.iter().any(|s| s == k) || k == b"authorization" || (k == b"cookie" && v.len() < 20);
      if never {
        out.push(0x10);
        push_integer(&mut out, 0, 7, k.len());
        out.extend_from_slice(k);
        push_integer(&mut out, 0, 7, v.len());
        out.extend_from_slice(v);
      } else {
        h.encoder.encode_header_into((k, v), &mut out).ok()?;
      }
    }
    Some(out)
  });
  match out {
    Some(out) => rv.set(bytes_to_uint8array(scope, out).into()),
    None => throw_error(scope, "http2 session is closed"),
  }
}

/// Which fields of a header block are "never indexed" literals (section 6.2.3), in order:
/// the decoder does not say, so the representations are walked (without decoding strings).
fn never_indexed(block: &[u8]) -> Vec<bool> {
  fn integer(b: &[u8], i: &mut usize, n: u8) -> Option<usize> {
    let mask = (1u16 << n) as usize - 1;
    let mut v = (*b.get(*i)? as usize) & mask;
    *i += 1;
    if v < mask {
      return Some(v);
    }
    let mut shift = 0;
    loop {
      let byte = *b.get(*i)? as usize;
      *i += 1;
      v = v.checked_add((byte & 0x7f).checked_shl(shift)?)?;
      shift += 7;
      if byte & 0x80 == 0 || shift > 28 {
        return Some(v);
      }
    }
  }
  fn string(b: &[u8], i: &mut usize) -> Option<()> {
    let len = integer(b, i, 7)?;
    *i = i.checked_add(len)?;
    Some(())
  }
  let mut out = Vec::new();
  let mut i = 0;
  while i < block.len() {
    let first = block[i];
    let ok = if first & 0x80 != 0 {
      out.push(false);
      integer(block, &mut i, 7).map(|_| ())
    } else if first & 0x20 == 0x20 && first & 0x40 == 0 {
      integer(block, &mut i, 5).map(|_| ())
    } else {
      let (prefix, never) = if first & 0x40 != 0 { (6, false) } else { (4, first & 0x10 != 0) };
      out.push(never);
      integer(block, &mut i, prefix).and_then(|index| if index == 0 { string(block, &mut i) } else { Some(()) }).and_then(|_| string(block, &mut i))
    };
    if ok.is_none() {
      break;
    }
  }
  out
}

/// `decode(id, block)` -> `[name, value, ...]` (values as Latin-1 strings) followed by the
/// names of never-indexed fields under a `sensitive` property, or `null` when the block
/// is not valid HPACK (the caller's COMPRESSION_ERROR).
fn decode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let Some(block) = bytes_arg(args.get(1)) else {
    return throw_type_error(scope, "header block must be bytes");
  };
  let decoded = TABLE.with(|t| {
    let mut t = t.borrow_mut();
    let h = t.1.get_mut(&id)?;
    Some(h.decoder.decode(&block).ok())
  });
  match decoded {
    None => throw_error(scope, "http2 session is closed"),
    Some(None) => rv.set(v8::null(scope).into()),
    Some(Some(list)) => {
      let never = never_indexed(&block);
      let mut values: Vec<v8::Local<v8::Value>> = Vec::with_capacity(list.len() * 2);
      let mut sensitive: Vec<v8::Local<v8::Value>> = Vec::new();
      for (n, (k, v)) in list.into_iter().enumerate() {
        if never.get(n).copied().unwrap_or(false) {
          sensitive.push(v8::String::new_from_one_byte(scope, &k, v8::NewStringType::Normal).unwrap().into());
        }
        for bytes in [k, v] {
          let s = v8::String::new_from_one_byte(scope, &bytes, v8::NewStringType::Normal).unwrap();
          values.push(s.into());
        }
      }
      let arr = v8::Array::new_with_elements(scope, &values);
      let key = new_string(scope, "sensitive");
      let list = v8::Array::new_with_elements(scope, &sensitive);
      arr.set(scope, key.into(), list.into());
      rv.set(arr.into());
    }
  }
}

/// `setTableSize(id, which, size)`: `which` 0 is the encoder (the peer's
/// SETTINGS_HEADER_TABLE_SIZE), 1 the decoder (ours, once the peer acknowledged it).
fn set_table_size<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let which = id_arg(scope, &args, 1);
  let size = id_arg(scope, &args, 2) as usize;
  TABLE.with(|t| {
    if let Some(h) = t.borrow_mut().1.get_mut(&id) {
      if which == 0 {
        // Never grow past the default 4096 the encoder starts with: a larger table only
        // costs memory, and staying smaller needs no size update.
        let size = size.min(4096);
        h.encoder.set_max_table_size(size);
        if size < 4096 {
          h.pending_size_update = Some(size);
        }
      } else {
        h.decoder.set_max_allowed_table_size(size);
      }
    }
  });
}

fn free<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  TABLE.with(|t| t.borrow_mut().1.remove(&id));
}
