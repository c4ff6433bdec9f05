//! Real prebuilt Node-API addons from npm, pinned in `tests/compat/package-lock.json`
//! (`@swc/core`, `lightningcss`, `rollup`, each with its `linux-x64-gnu` binary
//! package): amber must print exactly what `node` prints for the scripts in
//! `tests/compat/fixtures/addons/` (swc transform and minify, sync and async;
//! lightningcss transform, minify, source map and errors; rollup's API in three formats)
//! and write the same files as node for the rollup CLI. The loaders addon packages use
//! (`bindings`, `node-gyp-build`) find and load an addon built here.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn compat_dir() -> PathBuf {
  common::repo_root().join("tests/compat")
}

fn fixtures() -> PathBuf {
  compat_dir().join("fixtures/addons")
}

fn require_installed(package: &str) {
  assert!(
    compat_dir().join("node_modules").join(package).is_dir(),
    "tests/compat/node_modules/{package} is missing: run `npm ci` in tests/compat (.ci/run does)"
  );
}

fn run(program: &Path, args: &[&str], cwd: &Path) -> Output {
  Command::new(program).args(args).current_dir(cwd).env_remove("NODE_OPTIONS").output().expect("spawn")
}

fn node() -> PathBuf {
  PathBuf::from("node")
}

fn same_as_node(script: &str) {
  let path = fixtures().join(script);
  let p = path.to_str().unwrap();
  let n = run(&node(), &[p], &fixtures());
  let a = run(&common::amber(), &[p], &fixtures());
  let (nout, aout) = (String::from_utf8_lossy(&n.stdout), String::from_utf8_lossy(&a.stdout));
  assert!(n.status.success(), "node failed on {script}: {}", String::from_utf8_lossy(&n.stderr));
  assert!(a.status.success(), "amber failed on {script}: {}", String::from_utf8_lossy(&a.stderr));
  assert!(nout.len() > 200, "too little output from node for {script}: {nout}");
  assert_eq!(aout, nout, "amber's output differs from node's for {script}");
}

#[test]
fn swc_transform_and_minify_match_node() {
  require_installed("@swc/core");
  same_as_node("swc.js");
}

#[test]
fn lightningcss_transform_and_minify_match_node() {
  require_installed("lightningcss");
  same_as_node("lightningcss.js");
}

#[test]
fn rollup_api_bundles_three_formats_like_node() {
  require_installed("rollup");
  same_as_node("rollup.js");
}

#[test]
fn rollup_cli_writes_the_same_bundles_as_node() {
  require_installed("rollup");
  let bin = compat_dir().join("node_modules/rollup/dist/bin/rollup");
  let bin = bin.to_str().unwrap();
  let tmp = tempfile::tempdir().unwrap();
  for (runner, program) in [("node", node()), ("amber", common::amber())] {
    for format in ["es", "cjs", "iife"] {
      let out = tmp.path().join(runner).join(format!("{format}.js"));
      let o = run(&program, &[bin, "app/main.js", "--format", format, "--name", "app", "--file", out.to_str().unwrap()], &fixtures());
      assert!(o.status.success(), "{runner} rollup --format {format}: {}", String::from_utf8_lossy(&o.stderr));
    }
  }
  for format in ["es", "cjs", "iife"] {
    let n = std::fs::read_to_string(tmp.path().join("node").join(format!("{format}.js"))).unwrap();
    let a = std::fs::read_to_string(tmp.path().join("amber").join(format!("{format}.js"))).unwrap();
    assert!(n.contains("square(add(2, 3))") && !n.contains("neverUsed"), "{n}");
    assert_eq!(a, n, "rollup --format {format}");
  }
}

/// `bindings` (searches `build/Release` and friends from the caller's package root, found
/// through V8 stack traces) and `node-gyp-build` (`prebuilds/<platform>-<arch>/` first)
/// load an addon from a package layout, as packages that ship addons do.
#[test]
fn bindings_and_node_gyp_build_find_and_load_an_addon() {
  require_installed("bindings");
  require_installed("node-gyp-build");
  let tmp = tempfile::tempdir().unwrap();
  let pkg = tmp.path();
  let src = pkg.join("hello.c");
  std::fs::write(
    &src,
    "typedef struct napi_env__* napi_env; typedef struct napi_value__* napi_value;\n\
     extern int napi_create_string_utf8(napi_env, const char*, unsigned long, napi_value*);\n\
     extern int napi_set_named_property(napi_env, napi_value, const char*, napi_value);\n\
     napi_value napi_register_module_v1(napi_env env, napi_value exports) {\n\
       napi_value s; napi_create_string_utf8(env, WHERE, (unsigned long)-1, &s);\n\
       napi_set_named_property(env, exports, \"where\", s); return exports; }\n",
  )
  .unwrap();
  for (dir, name, r#where) in [("build/Release", "hello.node", "build"), ("prebuilds/linux-x64", "node.napi.node", "prebuild")] {
    std::fs::create_dir_all(pkg.join(dir)).unwrap();
    let st = Command::new("cc")
      .args(["-shared", "-fPIC", &format!("-DWHERE=\"{}\"", r#where), "-o"])
      .arg(pkg.join(dir).join(name))
      .arg(&src)
      .status()
      .unwrap();
    assert!(st.success());
  }
  std::fs::write(pkg.join("package.json"), "{\"name\":\"hello\"}").unwrap();
  let modules = compat_dir().join("node_modules");
  let script = format!(
    "const m = {:?}; console.log(require(m + '/bindings')('hello').where, require(m + '/node-gyp-build')(__dirname).where);",
    modules.to_str().unwrap()
  );
  std::fs::write(pkg.join("index.js"), script).unwrap();
  let a = run(&common::amber(), &["index.js"], pkg);
  assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
  // node-gyp-build prefers a local build to a prebuild, as in Node.
  assert_eq!(String::from_utf8_lossy(&a.stdout), "build build\n");
  std::fs::remove_dir_all(pkg.join("build")).unwrap();
  std::fs::write(pkg.join("prebuilt.js"), format!("console.log(require({:?})(__dirname).where)", modules.join("node-gyp-build").to_str().unwrap())).unwrap();
  let a = run(&common::amber(), &["prebuilt.js"], pkg);
  assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
  assert_eq!(String::from_utf8_lossy(&a.stdout), "prebuild\n");
}

/// Issue 8: the tool's addon loaded at build time and used from the snapshot's main
/// function (`tests/compat/snapshot/<tool>.js`): the same output as node running that
/// script from source.
fn snapshot_same_as_node(tool: &str) {
  let dir = compat_dir().join("snapshot");
  let entry = dir.join(format!("{tool}.js"));
  let e = entry.to_str().unwrap();
  let n = run(&node(), &[e], &dir);
  assert!(n.status.success(), "node failed on {tool}: {}", String::from_utf8_lossy(&n.stderr));
  let tmp = tempfile::tempdir().unwrap();
  let snap = tmp.path().join(format!("{tool}.snap"));
  let s = snap.to_str().unwrap();
  let b = run(&common::amber(), &["snapshot", "build", e, "-o", s], &dir);
  assert!(b.status.success(), "building the {tool} snapshot: {}", String::from_utf8_lossy(&b.stderr));
  let a = run(&common::amber(), &[s], tmp.path());
  assert!(a.status.success(), "amber failed from the {tool} snapshot: {}", String::from_utf8_lossy(&a.stderr));
  let (nout, aout) = (String::from_utf8_lossy(&n.stdout), String::from_utf8_lossy(&a.stdout));
  assert!(nout.len() > 200, "too little output from node for {tool}: {nout}");
  assert_eq!(aout, nout, "amber from a snapshot differs from node for {tool}");
}

#[test]
fn swc_from_a_snapshot_that_loaded_it_matches_node() {
  require_installed("@swc/core");
  snapshot_same_as_node("swc");
}

#[test]
fn lightningcss_from_a_snapshot_that_loaded_it_matches_node() {
  require_installed("lightningcss");
  snapshot_same_as_node("lightningcss");
}

#[test]
fn rollup_from_a_snapshot_that_loaded_it_matches_node() {
  require_installed("rollup");
  snapshot_same_as_node("rollup");
}

/// `amber compile` inlines the addons: the executable, moved to an empty directory,
/// loads lightningcss's and swc's binaries from memory (a memfd, not node_modules).
#[test]
fn a_compiled_executable_loads_its_addons_from_memory() {
  require_installed("lightningcss");
  require_installed("@swc/core");
  let tmp = tempfile::tempdir().unwrap();
  let nm = compat_dir().join("node_modules");
  let app = format!(
    "const css = require({:?}); const swc = require({:?});\n\
     require('v8').startupSnapshot.setDeserializeMainFunction(() => {{\n\
       console.log(css.transform({{ filename: 'a.css', code: Buffer.from('a {{ color: #ff0000 }}'), minify: true }}).code.toString());\n\
       console.log(swc.transformSync('const x: number = 1', {{ jsc: {{ parser: {{ syntax: 'typescript' }} }} }}).code.trim());\n\
       const maps = require('fs').readFileSync('/proc/self/maps', 'utf8');\n\
       console.log(/memfd:lightningcss[^\\n]*\\.node/.test(maps), /memfd:swc[^\\n]*\\.node/.test(maps));\n\
     }});\n",
    nm.join("lightningcss").display().to_string(),
    nm.join("@swc/core").display().to_string()
  );
  std::fs::write(tmp.path().join("app.js"), app).unwrap();
  let b = run(&common::amber(), &["snapshot", "build", "app.js", "-o", "app.snap"], tmp.path());
  assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
  let c = run(&common::amber(), &["compile", "app.snap", "-o", "app"], tmp.path());
  assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
  let empty = tempfile::tempdir().unwrap();
  std::fs::rename(tmp.path().join("app"), empty.path().join("app")).unwrap();
  let out = run(&empty.path().join("app"), &[], empty.path());
  assert_eq!(String::from_utf8_lossy(&out.stdout), "a{color:red}\nvar x = 1;\ntrue true\n", "{}", String::from_utf8_lossy(&out.stderr));
}
