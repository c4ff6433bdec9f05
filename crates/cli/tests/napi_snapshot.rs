//! Native addons inside snapshots (issue 8 items 4-6): a small C addon with functions,
//! a class, a constructor reference taken during registration (as napi-rs does) and
//! `napi_wrap`ped instances, built here with the system C compiler, loaded at build
//! time and used from the main function; the build refusing a wrap that is still alive;
//! `amber compile` inlining the addon so the executable runs without it on disk; and
//! bad input at restore (missing, changed, registering differently): one line naming
//! the file, exit code 1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const ADDON: &str = r#"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
typedef struct napi_env__* napi_env;
typedef struct napi_value__* napi_value;
typedef struct napi_ref__* napi_ref;
typedef struct napi_callback_info__* napi_callback_info;
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);
typedef void (*napi_finalize)(napi_env, void*, void*);
typedef struct { const char* utf8name; napi_value name; napi_callback method; napi_callback getter; napi_callback setter; napi_value value; int attributes; void* data; } napi_property_descriptor;
extern int napi_create_function(napi_env, const char*, size_t, napi_callback, void*, napi_value*);
extern int napi_define_class(napi_env, const char*, size_t, napi_callback, void*, size_t, const napi_property_descriptor*, napi_value*);
extern int napi_set_named_property(napi_env, napi_value, const char*, napi_value);
extern int napi_get_cb_info(napi_env, napi_callback_info, size_t*, napi_value*, napi_value*, void**);
extern int napi_get_value_double(napi_env, napi_value, double*);
extern int napi_create_double(napi_env, double, napi_value*);
extern int napi_create_string_utf8(napi_env, const char*, size_t, napi_value*);
extern int napi_get_value_string_utf8(napi_env, napi_value, char*, size_t, size_t*);
extern int napi_get_undefined(napi_env, napi_value*);
extern int napi_create_reference(napi_env, napi_value, unsigned, napi_ref*);
extern int napi_get_reference_value(napi_env, napi_ref, napi_value*);
extern int napi_new_instance(napi_env, napi_value, size_t, const napi_value*, napi_value*);
extern int napi_wrap(napi_env, napi_value, void*, napi_finalize, void*, napi_ref*);
extern int napi_unwrap(napi_env, napi_value, void**);
extern int napi_remove_wrap(napi_env, napi_value, void**);

/* Native state the heap cannot hold: a data pointer (its address changes with every
   load), a constructor reference, wrapped objects. */
static const char greeting[] = "hello";
static napi_ref ctor_ref;
typedef struct { double n; } Counter;

static napi_value greet(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value arg, r; void* data; char name[64], out[128];
  napi_get_cb_info(env, info, &argc, &arg, NULL, &data);
  napi_get_value_string_utf8(env, arg, name, sizeof name, NULL);
  strcpy(out, (const char*)data); strcat(out, " "); strcat(out, name);
  napi_create_string_utf8(env, out, (size_t)-1, &r);
  return r;
}
static void counter_free(napi_env env, void* data, void* hint) { free(data); }
static napi_value counter_new(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value arg, self; Counter* c = malloc(sizeof *c);
  napi_get_cb_info(env, info, &argc, &arg, &self, NULL);
  napi_get_value_double(env, arg, &c->n);
  napi_wrap(env, self, c, counter_free, NULL, NULL);
  return self;
}
static napi_value counter_inc(napi_env env, napi_callback_info info) {
  napi_value self, r; Counter* c;
  napi_get_cb_info(env, info, NULL, NULL, &self, NULL);
  napi_unwrap(env, self, (void**)&c);
  napi_create_double(env, ++c->n, &r);
  return r;
}
static napi_value counter_release(napi_env env, napi_callback_info info) {
  napi_value self, r; Counter* c;
  napi_get_cb_info(env, info, NULL, NULL, &self, NULL);
  napi_remove_wrap(env, self, (void**)&c);
  free(c);
  napi_get_undefined(env, &r);
  return r;
}
static napi_value make(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value arg, ctor, r;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  napi_get_reference_value(env, ctor_ref, &ctor);
  napi_new_instance(env, ctor, 1, &arg, &r);
  return r;
}
static napi_value extra(napi_env env, napi_callback_info info) { return NULL; }

napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value f, cls, kind;
  if (getenv("COUNTER_EXTRA")) {
    napi_create_function(env, "extra", 5, extra, NULL, &f);
    napi_set_named_property(env, exports, "extra", f);
  }
  napi_create_function(env, "greet", 5, greet, (void*)greeting, &f);
  napi_set_named_property(env, exports, "greet", f);
  napi_create_string_utf8(env, "counter", 7, &kind);
  napi_property_descriptor props[] = {
    { "inc", NULL, counter_inc, NULL, NULL, NULL, 0, NULL },
    { "release", NULL, counter_release, NULL, NULL, NULL, 0, NULL },
    { "kind", NULL, NULL, NULL, NULL, kind, 1024 /* napi_static */, NULL },
  };
  napi_define_class(env, "Counter", 7, counter_new, NULL, 3, props, &cls);
  napi_create_reference(env, cls, 1, &ctor_ref);
  napi_set_named_property(env, exports, "Counter", cls);
  napi_create_function(env, "make", 4, make, NULL, &f);
  napi_set_named_property(env, exports, "make", f);
  return exports;
}
"#;

/// The app: loads the addon and makes a wrapped object at build time; the main function
/// uses both. Run from source (not building), it calls the main function itself.
const APP: &str = r#"
const v8 = require('v8');
const addon = require('./counter.node');
const kept = new addon.Counter(5);
kept.inc();
const RELEASE = process.env.RELEASE !== '0';
if (v8.startupSnapshot.isBuildingSnapshot()) {
  if (RELEASE) v8.startupSnapshot.addSerializeCallback(() => kept.release());
  v8.startupSnapshot.setDeserializeMainFunction(main);
} else {
  kept.release();
  main();
}
function main() {
  console.log(addon.greet('world'));
  const c = new addon.Counter(1);
  console.log(c.inc(), c.inc(), c instanceof addon.Counter);
  const m = addon.make(10);
  console.log(m.inc(), m instanceof addon.Counter, m.constructor === addon.Counter);
  console.log(addon.Counter.kind, typeof kept.inc, kept instanceof addon.Counter);
}
"#;

const EXPECTED: &str = "hello world\n2 3 true\n11 true true\ncounter function true\n";

fn build_addon(dir: &Path) -> PathBuf {
  let src = dir.join("counter.c");
  std::fs::write(&src, ADDON).unwrap();
  let out = dir.join("counter.node");
  let st = Command::new("cc").args(["-shared", "-fPIC", "-o"]).arg(&out).arg(&src).status().expect("run cc");
  assert!(st.success(), "building counter.node");
  out
}

fn setup() -> (tempfile::TempDir, PathBuf) {
  let tmp = tempfile::tempdir().unwrap();
  let addon = build_addon(tmp.path());
  std::fs::write(tmp.path().join("app.js"), APP).unwrap();
  (tmp, addon)
}

fn text(b: &[u8]) -> String {
  String::from_utf8_lossy(b).into_owned()
}

fn build_snapshot(dir: &Path, envs: &[(&str, &str)]) -> std::process::Output {
  common::run(dir, &["snapshot", "build", "app.js", "-o", "app.snap"], b"", envs)
}

/// Writes `original` with its last byte changed (same size) over `addon`.
fn write_with_last_byte_changed(addon: &Path, original: &[u8]) {
  let mut changed = original.to_vec();
  let last = changed.len() - 1;
  changed[last] ^= 0xff;
  std::fs::write(addon, &changed).unwrap();
}

/// A restore refused in one line because `addon`'s hash differs, before anything ran.
fn assert_refused_as_changed(out: &std::process::Output, addon: &Path) {
  let err = text(&out.stderr);
  assert_eq!((out.status.code(), err.trim().lines().count()), (Some(1), 1), "{err}");
  assert!(err.contains("blake3 hash differs") && err.contains(&addon.display().to_string()), "{err}");
  assert!(out.stdout.is_empty(), "nothing ran: {}", text(&out.stdout));
}

#[test]
fn an_addon_loaded_at_build_time_is_bound_again_at_restore() {
  let (tmp, _) = setup();
  let source = common::run(tmp.path(), &["app.js"], b"", &[]);
  assert_eq!(text(&source.stdout), EXPECTED, "{}", text(&source.stderr));
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  // Twice: every restored process loads and binds the addon again.
  for _ in 0..2 {
    let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
    assert_eq!(text(&out.stdout), EXPECTED, "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
  }
}

#[test]
fn a_wrap_still_alive_at_build_time_is_refused_naming_addon_kind_and_stack() {
  let (tmp, addon) = setup();
  let out = build_snapshot(tmp.path(), &[("RELEASE", "0")]);
  let err = text(&out.stderr);
  assert_eq!(out.status.code(), Some(1), "{err}");
  assert_eq!(err.trim().lines().count(), 1, "{err}");
  assert!(err.contains(&format!("napi_wrap of native addon {}", addon.display())), "{err}");
  assert!(err.contains("app.js:4:"), "the stack names where the object was made: {err}");
  assert!(err.contains("addSerializeCallback"), "{err}");
  assert!(!tmp.path().join("app.snap").exists());
}

#[test]
fn a_missing_or_changed_addon_at_restore_is_one_line_naming_it() {
  let (tmp, addon) = setup();
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let original = std::fs::read(&addon).unwrap();

  std::fs::remove_file(&addon).unwrap();
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  let err = text(&out.stderr);
  assert_eq!((out.status.code(), err.trim().lines().count()), (Some(1), 1), "{err}");
  assert!(err.contains(&format!("native addon {} cannot be read", addon.display())), "{err}");

  let mut longer = original.clone();
  longer.push(0);
  std::fs::write(&addon, &longer).unwrap();
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  let err = text(&out.stderr);
  assert_eq!((out.status.code(), err.trim().lines().count()), (Some(1), 1), "{err}");
  assert!(err.contains(&format!("native addon {} changed since the snapshot was built (size", addon.display())), "{err}");

  write_with_last_byte_changed(&addon, &original);
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  assert_refused_as_changed(&out, &addon);
}

/// Issue 8: an addon that had settled when the snapshot was built (changed more than
/// `RACY_SECS` before) is recorded with its stamp, and a restored process that finds the
/// same stamp does not hash it again. A change of its bytes, even to the same size, moves
/// its ctime: the stamp differs, the file is hashed and refused as before; a file only
/// touched (same bytes, new times) is hashed and accepted.
#[test]
fn a_settled_addon_is_checked_by_its_stamp_and_still_refused_when_changed() {
  let (tmp, addon) = setup();
  let original = std::fs::read(&addon).unwrap();
  // Just compiled: no stamp, hashed at every restore.
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let stamped = |tmp: &Path| {
    let out = common::run(tmp, &["snapshot", "inspect", "--json", "app.snap"], b"", &[]);
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    j["addons"][0]["stamp"].as_bool().expect("a stamp flag")
  };
  assert!(!stamped(tmp.path()), "a file changed just before the build vouches for nothing");
  std::thread::sleep(std::time::Duration::from_millis(2100));
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  assert!(stamped(tmp.path()), "a settled file is recorded with its stamp");
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  assert_eq!(text(&out.stdout), EXPECTED, "{}", text(&out.stderr));

  write_with_last_byte_changed(&addon, &original);
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  assert_refused_as_changed(&out, &addon);

  // The same bytes again (a reinstall): new times, so hashed, and accepted.
  std::fs::write(&addon, &original).unwrap();
  let out = common::run(tmp.path(), &["app.snap"], b"", &[]);
  assert_eq!(text(&out.stdout), EXPECTED, "{}", text(&out.stderr));
  assert_eq!(out.status.code(), Some(0));
}

/// A signed snapshot run with `--verify-key` checks its addons by their hash alone (the
/// signature covers the hash, not file system metadata): it runs with the addon it was
/// built with and refuses a changed one in one line.
#[test]
fn a_signed_snapshot_with_an_addon_runs_under_verify_key_and_refuses_a_changed_addon() {
  let (tmp, addon) = setup();
  let out = common::run(tmp.path(), &["snapshot", "keygen", "-o", "k"], b"", &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let out = common::run(tmp.path(), &["snapshot", "build", "app.js", "-o", "app.snap", "--sign", "k.key"], b"", &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let out = common::run(tmp.path(), &["--verify-key=k.pub", "app.snap"], b"", &[]);
  assert_eq!(text(&out.stdout), EXPECTED, "{}", text(&out.stderr));
  write_with_last_byte_changed(&addon, &std::fs::read(&addon).unwrap());
  let out = common::run(tmp.path(), &["--verify-key=k.pub", "app.snap"], b"", &[]);
  assert_refused_as_changed(&out, &addon);
}

#[test]
fn a_registration_that_creates_other_functions_at_restore_is_refused() {
  let (tmp, addon) = setup();
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let out = common::run(tmp.path(), &["app.snap"], b"", &[("COUNTER_EXTRA", "1")]);
  let err = text(&out.stderr);
  assert_eq!((out.status.code(), err.trim().lines().count()), (Some(1), 1), "{err}");
  assert!(err.contains(&format!("native addon {} registered differently", addon.display())), "{err}");
  assert!(out.stdout.is_empty(), "the main function must not run: {}", text(&out.stdout));
}

#[test]
fn inspect_lists_the_addons_in_text_and_json() {
  let (tmp, addon) = setup();
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let size = std::fs::metadata(&addon).unwrap().len();
  let out = common::run(tmp.path(), &["snapshot", "inspect", "app.snap"], b"", &[]);
  let t = text(&out.stdout);
  assert!(t.contains("native addons:        1\n"), "{t}");
  assert!(t.contains(&format!("  counter.node {} ({size} bytes, blake3 ", addon.display())), "{t}");
  let out = common::run(tmp.path(), &["snapshot", "inspect", "--json", "app.snap"], b"", &[]);
  let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
  let a = &j["addons"][0];
  assert_eq!(a["name"], "counter.node");
  assert_eq!(a["path"], addon.display().to_string());
  assert_eq!(a["size"], size);
  assert_eq!(a["blake3"].as_str().map(str::len), Some(64));
  assert_eq!(a["stamp"], false, "compiled just now: hashed at every restore");
}

#[test]
fn a_compiled_executable_carries_its_addons_and_runs_without_them_on_disk() {
  let (tmp, addon) = setup();
  let out = build_snapshot(tmp.path(), &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  let out = common::run(tmp.path(), &["compile", "app.snap", "-o", "app"], b"", &[]);
  assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
  std::fs::remove_file(&addon).unwrap();
  let empty = tempfile::tempdir().unwrap();
  let exe = empty.path().join("app");
  std::fs::rename(tmp.path().join("app"), &exe).unwrap();
  let out = Command::new(&exe).current_dir(empty.path()).output().unwrap();
  assert_eq!(text(&out.stdout), EXPECTED, "{}", text(&out.stderr));
  assert_eq!(out.status.code(), Some(0));
}
