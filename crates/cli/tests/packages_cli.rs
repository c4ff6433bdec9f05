//! Popular command-line tools and terminal libraries, used as their READMEs show: every
//! `tests/packages/cli/cases/<name>.js` (or `.mjs`) runs with `node` and with `amber`
//! (cwd `tests/packages/cli`); both must exit 0 with the same stdout and stderr. Cases
//! for a package's bin run that bin with the runtime running the case (`cases/_run.js`:
//! `process.execPath`), so under amber the tool itself runs on amber. Some cases also run
//! from a snapshot: `tests/packages/cli/snapshot/<name>.js` loads the package while
//! `amber snapshot build` runs and its main function runs the case. The packages come
//! from `tests/packages/cli/package-lock.json` (`tests/install.sh`); the ones that cannot
//! run are listed with the reason in `tests/packages/cli/README.md`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::*;

struct Case {
  file: &'static str,
  /// stderr is compared too (the case or its package writes there deterministically,
  /// or nothing).
  stderr: bool,
  /// `snapshot/<name>.js` exists: the case also runs from a snapshot.
  snapshot: bool,
}

const fn case(file: &'static str) -> Case {
  Case { file, stderr: true, snapshot: false }
}
const fn snap(file: &'static str) -> Case {
  Case { file, stderr: true, snapshot: true }
}

const CASES: &[Case] = &[
  case("ajv-cli.js"),
  case("boxen.mjs"),
  case("cac.mjs"),
  case("citty.mjs"),
  snap("cli-progress.js"),
  snap("cli-table3.js"),
  snap("clipanion.js"),
  case("conventional-changelog-writer.mjs"),
  case("conventional-commits-parser.mjs"),
  case("cross-env.js"),
  case("dotenv-cli.js"),
  snap("figlet.js"),
  case("fs-tools.mjs"),
  case("gradient-string.mjs"),
  snap("htmlhint.js"),
  case("http-server.js"),
  case("husky-lint-staged.js"),
  case("ink.mjs"),
  case("inquirer.mjs"),
  case("listr2.mjs"),
  case("log-symbols.mjs"),
  case("markdownlint-cli2.js"),
  case("meow.mjs"),
  case("npm-run-all2.js"),
  case("oclif.mjs"),
  case("ora.mjs"),
  snap("prompts.js"),
  snap("serve-handler.js"),
  case("stylelint.js"),
  case("update-notifier.mjs"),
  case("zx.mjs"),
];

/// One run may take this long on a loaded 2-core machine with a debug build.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Cases run at most this many at a time (each may spawn children of its own).
const PARALLEL: usize = 2;

fn dir() -> PathBuf {
  repo_root().join("tests/packages/cli")
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Runs `cmd` (cwd, no stdin, NO_COLOR) and kills it after `TIMEOUT`.
fn output_within(mut cmd: Command) -> Result<Output, String> {
  cmd.current_dir(dir()).env("NO_COLOR", "1").env_remove("FORCE_COLOR").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
  let child = cmd.spawn().map_err(|e| format!("spawn {cmd:?}: {e}"))?;
  let pid = child.id();
  let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
  let timed_out = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
  let watchdog = {
    let (done, timed_out) = (done.clone(), timed_out.clone());
    std::thread::spawn(move || {
      let start = Instant::now();
      while !done.load(std::sync::atomic::Ordering::SeqCst) {
        if start.elapsed() > TIMEOUT {
          timed_out.store(true, std::sync::atomic::Ordering::SeqCst);
          unsafe { libc::kill(pid as i32, libc::SIGKILL) };
          return;
        }
        std::thread::sleep(Duration::from_millis(50));
      }
    })
  };
  let out = child.wait_with_output().map_err(|e| e.to_string());
  done.store(true, std::sync::atomic::Ordering::SeqCst);
  watchdog.join().unwrap();
  let out = out?;
  if timed_out.load(std::sync::atomic::Ordering::SeqCst) {
    return Err(format!("{cmd:?} still running after {TIMEOUT:?}: killed\nstdout:\n{}\nstderr:\n{}", text(&out.stdout), text(&out.stderr)));
  }
  Ok(out)
}

/// A line diff of two outputs, enough to see where they part.
fn diff(want: &str, got: &str) -> String {
  let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
  let first = w.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(w.len().min(g.len()));
  let mut out = format!("first difference at line {}\n", first + 1);
  for l in w.iter().skip(first).take(12) {
    out.push_str(&format!("- {l}\n"));
  }
  for l in g.iter().skip(first).take(12) {
    out.push_str(&format!("+ {l}\n"));
  }
  out
}

/// Compares one amber run with node's; `Err` describes the difference.
fn compare(what: &str, c: &Case, node: &Output, got: Result<Output, String>) -> Result<(), String> {
  let got = got.map_err(|e| format!("{what}: {e}"))?;
  let mut problems = Vec::new();
  if !got.status.success() {
    problems.push(format!("exit status {:?}", got.status));
  }
  let (want_out, got_out) = (text(&node.stdout), text(&got.stdout));
  if got_out != want_out {
    problems.push(format!("stdout differs from node's:\n{}", diff(&want_out, &got_out)));
  }
  let (want_err, got_err) = (text(&node.stderr), text(&got.stderr));
  if c.stderr && got_err != want_err {
    problems.push(format!("stderr differs from node's:\n{}", diff(&want_err, &got_err)));
  }
  if problems.is_empty() {
    Ok(())
  } else {
    Err(format!("{what}: {}\namber's stderr:\n{}", problems.join("\n"), got_err.lines().take(30).collect::<Vec<_>>().join("\n")))
  }
}

fn run_case(c: &Case, snaps: &Path) -> Result<(), String> {
  let mut node = Command::new("node");
  node.arg(format!("cases/{}", c.file));
  let node = output_within(node)?;
  if !node.status.success() {
    return Err(format!("node itself fails ({:?}):\n{}", node.status, text(&node.stderr)));
  }
  let mut amber_cmd = Command::new(amber());
  amber_cmd.arg(format!("cases/{}", c.file));
  compare("amber", c, &node, output_within(amber_cmd))?;
  if c.snapshot {
    let name = c.file.rsplit_once('.').unwrap().0;
    let snap = snaps.join(format!("{name}.snap"));
    let mut build = Command::new(amber());
    build.args(["snapshot", "build", &format!("snapshot/{name}.js"), "-o"]).arg(&snap);
    let b = output_within(build)?;
    if !b.status.success() {
      return Err(format!("amber snapshot build snapshot/{name}.js failed:\n{}", text(&b.stderr)));
    }
    let mut restored = Command::new(amber());
    restored.arg(&snap);
    compare("amber from a snapshot", c, &node, output_within(restored))?;
  }
  Ok(())
}

#[test]
fn cli_packages_match_node() {
  assert!(
    dir().join("node_modules/.package-lock.json").is_file(),
    "tests/packages/cli/node_modules is missing: run tests/install.sh (npm ci in every tests/packages/<group>)"
  );
  let snaps = tempfile::tempdir().unwrap();
  let filter = std::env::var("AMBER_PACKAGE_CASE").ok();
  let queue: Mutex<Vec<&Case>> = Mutex::new(CASES.iter().filter(|c| filter.as_ref().is_none_or(|f| c.file.contains(f.as_str()))).rev().collect());
  let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
  std::thread::scope(|s| {
    for _ in 0..PARALLEL {
      s.spawn(|| loop {
        let Some(c) = queue.lock().unwrap().pop() else { return };
        let start = Instant::now();
        let result = run_case(c, snaps.path());
        eprintln!("{} {} ({:.1}s)", if result.is_ok() { "ok  " } else { "FAIL" }, c.file, start.elapsed().as_secs_f64());
        if let Err(e) = result {
          failures.lock().unwrap().push(format!("=== case {}\n{e}", c.file));
        }
      });
    }
  });
  let failures = failures.into_inner().unwrap();
  assert!(failures.is_empty(), "{} of the cli cases differ from node:\n{}", failures.len(), failures.join("\n"));
}

/// Every case script (but the `_` helpers) is in CASES or listed in the README as not run; every snapshot
/// entry belongs to a case that runs from it.
#[test]
fn every_case_is_listed() {
  let readme = std::fs::read_to_string(dir().join("README.md")).unwrap();
  for e in std::fs::read_dir(dir().join("cases")).unwrap() {
    let name = e.unwrap().file_name().to_string_lossy().into_owned();
    if name.starts_with('.') || name.starts_with('_') {
      continue;
    }
    assert!(CASES.iter().any(|c| c.file == name) || readme.contains(&format!("cases/{name}")), "cases/{name} is neither run nor listed in README.md");
  }
  for e in std::fs::read_dir(dir().join("snapshot")).unwrap() {
    let name = e.unwrap().file_name().to_string_lossy().into_owned();
    assert!(CASES.iter().any(|c| c.snapshot && c.file == name), "snapshot/{name} has no case that runs from it");
  }
}
