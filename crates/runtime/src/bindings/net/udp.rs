//! UDP sockets for `node:dgram`. As with libuv's `uv_udp_t`, a JS socket has no native
//! socket until it binds (every option before that fails with EBADF); `bind` creates it
//! with the family of the address it binds (socket2 sets the options that must precede
//! the bind), and from then on it is an entry of `NetTable::udp` under a u32 id,
//! reporting to one persistent op, refed while it is open, like a libuv handle.
//!
//! A reader task receives datagrams as they come (`['message', bytes, address, port,
//! family]`, or `['recvError', err]`). A send goes straight to the kernel from the JS
//! thread when nothing is queued (as `uv_udp_try_send`); what the kernel does not take
//! now goes to a writer task, which sends in order and completes with `['sent', req, err,
//! bytes]`. Addresses arrive resolved (JS runs the socket's lookup first).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::os::fd::AsRawFd;

use socket2::{Domain, SockRef, Socket, Type};

use super::*;

pub fn register(reg: &mut Registry) {
  reg.add("udp.bind", bind);
  reg.add("udp.open", open);
  reg.add("udp.send", send_datagram);
  reg.add("udp.connect", connect);
  reg.add("udp.disconnect", disconnect);
  reg.add("udp.address", address);
  reg.add("udp.setOption", set_option);
  reg.add("udp.setMulticastInterface", set_multicast_interface);
  reg.add("udp.membership", membership);
  reg.add("udp.sourceMembership", source_membership);
  reg.add("udp.bufferSize", buffer_size);
  reg.add("udp.queue", queue);
  reg.add("udp.close", close);
  reg.add("udp.dupFd", dup_fd);
}

struct Datagram {
  bytes: Vec<u8>,
  to: Option<SocketAddr>,
  req: u32,
}

/// A bound UDP socket and its two tasks.
pub struct UdpHandle {
  op: u32,
  sock: Arc<tokio::net::UdpSocket>,
  ipv6: bool,
  sends: mpsc::UnboundedSender<Datagram>,
  /// Bytes and datagrams handed to the writer and not sent yet (`getSendQueueSize/Count`).
  queued_bytes: Arc<AtomicUsize>,
  queued_count: Arc<AtomicUsize>,
  reader: AbortHandle,
  writer: AbortHandle,
}

/// An IP address as Node writes one: a link-local IPv6 address carries its scope as
/// `%interface` (by name when the interface has one).
pub fn format_addr(a: &SocketAddr) -> String {
  match a {
    SocketAddr::V6(v6) if v6.scope_id() > 0 && (v6.ip().segments()[0] & 0xffc0) == 0xfe80 => {
      let mut name = [0 as libc::c_char; libc::IF_NAMESIZE];
      // SAFETY: `name` has IF_NAMESIZE bytes, as if_indextoname requires.
      let p = unsafe { libc::if_indextoname(v6.scope_id(), name.as_mut_ptr()) };
      let scope = if p.is_null() {
        v6.scope_id().to_string()
      } else {
        // SAFETY: if_indextoname wrote a NUL-terminated name.
        unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }.to_string_lossy().into_owned()
      };
      format!("{}%{scope}", v6.ip())
    }
    _ => a.ip().to_string(),
  }
}

/// Parses an IP address with an optional IPv6 `%scope` (an interface name or index),
/// as `uv_ip6_addr` does.
fn parse_addr(s: &str, port: u16) -> Option<SocketAddr> {
  if let Ok(ip) = s.parse::<IpAddr>() {
    return Some(SocketAddr::new(ip, port));
  }
  let (ip, scope) = s.split_once('%')?;
  let ip: Ipv6Addr = ip.parse().ok()?;
  let scope_id = match scope.parse::<u32>() {
    Ok(n) => n,
    Err(_) => {
      let c = std::ffi::CString::new(scope).ok()?;
      // SAFETY: plain C call with a NUL-terminated name.
      unsafe { libc::if_nametoindex(c.as_ptr()) }
    }
  };
  Some(SocketAddr::V6(SocketAddrV6::new(ip, port, 0, scope_id)))
}

fn einval() -> io::Error {
  io::Error::from_raw_os_error(libc::EINVAL)
}

fn ebadf() -> io::Error {
  io::Error::from_raw_os_error(libc::EBADF)
}

fn addr_values<'s>(scope: &mut v8::PinScope<'s, '_>, a: &SocketAddr) -> Vec<v8::Local<'s, v8::Value>> {
  vec![
    new_string(scope, &format_addr(a)).into(),
    v8::Integer::new(scope, a.port() as i32).into(),
    v8::Integer::new(scope, if a.is_ipv4() { 4 } else { 6 }).into(),
  ]
}

/// Starts serving a bound socket: its reader and writer report to `op`.
fn install(st: &mut State, sock: std::net::UdpSocket, op: u32) -> io::Result<(u32, Option<SocketAddr>)> {
  sock.set_nonblocking(true)?;
  let sock = {
    let _guard = st.tokio.enter();
    Arc::new(tokio::net::UdpSocket::from_std(sock)?)
  };
  let local = sock.local_addr().ok();
  let tx = st.events_tx.clone();
  let r = sock.clone();
  let rtx = tx.clone();
  let reader = st
    .tokio
    .spawn(async move {
      // The largest UDP payload; a bigger datagram cannot exist.
      let mut buf = vec![0u8; 65536];
      loop {
        match r.recv_from(&mut buf).await {
          Ok((n, from)) => send(&rtx, op, NetEvent::Datagram(buf[..n].to_vec(), from)),
          Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
          // An ICMP error reported on a connected socket and the like: one event each.
          Err(e) => send(&rtx, op, NetEvent::RecvError(e)),
        }
      }
    })
    .abort_handle();
  let (sends, mut rx) = mpsc::unbounded_channel::<Datagram>();
  let queued_bytes = Arc::new(AtomicUsize::new(0));
  let queued_count = Arc::new(AtomicUsize::new(0));
  let (qb, qc) = (queued_bytes.clone(), queued_count.clone());
  let w = sock.clone();
  let writer = st
    .tokio
    .spawn(async move {
      while let Some(d) = rx.recv().await {
        let r = match d.to {
          Some(to) => w.send_to(&d.bytes, to).await,
          None => w.send(&d.bytes).await,
        };
        qb.fetch_sub(d.bytes.len(), Ordering::Relaxed);
        qc.fetch_sub(1, Ordering::Relaxed);
        send(&tx, op, NetEvent::Sent(d.req, r));
      }
    })
    .abort_handle();
  let ipv6 = local.is_some_and(|a| a.is_ipv6());
  let h = UdpHandle { op, sock, ipv6, sends, queued_bytes, queued_count, reader, writer };
  st.op_refs.insert(op, true);
  let id = st.net.reserve();
  st.net.udp.insert(id, h);
  Ok((id, local))
}

fn bound_result<'s>(scope: &mut v8::PinScope<'s, '_>, r: io::Result<(u32, Option<SocketAddr>)>, mut rv: v8::ReturnValue<'s>) {
  match r {
    Ok((id, local)) => {
      let mut vals: Vec<v8::Local<v8::Value>> = vec![v8::Integer::new_from_unsigned(scope, id).into()];
      if let Some(a) = local {
        vals.extend(addr_values(scope, &a));
      }
      let arr = v8::Array::new_with_elements(scope, &vals);
      rv.set(arr.into());
    }
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
    }
  }
}

/// `bind(address, port, reuseAddr, ipv6Only, op)` -> `[id, address, port, family]` or
/// `{ errno, code, description }`. The socket's family is the address's, as in libuv.
fn bind<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let address = string_arg(scope, &args, 0);
  let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
  let reuse = args.get(2).boolean_value(scope);
  let v6only = args.get(3).boolean_value(scope);
  let op = id_arg(scope, &args, 4);
  let made = parse_addr(&address, port).ok_or_else(einval).and_then(|addr| {
    let sock = Socket::new(Domain::for_address(addr), Type::DGRAM, None)?;
    if reuse {
      sock.set_reuse_address(true)?;
    }
    if addr.is_ipv6() && v6only {
      sock.set_only_v6(true)?;
    }
    sock.bind(&addr.into())?;
    Ok(std::net::UdpSocket::from(sock))
  });
  let st = state(scope);
  let r = made.and_then(|sock| install(&mut st.borrow_mut(), sock, op));
  bound_result(scope, r, rv);
}

/// `open(fd, op)`: adopts descriptor `fd`, a UDP socket (bound by its owner, or bound to
/// any port here as libuv binds on first use), as `bind` would have made it.
fn open<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  use std::os::fd::FromRawFd;
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let op = id_arg(scope, &args, 1);
  let checked = (|| {
    let mut ty: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt writes one int into `ty`.
    if unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_TYPE, &mut ty as *mut _ as *mut libc::c_void, &mut len) } != 0 {
      return Err(io::Error::last_os_error());
    }
    if ty != libc::SOCK_DGRAM {
      return Err(einval());
    }
    // SAFETY: the caller hands the descriptor over; from here the socket owns it.
    Ok(unsafe { std::net::UdpSocket::from_raw_fd(fd) })
  })();
  let st = state(scope);
  let r = checked.and_then(|sock| install(&mut st.borrow_mut(), sock, op));
  bound_result(scope, r, rv);
}

fn with_udp<R>(scope: &mut v8::PinScope, id: u32, f: impl FnOnce(&UdpHandle) -> io::Result<R>) -> io::Result<R> {
  let st = state(scope);
  let st = st.borrow();
  match st.net.udp.get(&id) {
    Some(h) => f(h),
    None => Err(ebadf()),
  }
}

/// Sets `rv` to null on success, or to `{ errno, code, description }`.
fn status<'s>(scope: &mut v8::PinScope<'s, '_>, r: io::Result<()>, mut rv: v8::ReturnValue<'s>) {
  match r {
    Ok(()) => rv.set_null(),
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
    }
  }
}

/// The bytes of a datagram: one Buffer, or the concatenation of a list of them (one
/// datagram either way, as `sendmsg` with several buffers sends).
fn gather(scope: &mut v8::PinScope, data: v8::Local<v8::Value>) -> Vec<u8> {
  match v8::Local::<v8::Array>::try_from(data) {
    Ok(list) => {
      let mut out = Vec::new();
      for i in 0..list.length() {
        if let Some(v) = list.get_index(scope, i) {
          with_bytes(v, |b| out.extend_from_slice(b));
        }
      }
      out
    }
    Err(_) => bytes_arg(data).unwrap_or_default(),
  }
}

/// `send(id, bufferOrList, port, address | null, req, queueOnly)` -> the length plus one
/// when sent at once, 0 when queued (always, with `queueOnly`) (completes with `['sent', req, err, bytes]`), or a negative
/// errno. Without an address the socket must be connected.
fn send_datagram<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let bytes = gather(scope, args.get(1));
  let port = args.get(2).uint32_value(scope).unwrap_or(0) as u16;
  let address = args.get(3);
  let to = if address.is_null_or_undefined() { None } else { Some(address.to_rust_string_lossy(scope)) };
  let req = id_arg(scope, &args, 4);
  let queue_only = args.get(5).boolean_value(scope);
  let r = with_udp(scope, id, |h| {
    let to = match to {
      Some(a) => Some(parse_addr(&a, port).ok_or_else(einval)?),
      None => None,
    };
    if h.queued_count.load(Ordering::Relaxed) == 0 && !queue_only {
      // A plain non-blocking syscall: tokio's own try_send would answer WouldBlock until
      // its reactor has seen the socket writable once.
      let s = SockRef::from(&*h.sock);
      let sent = match to {
        Some(a) => s.send_to(&bytes, &a.into()),
        None => s.send(&bytes),
      };
      match sent {
        Ok(n) => return Ok(n as f64 + 1.0),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
        Err(e) => return Err(e),
      }
    }
    h.queued_bytes.fetch_add(bytes.len(), Ordering::Relaxed);
    h.queued_count.fetch_add(1, Ordering::Relaxed);
    h.sends.send(Datagram { bytes, to, req }).map_err(|_| ebadf())?;
    Ok(0.0)
  });
  match r {
    Ok(n) => rv.set_double(n),
    Err(e) => rv.set_int32(-e.raw_os_error().unwrap_or(libc::EIO)),
  }
}

/// `connect(id, address, port)` -> null or an error: the socket's default peer.
fn connect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let address = string_arg(scope, &args, 1);
  let port = args.get(2).uint32_value(scope).unwrap_or(0) as u16;
  let r = with_udp(scope, id, |h| {
    let to = parse_addr(&address, port).ok_or_else(einval)?;
    SockRef::from(&*h.sock).connect(&to.into())
  });
  status(scope, r, rv);
}

/// `disconnect(id)` -> null or an error: connects to AF_UNSPEC, which dissolves the
/// association (Linux answers EAFNOSUPPORT on success for some kernels, ignored).
fn disconnect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let r = with_udp(scope, id, |h| {
    let mut sa: libc::sockaddr = unsafe { std::mem::zeroed() };
    sa.sa_family = libc::AF_UNSPEC as libc::sa_family_t;
    // SAFETY: a zeroed sockaddr of the declared size on an open socket.
    let rc = unsafe { libc::connect(h.sock.as_raw_fd(), &sa, std::mem::size_of::<libc::sockaddr>() as libc::socklen_t) };
    let e = io::Error::last_os_error();
    if rc == 0 || e.raw_os_error() == Some(libc::EAFNOSUPPORT) { Ok(()) } else { Err(e) }
  });
  status(scope, r, rv);
}

/// `address(id, peer)` -> `[address, port, family]` (getsockname, or getpeername) or an error.
fn address<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let peer = args.get(1).boolean_value(scope);
  let r = with_udp(scope, id, |h| if peer { h.sock.peer_addr() } else { h.sock.local_addr() });
  match r {
    Ok(a) => {
      let vals = addr_values(scope, &a);
      let arr = v8::Array::new_with_elements(scope, &vals);
      rv.set(arr.into());
    }
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
    }
  }
}

/// `setOption(id, which, value)` -> null or an error. `which`: 0 broadcast, 1 TTL,
/// 2 multicast TTL, 3 multicast loopback; the IPv6 options on an IPv6 socket. Ranges
/// are libuv's (a TTL 1..255, the multicast ones 0..255).
fn set_option<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let which = args.get(1).int32_value(scope).unwrap_or(-1);
  let value = args.get(2).int32_value(scope).unwrap_or(0);
  let r = (|| {
    match which {
      1 if !(1..=255).contains(&value) => return Err(einval()),
      2 | 3 if !(0..=255).contains(&value) => return Err(einval()),
      _ => {}
    }
    with_udp(scope, id, |h| {
      let fd = h.sock.as_raw_fd();
      let (level, name) = match (which, h.ipv6) {
        (0, _) => (libc::SOL_SOCKET, libc::SO_BROADCAST),
        (1, false) => (libc::IPPROTO_IP, libc::IP_TTL),
        (1, true) => (libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS),
        (2, false) => (libc::IPPROTO_IP, libc::IP_MULTICAST_TTL),
        (2, true) => (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS),
        (3, false) => (libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP),
        (3, true) => (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP),
        _ => return Err(einval()),
      };
      setsockopt(fd, level, name, value)
    })
  })();
  status(scope, r, rv);
}

/// `setMulticastInterface(id, address)`: an IPv4 interface address, or an IPv6 `%scope`
/// (`::%eth0`) naming the interface by its index, as libuv reads it.
fn set_multicast_interface<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let iface = string_arg(scope, &args, 1);
  let r = match parse_addr(&iface, 0) {
    None => Err(einval()),
    Some(SocketAddr::V4(a)) => with_udp(scope, id, |h| SockRef::from(&*h.sock).set_multicast_if_v4(a.ip())),
    Some(SocketAddr::V6(a)) => with_udp(scope, id, |h| SockRef::from(&*h.sock).set_multicast_if_v6(a.scope_id())),
  };
  status(scope, r, rv);
}

/// `membership(id, group, interface | null, join)`: IP_ADD/DROP_MEMBERSHIP for an IPv4
/// group (on an interface address, or any), IPV6_ADD/DROP_MEMBERSHIP for an IPv6 one (on
/// the interface a `%scope` names, or any).
fn membership<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let group = string_arg(scope, &args, 1);
  let iface = args.get(2);
  let iface = if iface.is_null_or_undefined() { None } else { Some(iface.to_rust_string_lossy(scope)) };
  let join = args.get(3).boolean_value(scope);
  let r = match group.parse::<IpAddr>() {
    Ok(IpAddr::V4(g)) => {
      let on = match iface.as_deref().map(|s| s.parse::<Ipv4Addr>()) {
        None => Ok(Ipv4Addr::UNSPECIFIED),
        Some(Ok(a)) => Ok(a),
        Some(Err(_)) => Err(einval()),
      };
      on.and_then(|on| {
        with_udp(scope, id, |h| {
          let s = SockRef::from(&*h.sock);
          if join { s.join_multicast_v4(&g, &on) } else { s.leave_multicast_v4(&g, &on) }
        })
      })
    }
    Ok(IpAddr::V6(g)) => {
      let index = match iface.as_deref().map(|s| parse_addr(s, 0)) {
        None => Ok(0),
        Some(Some(SocketAddr::V6(a))) => Ok(a.scope_id()),
        Some(_) => Err(einval()),
      };
      index.and_then(|index| {
        with_udp(scope, id, |h| {
          let s = SockRef::from(&*h.sock);
          if join { s.join_multicast_v6(&g, index) } else { s.leave_multicast_v6(&g, index) }
        })
      })
    }
    Err(_) => Err(einval()),
  };
  status(scope, r, rv);
}

/// `sourceMembership(id, source, group, interface | null, join)`: source-specific
/// multicast, IP_ADD/DROP_SOURCE_MEMBERSHIP for IPv4 and MCAST_JOIN/LEAVE_SOURCE_GROUP
/// for IPv6, as libuv does.
fn source_membership<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let source = string_arg(scope, &args, 1);
  let group = string_arg(scope, &args, 2);
  let iface = args.get(3);
  let iface = if iface.is_null_or_undefined() { None } else { Some(iface.to_rust_string_lossy(scope)) };
  let join = args.get(4).boolean_value(scope);
  let r = match (parse_addr(&group, 0), parse_addr(&source, 0)) {
    (Some(SocketAddr::V4(g)), Some(SocketAddr::V4(src))) => {
      let on = match iface.as_deref().map(|s| s.parse::<Ipv4Addr>()) {
        None => Ok(Ipv4Addr::UNSPECIFIED),
        Some(Ok(a)) => Ok(a),
        Some(Err(_)) => Err(einval()),
      };
      on.and_then(|on| {
        with_udp(scope, id, |h| {
          let s = SockRef::from(&*h.sock);
          if join { s.join_ssm_v4(src.ip(), g.ip(), &on) } else { s.leave_ssm_v4(src.ip(), g.ip(), &on) }
        })
      })
    }
    (Some(SocketAddr::V6(g)), Some(SocketAddr::V6(src))) => {
      let index = match iface.as_deref().map(|s| parse_addr(s, 0)) {
        None => Ok(0),
        Some(Some(SocketAddr::V6(a))) => Ok(a.scope_id()),
        Some(_) => Err(einval()),
      };
      index.and_then(|index| with_udp(scope, id, |h| join_ssm_v6(h.sock.as_raw_fd(), g, src, index, join)))
    }
    _ => Err(einval()),
  };
  status(scope, r, rv);
}

fn join_ssm_v6(fd: i32, group: SocketAddrV6, source: SocketAddrV6, index: u32, join: bool) -> io::Result<()> {
  // SAFETY: zeroed plain-data structs filled field by field; setsockopt reads `req`.
  unsafe {
    let mut req: libc::group_source_req = std::mem::zeroed();
    req.gsr_interface = index;
    let g = &mut *(&mut req.gsr_group as *mut _ as *mut libc::sockaddr_in6);
    g.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    g.sin6_addr.s6_addr = group.ip().octets();
    let s = &mut *(&mut req.gsr_source as *mut _ as *mut libc::sockaddr_in6);
    s.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    s.sin6_addr.s6_addr = source.ip().octets();
    let name = if join { libc::MCAST_JOIN_SOURCE_GROUP } else { libc::MCAST_LEAVE_SOURCE_GROUP };
    let rc = libc::setsockopt(fd, libc::IPPROTO_IPV6, name, &req as *const _ as *const libc::c_void, std::mem::size_of::<libc::group_source_req>() as u32);
    if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
  }
}

/// `bufferSize(id, size, recv)` -> the size (SO_RCVBUF or SO_SNDBUF; read when `size`
/// is 0, set otherwise) or an error, as `uv_recv_buffer_size`/`uv_send_buffer_size`.
fn buffer_size<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let size = args.get(1).uint32_value(scope).unwrap_or(0);
  let recv = args.get(2).boolean_value(scope);
  let r = with_udp(scope, id, |h| {
    let s = SockRef::from(&*h.sock);
    if size == 0 {
      if recv { s.recv_buffer_size() } else { s.send_buffer_size() }
    } else {
      if recv { s.set_recv_buffer_size(size as usize) } else { s.set_send_buffer_size(size as usize) }?;
      Ok(size as usize)
    }
  });
  match r {
    Ok(n) => rv.set_double(n as f64),
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
    }
  }
}

/// `queue(id)` -> `[bytes, datagrams]` waiting in the writer.
fn queue<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let (b, c) = with_udp(scope, id, |h| Ok((h.queued_bytes.load(Ordering::Relaxed), h.queued_count.load(Ordering::Relaxed)))).unwrap_or((0, 0));
  let vals: Vec<v8::Local<v8::Value>> = vec![v8::Number::new(scope, b as f64).into(), v8::Number::new(scope, c as f64).into()];
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

/// `close(id)`: stops both tasks and closes the socket; unsent datagrams are dropped.
/// The aborted tasks share the socket until the loop next runs tokio; `release_fd` frees
/// the port at once, as libuv's close does (a program may bind it again in the same tick).
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  if let Some(h) = st.net.udp.remove(&id) {
    h.reader.abort();
    h.writer.abort();
    st.op_refs.remove(&h.op);
    release_fd(h.sock.as_raw_fd(), libc::SOCK_DGRAM);
  }
}

/// `dupFd(id)` -> a close-on-exec duplicate of a bound socket's descriptor, or -1: what
/// `send(msg, socket)` passes to a child, the socket itself staying open.
fn dup_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let fd = with_udp(scope, id, |h| Ok(h.sock.as_raw_fd())).unwrap_or(-1);
  // SAFETY: `fd` belongs to a live entry; F_DUPFD_CLOEXEC makes a new descriptor.
  rv.set_int32(if fd < 0 { -1 } else { unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) } });
}
