//! Popular server frameworks, middleware and data libraries, side by side with node: every `tests/packages/servers/cases/*.js`
//! (or `.mjs`) uses one package the way its README does and prints what the package
//! computed; `node` and `amber` run it in `tests/packages/servers` and must both exit 0 with
//! the same stdout and stderr (process ids and the directory masked by
//! `common::normalize`). The cases in `SNAPSHOT_CASES` also run from a snapshot whose
//! entry (`tests/packages/servers/snapshot/<name>.js`) loaded the package at build time and
//! whose main function runs the case. The packages come from
//! `tests/packages/servers/package-lock.json` (`tests/install.sh`); which package each case
//! checks, and the packages left out and why, are in `tests/packages/servers/README.md`.
//! `AMBER_PACKAGES_CASE=name` runs only the cases whose names contain it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::*;

/// How long one run of one case may take (debug build, loaded 2-core machine).
const CASE_LIMIT: Duration = Duration::from_secs(60);
/// Cases run at most this many at a time (each runs node, then amber).
const PARALLEL: usize = 2;

/// Cases that also run from a snapshot built with their package loaded.
const SNAPSHOT_CASES: &[&str] = &["express-middleware", "fastify", "sql.js", "bcryptjs", "multer", "passport", "express-session"];

fn servers_dir() -> PathBuf {
  repo_root().join("tests/packages/servers")
}

fn require_install() {
  assert!(
    servers_dir().join("node_modules/express").is_dir(),
    "tests/packages/servers/node_modules is missing: run tests/install.sh (npm ci of every tests/packages/* project)"
  );
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Every case script, by name (file name without `.js`/`.mjs`), sorted.
fn cases() -> Vec<(String, String)> {
  let filter = std::env::var("AMBER_PACKAGES_CASE").ok();
  let mut out: Vec<(String, String)> = std::fs::read_dir(servers_dir().join("cases"))
    .unwrap()
    .filter_map(|e| e.ok())
    .map(|e| e.file_name().to_string_lossy().into_owned())
    .filter_map(|f| {
      let name = f.strip_suffix(".mjs").or_else(|| f.strip_suffix(".js"))?.to_string();
      Some((name, format!("cases/{f}")))
    })
    .filter(|(n, _)| filter.as_ref().is_none_or(|f| n.contains(f.as_str())))
    .collect();
  out.sort();
  out
}

/// The environment both runtimes get: the same, and free of what changes a package's
/// output (colours, DEBUG namespaces, the local time zone).
fn command(program: &Path, args: &[&std::ffi::OsStr]) -> Command {
  let mut cmd = Command::new(program);
  cmd.args(args).current_dir(servers_dir()).env("TZ", "UTC").env("LANG", "C.UTF-8");
  for var in ["FORCE_COLOR", "NO_COLOR", "NODE_DISABLE_COLORS", "DEBUG", "NODE_OPTIONS", "NODE_ENV"] {
    cmd.env_remove(var);
  }
  cmd
}

/// Runs `cmd` with stdin closed, killing it after `CASE_LIMIT`.
fn output_within(mut cmd: Command) -> Result<Output, String> {
  let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| format!("spawn {cmd:?}: {e}"))?;
  // Read both pipes on threads so a chatty child never blocks on a full pipe.
  let mut out_pipe = child.stdout.take().unwrap();
  let mut err_pipe = child.stderr.take().unwrap();
  let out_reader = std::thread::spawn(move || {
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut out_pipe, &mut v).ok();
    v
  });
  let err_reader = std::thread::spawn(move || {
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut err_pipe, &mut v).ok();
    v
  });
  let deadline = Instant::now() + CASE_LIMIT;
  let status = loop {
    if let Some(s) = child.try_wait().unwrap() {
      break s;
    }
    if Instant::now() > deadline {
      child.kill().ok();
      child.wait().ok();
      let out = out_reader.join().unwrap();
      let err = err_reader.join().unwrap();
      return Err(format!("{cmd:?} still running after {CASE_LIMIT:?}: killed\nstdout:\n{}\nstderr:\n{}", text(&out), text(&err)));
    }
    std::thread::sleep(Duration::from_millis(20));
  };
  Ok(Output { status, stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap() })
}

/// A line diff of `want` and `got` (lines only in one side marked `-`/`+`), enough to
/// see where two outputs part.
fn diff(want: &str, got: &str) -> String {
  let w: Vec<&str> = want.lines().collect();
  let g: Vec<&str> = got.lines().collect();
  let common_start = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
  let common_end = w[common_start..].iter().rev().zip(g[common_start..].iter().rev()).take_while(|(a, b)| a == b).count();
  let mut out = format!("@@ line {} @@\n", common_start + 1);
  for l in &w[common_start.saturating_sub(2)..common_start] {
    out.push_str(&format!("  {l}\n"));
  }
  for l in &w[common_start..w.len() - common_end] {
    out.push_str(&format!("- {l}\n"));
  }
  for l in &g[common_start..g.len() - common_end] {
    out.push_str(&format!("+ {l}\n"));
  }
  out
}

/// Compares one run of amber with node's; `None` when they agree.
fn compare(label: &str, reference: &Output, got: &Output) -> Option<String> {
  let dir = servers_dir();
  let mut problems = Vec::new();
  if got.status.code() != Some(0) {
    problems.push(format!("exit status {:?} (node: {:?})", got.status, reference.status.code()));
  }
  let (want_out, got_out) = (normalize(&text(&reference.stdout), &dir), normalize(&text(&got.stdout), &dir));
  if want_out != got_out {
    problems.push(format!("stdout differs from node's:\n{}", diff(&want_out, &got_out)));
  }
  let (want_err, got_err) = (normalize(&text(&reference.stderr), &dir), normalize(&text(&got.stderr), &dir));
  if want_err != got_err {
    problems.push(format!("stderr differs from node's:\n{}", diff(&want_err, &got_err)));
  }
  if problems.is_empty() {
    None
  } else {
    Some(format!("== {label}\n{}", problems.join("\n")))
  }
}

/// Runs `work` over `items` on `PARALLEL` threads; returns every failure message.
fn in_parallel<T: Sync>(items: &[T], work: impl Fn(&T) -> Option<String> + Sync) -> Vec<String> {
  let next = Mutex::new(0usize);
  let failures = Mutex::new(Vec::new());
  std::thread::scope(|s| {
    for _ in 0..PARALLEL {
      s.spawn(|| loop {
        let i = {
          let mut n = next.lock().unwrap();
          let i = *n;
          *n += 1;
          i
        };
        let Some(item) = items.get(i) else { break };
        if let Some(f) = work(item) {
          failures.lock().unwrap().push(f);
        }
      });
    }
  });
  let mut f = failures.into_inner().unwrap();
  f.sort();
  f
}

fn node_reference(name: &str, script: &str) -> Result<Output, String> {
  let o = output_within(command(Path::new("node"), &[script.as_ref()]))?;
  if !o.status.success() {
    return Err(format!("== {name}\nnode itself failed ({:?}):\n{}", o.status, text(&o.stderr)));
  }
  Ok(o)
}

#[test]
fn server_packages_give_node_output() {
  require_install();
  let cases = cases();
  assert!(!cases.is_empty(), "no case matches AMBER_PACKAGES_CASE");
  let failures = in_parallel(&cases, |(name, script)| {
    let reference = match node_reference(name, script) {
      Ok(o) => o,
      Err(e) => return Some(e),
    };
    match output_within(command(&amber(), &[script.as_ref()])) {
      Ok(o) => compare(name, &reference, &o),
      Err(e) => Some(format!("== {name}\n{e}")),
    }
  });
  println!("{} of {} package cases give node's output", cases.len() - failures.len(), cases.len());
  assert!(failures.is_empty(), "{} of {} package cases differ from node:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn server_packages_from_a_snapshot_give_node_output() {
  require_install();
  let all = cases();
  let picked: Vec<&(String, String)> = all.iter().filter(|(n, _)| SNAPSHOT_CASES.contains(&n.as_str())).collect();
  let tmp = tempfile::tempdir().unwrap();
  let failures = in_parallel(&picked, |(name, script)| {
    let reference = match node_reference(name, script) {
      Ok(o) => o,
      Err(e) => return Some(e),
    };
    let snap = tmp.path().join(format!("{name}.snap"));
    let entry = format!("snapshot/{name}.js");
    let build = match output_within(command(&amber(), &["snapshot".as_ref(), "build".as_ref(), entry.as_ref(), "-o".as_ref(), snap.as_os_str()])) {
      Ok(o) => o,
      Err(e) => return Some(format!("== {name} (snapshot build)\n{e}")),
    };
    if !build.status.success() {
      return Some(format!("== {name}: snapshot build of {entry} failed ({:?}):\n{}", build.status, text(&build.stderr)));
    }
    match output_within(command(&amber(), &[snap.as_os_str()])) {
      Ok(o) => compare(&format!("{name} (from a snapshot)"), &reference, &o),
      Err(e) => Some(format!("== {name} (from a snapshot)\n{e}")),
    }
  });
  if std::env::var("AMBER_PACKAGES_CASE").is_err() {
    assert_eq!(picked.len(), SNAPSHOT_CASES.len(), "a case named in SNAPSHOT_CASES is missing from cases/");
  }
  println!("{} of {} package cases give node's output from a snapshot", picked.len() - failures.len(), picked.len());
  assert!(failures.is_empty(), "{} of {} snapshot cases differ from node:\n{}", failures.len(), picked.len(), failures.join("\n\n"));
}
