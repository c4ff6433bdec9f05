//! Regression tests for the reliability and security defects of issue 11 that are not
//! about snapshot files: file modes (also as an unprivileged user), process signals and
//! fatal exits as Node has them, console output to a full disk, and the compile cache
//! refusing tampered entries and unsafe directories. Each compares with `node` where
//! amber should behave the same.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

use common::*;

fn sh(script: &str, program: &str) -> Output {
  Command::new("sh").arg("-c").arg(script).arg("sh").arg(program).current_dir(fixtures_dir()).stdin(Stdio::null()).output().unwrap()
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

/// Files and directories were created with mode 0000, which root does not notice: run
/// the modes fixture as `nobody` (when the tests run as root) with amber and with node,
/// under several umasks, and compare.
#[test]
fn files_get_node_modes_as_an_unprivileged_user() {
  let root = unsafe { libc::geteuid() } == 0;
  if root && Command::new("setpriv").arg("--version").output().is_err() {
    panic!("setpriv (util-linux) is needed to run this test as an unprivileged user");
  }
  // nobody must be able to reach the binary and the script: copy both to a 0755 dir.
  let tmp = tempfile::tempdir().unwrap();
  let dir = tmp.path();
  std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
  let bin = dir.join("amber");
  std::fs::copy(amber(), &bin).unwrap();
  std::fs::copy(fixtures_dir().join("fs_modes.js"), dir.join("fs_modes.js")).unwrap();
  let run = |program: &str| -> Output {
    let mut cmd = if root {
      let mut c = Command::new("setpriv");
      c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--reset-env", program]);
      c
    } else {
      Command::new(program)
    };
    cmd.arg("fs_modes.js").current_dir(dir).env("TMPDIR", "/tmp").output().unwrap()
  };
  let a = run(bin.to_str().unwrap());
  let node = which_node();
  let n = run(&node);
  assert!(n.status.success(), "node failed: {}", text(&n.stderr));
  assert_eq!(text(&a.stderr), "", "amber's stderr");
  assert_eq!(text(&a.stdout), text(&n.stdout));
  assert!(text(&a.stdout).contains("umask 022: appendFileSync 644"), "{}", text(&a.stdout));
}

fn which_node() -> String {
  let o = Command::new("sh").args(["-c", "command -v node"]).output().unwrap();
  text(&o.stdout).trim().to_string()
}

#[test]
fn process_kill_knows_every_signal() {
  let script = "process.kill(process.pid, 'SIGSEGV'); setTimeout(() => {}, 1000)";
  let a = Command::new(amber()).args(["-e", script]).output().unwrap();
  let n = Command::new("node").args(["-e", script]).output().unwrap();
  assert_eq!(n.status.signal(), Some(libc::SIGSEGV));
  assert_eq!(a.status.signal(), Some(libc::SIGSEGV), "{}", text(&a.stderr));
  let list = "const s = require('os').constants.signals; console.log(Object.keys(s).length, Object.isFrozen(s), s.SIGXFSZ, s.SIGWINCH)";
  let a = Command::new(amber()).args(["-e", list]).output().unwrap();
  let n = Command::new("node").args(["-e", list]).output().unwrap();
  assert_eq!(text(&a.stdout), text(&n.stdout));
}

#[test]
fn writing_past_the_file_size_limit_throws_efbig() {
  let script = r#"ulimit -f 1; exec "$1" -e "const f = require('os').tmpdir() + '/amber-efbig-' + process.pid; try { require('fs').writeFileSync(f, Buffer.alloc(10000)) } catch (e) { console.log(e.code, e.syscall) } finally { require('fs').rmSync(f, { force: true }) }""#;
  let a = sh(script, amber().to_str().unwrap());
  let n = sh(script, "node");
  assert_eq!(text(&n.stdout), "EFBIG write\n");
  assert_eq!(text(&a.stdout), text(&n.stdout), "{}", text(&a.stderr));
  // Programs amber starts do not inherit its ignored signals: amber's own ignore mask
  // and its child's are the same as under node, and a child's death by signal is named.
  let child = "const cp = require('child_process'); console.log(require('fs').readFileSync('/proc/self/status', 'utf8').match(/SigIgn.*/)[0], String(cp.execFileSync('grep', ['SigIgn', '/proc/self/status'])).trim(), cp.spawnSync('sh', ['-c', 'kill -XFSZ $$']).signal)";
  let a = Command::new(amber()).args(["-e", child]).output().unwrap();
  let n = Command::new("node").args(["-e", child]).output().unwrap();
  assert!(text(&n.stdout).ends_with(" SIGXFSZ\n"), "{}", text(&n.stdout));
  assert_eq!(text(&a.stdout), text(&n.stdout), "{}", text(&a.stderr));
}

#[test]
fn signals_ignored_by_the_parent_are_reset() {
  // A shell that ignores SIGINT passes that on; Node (and amber) reset it at start.
  let script = r#"trap '' INT; exec "$1" -e "process.kill(process.pid, 'SIGINT'); setTimeout(() => console.log('survived'), 2000)""#;
  let a = sh(script, amber().to_str().unwrap());
  let n = sh(script, "node");
  assert_eq!(n.status.signal(), Some(libc::SIGINT));
  assert_eq!(a.status.signal(), Some(libc::SIGINT), "{}", text(&a.stdout));
}

#[test]
fn console_output_to_a_full_device_is_dropped_like_node() {
  // Node's rule: console.* swallows the first failed write of a stream; a failure after
  // that error was emitted reaches the stream's listeners, and unheard ends the process.
  for script in [
    "console.log('hi'); console.error('after')",
    "console.log('a'); console.log('b'); console.error('same tick')",
    "console.log('a'); setTimeout(() => console.log('b'), 20)",
    "console.log('a'); process.nextTick(() => console.log('b'))",
    "console.log('a'); setTimeout(() => console.error(process.stdout.destroyed, process.stdout._writableState.errorEmitted), 20)",
    "process.stdout.write('x', (e) => console.error('callback', e.code)); process.stdout.on('error', (e) => console.error('event', e.code))",
  ] {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let a = Command::new(amber()).args(["-e", script]).stdout(full()).output().unwrap();
    let n = Command::new("node").args(["-e", script]).stdout(full()).output().unwrap();
    assert_eq!(a.status.code(), n.status.code(), "{script}: {}", text(&a.stderr));
    // The first line of an uncaught error is where it was thrown, inside each runtime.
    let tail = |s: String| s.lines().filter(|l| !l.starts_with("node:") && !l.trim_start().starts_with("at ") && !l.contains("throw er") && l.trim() != "^").map(|l| l.to_string()).collect::<Vec<_>>();
    let (ta, tn) = (tail(text(&a.stderr)), tail(text(&n.stderr)));
    assert_eq!(ta.first(), tn.first(), "{script}:\n{}\n---\n{}", text(&a.stderr), text(&n.stderr));
  }
}

#[test]
fn out_of_memory_aborts_with_nodes_fatal_message() {
  let o = Command::new(amber())
    .args(["--v8-flags=--max-old-space-size=16", "-e", "const a = []; for (;;) a.push(new Array(1e5).fill(1))"])
    .output()
    .unwrap();
  assert_eq!(o.status.signal(), Some(libc::SIGABRT), "{:?}", o.status);
  assert!(text(&o.stderr).contains("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"), "{}", text(&o.stderr));
}

#[test]
fn a_script_on_stdin_that_is_not_utf8_runs_like_node() {
  use std::io::Write;
  let script = b"console.log('a\xff\xfeb'.length, JSON.stringify('\xe9'))\n";
  let run = |program: std::path::PathBuf| {
    let mut c = Command::new(program).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(script).unwrap();
    c.wait_with_output().unwrap()
  };
  let a = run(amber());
  let n = run("node".into());
  assert_eq!(text(&n.stdout), "4 \"\u{fffd}\"\n");
  assert_eq!((a.status.code(), text(&a.stdout)), (n.status.code(), text(&n.stdout)), "{}", text(&a.stderr));
}

/// Entries are bound to their module's full source and checksummed: damaged or swapped
/// entries are ignored (and rewritten), never run.
#[test]
fn compile_cache_entries_that_were_tampered_with_are_not_run() {
  let tmp = tempfile::tempdir().unwrap();
  let cache = tmp.path().join("cache");
  // Same length, different code: V8's own check compares only the source length.
  std::fs::write(tmp.path().join("a.js"), "module.exports = 'a says hi';").unwrap();
  std::fs::write(tmp.path().join("b.js"), "module.exports = 'b says yo';").unwrap();
  let app = tmp.path().join("app.js");
  std::fs::write(&app, "console.log(require('./a'), require('./b'))").unwrap();
  let run = || {
    let o = Command::new(amber()).arg(&app).env("NODE_COMPILE_CACHE", &cache).output().unwrap();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
  };
  let ok = (Some(0), "a says hi b says yo\n".to_string(), String::new());
  assert_eq!(run(), ok);
  let entries = || -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(&cache).unwrap().flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap()).map(|e| e.unwrap().path()).collect();
    v.sort();
    v
  };
  assert_eq!(entries().len(), 3);
  let originals: Vec<Vec<u8>> = entries().iter().map(|e| std::fs::read(e).unwrap()).collect();
  // Every entry copied over every other: each module still runs its own code.
  for (i, from) in originals.iter().enumerate() {
    for (j, to) in entries().iter().enumerate() {
      if i != j {
        std::fs::write(to, from).unwrap();
      }
    }
    assert_eq!(run(), ok, "entry {i} copied over the others");
  }
  // Flipped bytes anywhere (sampled) never crash and never change the output.
  let victim = entries()[0].clone();
  let good = std::fs::read(&victim).unwrap();
  for pos in (0..good.len()).step_by((good.len() / 40).max(1)) {
    let mut bad = good.clone();
    bad[pos] ^= 0x5a;
    std::fs::write(&victim, &bad).unwrap();
    assert_eq!(run(), ok, "byte {pos} of {} flipped", good.len());
  }
}

#[test]
fn compile_cache_refuses_directories_other_users_can_write() {
  use std::os::unix::fs::PermissionsExt;
  let tmp = tempfile::tempdir().unwrap();
  let shared = tmp.path().join("shared");
  std::fs::create_dir(&shared).unwrap();
  std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
  let script = "const r = require('module').enableCompileCache(process.argv[1]); console.log(r.status, r.message)";
  let o = Command::new(amber()).args(["-e", script, shared.to_str().unwrap()]).output().unwrap();
  assert_eq!(text(&o.stdout), format!("0 {} is writable by other users\n", shared.display()), "{}", text(&o.stderr));
  // A directory it creates itself is private to the user.
  let own = tmp.path().join("own");
  let o = Command::new(amber()).args(["-e", script, own.to_str().unwrap()]).output().unwrap();
  assert_eq!(text(&o.stdout), "1 undefined\n");
  let sub = std::fs::read_dir(&own).unwrap().next().unwrap().unwrap().path();
  assert_eq!(std::fs::metadata(&sub).unwrap().permissions().mode() & 0o777, 0o700);
  // The default location is per user, under $XDG_CACHE_HOME.
  let xdg = tmp.path().join("xdg");
  let o = Command::new(amber()).args(["-p", "require('module').enableCompileCache().directory"]).env("XDG_CACHE_HOME", &xdg).output().unwrap();
  assert!(text(&o.stdout).starts_with(&format!("{}/amber/compile-cache/v8-", xdg.display())), "{}", text(&o.stdout));
}

/// `amber -r pre.js app.snap` ignored the preload: it now runs after the deserialize
/// callbacks, before the main function, and sees the restored heap.
#[test]
fn preloads_run_before_a_snapshots_main_function() {
  let tmp = tempfile::tempdir().unwrap();
  let dir = tmp.path();
  std::fs::write(dir.join("app.js"), "globalThis.built = 'at build'; require('v8').startupSnapshot.setDeserializeMainFunction(() => console.log('main', globalThis.pre))").unwrap();
  std::fs::write(dir.join("pre.js"), "console.log('pre sees', globalThis.built); globalThis.pre = 'from preload';").unwrap();
  let o = Command::new(amber()).args(["snapshot", "build", "app.js", "-o", "app.snap"]).current_dir(dir).output().unwrap();
  assert!(o.status.success(), "{}", text(&o.stderr));
  for args in [&["-r", "./pre.js", "app.snap"][..], &["--require", "./pre.js", "--snapshot-blob", "app.snap"][..]] {
    let o = Command::new(amber()).args(args).current_dir(dir).output().unwrap();
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), "pre sees at build\nmain from preload\n".to_string()), "{args:?}: {}", text(&o.stderr));
  }
  let o = Command::new(amber()).args(["-r", "./missing.js", "app.snap"]).current_dir(dir).output().unwrap();
  assert_eq!(o.status.code(), Some(1));
  assert!(text(&o.stderr).contains("Cannot find module './missing.js'"), "{}", text(&o.stderr));
  assert_eq!(text(&o.stdout), "");
}
