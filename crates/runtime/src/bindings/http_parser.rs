//! HTTP/1.1 message heads for `node:http`, parsed by the `httparse` crate. One function:
//! `http.parseHead(bytes, isRequest, maxHeaders)` returns `null` while the head is
//! incomplete, a plain array `[headLength, method|null, url|null, status|null,
//! reason|null, minorVersion, rawHeaders]` when complete, or throws a `{ code }` error
//! when the bytes are not HTTP. Bodies (Content-Length, chunked) are framed in JS
//! (`lib/_http_common.js`). No state is kept here.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("http.parseHead", parse_head);
}

fn parse_error(scope: &mut v8::PinScope, err: httparse::Error) {
  let code = match err {
    httparse::Error::TooManyHeaders => "HPE_HEADER_OVERFLOW",
    httparse::Error::HeaderName => "HPE_INVALID_HEADER_TOKEN",
    httparse::Error::HeaderValue => "HPE_INVALID_HEADER_TOKEN",
    httparse::Error::Version => "HPE_INVALID_VERSION",
    httparse::Error::Status => "HPE_INVALID_STATUS",
    httparse::Error::Token => "HPE_INVALID_METHOD",
    httparse::Error::NewLine => "HPE_LF_EXPECTED",
  };
  let m = new_string(scope, "Parse Error");
  let e = v8::Exception::error(scope, m);
  let o = e.cast::<v8::Object>();
  let k = new_string(scope, "code");
  let v = new_string(scope, code);
  o.set(scope, k.into(), v.into());
  let k = new_string(scope, "reason");
  let v = new_string(scope, &err.to_string());
  o.set(scope, k.into(), v.into());
  scope.throw_exception(e);
}

fn opt_str<'s>(scope: &mut v8::PinScope<'s, '_>, s: Option<&str>) -> v8::Local<'s, v8::Value> {
  match s {
    Some(s) => new_string(scope, s).into(),
    None => v8::null(scope).into(),
  }
}

/// Header values are bytes; like Node (latin1) each byte becomes one UTF-16 unit.
fn latin1<'s>(scope: &mut v8::PinScope<'s, '_>, b: &[u8]) -> v8::Local<'s, v8::Value> {
  v8::String::new_from_one_byte(scope, b, v8::NewStringType::Normal)
    .map(|s| s.into())
    .unwrap_or_else(|| v8::String::empty(scope).into())
}

fn parse_head<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let is_request = args.get(1).is_true();
  let max = args.get(2).uint32_value(scope).unwrap_or(2000).clamp(1, 100_000) as usize;
  let Some(input) = bytes_arg(args.get(0)) else {
    return throw_type_error(scope, "parseHead expects bytes");
  };
  let mut headers = vec![httparse::EMPTY_HEADER; max];
  let mut fields: Vec<v8::Local<v8::Value>> = Vec::with_capacity(7);
  let parsed = if is_request {
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(&input) {
      Ok(httparse::Status::Partial) => return rv.set_null(),
      Err(e) => return parse_error(scope, e),
      Ok(httparse::Status::Complete(n)) => {
        fields.push(v8::Number::new(scope, n as f64).into());
        fields.push(opt_str(scope, req.method));
        fields.push(opt_str(scope, req.path));
        fields.push(v8::null(scope).into());
        fields.push(v8::null(scope).into());
        fields.push(v8::Integer::new(scope, req.version.unwrap_or(1) as i32).into());
        req.headers.iter().map(|h| (h.name.to_string(), h.value.to_vec())).collect::<Vec<_>>()
      }
    }
  } else {
    let mut res = httparse::Response::new(&mut headers);
    match res.parse(&input) {
      Ok(httparse::Status::Partial) => return rv.set_null(),
      Err(e) => return parse_error(scope, e),
      Ok(httparse::Status::Complete(n)) => {
        fields.push(v8::Number::new(scope, n as f64).into());
        fields.push(v8::null(scope).into());
        fields.push(v8::null(scope).into());
        fields.push(v8::Integer::new(scope, res.code.unwrap_or(0) as i32).into());
        fields.push(opt_str(scope, res.reason));
        fields.push(v8::Integer::new(scope, res.version.unwrap_or(1) as i32).into());
        res.headers.iter().map(|h| (h.name.to_string(), h.value.to_vec())).collect::<Vec<_>>()
      }
    }
  };
  let mut raw: Vec<v8::Local<v8::Value>> = Vec::with_capacity(parsed.len() * 2);
  for (name, value) in &parsed {
    raw.push(new_string(scope, name).into());
    raw.push(latin1(scope, value));
  }
  let raw = v8::Array::new_with_elements(scope, &raw);
  fields.push(raw.into());
  let arr = v8::Array::new_with_elements(scope, &fields);
  rv.set(arr.into());
}
