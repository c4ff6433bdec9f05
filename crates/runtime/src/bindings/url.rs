//! WHATWG URL parsing with the `url` crate; the URL class lives in `lib/internal/url.js`.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("url.parse", parse);
  reg.add("url.set", set);
  reg.add("url.toASCII", to_ascii);
  reg.add("url.toUnicode", to_unicode);
  reg.add("url.punycodeEncode", punycode_encode);
  reg.add("url.punycodeDecode", punycode_decode);
}

fn string_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> String {
  args.get(i).to_string(scope).map(|s| s.to_rust_string_lossy(scope)).unwrap_or_default()
}

/// UTS #46 ToASCII without the STD3 rules (any ASCII passes), as the legacy
/// `url.parse()` maps host names: '' when the name cannot be mapped.
fn to_ascii<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let domain = string_arg(scope, &args, 0);
  let out = idna::domain_to_ascii_cow(domain.as_bytes(), idna::AsciiDenyList::EMPTY).map(|c| c.into_owned()).unwrap_or_default();
  set_string(scope, &mut rv, &out);
}

/// UTS #46 ToUnicode (Punycode labels decoded, the name mapped), as `url.domainToUnicode`
/// gives a host the URL parser accepted.
fn to_unicode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let domain = string_arg(scope, &args, 0);
  let (out, _) = idna::domain_to_unicode(&domain);
  set_string(scope, &mut rv, &out);
}

/// RFC 3492 Punycode of a string (no `xn--`); undefined when it overflows.
fn punycode_encode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let input = string_arg(scope, &args, 0);
  if let Some(out) = idna::punycode::encode_str(&input) {
    set_string(scope, &mut rv, &out);
  }
}

/// The string a Punycode text decodes to; undefined when it is not valid Punycode.
fn punycode_decode<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let input = string_arg(scope, &args, 0);
  if let Some(out) = idna::punycode::decode_to_string(&input) {
    set_string(scope, &mut rv, &out);
  }
}

fn components<'s>(scope: &mut v8::PinScope<'s, '_>, u: &url::Url) -> v8::Local<'s, v8::Array> {
  let port = u.port().map(|p| p.to_string()).unwrap_or_default();
  let parts = [
    u.as_str().to_string(),
    u.scheme().to_string() + ":",
    u.username().to_string(),
    u.password().unwrap_or("").to_string(),
    u.host_str().unwrap_or("").to_string(),
    port,
    u.path().to_string(),
    u.query().map(|q| if q.is_empty() { String::new() } else { format!("?{q}") }).unwrap_or_default(),
    u.fragment().map(|f| if f.is_empty() { String::new() } else { format!("#{f}") }).unwrap_or_default(),
    u.origin().ascii_serialization(),
  ];
  let vals: Vec<v8::Local<v8::Value>> = parts.iter().map(|s| new_string(scope, s).into()).collect();
  v8::Array::new_with_elements(scope, &vals)
}

/// `parse(input, base?)` -> `[href, protocol, username, password, hostname, port,
/// pathname, search, hash, origin]`, or undefined when invalid.
fn parse<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let input = string_arg(scope, &args, 0);
  let res = if args.get(1).is_undefined() {
    url::Url::parse(&input)
  } else {
    let base = string_arg(scope, &args, 1);
    url::Url::parse(&base).and_then(|b| b.join(&input))
  };
  if let Ok(u) = res {
    let arr = components(scope, &u);
    rv.set(arr.into());
  }
}

/// `set(href, part, value)` -> components after applying the setter (invalid values ignored).
fn set<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let href = string_arg(scope, &args, 0);
  let part = string_arg(scope, &args, 1);
  let value = string_arg(scope, &args, 2);
  let Ok(mut u) = url::Url::parse(&href) else { return };
  let _ = match part.as_str() {
    "href" => match url::Url::parse(&value) {
      Ok(n) => {
        u = n;
        Ok(())
      }
      Err(_) => return throw_type_error(scope, "Invalid URL"),
    },
    // The URL standard's setters (what `url::quirks` implements for this API): a value
    // they cannot use leaves the URL as it was.
    "protocol" => url::quirks::set_protocol(&mut u, &value),
    "username" => url::quirks::set_username(&mut u, &value),
    "password" => url::quirks::set_password(&mut u, &value),
    "host" => url::quirks::set_host(&mut u, &value),
    "hostname" => url::quirks::set_hostname(&mut u, &value),
    "port" => url::quirks::set_port(&mut u, &value),
    "pathname" => {
      url::quirks::set_pathname(&mut u, &value);
      Ok(())
    }
    "search" => {
      url::quirks::set_search(&mut u, &value);
      Ok(())
    }
    "hash" => {
      url::quirks::set_hash(&mut u, &value);
      Ok(())
    }
    _ => Ok(()),
  };
  let arr = components(scope, &u);
  rv.set(arr.into());
}
