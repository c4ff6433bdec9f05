//! DNS queries for `dns.resolve*`, `dns.reverse` and `Resolver`: one query per call,
//! sent over UDP to the configured servers in turn (TCP when the answer is truncated),
//! with messages encoded and decoded by `hickory-proto`. Answers become small arrays
//! (`['MX', ttl, priority, exchange]`) that `lib/dns.js` shapes as Node does; failures
//! become c-ares's codes (`ENOTFOUND`, `ENODATA`, `ETIMEOUT`, `ECONNREFUSED`, ...).

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use hickory_proto::op::{Message, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

pub fn register(reg: &mut Registry) {
  reg.add("dns.query", query);
  reg.add("dns.cancel", cancel);
}

/// `cancel(op)`: stops a query in flight; its op will not complete.
fn cancel<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let op = id_arg(scope, &args, 0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  if let Some(task) = st.net.queries.remove(&op) {
    task.abort();
    st.op_refs.remove(&op);
    st.settling_ops.remove(&op);
  }
}

/// What a query produced: the matching records as hook values, or a c-ares error code.
pub type Answer = Result<Vec<HookArg>, &'static str>;

fn name_text(n: &Name) -> String {
  let s = n.to_utf8();
  s.strip_suffix('.').map(str::to_string).unwrap_or(s)
}

fn bytes_text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// One record as `[type, ttl, ...fields]`, or None for types Node does not report.
fn record_arg(r: &Record) -> Option<HookArg> {
  use HookArg::{List, Num, Str};
  let ty = r.record_type().to_string();
  let mut v = vec![Str(ty), Num(r.ttl as f64)];
  match &r.data {
    RData::A(a) => v.push(Str(a.0.to_string())),
    RData::AAAA(a) => v.push(Str(a.0.to_string())),
    RData::CNAME(n) => v.push(Str(name_text(&n.0))),
    RData::NS(n) => v.push(Str(name_text(&n.0))),
    RData::PTR(n) => v.push(Str(name_text(&n.0))),
    RData::MX(mx) => v.extend([Num(mx.preference as f64), Str(name_text(&mx.exchange))]),
    RData::TXT(t) => v.push(List(t.txt_data.iter().map(|s| Str(bytes_text(s))).collect())),
    RData::SRV(s) => v.extend([Num(s.priority as f64), Num(s.weight as f64), Num(s.port as f64), Str(name_text(&s.target))]),
    RData::SOA(s) => v.extend([
      Str(name_text(&s.mname)),
      Str(name_text(&s.rname)),
      Num(s.serial as f64),
      Num(s.refresh as f64),
      Num(s.retry as f64),
      Num(s.expire as f64),
      Num(s.minimum as f64),
    ]),
    RData::CAA(c) => v.extend([Num(if c.issuer_critical { 128.0 } else { 0.0 }), Str(c.tag.clone()), Str(bytes_text(&c.value))]),
    RData::NAPTR(n) => v.extend([
      Num(n.order as f64),
      Num(n.preference as f64),
      Str(bytes_text(&n.flags)),
      Str(bytes_text(&n.services)),
      Str(bytes_text(&n.regexp)),
      Str(name_text(&n.replacement)),
    ]),
    _ => return None,
  }
  Some(List(v))
}

fn rcode_error(code: ResponseCode) -> &'static str {
  match code {
    ResponseCode::NXDomain => "ENOTFOUND",
    ResponseCode::ServFail => "ESERVFAIL",
    ResponseCode::Refused => "EREFUSED",
    ResponseCode::FormErr => "EFORMERR",
    ResponseCode::NotImp => "ENOTIMP",
    _ => "EBADRESP",
  }
}

/// Where queries to `server` come from: the resolver's local address of that family.
fn bind_addr(server: SocketAddr, local: &Local) -> SocketAddr {
  let ip = if server.is_ipv4() { local.0.unwrap_or(std::net::Ipv4Addr::UNSPECIFIED.into()) } else { local.1.unwrap_or(std::net::Ipv6Addr::UNSPECIFIED.into()) };
  SocketAddr::new(ip, 0)
}

/// `setLocalAddress`: the IPv4 and IPv6 source addresses, if set.
type Local = (Option<std::net::IpAddr>, Option<std::net::IpAddr>);

async fn exchange_udp(server: SocketAddr, local: &Local, packet: &[u8], id: u16, timeout: Duration) -> Result<Message, &'static str> {
  let bind = bind_addr(server, local);
  let sock = tokio::net::UdpSocket::bind(bind).await.map_err(|_| "ECONNREFUSED")?;
  sock.connect(server).await.map_err(|_| "ECONNREFUSED")?;
  sock.send(packet).await.map_err(|_| "ECONNREFUSED")?;
  let mut buf = vec![0u8; 65535];
  let deadline = tokio::time::Instant::now() + timeout;
  loop {
    let n = match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
      Err(_) => return Err("ETIMEOUT"),
      Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => return Err("ECONNREFUSED"),
      Ok(Err(_)) => return Err("ECONNREFUSED"),
      Ok(Ok(n)) => n,
    };
    match Message::from_vec(&buf[..n]) {
      Ok(m) if m.metadata.id == id => return Ok(m),
      Ok(_) => continue, // a stray answer to another query
      Err(_) => return Err("EBADRESP"),
    }
  }
}

async fn exchange_tcp(server: SocketAddr, local: &Local, packet: &[u8], timeout: Duration) -> Result<Message, &'static str> {
  let work = async {
    let sock = if server.is_ipv4() { tokio::net::TcpSocket::new_v4() } else { tokio::net::TcpSocket::new_v6() }.map_err(|_| "ECONNREFUSED")?;
    sock.bind(bind_addr(server, local)).map_err(|_| "ECONNREFUSED")?;
    let mut s = sock.connect(server).await.map_err(|_| "ECONNREFUSED")?;
    let mut framed = (packet.len() as u16).to_be_bytes().to_vec();
    framed.extend_from_slice(packet);
    s.write_all(&framed).await.map_err(|_| "ECONNREFUSED")?;
    let len = s.read_u16().await.map_err(|_| "EBADRESP")? as usize;
    let mut buf = vec![0u8; len];
    s.read_exact(&mut buf).await.map_err(|_| "EBADRESP")?;
    Message::from_vec(&buf).map_err(|_| "EBADRESP")
  };
  tokio::time::timeout(timeout, work).await.unwrap_or(Err("ETIMEOUT"))
}

/// Asks each server in turn, `tries` rounds, until one gives a definite answer.
async fn resolve(name: String, rtype: RecordType, servers: Vec<SocketAddr>, local: Local, timeout: Duration, tries: u32) -> Answer {
  let Ok(qname) = Name::from_utf8(&name) else { return Err("EBADNAME") };
  let mut msg = Message::query();
  msg.metadata.recursion_desired = true;
  msg.add_query(Query::query(qname, rtype));
  let id = msg.metadata.id;
  let Ok(packet) = msg.to_vec() else { return Err("EBADNAME") };
  if servers.is_empty() {
    return Err("ECONNREFUSED");
  }
  let mut last = "ETIMEOUT";
  for _ in 0..tries.max(1) {
    for &server in &servers {
      let mut reply = exchange_udp(server, &local, &packet, id, timeout).await;
      if matches!(&reply, Ok(m) if m.metadata.truncation) {
        reply = exchange_tcp(server, &local, &packet, timeout).await;
      }
      let m = match reply {
        Ok(m) => m,
        Err(e) => {
          last = e;
          continue;
        }
      };
      match m.metadata.response_code {
        ResponseCode::NoError => {
          let records: Vec<HookArg> =
            m.answers.iter().filter(|r| rtype == RecordType::ANY || r.record_type() == rtype).filter_map(record_arg).collect();
          return if records.is_empty() { Err("ENODATA") } else { Ok(records) };
        }
        ResponseCode::NXDomain => return Err("ENOTFOUND"),
        // Another server may do better.
        code => last = rcode_error(code),
      }
    }
  }
  Err(last)
}

pub(super) fn answer_arg(a: Answer) -> HookArg {
  match a {
    Ok(records) => HookArg::List(vec![HookArg::Str("ok".into()), HookArg::List(records)]),
    Err(code) => HookArg::List(vec![HookArg::Str("error".into()), HookArg::Str(code.into())]),
  }
}

/// `query(name, type, ["ip:port", ...], timeoutMs, tries, op, local4, local6)`: completes `op` with
/// `['ok', [[type, ttl, ...], ...]]` or `['error', code]`.
fn query<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let name = string_arg(scope, &args, 0);
  let ty = string_arg(scope, &args, 1);
  let Ok(rtype) = RecordType::from_str(&ty) else { return throw_type_error(scope, "unknown record type") };
  let servers: Vec<SocketAddr> = match v8::Local::<v8::Array>::try_from(args.get(2)) {
    Ok(arr) => (0..arr.length())
      .filter_map(|i| arr.get_index(scope, i))
      .filter_map(|v| v.to_rust_string_lossy(scope).parse().ok())
      .collect(),
    Err(_) => vec![],
  };
  let timeout = Duration::from_millis(args.get(3).uint32_value(scope).unwrap_or(5000).max(1) as u64);
  let tries = args.get(4).uint32_value(scope).unwrap_or(4);
  let op = id_arg(scope, &args, 5);
  let local_ip = |i: i32| {
    let v = args.get(i);
    if v.is_null_or_undefined() { None } else { v.to_rust_string_lossy(scope).parse::<std::net::IpAddr>().ok() }
  };
  let local: Local = (local_ip(6), local_ip(7));
  let st = state(scope);
  let mut st = st.borrow_mut();
  let handle = st.tokio.clone();
  st.op_refs.insert(op, true);
  st.settling_ops.insert(op);
  let task = st.ops.spawn_on(
    async move {
      let answer = resolve(name, rtype, servers, local, timeout, tries).await;
      (op, OpResult::Net(NetEvent::Records(answer)))
    },
    &handle,
  );
  st.net.queries.insert(op, task);
}
