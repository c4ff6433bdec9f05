//! Node.js's own test suite as the yardstick (`tests/node_compat/`, issue 9).
//!
//! Extracts Node v20.19.2's `test/` directory from `../shared/node-tests/` (relative to
//! the repository; skipped with a message when the archive is absent), runs each
//! selected test file, unchanged, with the amber binary in its own process and process
//! group, with the flags of its `// Flags:` line and a timeout, and compares the results
//! with `tests/node_compat/expected_pass.txt`. A listed test that fails fails this test;
//! a test that passes but is not listed is reported so it can be added. A test that
//! exits 0 after printing Node's skip marker (`1..0 # Skipped`) counts as skipped, not
//! passing. Tests in `tests/node_compat/flaky.txt` run and are reported, but are never
//! required to pass nor added by `--update` (each is listed with its reason).
//!
//! Environment:
//! - `NODE_COMPAT_FILTER=buffer,test-path-join` — only these areas and the files whose
//!   names start with one of these comma-separated words;
//! - `NODE_COMPAT_UPDATE=1` — add the tests that passed in this run to the expected list;
//!   it never removes one (a listed test that failed is reported and fails the run:
//!   rerun it, then fix it, move it to flaky.txt with a reason, or delete its line);
//! - `NODE_COMPAT_JOBS=n` (default twice the cores), `NODE_COMPAT_TIMEOUT=secs` (default 30);
//! - `NODE_COMPAT_REPORT=file` — write one line per test: name, status, first error line.
//!
//! `tests/node_compat/run.sh [--update] [filter]` wraps these.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ARCHIVE: &str = "node-v20.19.2-tests.tar.xz";
const TOP: &str = "node-v20.19.2";

/// Areas and the file-name prefixes (in `test/parallel`) that select their tests.
/// `esm` also takes every test of `test/es-module`, and `wasi` every test of `test/wasi`.
const AREAS: &[(&str, &[&str])] = &[
  ("buffer", &["test-buffer"]),
  ("path", &["test-path"]),
  ("util", &["test-util"]),
  ("events", &["test-events", "test-event-emitter", "test-event-capture-rejections"]),
  ("fs", &["test-fs"]),
  // `test-readable-*` test `Readable.from` and the readable side of streams.
  ("stream", &["test-stream", "test-readable"]),
  ("url", &["test-url"]),
  ("querystring", &["test-querystring"]),
  ("string_decoder", &["test-string-decoder"]),
  ("assert", &["test-assert"]),
  ("timers", &["test-timers"]),
  ("async_hooks", &["test-async-hooks", "test-async-local-storage", "test-async-wrap", "test-asyncresource"]),
  ("domain", &["test-domain"]),
  ("process", &["test-process"]),
  ("child_process", &["test-child-process"]),
  ("cluster", &["test-cluster"]),
  ("zlib", &["test-zlib"]),
  ("crypto", &["test-crypto"]),
  ("webcrypto", &["test-webcrypto"]),
  ("test_runner", &["test-runner"]),
  ("vm", &["test-vm"]),
  ("readline", &["test-readline"]),
  ("module", &["test-module", "test-require"]),
  ("console", &["test-console"]),
  ("os", &["test-os"]),
  ("esm", &["test-esm"]),
  ("snapshot", &["test-snapshot", "test-v8-startup-snapshot-api"]),
  ("worker", &["test-worker", "test-messagechannel", "test-messageport", "test-messageevent", "test-messaging", "test-broadcastchannel"]),
  // Every other `test-v8-*` (`test-v8-startup-snapshot-api` is taken by `snapshot` above):
  // serdes, flags, heap statistics, coverage, queryObjects.
  ("v8", &["test-v8"]),
  // fetch and the web platform classes around it (and the one http test that uses Headers;
  // structuredClone, which carries Blobs, AbortSignals and web streams; util.aborted).
  ("fetch", &["test-fetch", "test-file", "test-blob", "test-abortcontroller", "test-abortsignal", "test-http-response-setheaders", "test-structuredClone", "test-aborted"]),
  ("tls", &["test-tls"]),
  ("https", &["test-https"]),
  ("net", &["test-net"]),
  ("dns", &["test-dns"]),
  ("dgram", &["test-dgram"]),
  // Before `http`, whose prefix would take `test-http2-*` (a digit follows it).
  ("http2", &["test-http2"]),
  ("http", &["test-http"]),
  ("perf_hooks", &["test-perf-hooks", "test-performance", "test-performanceobserver", "test-perf-gc"]),
  ("diagnostics_channel", &["test-diagnostics-channel"]),
  ("webstreams", &["test-webstream", "test-webstreams", "test-whatwg-webstreams", "test-whatwg-readablestream", "test-whatwg-writablestream", "test-whatwg-transformstream"]),
  // After `webstreams`, which takes its own `test-whatwg-*` files: URL, encoding, events and
  // the byte streams.
  ("whatwg", &["test-whatwg"]),
  ("eventtarget", &["test-eventtarget", "test-event-target", "test-nodeeventtarget"]),
  // Promise hooks and unhandled rejections.
  ("promises", &["test-promise", "test-promises", "test-unhandled"]),
  // Error objects and how errors are reported: uv error names (`test-uv`), warnings
  // (`test-warn`) and what a thrown non-error prints (`test-throw`).
  ("errors", &["test-errors", "test-error", "test-uv", "test-warn", "test-throw"]),
  ("globals", &["test-global", "test-globals"]),
  ("next_tick", &["test-next-tick", "test-microtask", "test-queue-microtask"]),
  ("stdio", &["test-stdin", "test-stdout", "test-stderr", "test-stdio", "test-pipe", "test-tty", "test-ttywrap"]),
  ("signal", &["test-signal"]),
  // The command line and what a process does at start: `-e`/`-p` (`test-eval`), a deleted
  // working directory (`test-cwd`), and the exact output of errors, warnings and the console
  // (`test-node-output`, compared with Node's snapshot files).
  ("cli", &["test-cli", "test-dotenv", "test-preload", "test-startup", "test-eval", "test-cwd", "test-node-output"]),
  ("source_map", &["test-source-map"]),
  ("intl", &["test-icu", "test-intl"]),
  ("string", &["test-string", "test-stringbytes", "test-punycode"]),
  // Heap profiles and snapshots, and tests that watch objects being collected (`test-gc`).
  ("heap", &["test-heap", "test-heapdump", "test-heapsnapshot", "test-gc"]),
  ("shadow_realm", &["test-shadow-realm"]),
  // node:inspector's in-process sessions; the tests that need --inspect (a WebSocket
  // server) or a debugger client over a port fail.
  ("inspector", &["test-inspector"]),
  // Node's internal modules as `--expose-internals` tests see them.
  ("internals", &["test-internal", "test-primordials"]),
  // Node's test harness itself (`test/common`).
  ("common", &["test-common"]),
  // Socket classes below `net`: SocketAddress, the tcp_wrap binding, listening on a given
  // descriptor, JSStreamSocket (`test-wrap-js-stream`).
  ("sockets", &["test-socket", "test-tcp-wrap", "test-listen-fd", "test-wrap-js-stream"]),
];

/// Prefixes that an area's prefix would take but that are not selected.
const NOT_SELECTED: &[&str] = &[];

/// Which area a `test/parallel` file belongs to: its name is a prefix followed by `-`,
/// `.` or a digit (`test-stream2-*`), so `test-os-*` does not take `test-osx-*`.
fn area_of(name: &str) -> Option<&'static str> {
  if NOT_SELECTED.iter().any(|p| name.starts_with(p)) {
    return None;
  }
  for (area, prefixes) in AREAS {
    for p in *prefixes {
      if let Some(rest) = name.strip_prefix(p) {
        if rest.starts_with(['-', '.']) || rest.starts_with(|c: char| c.is_ascii_digit()) {
          return Some(area);
        }
      }
    }
  }
  None
}

/// Node's test.py lists `^test-.*\.m?js$`.
fn is_test_file(name: &str) -> bool {
  name.starts_with("test-") && (name.ends_with(".js") || name.ends_with(".mjs"))
}

struct Test {
  /// `parallel/test-x.js` or `es-module/test-y.mjs`, relative to `test/`.
  name: String,
  area: &'static str,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Status {
  Pass,
  Skip,
  Fail,
  Timeout,
}

struct Outcome {
  status: Status,
  detail: String,
  secs: f64,
}

fn config_dir() -> PathBuf {
  common::repo_root().join("tests/node_compat")
}

/// Names from a list file: one per line, `#` starts a comment.
fn read_list(path: &Path) -> BTreeSet<String> {
  std::fs::read_to_string(path)
    .unwrap_or_default()
    .lines()
    .map(|l| l.split('#').next().unwrap().trim())
    .filter(|l| !l.is_empty())
    .map(|l| l.to_string())
    .collect()
}

fn select(test_dir: &Path, excluded: &BTreeSet<String>, filter: &[String]) -> Vec<Test> {
  let mut tests = Vec::new();
  let list = |dir: &str| -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(test_dir.join(dir)).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| is_test_file(n)).collect();
    v.sort();
    v
  };
  for f in list("parallel") {
    if let Some(area) = area_of(&f) {
      tests.push(Test { name: format!("parallel/{f}"), area });
    }
  }
  for f in list("es-module") {
    tests.push(Test { name: format!("es-module/{f}"), area: "esm" });
  }
  for f in list("wasi") {
    tests.push(Test { name: format!("wasi/{f}"), area: "wasi" });
  }
  tests.retain(|t| !excluded.contains(&t.name));
  if !filter.is_empty() {
    let base = |n: &str| n.rsplit('/').next().unwrap().to_string();
    tests.retain(|t| filter.iter().any(|w| t.area == w || base(&t.name).starts_with(w.as_str())));
  }
  tests
}

/// The flags of a test's `// Flags:` line, as Node's test.py reads them.
fn test_flags(source: &str) -> Vec<String> {
  for line in source.lines() {
    if let Some(i) = line.find("// Flags:") {
      return line[i + "// Flags:".len()..].split_whitespace().map(|s| s.to_string()).collect();
    }
  }
  Vec::new()
}

extern "C" {
  fn kill(pid: i32, sig: i32) -> i32;
}
const SIGKILL: i32 = 9;

fn run_one(amber: &Path, root: &Path, test: &Test, worker: usize, timeout: Duration, scratch: &Path) -> Outcome {
  let file = root.join("test").join(&test.name);
  let source = std::fs::read_to_string(&file).unwrap_or_default();
  let out_path = scratch.join(format!("out.{worker}"));
  let out = std::fs::File::create(&out_path).unwrap();
  let mut cmd = Command::new(amber);
  cmd.args(test_flags(&source)).arg(&file).current_dir(root);
  // Each worker gets its own `test/.tmp.N` (test/common/tmpdir.js).
  cmd.env("TEST_THREAD_ID", worker.to_string()).env_remove("NODE_OPTIONS");
  cmd.stdin(Stdio::null()).stdout(out.try_clone().unwrap()).stderr(out);
  // A process group of its own: tests that signal their group reach only themselves
  // and their children, and the whole group is killed when the test ends.
  cmd.process_group(0);
  let started = Instant::now();
  let mut child = match cmd.spawn() {
    Ok(c) => c,
    Err(e) => return Outcome { status: Status::Fail, detail: format!("spawn: {e}"), secs: 0.0 },
  };
  let pid = child.id() as i32;
  let mut timed_out = false;
  let status = loop {
    if let Some(s) = child.try_wait().unwrap() {
      break Some(s);
    }
    if started.elapsed() > timeout {
      timed_out = true;
      unsafe { kill(-pid, SIGKILL) };
      let _ = child.wait();
      break None;
    }
    std::thread::sleep(Duration::from_millis(5));
  };
  // Whatever the test left running in its group goes too.
  unsafe { kill(-pid, SIGKILL) };
  let secs = started.elapsed().as_secs_f64();
  let mut output = String::new();
  let _ = std::fs::File::open(&out_path).and_then(|mut f| {
    let mut b = Vec::new();
    f.read_to_end(&mut b)?;
    output = String::from_utf8_lossy(&b).into_owned();
    Ok(())
  });
  let detail = first_error_line(&output);
  match status {
    None if timed_out => Outcome { status: Status::Timeout, detail: format!("timeout after {}s", timeout.as_secs()), secs },
    Some(s) if s.success() => {
      if output.contains("1..0 # Skipped") {
        let why = output.lines().find(|l| l.contains("1..0 # Skipped")).unwrap_or("").trim().to_string();
        Outcome { status: Status::Skip, detail: why, secs }
      } else {
        Outcome { status: Status::Pass, detail: String::new(), secs }
      }
    }
    Some(s) => Outcome { status: Status::Fail, detail: format!("exit {:?}: {detail}", s.code().or_else(|| std::os::unix::process::ExitStatusExt::signal(&s).map(|n| 128 + n))), secs },
    None => unreachable!(),
  }
}

/// The most telling line of a failure's output: the error message line.
fn first_error_line(output: &str) -> String {
  let lines: Vec<&str> = output.lines().collect();
  let pick = lines
    .iter()
    .find(|l| {
      let t = l.trim_start();
      (t.contains("Error") && (t.contains(": ") || t.starts_with("Error"))) && !t.starts_with("at ")
    })
    .or_else(|| lines.iter().rev().find(|l| !l.trim().is_empty()));
  pick.map(|l| l.trim().chars().take(200).collect()).unwrap_or_default()
}

#[test]
fn node_test_suite() {
  let archive = std::env::var_os("NODE_COMPAT_ARCHIVE").map(PathBuf::from).unwrap_or_else(|| common::repo_root().join("../shared/node-tests").join(ARCHIVE));
  if !archive.is_file() {
    eprintln!("node_compat: {} not found; skipping Node's test suite", archive.display());
    return;
  }
  let filter: Vec<String> = std::env::var("NODE_COMPAT_FILTER").unwrap_or_default().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
  let update = std::env::var_os("NODE_COMPAT_UPDATE").is_some_and(|v| v != "0");
  // Most tests wait (on sockets, timers, children) far more than they compute, so two
  // per core keep the cores busy: the whole selection runs in about 5 minutes on 2 cores.
  let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
  let jobs: usize = std::env::var("NODE_COMPAT_JOBS").ok().and_then(|v| v.parse().ok()).unwrap_or(2 * cores).max(1);
  let timeout = Duration::from_secs(std::env::var("NODE_COMPAT_TIMEOUT").ok().and_then(|v| v.parse().ok()).unwrap_or(30));

  let tmp = tempfile::Builder::new().prefix("amber-node-compat").tempdir().unwrap();
  let st = Command::new("tar").arg("-xJf").arg(&archive).arg("-C").arg(tmp.path()).status().expect("run tar");
  assert!(st.success(), "tar -xJf {} failed", archive.display());
  let root = tmp.path().join(TOP);
  let excluded = read_list(&config_dir().join("excluded.txt"));
  let expected_path = config_dir().join("expected_pass.txt");
  let expected = read_list(&expected_path);
  let flaky = read_list(&config_dir().join("flaky.txt"));
  let tests = Arc::new(select(&root.join("test"), &excluded, &filter));
  assert!(!tests.is_empty(), "no test matches NODE_COMPAT_FILTER={filter:?}");
  let scratch = tmp.path().join("scratch");
  std::fs::create_dir_all(&scratch).unwrap();

  let started = Instant::now();
  let next = Arc::new(Mutex::new(0usize));
  let results: Arc<Mutex<Vec<Option<Outcome>>>> = Arc::new(Mutex::new((0..tests.len()).map(|_| None).collect()));
  let amber = common::amber();
  let workers: Vec<_> = (0..jobs)
    .map(|w| {
      let (tests, next, results, amber, root, scratch) = (tests.clone(), next.clone(), results.clone(), amber.clone(), root.clone(), scratch.clone());
      std::thread::spawn(move || loop {
        let i = {
          let mut n = next.lock().unwrap();
          let i = *n;
          *n += 1;
          i
        };
        if i >= tests.len() {
          break;
        }
        let o = run_one(&amber, &root, &tests[i], w, timeout, &scratch);
        results.lock().unwrap()[i] = Some(o);
      })
    })
    .collect();
  for w in workers {
    w.join().unwrap();
  }
  let results: Vec<Outcome> = Arc::try_unwrap(results).ok().unwrap().into_inner().unwrap().into_iter().map(|o| o.unwrap()).collect();

  // Per-area summary.
  let mut by_area: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
  for (t, o) in tests.iter().zip(&results) {
    let e = by_area.entry(t.area).or_default();
    e.0 += 1;
    match o.status {
      Status::Pass => e.1 += 1,
      Status::Skip => e.2 += 1,
      _ => {}
    }
  }
  let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
  let mut summary = String::from("\n| area | selected | passing | skipped | % passing |\n| --- | ---: | ---: | ---: | ---: |\n");
  let (mut ts, mut tp, mut tk) = (0, 0, 0);
  for (area, (s, p, k)) in &by_area {
    summary += &format!("| {area} | {s} | {p} | {k} | {:.1}% |\n", pct(*p, *s));
    ts += s;
    tp += p;
    tk += k;
  }
  summary += &format!("| **total** | {ts} | {tp} | {tk} | {:.1}% |\n", pct(tp, ts));
  eprintln!("{summary}");
  eprintln!("node_compat: {} tests in {:.0}s on {jobs} workers", tests.len(), started.elapsed().as_secs_f64());

  if let Some(report) = std::env::var_os("NODE_COMPAT_REPORT") {
    let mut text = String::new();
    for (t, o) in tests.iter().zip(&results) {
      text += &format!("{}\t{:?}\t{:.1}s\t{}\n", t.name, o.status, o.secs, o.detail);
    }
    std::fs::write(&report, text).unwrap();
  }

  let mut regressions = Vec::new();
  let mut newly = Vec::new();
  for (t, o) in tests.iter().zip(&results) {
    let listed = expected.contains(&t.name);
    if flaky.contains(&t.name) {
      if o.status != Status::Pass {
        eprintln!("node_compat: flaky test {} did not pass ({:?}: {})", t.name, o.status, o.detail);
      }
      continue;
    }
    if listed && o.status != Status::Pass {
      regressions.push(format!("  {} ({:?}: {})", t.name, o.status, o.detail));
    }
    if !listed && o.status == Status::Pass {
      newly.push(t.name.clone());
    }
  }
  if update {
    // Only adds: a listed test that failed this time stays listed (one run cannot tell a
    // regression from a flaky test); it is reported, and fails the run, below.
    let mut list: BTreeSet<String> = expected.clone();
    for (t, o) in tests.iter().zip(&results) {
      if o.status == Status::Pass && !flaky.contains(&t.name) {
        list.insert(t.name.clone());
      }
    }
    let mut text = String::from("# Node v20.19.2 tests (relative to test/) that pass on amber; a listed test that fails\n# fails CI. Regenerate with tests/node_compat/run.sh --update.\n");
    for n in &list {
      text += n;
      text += "\n";
    }
    std::fs::write(&expected_path, text).unwrap();
    eprintln!("node_compat: wrote {} ({} tests)", expected_path.display(), list.len());
  }
  if !newly.is_empty() && !update {
    eprintln!("node_compat: {} tests pass that are not in tests/node_compat/expected_pass.txt (add them with tests/node_compat/run.sh --update):", newly.len());
    for n in &newly {
      eprintln!("  {n}");
    }
  }
  assert!(regressions.is_empty(), "{} tests listed in tests/node_compat/expected_pass.txt failed:\n{}", regressions.len(), regressions.join("\n"));
}

#[test]
fn areas_match_whole_prefixes() {
  assert_eq!(area_of("test-os-homedir-no-envvar.js"), Some("os"));
  assert_eq!(area_of("test-os.js"), Some("os"));
  assert_eq!(area_of("test-osx.js"), None);
  assert_eq!(area_of("test-stream2-basic.js"), Some("stream"));
  assert_eq!(area_of("test-v8-startup-snapshot-api.js"), Some("snapshot"));
  assert_eq!(area_of("test-fsx.js"), None);
  assert_eq!(area_of("test-fetch.mjs"), Some("fetch"));
  assert_eq!(area_of("test-http-agent.js"), Some("http"));
  assert_eq!(area_of("test-http2-ping.js"), Some("http2"));
  assert_eq!(area_of("test-https-agent.js"), Some("https"));
  assert_eq!(area_of("test-tls-connect.js"), Some("tls"));
  assert_eq!(area_of("test-whatwg-webstreams-coverage.js"), Some("webstreams"));
  assert_eq!(area_of("test-whatwg-url-canparse.js"), Some("whatwg"));
  assert_eq!(area_of("test-v8-startup-snapshot-api.js"), Some("snapshot"));
  assert_eq!(area_of("test-v8-flags.js"), Some("v8"));
  assert_eq!(area_of("test-string-decoder.js"), Some("string_decoder"));
  assert_eq!(area_of("test-string-decoder-end.js"), Some("string_decoder"));
  assert_eq!(area_of("test-promises-unhandled-rejections.js"), Some("promises"));
  assert_eq!(area_of("test-errors-systemerror.js"), Some("errors"));
  assert_eq!(test_flags("'use strict';\n// Flags: --expose-internals --no-warnings\n"), vec!["--expose-internals", "--no-warnings"]);
}
