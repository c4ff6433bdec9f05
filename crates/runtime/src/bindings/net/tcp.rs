//! TCP listeners and outgoing connections for `node:net`. Addresses arrive already
//! resolved (JS runs `dns.lookup` for host names); a connect tries the addresses in
//! order and reports the first success or the last failure.

use std::net::{IpAddr, SocketAddr};
use std::os::fd::AsRawFd;

use super::*;

pub fn register(reg: &mut Registry) {
  reg.add("tcp.listen", listen);
  reg.add("tcp.connect", connect);
  reg.add("tcp.listenFd", listen_fd);
  reg.add("tcp.openFd", open_fd);
}

/// The address family of socket `fd` (getsockname), which says how to adopt it.
fn socket_family(fd: i32) -> io::Result<i32> {
  let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
  let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
  // SAFETY: getsockname writes at most `len` bytes into `storage`.
  if unsafe { libc::getsockname(fd, &mut storage as *mut _ as *mut libc::sockaddr, &mut len) } != 0 {
    return Err(io::Error::last_os_error());
  }
  Ok(storage.ss_family as i32)
}

/// Takes over descriptor `fd`, a connected socket of `family`, as a non-blocking stream.
fn adopt_stream(st: &State, fd: i32, family: i32) -> io::Result<Conn> {
  use std::os::fd::FromRawFd;
  let _guard = st.tokio.enter();
  // SAFETY: the caller hands the descriptor over; from here the stream owns it.
  if family == libc::AF_UNIX {
    let s = unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) };
    s.set_nonblocking(true)?;
    tokio::net::UnixStream::from_std(s).map(Conn::Unix)
  } else {
    let s = unsafe { std::net::TcpStream::from_raw_fd(fd) };
    s.set_nonblocking(true)?;
    tokio::net::TcpStream::from_std(s).map(Conn::Tcp)
  }
}

/// Takes over descriptor `fd`, a listening socket of `family`, as a non-blocking listener.
fn adopt_listener(st: &State, fd: i32, family: i32) -> io::Result<Listener> {
  // Registering can fail with EEXIST when this descriptor number still has a stale epoll
  // entry for the same socket: `release_fd` closed an earlier listener on that number by
  // replacing it, and the socket stays open elsewhere (a cluster primary sends the same
  // listening socket again). A duplicate under another number registers cleanly, so one is
  // kept until the adoption succeeded.
  let mut fd = fd;
  for _ in 0..8 {
    // SAFETY: plain call on a descriptor the caller handed over.
    let spare = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, fd + 1) };
    match adopt_listener_once(st, fd, family) {
      Err(e) if e.raw_os_error() == Some(libc::EEXIST) && spare >= 0 => fd = spare,
      r => {
        if spare >= 0 {
          // SAFETY: `spare` is our own duplicate, unused.
          unsafe { libc::close(spare) };
        }
        return r;
      }
    }
  }
  // SAFETY: the last duplicate, unused.
  unsafe { libc::close(fd) };
  Err(io::Error::from_raw_os_error(libc::EEXIST))
}

fn adopt_listener_once(st: &State, fd: i32, family: i32) -> io::Result<Listener> {
  use std::os::fd::FromRawFd;
  let _guard = st.tokio.enter();
  // SAFETY: the caller hands the descriptor over; from here the listener owns it.
  if family == libc::AF_UNIX {
    let l = unsafe { std::os::unix::net::UnixListener::from_raw_fd(fd) };
    l.set_nonblocking(true)?;
    tokio::net::UnixListener::from_std(l).map(Listener::Unix)
  } else {
    let l = unsafe { std::net::TcpListener::from_raw_fd(fd) };
    l.set_nonblocking(true)?;
    tokio::net::TcpListener::from_std(l).map(Listener::Tcp)
  }
}

/// `openFd(fd)` -> `[id, isUnix, local..., remote...]` for a connected socket (parked
/// until `net.start`), or `{ errno, code, description }`. The descriptor is taken over.
fn open_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let st = state(scope);
  let adopted = socket_family(fd).and_then(|family| Ok((family, adopt_stream(&st.borrow(), fd, family)?)));
  let (family, conn) = match adopted {
    Ok(r) => r,
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
      return;
    }
  };
  let mut out = Vec::new();
  conn_addrs(&conn, &mut out);
  let id = st.borrow_mut().net.insert(Entry::Parked(conn));
  let mut vals: Vec<v8::Local<v8::Value>> = vec![v8::Integer::new_from_unsigned(scope, id).into(), v8::Boolean::new(scope, family == libc::AF_UNIX).into()];
  for a in out {
    vals.push(match a {
      HookArg::Str(s) => new_string(scope, &s).into(),
      HookArg::Num(n) => v8::Number::new(scope, n).into(),
      _ => v8::null(scope).into(),
    });
  }
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

/// `listenFd(fd, op)` -> `[id, address, port, family]` for a TCP socket, `[id]` for a
/// Unix-domain one, or `{ errno, code, description }` (ENOTSOCK for other descriptors).
/// The descriptor is taken over: closing the server closes it.
fn listen_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let fd = args.get(0).int32_value(scope).unwrap_or(-1);
  let op = id_arg(scope, &args, 1);
  let family = socket_family(fd).map_err(|mut e| {
    // Node opens anything but a pipe as a plain handle, which fails with EINVAL.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fstat fills `st` for an open descriptor.
    if e.raw_os_error() == Some(libc::ENOTSOCK) && unsafe { libc::fstat(fd, &mut st) } == 0 && st.st_mode & libc::S_IFMT != libc::S_IFIFO {
      e = io::Error::from_raw_os_error(libc::EINVAL);
    }
    e
  });
  // As uv_listen does: a bound socket that is not listening yet starts to.
  // SAFETY: plain call on a descriptor the caller handed over.
  let family = family.and_then(|f| if unsafe { libc::listen(fd, 511) } != 0 { Err(io::Error::last_os_error()) } else { Ok(f) });
  let st = state(scope);
  let listener = match family.and_then(|f| adopt_listener(&st.borrow(), fd, f)) {
    Ok(l) => l,
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
      return;
    }
  };
  let mut st = st.borrow_mut();
  let local = match &listener {
    Listener::Tcp(l) => l.local_addr().ok(),
    Listener::Unix(_) => None,
  };
  let fd = listener.fd();
  let task = spawn_accept(&st, op, listener);
  let id = add_handle(&mut st, op, Entry::Listener { op, task, unix_path: None, fd });
  drop(st);
  let mut vals: Vec<v8::Local<v8::Value>> = vec![v8::Integer::new_from_unsigned(scope, id).into()];
  if let Some(a) = local {
    vals.push(new_string(scope, &a.ip().to_string()).into());
    vals.push(v8::Integer::new(scope, a.port() as i32).into());
    vals.push(v8::Integer::new(scope, if a.is_ipv4() { 4 } else { 6 }).into());
  }
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

fn bind(addr: SocketAddr, backlog: u32, ipv6_only: bool) -> io::Result<tokio::net::TcpListener> {
  let sock = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
  // libuv sets SO_REUSEADDR on every TCP listener (a port in TIME_WAIT is reusable).
  sock.set_reuseaddr(true)?;
  if addr.is_ipv6() {
    setsockopt(sock.as_raw_fd(), libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, ipv6_only as i32)?;
  }
  sock.bind(addr)?;
  sock.listen(backlog)
}

/// `listen(host | null, port, backlog, ipv6Only, op)` -> `[id, address, port, family]`, or
/// `{ errno, code, description }`. Without a host it binds `::` (dual stack), falling back
/// to `0.0.0.0` where IPv6 is unavailable, as Node does.
fn listen<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let host = args.get(0);
  let host = if host.is_null_or_undefined() { None } else { Some(host.to_rust_string_lossy(scope)) };
  let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
  let backlog = args.get(2).uint32_value(scope).unwrap_or(511);
  let ipv6_only = args.get(3).boolean_value(scope);
  let op = id_arg(scope, &args, 4);
  let st = state(scope);
  let mut st = st.borrow_mut();
  let _guard = st.tokio.enter();
  let result = match &host {
    Some(h) => match h.parse::<IpAddr>() {
      Ok(ip) => bind(SocketAddr::new(ip, port), backlog, ipv6_only),
      Err(_) => Err(io::Error::from_raw_os_error(libc::EINVAL)),
    },
    None => bind(SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED), port), backlog, ipv6_only).or_else(|e| {
      if e.raw_os_error() == Some(libc::EADDRINUSE) {
        Err(e)
      } else {
        bind(SocketAddr::new(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), port), backlog, false)
      }
    }),
  };
  drop(_guard);
  let listener = match result {
    Ok(l) => l,
    Err(e) => {
      let v = error_object(scope, &e);
      rv.set(v);
      return;
    }
  };
  let local = listener.local_addr().ok();
  let listener = Listener::Tcp(listener);
  let fd = listener.fd();
  let task = spawn_accept(&st, op, listener);
  let id = add_handle(&mut st, op, Entry::Listener { op, task, unix_path: None, fd });
  drop(st);
  let mut vals: Vec<v8::Local<v8::Value>> = vec![v8::Integer::new_from_unsigned(scope, id).into()];
  if let Some(a) = local {
    vals.push(new_string(scope, &a.ip().to_string()).into());
    vals.push(v8::Integer::new(scope, a.port() as i32).into());
    vals.push(v8::Integer::new(scope, if a.is_ipv4() { 4 } else { 6 }).into());
  }
  let arr = v8::Array::new_with_elements(scope, &vals);
  rv.set(arr.into());
}

/// Connects from an optional local address and port (`localAddress`/`localPort`).
async fn connect_one(to: SocketAddr, local: Option<SocketAddr>) -> Result<tokio::net::TcpStream, (io::Error, &'static str, SocketAddr)> {
  let Some(local) = local else { return tokio::net::TcpStream::connect(to).await.map_err(|e| (e, "connect", to)) };
  let sock = if to.is_ipv4() { tokio::net::TcpSocket::new_v4() } else { tokio::net::TcpSocket::new_v6() }.map_err(|e| (e, "socket", to))?;
  sock.bind(local).map_err(|e| (e, "bind", local))?;
  sock.connect(to).await.map_err(|e| (e, "connect", to))
}

/// `connect([addresses], port, op, localAddress | null, localPort, attemptTimeoutMs)` ->
/// handle id. With a timeout, every attempt but the last gives up after it (ETIMEDOUT),
/// as autoSelectFamily does.
/// Completes on `op` with `['connect', ...addresses]` or
/// `['connectError', [[err, address, port, syscall], ...]]`.
fn connect<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let addrs: Vec<String> = match v8::Local::<v8::Array>::try_from(args.get(0)) {
    Ok(arr) => (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect(),
    Err(_) => vec![args.get(0).to_rust_string_lossy(scope)],
  };
  let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
  let op = id_arg(scope, &args, 2);
  let local_ip = args.get(3);
  let local_ip = if local_ip.is_null_or_undefined() { None } else { local_ip.to_rust_string_lossy(scope).parse::<IpAddr>().ok() };
  let local_port = args.get(4).uint32_value(scope).unwrap_or(0) as u16;
  let attempt_ms = args.get(5).uint32_value(scope).unwrap_or(0) as u64;
  let st = state(scope);
  let mut st = st.borrow_mut();
  let id = st.net.reserve();
  let tx = st.events_tx.clone();
  let task = st
    .tokio
    .spawn(async move {
      let mut errors: Vec<ConnectError> = Vec::new();
      let count = addrs.len();
      for (index, a) in addrs.into_iter().enumerate() {
        let Ok(ip) = a.parse::<IpAddr>() else { continue };
        let to = SocketAddr::new(ip, port);
        let local = match (local_ip, local_port) {
          (None, 0) => None,
          (Some(l), p) => Some(SocketAddr::new(l, p)),
          (None, p) if to.is_ipv4() => Some(SocketAddr::new(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), p)),
          (None, p) => Some(SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED), p)),
        };
        let attempt = connect_one(to, local);
        let result = if attempt_ms > 0 && index + 1 < count {
          match tokio::time::timeout(std::time::Duration::from_millis(attempt_ms), attempt).await {
            Ok(r) => r,
            Err(_) => Err((io::Error::from_raw_os_error(libc::ETIMEDOUT), "connect", to)),
          }
        } else {
          attempt.await
        };
        match result {
          Ok(s) => return send(&tx, op, NetEvent::Connected(id, Conn::Tcp(s), index as u32)),
          Err((e, syscall, at)) => errors.push((e, at.ip().to_string(), at.port(), syscall)),
        }
      }
      if errors.is_empty() {
        errors.push((io::Error::from_raw_os_error(libc::EINVAL), String::new(), port, "connect"));
      }
      send(&tx, op, NetEvent::ConnectFailed(id, errors));
    })
    .abort_handle();
  st.op_refs.insert(op, true);
  st.net.entries.insert(id, Entry::Connecting { op, task });
  rv.set_uint32(id);
}
