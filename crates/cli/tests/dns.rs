//! `dns.resolve*` against a DNS server this test runs on 127.0.0.1 (UDP, plus TCP for
//! answers too long for a datagram), with a small zone built with `hickory-proto`.
//! `tests/dns/resolve.js` prints what it resolves; the expected output beside it was
//! recorded from node against this same server (`AMBER_DNS_RECORD=1` runs node and
//! rewrites it).

mod common;

use std::net::{Ipv4Addr, Ipv6Addr, TcpListener, UdpSocket};
use std::str::FromStr;
use std::time::Duration;

use common::*;
use hickory_proto::op::{Message, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, CAA, CNAME, MX, NAPTR, NS, PTR, SOA, SRV, TXT};
use hickory_proto::rr::{Name, RData, Record, RecordType};

fn name(s: &str) -> Name {
  Name::from_str(s).unwrap()
}

/// The zone: answers for a query name and type, or a response code.
fn answer(q: &str, ty: RecordType) -> Result<Vec<Record>, ResponseCode> {
  let q = q.trim_end_matches('.');
  let rec = |n: &str, ttl: u32, d: RData| Record::from_rdata(name(n), ttl, d);
  let ex = "example.test.";
  let all: Vec<Record> = match q {
    "example.test" => vec![
      rec(ex, 300, RData::A(A(Ipv4Addr::new(192, 0, 2, 1)))),
      rec(ex, 300, RData::A(A(Ipv4Addr::new(192, 0, 2, 2)))),
      rec(ex, 600, RData::AAAA(AAAA(Ipv6Addr::from_str("2001:db8::1").unwrap()))),
      rec(ex, 300, RData::MX(MX::new(10, name("mail.example.test.")))),
      rec(ex, 300, RData::MX(MX::new(20, name("backup.example.test.")))),
      rec(ex, 300, RData::TXT(TXT::new(vec!["v=spf1 -all".into()]))),
      rec(ex, 300, RData::TXT(TXT::new(vec!["part one".into(), "part two".into()]))),
      rec(ex, 300, RData::NS(NS(name("ns1.example.test.")))),
      rec(ex, 300, RData::SOA(SOA::new(name("ns1.example.test."), name("admin.example.test."), 2024010101, 7200, 3600, 1209600, 300))),
      rec(ex, 300, RData::CAA(CAA::new_issue(false, Some(name("ca.example.net")), vec![]))),
      rec(ex, 300, RData::NAPTR(NAPTR::new(100, 10, b"S".to_vec().into(), b"SIP+D2U".to_vec().into(), b"".to_vec().into(), name("_sip._udp.example.test.")))),
    ],
    "alias.example.test" => vec![
      rec("alias.example.test.", 300, RData::CNAME(CNAME(name(ex)))),
      rec(ex, 300, RData::A(A(Ipv4Addr::new(192, 0, 2, 1)))),
    ],
    "_sip._tcp.example.test" => vec![rec("_sip._tcp.example.test.", 300, RData::SRV(SRV::new(10, 5, 5060, name("sip.example.test."))))],
    "1.2.0.192.in-addr.arpa" => vec![rec("1.2.0.192.in-addr.arpa.", 300, RData::PTR(PTR(name("host.example.test."))))],
    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa" => {
      vec![rec("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", 300, RData::PTR(PTR(name("v6host.example.test."))))]
    }
    "nodata.example.test" => vec![],
    "fail.example.test" => return Err(ResponseCode::ServFail),
    "refused.example.test" => return Err(ResponseCode::Refused),
    _ => return Err(ResponseCode::NXDomain),
  };
  Ok(match ty {
    RecordType::ANY => all.into_iter().filter(|r| matches!(r.record_type(), RecordType::A | RecordType::MX | RecordType::TXT)).collect(),
    // A chain: the CNAME and the records of its target.
    _ => all.into_iter().filter(|r| r.record_type() == ty || r.record_type() == RecordType::CNAME).collect(),
  })
}

fn respond(query: &[u8]) -> Option<Vec<u8>> {
  let q = Message::from_vec(query).ok()?;
  let question = q.queries.first()?.clone();
  let qname = question.name().to_utf8();
  if qname.starts_with("slow.") {
    return None; // never answered: the script cancels it
  }
  let mut m = Message::response(q.metadata.id, OpCode::Query);
  m.metadata.recursion_desired = true;
  m.metadata.recursion_available = true;
  m.add_query(question.clone());
  match answer(&qname, question.query_type()) {
    Ok(records) => {
      m.add_answers(records);
    }
    Err(code) => m.metadata.response_code = code,
  }
  m.to_vec().ok()
}

/// Serves the zone on a UDP and a TCP socket of the same port; returns the port.
fn start_server() -> u16 {
  let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
  let port = udp.local_addr().unwrap().port();
  let tcp = TcpListener::bind(("127.0.0.1", port)).unwrap();
  std::thread::spawn(move || {
    let mut buf = [0u8; 4096];
    loop {
      let Ok((n, from)) = udp.recv_from(&mut buf) else { return };
      if let Some(reply) = respond(&buf[..n]) {
        let _ = udp.send_to(&reply, from);
      }
    }
  });
  std::thread::spawn(move || {
    use std::io::{Read, Write};
    for mut s in tcp.incoming().flatten() {
      let mut len = [0u8; 2];
      if s.read_exact(&mut len).is_err() {
        continue;
      }
      let mut q = vec![0u8; u16::from_be_bytes(len) as usize];
      if s.read_exact(&mut q).is_ok() {
        if let Some(reply) = respond(&q) {
          let _ = s.write_all(&(reply.len() as u16).to_be_bytes());
          let _ = s.write_all(&reply);
        }
      }
    }
  });
  std::thread::sleep(Duration::from_millis(10));
  port
}

#[test]
fn resolve_against_a_local_dns_server_matches_node() {
  let port = start_server().to_string();
  let dir = repo_root().join("tests/dns");
  let expected = dir.join("resolve.stdout");
  if std::env::var("AMBER_DNS_RECORD").is_ok() {
    let o = std::process::Command::new("node").arg("resolve.js").arg(&port).current_dir(&dir).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).replace(&port, "<port>");
    std::fs::write(&expected, text).unwrap();
  }
  for env in [vec![], vec![("AMBER_NO_RUNTIME_SNAPSHOT", "1")]] {
    let o = run(&dir, &["resolve.js", &port], b"", &env);
    let got = String::from_utf8_lossy(&o.stdout).replace(&port, "<port>");
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(got, std::fs::read_to_string(&expected).unwrap());
  }
}
