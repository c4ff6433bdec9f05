//! Startup snapshots end to end: each test builds a snapshot in one process and checks
//! it in another, as a user would. Entries live in `tests/snapshot/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::*;

fn snap_dir() -> PathBuf {
  repo_root().join("tests/snapshot")
}

fn amber_cmd(cwd: &Path) -> Command {
  let mut c = Command::new(amber());
  c.current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
  c
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Builds `entry` into `out`; panics with amber's stderr when the build fails.
fn build(entry: &Path, out: &Path) -> Output {
  let o = amber_cmd(entry.parent().unwrap()).args(["snapshot", "build"]).arg(entry).arg("-o").arg(out).output().unwrap();
  assert!(o.status.success(), "build of {} failed: {}{}", entry.display(), text(&o.stdout), text(&o.stderr));
  o
}

fn restore(snap: &Path, args: &[&str]) -> Output {
  amber_cmd(snap.parent().unwrap()).arg(snap).args(args).output().unwrap()
}

/// Copies the app directory `name` of `tests/snapshot` into a temp dir.
fn copy_app(name: &str, files: &[&str]) -> (tempfile::TempDir, PathBuf) {
  let tmp = tempfile::tempdir().unwrap();
  let app = tmp.path().join("app");
  std::fs::create_dir_all(app.join("lib")).unwrap();
  for f in files {
    std::fs::copy(snap_dir().join(name).join(f), app.join(f)).unwrap();
  }
  (tmp, app)
}

fn build_and_check(name: &str) {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join(format!("{name}.snap"));
  build(&snap_dir().join(format!("{name}.js")), &snap);
  let o = restore(&snap, &[]);
  let want = std::fs::read_to_string(snap_dir().join(format!("{name}.expected"))).unwrap();
  assert_eq!(text(&o.stderr), "", "stderr of restored {name}");
  assert_eq!(text(&o.stdout), want, "stdout of restored {name}");
  assert!(o.status.success());
}

#[test]
fn heap_values_survive() {
  build_and_check("heap");
}

#[test]
fn gc_profiler_started_at_build_is_carried() {
  build_and_check("gc_profiler");
}

#[test]
fn gc_observer_at_build_times_collections_after_restore() {
  build_and_check("gc_observer");
}

#[test]
fn web_streams_created_at_build_keep_their_state_after_restore() {
  build_and_check("webstreams");
}

#[test]
fn fetch_objects_created_at_build_keep_their_state_after_restore() {
  build_and_check("fetch_objects");
}

#[test]
fn fetch_at_build_time_leaves_no_pooled_socket_to_refuse() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("fetch_at_build.snap");
  build(&snap_dir().join("fetch_at_build.mjs"), &snap);
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stdout), "built with answer to /at-build\nrestored: answer to /after-restore\n", "{}", text(&o.stderr));
  assert!(o.status.success());
}

#[test]
fn a_commonjs_build_waits_for_the_responses_of_its_requests() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("requests_at_build.snap");
  build(&snap_dir().join("requests_at_build.js"), &snap);
  let o = restore(&snap, &[]);
  assert_eq!(
    text(&o.stdout),
    "fetch: answer to /by-fetch (in two pieces)\nhttp.get: 200 answer to /by-http-get (in two pieces)\nrefused: ECONNREFUSED\n",
    "{}",
    text(&o.stderr)
  );
  assert!(o.status.success());
}

#[test]
fn async_hooks_enabled_at_build_are_carried() {
  build_and_check("async_hooks");
}

#[test]
fn a_domain_made_at_build_catches_errors_after_restore() {
  build_and_check("domain");
}

#[test]
fn perf_hooks_loaded_at_build_has_the_restored_process_time_origin() {
  build_and_check("perf_hooks");
}

#[test]
fn intl_objects_created_at_build_work_after_restore() {
  build_and_check("intl");
}

#[test]
fn vm_contexts_created_at_build_are_usable_after_restore() {
  build_and_check("vm_context");
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("v.snap");
  build(&snap_dir().join("vm_context.js"), &snap);
  let info = amber_cmd(tmp.path()).args(["snapshot", "inspect"]).arg(&snap).output().unwrap();
  assert!(text(&info.stdout).contains("contexts:             2"), "{}", text(&info.stdout));
}

#[test]
fn signal_listeners_added_at_build_are_watched_after_restore() {
  build_and_check("signals");
}

#[test]
fn v8_call_sites_kept_in_the_heap_restore() {
  // Regression (issue 11 item 3): the exact reproduction crashed the restored process
  // with `Check failed: current == end_slot_index` (SIGTRAP).
  build_and_check("callsite");
}

#[test]
fn call_sites_from_npm_callsites_answer_after_restore() {
  // `callsites` (installed by tests/compat's npm ci) keeps V8 CallSites, as `depd` does;
  // the expected output is node's for the same code run without a snapshot, except that
  // a snapshot's builder entry runs as a plain function, as in Node's --build-snapshot
  // (no module wrapper: its top-level frames have no receiver and are top-level).
  assert!(repo_root().join("tests/compat/node_modules/callsites").is_dir(), "tests/compat/node_modules is missing: run `npm ci` in tests/compat (.ci/run does)");
  build_and_check("callsite_methods");
}

#[test]
fn finalization_registries_with_targets_that_died_at_build() {
  // A registered target collected during the build aborted V8's serializer.
  build_and_check("finalization");
}

#[test]
fn array_buffers_stay_shared() {
  build_and_check("buffers");
}

/// Workers, MessageChannels and BroadcastChannels are refused by name while building;
/// the restored process starts workers (from the snapshot's worker context).
#[test]
fn workers_are_refused_while_building_and_start_after_restore() {
  build_and_check("workers");
  let tmp = tempfile::tempdir().unwrap();
  let entry = tmp.path().join("uncaught.js");
  std::fs::write(&entry, "const { Worker } = require('worker_threads');\nnew Worker('1', { eval: true });\n").unwrap();
  let snap = tmp.path().join("w.snap");
  let o = amber_cmd(tmp.path()).args(["snapshot", "build"]).arg(&entry).arg("-o").arg(&snap).output().unwrap();
  assert!(!o.status.success());
  assert!(text(&o.stderr).contains("ERR_NOT_SUPPORTED_IN_SNAPSHOT"), "{}", text(&o.stderr));
  assert!(text(&o.stderr).contains("Creating workers is not supported in startup snapshot"), "{}", text(&o.stderr));
  assert!(!snap.exists());
  // Without worker_threads loaded at build time there is no worker context: a worker
  // is refused with a message saying why, not a crash.
  let entry = tmp.path().join("late.js");
  std::fs::write(&entry, "require('v8').startupSnapshot.setDeserializeMainFunction(() => { try { new (require('worker_threads').Worker)('1', { eval: true }); } catch (e) { console.log(e.message); } });\n").unwrap();
  build(&entry, &snap);
  let o = restore(&snap, &[]);
  assert!(text(&o.stdout).contains("built without a worker context"), "{}{}", text(&o.stdout), text(&o.stderr));
}

#[test]
fn timers_not_due_do_not_hold_the_build_and_fire_after_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("t.snap");
  let started = std::time::Instant::now();
  build(&snap_dir().join("timers.js"), &snap);
  assert!(started.elapsed().as_secs() < 10, "an interval must not keep the build open");
  build_and_check("timers");
}

#[test]
fn pooled_buffers_are_stored_once() {
  let tmp = tempfile::tempdir().unwrap();
  let entry = snap_dir().join("pool.js");
  let size_with = |count: &str| {
    let out = tmp.path().join(format!("pool{count}.snap"));
    let o = amber_cmd(tmp.path()).env("POOL_COUNT", count).args(["snapshot", "build"]).arg(&entry).arg("-o").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    (std::fs::metadata(&out).unwrap().len(), out)
  };
  let (base, _) = size_with("0");
  let (with, snap) = size_with("4096");
  let o = restore(&snap, &[]);
  let out = text(&o.stdout);
  let fields: Vec<&str> = out.split_whitespace().collect();
  assert_eq!(fields[0], "4096", "{out}");
  let pools: u64 = fields[1].parse().unwrap();
  assert!(pools <= 4, "4096 two-byte buffers should share a few pools, got {pools}");
  assert_eq!(fields[2], "b5");
  // Each view costs its object; the bytes are stored once per pool, not per Buffer
  // (4096 copies of an 8 KiB pool would be 32 MiB).
  let growth = with - base;
  assert!(growth < 1024 * 1024, "4096 pooled buffers grew the snapshot by {growth} bytes");
}

#[test]
fn modules_loaded_at_build_are_in_the_heap() {
  let (tmp, app) = copy_app("modapp", &["main.js", "lib/dep.js"]);
  let snap = tmp.path().join("m.snap");
  build(&app.join("main.js"), &snap);
  // The module is gone from the disk: requiring it must not touch the disk.
  std::fs::remove_file(app.join("lib/dep.js")).unwrap();
  // A module that did not exist at build time loads normally.
  std::fs::write(app.join("lib/later.js"), "module.exports = { value: 'loaded after restore' };").unwrap();
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stderr), "");
  assert_eq!(
    text(&o.stdout),
    "same object: true set at build dep at build\ncache has dep: true\nnew module: loaded after restore\n"
  );
  let info = amber_cmd(tmp.path()).args(["snapshot", "inspect", "--modules"]).arg(&snap).output().unwrap();
  let info = text(&info.stdout);
  // The entry itself is not a module of the snapshot, as in Node (it runs without
  // `module`/`exports`); what it required is.
  assert!(info.contains("modules in heap:      1"), "{info}");
  assert!(info.contains("lib/dep.js"), "{info}");
}

/// A process restored from a snapshot keeps code caches of the modules it loads after
/// restore, as a process started from source does (the default cache, in
/// $XDG_CACHE_HOME/amber/compile-cache); what the snapshot holds needs none. Off with
/// AMBER_COMPILE_CACHE=0, as everywhere.
#[test]
fn modules_loaded_after_restore_use_the_default_compile_cache() {
  let tmp = tempfile::tempdir().unwrap();
  std::fs::write(tmp.path().join("at_build.js"), "module.exports = (n) => n + 1;").unwrap();
  std::fs::write(tmp.path().join("later.js"), "module.exports = (n) => n * 2;").unwrap();
  let main = tmp.path().join("main.js");
  std::fs::write(
    &main,
    "const atBuild = require('./at_build');\n\
     require('v8').startupSnapshot.setDeserializeMainFunction(() => {\n\
       console.log(atBuild(1), require('./later')(21), require('module').getCompileCacheDir());\n\
     });\n",
  )
  .unwrap();
  let snap = tmp.path().join("app.snap");
  build(&main, &snap);
  let xdg = tmp.path().join("xdg");
  let run = |env: &[(&str, &str)]| {
    let mut c = amber_cmd(tmp.path());
    c.arg(&snap).env("XDG_CACHE_HOME", &xdg).env_remove("NODE_COMPILE_CACHE").env_remove("AMBER_COMPILE_CACHE");
    for (k, v) in env {
      c.env(k, v);
    }
    let o = c.output().unwrap();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
  };
  let entries = || -> Vec<(PathBuf, std::time::SystemTime)> {
    let Ok(dirs) = std::fs::read_dir(xdg.join("amber/compile-cache")) else { return Vec::new() };
    let mut v: Vec<_> = dirs
      .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
      .map(|e| e.unwrap().path())
      .map(|p| (p.clone(), std::fs::metadata(&p).unwrap().modified().unwrap()))
      .collect();
    v.sort();
    v
  };
  let want = (Some(0), "2 42 undefined\n".to_string(), String::new());
  assert_eq!(run(&[("AMBER_COMPILE_CACHE", "0")]), want);
  assert!(entries().is_empty(), "turned off, yet written: {:?}", entries());
  assert_eq!(run(&[]), want);
  let first = entries();
  // later.js only: at_build.js and the entry are in the snapshot, never compiled again.
  assert_eq!(first.len(), 1, "one entry, for the module loaded after restore: {first:?}");
  std::thread::sleep(std::time::Duration::from_millis(20));
  assert_eq!(run(&[]), want);
  assert_eq!(entries(), first, "the entry V8 accepted is used, not rewritten");
}

/// V8 rejects a code cache made in an isolate from another startup blob, so a module run
/// both from source and from a snapshot (or from two snapshots) has one compile-cache
/// entry per blob: alternating runs reuse their own entries instead of each rejecting and
/// rewriting the other's (webpack's 530 modules were recompiled and rewritten by every
/// run that followed one of the other kind).
#[test]
fn compile_cache_entries_are_kept_per_startup_blob() {
  let tmp = tempfile::tempdir().unwrap();
  std::fs::write(tmp.path().join("later.js"), "module.exports = (n) => n * 2;").unwrap();
  let main = tmp.path().join("main.js");
  std::fs::write(&main, "require('v8').startupSnapshot.setDeserializeMainFunction(() => console.log(require('./later')(21)));\n").unwrap();
  let plain = tmp.path().join("plain.js");
  std::fs::write(&plain, "console.log(require('./later')(21));\n").unwrap();
  let snap = tmp.path().join("app.snap");
  build(&main, &snap);
  let xdg = tmp.path().join("xdg");
  let run = |file: &Path| {
    let o = amber_cmd(tmp.path()).arg(file).env("XDG_CACHE_HOME", &xdg).env_remove("NODE_COMPILE_CACHE").env_remove("AMBER_COMPILE_CACHE").output().unwrap();
    assert_eq!((o.status.code(), text(&o.stdout), text(&o.stderr)), (Some(0), "42\n".to_string(), String::new()));
  };
  let entries = || -> Vec<(PathBuf, std::time::SystemTime)> {
    let Ok(dirs) = std::fs::read_dir(xdg.join("amber/compile-cache")) else { return Vec::new() };
    let mut v: Vec<_> = dirs
      .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
      .map(|e| e.unwrap().path())
      .map(|p| (p.clone(), std::fs::metadata(&p).unwrap().modified().unwrap()))
      .collect();
    v.sort();
    v
  };
  run(&plain);
  run(&snap);
  let first = entries();
  // plain.js and later.js from source, later.js again from the snapshot.
  assert_eq!(first.len(), 3, "{first:?}");
  std::thread::sleep(std::time::Duration::from_millis(20));
  for _ in 0..2 {
    run(&plain);
    run(&snap);
  }
  assert_eq!(entries(), first, "entries were rejected and rewritten");
}

#[test]
fn es_modules_loaded_at_build_are_in_the_snapshot() {
  let (tmp, app) = copy_app("esmapp", &["main.mjs", "lib/dep.mjs"]);
  let snap = tmp.path().join("e.snap");
  build(&app.join("main.mjs"), &snap);
  std::fs::remove_file(app.join("lib/dep.mjs")).unwrap();
  std::fs::write(app.join("lib/later.mjs"), "export const value = 'loaded after restore';").unwrap();
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stderr), "");
  assert_eq!(text(&o.stdout), "esm state: 2 true main.mjs\nnew esm module: loaded after restore\n");
}

#[test]
fn process_facts_are_renewed() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("r.snap");
  let o = amber_cmd(&snap_dir()).env("AMBER_RENEW", "at-build").args(["snapshot", "build", "renew.js", "-o"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let run = |stdout: Stdio| {
    let mut c = amber_cmd(tmp.path());
    c.env("AMBER_RENEW", "at-run").arg(&snap).args(["one", "two"]).stdout(stdout);
    c.output().unwrap()
  };
  let o1 = run(Stdio::piped());
  let o2 = run(Stdio::piped());
  let a = text(&o1.stdout);
  let b = text(&o2.stdout);
  assert!(a.contains(r#""argv":["one","two"],"cwdChanged":true,"env":"at-run","builtEnv":"at-build","pidChanged":true,"execPath":true,"stdout":"pipe""#), "{a}");
  assert!(a.contains(r#""freshClock":true"#), "{a}");
  let random = |s: &str| s.split(r#""random":"#).nth(1).unwrap().to_string();
  assert_ne!(random(&a), random(&b), "two restored processes must draw different Math.random values");
  // Same snapshot with stdout on a file: the kind is detected again.
  let file = tmp.path().join("out.txt");
  let o3 = run(Stdio::from(std::fs::File::create(&file).unwrap()));
  assert!(o3.status.success());
  let written = std::fs::read_to_string(&file).unwrap();
  assert!(written.contains(r#""stdout":"fs""#), "{written}");
}

#[test]
fn callbacks_run_in_order_with_node_error_codes() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("c.snap");
  let b = build(&snap_dir().join("callbacks.js"), &snap);
  assert_eq!(text(&b.stdout), "build: ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION\namber:snapshot same API: function\n");
  let o = restore(&snap, &[]);
  assert_eq!(
    text(&o.stdout),
    "serialize one, serialize two, deserialize three | main data: main-data | building: false\nERR_NOT_BUILDING_SNAPSHOT\n"
  );
  // Outside a build the API refuses, like Node.
  let o = amber_cmd(tmp.path()).args(["-e", "try { require('v8').startupSnapshot.addSerializeCallback(() => {}) } catch (e) { console.log(e.code, e.message) }"]).output().unwrap();
  assert_eq!(text(&o.stdout), "ERR_NOT_BUILDING_SNAPSHOT Operation cannot be invoked when not building startup snapshot\n");
}

#[test]
fn without_main_function_the_entry_runs_in_the_restored_context() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("n.snap");
  let o = amber_cmd(&snap_dir()).args(["--snapshot-blob"]).arg(&snap).args(["--build-snapshot", "nomain.js"]).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let o = amber_cmd(&snap_dir()).arg("--snapshot-blob").arg(&snap).args(["nomain_entry.js", "arg"]).output().unwrap();
  assert_eq!(text(&o.stdout), "value from the snapshot [ 'arg' ]\n", "{}", text(&o.stderr));
}

#[test]
fn build_is_reproducible() {
  let tmp = tempfile::tempdir().unwrap();
  let a = tmp.path().join("a.snap");
  let b = tmp.path().join("b.snap");
  build(&snap_dir().join("heap.js"), &a);
  build(&snap_dir().join("heap.js"), &b);
  assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "two builds of the same entry differ");
}

#[test]
fn builds_that_load_much_of_the_library_are_reproducible() {
  // Regression: with V8's parallel scavenges and background compiles on, where objects
  // ended up depended on thread timing, and about 1 build in 3 of an app that loads
  // crypto or stream was written in another order. Six builds must be identical.
  let tmp = tempfile::tempdir().unwrap();
  let entry = snap_dir().join("many_modules.js");
  let first = tmp.path().join("0.snap");
  build(&entry, &first);
  let expected = std::fs::read(&first).unwrap();
  for i in 1..6 {
    let p = tmp.path().join(format!("{i}.snap"));
    build(&entry, &p);
    assert!(std::fs::read(&p).unwrap() == expected, "build {i} of many_modules.js differs from the first");
  }
  let o = amber_cmd(&snap_dir()).arg(&first).output().unwrap();
  assert_eq!(text(&o.stdout), "79f076abdd19a752 1 42 function\n", "{}", text(&o.stderr));
}

#[test]
fn live_resources_fail_the_build_and_leave_the_old_file() {
  // Regression (issue 11 item 4): a pending stdin read was waited for until the end of
  // input instead of being refused. stdin stays open for the whole build here.
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("s.snap");
  std::fs::write(&snap, b"previous contents").unwrap();
  let mut c = amber_cmd(&snap_dir());
  c.args(["snapshot", "build", "stdin_live.js", "-o"]).arg(&snap).stdin(Stdio::piped());
  let mut child = c.spawn().unwrap();
  let keep_open = child.stdin.take();
  // Bounded: a build still waiting after a minute gets its end of input (and fails the test).
  let mut waited = 0;
  while child.try_wait().unwrap().is_none() && waited < 600 {
    std::thread::sleep(std::time::Duration::from_millis(100));
    waited += 1;
  }
  let finished_with_stdin_open = child.try_wait().unwrap().is_some();
  drop(keep_open);
  let o = child.wait_with_output().unwrap();
  let err = text(&o.stderr);
  assert!(finished_with_stdin_open, "the build waited for the end of stdin: {err}");
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("live resource") && err.contains("stdin read") && err.contains("stdin_live.js:1"), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert_eq!(std::fs::read(&snap).unwrap(), b"previous contents");
}

#[test]
fn paused_stdin_on_a_terminal_is_refused_not_waited_for() {
  // Regression: on a terminal the build hung even after stdin.pause().
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("p.snap");
  let cmd = format!("{} snapshot build stdin_paused.js -o {}; echo \"exit=$?\"", amber().display(), snap.display());
  let o = Command::new("timeout").args(["120", "script", "-qec", &cmd, "/dev/null"]).current_dir(&snap_dir()).stdin(Stdio::null()).output().unwrap();
  let out = text(&o.stdout);
  assert!(out.contains("stdin read created at") && out.contains("stdin_paused.js:1"), "{out}");
  assert!(out.contains("exit=1"), "{out}");
  assert!(!snap.exists());
}

#[test]
fn es_entry_top_level_await_finishes_before_the_snapshot() {
  // Regression: an ES entry awaiting a timer was snapshotted half-initialised, and
  // inspect said "main function: not set" and counted no ES modules.
  let (tmp, app) = copy_app("tlaapp", &["main.mjs", "lib/dep.mjs"]);
  let snap = tmp.path().join("t.snap");
  build(&app.join("main.mjs"), &snap);
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stdout), "main: after await dep loaded\n", "{}", text(&o.stderr));
  let info = text(&amber_cmd(tmp.path()).args(["snapshot", "inspect", "--modules"]).arg(&snap).output().unwrap().stdout);
  assert!(info.contains("main function:        set"), "{info}");
  assert!(info.contains("modules in heap:      2") && info.contains("lib/dep.mjs") && info.contains("main.mjs"), "{info}");
  let json = text(&amber_cmd(tmp.path()).args(["snapshot", "inspect", "--json"]).arg(&snap).output().unwrap().stdout);
  assert!(json.contains(r#""main_function":true"#) && json.contains(r#""module_count":2"#), "{json}");
  // A top-level await that can never finish fails the build in one line.
  let never = tmp.path().join("n.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "tla_never.mjs", "-o"]).arg(&never).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("top-level await") && err.contains("tla_never.mjs"), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(!never.exists());
}

#[test]
fn commonjs_main_function_set_later_is_reported() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("m.snap");
  build(&snap_dir().join("main_later.js"), &snap);
  assert_eq!(text(&restore(&snap, &[]).stdout), "main set later\n");
  let info = text(&amber_cmd(tmp.path()).args(["snapshot", "inspect"]).arg(&snap).output().unwrap().stdout);
  assert!(info.contains("main function:        set"), "{info}");
  // dep.js; the builder entry itself is not a module of the snapshot, as in Node.
  assert!(info.contains("modules in heap:      1"), "{info}");
}

#[test]
fn nothing_user_visible_runs_after_serialize_callbacks() {
  // Regression: a timer due during the serialize callbacks ran after them (pid 0, after
  // the live-resource check); a file opened there crashed the build.
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("a.snap");
  let b = build(&snap_dir().join("after_serialize.js"), &snap);
  assert_eq!(text(&b.stdout), "", "code ran during the build after the serialize callbacks");
  build_and_check("after_serialize");
}

#[test]
fn open_descriptors_and_child_processes_fail_the_build() {
  let tmp = tempfile::tempdir().unwrap();
  for (name, what) in [("resources_fd", "open file descriptor"), ("resources_child", "child process sleep")] {
    let snap = tmp.path().join(format!("{name}.snap"));
    let o = amber_cmd(&snap_dir()).args(["snapshot", "build", &format!("{name}.js"), "-o"]).arg(&snap).output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(what) && err.contains(&format!("{name}.js:")), "{name}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!snap.exists());
  }
  let snap = tmp.path().join("closed.snap");
  build(&snap_dir().join("resources_closed.js"), &snap);
  assert_eq!(text(&restore(&snap, &[]).stdout), "restored without the descriptor\n");
}

#[test]
fn open_zlib_streams_fail_the_build_by_name() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("zlib.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "resources_zlib.js", "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("1 live resource") && err.contains("zlib Gzip stream created at") && err.contains("resources_zlib.js:4"), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(!snap.exists());
}

#[test]
fn zlib_finished_or_closed_at_build_and_used_after_restore() {
  build_and_check("zlib");
}

#[test]
fn open_sockets_fail_the_build() {
  let tmp = tempfile::tempdir().unwrap();
  let name = "resources_socket";
  let snap = tmp.path().join(format!("{name}.snap"));
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", &format!("{name}.js"), "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{name}: {err}");
  // The build waited for the connect to finish: the client socket is named with its
  // place (and the server's side of it too, once its accept has been delivered).
  assert!(err.contains("live resource") && err.contains("connected socket 127.0.0.1:") && err.contains(&format!("{name}.js:7:")), "{name}: {err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(!snap.exists());
  // Closed in a serialize callback, a server is not carried; the restored process listens anew.
  let snap = tmp.path().join("closed.snap");
  build(&snap_dir().join("resources_server_closed.js"), &snap);
  assert_eq!(text(&restore(&snap, &[]).stdout), "hi from the restored server\n");
}

// ---- servers listening at build time (issue 7) ---------------------------------------

/// Runs `cmd`, killing it after `secs` seconds so that a server that never closes fails
/// the test instead of hanging it (a generous bound, not a timing assertion).
fn output_within(cmd: &mut Command, secs: u64) -> Output {
  let mut child = cmd.spawn().unwrap();
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

/// Builds `entry` (in `tests/snapshot`) with `envs` set during the build.
fn build_with_env(entry: &str, out: &Path, envs: &[(&str, &str)]) -> Output {
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", entry, "-o"]).arg(out).envs(envs.iter().copied()).output().unwrap();
  assert!(o.status.success(), "build of {entry} failed: {}{}", text(&o.stdout), text(&o.stderr));
  o
}

fn restore_with_env(snap: &Path, envs: &[(&str, &str)]) -> Output {
  output_within(amber_cmd(snap.parent().unwrap()).arg(snap).envs(envs.iter().copied()), 60)
}

/// A port no one listens on right now, on 127.0.0.1.
fn free_port() -> u16 {
  std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn http_server_listening_at_build_serves_after_restore_as_from_source() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("l.snap");
  let b = build(&snap_dir().join("server_listening.js"), &snap);
  // 'listening' was emitted during the build ...
  assert_eq!(text(&b.stdout), "listening: true number\n");
  // ... and is emitted again in the restored process, before its main function runs,
  // which finds the server listening on a new port and requests it.
  let o = restore_with_env(&snap, &[]);
  assert_eq!(text(&o.stderr), "");
  assert!(o.status.success());
  let mut node = Command::new("node");
  node.arg("server_listening.js").current_dir(snap_dir()).stdout(Stdio::piped()).stderr(Stdio::piped());
  let reference = output_within(&mut node, 60);
  assert!(reference.status.success(), "{}", text(&reference.stderr));
  assert_eq!(text(&o.stdout), text(&reference.stdout));
  assert_eq!(
    text(&o.stdout),
    "listening: true number\nmain: 127.0.0.1 IPv4 true\n200 [ 'x-served: 1', 'Connection: close', 'Content-Length: 19' ] hello GET /self?x=1\nclosed\n"
  );
  // A second process from the same file listens again too.
  assert_eq!(text(&restore_with_env(&snap, &[]).stdout), text(&reference.stdout));
}

#[test]
fn unix_socket_server_listening_at_build_listens_on_its_path_after_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("u.snap");
  let sock = tmp.path().join("app.sock");
  build_with_env("server_unix.js", &snap, &[("SOCK", sock.to_str().unwrap())]);
  // The build closed its listener, which removes the socket file, as libuv does.
  assert!(!sock.exists());
  let o = restore_with_env(&snap, &[]);
  assert_eq!(text(&o.stderr), "");
  assert_eq!(text(&o.stdout), "listening on the build path: true true\nunix hello\nclosed; socket file removed: true\n");
}

#[test]
fn carried_server_whose_port_is_taken_at_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("f.snap");
  let port = free_port();
  let port_s = port.to_string();
  build_with_env("server_fixed_port.js", &snap, &[("BUILD_PORT", &port_s)]);
  // Free at restore: the same fixed port again.
  let o = restore_with_env(&snap, &[]);
  assert_eq!(text(&o.stdout), "main: listening true\non the build port: true\nfixed\n", "{}", text(&o.stderr));

  // Taken (std sets SO_REUSEADDR, as libuv does, so the connection just closed above is
  // no obstacle to this bind).
  let _taken = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
  // Nobody listens for 'error': one line, exit 1, before the main function runs.
  let o = restore_with_env(&snap, &[]);
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(text(&o.stdout), "");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(
    err.starts_with("amber: a server carried in the snapshot cannot listen again: listen EADDRINUSE: address already in use 127.0.0.1:")
      && err.contains(&format!(":{port} (server created at "))
      && err.contains("server_fixed_port.js:"),
    "{err}"
  );
  // A listener added in a deserialize callback gets the error, as in Node; the main
  // function then finds the server not listening.
  let o = restore_with_env(&snap, &[("ON_ERROR", "1")]);
  assert_eq!(text(&o.stdout), "error event: EADDRINUSE listen true\nmain: listening false\n", "{}", text(&o.stderr));
  assert!(o.status.success());
  // AMBER_LISTEN_PORT moves it: 0 is any free port.
  let o = restore_with_env(&snap, &[("AMBER_LISTEN_PORT", "0")]);
  assert_eq!(text(&o.stdout), "main: listening true\non the build port: false\nfixed\n", "{}", text(&o.stderr));
  // It must name one port per carried TCP server, each a port number.
  for (value, msg) in [("0,0", "amber: AMBER_LISTEN_PORT gives 2 ports but the snapshot carries 1 listening TCP server\n"), ("http", "amber: AMBER_LISTEN_PORT: \"http\" is not a port (0 to 65535)\n")] {
    let o = restore_with_env(&snap, &[("AMBER_LISTEN_PORT", value)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), msg);
  }
}

#[test]
fn server_on_an_inherited_descriptor_fails_the_build() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("fd.snap");
  let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
  let o = amber_cmd(&snap_dir())
    .args(["snapshot", "build", "resources_server_fd.js", "-o"])
    .arg(&snap)
    .stdin(Stdio::from(std::os::fd::OwnedFd::from(listener)))
    .output()
    .unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(err.contains("listening server 127.0.0.1:") && err.contains("(on an inherited descriptor") && err.contains("resources_server_fd.js:4:"), "{err}");
  assert!(!snap.exists());
}

#[test]
fn amber_listen_port_follows_the_order_of_the_listen_calls() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("two.snap");
  build(&snap_dir().join("server_two.mjs"), &snap);
  let port = free_port().to_string();
  let o = restore_with_env(&snap, &[("AMBER_LISTEN_PORT", &format!("{port},0"))]);
  assert_eq!(text(&o.stdout), "before main: false true\nfirst on the first port: true\nsecond on any port: true\n", "{}", text(&o.stderr));
}

#[test]
fn amber_listen_port_without_a_carried_server_is_an_error() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("n.snap");
  build(&snap_dir().join("heap.js"), &snap);
  let o = restore_with_env(&snap, &[("AMBER_LISTEN_PORT", "8080")]);
  assert_eq!(o.status.code(), Some(1));
  assert_eq!(text(&o.stderr), "amber: AMBER_LISTEN_PORT gives 1 port but the snapshot carries 0 listening TCP servers\n");
}

#[test]
fn connected_sockets_of_a_carried_server_fail_the_build_unless_closed() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("a.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "resources_agent.mjs", "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  // The agent's pooled socket and the server's side of it, each with its place; the
  // listening server itself is carried, so it is not named.
  assert!(err.contains("2 live resources cannot be carried"), "{err}");
  assert!(err.contains("resources_agent.mjs:14:"), "{err}");
  assert!(err.contains("accepted by the server created at ") && err.contains("resources_agent.mjs:12:"), "{err}");
  assert!(!err.contains("listening server"), "{err}");
  assert!(!snap.exists());
  build_with_env("resources_agent.mjs", &snap, &[("CLOSE", "1")]);
  let o = restore_with_env(&snap, &[]);
  assert_eq!(text(&o.stdout), "200 ok /restored\n", "{}", text(&o.stderr));
}

#[test]
fn globals_v8_leaves_out_while_building_exist_after_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("g.snap");
  let b = build(&snap_dir().join("globals.js"), &snap);
  // WebAssembly is amber's stand-in while building (docs/wasm-in-snapshots.md), which
  // leaves the global before the heap is written: the restored one is V8's.
  assert_eq!(text(&b.stdout), "build: object undefined undefined undefined\n");
  build_and_check("globals");
}

#[test]
fn build_snapshot_config_like_node() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("c.snap");
  let o = amber_cmd(&snap_dir()).arg("--snapshot-blob").arg(&snap).args(["--build-snapshot-config", "config.json"]).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let o = amber_cmd(&snap_dir()).arg("--snapshot-blob").arg(&snap).arg("nomain_entry.js").output().unwrap();
  assert_eq!(text(&o.stdout), "value from the snapshot []\n");
  // withoutCodeCache drops compiled code: the same entry gives a smaller file.
  let with_code = tmp.path().join("k.snap");
  build(&snap_dir().join("nomain.js"), &with_code);
  assert!(std::fs::metadata(&snap).unwrap().len() < std::fs::metadata(&with_code).unwrap().len());
  let bad = tmp.path().join("bad.json");
  std::fs::write(&bad, "{ \"withoutCodeCache\": true }").unwrap();
  let o = amber_cmd(tmp.path()).arg("--snapshot-blob").arg(&snap).arg("--build-snapshot-config").arg(&bad).output().unwrap();
  // Node's wording and exit code.
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("\"builder\" field of"), "{}", text(&o.stderr));
  let o = amber_cmd(tmp.path()).arg("--snapshot-blob").arg(&snap).args(["--build-snapshot-config", "missing.json"]).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("Cannot read snapshot configuration from missing.json"), "{}", text(&o.stderr));
}

#[test]
fn node_spelling_defaults_to_snapshot_blob_is_silent_and_keeps_argv1_as_typed() {
  let tmp = tempfile::tempdir().unwrap();
  std::fs::write(tmp.path().join("e.js"), "require('v8').startupSnapshot.setDeserializeMainFunction(() => console.log(JSON.stringify(process.argv.slice(1))));").unwrap();
  let o = amber_cmd(tmp.path()).args(["--build-snapshot", "e.js"]).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert_eq!(text(&o.stderr), "");
  assert!(tmp.path().join("snapshot.blob").is_file());
  let o = amber_cmd(tmp.path()).args(["--snapshot-blob", "snapshot.blob", "argv1", "argv2"]).output().unwrap();
  assert_eq!(text(&o.stdout), "[\"argv1\",\"argv2\"]\n", "{}", text(&o.stderr));
}

#[test]
fn built_on_a_terminal_restored_on_a_pipe() {
  // `script` gives the build a pseudo-terminal as stdout.
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("t.snap");
  let cmd = format!("{} snapshot build {} -o {}", amber().display(), snap_dir().join("renew.js").display(), snap.display());
  let o = Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(&snap_dir()).output().unwrap();
  assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
  let o = restore(&snap, &[]);
  assert!(text(&o.stdout).contains(r#""stdout":"pipe""#), "{}", text(&o.stdout));
  // And the other way round: restored on a terminal.
  let cmd = format!("{} {}", amber().display(), snap.display());
  let o = Command::new("script").args(["-qec", &cmd, "/dev/null"]).output().unwrap();
  assert!(text(&o.stdout).contains(r#""stdout":"tty""#), "{}", text(&o.stdout));
}

#[test]
fn exceptions_report_like_uncaught_ones() {
  let tmp = tempfile::tempdir().unwrap();
  for (name, msg) in [("throws_build", "Error: init failed"), ("throws_serialize", "Error: serialize failed")] {
    let snap = tmp.path().join(format!("{name}.snap"));
    let o = amber_cmd(&snap_dir()).args(["snapshot", "build", &format!("{name}.js"), "-o"]).arg(&snap).output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(msg) && err.contains(&format!("{name}.js:")), "{name}: {err}");
    assert!(!snap.exists(), "{name}: a failed build must not write a file");
    // An existing file survives a failed build untouched.
    std::fs::write(&snap, b"previous snapshot").unwrap();
    let o = amber_cmd(&snap_dir()).args(["snapshot", "build", &format!("{name}.js"), "-o"]).arg(&snap).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&snap).unwrap(), b"previous snapshot", "{name}");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains(".amber-tmp-")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
  }
  for (name, msg) in [("throws_deserialize", "Error: deserialize failed"), ("throws_main", "RangeError: main failed")] {
    let snap = tmp.path().join(format!("{name}.snap"));
    build(&snap_dir().join(format!("{name}.js")), &snap);
    let o = restore(&snap, &[]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(msg) && err.contains(&format!("{name}.js:1")) && err.contains("    at "), "{name}: {err}");
  }
}

#[test]
fn compiled_code_is_kept() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("l.snap");
  let flags = "--v8-flags=--allow-natives-syntax";
  let b = amber_cmd(&snap_dir()).args([flags, "snapshot", "build", "lazy.js", "-o"]).arg(&snap).output().unwrap();
  assert!(b.status.success(), "{}", text(&b.stderr));
  let o = amber_cmd(tmp.path()).arg(flags).arg(&snap).output().unwrap();
  // `warm` ran at build time: its bytecode is in the snapshot (FunctionCodeHandling::Keep);
  // `cold` never ran and is still lazy.
  assert_eq!(text(&o.stdout), "warm compiled: true cold compiled: false 4950 4\n", "{}", text(&o.stderr));
}

#[test]
fn library_snapshot_is_warmed_up() {
  // The runtime snapshot every `amber app.js` starts from is built like this (build.rs
  // cannot take V8 flags, so the test builds the same snapshot itself, with natives).
  let tmp = tempfile::tempdir().unwrap();
  let blob = tmp.path().join("lib.blob");
  let flags = "--v8-flags=--allow-natives-syntax";
  let b = amber_cmd(tmp.path()).args([flags, "--snapshot-blob"]).arg(&blob).args(["--build-snapshot", "node:embedded_snapshot_main"]).output().unwrap();
  assert!(b.status.success(), "{}", text(&b.stderr));
  assert_eq!(text(&b.stdout), "", "the warm-up's output leaked");
  assert_eq!(text(&b.stderr), "");
  let o = amber_cmd(&snap_dir()).args([flags, "--snapshot-blob"]).arg(&blob).args(["library_warm.js", "x"]).output().unwrap();
  assert_eq!(
    text(&o.stdout),
    "{\"formatWithOptions\":true,\"emitExit\":true,\"notRunAtStartup\":false,\"cache\":[\"library_warm.js\"],\"exitListeners\":0,\"argv\":[\"x\"]}\n",
    "{}",
    text(&o.stderr)
  );
}

// ---- bad input -------------------------------------------------------------------

fn expect_one_line_error(args: &[&std::ffi::OsStr], needle: &str) {
  let tmp = tempfile::tempdir().unwrap();
  let o = amber_cmd(tmp.path()).args(args).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "args {args:?}: {err}");
  assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
  assert!(err.contains(needle), "expected `{needle}` in: {err}");
  assert_eq!(text(&o.stdout), "");
}

fn good_snapshot(dir: &Path) -> PathBuf {
  let snap = dir.join("good.snap");
  build(&snap_dir().join("nomain.js"), &snap);
  snap
}

#[test]
fn bad_snapshot_files_are_refused_with_one_line() {
  let tmp = tempfile::tempdir().unwrap();
  let good = std::fs::read(good_snapshot(tmp.path())).unwrap();
  let case = |name: &str, bytes: &[u8], needle: &str| {
    let p = tmp.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    expect_node_snapshot_failure(&["--snapshot-blob".as_ref(), p.as_os_str()], "Failed to load the startup snapshot", needle);
    // Named *.snap, the file is a snapshot whatever its bytes: never run as a script.
    expect_one_line_error(&[p.as_os_str()], needle);
    expect_one_line_error(&["snapshot".as_ref(), "verify".as_ref(), p.as_os_str()], needle);
  };
  case("empty.snap", b"", "empty file");
  for cut in [4, 8, 20, 100, good.len() / 2, good.len() - 9, good.len() - 1] {
    case(&format!("cut{cut}.snap"), &good[..cut], if cut < 8 { "not an amber snapshot" } else { "snapshot" });
  }
  let mut random = vec![0u8; 4096];
  let mut x: u32 = 12345;
  for b in random.iter_mut() {
    x = x.wrapping_mul(1103515245).wrapping_add(12345);
    *b = (x >> 16) as u8;
  }
  case("random.snap", &random, "not an amber snapshot");
  for at in [9, 20, 60, good.len() / 3, good.len() / 2, good.len() - 20, good.len() - 3] {
    let mut flipped = good.clone();
    flipped[at] ^= 0x10;
    case(&format!("flip{at}.snap"), &flipped, "snapshot");
  }
  case("script.js.snap", b"console.log('I am JavaScript');\n", "not an amber snapshot");
  for at in 0..8 {
    let mut damaged = good.clone();
    damaged[at] ^= 0x01;
    case(&format!("magic{at}.snap"), &damaged, "not an amber snapshot");
  }
}

#[test]
fn empty_or_damaged_snap_and_blob_files_are_errors_not_scripts() {
  // Regression: an empty .snap exited 0 silently, a damaged magic ran the file as JS.
  let tmp = tempfile::tempdir().unwrap();
  let good = std::fs::read(good_snapshot(tmp.path())).unwrap();
  for name in ["e.snap", "e.blob"] {
    let p = tmp.path().join(name);
    std::fs::write(&p, b"").unwrap();
    expect_one_line_error(&[p.as_os_str()], "empty file");
    let mut damaged = good.clone();
    damaged[0] = b'X';
    std::fs::write(&p, &damaged).unwrap();
    expect_one_line_error(&[p.as_os_str()], "not an amber snapshot");
    std::fs::write(&p, &good).unwrap();
    let o = amber_cmd(tmp.path()).arg(&p).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
  }
  // Any other name is a script, even when it starts with the snapshot magic.
  let js = tmp.path().join("AMBERSNP.js");
  std::fs::write(&js, "AMBERSNP = 1; console.log('script', AMBERSNP);\n").unwrap();
  let o = amber_cmd(tmp.path()).arg(&js).output().unwrap();
  assert_eq!(text(&o.stdout), "script 1\n", "{}", text(&o.stderr));
}

#[test]
fn control_characters_from_the_file_are_escaped() {
  let tmp = tempfile::tempdir().unwrap();
  // An entry whose name holds an escape sequence: inspect shows it escaped.
  let entry = tmp.path().join("evil\x1b[2J\u{202e}.js");
  std::fs::write(&entry, "require('./dep\x1b[31m.js');\n").unwrap();
  std::fs::write(tmp.path().join("dep\x1b[31m.js"), "").unwrap();
  let snap = tmp.path().join("evil.snap");
  build(&entry, &snap);
  for args in [&["snapshot", "inspect", "--modules"][..], &["snapshot", "inspect", "--json", "--modules"][..]] {
    let o = amber_cmd(tmp.path()).args(args).arg(&snap).output().unwrap();
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(!out.contains('\x1b') && !out.contains('\u{202e}'), "raw control characters in: {out:?}");
    assert!(out.contains("evil\\x1b[2J\\u{202e}.js") || out.contains("evil\\u001b[2J\u{202e}.js") || out.contains("evil\\u001b[2J\\u202e.js"), "{out}");
    assert!(out.contains("dep\\x1b[31m.js") || out.contains("dep\\u001b[31m.js"), "{out}");
  }
  // A header string from another build: the error line escapes it.
  let good = std::fs::read(&snap).unwrap();
  let file = amber_snapshot_format::read(&good).unwrap();
  let mut header = file.header.clone();
  header.amber_version = "9.9\x1b]0;owned\x07\n".into();
  let p = tmp.path().join("foreign.snap");
  std::fs::write(&p, amber_snapshot_format::write(&header, file.sidecar, file.blob)).unwrap();
  for args in [&[][..], &["snapshot", "verify"][..], &["snapshot", "inspect"][..]] {
    let o = amber_cmd(tmp.path()).args(args).arg(&p).output().unwrap();
    let all = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(!all.contains('\x1b') && !all.contains('\x07'), "raw control characters in: {all:?}");
    if args.is_empty() || args[1] == "verify" {
      assert_eq!(o.status.code(), Some(1));
      assert_eq!(text(&o.stderr).lines().count(), 1, "{all}");
      assert!(all.contains("9.9\\x1b]0;owned\\x07\\n"), "{all}");
    }
  }
}

#[test]
fn snapshot_from_another_build_is_refused() {
  let tmp = tempfile::tempdir().unwrap();
  let good = std::fs::read(good_snapshot(tmp.path())).unwrap();
  let file = amber_snapshot_format::read(&good).unwrap();
  let mut header = file.header.clone();
  header.external_refs_hash ^= 1;
  let foreign = amber_snapshot_format::write(&header, file.sidecar, file.blob);
  let p = tmp.path().join("foreign.snap");
  std::fs::write(&p, foreign).unwrap();
  expect_one_line_error(&[p.as_os_str()], "different amber build");
  let mut header = file.header.clone();
  header.amber_version = "0.0.1".into();
  std::fs::write(&p, amber_snapshot_format::write(&header, file.sidecar, file.blob)).unwrap();
  expect_one_line_error(&[p.as_os_str()], "built by amber 0.0.1");
}

#[test]
fn snapshot_with_other_v8_flags_is_refused() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = good_snapshot(tmp.path());
  expect_one_line_error(&["--v8-flags=--jitless".as_ref(), snap.as_os_str()], "different V8 flags");
}

#[test]
fn paths_that_are_not_snapshot_files() {
  // `--snapshot-blob` is Node's spelling and fails in Node's words, with its exit code 14
  // (test-snapshot-error, test-snapshot-incompatible); amber's own reason follows.
  let tmp = tempfile::tempdir().unwrap();
  expect_node_snapshot_failure(&["--snapshot-blob".as_ref(), tmp.path().as_os_str()], "Failed to load the startup snapshot", "directory");
  let missing = tmp.path().join("missing.snap");
  expect_node_snapshot_failure(&["--snapshot-blob".as_ref(), missing.as_os_str()], "Cannot open", "cannot open snapshot");
  let js = snap_dir().join("nomain.js");
  expect_node_snapshot_failure(&["--snapshot-blob".as_ref(), js.as_os_str()], "Failed to load the startup snapshot", "not an amber snapshot");
  expect_node_snapshot_failure(&["--snapshot-blob".as_ref(), missing.as_os_str(), "-e".as_ref(), "1".as_ref()], "Cannot open", "cannot open snapshot");
  let snap = good_snapshot(tmp.path());
  expect_node_snapshot_failure(&["--jitless".as_ref(), "--snapshot-blob".as_ref(), snap.as_os_str()], "Failed to load the startup snapshot", "different V8 flags");
}

fn expect_node_snapshot_failure(args: &[&std::ffi::OsStr], node_words: &str, reason: &str) {
  let tmp = tempfile::tempdir().unwrap();
  let o = amber_cmd(tmp.path()).args(args).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(14), "args {args:?}: {err}");
  assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
  assert!(err.contains(node_words) && err.contains(reason), "expected `{node_words}` and `{reason}` in: {err}");
}

#[test]
fn verify_and_inspect_a_good_snapshot() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = good_snapshot(tmp.path());
  let o = amber_cmd(tmp.path()).args(["snapshot", "verify"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let o = amber_cmd(tmp.path()).args(["snapshot", "inspect", "--json"]).arg(&snap).output().unwrap();
  let j = text(&o.stdout);
  for needle in [r#""format_version":2"#, r#""main_function":false"#, r#""contexts":1"#, r#""v8_version":"15."#, r#""external_references":"#, r#""v8_blob":"#] {
    assert!(j.contains(needle), "missing {needle} in {j}");
  }
}

#[test]
fn compile_makes_a_self_contained_executable() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("r.snap");
  build(&snap_dir().join("renew.js"), &snap);
  let exe = tmp.path().join("renew-app");
  let o = amber_cmd(tmp.path()).args(["compile"]).arg(&snap).arg("-o").arg(&exe).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  // Every argument goes to the application, even ones amber would take as options.
  let o = Command::new(&exe).args(["--version", "x"]).current_dir(tmp.path()).output().unwrap();
  assert!(text(&o.stdout).contains(r#""argv":["--version","x"]"#), "{}{}", text(&o.stdout), text(&o.stderr));
  // The snapshot is checked like a file: damage it and the executable refuses to start.
  let mut bytes = std::fs::read(&exe).unwrap();
  let at = bytes.len() - 24 - 100;
  bytes[at] ^= 0xff;
  let bad = tmp.path().join("bad-app");
  std::fs::write(&bad, &bytes).unwrap();
  std::fs::set_permissions(&bad, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
  // Another test thread forking while this file was open for writing can hold it for a
  // moment (ETXTBSY): retry briefly.
  let o = (0..50)
    .find_map(|_| match Command::new(&bad).output() {
      Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
        std::thread::sleep(std::time::Duration::from_millis(20));
        None
      }
      r => Some(r.unwrap()),
    })
    .expect("executable stayed busy");
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("corrupted snapshot"), "{}", text(&o.stderr));
  // A file that is not a snapshot cannot be compiled.
  let o = amber_cmd(tmp.path()).args(["compile"]).arg(snap_dir().join("renew.js")).arg("-o").arg(tmp.path().join("x")).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("not an amber snapshot"), "{}", text(&o.stderr));
}

/// Runs an executable this test just wrote; another test thread forking while the file
/// was open for writing can hold it for a moment (ETXTBSY), so retry briefly.
fn run_fresh_exe(exe: &Path, args: &[&str], cwd: &Path) -> Output {
  (0..100)
    .find_map(|_| match Command::new(exe).args(args).current_dir(cwd).stdin(Stdio::null()).output() {
      Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
        std::thread::sleep(std::time::Duration::from_millis(20));
        None
      }
      r => Some(r.unwrap()),
    })
    .expect("executable stayed busy")
}

fn compile_exe(dir: &Path, entry: &str, flags: &[&str]) -> PathBuf {
  let snap = dir.join("app.snap");
  let o = amber_cmd(&snap_dir()).args(flags).args(["snapshot", "build", entry, "-o"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let exe = dir.join("app");
  let o = amber_cmd(dir).args(flags).arg("compile").arg(&snap).arg("-o").arg(&exe).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  exe
}

#[test]
fn compiled_executable_with_a_damaged_trailer_refuses_to_start() {
  // Regression: damaging the trailer's magic made the executable run as plain amber,
  // executing its first argument as a script.
  let tmp = tempfile::tempdir().unwrap();
  let exe = compile_exe(tmp.path(), "nomain.js", &[]);
  std::fs::write(tmp.path().join("x.js"), "console.log('ran as a script')").unwrap();
  let good = std::fs::read(&exe).unwrap();
  let len = good.len();
  let bad = tmp.path().join("bad-app");
  let check = |what: &str| {
    let o = run_fresh_exe(&bad, &["x.js"], tmp.path());
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{what}: {}{err}", text(&o.stdout));
    assert_eq!(text(&o.stdout), "", "{what}");
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(err.contains("corrupted"), "{what}: {err}");
  };
  // One copy, damaged in place (the binary is large): every byte of the trailer and
  // of the options before it, one at a time, then cuts and an appended byte.
  std::fs::copy(&exe, &bad).unwrap();
  let patch = |at: usize, byte: u8| {
    use std::os::unix::fs::FileExt;
    std::fs::OpenOptions::new().write(true).open(&bad).unwrap().write_at(&[byte], at as u64).unwrap();
  };
  for at in (len - 40 - 16)..len {
    patch(at, good[at] ^ 0x04);
    check(&format!("flip at end-{}", len - at));
    patch(at, good[at]);
  }
  let set_len = |n: usize| std::fs::OpenOptions::new().write(true).open(&bad).unwrap().set_len(n as u64).unwrap();
  set_len(len - 1);
  check("last byte cut");
  set_len(len - 40);
  check("trailer cut");
  set_len(len + 1);
  check("byte appended");
  // The good one still runs its snapshot, not the script.
  let o = run_fresh_exe(&exe, &["x.js"], tmp.path());
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert_eq!(text(&o.stdout), "");
}

#[test]
fn compiled_executables_keep_their_v8_flags() {
  // Regression: `amber --v8-flags=--jitless compile` made an executable that always
  // failed with "different V8 flags".
  let tmp = tempfile::tempdir().unwrap();
  let exe = compile_exe(tmp.path(), "nomain.js", &["--v8-flags=--jitless"]);
  std::fs::write(tmp.path().join("x.js"), "").unwrap();
  let o = run_fresh_exe(&exe, &[], tmp.path());
  assert!(o.status.success(), "{}", text(&o.stderr));
  // Compiling a --jitless snapshot without the flags is refused, not deferred to run time.
  let o = amber_cmd(tmp.path()).arg("compile").arg(tmp.path().join("app.snap")).arg("-o").arg(tmp.path().join("noflags")).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("different V8 flags"), "{}", text(&o.stderr));
}

// ---- structure and signatures (issue 11 item 6) ----------------------------------

/// `bytes` with amber's checksum recomputed: damage only structural checks (or a
/// signature) can catch, as someone editing the file on purpose would leave it.
fn fix_checksum(mut bytes: Vec<u8>) -> Vec<u8> {
  let n = bytes.len() - 8;
  let sum = xxhash_rust::xxh3::xxh3_64(&bytes[..n]);
  bytes[n..].copy_from_slice(&sum.to_le_bytes());
  bytes
}

#[test]
fn v8_blob_damage_is_caught_before_v8_sees_it() {
  let tmp = tempfile::tempdir().unwrap();
  let good = std::fs::read(good_snapshot(tmp.path())).unwrap();
  let file = amber_snapshot_format::read(&good).unwrap();
  // Regression: a file with a zero-length V8 blob passed `verify` and crashed V8.
  let empty = amber_snapshot_format::write(&file.header, file.sidecar, b"");
  let p = tmp.path().join("empty-blob.snap");
  std::fs::write(&p, &empty).unwrap();
  expect_one_line_error(&["snapshot".as_ref(), "verify".as_ref(), p.as_os_str()], "V8 blob");
  expect_one_line_error(&[p.as_os_str()], "V8 blob");
  // Bytes of the blob changed, amber's checksum fixed up: V8's own checksums catch it.
  let at = file.blob_offset;
  for off in [0usize, 8, 20, 84, 200, file.blob.len() / 2, file.blob.len() - 1] {
    let mut b = good.clone();
    b[at + off] ^= 0x08;
    std::fs::write(&p, fix_checksum(b)).unwrap();
    expect_one_line_error(&["snapshot".as_ref(), "verify".as_ref(), p.as_os_str()], "V8 blob");
    expect_one_line_error(&[p.as_os_str()], "V8 blob");
  }
}

fn keygen(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
  let o = amber_cmd(dir).args(["snapshot", "keygen", "-o", name]).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  (dir.join(format!("{name}.key")), dir.join(format!("{name}.pub")))
}

#[test]
fn signed_snapshots() {
  use std::os::unix::fs::PermissionsExt;
  let tmp = tempfile::tempdir().unwrap();
  let (key, public) = keygen(tmp.path(), "ci");
  assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
  // keygen never overwrites a key.
  let o = amber_cmd(tmp.path()).args(["snapshot", "keygen", "-o", "ci"]).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  let (_, other_pub) = keygen(tmp.path(), "other");

  let signed = tmp.path().join("signed.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "nomain.js", "-o"]).arg(&signed).arg("--sign").arg(&key).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert!(text(&o.stderr).contains("signed with key "), "{}", text(&o.stderr));
  // A public key cannot sign.
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "nomain.js", "-o"]).arg(tmp.path().join("x.snap")).arg("--sign").arg(&public).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("not an amber snapshot secret key"), "{}", text(&o.stderr));
  let unsigned = good_snapshot(tmp.path());
  let vk = |p: &Path| format!("--verify-key={}", p.display());
  let entry = snap_dir().join("nomain_entry.js");

  // Signed, right key: runs and verifies; inspect names the key.
  let o = amber_cmd(tmp.path()).arg(vk(&public)).arg("--snapshot-blob").arg(&signed).arg(&entry).output().unwrap();
  assert_eq!(text(&o.stdout), "value from the snapshot []\n", "{}", text(&o.stderr));
  let o = amber_cmd(tmp.path()).args(["snapshot", "verify"]).arg(&signed).arg(vk(&public)).output().unwrap();
  assert!(o.status.success() && text(&o.stdout).contains("verified"), "{}{}", text(&o.stdout), text(&o.stderr));
  let info = text(&amber_cmd(tmp.path()).args(["snapshot", "inspect"]).arg(&signed).output().unwrap().stdout);
  assert!(info.contains("signature:            ed25519, key "), "{info}");
  // Without a verify key, a signed file runs like any other.
  assert!(amber_cmd(tmp.path()).arg(&signed).output().unwrap().status.success());

  // Unsigned, other key, tampered: refused in one line, by flag and by environment.
  let refused = |snap: &Path, key: &Path, needle: &str| {
    expect_one_line_error(&[vk(key).as_ref(), snap.as_os_str()], needle);
    expect_one_line_error(&["snapshot".as_ref(), "verify".as_ref(), vk(key).as_ref(), snap.as_os_str()], needle);
    let o = amber_cmd(tmp.path()).env("AMBER_SNAPSHOT_VERIFY_KEY", key).arg(snap).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains(needle), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "");
  };
  refused(&unsigned, &public, "not signed");
  refused(&signed, &other_pub, "signed by another key");
  // The entry path in the sidecar changed and every checksum fixed up: only the
  // signature can tell.
  let bytes = std::fs::read(&signed).unwrap();
  let f = amber_snapshot_format::read(&bytes).unwrap();
  let at = f.blob_offset - f.sidecar.len() + f.sidecar.windows(6).position(|w| w == b"nomain").unwrap();
  let mut tampered = bytes.clone();
  tampered[at] = b'N';
  let tampered_path = tmp.path().join("tampered.snap");
  std::fs::write(&tampered_path, fix_checksum(tampered)).unwrap();
  assert!(amber_cmd(tmp.path()).args(["snapshot", "verify"]).arg(&tampered_path).output().unwrap().status.success());
  refused(&tampered_path, &public, "signature does not match");
  // A secret key is not a verify key, and a bad key file is one line.
  expect_one_line_error(&[vk(&key).as_ref(), signed.as_os_str()], "secret key");
  expect_one_line_error(&["--verify-key=/nonexistent.pub".as_ref(), signed.as_os_str()], "verify key");

  // compile --verify-key: refuses unsigned snapshots, and the executable checks the
  // signature at every start.
  let exe = tmp.path().join("app");
  let o = amber_cmd(tmp.path()).arg("compile").arg(&unsigned).arg("-o").arg(&exe).arg(vk(&public)).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("not signed"), "{}", text(&o.stderr));
  let o = amber_cmd(tmp.path()).arg("compile").arg(&signed).arg("-o").arg(&exe).arg(vk(&public)).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert!(run_fresh_exe(&exe, &[], tmp.path()).status.success());
  // Damage inside the embedded snapshot with its checksum fixed up: refused at start.
  let mut app = std::fs::read(&exe).unwrap();
  let snap_at = app.windows(8).rposition(|w| w == b"AMBERSNP").unwrap();
  let snap_len = bytes.len();
  let entry_at = snap_at + at;
  assert_eq!(app[entry_at], b'n');
  app[entry_at] = b'N';
  let n = snap_at + snap_len - 8;
  let sum = xxhash_rust::xxh3::xxh3_64(&app[snap_at..n]);
  app[n..n + 8].copy_from_slice(&sum.to_le_bytes());
  let bad = tmp.path().join("bad-app");
  std::fs::write(&bad, &app).unwrap();
  std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o755)).unwrap();
  let o = run_fresh_exe(&bad, &[], tmp.path());
  assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
  assert!(text(&o.stderr).contains("signature does not match"), "{}", text(&o.stderr));
}

#[test]
fn crypto_state_made_at_build_is_carried() {
  build_and_check("crypto");
}

#[test]
fn a_pending_key_derivation_fails_the_build_by_name() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("kdf.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "resources_kdf.js", "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("crypto key derivation created at") && err.contains("resources_kdf.js:3"), "{err}");
  assert!(!snap.exists());
}

#[test]
fn file_system_operations_pending_at_build_are_waited_for() {
  build_and_check("fs_pending");
}

#[test]
fn bound_udp_sockets_fail_the_build_by_name() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("udp.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "resources_udp.js", "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("1 live resource") && err.contains("udp4 socket created at") && err.contains("resources_udp.js:4"), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(!snap.exists());
  let snap = tmp.path().join("udp_closed.snap");
  build(&snap_dir().join("resources_udp_closed.js"), &snap);
  assert_eq!(text(&restore(&snap, &[]).stdout), "restored socket got a datagram\n");
}

/// A `WASI` made at build time is carried: its descriptors (preopens, stdio) are closed
/// when the build ends and opened again at restore, where a preopen that is gone fails
/// the start as the constructor would. `node:wasi` loaded at build time works after
/// restore.
#[test]
fn a_wasi_instance_is_carried_and_its_preopens_opened_again_at_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let dir = tmp.path().join("preopen");
  std::fs::create_dir(&dir).unwrap();
  std::fs::write(dir.join("input.txt"), "read at restore").unwrap();
  let snap = tmp.path().join("wasi.snap");
  let o = amber_cmd(&snap_dir()).env("WASI_DIR", &dir).args(["snapshot", "build", "wasi_carried.js", "-o"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  let r = restore(&snap, &[]);
  assert_eq!(text(&r.stdout), "hello, carried!\nexit code 3\npreopen 0 /here\nopen 0 read 0 read at restore\n", "{}", text(&r.stderr));
  assert!(r.status.success());
  std::fs::remove_dir_all(&dir).unwrap();
  let r = restore(&snap, &[]);
  assert_eq!(r.status.code(), Some(1));
  assert!(text(&r.stderr).contains("UVWASI_ENOENT, uvwasi_init"), "{}", text(&r.stderr));
  let snap = tmp.path().join("wasi_main.snap");
  build(&snap_dir().join("wasi_after_restore.js"), &snap);
  let r = restore(&snap, &[]);
  assert_eq!(text(&r.stdout), "hello, restored\nexit code 3\n", "{}", text(&r.stderr));
  assert!(r.status.success());
}

/// WebAssembly while building (docs/wasm-in-snapshots.md): V8 has none in a
/// snapshot-creator isolate; amber's stand-in refuses each use by name, and uncaught (a
/// throw or an unhandled rejection) the refusal fails the build in one line, exit 1,
/// leaving no file.
#[test]
fn webassembly_at_build_is_refused_by_name_in_one_line() {
  let tmp = tempfile::tempdir().unwrap();
  for (entry, what) in [("wasm_refused.js", "new WebAssembly.Module()"), ("wasm_refused_async.mjs", "WebAssembly.instantiate()")] {
    let snap = tmp.path().join("w.snap");
    let o = amber_cmd(&snap_dir()).args(["snapshot", "build", entry, "-o"]).arg(&snap).output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{entry}: {err}");
    assert_eq!(err.lines().count(), 1, "{entry}: {err}");
    assert!(err.starts_with("amber: cannot build the snapshot: Error [ERR_AMBER_SNAPSHOT_WASM]: "), "{entry}: {err}");
    assert!(err.contains(what) && err.contains("v8.startupSnapshot.addDeserializeCallback()") && err.contains("docs/wasm-in-snapshots.md"), "{entry}: {err}");
    assert!(err.contains(&format!("{entry}:3:")) || err.contains(&format!("{entry}:4:")), "{entry}: the place is named: {err}");
    assert!(!snap.exists());
  }
}

/// The recommended pattern: wire bytes kept in the heap, the instance made in a
/// deserialize callback. The restored app prints what the same script prints when node
/// runs it from source; the module declared with amber:wasm's precompile() comes from
/// the compiled code stored in the snapshot (V8 accepted it: not compiled again), the
/// undeclared one is compiled.
#[test]
fn webassembly_instances_made_in_a_deserialize_callback_match_node_from_source() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("wasm.snap");
  build(&snap_dir().join("wasm_callback.js"), &snap);
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stderr), "");
  assert!(o.status.success());
  let node = Command::new("node").arg("wasm_callback.js").current_dir(snap_dir()).output().unwrap();
  assert!(node.status.success(), "{}", text(&node.stderr));
  assert_eq!(text(&o.stdout), text(&node.stdout));
  let o = amber_cmd(tmp.path()).arg(&snap).env("SHOW_WASM_STATS", "1").output().unwrap();
  let out = text(&o.stdout);
  assert_eq!(out.lines().last(), Some(r#"{"fromCache":1,"cacheRejected":0,"reused":1,"compiled":1}"#), "{out}{}", text(&o.stderr));
  // From source nothing is precompiled: both modules are compiled.
  let o = amber_cmd(&snap_dir()).arg("wasm_callback.js").env("SHOW_WASM_STATS", "1").output().unwrap();
  let out = text(&o.stdout);
  assert_eq!(out.lines().last(), Some(r#"{"fromCache":0,"cacheRejected":0,"reused":0,"compiled":3}"#), "{out}{}", text(&o.stderr));
}

/// A `--warmup` run is a context of the snapshot-creator isolate: no WebAssembly there
/// either, and amber:wasm's module() refuses instead of leaving a wasm module in the heap
/// (which V8 would abort the build on). Without the warm-up the same app restores and
/// gets its module from the snapshot.
#[test]
fn webassembly_in_a_warmup_is_refused_not_a_crash() {
  let tmp = tempfile::tempdir().unwrap();
  let entry = tmp.path().join("warm_wasm.js");
  std::fs::write(
    &entry,
    "const w = require('amber:wasm');\nconst bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 10, 1, 6, 97, 110, 115, 119, 101, 114, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);\nconsole.log(w.precompile(bytes));\n\
     require('v8').startupSnapshot.setDeserializeMainFunction(() => {\n  const m = w.module(bytes);\n  console.log(WebAssembly.Module.exports(m).length, JSON.stringify(w.stats()));\n});\n",
  )
  .unwrap();
  let snap = tmp.path().join("w.snap");
  let o = amber_cmd(tmp.path()).args(["snapshot", "build"]).arg(&entry).arg("-o").arg(&snap).args(["--warmup", ""]).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(err.contains("the warm-up") && err.contains("ERR_AMBER_SNAPSHOT_WASM") && err.contains("amber:wasm"), "{err}");
  assert!(!snap.exists());
  build(&entry, &snap);
  let o = restore(&snap, &[]);
  assert_eq!(text(&o.stdout), "1 {\"fromCache\":1,\"cacheRejected\":0,\"reused\":0,\"compiled\":0}\n", "{}", text(&o.stderr));
}

/// Bytes declared with precompile() that are not a valid module fail the build in one
/// line naming V8's compile error (rather than failing in every restored process).
#[test]
fn precompiled_bytes_that_do_not_compile_fail_the_build() {
  let tmp = tempfile::tempdir().unwrap();
  let entry = tmp.path().join("bad_wasm.js");
  std::fs::write(&entry, "require('amber:wasm').precompile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 2, 3]));\n").unwrap();
  let snap = tmp.path().join("w.snap");
  let o = amber_cmd(tmp.path()).args(["snapshot", "build"]).arg(&entry).arg("-o").arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(err.contains("precompile() (11 bytes) does not compile: CompileError: ") && err.contains("extends past end of the module"), "{err}");
  assert!(!snap.exists());
}

#[test]
fn connected_inspector_session_fails_the_build_by_name() {
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join("inspector.snap");
  let o = amber_cmd(&snap_dir()).args(["snapshot", "build", "resources_inspector.js", "-o"]).arg(&snap).output().unwrap();
  let err = text(&o.stderr);
  assert_eq!(o.status.code(), Some(1), "{err}");
  assert!(err.contains("1 live resource") && err.contains("inspector.Session created at") && err.contains("resources_inspector.js:5"), "{err}");
  assert!(!snap.exists());
}

#[test]
fn disconnected_inspector_session_is_carried() {
  build_and_check("inspector_closed");
}

/// NODE_V8_COVERAGE: the build writes one coverage file, the restored process its own
/// (Node's test-snapshot-coverage, with `amber snapshot build`).
#[test]
fn coverage_of_build_and_restore() {
  let tmp = tempfile::tempdir().unwrap();
  let cov = tmp.path().join("coverage");
  let snap = tmp.path().join("cov.snap");
  let count = || std::fs::read_dir(&cov).map(|d| d.count()).unwrap_or(0);
  let o = amber_cmd(&snap_dir()).env("NODE_V8_COVERAGE", &cov).args(["snapshot", "build", "inspector_closed.js", "-o"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert_eq!(count(), 1);
  let o = amber_cmd(tmp.path()).env("NODE_V8_COVERAGE", &cov).arg(&snap).output().unwrap();
  assert_eq!(text(&o.stdout), "restored: null 5\n", "{}", text(&o.stderr));
  assert_eq!(count(), 2);
}

/// The worker context a build adds (an application that loaded worker_threads) does not
/// collect coverage of its own: one file per build, as per process.
#[test]
fn coverage_of_build_with_worker_context() {
  let tmp = tempfile::tempdir().unwrap();
  let cov = tmp.path().join("coverage");
  let snap = tmp.path().join("cov.snap");
  let o = amber_cmd(&snap_dir()).env("NODE_V8_COVERAGE", &cov).args(["snapshot", "build", "coverage_workers.js", "-o"]).arg(&snap).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  assert_eq!(std::fs::read_dir(&cov).unwrap().count(), 1);
}
