//! The harness every popular-package group shares (`packages_<group>.rs`, one per
//! `tests/packages/<group>/`): each `cases/<name>.js` (or `.mjs`) runs with `node` and
//! with `amber` in the group's directory, and amber must exit 0 with node's stdout and
//! stderr (process ids and the directory masked by `common::normalize`). A case with a
//! snapshot entry `snapshot/<name>.js` (which loads the package while `amber snapshot
//! build` runs; its main function runs the case) also runs from that snapshot and must
//! again give node's output. Scripts whose names start with `_` are helpers, not cases;
//! the group's `not_run` cases are skipped and must be named in its README with the
//! reason. `AMBER_PACKAGES_CASE=name` runs only the cases whose names contain it.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{amber, normalize, repo_root};

/// How long one run of one case may take (debug build, loaded 2-core machine).
const CASE_LIMIT: Duration = Duration::from_secs(60);
/// Cases run at most this many at a time (each may spawn children of its own).
const PARALLEL: usize = 2;

pub struct Group {
  /// The directory under `tests/packages/`.
  pub name: &'static str,
  /// A package whose `node_modules/<it>` shows that `tests/install.sh` ran.
  pub installed: &'static str,
  /// Case files (`cases/<file>`) that are not run; the README says why.
  pub not_run: &'static [&'static str],
  /// `NO_COLOR=1` for both runtimes (else NO_COLOR is removed from the environment).
  pub no_color: bool,
}

struct Case {
  name: String,
  file: String,
  snapshot: bool,
}

impl Group {
  fn dir(&self) -> PathBuf {
    repo_root().join("tests/packages").join(self.name)
  }

  fn file_names(&self, sub: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(self.dir().join(sub))
      .unwrap_or_else(|e| panic!("tests/packages/{}/{sub}: {e}", self.name))
      .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
      .filter(|n| !n.starts_with('.') && !n.starts_with('_'))
      .collect();
    names.sort();
    names
  }

  /// Every case to run, sorted, with whether it has a snapshot entry.
  fn cases(&self) -> Vec<Case> {
    let snapshots = self.file_names("snapshot");
    self
      .file_names("cases")
      .into_iter()
      .filter(|f| !self.not_run.contains(&f.as_str()))
      .filter_map(|file| {
        let name = file.strip_suffix(".mjs").or_else(|| file.strip_suffix(".js"))?.to_string();
        let snapshot = snapshots.contains(&format!("{name}.js"));
        Some(Case { name, file, snapshot })
      })
      .collect()
  }

  /// The environment both runtimes get: the same, and free of what changes a package's
  /// output (colours, DEBUG namespaces, the local time zone), with stdin closed and the
  /// child in its own process group so a timeout kills whatever it spawned.
  fn command(&self, program: &Path, args: &[&std::ffi::OsStr]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(self.dir()).env("TZ", "UTC").env("LANG", "C.UTF-8");
    for var in ["FORCE_COLOR", "NO_COLOR", "NODE_DISABLE_COLORS", "DEBUG", "NODE_OPTIONS", "NODE_ENV"] {
      cmd.env_remove(var);
    }
    if self.no_color {
      cmd.env("NO_COLOR", "1");
    }
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    cmd
  }

  /// Compares one amber run with node's; `Err` says how they differ.
  fn compare(&self, label: &str, node: &Output, got: Result<Output, String>) -> Result<(), String> {
    let got = got.map_err(|e| format!("{label}: {e}"))?;
    let dir = self.dir();
    let mut problems = Vec::new();
    if !got.status.success() {
      problems.push(format!("exit status {:?} (node: {:?})", got.status, node.status.code()));
    }
    let (want_out, got_out) = (normalize(&text(&node.stdout), &dir), normalize(&text(&got.stdout), &dir));
    if want_out != got_out {
      problems.push(format!("stdout differs from node's:\n{}", diff(&want_out, &got_out)));
    }
    let (want_err, got_err) = (normalize(&text(&node.stderr), &dir), normalize(&text(&got.stderr), &dir));
    if want_err != got_err {
      problems.push(format!("stderr differs from node's:\n{}", diff(&want_err, &got_err)));
    }
    if problems.is_empty() {
      Ok(())
    } else {
      Err(format!("{label}: {}", problems.join("\n")))
    }
  }

  /// node, then amber from source, then (for a case with a snapshot entry) amber from a
  /// snapshot built from that entry.
  fn run_case(&self, c: &Case, snaps: &Path) -> Result<(), String> {
    let script = format!("cases/{}", c.file);
    let node = output_within(self.command(Path::new("node"), &[script.as_ref()]))?;
    if !node.status.success() {
      return Err(format!("node itself fails ({:?}):\n{}", node.status, text(&node.stderr)));
    }
    self.compare("amber", &node, output_within(self.command(&amber(), &[script.as_ref()])))?;
    if c.snapshot {
      let snap = snaps.join(format!("{}.snap", c.name));
      let entry = format!("snapshot/{}.js", c.name);
      let build = output_within(self.command(&amber(), &["snapshot".as_ref(), "build".as_ref(), entry.as_ref(), "-o".as_ref(), snap.as_os_str()]))?;
      if !build.status.success() {
        return Err(format!("amber snapshot build {entry} failed ({:?}):\n{}", build.status, text(&build.stderr)));
      }
      self.compare("amber from a snapshot", &node, output_within(self.command(&amber(), &[snap.as_os_str()])))?;
    }
    Ok(())
  }

  /// Runs every case (two at a time) and fails with every difference from node.
  pub fn check_all(&self) {
    assert!(
      self.dir().join("node_modules").join(self.installed).exists(),
      "tests/packages/{}/node_modules is missing: run tests/install.sh (npm ci of every tests/packages/* project)",
      self.name
    );
    let filter = std::env::var("AMBER_PACKAGES_CASE").ok();
    let cases: Vec<Case> = self.cases().into_iter().filter(|c| filter.as_ref().is_none_or(|f| c.name.contains(f.as_str()))).collect();
    assert!(!cases.is_empty(), "no case matches AMBER_PACKAGES_CASE");
    let snaps = tempfile::tempdir().unwrap();
    let next = Mutex::new(0usize);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
      for _ in 0..PARALLEL {
        s.spawn(|| loop {
          let i = {
            let mut n = next.lock().unwrap();
            *n += 1;
            *n - 1
          };
          let Some(c) = cases.get(i) else { break };
          let start = Instant::now();
          let result = self.run_case(c, snaps.path());
          eprintln!("{} {}{} ({:.1}s)", if result.is_ok() { "ok  " } else { "FAIL" }, c.file, if c.snapshot { " +snapshot" } else { "" }, start.elapsed().as_secs_f64());
          if let Err(e) = result {
            failures.lock().unwrap().push(format!("=== case {}\n{e}", c.file));
          }
        });
      }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let from_snapshot = cases.iter().filter(|c| c.snapshot).count();
    println!("{} of {} {} cases give node's output ({from_snapshot} also from a snapshot)", cases.len() - failures.len(), cases.len(), self.name);
    assert!(failures.is_empty(), "{} of {} {} cases differ from node:\n{}", failures.len(), cases.len(), self.name, failures.join("\n\n"));
  }

  /// Every case that is not run is named in the README; every snapshot entry belongs to a
  /// case that is run.
  pub fn check_listing(&self) {
    let readme = std::fs::read_to_string(self.dir().join("README.md")).unwrap();
    let cases = self.file_names("cases");
    for f in self.not_run {
      assert!(cases.iter().any(|c| c == f), "not_run names cases/{f}, which does not exist");
      assert!(readme.contains(&format!("cases/{f}")), "cases/{f} is not run but README.md does not say why");
    }
    let run = self.cases();
    for entry in self.file_names("snapshot") {
      let name = entry.strip_suffix(".js").unwrap_or_else(|| panic!("snapshot/{entry}: snapshot entries are .js files"));
      assert!(run.iter().any(|c| c.name == name), "snapshot/{entry} has no case cases/{name}.js or .mjs that is run");
    }
  }
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Runs `cmd` and kills its process group after `CASE_LIMIT`.
fn output_within(mut cmd: Command) -> Result<Output, String> {
  let child = cmd.spawn().map_err(|e| format!("spawn {cmd:?}: {e}"))?;
  let pid = child.id() as i32;
  let done = Arc::new(AtomicBool::new(false));
  let timed_out = Arc::new(AtomicBool::new(false));
  let watchdog = {
    let (done, timed_out) = (done.clone(), timed_out.clone());
    std::thread::spawn(move || {
      let start = Instant::now();
      while !done.load(Ordering::SeqCst) {
        if start.elapsed() > CASE_LIMIT {
          timed_out.store(true, Ordering::SeqCst);
          unsafe { libc::kill(-pid, libc::SIGKILL) };
          return;
        }
        std::thread::sleep(Duration::from_millis(50));
      }
    })
  };
  let out = child.wait_with_output().map_err(|e| e.to_string());
  done.store(true, Ordering::SeqCst);
  watchdog.join().unwrap();
  let out = out?;
  if timed_out.load(Ordering::SeqCst) {
    return Err(format!("{cmd:?} still running after {CASE_LIMIT:?}: killed\nstdout:\n{}\nstderr:\n{}", text(&out.stdout), text(&out.stderr)));
  }
  Ok(out)
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
