//! Real npm CLI tools run unchanged: each case runs the tool with `node`, with
//! `amber` from source, and with `amber` from a snapshot whose entry loaded the tool
//! at build time (`tests/compat/snapshot/`), and requires the same stdout, exit code
//! and written files. The tools come from `tests/compat/package-lock.json`
//! (`npm ci` in `.ci/run`). Servers and clients (express, fastify, axios, undici) run
//! `tests/compat/servers/*.js`, which serve and request on 127.0.0.1 port 0, against
//! node's output; express and fastify also from a snapshot that configured the app,
//! and from one built while the app was already listening.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;

fn compat_dir() -> PathBuf {
  repo_root().join("tests/compat")
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

#[derive(Clone, Copy, Debug)]
enum Runner {
  Node,
  Amber,
  AmberSnapshot,
}

const RUNNERS: [Runner; 3] = [Runner::Node, Runner::Amber, Runner::AmberSnapshot];

struct Tool {
  name: &'static str,
  bin: &'static str,
  entry: &'static str,
}

const TOOLS: &[Tool] = &[
  Tool { name: "tsc", bin: "typescript/bin/tsc", entry: "tsc.js" },
  Tool { name: "marked", bin: "marked/bin/marked.js", entry: "marked.mjs" },
  Tool { name: "prettier", bin: "prettier/bin/prettier.cjs", entry: "prettier.mjs" },
  Tool { name: "eslint", bin: "eslint/bin/eslint.js", entry: "eslint.js" },
  Tool { name: "webpack", bin: "webpack-cli/bin/cli.js", entry: "webpack.js" },
  Tool { name: "mocha", bin: "mocha/bin/mocha.js", entry: "mocha.js" },
];

fn tool(name: &str) -> &'static Tool {
  TOOLS.iter().find(|t| t.name == name).unwrap()
}

/// Snapshots of every tool entry, built once per test process.
fn snapshots() -> &'static (tempfile::TempDir, Vec<(String, PathBuf)>) {
  static SNAPS: OnceLock<(tempfile::TempDir, Vec<(String, PathBuf)>)> = OnceLock::new();
  SNAPS.get_or_init(|| {
    assert!(
      compat_dir().join("node_modules/typescript").is_dir(),
      "tests/compat/node_modules is missing: run `npm ci` in tests/compat (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    for t in TOOLS {
      let snap = dir.path().join(format!("{}.snap", t.name));
      // Tools decide about colors when their modules load, i.e. at build time: build in
      // the same environment the runs use.
      let o = Command::new(amber())
        .current_dir(compat_dir().join("snapshot"))
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .args(["snapshot", "build", t.entry, "-o"])
        .arg(&snap)
        .output()
        .unwrap();
      assert!(o.status.success(), "snapshot build of {} failed: {}", t.name, text(&o.stderr));
      out.push((t.name.to_string(), snap));
    }
    (dir, out)
  })
}

fn run(runner: Runner, t: &Tool, args: &[&str], cwd: &Path) -> Output {
  let bin = compat_dir().join("node_modules").join(t.bin);
  let mut cmd = match runner {
    Runner::Node => {
      let mut c = Command::new("node");
      c.arg(&bin);
      c
    }
    Runner::Amber => {
      let mut c = Command::new(amber());
      c.arg(&bin);
      c
    }
    Runner::AmberSnapshot => {
      let snap = &snapshots().1.iter().find(|(n, _)| n == t.name).unwrap().1;
      let mut c = Command::new(amber());
      c.arg(snap);
      c
    }
  };
  cmd.args(args).current_dir(cwd).env("NO_COLOR", "1").env_remove("FORCE_COLOR");
  cmd.output().unwrap()
}

/// Runs the tool three ways; all must agree with node on exit code and stdout
/// (after `normalize`, for output that contains timings).
fn same_everywhere(name: &str, args: &[&str], cwd: &Path, normalize: fn(&str) -> String) -> String {
  let t = tool(name);
  let reference = run(Runner::Node, t, args, cwd);
  let want = normalize(&text(&reference.stdout));
  for runner in [Runner::Amber, Runner::AmberSnapshot] {
    let o = run(runner, t, args, cwd);
    assert_eq!(o.status.code(), reference.status.code(), "{name} {args:?} with {runner:?}: exit code; stderr:\n{}", text(&o.stderr));
    assert_eq!(normalize(&text(&o.stdout)), want, "{name} {args:?} with {runner:?}: stdout; stderr:\n{}", text(&o.stderr));
  }
  want
}

fn as_is(s: &str) -> String {
  s.to_string()
}

/// Copies a fixture directory into a fresh temp dir (tools that write files).
fn copy_fixture(name: &str) -> tempfile::TempDir {
  let tmp = tempfile::tempdir().unwrap();
  copy_dir(&compat_dir().join("fixtures").join(name), tmp.path());
  tmp
}

fn copy_dir(from: &Path, to: &Path) {
  std::fs::create_dir_all(to).unwrap();
  for e in std::fs::read_dir(from).unwrap() {
    let e = e.unwrap();
    let target = to.join(e.file_name());
    if e.file_type().unwrap().is_dir() {
      copy_dir(&e.path(), &target);
    } else {
      std::fs::copy(e.path(), &target).unwrap();
    }
  }
}

fn read_tree(dir: &Path) -> Vec<(String, String)> {
  let mut out = Vec::new();
  fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
      if p.is_dir() {
        walk(base, &p, out);
      } else {
        out.push((p.strip_prefix(base).unwrap().display().to_string(), std::fs::read_to_string(&p).unwrap_or_default()));
      }
    }
  }
  walk(dir, dir, &mut out);
  out
}

/// Runs a file-writing command in a fresh copy of `fixture` for each runner and
/// requires identical stdout, exit code and resulting files.
fn same_files(name: &str, fixture: &str, args: &[&str], normalize: fn(&str) -> String) -> Vec<(String, String)> {
  let t = tool(name);
  let mut results = Vec::new();
  for runner in RUNNERS {
    let tmp = copy_fixture(fixture);
    let o = run(runner, t, args, tmp.path());
    let files = read_tree(tmp.path());
    results.push((runner, o.status.code(), normalize(&text(&o.stdout)), files, text(&o.stderr)));
  }
  let (_, code, out, files, _) = &results[0];
  for (runner, c, o, f, err) in &results[1..] {
    assert_eq!(c, code, "{name} with {runner:?}: exit code; stderr:\n{err}");
    assert_eq!(o, out, "{name} with {runner:?}: stdout; stderr:\n{err}");
    assert_eq!(f, files, "{name} with {runner:?}: written files differ");
  }
  results.into_iter().next().unwrap().3
}

#[test]
fn tsc_reports_the_same_type_errors() {
  let out = same_everywhere("tsc", &["-p", "fixtures/ts-errors"], &compat_dir(), as_is);
  assert!(out.contains("error TS2322") && out.contains("error TS2551"), "{out}");
}

#[test]
fn tsc_emits_the_same_js_and_declarations() {
  let files = same_files("tsc", "ts-ok", &["-p", "."], as_is);
  let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
  for f in ["out/index.js", "out/index.d.ts", "out/shapes.js", "out/shapes.d.ts"] {
    assert!(names.contains(&f), "{f} not emitted: {names:?}");
  }
}

#[test]
fn marked_renders_the_same_html() {
  let out = same_everywhere("marked", &["-i", "fixtures/marked.md"], &compat_dir(), as_is);
  assert!(out.contains("<h1>amber</h1>") && out.contains("<table>"), "{out}");
}

fn strip_timings(s: &str) -> String {
  let mut out = String::new();
  for line in s.lines() {
    let cleaned: Vec<String> = line.split(' ').map(|w| if w.ends_with("ms") && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit()) && w.len() > 2 { "Nms".to_string() } else { w.to_string() }).collect();
    out.push_str(&cleaned.join(" "));
    out.push('\n');
  }
  out
}

#[test]
fn prettier_check_finds_the_same_files() {
  let dir = compat_dir().join("fixtures/prettier");
  let t = tool("prettier");
  let reference = run(Runner::Node, t, &["--check", "."], &dir);
  assert_eq!(reference.status.code(), Some(1));
  for runner in [Runner::Amber, Runner::AmberSnapshot] {
    let o = run(runner, t, &["--check", "."], &dir);
    assert_eq!(o.status.code(), reference.status.code(), "{runner:?}");
    assert_eq!(text(&o.stdout), text(&reference.stdout), "{runner:?} stdout");
    assert_eq!(text(&o.stderr), text(&reference.stderr), "{runner:?} stderr");
  }
  assert!(text(&reference.stderr).contains("ugly.js"));
}

#[test]
fn prettier_write_formats_the_same() {
  let files = same_files("prettier", "prettier", &["--write", "."], strip_timings);
  let js = &files.iter().find(|(n, _)| n == "ugly.js").unwrap().1;
  assert!(js.contains("const a = {\n  b: 1,"), "{js}");
}

#[test]
fn eslint_reports_the_same_problems() {
  let out = same_everywhere("eslint", &["src"], &compat_dir().join("fixtures/eslint"), as_is);
  assert!(out.contains("no-unused-vars") && out.contains("7 problems"), "{out}");
}

#[test]
fn webpack_bundles_the_same() {
  let files = same_files("webpack", "webpack", &[], as_is);
  assert!(files.iter().any(|(n, _)| n == "dist/bundle.js"), "no bundle");
  // The bundle, run by node, prints what the source app prints.
  let tmp = copy_fixture("webpack");
  let o = run(Runner::Amber, tool("webpack"), &[], tmp.path());
  assert!(o.status.success(), "{}", text(&o.stderr));
  let bundle = Command::new("node").arg("dist/bundle.js").current_dir(tmp.path()).output().unwrap();
  let source = Command::new("node").arg("src/index.js").current_dir(tmp.path()).output().unwrap();
  assert_eq!(text(&bundle.stdout), text(&source.stdout));
  assert_eq!(text(&bundle.stdout), "sum 10 product 24\nlazy: loaded lazily\n");
}

/// A production build that minimizes: terser-webpack-plugin hands the two assets to a
/// jest-worker pool of worker threads (one worker on two cores).
#[test]
fn webpack_minimizes_with_terser_workers_the_same() {
  let files = same_files("webpack", "webpack", &["--optimization-minimize"], as_is);
  let bundle = &files.iter().find(|(n, _)| n == "dist/bundle.js").expect("no bundle").1;
  assert!(!bundle.contains("\n  ") && bundle.len() < 2000, "not minimized: {bundle}");
  assert!(files.iter().any(|(n, _)| n.starts_with("dist/") && n != "dist/bundle.js"), "no lazy chunk");
}

/// mocha's spec report without what varies between runs of the same suite: --parallel
/// replays each file's results when its worker process finishes (so files come in any
/// order: the lines are compared sorted), the total duration, and Node-internal frames.
fn mocha_report(s: &str) -> String {
  let mut lines: Vec<String> = s
    .lines()
    .filter(|l| !l.contains("node:internal"))
    .map(|l| match l.find(" passing (") {
      Some(i) => l[..i + " passing".len()].to_string(),
      None => l.to_string(),
    })
    .collect();
  lines.sort();
  lines.join("\n")
}

#[test]
fn mocha_parallel_reports_as_node() {
  let dir = compat_dir().join("fixtures/mocha");
  let out = same_everywhere("mocha", &["--parallel", "--jobs", "2", "--reporter", "spec"], &dir, mocha_report);
  for needle in ["6 passing", "1 pending", "1 failing", "1) fails with a diff", "✔ runs in a worker process of its own", "-     3"] {
    assert!(out.contains(needle), "{needle:?} missing from:\n{out}");
  }
}

/// A piscina pool of worker threads, from source and from a snapshot in which piscina
/// was loaded at build time.
#[test]
fn piscina_pool_as_node_from_source_and_snapshot() {
  let script = compat_dir().join("snapshot/piscina.js");
  let mut node = Command::new("node");
  node.arg(&script).current_dir(compat_dir());
  let reference = output_within(node, 60);
  assert!(reference.status.success(), "node: {}", text(&reference.stderr));
  let want = text(&reference.stdout);
  assert!(want.contains("\"square\":16") && want.contains("\"inWorker\":true") && want.ends_with("destroyed\n"), "{want}");
  let dir = tempfile::tempdir().unwrap();
  let snap = dir.path().join("piscina.snap");
  let b = Command::new(amber()).current_dir(compat_dir()).args(["snapshot", "build"]).arg(&script).arg("-o").arg(&snap).output().unwrap();
  assert!(b.status.success(), "snapshot build: {}", text(&b.stderr));
  for args in [vec![script.clone()], vec![snap.clone()]] {
    let mut cmd = Command::new(amber());
    cmd.args(&args).current_dir(compat_dir());
    let o = output_within(cmd, 60);
    assert_eq!(o.status.code(), reference.status.code(), "{args:?}: {}", text(&o.stderr));
    assert_eq!(text(&o.stdout), want, "{args:?}: {}", text(&o.stderr));
  }
}

// ---- servers and clients from npm --------------------------------------------------

/// Runs `cmd` with a deadline, so that a server that never closes fails the test
/// instead of hanging it.
fn output_within(mut cmd: Command, secs: u64) -> Output {
  use std::process::Stdio;
  let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
  let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
  while child.try_wait().unwrap().is_none() {
    if std::time::Instant::now() > deadline {
      child.kill().unwrap();
      let o = child.wait_with_output().unwrap();
      panic!("{cmd:?} still running after {secs} s; stdout:\n{}\nstderr:\n{}", text(&o.stdout), text(&o.stderr));
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
  }
  child.wait_with_output().unwrap()
}

/// `tests/compat/servers/<name>.js` starts a server on 127.0.0.1 port 0 and requests it;
/// amber must print what node prints.
fn server_script_matches_node(name: &str) -> String {
  let script = format!("servers/{name}.js");
  let mut node = Command::new("node");
  node.arg(&script).current_dir(compat_dir());
  let reference = output_within(node, 60);
  assert!(reference.status.success(), "node {script}: {}", text(&reference.stderr));
  let mut cmd = Command::new(amber());
  cmd.arg(&script).current_dir(compat_dir());
  let o = output_within(cmd, 60);
  assert_eq!(o.status.code(), reference.status.code(), "amber {script}: exit code; stderr:\n{}", text(&o.stderr));
  assert_eq!(text(&o.stdout), text(&reference.stdout), "amber {script}: stdout; stderr:\n{}", text(&o.stderr));
  text(&reference.stdout)
}

#[test]
fn express_routes_and_json_as_node() {
  let out = server_script_matches_node("express");
  assert!(out.contains("hello: 'amber'") && out.contains("X-Powered-By: Express") && out.contains("closed"), "{out}");
}

#[test]
fn fastify_route_with_schema_as_node() {
  let out = server_script_matches_node("fastify");
  assert!(out.contains("{ sum: 42 }") && out.contains("FST_ERR_VALIDATION"), "{out}");
}

#[test]
fn axios_against_a_local_server_as_node() {
  let out = server_script_matches_node("axios");
  assert!(out.contains("b=x+y") && out.contains("ECONNABORTED") && out.contains("closed"), "{out}");
}

#[test]
fn undici_request_and_fetch_as_node() {
  let out = server_script_matches_node("undici");
  assert!(out.contains("request chunked 200 abc") && out.contains("ua: 'undici'") && out.contains("pool") && out.contains("ws close 1000 bye true"), "{out}");
}

/// `snapshot/<entry>.js` configures the app while the snapshot is built; the restored
/// process listens and requests, printing what `node servers/<script>.js` does.
fn server_from_snapshot_matches_node(entry: &str, script: &str) {
  let dir = tempfile::tempdir().unwrap();
  let snap = dir.path().join(format!("{entry}.snap"));
  let o = Command::new(amber())
    .current_dir(compat_dir().join("snapshot"))
    .args(["snapshot", "build", &format!("{entry}.js"), "-o"])
    .arg(&snap)
    .output()
    .unwrap();
  assert!(o.status.success(), "snapshot build of {entry} failed: {}", text(&o.stderr));
  let mut node = Command::new("node");
  node.arg(format!("servers/{script}.js")).current_dir(compat_dir());
  let reference = output_within(node, 60);
  let mut cmd = Command::new(amber());
  cmd.arg(&snap).current_dir(compat_dir());
  let got = output_within(cmd, 60);
  assert_eq!(got.status.code(), reference.status.code(), "{entry}: stderr:\n{}", text(&got.stderr));
  assert_eq!(text(&got.stdout), text(&reference.stdout), "{entry}: stderr:\n{}", text(&got.stderr));
}

#[test]
fn express_app_from_a_snapshot_as_node() {
  server_from_snapshot_matches_node("express_app", "express");
}

#[test]
fn fastify_app_ready_at_build_from_a_snapshot_as_node() {
  server_from_snapshot_matches_node("fastify_app", "fastify");
}

/// Libraries rather than tools: jose (WebCrypto and KeyObjects: JWS, JWE with AES-KW,
/// ECDH-ES, PBES2, RSA-OAEP) and jsonwebtoken (sign/verify with PEM keys) print the same
/// tokens and payloads as under node, from source.
#[test]
fn jose_and_jsonwebtoken_give_node_output() {
  let dir = compat_dir().join("fixtures/jwt");
  assert!(
    compat_dir().join("node_modules/jose").is_dir(),
    "tests/compat/node_modules is missing: run `npm ci` in tests/compat (.ci/run does)"
  );
  let node = Command::new("node").arg("jwt.mjs").current_dir(&dir).output().unwrap();
  assert!(node.status.success(), "node: {}", text(&node.stderr));
  let ours = common::run(&dir, &["jwt.mjs"], b"", &[]);
  assert_eq!(text(&ours.stdout), text(&node.stdout), "amber's stderr:\n{}", text(&ours.stderr));
  assert!(ours.status.success());
}

#[test]
fn express_app_listening_at_build_from_a_snapshot_as_node() {
  // The server listened while the snapshot was built; the restored process listens again.
  server_from_snapshot_matches_node("express_listening", "express");
}

#[test]
fn fastify_app_listening_at_build_from_a_snapshot_as_node() {
  server_from_snapshot_matches_node("fastify_listening", "fastify");
}
