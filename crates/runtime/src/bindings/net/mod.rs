//! Sockets and servers for `node:net`, and name lookups for `node:dns`.
//!
//! Every socket, server and connect in flight is an entry in `NetTable` (in the runtime
//! state) under a u32 id; the JS objects hold only that id (DESIGN.md rule 2). Each
//! handle reports to one persistent JS callback (its "event op"), through the loop's
//! event channel, as small arrays: `['data', bytes]`, `['end']`, `['written', req, err]`,
//! `['connect', local..., remote...]`, `['connection', id, ...]`. A handle's event op
//! is refed in `State::op_refs` while it is open, so it keeps the loop alive until it is
//! closed or unrefed (`core.setOpRef`), like a libuv handle.
//!
//! A connected stream is served by two tokio tasks: a reader that reads only while JS
//! wants data (`readStart`/`readStop`, which is how backpressure reaches the kernel) and
//! a writer that performs writes and the final shutdown in order and reports each.
//! `tcp.rs` and `pipe.rs` create connections and listeners; `dns.rs` runs getaddrinfo
//! off the loop thread. This module owns the table and the streams; it does not know
//! about addresses beyond formatting them.

mod dns;
mod pipe;
mod resolve;
mod tcp;
mod udp;

use std::collections::HashMap;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, watch};
use tokio::task::AbortHandle;

use super::helpers::*;
use crate::registry::Registry;
use crate::runtime::HookArg;
use crate::state::{state, OpResult, State, StateRef};

pub fn register(reg: &mut Registry) {
  reg.add("net.start", start);
  reg.add("net.readStart", read_start);
  reg.add("net.readStop", read_stop);
  reg.add("net.write", write);
  reg.add("net.shutdown", shutdown);
  reg.add("net.close", close);
  reg.add("net.setNoDelay", set_no_delay);
  reg.add("net.setKeepAlive", set_keep_alive);
  reg.add("net.setLinger0", set_linger0);
  reg.add("net.dupFd", dup_fd);
  reg.add("net.fd", fd);
  tcp::register(reg);
  pipe::register(reg);
  dns::register(reg);
  resolve::register(reg);
  udp::register(reg);
}

/// A connected stream before it is split between its reader and writer tasks.
pub enum Conn {
  Tcp(tokio::net::TcpStream),
  Unix(tokio::net::UnixStream),
}

/// What native work reports to JS; turned into a JS array by `deliver`.
pub enum NetEvent {
  /// Handle `id` connected to the address at this index of those given; `deliver`
  /// starts its stream.
  Connected(u32, Conn, u32),
  /// Handle `id` could not connect: for each address tried, the error, the address
  /// and port it names, and the failing syscall (`connect`, or `bind` for a local port).
  ConnectFailed(u32, Vec<ConnectError>),
  /// A listener accepted a connection; `deliver` parks it under a new id.
  Connection(Conn),
  AcceptError(io::Error),
  Data(Vec<u8>),
  Eof,
  ReadError(io::Error),
  Written(u32, Option<io::Error>),
  ShutDown(u32, Option<io::Error>),
  /// getaddrinfo: `(address, family)` pairs, or the EAI_* code.
  Addresses(Result<Vec<(String, u8)>, i32>),
  /// getnameinfo: `(host, service)`, or the EAI_* code.
  Service(Result<(String, String), i32>),
  /// A DNS query's records, or a c-ares error code.
  Records(resolve::Answer),
  /// A UDP socket received a datagram from this address.
  Datagram(Vec<u8>, std::net::SocketAddr),
  /// A UDP socket's receive failed (an ICMP error on a connected socket).
  RecvError(io::Error),
  /// A queued UDP send completed: its request and the bytes sent, or the error.
  Sent(u32, io::Result<usize>),
}

pub type ConnectError = (io::Error, String, u16, &'static str);

/// Bytes to write: a copy (strings), or the caller's buffer itself, kept alive by its
/// backing store until written, as Node keeps a written Buffer (no copy of big writes).
enum Payload {
  Owned(Vec<u8>),
  Shared(SharedBytes),
}

struct SharedBytes {
  store: v8::SharedRef<v8::BackingStore>,
  start: usize,
  len: usize,
}

// SAFETY: a backing store is reference-counted atomically (std::shared_ptr) and its
// memory outlives every reference; the writer only reads it, on the loop's own thread.
unsafe impl Send for SharedBytes {}

impl Payload {
  fn bytes(&self) -> &[u8] {
    match self {
      Payload::Owned(v) => v,
      Payload::Shared(s) => match s.store.data() {
        // SAFETY: `start + len` lies within the store, which `s` keeps alive.
        Some(p) if s.len > 0 => unsafe { std::slice::from_raw_parts((p.as_ptr() as *const u8).add(s.start), s.len) },
        _ => &[],
      },
    }
  }
}

enum WriteCmd {
  Data(Payload, u32),
  Shutdown(u32),
  Close,
}

struct StreamHandle {
  op: u32,
  fd: RawFd,
  reading: watch::Sender<bool>,
  writes: mpsc::UnboundedSender<WriteCmd>,
  /// Set by `close`: a write still waiting for the peer is abandoned.
  closing: watch::Sender<bool>,
  /// Commands sent to the writer and not yet done; with none, `write` may write
  /// directly without breaking the order of the bytes.
  queued: Arc<AtomicUsize>,
  reader: AbortHandle,
}

enum Entry {
  Connecting { op: u32, task: AbortHandle },
  /// Accepted, waiting for its JS socket to call `net.start`.
  Parked(Conn),
  Stream(StreamHandle),
  /// `fd` is the listening socket, owned by the accept task (for `dupFd`).
  Listener { op: u32, task: AbortHandle, unix_path: Option<std::path::PathBuf>, fd: RawFd },
}

/// Every open socket, server and connect in flight, by id.
#[derive(Default)]
pub struct NetTable {
  next_id: u32,
  entries: HashMap<u32, Entry>,
  /// DNS queries in flight, by op, so `Resolver.cancel()` can stop them.
  queries: HashMap<u32, AbortHandle>,
  /// Bound UDP sockets (`udp.rs`), under ids from the same sequence.
  udp: HashMap<u32, udp::UdpHandle>,
}

impl NetTable {
  /// An id for an entry inserted later (a connect task needs its id before it exists).
  fn reserve(&mut self) -> u32 {
    self.next_id += 1;
    self.next_id
  }

  /// Whether a refed connect is in flight: it ends by itself (connected or failed), so
  /// a snapshot build waits for it, and then refuses the socket if it is still open.
  pub fn connecting(&self, op_refs: &HashMap<u32, bool>) -> bool {
    self.entries.values().any(|e| matches!(e, Entry::Connecting { op, .. } if op_refs.get(op).copied().unwrap_or(false)))
  }

  fn insert(&mut self, e: Entry) -> u32 {
    self.next_id += 1;
    self.entries.insert(self.next_id, e);
    self.next_id
  }
}

type Tx = mpsc::UnboundedSender<(u32, OpResult)>;

fn send(tx: &Tx, op: u32, ev: NetEvent) {
  let _ = tx.send((op, OpResult::Net(ev)));
}

/// Registers a new handle whose events go to `op`, refed until it is closed.
fn add_handle(st: &mut State, op: u32, e: Entry) -> u32 {
  st.op_refs.insert(op, true);
  st.net.insert(e)
}

/// The writing half of a stream. Closing `forget`s it rather than dropping it: a
/// dropped tokio write half sends a FIN first, which would turn a reset into an orderly
/// end; the descriptor closes when the read half goes too, as with `close(2)`.
enum WriteHalf {
  Tcp(tokio::net::tcp::OwnedWriteHalf),
  Unix(tokio::net::unix::OwnedWriteHalf),
}

impl WriteHalf {
  fn as_write(&mut self) -> &mut (dyn AsyncWrite + Send + Unpin) {
    match self {
      WriteHalf::Tcp(w) => w,
      WriteHalf::Unix(w) => w,
    }
  }

  /// Writes what the kernel takes now, without waiting.
  fn try_write(&self, b: &[u8]) -> io::Result<usize> {
    match self {
      WriteHalf::Tcp(w) => w.try_write(b),
      WriteHalf::Unix(w) => w.try_write(b),
    }
  }

  fn forget(self) {
    match self {
      WriteHalf::Tcp(w) => w.forget(),
      WriteHalf::Unix(w) => w.forget(),
    }
  }
}

fn split(conn: Conn) -> (Box<dyn AsyncRead + Send + Unpin>, WriteHalf, RawFd) {
  match conn {
    Conn::Tcp(s) => {
      let fd = s.as_raw_fd();
      let (r, w) = s.into_split();
      (Box::new(r), WriteHalf::Tcp(w), fd)
    }
    Conn::Unix(s) => {
      let fd = s.as_raw_fd();
      let (r, w) = s.into_split();
      (Box::new(r), WriteHalf::Unix(w), fd)
    }
  }
}

/// Starts the reader and writer tasks of a connected stream reporting to `op`.
fn start_stream(st: &State, conn: Conn, op: u32) -> StreamHandle {
  let (mut r, w, fd) = split(conn);
  let tx = st.events_tx.clone();
  let (reading, mut want) = watch::channel(false);
  let rtx = tx.clone();
  let reader = st
    .tokio
    .spawn(async move {
      let mut buf = vec![0u8; 65536];
      loop {
        while !*want.borrow_and_update() {
          if want.changed().await.is_err() {
            return;
          }
        }
        match r.read(&mut buf).await {
          Ok(0) => return send(&rtx, op, NetEvent::Eof),
          Ok(n) => send(&rtx, op, NetEvent::Data(buf[..n].to_vec())),
          Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
          Err(e) => return send(&rtx, op, NetEvent::ReadError(e)),
        }
      }
    })
    .abort_handle();
  let (writes, mut cmds) = mpsc::unbounded_channel();
  let (closing, mut closed) = watch::channel(false);
  let queued = Arc::new(AtomicUsize::new(0));
  let done = queued.clone();
  // Writes go out in order. Once the handle is closed, what is still queued is written
  // only as far as the kernel takes it without waiting, like a close in libuv after its
  // synchronous try-writes: a peer that never reads cannot keep the socket open.
  st.tokio.spawn(async move {
    let mut w = w;
    while let Some(cmd) = cmds.recv().await {
      match cmd {
        WriteCmd::Data(b, _) if *closed.borrow() => {
          let mut rest = b.bytes();
          while let Ok(n @ 1..) = w.try_write(rest) {
            rest = &rest[n..];
          }
        }
        WriteCmd::Data(b, req) => {
          tokio::select! {
            r = w.as_write().write_all(b.bytes()) => send(&tx, op, NetEvent::Written(req, r.err())),
            _ = closed.wait_for(|c| *c) => {}
          }
        }
        WriteCmd::Shutdown(_) if *closed.borrow() => {}
        WriteCmd::Shutdown(req) => {
          let r = w.as_write().shutdown().await;
          send(&tx, op, NetEvent::ShutDown(req, r.err()));
        }
        WriteCmd::Close => break,
      }
      done.fetch_sub(1, Ordering::Relaxed);
    }
    w.forget();
  });
  StreamHandle { op, fd, reading, writes, closing, queued, reader }
}

fn addr_args(a: Option<std::net::SocketAddr>, out: &mut Vec<HookArg>) {
  match a {
    Some(a) => {
      out.push(HookArg::Str(a.ip().to_string()));
      out.push(HookArg::Num(a.port() as f64));
      out.push(HookArg::Num(if a.is_ipv4() { 4.0 } else { 6.0 }));
    }
    None => out.extend([HookArg::Null, HookArg::Null, HookArg::Null]),
  }
}

/// `[local address, port, family, remote address, port, family]` (nulls for Unix sockets).
fn conn_addrs(conn: &Conn, out: &mut Vec<HookArg>) {
  match conn {
    Conn::Tcp(s) => {
      addr_args(s.local_addr().ok(), out);
      addr_args(s.peer_addr().ok(), out);
    }
    Conn::Unix(_) => {
      addr_args(None, out);
      addr_args(None, out);
    }
  }
}

/// `[errno, code, description]` as libuv names them.
fn err_arg(e: &io::Error) -> HookArg {
  let errno = e.raw_os_error().unwrap_or(libc::EIO);
  let (code, desc) = errno_info(errno);
  HookArg::List(vec![HookArg::Num(-errno as f64), HookArg::Str(code.into()), HookArg::Str(desc.into())])
}

fn opt_err(e: Option<io::Error>) -> HookArg {
  e.as_ref().map(err_arg).unwrap_or(HookArg::Null)
}

/// Turns a completed event into the value handed to the handle's JS callback, doing the
/// table work an event implies (a connect becomes a stream, an accept is parked).
pub(crate) fn deliver(state: &StateRef, op: u32, ev: NetEvent) -> HookArg {
  let s = |x: &str| HookArg::Str(x.into());
  let name = HookArg::Name;
  match ev {
    NetEvent::Connected(id, conn, index) => {
      let mut st = state.borrow_mut();
      let Some(Entry::Connecting { op, .. }) = st.net.entries.get(&id) else { return HookArg::Null };
      let op = *op;
      let mut out = vec![name("connect")];
      conn_addrs(&conn, &mut out);
      out.push(HookArg::Num(index as f64));
      let h = start_stream(&st, conn, op);
      st.net.entries.insert(id, Entry::Stream(h));
      HookArg::List(out)
    }
    NetEvent::ConnectFailed(id, errors) => {
      let mut st = state.borrow_mut();
      if let Some(Entry::Connecting { op, .. }) = st.net.entries.remove(&id) {
        st.op_refs.remove(&op);
      }
      let list = errors.iter().map(|(e, addr, port, syscall)| HookArg::List(vec![err_arg(e), s(addr), HookArg::Num(*port as f64), s(syscall)]));
      HookArg::List(vec![name("connectError"), HookArg::List(list.collect())])
    }
    NetEvent::Connection(conn) => {
      let mut out = vec![name("connection")];
      let mut st = state.borrow_mut();
      // Accepted just before its server closed: dropped here rather than parked forever.
      if !st.net.entries.values().any(|e| matches!(e, Entry::Listener { op: o, .. } if *o == op)) {
        return HookArg::Null;
      }
      conn_addrs(&conn, &mut out);
      let id = st.net.insert(Entry::Parked(conn));
      out.insert(1, HookArg::Num(id as f64));
      HookArg::List(out)
    }
    NetEvent::AcceptError(e) => HookArg::List(vec![name("acceptError"), err_arg(&e)]),
    // The commonest event goes as its bytes alone (no array, no name): a number (its
    // place in the read slab) or an ArrayBuffer is a read (runtime.rs `read_value`,
    // `Socket._onEvent`).
    NetEvent::Data(b) => HookArg::Read(b),
    NetEvent::Eof => HookArg::List(vec![name("end")]),
    NetEvent::ReadError(e) => HookArg::List(vec![name("readError"), err_arg(&e)]),
    NetEvent::Written(req, e) => HookArg::List(vec![name("written"), HookArg::Num(req as f64), opt_err(e)]),
    NetEvent::ShutDown(req, e) => HookArg::List(vec![name("shutdown"), HookArg::Num(req as f64), opt_err(e)]),
    NetEvent::Addresses(r) => dns::addresses_arg(r),
    NetEvent::Service(r) => dns::service_arg(r),
    NetEvent::Records(a) => {
      state.borrow_mut().net.queries.remove(&op);
      resolve::answer_arg(a)
    }
    NetEvent::Datagram(b, from) => HookArg::List(vec![
      name("message"),
      HookArg::Bytes(b),
      HookArg::Str(udp::format_addr(&from)),
      HookArg::Num(from.port() as f64),
      HookArg::Num(if from.is_ipv4() { 4.0 } else { 6.0 }),
    ]),
    NetEvent::RecvError(e) => HookArg::List(vec![name("recvError"), err_arg(&e)]),
    NetEvent::Sent(req, r) => match r {
      Ok(n) => HookArg::List(vec![name("sent"), HookArg::Num(req as f64), HookArg::Null, HookArg::Num(n as f64)]),
      Err(e) => HookArg::List(vec![name("sent"), HookArg::Num(req as f64), err_arg(&e), HookArg::Num(0.0)]),
    },
  }
}

fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> u32 {
  args.get(i).uint32_value(scope).unwrap_or(0)
}

/// `start(id, op)`: an accepted connection starts reporting to its socket's `op`.
fn start<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let op = id_arg(scope, &args, 1);
  let st = state(scope);
  let mut st = st.borrow_mut();
  if let Some(Entry::Parked(conn)) = st.net.entries.remove(&id) {
    let h = start_stream(&st, conn, op);
    st.op_refs.insert(op, true);
    st.net.entries.insert(id, Entry::Stream(h));
  }
}

fn with_stream<R>(scope: &mut v8::PinScope, id: u32, f: impl FnOnce(&StreamHandle) -> R) -> Option<R> {
  let st = state(scope);
  let st = st.borrow();
  match st.net.entries.get(&id) {
    Some(Entry::Stream(h)) => Some(f(h)),
    _ => None,
  }
}

fn read_start<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  with_stream(scope, id, |h| h.reading.send_replace(true));
}

fn read_stop<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  with_stream(scope, id, |h| h.reading.send_replace(false));
}

/// The bytes of a string as written to a socket: its UTF-8 (lone surrogates replaced, as
/// Buffer.from does), or with `latin1` each UTF-16 unit's low byte (Node's 'latin1',
/// 'binary' and 'ascii' writes), appended to `out`.
fn push_string(scope: &mut v8::PinScope, s: v8::Local<v8::String>, latin1: bool, out: &mut Vec<u8>) {
  let at = out.len();
  if latin1 {
    out.resize(at + s.length(), 0);
    s.write_one_byte_v2(scope, 0, &mut out[at..], v8::WriteFlags::empty());
  } else {
    // A UTF-16 unit is at most three bytes of UTF-8: for a short string room for that
    // rather than a pass to measure it.
    let room = if s.length() <= 4096 { s.length() * 3 } else { s.utf8_length(scope) };
    out.resize(at + room, 0);
    let n = s.write_utf8_v2(scope, &mut out[at..], v8::WriteFlags::kReplaceInvalidUtf8, None);
    out.truncate(at + n);
  }
}

thread_local! {
  /// The bytes of a string write, reused: only what the kernel does not take at once is
  /// copied out of it (one allocation per response otherwise).
  static WRITE_SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The bytes of a writev list `[chunk, latin1, chunk, latin1, ...]` (each chunk a string
/// or an ArrayBufferView; `latin1` says how a string chunk is encoded), in one buffer.
fn gather(scope: &mut v8::PinScope, list: v8::Local<v8::Array>, mut out: Vec<u8>) -> Vec<u8> {
  let n = list.length();
  let mut i = 0;
  while i + 1 < n {
    let chunk = list.get_index(scope, i);
    let latin1 = list.get_index(scope, i + 1).is_some_and(|v| v.is_true());
    i += 2;
    let Some(chunk) = chunk else { continue };
    if let Ok(s) = v8::Local::<v8::String>::try_from(chunk) {
      push_string(scope, s, latin1, &mut out);
    } else {
      with_bytes(chunk, |b| out.extend_from_slice(b));
    }
  }
  out
}

/// `write(id, data, req[, latin1])` -> 2 when the kernel took it all at once, 1 when the
/// rest was queued (completing with `['written', req, err]`), 0 when the socket is gone.
/// `data` is a string (UTF-8, or latin1 when `latin1` is true), an ArrayBufferView, or a
/// writev list `[chunk, latin1, ...]` sent as one write (strings are encoded natively:
/// no Buffer per chunk, no concatenation in JS).
fn write<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let data = args.get(1);
  let req = id_arg(scope, &args, 2);
  let mut scratch = WRITE_SCRATCH.take();
  scratch.clear();
  let text = if let Ok(s) = v8::Local::<v8::String>::try_from(data) {
    push_string(scope, s, args.get(3).is_true(), &mut scratch);
    Some(scratch)
  } else if let Ok(list) = v8::Local::<v8::Array>::try_from(data) {
    Some(gather(scope, list, scratch))
  } else {
    WRITE_SCRATCH.set(scratch);
    None
  };
  let r = with_stream(scope, id, |h| {
    let queue = |rest: Payload| {
      h.queued.fetch_add(1, Ordering::Relaxed);
      if h.writes.send(WriteCmd::Data(rest, req)).is_ok() { 1 } else { 0 }
    };
    // As uv_try_write: with nothing queued, write what the kernel takes now, straight
    // from the caller's bytes; only the rest is copied for the writer task.
    // 2 = all written already, 1 = queued, 0 = closed.
    let try_now = h.queued.load(Ordering::Relaxed) == 0 && !*h.closing.borrow();
    let attempt = |b: &[u8]| -> Option<usize> {
      if !try_now {
        return None;
      }
      // SAFETY: `h.fd` is the open socket of a live entry; `b` outlives the call.
      let n = unsafe { libc::send(h.fd, b.as_ptr() as *const libc::c_void, b.len(), libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL) };
      (n >= 0).then_some(n as usize)
    };
    match &text {
      // Nothing to send: done, without a syscall, unless it must wait its turn.
      Some(bytes) if bytes.is_empty() && try_now => 2,
      Some(bytes) => match attempt(bytes) {
        Some(n) if n == bytes.len() => 2,
        Some(n) => queue(Payload::Owned(bytes[n..].to_vec())),
        None => queue(Payload::Owned(bytes.clone())),
      },
      None => {
        let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(data) else { return 0 };
        let len = view.byte_length();
        if len == 0 && try_now {
          return 2;
        }
        let sent = with_bytes(data, |b| attempt(b)).flatten();
        if sent == Some(len) {
          return 2;
        }
        let from = sent.unwrap_or(0);
        match view.get_backing_store() {
          Some(store) => queue(Payload::Shared(SharedBytes { store, start: view.byte_offset() + from, len: len - from })),
          None => queue(Payload::Owned(with_bytes(data, |b| b[from..].to_vec()).unwrap_or_default())),
        }
      }
    }
  });
  if let Some(t) = text.filter(|t| t.capacity() <= 65536) {
    WRITE_SCRATCH.set(t);
  }
  rv.set_int32(r.unwrap_or(0));
}

/// `shutdown(id, req)`: end the writable side after queued writes; `['shutdown', req, err]`.
fn shutdown<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let req = id_arg(scope, &args, 1);
  let ok = with_stream(scope, id, |h| {
    h.queued.fetch_add(1, Ordering::Relaxed);
    h.writes.send(WriteCmd::Shutdown(req)).is_ok()
  })
  .unwrap_or(false);
  rv.set_bool(ok);
}

/// `close(id, endNow)`: closes any handle. Queued writes are still flushed; reading stops
/// now; a Unix-domain server removes its socket file, as libuv does. `endNow` (a stream
/// whose socket no other descriptor shares): with nothing queued and nothing unread, the
/// peer gets the end at once, as when libuv closes the descriptor, not once the tasks
/// holding it next run (after writes made meanwhile on other sockets).
fn close<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let end_now = args.get(1).is_true();
  let st = state(scope);
  let mut st = st.borrow_mut();
  let op = match st.net.entries.remove(&id) {
    Some(Entry::Stream(h)) => {
      h.reader.abort();
      h.closing.send_replace(true);
      if end_now && h.queued.load(Ordering::Relaxed) == 0 && unread_bytes(h.fd) == 0 {
        // SAFETY: plain call on the entry's open socket (still owned by its tasks).
        unsafe { libc::shutdown(h.fd, libc::SHUT_WR) };
      }
      let _ = h.writes.send(WriteCmd::Close);
      Some(h.op)
    }
    Some(Entry::Connecting { op, task }) => {
      task.abort();
      Some(op)
    }
    Some(Entry::Listener { op, task, unix_path, fd }) => {
      task.abort();
      // The aborted accept task owns the listener until the loop next runs tokio; the
      // address must be free now (a program may listen on it again in the same tick).
      release_fd(fd, libc::SOCK_STREAM);
      if let Some(p) = unix_path {
        let _ = std::fs::remove_file(p);
      }
      Some(op)
    }
    Some(Entry::Parked(_)) | None => None,
  };
  if let Some(op) = op {
    st.op_refs.remove(&op);
  }
}

/// The bytes received on socket `fd` and not read yet (closing it with any unread makes
/// the kernel reset the connection, not end it); unknown counts as some.
fn unread_bytes(fd: RawFd) -> i32 {
  let mut n: libc::c_int = 0;
  // SAFETY: FIONREAD writes one int.
  if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) } != 0 {
    return 1;
  }
  n
}

/// Closes the socket under descriptor `fd` now, though a task still owns the descriptor:
/// a fresh unbound socket of `kind` takes its number (atomically, with dup3), so the old
/// one is closed (its address free, unless a child holds a duplicate) and the task later
/// closes the placeholder. As libuv's close, which frees an address at once.
pub(super) fn release_fd(fd: RawFd, kind: i32) {
  // SAFETY: `fd` is the open socket of an entry just removed, still owned by an aborted
  // task that only closes it; the placeholder's own descriptor is closed right after.
  unsafe {
    let placeholder = libc::socket(libc::AF_INET, kind | libc::SOCK_CLOEXEC, 0);
    if placeholder >= 0 {
      libc::dup3(placeholder, fd, libc::O_CLOEXEC);
      libc::close(placeholder);
    }
  }
}

/// `dupFd(id)` -> a close-on-exec duplicate of a handle's socket (a connected stream, an
/// accepted one not started yet, or a listener), or -1: what `send(msg, handle)` passes
/// over IPC, the handle itself staying open.
/// `fd(id)` -> the descriptor of a live entry (still owned by it), or -1: what Node's
/// handles show as `fd`.
fn fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let st = state(scope);
  let st = st.borrow();
  rv.set_int32(match st.net.entries.get(&id) {
    Some(Entry::Stream(h)) => h.fd,
    Some(Entry::Listener { fd, .. }) => *fd,
    Some(Entry::Parked(Conn::Tcp(s))) => s.as_raw_fd(),
    Some(Entry::Parked(Conn::Unix(s))) => s.as_raw_fd(),
    _ => -1,
  });
}

fn dup_fd<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let st = state(scope);
  let st = st.borrow();
  let fd = match st.net.entries.get(&id) {
    Some(Entry::Stream(h)) => h.fd,
    Some(Entry::Listener { fd, .. }) => *fd,
    Some(Entry::Parked(Conn::Tcp(s))) => s.as_raw_fd(),
    Some(Entry::Parked(Conn::Unix(s))) => s.as_raw_fd(),
    _ => -1,
  };
  // SAFETY: `fd` belongs to a live entry; F_DUPFD_CLOEXEC makes a new descriptor.
  rv.set_int32(if fd < 0 { -1 } else { unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) } });
}

fn setsockopt(fd: RawFd, level: i32, name: i32, value: i32) -> io::Result<()> {
  // SAFETY: `fd` is an open socket owned by a live table entry; `value` outlives the call.
  let r = unsafe { libc::setsockopt(fd, level, name, &value as *const i32 as *const libc::c_void, std::mem::size_of::<i32>() as u32) };
  if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

fn set_no_delay<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let on = args.get(1).boolean_value(scope);
  let ok = with_stream(scope, id, |h| setsockopt(h.fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, on as i32).is_ok());
  rv.set_bool(ok.unwrap_or(false));
}

/// `setLinger0(id)`: the next close sends a TCP RST instead of a FIN.
fn set_linger0<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  with_stream(scope, id, |h| {
    let l = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: `h.fd` is the open socket of a live entry; `l` outlives the call.
    unsafe { libc::setsockopt(h.fd, libc::SOL_SOCKET, libc::SO_LINGER, &l as *const libc::linger as *const libc::c_void, std::mem::size_of::<libc::linger>() as u32) };
  });
}

/// `setKeepAlive(id, enable, initialDelaySeconds)`.
fn set_keep_alive<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = id_arg(scope, &args, 0);
  let on = args.get(1).boolean_value(scope);
  let delay = args.get(2).int32_value(scope).unwrap_or(0);
  let ok = with_stream(scope, id, |h| {
    let mut r = setsockopt(h.fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, on as i32);
    if on && delay > 0 {
      r = r.and_then(|_| setsockopt(h.fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, delay));
    }
    r.is_ok()
  });
  rv.set_bool(ok.unwrap_or(false));
}

/// `{ errno, code, description }` for a failure JS reports itself (a bind, a listen).
fn error_object<'s>(scope: &mut v8::PinScope<'s, '_>, e: &io::Error) -> v8::Local<'s, v8::Value> {
  let errno = e.raw_os_error().unwrap_or(libc::EIO);
  let (code, desc) = errno_info(errno);
  let obj = v8::Object::new(scope);
  let k = new_string(scope, "errno");
  let v = v8::Integer::new(scope, -errno);
  obj.set(scope, k.into(), v.into());
  let k = new_string(scope, "code");
  let v = new_string(scope, code);
  obj.set(scope, k.into(), v.into());
  let k = new_string(scope, "description");
  let v = new_string(scope, desc);
  obj.set(scope, k.into(), v.into());
  obj.into()
}

/// A listening socket of either kind.
pub enum Listener {
  Tcp(tokio::net::TcpListener),
  Unix(tokio::net::UnixListener),
}

impl Listener {
  fn fd(&self) -> RawFd {
    match self {
      Listener::Tcp(l) => l.as_raw_fd(),
      Listener::Unix(l) => l.as_raw_fd(),
    }
  }

  async fn accept(&self) -> io::Result<Conn> {
    match self {
      Listener::Tcp(l) => l.accept().await.map(|(s, _)| Conn::Tcp(s)),
      Listener::Unix(l) => l.accept().await.map(|(s, _)| Conn::Unix(s)),
    }
  }
}

/// Spawns the accept loop of a listener; each connection is reported to `op`.
fn spawn_accept(st: &State, op: u32, listener: Listener) -> AbortHandle {
  let tx = st.events_tx.clone();
  st.tokio
    .spawn(async move {
      loop {
        match listener.accept().await {
          Ok(conn) => send(&tx, op, NetEvent::Connection(conn)),
          Err(e) => {
            send(&tx, op, NetEvent::AcceptError(e));
            // Out of descriptors and the like: do not spin.
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
          }
        }
      }
    })
    .abort_handle()
}
