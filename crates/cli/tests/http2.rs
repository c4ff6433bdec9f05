//! `node:http2` over TLS (h2, ALPN) on loopback, and the snapshot rule for open sessions.
//! The cleartext (h2c) behaviour is compared with node by the `http2_*` fixtures. Certificates
//! are made for each run by `tests/tls/gen-certs.sh` (openssl) in a temporary directory, so
//! no private key is checked in.

mod common;

use std::process::Command;

use common::*;

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

#[test]
fn h2_over_tls_matches_node() {
  let certs = make_tls_certs();
  let dir = repo_root().join("tests/http2");
  let env = [("AMBER_TLS_CERTS", certs.path().to_str().unwrap())];
  let n = Command::new("node").arg("secure.js").current_dir(&dir).envs(env).output().expect("node");
  assert!(n.status.success(), "node: {}", text(&n.stderr));
  let a = run(&dir, &["secure.js"], b"", &env);
  assert_eq!(text(&a.stderr), "", "amber's stderr");
  assert_eq!(text(&a.stdout), text(&n.stdout));
  assert!(a.status.success());
  assert!(text(&a.stdout).ends_with("server closed\n"), "the script did not finish: {}", text(&a.stdout));
}

#[test]
fn allow_http1_origin_and_altsvc_match_node() {
  let certs = make_tls_certs();
  let dir = repo_root().join("tests/http2");
  let env = [("AMBER_TLS_CERTS", certs.path().to_str().unwrap())];
  let n = Command::new("node").arg("fallback_origin.js").current_dir(&dir).envs(env).output().expect("node");
  assert!(n.status.success(), "node: {}", text(&n.stderr));
  let a = run(&dir, &["fallback_origin.js"], b"", &env);
  assert_eq!(text(&a.stderr), "", "amber's stderr");
  assert_eq!(text(&a.stdout), text(&n.stdout));
  assert!(a.status.success());
  assert!(text(&a.stdout).ends_with("server closed\n"), "the script did not finish: {}", text(&a.stdout));
}

#[test]
fn a_snapshot_refuses_an_open_http2_session_by_name() {
  let dir = repo_root().join("tests/http2");
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("live.snap");
  let o = Command::new(amber())
    .current_dir(&dir)
    .args(["snapshot", "build", "snapshot_live.js", "-o"])
    .arg(&snap)
    .output()
    .unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("http2 client session created at") && err.contains("snapshot_live.js:"), "{err}");
  assert!(!snap.exists());
}

#[test]
fn a_listening_http2_server_is_carried_across_a_snapshot() {
  let dir = repo_root().join("tests/http2");
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("server.snap");
  let o = Command::new(amber())
    .current_dir(&dir)
    .args(["snapshot", "build", "snapshot_server.js", "-o"])
    .arg(&snap)
    .output()
    .unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let r = Command::new(amber()).arg(&snap).output().unwrap();
  assert_eq!(text(&r.stderr), "");
  assert_eq!(text(&r.stdout), "carried /after-restore\n");
  assert!(r.status.success());
}
