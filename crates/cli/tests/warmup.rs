//! `snapshot build --warmup`: the main function runs at build time in a throwaway
//! context (docs/warmup.md). These tests check the two promises: none of the warm-up's
//! effects reach the snapshot, and what it compiled is not compiled again after
//! restore. Entries live in `tests/snapshot/warmup/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::*;

fn dir() -> PathBuf {
  repo_root().join("tests/snapshot/warmup")
}

fn amber_cmd(cwd: &Path) -> Command {
  let mut c = Command::new(amber());
  c.current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
  c
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// `amber [flags] snapshot build <entry> -o <out> [--warmup w]...` in `cwd`, which must succeed.
fn build(cwd: &Path, flags: &[&str], entry: &str, out: &Path, warmups: &[&str]) -> Output {
  let mut c = amber_cmd(cwd);
  c.args(flags).args(["snapshot", "build", entry, "-o"]).arg(out);
  for w in warmups {
    c.args(["--warmup", w]);
  }
  let o = c.output().unwrap();
  assert!(o.status.success(), "build of {entry} {warmups:?} failed: {}{}", text(&o.stdout), text(&o.stderr));
  o
}

fn restore(cwd: &Path, flags: &[&str], snap: &Path, args: &[&str]) -> Output {
  let o = amber_cmd(cwd).args(flags).arg(snap).args(args).output().unwrap();
  assert!(o.status.success(), "restore of {} failed: {}", snap.display(), text(&o.stderr));
  o
}

#[test]
fn warm_up_effects_do_not_reach_the_snapshot() {
  let tmp = tempfile::tempdir().unwrap();
  let cold = tmp.path().join("cold.snap");
  let warm = tmp.path().join("warm.snap");
  let via_config = tmp.path().join("config.snap");
  build(&dir(), &[], "effects.js", &cold, &[]);
  let b = build(&dir(), &[], "effects.js", &warm, &["warm-up run", "second 'warm up'"]);
  // The warm-ups really ran, each in its own fresh context (first run, untouched globals),
  // with argv split like a shell and as `amber warm.snap ARGS` would give it; a
  // warm-up's timers run, its 'exit' listeners do not.
  let out = text(&b.stdout);
  assert!(out.contains("main run 1 [[\"warm-up\",\"run\"]] first: true globals: 1 late calls: 1\n"), "{out}");
  assert!(out.contains("main run 1 [[\"second\",\"warm up\"]] first: true globals: 1 late calls: 1\n"), "{out}");
  assert!(out.contains("timer of warm-up run\n") && out.contains("interval of the warm-up\n"), "{out}");
  assert!(!out.contains("exit of"), "{out}");
  assert!(text(&b.stderr).contains(", warmed up by 2 runs) in "), "{}", text(&b.stderr));
  // The Node-style config file takes the same warm-ups.
  let c = amber_cmd(&dir()).arg("--build-snapshot-config").arg("config.json").arg("--snapshot-blob").arg(&via_config).output().unwrap();
  assert!(c.status.success(), "{}", text(&c.stderr));
  assert!(text(&c.stdout).contains("main run 1 [[\"second\",\"warm up\"]]"), "{}", text(&c.stdout));

  let want = "main run 1 [[\"a\",\"b\"]] first: true globals: 1 late calls: 1\ntimer of a b\nexit of a b\n";
  for snap in [&cold, &warm, &via_config] {
    let o = restore(tmp.path(), &[], snap, &["a", "b"]);
    assert_eq!(text(&o.stdout), want, "{}", snap.display());
    assert_eq!(text(&o.stderr), "", "{}", snap.display());
  }
  // A deterministic warm-up gives byte-identical files, like a cold build. (effects.js
  // is not one: how often its interval fires during the warm-up varies, and so do some
  // bytes of the file; docs/warmup.md.)
  let (r1, r2) = (tmp.path().join("r1.snap"), tmp.path().join("r2.snap"));
  build(&dir(), &[], "compiled.js", &r1, &["warm"]);
  build(&dir(), &[], "compiled.js", &r2, &["warm"]);
  assert!(std::fs::read(&r1).unwrap() == std::fs::read(&r2).unwrap(), "two warm builds differ");
  // `snapshot inspect` names the warm-ups.
  let i = amber_cmd(tmp.path()).args(["snapshot", "inspect"]).arg(&warm).output().unwrap();
  assert!(text(&i.stdout).contains("warm-up:              2 runs: [\"warm-up\", \"run\"] [\"second\", \"warm up\"]\n"), "{}", text(&i.stdout));
}

/// The functions V8 compiled lazily in a run started from `snap`, from V8's own log
/// (`--log-function-events`: an `interpreter` event is a function compiled to bytecode).
fn lazily_compiled(snap: &Path, flags: &[&str], args: &[&str]) -> Vec<String> {
  let cwd = tempfile::tempdir().unwrap();
  let o = restore(cwd.path(), flags, snap, args);
  assert_eq!(text(&o.stdout), "11 6\n");
  let log = std::fs::read_to_string(cwd.path().join("v8.log")).expect("V8 wrote no log");
  log.lines().filter(|l| l.starts_with("function,interpreter,")).filter_map(|l| l.rsplit(',').next()).map(str::to_string).collect()
}

#[test]
fn functions_the_warm_up_compiled_are_not_compiled_again_after_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let cold = tmp.path().join("cold.snap");
  let warm = tmp.path().join("warm.snap");
  // Build and restore must use the same V8 flags; the log goes to v8.log in each cwd
  // (builds write theirs into tests/snapshot/warmup, so they go to a copy of it).
  let flags = ["--v8-flags=--log-function-events,--no-logfile-per-isolate"];
  let src = tmp.path().join("src");
  std::fs::create_dir(&src).unwrap();
  std::fs::copy(dir().join("compiled.js"), src.join("compiled.js")).unwrap();
  let entry = src.join("compiled.js");
  let entry = entry.to_str().unwrap();
  build(&src, &flags, entry, &cold, &[]);
  build(&src, &flags, entry, &warm, &["warm"]);
  let from_cold = lazily_compiled(&cold, &flags, &[]);
  let from_warm = lazily_compiled(&warm, &flags, &[]);
  for f in ["reachedByWarmup", "helper", "afterRestoreOnly"] {
    assert!(from_cold.iter().any(|n| n == f), "cold snapshot: {f} should compile at restore: {from_cold:?}");
  }
  for f in ["reachedByWarmup", "helper"] {
    assert!(!from_warm.iter().any(|n| n == f), "warm snapshot: {f} compiled again at restore: {from_warm:?}");
  }
  // What the warm-up did not reach is still compiled lazily.
  assert!(from_warm.iter().any(|n| n == "afterRestoreOnly"), "{from_warm:?}");
}

#[test]
fn bad_warm_ups_fail_the_build_in_one_line_and_write_nothing() {
  let tmp = tempfile::tempdir().unwrap();
  std::fs::write(tmp.path().join("nomain.js"), "console.log('no main function');\n").unwrap();
  let entry_throws = dir().join("throws.js");
  let entry_workers = dir().join("workers.js");
  let cases: [(&Path, &str, i32, &str); 5] = [
    (&entry_throws, "throw", 1, "cannot build the snapshot: the warm-up 'throw' threw RangeError: warm-up refused throw (at check ("),
    // A worker isolate cannot share the warm-up's process with a snapshot creator: a
    // clear error, not V8's abort.
    (&entry_workers, "worker", 1, "cannot build the snapshot: the warm-up 'worker' threw Error: Creating workers is not supported in a snapshot warm-up (--warmup 'worker')"),
    (&entry_throws, "reject", 1, "cannot build the snapshot: the warm-up 'reject' threw TypeError: later (at "),
    (&tmp.path().join("nomain.js"), "x", 1, "--warmup runs the main function, but"),
    (&entry_throws, "'unbalanced", 9, "--warmup \"'unbalanced\": unbalanced quotes"),
  ];
  for (entry, warmup, code, needle) in cases {
    let snap = tmp.path().join("out.snap");
    let _ = std::fs::remove_file(&snap);
    for previous in [None, Some(&b"previous snapshot"[..])] {
      if let Some(p) = previous {
        std::fs::write(&snap, p).unwrap();
      }
      let o = amber_cmd(tmp.path()).args(["snapshot", "build"]).arg(entry).arg("-o").arg(&snap).args(["--warmup", warmup]).output().unwrap();
      let err = text(&o.stderr);
      assert_eq!(o.status.code(), Some(code), "{warmup}: {err}");
      assert_eq!(err.lines().count(), 1, "{warmup}: not one line: {err}");
      // Option errors name the program as it was run (argv[0], as Node's do).
      let prefixed = err.starts_with("amber: ") || err.starts_with(&format!("{}: ", amber().display()));
      assert!(prefixed && err.contains(needle), "{warmup}: {err}");
      match previous {
        None => assert!(!snap.exists(), "{warmup}: a failed build wrote a file"),
        Some(p) => assert_eq!(std::fs::read(&snap).unwrap(), p, "{warmup}: a failed build changed the old file"),
      }
    }
  }
  let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains(".amber-tmp-")).collect();
  assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// An exit code is a warm-up's result, not a failure (tsc exits 2 when it reports type
/// errors): the build succeeds, and the restored process runs as without warm-up.
#[test]
fn warm_ups_that_exit_non_zero_still_build() {
  let tmp = tempfile::tempdir().unwrap();
  for warmup in ["exit", "exitCode"] {
    let snap = tmp.path().join(format!("{warmup}.snap"));
    let b = build(&dir(), &[], "throws.js", &snap, &[warmup]);
    assert!(b.status.success(), "{warmup}: {}", text(&b.stderr));
    let o = restore(tmp.path(), &[], &snap, &["plain"]);
    assert_eq!(text(&o.stdout), "ok [ 'plain' ]\n", "{warmup}: {}", text(&o.stderr));
    assert!(o.status.success());
    let o = amber_cmd(tmp.path()).arg(&snap).arg(warmup).output().unwrap();
    assert_eq!(o.status.code(), Some(if warmup == "exit" { 3 } else { 4 }), "{warmup}: {}", text(&o.stderr));
  }
}

/// Fails today: V8 shares the HeapNumber boxes of double fields between the warm-up's
/// context and the saved one and writes them in place (docs/warmup.md, "Limits"). Kept
/// as the regression test for the fix.
#[test]
#[ignore = "known limit: a warm-up's in-place writes to double fields reach the snapshot"]
fn warm_up_writes_to_double_fields_do_not_reach_the_snapshot() {
  let tmp = tempfile::tempdir().unwrap();
  let warm = tmp.path().join("warm.snap");
  build(&dir(), &[], "doubles.js", &warm, &["x"]);
  let o = restore(tmp.path(), &[], &warm, &[]);
  assert_eq!(text(&o.stdout), "0.75 1099511627777\n");
}

/// A snapshot of an application that loaded worker_threads holds a second context for
/// its workers; the warm-up writes the snapshot again and must keep that context (and
/// prepare it like the main one, or V8 aborts on a duplicate `Error.stackTraceLimit`).
#[test]
fn a_warmed_up_snapshot_still_starts_workers() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("workers.snap");
  let b = build(&dir(), &[], "workers.js", &snap, &["warm"]);
  assert!(text(&b.stdout).contains("main warm 45\n"), "{}", text(&b.stdout));
  let o = restore(tmp.path(), &[], &snap, &["worker"]);
  assert_eq!(text(&o.stdout), "main worker 45\nfrom the worker, isMainThread: false\nworker exit 0\n", "{}", text(&o.stderr));
}
