//! `--inspect` and `inspector.open()`: the DevTools protocol over WebSocket, served as
//! Node's inspector agent serves it — `GET /json` (or `/json/list`) describes the one
//! target, `GET /json/version` the runtime, and a WebSocket at `/<uuid>` is a debugging
//! session (Chrome DevTools, VS Code, `node inspect`-style clients).
//!
//! The sockets live on a thread of their own with a small tokio runtime, so a client is
//! served while the JS thread is busy or paused at a breakpoint. The thread never
//! touches V8: it queues what arrives in the `Hub` and wakes the JS thread, which
//! dispatches (`inspector.rs`: from the event loop, from a V8 interrupt while JS runs,
//! or from the pause loop while it is stopped); what V8 answers goes back through each
//! connection's channel.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;

/// What a connection hands the JS thread.
pub(crate) enum Incoming {
  /// A WebSocket session began: its id and where V8's messages for it go.
  Connected(u32, mpsc::UnboundedSender<String>),
  /// One protocol message from the client.
  Message(u32, String),
  /// The client went away (or the server closed).
  Disconnected(u32),
}

/// The queue between the server thread and the JS thread.
pub(crate) struct Hub {
  queue: Mutex<VecDeque<Incoming>>,
  arrived: Condvar,
  /// Wakes the JS thread (its event loop, and V8 if JS is running).
  wake: Box<dyn Fn() + Send + Sync>,
}

impl Hub {
  pub(crate) fn new(wake: Box<dyn Fn() + Send + Sync>) -> Arc<Hub> {
    Arc::new(Hub { queue: Mutex::new(VecDeque::new()), arrived: Condvar::new(), wake })
  }

  fn push(&self, item: Incoming) {
    self.queue.lock().unwrap().push_back(item);
    self.arrived.notify_all();
    (self.wake)();
  }

  /// The next item, if one is queued.
  pub(crate) fn pop(&self) -> Option<Incoming> {
    self.queue.lock().unwrap().pop_front()
  }

  /// Blocks until something is queued (the JS thread, paused or waiting for a client).
  pub(crate) fn wait(&self) {
    let q = self.queue.lock().unwrap();
    let _unused = self.arrived.wait_while(q, |q| q.is_empty()).unwrap();
  }
}

/// What `/json/list` says of this process.
pub(crate) struct Target {
  pub title: String,
  /// Node's version as this runtime reports it (`/json/version`'s Browser).
  pub version: String,
  /// The main script as a `file://` URL (empty for `-e` and the REPL).
  pub url: String,
}

/// A listening server; dropping it closes the listener and every session.
pub(crate) struct Server {
  pub addr: SocketAddr,
  pub uuid: String,
  stop: watch::Sender<bool>,
  thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
  /// `ws://host:port/uuid`, as Node prints it (IPv6 hosts in brackets).
  pub(crate) fn ws_url(&self) -> String {
    format!("ws://{}/{}", self.addr, self.uuid)
  }
}

impl Drop for Server {
  fn drop(&mut self) {
    let _ = self.stop.send(true);
    if let Some(t) = self.thread.take() {
      let _ = t.join();
    }
  }
}

/// A version 4 UUID from the OS's randomness, the form Node's target ids have.
fn uuid_v4() -> String {
  let mut b = [0u8; 16];
  getrandom::getrandom(&mut b).expect("randomness");
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
  format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// Binds `host:port` (port 0: any free port) on the calling thread, so that an address
/// in use is reported at once, then serves on a thread of its own.
pub(crate) fn start(host: &str, port: u16, target: Target, hub: Arc<Hub>) -> io::Result<Server> {
  let addr = first_addr(host, port)
    .ok_or_else(|| io::Error::new(io::ErrorKind::AddrNotAvailable, format!("cannot resolve {host}")))?;
  let listener = std::net::TcpListener::bind(addr)?;
  listener.set_nonblocking(true)?;
  let addr = listener.local_addr()?;
  let uuid = uuid_v4();
  let (stop, stopped) = watch::channel(false);
  let info = Arc::new(Info { addr, uuid: uuid.clone(), target });
  let thread = std::thread::Builder::new().name("amber inspector".into()).spawn(move || {
    let rt = match tokio::runtime::Builder::new_current_thread().enable_io().build() {
      Ok(rt) => rt,
      Err(_) => return,
    };
    rt.block_on(serve(listener, info, hub, stopped));
  })?;
  Ok(Server { addr, uuid, stop, thread: Some(thread) })
}

/// The first address `host` names (`[::1]` as Node accepts it for IPv6).
fn first_addr(host: &str, port: u16) -> Option<SocketAddr> {
  use std::net::ToSocketAddrs;
  let host = host.trim_start_matches('[').trim_end_matches(']');
  (host, port).to_socket_addrs().ok()?.next()
}

struct Info {
  addr: SocketAddr,
  uuid: String,
  target: Target,
}

async fn serve(listener: std::net::TcpListener, info: Arc<Info>, hub: Arc<Hub>, mut stopped: watch::Receiver<bool>) {
  let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
  let mut next = 0u32;
  let mut connections = tokio::task::JoinSet::new();
  loop {
    tokio::select! {
      _ = stopped.changed() => break,
      r = listener.accept() => {
        let Ok((socket, _)) = r else { continue };
        next += 1;
        connections.spawn(connection(socket, next, info.clone(), hub.clone(), stopped.clone()));
      }
    }
  }
  drop(listener);
  // Sessions end with the server: each connection sees the stop and says goodbye.
  while connections.join_next().await.is_some() {}
}

/// One TCP connection: an HTTP request for the JSON endpoints, or a WebSocket session.
async fn connection(mut socket: tokio::net::TcpStream, id: u32, info: Arc<Info>, hub: Arc<Hub>, mut stopped: watch::Receiver<bool>) {
  let _ = socket.set_nodelay(true);
  let Some(head) = read_head(&mut socket).await else { return };
  let mut headers = [httparse::EMPTY_HEADER; 32];
  let mut req = httparse::Request::new(&mut headers);
  if !matches!(req.parse(&head), Ok(httparse::Status::Complete(_))) {
    let _ = respond(&mut socket, "400 Bad Request", "text/plain", "Bad request").await;
    return;
  }
  let path = req.path.unwrap_or("/").split('?').next().unwrap_or("/").to_string();
  let header = |name: &str| req.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| String::from_utf8_lossy(h.value).into_owned());
  let upgrade = header("upgrade").is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
  let host = header("host").unwrap_or_else(|| info.addr.to_string());
  if !upgrade {
    let (status, body) = match path.trim_end_matches('/') {
      "/json" | "/json/list" => ("200 OK", list_json(&info, &host)),
      "/json/version" => ("200 OK", format!("{{\n  \"Browser\": \"node.js/{}\",\n  \"Protocol-Version\": \"1.1\"\n}}\n", info.target.version)),
      p if p == format!("/json/activate/{}", info.uuid) => ("200 OK", "Target activated".to_string()),
      // As Node: anything else is taken for a botched WebSocket request.
      _ => ("400 Bad Request", "WebSockets request was expected".to_string()),
    };
    let kind = if status.starts_with("200") && path.starts_with("/json/l") || path == "/json" || path.starts_with("/json/version") { "application/json; charset=UTF-8" } else { "text/plain" };
    let _ = respond(&mut socket, status, kind, &body).await;
    return;
  }
  let key = header("sec-websocket-key");
  let Some(key) = key.filter(|_| path.trim_start_matches('/') == info.uuid) else {
    let _ = respond(&mut socket, "400 Bad Request", "text/plain", "WebSockets request was expected").await;
    return;
  };
  let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
  let reply = format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
  if socket.write_all(reply.as_bytes()).await.is_err() {
    return;
  }
  let ws = tokio_tungstenite::WebSocketStream::from_raw_socket(socket, Role::Server, None).await;
  let (mut sink, mut stream) = ws.split();
  let (out_tx, mut out_rx) = mpsc::unbounded_channel::<String>();
  hub.push(Incoming::Connected(id, out_tx));
  loop {
    tokio::select! {
      _ = stopped.changed() => {
        let _ = sink.send(Message::Close(None)).await;
        break;
      }
      m = stream.next() => match m {
        Some(Ok(Message::Text(t))) => hub.push(Incoming::Message(id, t.as_str().to_owned())),
        Some(Ok(Message::Binary(b))) => hub.push(Incoming::Message(id, String::from_utf8_lossy(&b).into_owned())),
        Some(Ok(Message::Ping(p))) => { let _ = sink.send(Message::Pong(p)).await; }
        Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
        Some(Ok(_)) => {}
      },
      out = out_rx.recv() => match out {
        Some(text) => if sink.send(Message::Text(text.into())).await.is_err() { break },
        // The JS thread ended the session.
        None => { let _ = sink.send(Message::Close(None)).await; break }
      },
    }
  }
  hub.push(Incoming::Disconnected(id));
}

/// Reads up to the end of an HTTP request head (at most 16 KiB).
async fn read_head(socket: &mut tokio::net::TcpStream) -> Option<Vec<u8>> {
  let mut head = Vec::with_capacity(1024);
  let mut buf = [0u8; 1024];
  loop {
    let n = socket.read(&mut buf).await.ok()?;
    if n == 0 {
      return None;
    }
    head.extend_from_slice(&buf[..n]);
    if head.windows(4).any(|w| w == b"\r\n\r\n") {
      return Some(head);
    }
    if head.len() > 16 * 1024 {
      return None;
    }
  }
}

async fn respond(socket: &mut tokio::net::TcpStream, status: &str, kind: &str, body: &str) -> io::Result<()> {
  let reply = format!("HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nCache-Control: no-cache\r\nContent-Length: {}\r\n\r\n{body}", body.len());
  socket.write_all(reply.as_bytes()).await?;
  socket.shutdown().await
}

fn json_str(s: &str) -> String {
  serde_json::Value::String(s.to_string()).to_string()
}

/// The `/json/list` array: this process as Node describes itself. `host` is the Host
/// header's value, so the URLs work from wherever the client reached the server.
fn list_json(info: &Info, host: &str) -> String {
  let ws = format!("{host}/{}", info.uuid);
  let front = format!("devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws={ws}");
  let compat = format!("devtools://devtools/bundled/inspector.html?experiments=true&v8only=true&ws={ws}");
  format!(
    "[ {{\n  \"description\": \"node.js instance\",\n  \"devtoolsFrontendUrl\": {},\n  \"devtoolsFrontendUrlCompat\": {},\n  \"faviconUrl\": \"https://nodejs.org/static/images/favicons/favicon.ico\",\n  \"id\": {},\n  \"title\": {},\n  \"type\": \"node\",\n  \"url\": {},\n  \"webSocketDebuggerUrl\": {}\n}} ]\n\n",
    json_str(&front),
    json_str(&compat),
    json_str(&info.uuid),
    json_str(&info.target.title),
    json_str(&info.target.url),
    json_str(&format!("ws://{ws}")),
  )
}
