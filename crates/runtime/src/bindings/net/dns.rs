//! Name lookups for `node:dns`: getaddrinfo and getnameinfo through the system resolver,
//! on tokio's blocking pool so the loop thread never waits (as libuv uses its thread
//! pool). Each lookup is a one-shot op: it keeps the loop alive, and a snapshot build
//! waits for it to finish.

use std::ffi::{CStr, CString};
use std::net::{IpAddr, SocketAddr};

use super::*;

pub fn register(reg: &mut Registry) {
  reg.add("dns.lookup", lookup);
  reg.add("dns.lookupService", lookup_service);
}

fn getaddrinfo(host: &str, family: i32, flags: i32) -> Result<Vec<(String, u8)>, i32> {
  let c_host = CString::new(host).map_err(|_| libc::EAI_NONAME)?;
  // SAFETY: plain C calls; `res` is freed with freeaddrinfo after the walk.
  unsafe {
    let mut hints: libc::addrinfo = std::mem::zeroed();
    hints.ai_family = match family {
      4 => libc::AF_INET,
      6 => libc::AF_INET6,
      _ => libc::AF_UNSPEC,
    };
    hints.ai_socktype = libc::SOCK_STREAM;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let rc = libc::getaddrinfo(c_host.as_ptr(), std::ptr::null(), &hints, &mut res);
    if rc != 0 {
      return Err(rc);
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
      let ai = &*p;
      if ai.ai_family == libc::AF_INET {
        let sa = &*(ai.ai_addr as *const libc::sockaddr_in);
        let ip = std::net::Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr));
        out.push((ip.to_string(), 4));
      } else if ai.ai_family == libc::AF_INET6 {
        let sa = &*(ai.ai_addr as *const libc::sockaddr_in6);
        let ip = std::net::Ipv6Addr::from(sa.sin6_addr.s6_addr);
        out.push((ip.to_string(), 6));
      }
      p = ai.ai_next;
    }
    libc::freeaddrinfo(res);
    Ok(out)
  }
}

fn getnameinfo(addr: SocketAddr) -> Result<(String, String), i32> {
  let mut host = [0 as libc::c_char; 1025];
  let mut serv = [0 as libc::c_char; 32];
  // SAFETY: the sockaddr is built from a valid SocketAddr; buffers are sized as declared.
  unsafe {
    let mut storage: libc::sockaddr_storage = std::mem::zeroed();
    let len = match addr {
      SocketAddr::V4(a) => {
        let sa = &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in);
        sa.sin_family = libc::AF_INET as libc::sa_family_t;
        sa.sin_port = a.port().to_be();
        sa.sin_addr.s_addr = u32::from(*a.ip()).to_be();
        std::mem::size_of::<libc::sockaddr_in>()
      }
      SocketAddr::V6(a) => {
        let sa = &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in6);
        sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sa.sin6_port = a.port().to_be();
        sa.sin6_addr.s6_addr = a.ip().octets();
        sa.sin6_scope_id = a.scope_id();
        std::mem::size_of::<libc::sockaddr_in6>()
      }
    };
    let rc = libc::getnameinfo(
      &storage as *const _ as *const libc::sockaddr,
      len as libc::socklen_t,
      host.as_mut_ptr(),
      host.len() as libc::socklen_t,
      serv.as_mut_ptr(),
      serv.len() as libc::socklen_t,
      libc::NI_NAMEREQD,
    );
    if rc != 0 {
      return Err(rc);
    }
    Ok((CStr::from_ptr(host.as_ptr()).to_string_lossy().into_owned(), CStr::from_ptr(serv.as_ptr()).to_string_lossy().into_owned()))
  }
}

/// libuv's errno and Node's code for an EAI_* result. Node reports "no such name" and
/// "no data" both as ENOTFOUND.
fn gai_error(rc: i32) -> (i32, &'static str) {
  match rc {
    libc::EAI_NONAME => (-3008, "ENOTFOUND"),
    libc::EAI_NODATA => (-3007, "ENOTFOUND"),
    libc::EAI_AGAIN => (-3001, "EAI_AGAIN"),
    libc::EAI_BADFLAGS => (-3002, "EAI_BADFLAGS"),
    libc::EAI_FAIL => (-3004, "EAI_FAIL"),
    libc::EAI_FAMILY => (-3005, "EAI_FAMILY"),
    libc::EAI_MEMORY => (-3006, "EAI_MEMORY"),
    libc::EAI_SERVICE => (-3010, "EAI_SERVICE"),
    libc::EAI_SOCKTYPE => (-3011, "EAI_SOCKTYPE"),
    _ => (-3004, "EAI_FAIL"),
  }
}

fn error_arg(rc: i32) -> HookArg {
  let (errno, code) = gai_error(rc);
  HookArg::List(vec![HookArg::Str("error".into()), HookArg::Num(errno as f64), HookArg::Str(code.into())])
}

/// `['ok', [address, family, ...]]` or `['error', errno, code]`.
pub(super) fn addresses_arg(r: Result<Vec<(String, u8)>, i32>) -> HookArg {
  match r {
    Ok(list) => {
      let flat = list.into_iter().flat_map(|(a, f)| [HookArg::Str(a), HookArg::Num(f as f64)]).collect();
      HookArg::List(vec![HookArg::Str("ok".into()), HookArg::List(flat)])
    }
    Err(rc) => error_arg(rc),
  }
}

/// `['ok', host, service]` or `['error', errno, code]`.
pub(super) fn service_arg(r: Result<(String, String), i32>) -> HookArg {
  match r {
    Ok((h, s)) => HookArg::List(vec![HookArg::Str("ok".into()), HookArg::Str(h), HookArg::Str(s)]),
    Err(rc) => error_arg(rc),
  }
}

fn spawn_lookup(scope: &mut v8::PinScope, op: u32, f: impl FnOnce() -> NetEvent + Send + 'static) {
  let st = state(scope);
  let mut st = st.borrow_mut();
  let handle = st.tokio.clone();
  st.op_refs.insert(op, true);
  st.settling_ops.insert(op);
  st.ops.spawn_on(
    async move {
      let ev = tokio::task::spawn_blocking(f).await.unwrap_or(NetEvent::Addresses(Err(libc::EAI_FAIL)));
      (op, OpResult::Net(ev))
    },
    &handle,
  );
}

/// `lookup(host, family (0|4|6), flags, op)`: completes `op` with `addresses_arg`.
fn lookup<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let host = string_arg(scope, &args, 0);
  let family = args.get(1).int32_value(scope).unwrap_or(0);
  let flags = args.get(2).int32_value(scope).unwrap_or(0);
  let op = id_arg(scope, &args, 3);
  spawn_lookup(scope, op, move || NetEvent::Addresses(getaddrinfo(&host, family, flags)));
}

/// `lookupService(address, port, op)`: completes `op` with `service_arg`.
fn lookup_service<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let addr = string_arg(scope, &args, 0);
  let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
  let op = id_arg(scope, &args, 2);
  let Ok(ip) = addr.parse::<IpAddr>() else { return throw_type_error(scope, "invalid address") };
  spawn_lookup(scope, op, move || NetEvent::Service(getnameinfo(SocketAddr::new(ip, port))));
}
