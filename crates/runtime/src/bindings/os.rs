//! Operating-system facts for `node:os`, read from libc and /proc on each call.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("os.hostname", hostname);
  reg.add("os.errnoConstants", errno_constants);
  reg.add("os.uname", uname);
  reg.add("os.meminfo", meminfo);
  reg.add("os.loadavg", loadavg);
  reg.add("os.uptime", uptime);
  reg.add("os.cpus", cpus);
  reg.add("os.userInfo", user_info);
  reg.add("os.networkInterfaces", network_interfaces);
  reg.add("os.getPriority", get_priority);
  reg.add("os.setPriority", set_priority);
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

/// `[[model, speedMHz, user, nice, sys, idle, irq], ...]` one entry per logical CPU;
/// times in milliseconds from /proc/stat.
fn cpus<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
  let mut models = Vec::new();
  let mut model = String::new();
  for line in info.lines() {
    if let Some((k, v)) = line.split_once(':') {
      let (k, v) = (k.trim(), v.trim());
      if k == "model name" {
        model = v.to_string();
      } else if k == "cpu MHz" {
        models.push((model.clone(), v.parse::<f64>().unwrap_or(0.0).floor()));
      }
    }
  }
  let tick_ms = 1000.0 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
  let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
  let mut out: Vec<v8::Local<v8::Value>> = Vec::new();
  for (i, line) in stat.lines().filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(|b| b.is_ascii_digit())).enumerate() {
    let f: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse().unwrap_or(0.0)).collect();
    let get = |j: usize| f.get(j).copied().unwrap_or(0.0) * tick_ms;
    let (name, speed) = models.get(i).cloned().unwrap_or_default();
    let mut vals: Vec<v8::Local<v8::Value>> = vec![new_string(scope, &name).into(), v8::Number::new(scope, speed).into()];
    for v in [get(0), get(1), get(2), get(3), get(5)] {
      vals.push(v8::Number::new(scope, v).into());
    }
    out.push(v8::Array::new_with_elements(scope, &vals).into());
  }
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}

/// `[[name, family, address, netmask, mac, internal, scopeid], ...]` from getifaddrs.
fn network_interfaces<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  use std::net::{Ipv4Addr, Ipv6Addr};
  let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
  if unsafe { libc::getifaddrs(&mut head) } != 0 {
    return throw_io_error(scope, &std::io::Error::last_os_error(), "uv_interface_addresses", None, None);
  }
  // First pass: MAC addresses from AF_PACKET entries.
  let mut macs = std::collections::HashMap::new();
  let mut p = head;
  while !p.is_null() {
    let ifa = unsafe { &*p };
    if !ifa.ifa_addr.is_null() && unsafe { (*ifa.ifa_addr).sa_family } as i32 == libc::AF_PACKET {
      let ll = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_ll) };
      let mac = ll.sll_addr[..6].iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":");
      macs.insert(unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) }.to_string_lossy().into_owned(), mac);
    }
    p = ifa.ifa_next;
  }
  let mut out: Vec<v8::Local<v8::Value>> = Vec::new();
  let mut p = head;
  while !p.is_null() {
    let ifa = unsafe { &*p };
    p = ifa.ifa_next;
    if ifa.ifa_addr.is_null() || ifa.ifa_netmask.is_null() {
      continue;
    }
    let name = unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) }.to_string_lossy().into_owned();
    let family = unsafe { (*ifa.ifa_addr).sa_family } as i32;
    let (fam, addr, mask, scopeid) = match family {
      libc::AF_INET => {
        let a = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in) };
        let m = unsafe { &*(ifa.ifa_netmask as *const libc::sockaddr_in) };
        ("IPv4", Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr)).to_string(), Ipv4Addr::from(u32::from_be(m.sin_addr.s_addr)).to_string(), -1)
      }
      libc::AF_INET6 => {
        let a = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in6) };
        let m = unsafe { &*(ifa.ifa_netmask as *const libc::sockaddr_in6) };
        ("IPv6", Ipv6Addr::from(a.sin6_addr.s6_addr).to_string(), Ipv6Addr::from(m.sin6_addr.s6_addr).to_string(), a.sin6_scope_id as i64)
      }
      _ => continue,
    };
    let internal = ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
    let mac = macs.get(&name).cloned().unwrap_or_else(|| "00:00:00:00:00:00".into());
    let vals: Vec<v8::Local<v8::Value>> = vec![
      new_string(scope, &name).into(),
      new_string(scope, fam).into(),
      new_string(scope, &addr).into(),
      new_string(scope, &mask).into(),
      new_string(scope, &mac).into(),
      v8::Boolean::new(scope, internal).into(),
      v8::Number::new(scope, scopeid as f64).into(),
    ];
    out.push(v8::Array::new_with_elements(scope, &vals).into());
  }
  unsafe { libc::freeifaddrs(head) };
  let arr = v8::Array::new_with_elements(scope, &out);
  rv.set(arr.into());
}

fn get_priority<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let pid = args.get(0).int32_value(scope).unwrap_or(0);
  unsafe { *libc::__errno_location() = 0 };
  let p = unsafe { libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t) };
  let err = std::io::Error::last_os_error();
  if p == -1 && err.raw_os_error().unwrap_or(0) != 0 {
    return throw_io_error(scope, &err, "uv_os_getpriority", None, None);
  }
  rv.set_int32(p);
}

fn set_priority<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let pid = args.get(0).int32_value(scope).unwrap_or(0);
  let prio = args.get(1).int32_value(scope).unwrap_or(0);
  if unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, prio) } != 0 {
    throw_io_error(scope, &std::io::Error::last_os_error(), "uv_os_setpriority", None, None);
  }
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

/// `os.constants.errno`: the C library's errno values, by the names Node lists on Linux.
static ERRNO_CONSTANTS: &[(&str, i32)] = &[
  ("E2BIG", libc::E2BIG),
  ("EACCES", libc::EACCES),
  ("EADDRINUSE", libc::EADDRINUSE),
  ("EADDRNOTAVAIL", libc::EADDRNOTAVAIL),
  ("EAFNOSUPPORT", libc::EAFNOSUPPORT),
  ("EAGAIN", libc::EAGAIN),
  ("EALREADY", libc::EALREADY),
  ("EBADF", libc::EBADF),
  ("EBADMSG", libc::EBADMSG),
  ("EBUSY", libc::EBUSY),
  ("ECANCELED", libc::ECANCELED),
  ("ECHILD", libc::ECHILD),
  ("ECONNABORTED", libc::ECONNABORTED),
  ("ECONNREFUSED", libc::ECONNREFUSED),
  ("ECONNRESET", libc::ECONNRESET),
  ("EDEADLK", libc::EDEADLK),
  ("EDESTADDRREQ", libc::EDESTADDRREQ),
  ("EDOM", libc::EDOM),
  ("EDQUOT", libc::EDQUOT),
  ("EEXIST", libc::EEXIST),
  ("EFAULT", libc::EFAULT),
  ("EFBIG", libc::EFBIG),
  ("EHOSTUNREACH", libc::EHOSTUNREACH),
  ("EIDRM", libc::EIDRM),
  ("EILSEQ", libc::EILSEQ),
  ("EINPROGRESS", libc::EINPROGRESS),
  ("EINTR", libc::EINTR),
  ("EINVAL", libc::EINVAL),
  ("EIO", libc::EIO),
  ("EISCONN", libc::EISCONN),
  ("EISDIR", libc::EISDIR),
  ("ELOOP", libc::ELOOP),
  ("EMFILE", libc::EMFILE),
  ("EMLINK", libc::EMLINK),
  ("EMSGSIZE", libc::EMSGSIZE),
  ("EMULTIHOP", libc::EMULTIHOP),
  ("ENAMETOOLONG", libc::ENAMETOOLONG),
  ("ENETDOWN", libc::ENETDOWN),
  ("ENETRESET", libc::ENETRESET),
  ("ENETUNREACH", libc::ENETUNREACH),
  ("ENFILE", libc::ENFILE),
  ("ENOBUFS", libc::ENOBUFS),
  ("ENODATA", libc::ENODATA),
  ("ENODEV", libc::ENODEV),
  ("ENOENT", libc::ENOENT),
  ("ENOEXEC", libc::ENOEXEC),
  ("ENOLCK", libc::ENOLCK),
  ("ENOLINK", libc::ENOLINK),
  ("ENOMEM", libc::ENOMEM),
  ("ENOMSG", libc::ENOMSG),
  ("ENOPROTOOPT", libc::ENOPROTOOPT),
  ("ENOSPC", libc::ENOSPC),
  ("ENOSR", libc::ENOSR),
  ("ENOSTR", libc::ENOSTR),
  ("ENOSYS", libc::ENOSYS),
  ("ENOTCONN", libc::ENOTCONN),
  ("ENOTDIR", libc::ENOTDIR),
  ("ENOTEMPTY", libc::ENOTEMPTY),
  ("ENOTSOCK", libc::ENOTSOCK),
  ("ENOTSUP", libc::ENOTSUP),
  ("ENOTTY", libc::ENOTTY),
  ("ENXIO", libc::ENXIO),
  ("EOPNOTSUPP", libc::EOPNOTSUPP),
  ("EOVERFLOW", libc::EOVERFLOW),
  ("EPERM", libc::EPERM),
  ("EPIPE", libc::EPIPE),
  ("EPROTO", libc::EPROTO),
  ("EPROTONOSUPPORT", libc::EPROTONOSUPPORT),
  ("EPROTOTYPE", libc::EPROTOTYPE),
  ("ERANGE", libc::ERANGE),
  ("EROFS", libc::EROFS),
  ("ESPIPE", libc::ESPIPE),
  ("ESRCH", libc::ESRCH),
  ("ESTALE", libc::ESTALE),
  ("ETIME", libc::ETIME),
  ("ETIMEDOUT", libc::ETIMEDOUT),
  ("ETXTBSY", libc::ETXTBSY),
  ("EWOULDBLOCK", libc::EWOULDBLOCK),
  ("EXDEV", libc::EXDEV),
];

/// `errnoConstants()` -> `[name, value, ...]` (`ERRNO_CONSTANTS`).
fn errno_constants<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let mut items: Vec<v8::Local<v8::Value>> = Vec::with_capacity(ERRNO_CONSTANTS.len() * 2);
  for &(name, value) in ERRNO_CONSTANTS {
    items.push(super::helpers::new_string(scope, name).into());
    items.push(v8::Integer::new(scope, value).into());
  }
  let arr = v8::Array::new_with_elements(scope, &items);
  rv.set(arr.into());
}
