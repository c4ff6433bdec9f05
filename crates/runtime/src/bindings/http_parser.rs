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

/// Headers parsed without a heap allocation; more than this many (up to `maxHeaders`)
/// are parsed again into a vector.
const INLINE_HEADERS: usize = 64;

thread_local! {
  /// The head being parsed, copied out of the JS buffer (whose memory a string
  /// allocation could move) into memory reused from call to call.
  static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

enum Head<'b> {
  Request { method: Option<&'b str>, path: Option<&'b str>, version: Option<u8> },
  Response { code: Option<u16>, reason: Option<&'b str>, version: Option<u8> },
}

/// Parses `input` with `headers` as the header slots: the head's length, its first
/// line and the number of headers, or `None` while partial.
fn parse_into<'h, 'b>(input: &'b [u8], is_request: bool, headers: &'h mut [std::mem::MaybeUninit<httparse::Header<'b>>]) -> Result<Option<(usize, Head<'b>, &'h [httparse::Header<'b>])>, httparse::Error> {
  if is_request {
    let mut req = httparse::Request::new(&mut []);
    match req.parse_with_uninit_headers(input, headers)? {
      httparse::Status::Partial => Ok(None),
      httparse::Status::Complete(n) => {
        let head = Head::Request { method: req.method, path: req.path, version: req.version };
        Ok(Some((n, head, req.headers)))
      }
    }
  } else {
    let mut res = httparse::Response::new(&mut []);
    match httparse::ParserConfig::default().parse_response_with_uninit_headers(&mut res, input, headers)? {
      httparse::Status::Partial => Ok(None),
      httparse::Status::Complete(n) => {
        let head = Head::Response { code: res.code, reason: res.reason, version: res.version };
        Ok(Some((n, head, res.headers)))
      }
    }
  }
}

fn parse_head<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let is_request = args.get(1).is_true();
  let max = args.get(2).uint32_value(scope).unwrap_or(2000).clamp(1, 100_000) as usize;
  INPUT.with_borrow_mut(|input| {
    input.clear();
    if with_bytes(args.get(0), |b| input.extend_from_slice(b)).is_none() {
      return throw_type_error(scope, "parseHead expects bytes");
    }
    let mut inline = [const { std::mem::MaybeUninit::<httparse::Header>::uninit() }; INLINE_HEADERS];
    let mut spill;
    let mut parsed = parse_into(input, is_request, &mut inline[..max.min(INLINE_HEADERS)]);
    if matches!(parsed, Err(httparse::Error::TooManyHeaders)) && max > INLINE_HEADERS {
      spill = (0..max).map(|_| std::mem::MaybeUninit::uninit()).collect::<Vec<_>>();
      parsed = parse_into(input, is_request, &mut spill);
    }
    let (n, head, headers) = match parsed {
      Ok(None) => return rv.set_null(),
      Err(e) => return parse_error(scope, e),
      Ok(Some(p)) => p,
    };
    let mut raw: Vec<v8::Local<v8::Value>> = Vec::with_capacity(headers.len() * 2);
    for h in headers {
      // Names are tokens (ASCII), values bytes read as latin1.
      raw.push(latin1(scope, h.name.as_bytes()));
      raw.push(latin1(scope, h.value));
    }
    let raw = v8::Array::new_with_elements(scope, &raw);
    let fields: [v8::Local<v8::Value>; 7] = match head {
      Head::Request { method, path, version } => [
        v8::Number::new(scope, n as f64).into(),
        opt_str(scope, method),
        opt_str(scope, path),
        v8::null(scope).into(),
        v8::null(scope).into(),
        v8::Integer::new(scope, version.unwrap_or(1) as i32).into(),
        raw.into(),
      ],
      Head::Response { code, reason, version } => [
        v8::Number::new(scope, n as f64).into(),
        v8::null(scope).into(),
        v8::null(scope).into(),
        v8::Integer::new(scope, code.unwrap_or(0) as i32).into(),
        opt_str(scope, reason),
        v8::Integer::new(scope, version.unwrap_or(1) as i32).into(),
        raw.into(),
      ],
    };
    let arr = v8::Array::new_with_elements(scope, &fields);
    rv.set(arr.into());
  })
}
