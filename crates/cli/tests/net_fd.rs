//! `new net.Socket({ fd })` on a connected socket the process inherits: here a Unix
//! socket pair whose one end is amber's stdin. A pipe (stdout here) is refused with
//! ERR_NOT_IMPLEMENTED, where Node would open it as a pipe handle.

mod common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::process::{Command, Stdio};

#[test]
fn socket_from_an_inherited_descriptor_reads_and_writes() {
  let (mut ours, theirs) = UnixStream::pair().unwrap();
  let script = "const net = require('net');\
    const s = new net.Socket({ fd: 0 });\
    s.on('data', (d) => { s.end(String(d).toUpperCase()); });\
    s.on('close', () => console.log('closed', s.bytesRead, s.bytesWritten));\
    try { new net.Socket({ fd: 1 }); } catch (e) { console.log(e.code); }";
  let child = Command::new(common::amber())
    .args(["-e", script])
    .stdin(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
  ours.write_all(b"ping").unwrap();
  let mut reply = String::new();
  ours.read_to_string(&mut reply).unwrap();
  assert_eq!(reply, "PING");
  drop(ours);
  let out = child.wait_with_output().unwrap();
  assert_eq!(String::from_utf8_lossy(&out.stderr), "");
  assert_eq!(String::from_utf8_lossy(&out.stdout), "ERR_NOT_IMPLEMENTED\nclosed 4 4\n");
}
