//! Compression for `node:zlib`: gzip, deflate (zlib), raw deflate (flate2) and brotli,
//! one-shot over complete buffers. The JS streams collect their input and compress at
//! the end, so no compressor state lives behind JS objects.

use std::io::{Read, Write};

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("zlib.compress", compress);
  reg.add("zlib.decompress", decompress);
}

fn level(scope: &mut v8::PinScope, v: v8::Local<v8::Value>, default: u32) -> u32 {
  match v.int32_value(scope) {
    Some(l) if l >= 0 => l as u32,
    _ => default,
  }
}

/// `compress(kind, bytes, level)`; kind is gzip | deflate | deflateRaw | brotli.
fn compress<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let kind = string_arg(scope, &args, 0);
  let input = bytes_arg(args.get(1)).unwrap_or_default();
  let res: std::io::Result<Vec<u8>> = match kind.as_str() {
    "gzip" => {
      let lvl = level(scope, args.get(2), 6).min(9);
      let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(lvl));
      e.write_all(&input).and_then(|_| e.finish())
    }
    "deflate" => {
      let lvl = level(scope, args.get(2), 6).min(9);
      let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(lvl));
      e.write_all(&input).and_then(|_| e.finish())
    }
    "deflateRaw" => {
      let lvl = level(scope, args.get(2), 6).min(9);
      let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(lvl));
      e.write_all(&input).and_then(|_| e.finish())
    }
    "brotli" => {
      let q = level(scope, args.get(2), 11).min(11);
      let mut out = Vec::new();
      {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, q, 22);
        let r = w.write_all(&input);
        drop(w);
        r.map(|_| out)
      }
    }
    _ => return throw_type_error(scope, &format!("unknown compression {kind}")),
  };
  match res {
    Ok(b) => {
      let arr = bytes_to_uint8array(scope, b);
      rv.set(arr.into());
    }
    Err(e) => throw_error(scope, &e.to_string()),
  }
}

fn zlib_error(scope: &mut v8::PinScope, msg: &str, code: &str, errno: i32) {
  let m = new_string(scope, msg);
  let e = v8::Exception::error(scope, m);
  let o = e.cast::<v8::Object>();
  let k = new_string(scope, "code");
  let v = new_string(scope, code);
  o.set(scope, k.into(), v.into());
  let k = new_string(scope, "errno");
  let v = v8::Integer::new(scope, errno);
  o.set(scope, k.into(), v.into());
  scope.throw_exception(e);
}

/// `decompress(kind, bytes)`; kind is gunzip | inflate | inflateRaw | unzip | brotli.
fn decompress<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let kind = string_arg(scope, &args, 0);
  let input = bytes_arg(args.get(1)).unwrap_or_default();
  let mut out = Vec::new();
  // zlib checks the header first; report a bad one as Node does.
  let bad_header = match kind.as_str() {
    "gunzip" => !input.starts_with(&[0x1f, 0x8b]),
    "inflate" => input.len() >= 2 && ((input[0] & 0x0f) != 8 || (u16::from(input[0]) * 256 + u16::from(input[1])) % 31 != 0),
    "unzip" => input.len() >= 2 && !input.starts_with(&[0x1f, 0x8b]) && ((input[0] & 0x0f) != 8 || (u16::from(input[0]) * 256 + u16::from(input[1])) % 31 != 0),
    _ => false,
  };
  if bad_header && !input.is_empty() {
    return zlib_error(scope, "incorrect header check", "Z_DATA_ERROR", -3);
  }
  let res = match kind.as_str() {
    "gunzip" => flate2::read::MultiGzDecoder::new(&input[..]).read_to_end(&mut out),
    "inflate" => flate2::read::ZlibDecoder::new(&input[..]).read_to_end(&mut out),
    "inflateRaw" => flate2::read::DeflateDecoder::new(&input[..]).read_to_end(&mut out),
    "unzip" => {
      if input.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&input[..]).read_to_end(&mut out)
      } else {
        flate2::read::ZlibDecoder::new(&input[..]).read_to_end(&mut out)
      }
    }
    "brotli" => brotli::Decompressor::new(&input[..], 4096).read_to_end(&mut out),
    _ => return throw_type_error(scope, &format!("unknown decompression {kind}")),
  };
  match res {
    Ok(_) => {
      let arr = bytes_to_uint8array(scope, out);
      rv.set(arr.into());
    }
    Err(_) if kind == "brotli" => zlib_error(scope, "Decompression failed", "ERR__ERROR", -1),
    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => zlib_error(scope, "unexpected end of file", "Z_BUF_ERROR", -5),
    Err(_) => zlib_error(scope, "incorrect header check", "Z_DATA_ERROR", -3),
  }
}
