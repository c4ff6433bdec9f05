//! Prebuilt worker contexts (`amber snapshot build app.js --worker worker.js`,
//! docs/workers-in-snapshots.md), end to end. The application and its worker scripts are
//! in `tests/snapshot/worker_contexts/`; each worker script's top level appends a line to
//! `trace.log` beside it whenever it runs, which is how these tests tell a worker that
//! started from its prebuilt context (no line) from one that ran the script (a line).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::*;

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// A copy of the fixture application in a temp dir.
fn app() -> (tempfile::TempDir, PathBuf) {
  let tmp = tempfile::tempdir().unwrap();
  let dir = tmp.path().join("app");
  std::fs::create_dir_all(&dir).unwrap();
  for e in std::fs::read_dir(repo_root().join("tests/snapshot/worker_contexts")).unwrap() {
    let e = e.unwrap();
    std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
  }
  (tmp, dir)
}

fn amber_in(dir: &Path, args: &[&str]) -> Output {
  Command::new(amber()).current_dir(dir).args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap()
}

/// Builds `app.snap` with the given extra arguments; panics with amber's output on failure.
fn build(dir: &Path, extra: &[&str]) {
  let mut args = vec!["snapshot", "build", "app.js", "-o", "app.snap"];
  args.extend_from_slice(extra);
  let o = amber_in(dir, &args);
  assert!(o.status.success(), "build failed: {}{}", text(&o.stdout), text(&o.stderr));
}

/// Takes (reads and removes) the trace the worker scripts' top levels left.
fn take_trace(dir: &Path) -> String {
  let p = dir.join("trace.log");
  let t = std::fs::read_to_string(&p).unwrap_or_default();
  let _ = std::fs::remove_file(&p);
  t
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
  let o = amber_in(dir, args);
  assert!(o.status.success(), "amber {args:?} failed: {}{}", text(&o.stdout), text(&o.stderr));
  assert_eq!(text(&o.stderr), "", "stderr of amber {args:?}");
  text(&o.stdout)
}

/// What a counter_worker.js worker answers; one started from the prebuilt context also
/// reports the workerData its deserialize callback saw (its own).
fn counter_reply(i: usize, built: bool) -> String {
  let restored = if built { format!(",\"restoredWith\":{{\"i\":{i}}}") } else { String::new() };
  format!(
    "{{\"code\":0,\"got\":[\"ready\",{{\"msg\":\"ping {i}\",\"workerData\":{{\"i\":{i}}},\"isMainThread\":false,\"handled\":1,\"helper\":\"helper loaded\",\"builtAt\":{built}{restored}}}]}}\n"
  )
}

#[test]
fn a_prebuilt_worker_script_runs_its_top_level_at_build_and_never_at_restore() {
  let (_tmp, dir) = app();
  build(&dir, &["--worker", "counter_worker.js"]);
  assert_eq!(take_trace(&dir), "counter top level ran (building)\n", "the top level runs once, at build time");
  // Three workers of the script: each answers with its own workerData and its own
  // counter, says 'ready' from the top level that ran at build time, and the parent
  // receives it after the start; nothing runs the top level again.
  let out = run_ok(&dir, &["app.snap", "counter", "3"]);
  let want = format!("{}{}{}trace:\n", counter_reply(0, true), counter_reply(1, true), counter_reply(2, true));
  assert_eq!(out, want);
  assert_eq!(take_trace(&dir), "");
  // A second process from the same file: the same.
  assert_eq!(run_ok(&dir, &["app.snap", "counter", "2"]), format!("{}{}trace:\n", counter_reply(0, true), counter_reply(1, true)));
}

#[test]
fn without_a_prebuilt_context_each_worker_runs_the_script() {
  let (_tmp, dir) = app();
  // From source: the top level runs in every worker.
  let out = run_ok(&dir, &["app.js", "counter", "2"]);
  assert_eq!(out, format!("{}{}trace:\ncounter top level ran\ncounter top level ran\n", counter_reply(0, false), counter_reply(1, false)));
  take_trace(&dir);
  // A snapshot without --worker has the library-only worker context (the app loads
  // worker_threads): the same answers, the top level runs in each worker after restore.
  build(&dir, &[]);
  assert_eq!(take_trace(&dir), "");
  let out = run_ok(&dir, &["app.snap", "counter", "2"]);
  assert_eq!(out, format!("{}{}trace:\ncounter top level ran\ncounter top level ran\n", counter_reply(0, false), counter_reply(1, false)));
}

#[test]
fn two_worker_scripts_start_from_their_own_contexts() {
  let (_tmp, dir) = app();
  build(&dir, &["--worker", "counter_worker.js", "--worker=other_worker.js"]);
  assert_eq!(take_trace(&dir), "counter top level ran (building)\nother top level ran\n");
  let out = run_ok(&dir, &["app.snap", "two"]);
  assert_eq!(
    out,
    "{\"code\":0,\"got\":[\"ready\",{\"msg\":\"ping\",\"workerData\":\"c\",\"isMainThread\":false,\"handled\":1,\"helper\":\"helper loaded\",\"builtAt\":true,\"restoredWith\":\"c\"}]}\n\
     {\"code\":0,\"got\":[\"ready\",{\"doubled\":42}]}\n\
     trace:\n"
  );
  // Other workers (an eval worker here) start from the library-only worker context.
  let out = run_ok(&dir, &["app.snap", "eval"]);
  assert!(out.ends_with("{\"code\":0,\"got\":[\"from eval\"]}\ntrace:\n"), "{out}");
  // inspect lists them.
  let o = amber_in(&dir, &["snapshot", "inspect", "app.snap"]);
  let listing = text(&o.stdout);
  assert!(listing.contains("worker contexts:      library only + 2 prebuilt\n"), "{listing}");
  assert!(listing.contains(&format!("  {}/counter_worker.js (context ", dir.display())), "{listing}");
  assert!(listing.contains(&format!("  {}/other_worker.js (context ", dir.display())), "{listing}");
  let o = amber_in(&dir, &["snapshot", "inspect", "app.snap", "--json"]);
  let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
  assert_eq!(j["worker_context"], true);
  let paths: Vec<&str> = j["worker_scripts"].as_array().unwrap().iter().map(|w| w["path"].as_str().unwrap()).collect();
  assert_eq!(paths, [format!("{}/counter_worker.js", dir.display()), format!("{}/other_worker.js", dir.display())]);
}

#[test]
fn a_script_that_read_worker_data_at_top_level_runs_again_when_given_worker_data() {
  let (_tmp, dir) = app();
  build(&dir, &["--worker", "reads_data_worker.js"]);
  assert_eq!(take_trace(&dir), "reads-data top level ran with undefined\n");
  // The worker without workerData starts from the prebuilt context (its top level saw
  // undefined, as it would now); the one given workerData runs the script from the
  // library-only context, so that its top level sees it.
  let out = run_ok(&dir, &["app.snap", "reads-data"]);
  assert_eq!(
    out,
    "{\"code\":0,\"got\":[\"ready\",{\"topLevelSaw\":null}]}\n{\"code\":0,\"got\":[\"ready\",{\"topLevelSaw\":\"given\"}]}\ntrace:\nreads-data top level ran with \"given\"\n"
  );
  let o = amber_in(&dir, &["snapshot", "inspect", "app.snap", "--json"]);
  let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
  assert_eq!(j["worker_scripts"][0]["reads"], serde_json::json!(["workerData"]));
}

#[test]
fn an_es_module_worker_script_is_prebuilt_with_its_imports() {
  let (_tmp, dir) = app();
  let reply = |msg: &str, data: &str| format!("{{\"code\":0,\"got\":[\"ready\",{{\"msg\":\"{msg}\",\"dep\":\"esm dep\",\"helper\":\"helper loaded\",\"workerData\":{data},\"ownThreadId\":true,\"sameModule\":true}}]}}\n");
  let want = format!("{}{}{}", reply("a", "null"), reply("b", "null"), reply("c", "\"given\""));
  // From source, for reference: the top level runs in each worker.
  assert_eq!(run_ok(&dir, &["app.js", "esm"]), format!("{want}trace:\nesm top level ran\nesm top level ran\nesm top level ran\n"));
  take_trace(&dir);
  build(&dir, &["--worker", "esm_worker.mjs"]);
  assert_eq!(take_trace(&dir), "esm top level ran\n");
  // Importing node:worker_threads counts as reading workerData: the worker given some
  // runs the script; the other two start from the prebuilt context, with their own
  // threadId bindings.
  assert_eq!(run_ok(&dir, &["app.snap", "esm"]), format!("{want}trace:\nesm top level ran\n"));
}

#[test]
fn build_snapshot_config_names_worker_scripts() {
  let (_tmp, dir) = app();
  std::fs::write(dir.join("config.json"), r#"{ "builder": "app.js", "workers": ["counter_worker.js"] }"#).unwrap();
  let o = amber_in(&dir, &["--snapshot-blob", "app.snap", "--build-snapshot-config", "config.json"]);
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert_eq!(take_trace(&dir), "counter top level ran (building)\n");
  assert_eq!(run_ok(&dir, &["app.snap", "counter", "1"]), format!("{}trace:\n", counter_reply(0, true)));
  std::fs::write(dir.join("bad.json"), r#"{ "builder": "app.js", "workers": "counter_worker.js" }"#).unwrap();
  let o = amber_in(&dir, &["--snapshot-blob", "app.snap", "--build-snapshot-config", "bad.json"]);
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("\"workers\" field of bad.json is not a list of file names"), "{}", text(&o.stderr));
}

#[test]
fn a_prebuilt_context_survives_a_warm_up() {
  let (_tmp, dir) = app();
  build(&dir, &["--worker", "counter_worker.js", "--warmup", "none"]);
  // The warm-up runs the main function (scenario 'none' starts no worker).
  assert_eq!(take_trace(&dir), "counter top level ran (building)\n");
  assert_eq!(run_ok(&dir, &["app.snap", "counter", "1"]), format!("{}trace:\n", counter_reply(0, true)));
}

/// Builds with `--worker <file>` (after writing it with `source`) and returns amber's
/// stderr, asserting a one-line error, exit code 1 and no snapshot file.
fn refused(file: &str, source: &str) -> String {
  let (_tmp, dir) = app();
  std::fs::write(dir.join(file), source).unwrap();
  let o = amber_in(&dir, &["snapshot", "build", "app.js", "--worker", file, "-o", "app.snap"]);
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(err.lines().filter(|l| l.starts_with("amber: ")).count(), 1, "{err}");
  assert!(err.ends_with('\n') && err.trim_end().lines().last().unwrap().starts_with("amber: "), "{err}");
  assert!(!dir.join("app.snap").exists());
  err
}

#[test]
fn a_missing_worker_script_is_a_one_line_error() {
  let (_tmp, dir) = app();
  let o = amber_in(&dir, &["snapshot", "build", "app.js", "--worker", "missing.js", "-o", "app.snap"]);
  assert_eq!(o.status.code(), Some(1));
  assert_eq!(text(&o.stderr), format!("amber: cannot build snapshot: worker script '{}/missing.js' not found\n", dir.display()));
  assert!(!dir.join("app.snap").exists());
}

#[test]
fn a_worker_script_that_throws_at_build_is_a_one_line_error() {
  let err = refused("throws.js", "require('./helper');\nthrow new TypeError('no config at build time');\n");
  assert!(err.contains("cannot build the snapshot: worker script ") && err.contains("throws.js cannot be prebuilt: it threw TypeError: no config at build time (at "), "{err}");
}

#[test]
fn what_a_worker_script_cannot_carry_is_refused_by_name() {
  let err = refused("server.js", "require('net').createServer().listen(0, '127.0.0.1');\n");
  assert!(err.contains("live resource cannot be carried") && err.contains("listening server 127.0.0.1:") && err.contains("(in worker script "), "{err}");
  let err = refused("tid.js", "const { parentPort, threadId } = require('worker_threads');\n");
  assert!(err.contains("reads threadId at its top level"), "{err}");
  let err = refused("tla.mjs", "await new Promise(() => {});\n");
  assert!(err.contains("the top-level await of worker script ") && err.contains("tla.mjs never finished"), "{err}");
}

#[test]
fn one_file_that_is_both_the_application_and_its_worker() {
  let (_tmp, dir) = app();
  let o = amber_in(&dir, &["snapshot", "build", "self_worker.js", "--worker", "self_worker.js", "-o", "self.snap"]);
  assert!(o.status.success(), "{}", text(&o.stderr));
  // The worker branch's top level ran at build time, with its output there.
  assert_eq!(text(&o.stdout), "worker top level\n");
  // After restore only the handler runs; its output reaches the parent's stdout (through
  // another port than the reply: the two lines are compared in sorted order).
  let out = run_ok(&dir, &["self.snap"]);
  let mut lines: Vec<&str> = out.lines().collect();
  lines.sort();
  assert_eq!(lines, ["parent got hi!", "worker handler says hi"]);
}
