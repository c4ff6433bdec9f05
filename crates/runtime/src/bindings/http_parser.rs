//! HTTP/1.1 message heads for `node:http`, parsed by the `httparse` crate. One function:
//! `http.parseHead(bytes, isRequest, maxHeaders, lenient)` returns `null` while the head
//! is incomplete, a plain array `[headLength, method|null, url|null, status|null,
//! reason|null, minorVersion, rawHeaders, majorVersion]` when complete, or throws a
//! `{ code, reason, bytesParsed }` error (llhttp's codes and reasons) when the bytes are
//! not HTTP. What llhttp checks and httparse does not is checked here first: every line
//! ends with CRLF (a bare CR or LF is how requests are smuggled). `lenient` is Node's
//! `insecureHTTPParser`: bare line ends and control characters in header values pass,
//! and a response's folded (obs-fold) header lines are joined. Bodies (Content-Length,
//! chunked) are framed in JS (`lib/_http_common.js`). No state is kept here.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("http.parseHead", parse_head);
}

/// httparse's error as llhttp's code and reason.
fn httparse_error(err: httparse::Error) -> (&'static str, &'static str) {
  match err {
    httparse::Error::TooManyHeaders => ("HPE_HEADER_OVERFLOW", "Header overflow"),
    httparse::Error::HeaderName => ("HPE_INVALID_HEADER_TOKEN", "Invalid header token"),
    httparse::Error::HeaderValue => ("HPE_INVALID_HEADER_TOKEN", "Invalid header value char"),
    httparse::Error::Version => ("HPE_INVALID_VERSION", "Invalid HTTP version"),
    httparse::Error::Status => ("HPE_INVALID_STATUS", "Invalid status code"),
    httparse::Error::Token => ("HPE_INVALID_METHOD", "Invalid method encountered"),
    httparse::Error::NewLine => ("HPE_LF_EXPECTED", "Missing expected LF after header value"),
  }
}

/// The line ends of a head as llhttp's strict mode wants them: CRLF after the start
/// line and after each header, and one CRLF ending the head. Returns the first
/// violation (code, reason, offset); `None` also while the head is incomplete.
fn check_line_ends(input: &[u8]) -> Option<(&'static str, &'static str, usize)> {
  let mut line_start = 0;
  let mut first = true;
  let mut i = 0;
  while i < input.len() {
    match input[i] {
      b'\r' => {
        let next = *input.get(i + 1)?;
        let empty = i == line_start && !first;
        if next != b'\n' {
          return Some(if first {
            ("HPE_INVALID_VERSION", "Expected CRLF after version", i)
          } else if empty {
            ("HPE_STRICT", "Expected LF after headers", i + 1)
          } else {
            ("HPE_LF_EXPECTED", "Missing expected LF after header value", i + 1)
          });
        }
        if empty {
          return None;
        }
        first = false;
        i += 2;
        line_start = i;
      }
      b'\n' => {
        return Some(if first {
          ("HPE_INVALID_VERSION", "Expected CRLF after version", i)
        } else {
          ("HPE_CR_EXPECTED", "Missing expected CR after header value", i)
        });
      }
      _ => i += 1,
    }
  }
  None
}

fn parse_error(scope: &mut v8::PinScope, code: &str, reason: &str, at: usize) {
  let m = new_string(scope, &format!("Parse Error: {reason}"));
  let e = v8::Exception::error(scope, m);
  let o = e.cast::<v8::Object>();
  let k = new_string(scope, "code");
  let v = new_string(scope, code);
  o.set(scope, k.into(), v.into());
  let k = new_string(scope, "reason");
  let v = new_string(scope, reason);
  o.set(scope, k.into(), v.into());
  let k = new_string(scope, "bytesParsed");
  let v = v8::Number::new(scope, at as f64);
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
  /// The head as received, when lenient parsing had to mask bytes of INPUT.
  static ORIGINAL: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Lenient parsing: control characters (other than tab, CR and LF) in the head are
/// masked as obs-text, which httparse accepts in values, so they pass as llhttp's
/// lenient mode lets them; the values are then read from the original bytes. Returns
/// whether anything was masked.
fn mask_controls(input: &mut [u8]) -> bool {
  let end = input.windows(4).position(|w| w == b"\r\n\r\n").map_or(input.len(), |p| p + 4);
  let mut masked = false;
  for b in &mut input[..end] {
    if (*b < 0x20 && *b != b'\t' && *b != b'\r' && *b != b'\n') || *b == 0x7f {
      *b = 0x80;
      masked = true;
    }
  }
  masked
}

enum Head<'b> {
  Request { method: Option<&'b str>, path: Option<&'b str>, version: Option<u8> },
  Response { code: Option<u16>, reason: Option<&'b str>, version: Option<u8> },
}

/// Parses `input` with `headers` as the header slots: the head's length, its first
/// line and the number of headers, or `None` while partial.
fn parse_into<'h, 'b>(input: &'b [u8], is_request: bool, lenient: bool, headers: &'h mut [std::mem::MaybeUninit<httparse::Header<'b>>]) -> Result<Option<(usize, Head<'b>, &'h [httparse::Header<'b>])>, httparse::Error> {
  if is_request {
    let mut req = httparse::Request::new(&mut []);
    // llhttp reads `GET  /  HTTP/1.1` too.
    match httparse::ParserConfig::default().allow_multiple_spaces_in_request_line_delimiters(true).parse_request_with_uninit_headers(&mut req, input, headers)? {
      httparse::Status::Partial => Ok(None),
      httparse::Status::Complete(n) => {
        let head = Head::Request { method: req.method, path: req.path, version: req.version };
        Ok(Some((n, head, req.headers)))
      }
    }
  } else {
    let mut res = httparse::Response::new(&mut []);
    let mut config = httparse::ParserConfig::default();
    config.allow_obsolete_multiline_headers_in_responses(lenient);
    match config.parse_response_with_uninit_headers(&mut res, input, headers)? {
      httparse::Status::Partial => Ok(None),
      httparse::Status::Complete(n) => {
        let head = Head::Response { code: res.code, reason: res.reason, version: res.version };
        Ok(Some((n, head, res.headers)))
      }
    }
  }
}

/// The reason phrase of a status line as its bytes (llhttp's: everything after the code
/// and one space, up to the line's end), which JS reads as latin1 as Node does. httparse
/// gives it as a `str`, empty when the bytes are not UTF-8.
fn raw_reason(input: &[u8]) -> &[u8] {
  let end = input.iter().position(|&b| b == b'\n').unwrap_or(input.len());
  let line = input[..end].strip_suffix(b"\r").unwrap_or(&input[..end]);
  // `HTTP/1.1`, spaces, three digits, one space.
  let mut i = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
  while line.get(i) == Some(&b' ') {
    i += 1;
  }
  i = (i + 3).min(line.len());
  if line.get(i) == Some(&b' ') {
    i += 1;
  }
  &line[i..]
}

fn parse_head<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let is_request = args.get(1).is_true();
  let max = args.get(2).uint32_value(scope).unwrap_or(2000).clamp(1, 100_000) as usize;
  let lenient = args.get(3).is_true();
  INPUT.with_borrow_mut(|input| {
    input.clear();
    if with_bytes(args.get(0), |b| input.extend_from_slice(b)).is_none() {
      return throw_type_error(scope, "parseHead expects bytes");
    }
    if !lenient {
      if let Some((code, reason, at)) = check_line_ends(input) {
        return parse_error(scope, code, reason, at);
      }
    }
    // llhttp reads an HTTP/0.9 status line; httparse knows only 1.x.
    let mut major = 1;
    if !is_request && input.starts_with(b"HTTP/0.9 ") {
      input[5..8].copy_from_slice(b"1.0");
      major = 0;
    }
    let masked = lenient && mask_controls(input);
    if masked {
      ORIGINAL.with_borrow_mut(|o| {
        o.clear();
        let _ = with_bytes(args.get(0), |b| o.extend_from_slice(b));
      });
    }
    let mut inline = [const { std::mem::MaybeUninit::<httparse::Header>::uninit() }; INLINE_HEADERS];
    let mut spill;
    let mut parsed = parse_into(input, is_request, lenient, &mut inline[..max.min(INLINE_HEADERS)]);
    if matches!(parsed, Err(httparse::Error::TooManyHeaders)) && max > INLINE_HEADERS {
      spill = (0..max).map(|_| std::mem::MaybeUninit::uninit()).collect::<Vec<_>>();
      parsed = parse_into(input, is_request, lenient, &mut spill);
    }
    let (n, head, headers) = match parsed {
      Ok(None) => return rv.set_null(),
      Err(e) => {
        let (code, reason) = httparse_error(e);
        return parse_error(scope, code, reason, 0);
      }
      Ok(Some(p)) => p,
    };
    let mut raw: smallvec::SmallVec<[v8::Local<v8::Value>; 32]> = smallvec::SmallVec::with_capacity(headers.len() * 2);
    for h in headers {
      // Names are tokens (ASCII), values bytes read as latin1.
      raw.push(latin1(scope, h.name.as_bytes()));
      if lenient && (masked || h.value.contains(&b'\n')) {
        // The value's bytes as received, a folded line joined to the one before.
        let at = h.value.as_ptr() as usize - input.as_ptr() as usize;
        let value: Vec<u8> = if masked {
          ORIGINAL.with_borrow(|o| o[at..at + h.value.len()].to_vec())
        } else {
          h.value.to_vec()
        };
        let value: Vec<u8> = value.into_iter().filter(|&b| b != b'\r' && b != b'\n').collect();
        raw.push(latin1(scope, &value));
      } else {
        raw.push(latin1(scope, h.value));
      }
    }
    let raw = v8::Array::new_with_elements(scope, &raw);
    let major_v: v8::Local<v8::Value> = v8::Integer::new(scope, major).into();
    let fields: [v8::Local<v8::Value>; 8] = match head {
      Head::Request { method, path, version } => [
        v8::Number::new(scope, n as f64).into(),
        opt_str(scope, method),
        opt_str(scope, path),
        v8::null(scope).into(),
        v8::null(scope).into(),
        v8::Integer::new(scope, version.unwrap_or(1) as i32).into(),
        raw.into(),
        major_v,
      ],
      Head::Response { code, reason, version } => [
        v8::Number::new(scope, n as f64).into(),
        v8::null(scope).into(),
        v8::null(scope).into(),
        v8::Integer::new(scope, code.unwrap_or(0) as i32).into(),
        match reason {
          Some(_) => latin1(scope, raw_reason(input)),
          None => v8::null(scope).into(),
        },
        v8::Integer::new(scope, if major == 0 { 9 } else { version.unwrap_or(1) as i32 }).into(),
        raw.into(),
        major_v,
      ],
    };
    let arr = v8::Array::new_with_elements(scope, &fields);
    rv.set(arr.into());
  })
}
