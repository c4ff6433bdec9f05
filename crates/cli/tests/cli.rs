//! The command line: eval/print, version, help, run, V8 flags and bad input, checked
//! against what `node` does where amber should behave the same.

mod common;

use std::process::Command;

use common::*;

fn amber_out(args: &[&str]) -> (i32, String, String) {
  let o = Command::new(amber()).args(args).current_dir(fixtures_dir()).output().unwrap();
  (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn node_out(args: &[&str]) -> (i32, String, String) {
  let o = Command::new("node").args(args).current_dir(fixtures_dir()).output().unwrap();
  (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn eval_and_print_like_node() {
  for args in [
    vec!["-p", "1 + 1"],
    vec!["-p", "({ a: [1, 2], s: 'x' })"],
    vec!["-e", "console.log(typeof require, typeof module, __filename, process.argv.length)"],
    vec!["-e", "console.log(process.argv.slice(2))", "--", "a", "b"],
    vec!["-p", "require('path').join('a', 'b')"],
    vec!["-e", "process.exitCode = 4"],
  ] {
    let a = amber_out(&args);
    let n = node_out(&args);
    assert_eq!(a.0, n.0, "{args:?}: exit code");
    assert_eq!(a.1, n.1, "{args:?}: stdout");
  }
}

#[test]
fn eval_errors_report_like_uncaught_ones() {
  let (code, out, err) = amber_out(&["-e", "throw new Error('from eval')"]);
  assert_eq!(code, 1);
  assert_eq!(out, "");
  assert!(err.starts_with("[eval]:1\nthrow new Error('from eval')\n^\n\nError: from eval\n    at [eval]:1:7"), "{err}");
}

#[test]
fn version_names_amber_and_v8() {
  let (code, out, _) = amber_out(&["--version"]);
  assert_eq!(code, 0);
  let lines: Vec<&str> = out.lines().collect();
  assert_eq!(lines.len(), 2, "{out}");
  assert!(lines[0].starts_with("amber ") && lines[1].starts_with("v8 15."), "{out}");
  assert_eq!(amber_out(&["-v"]).1, out);
}

#[test]
fn help_lists_the_commands() {
  let (code, out, _) = amber_out(&["--help"]);
  assert_eq!(code, 0);
  for needle in ["amber snapshot build", "--snapshot-blob", "--v8-flags", "-e, --eval"] {
    assert!(out.contains(needle), "help lacks {needle}: {out}");
  }
}

#[test]
fn unknown_flag_is_one_line_and_exit_9() {
  let (code, out, err) = amber_out(&["--no-such-flag", "hello.js"]);
  assert_eq!((code, out.as_str()), (9, ""));
  // Prefixed with the program as invoked (argv[0]), as Node's are.
  assert_eq!(err, format!("{}: bad option: --no-such-flag\n", amber().display()));
  assert_eq!(node_out(&["--no-such-flag", "hello.js"]).0, 9, "node's code for the same mistake");
}

#[test]
fn missing_script_is_one_line_and_exit_1() {
  let (code, out, err) = amber_out(&["does-not-exist.js"]);
  assert_eq!((code, out.as_str()), (1, ""));
  assert_eq!(err.lines().count(), 1, "{err}");
  assert!(err.contains("Cannot find module") && err.contains("does-not-exist.js"), "{err}");
  assert_eq!(node_out(&["does-not-exist.js"]).0, 1);
}

#[test]
fn run_subcommand_and_v8_flags() {
  assert_eq!(amber_out(&["run", "hello.js"]).1, "hello world\n");
  let (code, out, _) = amber_out(&["--v8-flags=--max-old-space-size=64,--stack-size=500", "-p", "1"]);
  assert_eq!((code, out.as_str()), (0, "1\n"));
  // A V8 flag that changes behaviour is honoured: without it `%` syntax is an error.
  let (code, out, _) = amber_out(&["--v8-flags=--allow-natives-syntax", "-p", "%GetOptimizationStatus(function () {}) > 0"]);
  assert_eq!((code, out.as_str()), (0, "true\n"));
  assert_eq!(amber_out(&["-p", "%GetOptimizationStatus(function () {}) > 0"]).0, 1);
}

#[test]
fn runs_from_the_embedded_runtime_snapshot_and_without_it() {
  // The embedded snapshot must really be used (a mismatch would fall back silently).
  let with = amber_out(&["-p", "typeof structuredClone + ' ' + process.features.startup_snapshot"]);
  assert_eq!(with.1, "function true\n");
  let o = Command::new(amber()).env("AMBER_NO_RUNTIME_SNAPSHOT", "1").args(["-p", "typeof structuredClone + ' ' + process.features.startup_snapshot"]).output().unwrap();
  assert_eq!(String::from_utf8_lossy(&o.stdout), "function false\n");
  // Other V8 flags change the cached-data tag: amber bootstraps from source then.
  let (code, out, _) = amber_out(&["--v8-flags=--jitless", "-p", "process.features.startup_snapshot"]);
  assert_eq!((code, out.as_str()), (0, "false\n"));
}

#[test]
fn v8_module_reports_real_heap_data_and_sets_flags() {
  let (code, out, err) = amber_out(&["-p", "const v8 = require('v8'); const h = v8.getHeapStatistics(); const sp = v8.getHeapSpaceStatistics(); [h.used_heap_size > 0 && h.used_heap_size <= h.total_heap_size, sp.some((s) => s.space_name === 'old_space'), v8.cachedDataVersionTag() > 0, (v8.setFlagsFromString('--allow-natives-syntax'), eval('%GetOptimizationStatus(function () {}) > 0'))].join()"]);
  assert_eq!((code, out.as_str()), (0, "true,true,true,true\n"), "{err}");
  let (_, out, _) = amber_out(&["--v8-flags=--max-old-space-size=100", "-p", "require('v8').getHeapStatistics().heap_size_limit < 300 * 1048576"]);
  assert_eq!(out, "true\n");
}

#[test]
fn compile_cache_is_written_reused_and_survives_corruption() {
  let tmp = tempfile::tempdir().unwrap();
  let cache = tmp.path().join("cache");
  let app = tmp.path().join("app.js");
  std::fs::write(tmp.path().join("dep.js"), "module.exports = (n) => n * 2;").unwrap();
  std::fs::write(&app, "const m = require('module'); console.log(require('./dep')(21), typeof m.getCompileCacheDir());").unwrap();
  let run = || {
    let o = Command::new(amber()).arg(&app).env("NODE_COMPILE_CACHE", &cache).output().unwrap();
    (String::from_utf8_lossy(&o.stdout).into_owned(), o.status.code())
  };
  assert_eq!(run(), ("42 string\n".to_string(), Some(0)));
  let entries = || -> Vec<std::path::PathBuf> {
    std::fs::read_dir(&cache).unwrap().flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap()).map(|e| e.unwrap().path()).collect()
  };
  assert_eq!(entries().len(), 2, "one entry per module");
  assert_eq!(run(), ("42 string\n".to_string(), Some(0)));
  // Garbage in the cache is rejected by V8 and replaced, never trusted.
  for e in entries() {
    std::fs::write(e, b"not a code cache").unwrap();
  }
  assert_eq!(run(), ("42 string\n".to_string(), Some(0)));
  assert!(entries().iter().all(|e| std::fs::read(e).unwrap() != b"not a code cache"));
  // An edited module replaces its own entry: the cache grows with the files run, not
  // with every edit of them (it had reached 118,000 entries on the build machine).
  let before = entries();
  for n in 3..6 {
    std::fs::write(tmp.path().join("dep.js"), format!("module.exports = (n) => n * {n};")).unwrap();
    assert_eq!(run(), (format!("{} string\n", 21 * n), Some(0)));
  }
  let mut after = entries();
  after.sort();
  let mut before = before;
  before.sort();
  assert_eq!(after, before, "edits added entries");
}

#[test]
fn enable_compile_cache_reports_its_status() {
  let tmp = tempfile::tempdir().unwrap();
  let code = format!(
    "const m = require('module'); const a = m.enableCompileCache({:?}); const b = m.enableCompileCache(); console.log(a.status === m.constants.compileCacheStatus.ENABLED, b.status === m.constants.compileCacheStatus.ALREADY_ENABLED, a.directory === m.getCompileCacheDir())",
    tmp.path().display().to_string()
  );
  let (code_, out, err) = amber_out(&["-e", &code]);
  assert_eq!((code_, out.as_str()), (0, "true true true\n"), "{err}");
}

#[test]
fn script_from_standard_input_like_node() {
  use std::io::Write;
  let run = |bin: &std::path::Path, args: &[&str]| {
    let mut c = Command::new(bin).args(args).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b"console.log(process.argv.length, process.argv.slice(2), __filename, typeof require)").unwrap();
    String::from_utf8_lossy(&c.wait_with_output().unwrap().stdout).into_owned()
  };
  let node = std::path::PathBuf::from("node");
  for args in [vec![], vec!["-", "a", "b"]] {
    assert_eq!(run(&amber(), &args), run(&node, &args), "{args:?}");
  }
}

#[test]
fn require_flag_preloads_like_node() {
  for args in [
    vec!["-r", "./mods/wrapper.js", "-p", "Object.keys(require.cache).map((k) => require('path').basename(k))"],
    vec!["--require", "./mods/a.js", "hello.js"],
  ] {
    let a = amber_out(&args);
    let n = node_out(&args);
    assert_eq!((a.0, &a.1), (n.0, &n.1), "{args:?}");
  }
  let (code, _, err) = amber_out(&["-r", "./does-not-exist", "hello.js"]);
  assert_eq!(code, 1);
  assert!(err.contains("Cannot find module './does-not-exist'"), "{err}");
}

#[test]
fn interactive_prompt_on_a_terminal() {
  use std::io::Write;
  // `script` gives amber a pseudo-terminal; its stdin feeds the terminal.
  let cmd = format!("{}", amber().display());
  let mut c = Command::new("script")
    .args(["-qec", &cmd, "/dev/null"])
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .spawn()
    .unwrap();
  let mut stdin = c.stdin.take().unwrap();
  for line in ["6 * 7", "const o = { a: [1, 'x'] }", "o.a.length + _", "(() => {", "return 'multi' })()", "throw new Error('boom')", ".exit"] {
    stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
  }
  drop(stdin);
  let out = String::from_utf8_lossy(&c.wait_with_output().unwrap().stdout).replace('\r', "");
  let clean = out.replace("\u{1b}[33m", "").replace("\u{1b}[32m", "").replace("\u{1b}[39m", "");
  for needle in ["Welcome to amber", "> ", "42", "'multi'", "... ", "Uncaught Error: boom", "at REPL:1:7"] {
    assert!(clean.contains(needle), "missing {needle:?} in:\n{clean}");
  }
  assert!(clean.contains("44"), "`_` holds the last result (42 + 2):\n{clean}");
}

#[test]
fn writing_to_a_closed_pipe_ends_the_process_like_node() {
  use std::io::Read;
  // `amber ... | head -1`: once the reader is gone, the next write fails with EPIPE,
  // stdout emits 'error' and, unhandled, it ends the process with code 1.
  for bin in [amber(), std::path::PathBuf::from("node")] {
    let mut c = Command::new(&bin)
      .args(["-e", "setInterval(() => console.log('x'), 1)"])
      .stdout(std::process::Stdio::piped())
      .stderr(std::process::Stdio::piped())
      .spawn()
      .unwrap();
    let mut out = c.stdout.take().unwrap();
    let mut first = [0u8; 2];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let started = std::time::Instant::now();
    let o = c.wait_with_output().unwrap();
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(o.status.code(), Some(1), "{}", bin.display());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Error: write EPIPE") && err.contains("code: 'EPIPE'"), "{}: {err}", bin.display());
  }
}

/// Runs `shell` inside a pseudo-terminal (`script`). When there are `keys`, they are
/// typed only after the program printed `ready` (it is then in raw mode): a fixed pause
/// would race with a slow start on a loaded machine, and keys typed too early are
/// handled by the terminal's line discipline instead.
fn in_terminal(shell: &str, keys: &[&[u8]]) -> String {
  use std::io::{Read, Write};
  use std::sync::{Arc, Mutex};
  let mut c = Command::new("script")
    .args(["-qec", shell, "/dev/null"])
    .current_dir(repo_root().join("tests/tty"))
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .spawn()
    .unwrap();
  let mut stdin = c.stdin.take().unwrap();
  let mut stdout = c.stdout.take().unwrap();
  let seen = Arc::new(Mutex::new(Vec::new()));
  let reader = {
    let seen = seen.clone();
    std::thread::spawn(move || {
      let mut buf = [0u8; 4096];
      while let Ok(n) = stdout.read(&mut buf) {
        if n == 0 {
          break;
        }
        seen.lock().unwrap().extend_from_slice(&buf[..n]);
      }
    })
  };
  if !keys.is_empty() {
    let started = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("ready") {
      assert!(started.elapsed().as_secs() < 60, "the program never printed 'ready'");
      std::thread::sleep(std::time::Duration::from_millis(20));
    }
  }
  for k in keys {
    stdin.write_all(k).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
  }
  std::thread::sleep(std::time::Duration::from_millis(200));
  drop(stdin);
  c.wait().unwrap();
  reader.join().unwrap();
  let out = seen.lock().unwrap().clone();
  String::from_utf8_lossy(&out).replace('\r', "")
}

#[test]
fn raw_mode_keypress_events_like_node() {
  let keys: &[&[u8]] = &[b"aB\x1b[A", b"\x03"];
  let ours = in_terminal(&format!("{} keypress.js", amber().display()), keys);
  let node = in_terminal("node keypress.js", keys);
  assert!(node.contains("undefined up ctrl=false"), "node output unexpected:\n{node}");
  assert_eq!(ours, node);
}

#[test]
fn raw_mode_is_undone_at_exit() {
  let probe = "stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'";
  let ours = in_terminal(&format!("{} raw-exit.js; {probe}", amber().display()), &[]);
  let node = in_terminal(&format!("node raw-exit.js; {probe}"), &[]);
  assert!(node.contains("isRaw true\nicanon"), "node output unexpected:\n{node}");
  assert_eq!(ours, node);
}

#[test]
fn paused_stdin_with_a_read_in_flight_lets_the_process_exit() {
  let ours = in_terminal(&format!("timeout --foreground 5 {} paused-read.js; echo rc=$?", amber().display()), &[]);
  let node = in_terminal("timeout --foreground 5 node paused-read.js; echo rc=$?", &[]);
  assert!(node.contains("paused\nexit event\nrc=0"), "node output unexpected:\n{node}");
  assert_eq!(ours, node);
}

/// Issue 12: code caches of user modules are kept by default in the per-user cache
/// directory, reused on the next run (the entries are not rewritten), invisible to
/// module.getCompileCacheDir() (as in Node, which has no default cache), and off with
/// AMBER_COMPILE_CACHE=0 or --no-compile-cache.
#[test]
fn compile_cache_is_on_by_default_and_can_be_turned_off() {
  let tmp = tempfile::tempdir().unwrap();
  let app = tmp.path().join("app.js");
  std::fs::write(tmp.path().join("dep.js"), "module.exports = (n) => n * 2;").unwrap();
  std::fs::write(&app, "console.log(require('./dep')(21), require('module').getCompileCacheDir())").unwrap();
  let xdg = tmp.path().join("xdg");
  let run = |extra: &[&str], env: &[(&str, &str)]| {
    let mut c = Command::new(amber());
    c.args(extra).arg(&app).env("XDG_CACHE_HOME", &xdg).env_remove("NODE_COMPILE_CACHE").env_remove("AMBER_COMPILE_CACHE");
    for (k, v) in env {
      c.env(k, v);
    }
    let o = c.output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned())
  };
  let entries = || -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let Ok(dirs) = std::fs::read_dir(xdg.join("amber/compile-cache")) else { return Vec::new() };
    let mut v: Vec<_> = dirs.flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap()).map(|e| e.unwrap().path()).map(|p| (p.clone(), std::fs::metadata(&p).unwrap().modified().unwrap())).collect();
    v.sort();
    v
  };
  assert_eq!(run(&["--no-compile-cache"], &[]), (Some(0), "42 undefined\n".into()));
  assert_eq!(run(&[], &[("AMBER_COMPILE_CACHE", "0")]), (Some(0), "42 undefined\n".into()));
  assert!(entries().is_empty(), "turned off, yet written: {:?}", entries());
  assert_eq!(run(&[], &[]), (Some(0), "42 undefined\n".into()));
  let first = entries();
  assert_eq!(first.len(), 2, "one entry per module: {first:?}");
  std::thread::sleep(std::time::Duration::from_millis(20));
  assert_eq!(run(&[], &[]), (Some(0), "42 undefined\n".into()));
  assert_eq!(entries(), first, "entries V8 accepted are not rewritten");
}

/// A start compiles no built-in module from source: what hello world (CommonJS or an ES
/// module importing `fs`) and a restored process's preparation use is in the runtime
/// snapshot. `AMBER_TRACE_BUILTINS=1` reports each built-in compiled at run time.
#[test]
fn hello_world_compiles_no_builtin_at_run_time() {
  let dir = tempfile::tempdir().unwrap();
  let cjs = dir.path().join("hello.js");
  let esm = dir.path().join("hello.mjs");
  std::fs::write(&cjs, "console.log('hello world');\n").unwrap();
  std::fs::write(&esm, "import fs from 'fs';\nimport { join } from 'node:path';\nconsole.log('hello', typeof fs.readFileSync, join('a', 'b'));\n").unwrap();
  for script in [&cjs, &esm] {
    let o = Command::new(amber()).arg(script).env("AMBER_TRACE_BUILTINS", "1").output().unwrap();
    assert!(o.status.success(), "{}: {}", script.display(), String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "", "{}: built-ins compiled at start", script.display());
  }
  // The trace itself works: a module outside the snapshot is reported.
  let o = Command::new(amber()).args(["-e", "require('zlib')"]).env("AMBER_TRACE_BUILTINS", "1").output().unwrap();
  assert!(String::from_utf8_lossy(&o.stderr).contains("amber: compiling built-in zlib"), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Built-ins outside the runtime snapshot compile from the binary's code cache (made at
/// build time by a warm-up, `builtin_cache.rs`), and V8 accepts it: a server's modules
/// are neither parsed nor compiled from source, and its first request runs bytecode the
/// warm-up left (the cache holds the inner functions it ran).
#[test]
fn builtins_outside_the_snapshot_compile_from_the_binary_code_cache() {
  let dir = tempfile::tempdir().unwrap();
  let app = dir.path().join("server.js");
  std::fs::write(&app, "const http = require('http');\nconst s = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => {\n  http.get({ port: s.address().port, host: '127.0.0.1' }, (res) => { res.setEncoding('utf8'); res.on('data', (d) => console.log(d)); res.on('end', () => s.close()); });\n});\nrequire('zlib').gzipSync('x');\n").unwrap();
  let o = Command::new(amber()).arg(&app).env("AMBER_TRACE_BUILTINS", "1").output().unwrap();
  let err = String::from_utf8_lossy(&o.stderr);
  assert!(o.status.success(), "{err}");
  assert_eq!(String::from_utf8_lossy(&o.stdout), "ok\n");
  for id in ["http", "_http_server", "_http_client", "net", "zlib"] {
    assert!(err.contains(&format!("amber: compiling built-in {id} (from the binary's code cache)\n")), "{id}: {err}");
  }
  assert!(!err.contains("rejected"), "{err}");
}

/// `-p` with no code prints the value of the script piped into standard input, as Node.
#[test]
fn print_reads_the_script_from_stdin_like_node() {
  use std::io::Write;
  let run = |bin: &std::path::Path, input: &str| {
    let mut child = Command::new(bin).arg("-p").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned())
  };
  for input in ["1 + 1", "({ a: [1, 2], s: 'x' })", "[process.argv.length, typeof require]", "'use strict'; undefined"] {
    assert_eq!(run(&amber(), input), run(std::path::Path::new("node"), input), "{input}");
  }
  let (code, _) = run(&amber(), "throw new Error('from stdin')");
  assert_eq!(code, Some(1));
}
