//! `node:tls` and `node:https` over loopback. Certificates are made for each run by
//! `tests/tls/gen-certs.sh` (openssl) in a temporary directory, so no private key is
//! checked in; the scripts in `tests/tls/` run under node and under amber with the same
//! certificates and their outputs must be identical.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Runs `script` under node and amber; both must print the same, ending with `last`
/// (so a step that stalls in both cannot pass unnoticed).
fn compare_with_node(script: &str, last: &str) {
  let certs = make_tls_certs();
  let dir = repo_root().join("tests/tls");
  let env = [("AMBER_TLS_CERTS", certs.path().to_str().unwrap())];
  let n = Command::new("node").arg(script).current_dir(&dir).envs(env).output().expect("node");
  assert!(n.status.success(), "node: {}", text(&n.stderr));
  let a = run(&dir, &[script], b"", &env);
  assert_eq!(text(&a.stderr), "", "amber's stderr");
  assert_eq!(text(&a.stdout), text(&n.stdout));
  assert!(a.status.success());
  assert!(text(&a.stdout).ends_with(&format!("{last}\n")), "the script did not finish: {}", text(&a.stdout));
}

#[test]
fn tls_round_trips_match_node() {
  compare_with_node("roundtrip.js", "all steps done");
}

#[test]
fn https_with_keep_alive_matches_node() {
  compare_with_node("https.js", "closed");
}

fn snapshot(dir: &Path, certs: &Path, entry: &str, out: &Path) -> std::process::Output {
  Command::new(amber())
    .current_dir(dir)
    .env("AMBER_TLS_CERTS", certs)
    .args(["snapshot", "build", entry, "-o"])
    .arg(out)
    .output()
    .unwrap()
}

#[test]
fn a_snapshot_refuses_an_open_tls_session_and_carries_a_secure_context() {
  let certs = make_tls_certs();
  let dir = repo_root().join("tests/tls");
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("live.snap");
  let o = snapshot(&dir, certs.path(), "snapshot_live.js", &snap);
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("TLS socket to 127.0.0.1:") && err.contains("snapshot_live.js:"), "{err}");
  assert!(!snap.exists());

  let snap = tmp.path().join("ok.snap");
  let o = snapshot(&dir, certs.path(), "snapshot_restore.js", &snap);
  assert!(o.status.success(), "{}", text(&o.stderr));
  let r = Command::new(amber()).arg(&snap).env("AMBER_TLS_CERTS", certs.path()).output().unwrap();
  assert_eq!(text(&r.stderr), "");
  assert_eq!(text(&r.stdout), "200 hello from /restored TLSv1.3\n");
}
