//! Operating-system facts for `node:os`, read from libc and /proc on each call.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("os.hostname", hostname);
  reg.add("os.uname", uname);
  reg.add("os.meminfo", meminfo);
  reg.add("os.loadavg", loadavg);
  reg.add("os.uptime", uptime);
  reg.add("os.cpus", cpus);
  reg.add("os.userInfo", user_info);
}

fn hostname<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut buf = [0u8; 256];
  unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
  let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
  set_string(scope, &mut rv, &String::from_utf8_lossy(&buf[..end]));
}

fn cstr(b: &[libc::c_char]) -> String {
  let bytes: Vec<u8> = b.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
  String::from_utf8_lossy(&bytes).into_owned()
}

/// `[sysname, release, version, machine]`.
fn uname<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut u: libc::utsname = unsafe { std::mem::zeroed() };
  unsafe { libc::uname(&mut u) };
  let vals = [cstr(&u.sysname), cstr(&u.release), cstr(&u.version), cstr(&u.machine)];
  let vals: Vec<v8::Local<v8::Value>> = vals.iter().map(|s| new_string(scope, s).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

/// `[totalmem, freemem]` in bytes.
fn meminfo<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
  let field = |name: &str| -> f64 {
    text.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) * 1024.0
  };
  let t = v8::Number::new(scope, field("MemTotal:")).into();
  let f = v8::Number::new(scope, field("MemAvailable:")).into();
  let arr = v8::Array::new_with_elements(scope, &[t, f]);
  rv.set(arr.into());
}

fn loadavg<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut l = [0f64; 3];
  unsafe { libc::getloadavg(l.as_mut_ptr(), 3) };
  let vals: Vec<v8::Local<v8::Value>> = l.iter().map(|v| v8::Number::new(scope, *v).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

fn uptime<'s>(_scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let text = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
  let up: f64 = text.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
  rv.set_double(up.floor());
}

/// `[[model, speedMHz], ...]` one entry per logical CPU.
fn cpus<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let text = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
  let mut out: Vec<v8::Local<v8::Value>> = Vec::new();
  let mut model = String::new();
  for line in text.lines() {
    if let Some((k, v)) = line.split_once(':') {
      let (k, v) = (k.trim(), v.trim());
      if k == "model name" {
        model = v.to_string();
      } else if k == "cpu MHz" {
        let m = new_string(scope, &model).into();
        let s = v8::Number::new(scope, v.parse::<f64>().unwrap_or(0.0).floor()).into();
        out.push(v8::Array::new_with_elements(scope, &[m, s]).into());
      }
    }
  }
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}

/// `[uid, gid, username, homedir, shell]` from the password database.
fn user_info<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let uid = unsafe { libc::geteuid() };
  let pw = unsafe { libc::getpwuid(uid) };
  let (name, home, shell, gid) = if pw.is_null() {
    (String::new(), String::new(), String::new(), unsafe { libc::getegid() })
  } else {
    let p = unsafe { &*pw };
    let s = |c: *const libc::c_char| if c.is_null() { String::new() } else { unsafe { std::ffi::CStr::from_ptr(c) }.to_string_lossy().into_owned() };
    (s(p.pw_name), s(p.pw_dir), s(p.pw_shell), p.pw_gid)
  };
  let vals: Vec<v8::Local<v8::Value>> = vec![
    v8::Integer::new_from_unsigned(scope, uid).into(),
    v8::Integer::new_from_unsigned(scope, gid).into(),
    new_string(scope, &name).into(),
    new_string(scope, &home).into(),
    new_string(scope, &shell).into(),
  ];
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}
