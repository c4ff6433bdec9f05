//! Node's own Node-API test suites (`test/js-native-api`, `test/node-api`) under amber.
//!
//! Extracts the headers (`src/*.h`), `test/common` and the two suites from
//! `../shared/node-tests/node-v20.19.2-tests.tar.xz` (skipped with a message when the
//! archive is absent), builds every test addon from its C/C++ sources with the system
//! compiler as node-gyp would (`-shared -fPIC`, the `defines` of its `binding.gyp`,
//! `NODE_GYP_MODULE_NAME`; no node-gyp) into the `build/Release/` layout the tests
//! require, runs each test file unchanged with amber, and compares the result with
//! `tests/napi_suite/expected_pass.txt`. A listed test that fails fails this test; a
//! passing test that is not listed is reported. `tests/napi_suite/not_passing.txt`
//! says why each other test does not pass.
//!
//! Environment: `NAPI_SUITE_FILTER=test_object,2_function` (directories whose names
//! start so), `NAPI_SUITE_UPDATE=1` (rewrite the expected list from this run),
//! `NAPI_SUITE_JOBS=n` (default 2), `NAPI_SUITE_REPORT=file` (one line per test).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ARCHIVE: &str = "node-v20.19.2-tests.tar.xz";
const TOP: &str = "node-v20.19.2";
const SUITES: &[&str] = &["js-native-api", "node-api"];

struct Target {
  name: String,
  sources: Vec<String>,
  defines: Vec<String>,
}

/// The targets of a `binding.gyp` (a Python literal: comments, single quotes and
/// trailing commas are normalised to JSON first).
fn parse_gyp(text: &str) -> Vec<Target> {
  let mut json = String::new();
  for line in text.lines() {
    // Cut a `#` comment, but not a `#` inside a string.
    let mut quote = None;
    let mut cut = line.len();
    for (i, c) in line.char_indices() {
      match (quote, c) {
        (None, '\'' | '"') => quote = Some(c),
        (Some(q), c) if c == q => quote = None,
        (None, '#') => {
          cut = i;
          break;
        }
        _ => {}
      }
    }
    let line = &line[..cut];
    json.push_str(line);
    json.push('\n');
  }
  let json = json.replace('\'', "\"");
  let mut cleaned = String::new();
  let chars: Vec<char> = json.chars().collect();
  for (i, &c) in chars.iter().enumerate() {
    if c == ',' {
      let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
      if matches!(next, Some(']') | Some('}')) {
        continue;
      }
    }
    cleaned.push(c);
  }
  let v: serde_json::Value = match serde_json::from_str(&cleaned) {
    Ok(v) => v,
    Err(_) => return Vec::new(),
  };
  let strings = |v: &serde_json::Value| -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(|s| s.replace("<(napi_build_version)", "9"))).collect()).unwrap_or_default()
  };
  v["targets"]
    .as_array()
    .map(|ts| {
      ts.iter()
        .filter_map(|t| {
          Some(Target {
            name: t["target_name"].as_str()?.to_string(),
            sources: strings(&t["sources"]),
            defines: strings(&t["defines"]),
          })
        })
        .collect()
    })
    .unwrap_or_default()
}

/// Compiles one target into `<dir>/build/Release/<name>.node`; the first error line
/// on failure.
fn build(root: &Path, dir: &Path, t: &Target) -> Result<(), String> {
  let out_dir = dir.join("build/Release");
  std::fs::create_dir_all(&out_dir).unwrap();
  let cxx = t.sources.iter().any(|s| s.ends_with(".cc") || s.ends_with(".cpp"));
  let mut cmd = Command::new(if cxx { "c++" } else { "cc" });
  cmd.current_dir(dir).args(["-shared", "-fPIC", "-O1", "-w", "-g0"]);
  cmd.arg(format!("-I{}", root.join("src").display()));
  cmd.arg(format!("-I{}", common::repo_root().join("tests/napi_suite/uv").display()));
  cmd.arg(format!("-DNODE_GYP_MODULE_NAME={}", t.name)).arg("-DBUILDING_NODE_EXTENSION");
  for d in &t.defines {
    cmd.arg(format!("-D{d}"));
  }
  for s in &t.sources {
    if s.ends_with(".c") || s.ends_with(".cc") || s.ends_with(".cpp") {
      cmd.arg(s);
    }
  }
  cmd.arg("-o").arg(out_dir.join(format!("{}.node", t.name)));
  let out = cmd.stderr(Stdio::piped()).stdout(Stdio::null()).output().map_err(|e| e.to_string())?;
  if out.status.success() {
    return Ok(());
  }
  let err = String::from_utf8_lossy(&out.stderr);
  Err(err.lines().find(|l| l.contains("error")).unwrap_or("compiler failed").trim().to_string())
}

fn read_list(path: &Path) -> BTreeSet<String> {
  std::fs::read_to_string(path)
    .unwrap_or_default()
    .lines()
    .map(|l| l.split('#').next().unwrap().trim().to_string())
    .filter(|l| !l.is_empty())
    .collect()
}

/// Runs one test file; `Ok` when it exits 0, else the last error-looking line.
fn run_test(amber: &Path, root: &Path, file: &Path) -> Result<(), String> {
  let source = std::fs::read_to_string(file).unwrap_or_default();
  let mut flags = Vec::new();
  for line in source.lines() {
    if let Some(f) = line.trim().strip_prefix("// Flags:") {
      flags.extend(f.split_whitespace().map(String::from));
    }
  }
  let mut cmd = Command::new(amber);
  cmd.args(&flags).arg(file).current_dir(root.join("test"));
  cmd.env_remove("NODE_OPTIONS").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
  let mut child = cmd.spawn().map_err(|e| e.to_string())?;
  let started = Instant::now();
  loop {
    if let Some(_st) = child.try_wait().unwrap() {
      break;
    }
    if started.elapsed() > Duration::from_secs(30) {
      let _ = child.kill();
      let _ = child.wait();
      return Err("timeout".into());
    }
    std::thread::sleep(Duration::from_millis(10));
  }
  let out = child.wait_with_output().unwrap();
  if out.status.success() {
    return Ok(());
  }
  let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
  let line = text
    .lines()
    .find(|l| l.contains("Error") && !l.trim_start().starts_with("at "))
    .or_else(|| text.lines().last())
    .unwrap_or("")
    .trim()
    .to_string();
  Err(format!("exit {:?}: {line}", out.status.code()))
}

#[test]
fn node_api_suite() {
  let archive = common::repo_root().join("../shared/node-tests").join(ARCHIVE);
  if !archive.exists() {
    eprintln!("napi_suite: {} not found; skipped", archive.display());
    return;
  }
  let filter: Vec<String> = std::env::var("NAPI_SUITE_FILTER").unwrap_or_default().split(',').filter(|s| !s.is_empty()).map(String::from).collect();
  let update = std::env::var_os("NAPI_SUITE_UPDATE").is_some();
  let jobs: usize = std::env::var("NAPI_SUITE_JOBS").ok().and_then(|j| j.parse().ok()).unwrap_or(2);
  let tmp = tempfile::tempdir().unwrap();
  let parts = ["src", "test/common", "test/js-native-api", "test/node-api"].map(|p| format!("{TOP}/{p}"));
  let st = Command::new("tar").arg("-xJf").arg(&archive).arg("-C").arg(tmp.path()).args(&parts).status().expect("run tar");
  assert!(st.success(), "extracting {} failed", archive.display());
  let root = tmp.path().join(TOP);
  let started = Instant::now();

  // Every test directory with its targets and test files.
  let mut dirs = Vec::new();
  for suite in SUITES {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join("test").join(suite)).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for dir in entries {
      let gyp = dir.join("binding.gyp");
      if !gyp.exists() {
        continue;
      }
      let name = dir.file_name().unwrap().to_string_lossy().to_string();
      if !filter.is_empty() && !filter.iter().any(|f| name.starts_with(f.as_str())) {
        continue;
      }
      let targets = parse_gyp(&std::fs::read_to_string(&gyp).unwrap());
      dirs.push((format!("{suite}/{name}"), dir, targets));
    }
  }

  // Build in parallel.
  let work: Arc<Mutex<Vec<(usize, usize)>>> =
    Arc::new(Mutex::new(dirs.iter().enumerate().flat_map(|(i, d)| (0..d.2.len()).map(move |j| (i, j))).collect()));
  let build_errors: Arc<Mutex<Vec<Option<String>>>> = Arc::new(Mutex::new(vec![None; dirs.len()]));
  let dirs = Arc::new(dirs);
  let root = Arc::new(root);
  let threads: Vec<_> = (0..jobs)
    .map(|_| {
      let (work, errs, dirs, root) = (work.clone(), build_errors.clone(), dirs.clone(), root.clone());
      std::thread::spawn(move || loop {
        let Some((i, j)) = work.lock().unwrap().pop() else { return };
        let (_, dir, targets) = &dirs[i];
        if let Err(e) = build(&root, dir, &targets[j]) {
          errs.lock().unwrap()[i] = Some(format!("build failed: {e}"));
        }
      })
    })
    .collect();
  for t in threads {
    t.join().unwrap();
  }
  let build_secs = started.elapsed().as_secs_f64();

  // Run every test file.
  let mut tests = Vec::new();
  for (i, (name, dir, _)) in dirs.iter().enumerate() {
    let mut files: Vec<String> = std::fs::read_dir(dir)
      .unwrap()
      .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
      .filter(|f| f.starts_with("test") && f.ends_with(".js"))
      .collect();
    files.sort();
    for f in files {
      tests.push((format!("{name}/{f}"), dir.join(&f), i));
    }
  }
  let queue = Arc::new(Mutex::new((0..tests.len()).rev().collect::<Vec<_>>()));
  let results: Arc<Mutex<Vec<Option<Result<(), String>>>>> = Arc::new(Mutex::new(vec![None; tests.len()]));
  let tests = Arc::new(tests);
  let errs = Arc::new(build_errors.lock().unwrap().clone());
  let amber = common::amber();
  let threads: Vec<_> = (0..jobs)
    .map(|_| {
      let (queue, results, tests, root, errs, amber) = (queue.clone(), results.clone(), tests.clone(), root.clone(), errs.clone(), amber.clone());
      std::thread::spawn(move || loop {
        let Some(k) = queue.lock().unwrap().pop() else { return };
        let (_, file, d) = &tests[k];
        let r = match &errs[*d] {
          Some(e) => Err(e.clone()),
          None => run_test(&amber, &root, file),
        };
        results.lock().unwrap()[k] = Some(r);
      })
    })
    .collect();
  for t in threads {
    t.join().unwrap();
  }
  let results = results.lock().unwrap();

  let list_path = common::repo_root().join("tests/napi_suite/expected_pass.txt");
  let expected = read_list(&list_path);
  let mut passed = BTreeSet::new();
  let mut report = String::new();
  let mut regressions = Vec::new();
  for (k, (name, _, _)) in tests.iter().enumerate() {
    let r = results[k].clone().unwrap();
    match &r {
      Ok(()) => {
        passed.insert(name.clone());
        report.push_str(&format!("{name} pass\n"));
      }
      Err(e) => {
        report.push_str(&format!("{name} FAIL {e}\n"));
        if expected.contains(name) {
          regressions.push(format!("{name}: {e}"));
        }
      }
    }
  }
  eprintln!(
    "napi_suite: {} of {} test files pass (addons built in {:.0}s, all done in {:.0}s)",
    passed.len(),
    tests.len(),
    build_secs,
    started.elapsed().as_secs_f64()
  );
  if let Some(p) = std::env::var_os("NAPI_SUITE_REPORT") {
    std::fs::write(p, &report).unwrap();
  }
  let new: Vec<_> = passed.difference(&expected).collect();
  if !new.is_empty() {
    eprintln!("napi_suite: passing but not in expected_pass.txt: {new:?}");
  }
  if update {
    let in_filter = |n: &String| tests.iter().any(|t| &t.0 == n);
    let mut all: BTreeSet<String> = expected.iter().filter(|n| !in_filter(n)).cloned().collect();
    all.extend(passed.iter().cloned());
    let mut text = String::from("# Node-API test files (test/js-native-api, test/node-api of Node v20.19.2) that pass\n# under amber; checked by crates/cli/tests/napi_suite.rs. Regenerate with NAPI_SUITE_UPDATE=1.\n");
    for n in &all {
      text.push_str(n);
      text.push('\n');
    }
    std::fs::write(&list_path, text).unwrap();
    return;
  }
  assert!(regressions.is_empty(), "Node-API tests that should pass failed:\n{}", regressions.join("\n"));
}

#[test]
fn gyp_files_parse_with_comments_quotes_and_trailing_commas() {
  let t = parse_gyp("{\n 'targets': [ # list\n  { 'target_name': 'x', 'sources': ['a.c', '../b.c',], 'defines': ['NAPI_VERSION=<(napi_build_version)'], },\n ],\n}");
  assert_eq!(t.len(), 1);
  assert_eq!(t[0].name, "x");
  assert_eq!(t[0].sources, vec!["a.c", "../b.c"]);
  assert_eq!(t[0].defines, vec!["NAPI_VERSION=9"]);
}
