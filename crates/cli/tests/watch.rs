//! `--watch`: the program runs in a child and runs again when a file it loaded changes
//! (CommonJS and ES modules), or a `--watch-path` changes; the same lines as `node
//! --watch` prints, compared side by side.

mod common;

use std::io::{BufRead, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// Runs `program --watch... entry` in `dir`; after the first run completes, `change`
/// edits a file; returns stdout up to the end of the second run.
fn watch_twice(program: &Path, dir: &Path, args: &[&str], change: &dyn Fn()) -> String {
  let mut child = Command::new(program)
    .args(args)
    .current_dir(dir)
    .env_remove("NODE_OPTIONS")
    .env("NO_COLOR", "1")
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit())
    .process_group(0)
    .spawn()
    .unwrap();
  let pid = child.id() as i32;
  let (tx, lines) = std::sync::mpsc::channel::<String>();
  let stdout = child.stdout.take().unwrap();
  std::thread::spawn(move || {
    for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
      let _ = tx.send(line);
    }
  });
  let mut out = String::new();
  let mut completed = 0;
  while completed < 2 {
    let Ok(line) = lines.recv_timeout(Duration::from_secs(60)) else {
      unsafe { libc::kill(-pid, libc::SIGKILL) };
      panic!("{} --watch: no second run within 60 s; output so far:\n{out}", program.display());
    };
    out.push_str(&line);
    out.push('\n');
    if line.starts_with("Completed running") || line.starts_with("Failed running") {
      completed += 1;
      if completed == 1 {
        change();
      }
    }
  }
  unsafe { libc::kill(-pid, libc::SIGTERM) };
  let _ = child.wait();
  out
}

fn check(files: &[(&str, &str)], args: &[&str], edit: (&str, &str)) {
  let mut outs = Vec::new();
  for program in [Path::new("node").to_path_buf(), amber()] {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
      let p = dir.path().join(name);
      std::fs::create_dir_all(p.parent().unwrap()).unwrap();
      std::fs::write(p, text).unwrap();
    }
    let target = dir.path().join(edit.0);
    let change = || {
      let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(&target).unwrap();
      f.write_all(edit.1.as_bytes()).unwrap();
    };
    outs.push(watch_twice(&program, dir.path(), args, &change));
  }
  assert_eq!(outs[1], outs[0], "amber --watch (right) differs from node --watch (left)");
}

#[test]
fn watch_restarts_when_a_required_file_changes() {
  check(
    &[("app.js", "const d = require('./lib/dep');\nconsole.log('run', d.v, process.argv.slice(2));\n"), ("lib/dep.js", "exports.v = 1;\n")],
    &["--watch", "app.js", "x"],
    ("lib/dep.js", "exports.v = 2;\n"),
  );
}

#[test]
fn watch_restarts_when_an_imported_module_changes() {
  check(
    &[("app.mjs", "import { v } from './dep.mjs';\nconsole.log('esm', v);\nprocess.exitCode = v === 2 ? 3 : 0;\n"), ("dep.mjs", "export const v = 1;\n")],
    &["--watch", "app.mjs"],
    ("dep.mjs", "export const v = 2;\n"),
  );
}

#[test]
fn watch_path_restarts_on_changes_under_a_directory() {
  check(
    &[("app.js", "console.log('data', require('fs').readFileSync('data/x.txt', 'utf8').trim());\n"), ("data/x.txt", "one\n")],
    &["--watch-path=data", "app.js"],
    ("data/x.txt", "two\n"),
  );
}

#[test]
fn watch_needs_a_file() {
  let dir = tempfile::tempdir().unwrap();
  for (args, message) in [(&["--watch"][..], "--watch requires specifying a file"), (&["--watch", "-e", "1"][..], "either --watch or --eval can be used, not both")] {
    let out = run(dir.path(), args, b"", &[]);
    assert_eq!(out.status.code(), Some(9));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with(&format!(": {message}\n")), "{}", String::from_utf8_lossy(&out.stderr));
  }
}
