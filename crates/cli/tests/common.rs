//! Helpers shared by the integration tests: locating the built binary and the fixture
//! directory, running amber, and normalizing output so amber's can be compared with
//! the `node` output recorded beside each fixture.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn amber() -> PathBuf {
  PathBuf::from(env!("CARGO_BIN_EXE_amber"))
}

pub fn repo_root() -> PathBuf {
  Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub fn fixtures_dir() -> PathBuf {
  repo_root().join("tests/fixtures")
}

/// Runs amber with `args` in `cwd`, feeding `stdin`.
pub fn run(cwd: &Path, args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> Output {
  use std::io::Write;
  let mut cmd = Command::new(amber());
  cmd.args(args).current_dir(cwd).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
  for (k, v) in envs {
    cmd.env(k, v);
  }
  let mut child = cmd.spawn().expect("spawn amber");
  let mut input = child.stdin.take().unwrap();
  let data = stdin.to_vec();
  let writer = std::thread::spawn(move || {
    let _ = input.write_all(&data);
  });
  // A run that hangs fails its test instead of holding up the whole suite: after the
  // limit the process is killed and its output so far returned (exit by SIGKILL).
  let pid = child.id();
  let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
  let watchdog = {
    let done = done.clone();
    std::thread::spawn(move || {
      let started = std::time::Instant::now();
      while !done.load(std::sync::atomic::Ordering::SeqCst) {
        if started.elapsed() > RUN_LIMIT {
          eprintln!("amber (pid {pid}) ran longer than {RUN_LIMIT:?}: killed");
          unsafe { libc::kill(pid as i32, libc::SIGKILL) };
          return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
      }
    })
  };
  let out = child.wait_with_output().expect("wait amber");
  done.store(true, std::sync::atomic::Ordering::SeqCst);
  watchdog.join().unwrap();
  writer.join().unwrap();
  out
}

/// How long one fixture run may take, even on a loaded 2-core machine with a debug build.
pub const RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Makes Node's and amber's outputs comparable: paths of the fixture directory become
/// `<dir>`, stack frames inside the runtime's own library (`node:` URLs) and header
/// blocks pointing into it are dropped, Node's `Node.js vX` trailer is dropped, and
/// process ids in warnings are masked.
pub fn normalize(text: &str, dir: &Path) -> String {
  let text = text.replace(&dir.display().to_string(), "<dir>");
  let mut out: Vec<&str> = Vec::new();
  let mut lines = text.lines().peekable();
  while let Some(line) = lines.next() {
    let t = line.trim_start();
    if t.starts_with("at ") && (t.contains("(node:") || t.starts_with("at node:")) {
      continue;
    }
    if line.starts_with("node:") && line.rsplit(':').next().is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) {
      // A `node:internal/x:LINE` header: skip it, the source line, the caret and the blank line.
      for _ in 0..3 {
        lines.next();
      }
      continue;
    }
    if line.starts_with("Node.js v") {
      if out.last() == Some(&"") {
        out.pop();
      }
      continue;
    }
    out.push(line);
  }
  let mut s = out.join("\n");
  if text.ends_with('\n') && !s.is_empty() {
    s.push('\n');
  }
  mask_pids(&s)
}

fn mask_pids(s: &str) -> String {
  let mut out = String::with_capacity(s.len());
  let mut rest = s;
  while let Some(i) = rest.find("(node:") {
    out.push_str(&rest[..i + 6]);
    rest = &rest[i + 6..];
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
      out.push_str("PID");
      rest = &rest[digits..];
    }
  }
  out.push_str(rest);
  out
}

pub fn read_or_empty(p: &Path) -> String {
  std::fs::read_to_string(p).unwrap_or_default()
}

/// Certificates and keys for the TLS tests, made at test time by tests/tls/gen-certs.sh
/// (openssl); none are checked in.
pub fn make_tls_certs() -> tempfile::TempDir {
  let dir = tempfile::tempdir().unwrap();
  let script = repo_root().join("tests/tls/gen-certs.sh");
  let o = Command::new("sh").arg(script).arg(dir.path()).output().expect("sh");
  assert!(o.status.success(), "gen-certs.sh failed (is openssl installed?): {}", String::from_utf8_lossy(&o.stderr));
  assert!(dir.path().join("expired.pem").exists());
  dir
}
