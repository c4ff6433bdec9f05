//! Node-API addons in the amber binary: small addons built here with the system C
//! compiler (declaring the few Node-API functions they use, so no headers are
//! needed), loaded through `require`, `process.dlopen` and `Module._extensions`; async
//! work keeping the event loop alive; the exported symbol table; and bad input (a file
//! that is not a shared object, a shared object without Node-API registration, an init
//! that throws): an error naming the file, exit code 1, never a crash.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PRELUDE: &str = r#"
#include <stddef.h>
#include <unistd.h>
typedef struct napi_env__* napi_env;
typedef struct napi_value__* napi_value;
typedef struct napi_callback_info__* napi_callback_info;
typedef struct napi_async_work__* napi_async_work;
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);
extern int napi_throw_error(napi_env, const char*, const char*);
extern int napi_create_function(napi_env, const char*, size_t, napi_callback, void*, napi_value*);
extern int napi_set_named_property(napi_env, napi_value, const char*, napi_value);
extern int napi_get_cb_info(napi_env, napi_callback_info, size_t*, napi_value*, napi_value*, void**);
extern int napi_get_value_double(napi_env, napi_value, double*);
extern int napi_create_double(napi_env, double, napi_value*);
extern int napi_create_string_utf8(napi_env, const char*, size_t, napi_value*);
extern int napi_get_undefined(napi_env, napi_value*);
extern int napi_call_function(napi_env, napi_value, napi_value, size_t, const napi_value*, napi_value*);
extern int napi_create_reference(napi_env, napi_value, unsigned, void**);
extern int napi_get_reference_value(napi_env, void*, napi_value*);
extern int napi_delete_reference(napi_env, void*);
extern int napi_create_async_work(napi_env, napi_value, napi_value, void (*)(napi_env, void*), void (*)(napi_env, int, void*), void*, napi_async_work*);
extern int napi_queue_async_work(napi_env, napi_async_work);
extern int napi_delete_async_work(napi_env, napi_async_work);
typedef struct { const char* message; void* reserved; unsigned engine_code; int code; } napi_extended_error_info;
extern int napi_get_last_error_info(napi_env, const napi_extended_error_info**);
extern int napi_get_uv_event_loop(napi_env, void**);
typedef struct napi_threadsafe_function__* napi_threadsafe_function;
extern int napi_create_threadsafe_function(napi_env, napi_value, napi_value, napi_value, size_t, size_t, void*, void*, void*, void*, napi_threadsafe_function*);
extern int napi_call_threadsafe_function(napi_threadsafe_function, void*, int);
extern int napi_release_threadsafe_function(napi_threadsafe_function, int);
"#;

const GOOD: &str = r#"
static napi_value add(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value argv[2]; double a, b; napi_value r;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (napi_get_value_double(env, argv[0], &a) || napi_get_value_double(env, argv[1], &b)) {
    napi_throw_error(env, "ERR_ADD", "add wants numbers");
    return NULL;
  }
  napi_create_double(env, a + b, &r);
  return r;
}
typedef struct { void* cb; napi_async_work work; double value; } Job;
static Job job;
static void execute(napi_env env, void* data) { usleep(100000); ((Job*)data)->value = 42; }
static void complete(napi_env env, int status, void* data) {
  Job* j = data; napi_value cb, undef, arg;
  napi_get_reference_value(env, j->cb, &cb);
  napi_get_undefined(env, &undef);
  napi_create_double(env, j->value, &arg);
  napi_call_function(env, undef, cb, 1, &arg, NULL);
  napi_delete_reference(env, j->cb);
  napi_delete_async_work(env, j->work);
}
static napi_value later(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value cb, name;
  napi_get_cb_info(env, info, &argc, &cb, NULL, NULL);
  napi_create_reference(env, cb, 1, &job.cb);
  napi_create_string_utf8(env, "later", 5, &name);
  napi_create_async_work(env, NULL, name, execute, complete, &job, &job.work);
  napi_queue_async_work(env, job.work);
  return NULL;
}
static napi_value uv_loop(napi_env env, napi_callback_info info) {
  void* loop = (void*)1; const napi_extended_error_info* e; napi_value r;
  int status = napi_get_uv_event_loop(env, &loop);
  napi_get_last_error_info(env, &e);
  if (status == 0 || loop != NULL) return NULL;
  napi_create_string_utf8(env, e->message, (size_t)-1, &r);
  return r;
}
#include <pthread.h>
static void* from_thread(void* tsfn) {
  usleep(50000);
  napi_call_threadsafe_function(tsfn, NULL, 1);
  napi_release_threadsafe_function(tsfn, 0);
  return NULL;
}
static napi_value tsfn_later(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value cb, name; napi_threadsafe_function tsfn; pthread_t t;
  napi_get_cb_info(env, info, &argc, &cb, NULL, NULL);
  napi_create_string_utf8(env, "tsfn", 4, &name);
  napi_create_threadsafe_function(env, cb, NULL, name, 0, 1, NULL, NULL, NULL, NULL, &tsfn);
  pthread_create(&t, NULL, from_thread, tsfn);
  pthread_detach(t);
  return NULL;
}
napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "tsfnLater", 9, tsfn_later, NULL, &f);
  napi_set_named_property(env, exports, "tsfnLater", f);
  napi_create_function(env, "uvLoop", 6, uv_loop, NULL, &f);
  napi_set_named_property(env, exports, "uvLoop", f);
  napi_create_function(env, "add", 3, add, NULL, &f);
  napi_set_named_property(env, exports, "add", f);
  napi_create_function(env, "later", 5, later, NULL, &f);
  napi_set_named_property(env, exports, "later", f);
  return exports;
}
"#;

/// The legacy registration: a constructor calls `napi_module_register` during dlopen.
const LEGACY: &str = r#"
typedef struct { int v; unsigned f; const char* file; napi_value (*reg)(napi_env, napi_value); const char* name; void* p; void* r[4]; } napi_module;
extern void napi_module_register(napi_module*);
static napi_value init(napi_env env, napi_value exports) {
  napi_value s;
  napi_create_string_utf8(env, "legacy", 6, &s);
  napi_set_named_property(env, exports, "kind", s);
  return exports;
}
static napi_module mod = { 1, 0, __FILE__, init, "legacy", NULL, { 0 } };
__attribute__((constructor)) static void reg(void) { napi_module_register(&mod); }
"#;

const THROWS: &str = r#"
napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_throw_error(env, NULL, "init failed on purpose");
  return NULL;
}
"#;

const RETURNS_NULL: &str = r#"
napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value s;
  napi_create_string_utf8(env, "kept", 4, &s);
  napi_set_named_property(env, exports, "exports", s);
  return NULL;
}
"#;

fn build(dir: &Path, name: &str, body: &str, prelude: bool) -> PathBuf {
  let src = dir.join(format!("{name}.c"));
  std::fs::write(&src, format!("{}{body}", if prelude { PRELUDE } else { "" })).unwrap();
  let out = dir.join(format!("{name}.node"));
  let st = Command::new("cc").args(["-shared", "-fPIC", "-o"]).arg(&out).arg(&src).status().expect("run cc");
  assert!(st.success(), "building {name}");
  out
}

fn run(dir: &Path, code: &str) -> (i32, String, String) {
  let out = common::run(dir, &["-e", code], b"", &[]);
  (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn require_process_dlopen_and_extension_load_an_addon() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "good", GOOD, true);
  let (code, out, err) = run(
    tmp.path(),
    "const a = require('./good.node'); console.log(a.add(2, 3));\
     const m = { exports: {} }; process.dlopen(m, require('path').resolve('good.node'), require('os').constants.dlopen.RTLD_NOW); console.log(m.exports.add(1, 1));\
     console.log(typeof require('module')._extensions['.node']);\
     try { a.add('x', 1) } catch (e) { console.log(e.code, e.message) }\
     console.log(a.uvLoop());",
  );
  assert_eq!(code, 0, "{err}");
  assert_eq!(
    out,
    "5\n2\nfunction\nERR_ADD add wants numbers\namber has no libuv event loop: napi_get_uv_event_loop is not available\n"
  );
}

#[test]
fn no_addons_refuses_to_load_one() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "good", GOOD, true);
  let out = common::run(tmp.path(), &["--no-addons", "-e", "try { require('./good.node') } catch (e) { console.log(e.code) }"], b"", &[]);
  assert_eq!(String::from_utf8_lossy(&out.stdout), "ERR_DLOPEN_DISABLED\n", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn legacy_napi_module_register_from_a_constructor() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "legacy", LEGACY, true);
  let (code, out, err) = run(tmp.path(), "console.log(require('./legacy.node').kind)");
  assert_eq!(code, 0, "{err}");
  assert_eq!(out, "legacy\n");
}

#[test]
fn async_work_keeps_the_loop_alive_and_completes_on_it() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "good", GOOD, true);
  let (code, out, err) = run(tmp.path(), "require('./good.node').later((v) => console.log('done', v)); console.log('queued')");
  assert_eq!(code, 0, "{err}");
  assert_eq!(out, "queued\ndone 42\n");
}

/// As in Node, an async work item completes, and a thread-safe function is called, in the
/// async context it was created in, so AsyncLocalStorage sees the store of the code that
/// started the work.
#[test]
fn async_work_completes_in_the_async_context_that_queued_it() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "good", GOOD, true);
  let (code, out, err) = run(
    tmp.path(),
    "const { AsyncLocalStorage } = require('async_hooks'); const als = new AsyncLocalStorage();\
     const a = require('./good.node');\
     als.run('request-1', () => a.later(() => console.log('store', als.getStore())));\
     als.run('request-2', () => a.tsfnLater(() => console.log('thread-safe call store', als.getStore())));\
     console.log('outside', als.getStore());",
  );
  assert_eq!(code, 0, "{err}");
  let mut lines: Vec<&str> = out.lines().collect();
  assert_eq!(lines.first(), Some(&"outside undefined"), "{out}");
  lines.sort();
  assert_eq!(lines, ["outside undefined", "store request-1", "thread-safe call store request-2"], "{out}");
}

#[test]
fn the_binary_exports_only_node_api_symbols() {
  let Ok(out) = Command::new("nm").arg("-D").arg("--defined-only").arg(common::amber()).output() else {
    eprintln!("nm not found; skipped");
    return;
  };
  let text = String::from_utf8_lossy(&out.stdout);
  let exported: Vec<&str> = text.lines().filter_map(|l| l.split_whitespace().nth(2)).filter(|s| !s.starts_with('_')).collect();
  for name in ["napi_create_function", "napi_define_class", "napi_create_threadsafe_function", "node_api_symbol_for", "napi_module_register"] {
    assert!(exported.contains(&name), "{name} is not exported");
  }
  let others: Vec<_> = exported.iter().filter(|s| !s.starts_with("napi_") && !s.starts_with("node_api_")).collect();
  assert!(others.len() < 20, "the binary exports more than Node-API: {others:?}");
}

#[test]
fn a_file_that_is_not_a_shared_object_is_an_error_naming_it() {
  let tmp = tempfile::tempdir().unwrap();
  std::fs::write(tmp.path().join("bad.node"), "not an ELF file\n").unwrap();
  let (code, _, err) = run(tmp.path(), "require('./bad.node')");
  assert_eq!(code, 1, "{err}");
  assert!(err.lines().any(|l| l.starts_with("Error: ") && l.contains("bad.node")), "{err}");
  assert!(err.contains("ERR_DLOPEN_FAILED"), "{err}");
  assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_shared_object_without_registration_is_an_error_naming_it() {
  let tmp = tempfile::tempdir().unwrap();
  let path = build(tmp.path(), "plain", "int plain(void) { return 1; }\n", false);
  let (code, _, err) = run(tmp.path(), "require('./plain.node')");
  assert_eq!(code, 1, "{err}");
  assert!(err.contains(&format!("Error: Module did not self-register: '{}'.", path.display())), "{err}");
  // It can be caught, as loaders that try several paths (bindings, node-gyp-build) do.
  let (code, out, err) = run(tmp.path(), "try { require('./plain.node') } catch (e) { console.log(e.code) }");
  assert_eq!((code, out.as_str()), (0, "ERR_DLOPEN_FAILED\n"), "{err}");
}

#[test]
fn an_init_that_throws_fails_the_require_with_its_error() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "throws", THROWS, true);
  let (code, _, err) = run(tmp.path(), "require('./throws.node')");
  assert_eq!(code, 1, "{err}");
  assert!(err.contains("Error: init failed on purpose"), "{err}");
  assert!(!err.contains("panicked"), "{err}");
}

/// An addon for Node's C++ API registers through `node_module_register`, which amber
/// does not have: a load error naming the file and the symbol, not a lazy-binding abort.
#[test]
fn an_addon_for_nodes_cpp_api_is_an_error_naming_it() {
  let tmp = tempfile::tempdir().unwrap();
  let body = "extern void node_module_register(void*);\n\
              static int m;\n\
              __attribute__((constructor)) static void reg(void) { node_module_register(&m); }\n";
  let path = build(tmp.path(), "cpp_api", body, false);
  let (code, _, err) = run(tmp.path(), "require('./cpp_api.node')");
  assert_eq!(code, 1, "{err}");
  let line = err.lines().find(|l| l.starts_with("Error: ")).unwrap_or_default();
  assert!(line.contains(&path.display().to_string()) && line.contains("undefined symbol: node_module_register"), "{err}");
}

/// As in Node: an init returning NULL keeps the `exports` object it was given.
#[test]
fn an_init_that_returns_null_keeps_exports() {
  let tmp = tempfile::tempdir().unwrap();
  build(tmp.path(), "null", RETURNS_NULL, true);
  let (code, out, err) = run(tmp.path(), "console.log(require('./null.node').exports)");
  assert_eq!(code, 0, "{err}");
  assert_eq!(out, "kept\n");
}
