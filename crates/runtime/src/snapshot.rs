//! Building and restoring startup snapshots (DESIGN.md rules 3-8).
//!
//! Build: run the entry in a snapshot-creator isolate, let the loop settle, run the
//! serialize callbacks, then write the default context (pristine), the real context
//! (`add_context`) and the hooks object (`add_context_data`) into a V8 blob, wrapped in
//! amber's own checked file format. Restore: verify the file before V8 sees it, map it,
//! create the isolate from it and re-install everything that lives on the Rust side.
//! This module owns the snapshot lifecycle; the byte layout belongs to
//! `amber_snapshot_format`.

use std::path::Path;

use amber_snapshot_format::{self as format, AddonRecord, Header, Sidecar};

use crate::runtime::{bootstrap, install_hooks, JsRuntime, RuntimeOptions};
use crate::state::Mode;

/// Keys of the sidecar records.
mod keys {
  pub const CONTEXT_INDEX: &str = "context_index";
  pub const HOOKS_INDEX: &str = "hooks_index";
  pub const ENTRY: &str = "entry";
  pub const MODULES: &str = "modules";
  pub const CONTEXTS: &str = "contexts";
  pub const ESM_MODULES: &str = "esm_modules";
  pub const ESM_RESOLVED: &str = "esm_resolved";
  pub const ESM_SYNTHETIC: &str = "esm_synthetic";
  /// A second context of an application snapshot: `lib/` bootstrapped, no user code,
  /// where the restored process's workers start (see `crate::worker`).
  pub const WORKER_CONTEXT_INDEX: &str = "worker_context_index";
  pub const WORKER_HOOKS_INDEX: &str = "worker_hooks_index";
  /// The worker contexts prebuilt for one script each (`--worker FILE`,
  /// docs/workers-in-snapshots.md), one entry per script.
  ///
  /// Layout of an entry: `path \0 context index \0 hooks index \0 reads`, where `path`
  /// is the script's absolute path as `new Worker` resolves it, the indexes are those of
  /// `add_context`/`add_context_data`, and `reads` is a comma-separated list of the
  /// per-worker facts its top level read at build time (`workerData`,
  /// `environmentData`), possibly empty. The ES module map of the `i`-th context is in
  /// `worker_scripts.<i>.esm_modules` / `.esm_resolved` / `.esm_synthetic`, laid out as
  /// `ESM_MODULES` / `ESM_RESOLVED` / `ESM_SYNTHETIC`.
  pub const WORKER_SCRIPTS: &str = "worker_scripts";
  /// The argument lists of the build's warm-up runs (docs/warmup.md).
  pub const WARMUPS: &str = "warmups";
  /// 1 when the blob keeps the compiled code of its functions, 0 when it was built
  /// without (`withoutCodeCache` in `--build-snapshot-config`). Absent before it existed.
  pub const CODE_KEPT: &str = "code_kept";
  /// The native addons the heap holds functions of (`format::AddonRecord`).
  pub const ADDONS: &str = "addons";
}

/// The native addons a snapshot carries, in env-id order.
pub fn addon_records(sidecar: &Sidecar) -> Result<Vec<AddonRecord>, String> {
  sidecar.list(keys::ADDONS).iter().map(|s| AddonRecord::decode(s).ok_or_else(|| "corrupted snapshot (addon record)".to_string())).collect()
}

/// Checks every addon the snapshot carries against the file that will be loaded (the
/// recorded path, or the copy an executable carries): one line naming it otherwise.
/// A file whose size and stamp (identity and change times, `format::FileStamp`) are the
/// ones the build recorded is the file it hashed and is not read again; any other is
/// hashed whole, and so is every file when `by_hash` (a snapshot whose signature was
/// verified: its addons are checked by their hash alone, not by file system metadata).
fn verify_addons(sidecar: &Sidecar, by_hash: bool) -> Result<(), String> {
  for a in addon_records(sidecar)? {
    let unreadable = |e: std::io::Error| format!("native addon {} cannot be read ({}); the snapshot was built with it", a.path, io_reason(&e));
    let file = std::fs::File::open(amber_napi::open_path(&a.path)).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !by_hash && a.unchanged_by_stamp(&meta) {
      continue;
    }
    // SAFETY: read-only mapping, dropped before the addon is loaded.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
    a.verify(&map)?;
  }
  Ok(())
}

/// A loaded, verified snapshot file. The bytes are mapped and live for the process.
pub struct LoadedSnapshot {
  pub header: Header,
  pub sidecar: Sidecar,
  pub blob: &'static [u8],
  pub file_len: usize,
  pub sidecar_len: usize,
  /// The signature section, if the file is signed, and the bytes it covers.
  pub signature: Option<format::SignatureSection>,
  pub signed_bytes: &'static [u8],
  /// Set when the signature was verified (`verify_signature`): the addons are then
  /// checked by their hash, never by their stamp.
  pub signature_verified: bool,
}

impl LoadedSnapshot {
  /// How many modules of the heap come with their compiled code: every one unless the
  /// snapshot was built without code. What `NODE_DEBUG_NATIVE=CODE_CACHE` reports at
  /// restore, where Node counts the built-in modules whose code cache it carries.
  pub fn modules_with_code(&self) -> usize {
    if self.sidecar.u64(keys::CODE_KEPT) == Some(0) { 0 } else { heap_modules(&self.sidecar).len() }
  }
}

/// Refuses `snap` unless it carries a valid signature by `key`. Call it before the
/// snapshot is restored (V8 must not see a blob from an untrusted source).
pub fn verify_signature(snap: &mut LoadedSnapshot, key: &format::PublicKey) -> Result<(), String> {
  format::signing::verify(snap.signed_bytes, snap.signature.as_ref(), key).map_err(|e| e.to_string())?;
  snap.signature_verified = true;
  Ok(())
}

/// Everything `amber snapshot inspect` shows.
pub struct SnapshotInfo {
  pub header: Header,
  pub entry: String,
  pub modules: Vec<String>,
  pub contexts: u64,
  pub header_len: usize,
  pub sidecar_len: usize,
  pub blob_len: usize,
  pub file_len: usize,
  /// The key that signed the file (not verified: `verify` does that).
  pub signed_by: Option<format::PublicKey>,
  /// The argument lists of the build's warm-up runs (docs/warmup.md).
  pub warmups: Vec<Vec<String>>,
  /// The native addons the snapshot carries.
  pub addons: Vec<AddonRecord>,
  /// Whether the snapshot has the library-only worker context.
  pub worker_context: bool,
  /// The worker contexts prebuilt for one script each.
  pub worker_scripts: Vec<WorkerScript>,
}

/// A worker context prebuilt for one script (an entry of `keys::WORKER_SCRIPTS`).
#[derive(Clone, Debug)]
pub struct WorkerScript {
  pub path: String,
  pub context: usize,
  pub hooks: usize,
  /// Per-worker facts the script's top level read at build time: a worker given one of
  /// them starts from the library-only worker context instead.
  pub reads: Vec<String>,
  /// The ES module map of the context, as the main context's (`keys::ESM_*`).
  pub esm_modules: Vec<String>,
  pub esm_resolved: Vec<String>,
  pub esm_synthetic: Vec<String>,
}

/// The sidecar key of list `key` (an `ESM_*` key) of the `i`-th prebuilt worker context.
fn worker_key(i: usize, key: &str) -> String {
  format!("{}.{i}.{key}", keys::WORKER_SCRIPTS)
}

impl WorkerScript {
  fn encode(&self) -> String {
    format!("{}\0{}\0{}\0{}", self.path, self.context, self.hooks, self.reads.join(","))
  }

  fn decode(s: &str) -> Option<WorkerScript> {
    let mut parts = s.split('\0');
    let path = parts.next()?.to_string();
    let context = parts.next()?.parse().ok()?;
    let hooks = parts.next()?.parse().ok()?;
    let reads = parts.next()?.split(',').filter(|r| !r.is_empty()).map(str::to_string).collect();
    parts.next().is_none().then_some(WorkerScript { path, context, hooks, reads, esm_modules: vec![], esm_resolved: vec![], esm_synthetic: vec![] })
  }

  /// The ES module map of the context as a sidecar `restore_module_map` reads.
  pub(crate) fn module_map(&self) -> Sidecar {
    let mut s = Sidecar::default();
    s.set_list(keys::ESM_MODULES, self.esm_modules.clone());
    s.set_list(keys::ESM_RESOLVED, self.esm_resolved.clone());
    s.set_list(keys::ESM_SYNTHETIC, self.esm_synthetic.clone());
    s
  }
}

/// The prebuilt worker contexts a snapshot holds.
pub fn worker_scripts(sidecar: &Sidecar) -> Result<Vec<WorkerScript>, String> {
  let mut out = Vec::new();
  for (i, s) in sidecar.list(keys::WORKER_SCRIPTS).iter().enumerate() {
    let mut w = WorkerScript::decode(s).ok_or("corrupted snapshot (worker script record)")?;
    w.esm_modules = sidecar.list(&worker_key(i, keys::ESM_MODULES)).to_vec();
    w.esm_resolved = sidecar.list(&worker_key(i, keys::ESM_RESOLVED)).to_vec();
    w.esm_synthetic = sidecar.list(&worker_key(i, keys::ESM_SYNTHETIC)).to_vec();
    out.push(w);
  }
  Ok(out)
}

fn current_header(flags: u32) -> Header {
  let reg = crate::registry::global();
  Header {
    amber_version: env!("CARGO_PKG_VERSION").to_string(),
    v8_version: v8::V8::get_version().to_string(),
    cached_data_version_tag: v8::script_compiler::cached_data_version_tag(),
    external_refs_count: reg.len() as u32,
    external_refs_hash: reg.names_hash(),
    created: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse().ok()).unwrap_or(0),
    flags,
  }
}

/// Checks that a snapshot header matches this binary and its V8 flags.
pub fn check_compatible(h: &Header) -> Result<(), String> {
  let me = current_header(0);
  if h.amber_version != me.amber_version {
    return Err(format!("snapshot was built by amber {} but this is amber {}; rebuild it", format::printable(&h.amber_version), me.amber_version));
  }
  if h.v8_version != me.v8_version {
    return Err(format!("snapshot was built with V8 {} but this amber uses V8 {}; rebuild it", format::printable(&h.v8_version), me.v8_version));
  }
  if h.external_refs_count != me.external_refs_count || h.external_refs_hash != me.external_refs_hash {
    return Err(format!(
      "snapshot was built by a different amber build (native function table: {} entries, hash {:016x}; this build: {} entries, hash {:016x}); rebuild it",
      h.external_refs_count, h.external_refs_hash, me.external_refs_count, me.external_refs_hash
    ));
  }
  if h.cached_data_version_tag != me.cached_data_version_tag {
    return Err(format!(
      "snapshot was built with different V8 flags or CPU features (tag {:08x}, now {:08x}); rebuild it or pass the same --v8-flags",
      h.cached_data_version_tag, me.cached_data_version_tag
    ));
  }
  Ok(())
}

fn map_file(path: &Path) -> Result<&'static [u8], String> {
  let file = std::fs::File::open(path).map_err(|e| format!("cannot open snapshot: {e}"))?;
  let meta = file.metadata().map_err(|e| format!("cannot read snapshot: {e}"))?;
  if meta.is_dir() {
    return Err("is a directory, not a snapshot file".into());
  }
  if meta.len() == 0 {
    return Ok(&[]);
  }
  // SAFETY: the mapping is read-only and kept for the life of the process. A file
  // modified while mapped is caught by the checksum or, at worst, is the user's race.
  let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.map_err(|e| format!("cannot map snapshot: {e}"))?;
  Ok(Box::leak(Box::new(map)))
}

/// Parses in-memory snapshot bytes that live for the whole process.
pub fn load_bytes(bytes: &'static [u8]) -> Result<LoadedSnapshot, String> {
  loaded(format::read(bytes).map_err(|e| e.to_string())?)
}

/// Parses the runtime snapshot compiled into this executable (`RuntimeOptions::
/// startup_snapshot`) without hashing it: see `format::read_embedded`. Every start of a
/// plain `amber app.js` goes through here.
pub(crate) fn load_embedded(bytes: &'static [u8]) -> Result<LoadedSnapshot, String> {
  loaded(format::read_embedded(bytes).map_err(|e| e.to_string())?)
}

fn loaded(f: format::SnapshotFile<'static>) -> Result<LoadedSnapshot, String> {
  let sidecar = Sidecar::decode(f.sidecar).map_err(|e| e.to_string())?;
  // The application context must exist in the blob (index 0 is the default context).
  let context_index = sidecar.u64(keys::CONTEXT_INDEX).ok_or("corrupted snapshot (no context index)")?;
  if context_index.checked_add(1).is_none_or(|i| i >= f.v8.contexts as u64) || sidecar.u64(keys::HOOKS_INDEX).is_none() {
    return Err("corrupted snapshot (sidecar indexes do not match the V8 blob)".into());
  }
  // So must the worker contexts (V8 checks a context index with a fatal CHECK).
  let scripts = worker_scripts(&sidecar)?;
  let worker_indexes = sidecar.u64(keys::WORKER_CONTEXT_INDEX).into_iter().chain(scripts.iter().map(|w| w.context as u64));
  for i in worker_indexes {
    if i.checked_add(1).is_none_or(|i| i >= f.v8.contexts as u64) {
      return Err("corrupted snapshot (sidecar indexes do not match the V8 blob)".into());
    }
  }
  Ok(LoadedSnapshot {
    header: f.header,
    sidecar,
    blob: f.blob,
    file_len: f.total_len,
    sidecar_len: f.sidecar.len(),
    signature: f.signature,
    signed_bytes: f.signed_bytes,
    signature_verified: false,
  })
}

/// Reads and verifies a snapshot file. Every failure is a one-line message.
pub fn load(path: &Path) -> Result<LoadedSnapshot, String> {
  load_bytes(map_file(path)?)
}

/// Every module in the heap: CommonJS (`require.cache`) and ES module records (files,
/// not the `node:` wrappers of builtins), each once, sorted.
fn heap_modules(sidecar: &Sidecar) -> Vec<String> {
  let mut all: Vec<String> = sidecar.list(keys::MODULES).to_vec();
  for entry in sidecar.list(keys::ESM_MODULES) {
    let key = entry.split_once('\0').map_or(entry.as_str(), |(k, _)| k);
    if !key.starts_with("node:") && !key.starts_with("amber:") {
      all.push(key.to_string());
    }
  }
  all.sort();
  all.dedup();
  all
}

pub fn inspect(path: &Path) -> Result<SnapshotInfo, String> {
  let s = load(path)?;
  Ok(SnapshotInfo {
    entry: s.sidecar.str(keys::ENTRY).unwrap_or("").to_string(),
    modules: heap_modules(&s.sidecar),
    contexts: s.sidecar.u64(keys::CONTEXTS).unwrap_or(1),
    header_len: s.file_len - s.sidecar_len - s.blob.len() - s.signature.map_or(0, |_| format::SignatureSection::LEN) - 8,
    signed_by: s.signature.map(|sig| sig.key),
    warmups: s.sidecar.list(keys::WARMUPS).iter().map(|w| if w.is_empty() { vec![] } else { w.split('\0').map(str::to_string).collect() }).collect(),
    addons: addon_records(&s.sidecar)?,
    worker_context: s.sidecar.u64(keys::WORKER_CONTEXT_INDEX).is_some(),
    worker_scripts: worker_scripts(&s.sidecar)?,
    sidecar_len: s.sidecar_len,
    blob_len: s.blob.len(),
    file_len: s.file_len,
    header: s.header,
  })
}

/// Builds a snapshot of `entry` into `output` (atomically). Exceptions in the entry or
/// in serialize callbacks are reported like uncaught exceptions and exit the process
/// before anything is written.
/// `keep_code` stores the bytecode of functions compiled during the build
/// (`FunctionCodeHandling::Keep`); without it they compile again after restore.
/// `sign` signs the file (Ed25519) with the given secret key.
/// `warmups`: argument lists to run the main function with before the snapshot is
/// written, keeping what they compiled but none of their effects (docs/warmup.md).
/// `workers`: absolute paths of worker scripts to prebuild a worker context for
/// (docs/workers-in-snapshots.md).
pub fn build(opts: RuntimeOptions, entry: &str, output: &Path, keep_code: bool, sign: Option<&format::SecretKey>, warmups: &[Vec<String>], workers: &[String]) -> Result<u64, String> {
  if !warmups.is_empty() && !keep_code {
    return Err("cannot build the snapshot: a warm-up keeps compiled code, which \"withoutCodeCache\" drops; use one or the other".into());
  }
  let exec_path = opts.exec_path.clone();
  let mut built = build_cold(opts, Some(entry), keep_code, workers)?;
  if !warmups.is_empty() {
    if !built.sidecar.list(keys::ADDONS).is_empty() {
      return Err("cannot build the snapshot: --warmup with native addons loaded is not supported (the warm-up would load them a second time in the build process)".into());
    }
    if built.flags & format::FLAG_MAIN_FUNCTION == 0 {
      return Err(format!(
        "cannot build the snapshot: --warmup runs the main function, but {} set none (v8.startupSnapshot.setDeserializeMainFunction)",
        format::printable(entry)
      ));
    }
    built = warm_up(built, warmups, &exec_path, output, None)?;
  } else if entry == "node:embedded_snapshot_main" && keep_code && workers.is_empty() {
    // The library alone: the same snapshot as the runtime's own, warmed up alike.
    built = warm_up_library(built)?;
  }
  let bytes = format::write_signed(&current_header(built.flags), &built.sidecar.encode(), &built.blob, sign);
  write_atomically(output, &bytes)?;
  Ok(bytes.len() as u64)
}

/// A V8 blob and what amber keeps beside it, not yet written.
struct Built {
  blob: Vec<u8>,
  sidecar: Sidecar,
  flags: u32,
}

/// The runtime's own startup snapshot: `lib/` bootstrapped, no user code. Embedded in
/// the `amber` binary at build time so that plain runs skip compiling the bootstrap.
pub fn create_runtime_snapshot() -> Result<Vec<u8>, String> {
  let opts = RuntimeOptions { mode: Mode::BuildSnapshot, argv: vec![], exec_argv: vec![], node_options: vec![], exec_path: String::new(), v8_flags: vec![], startup_snapshot: None, worker: None, heap_limits: None };
  let built = warm_up_library(build_cold(opts, None, true, &[])?)?;
  Ok(format::write_signed(&current_header(built.flags), &built.sidecar.encode(), &built.blob, None))
}

/// The start every program makes, compiled ahead: a snapshot of the library alone (the
/// runtime snapshot, `--build-snapshot node:embedded_snapshot_main`) is warmed up by
/// running a small CommonJS program from a temporary directory (what `amber app.js`
/// does: resolve and read the entry, its package scope, a relative require, a JSON
/// file, console output, a timer, a promise, the exit), the way `--warmup` warms an
/// application (`warm_up`): in a throwaway context, so the only thing kept is the
/// bytecode of the functions it ran. Without it every process compiled those functions
/// lazily again (about a third of a hello world's CPU time).
fn warm_up_library(cold: Built) -> Result<Built, String> {
  with_private_dir("amber-library-warmup", |dir| {
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write the library warm-up program: {e}"));
    write("package.json", "{ \"name\": \"amber-library-warmup\", \"version\": \"1.0.0\" }\n")?;
    write("data.json", "{ \"greeting\": \"warm\" }\n")?;
    write("dep.js", "'use strict';\nexports.twice = (x) => x * 2;\n")?;
    write("main.js", WARMUP_MAIN)?;
    let main = dir.join("main.js");
    let main = main.to_string_lossy();
    let _quiet = QuietStdio::new();
    warm_up(cold, &[vec![]], "amber", Path::new(&*main), Some(&main))
  })
}

/// Runs `f` with a new private directory under the temporary directory (never one that
/// exists: in a shared /tmp another user could have put a program there), removed after.
pub(crate) fn with_private_dir<T>(prefix: &str, f: impl FnOnce(&Path) -> Result<T, String>) -> Result<T, String> {
  let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
  let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
  {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
  }
  let result = f(&dir);
  let _ = std::fs::remove_dir_all(&dir);
  result
}

/// Standard output points at /dev/null while it lives (the library warm-up's program
/// prints, as programs do, and a `--build-snapshot` must not show it), and is put back
/// when it is dropped. Standard error stays: a warm-up that fails says why there.
pub(crate) struct QuietStdio {
  saved: Option<i32>,
}

impl QuietStdio {
  pub(crate) fn new() -> QuietStdio {
    // SAFETY: plain descriptor calls; the copy of fd 1 is owned by the guard and closed
    // in drop, /dev/null's descriptor right here.
    unsafe {
      let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
      if null < 0 {
        return QuietStdio { saved: None };
      }
      let copy = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
      let saved = if copy >= 0 && libc::dup2(null, 1) >= 0 {
        Some(copy)
      } else {
        if copy >= 0 {
          libc::close(copy);
        }
        None
      };
      libc::close(null);
      QuietStdio { saved }
    }
  }
}

impl Drop for QuietStdio {
  fn drop(&mut self) {
    if let Some(copy) = self.saved {
      // SAFETY: `copy` is the descriptor saved in `new`, owned by this guard.
      unsafe {
        libc::dup2(copy, 1);
        libc::close(copy);
      }
    }
  }
}

/// The library warm-up's program (see `warm_up_library`); its output goes to /dev/null.
const WARMUP_MAIN: &str = r#"'use strict';
const path = require('path');
const fs = require('fs');
const { twice } = require('./dep');
const data = require('./data.json');
const argv = process.argv.slice(2);
console.log('%s %d', data.greeting, twice(21), argv, path.basename(__filename));
console.log('warm-up: %o', { cwd: typeof process.cwd(), env: typeof process.env.HOME });
fs.existsSync(path.join(__dirname, 'dep.js'));
process.on('exit', (code) => { void code; });
setTimeout(() => {
  Promise.resolve(1).then((v) => { process.nextTick(() => void v); });
}, 0);
setImmediate(() => {});
"#;

fn build_cold(opts: RuntimeOptions, entry: Option<&str>, keep_code: bool, worker_scripts: &[String]) -> Result<Built, String> {
  let opts = RuntimeOptions { mode: Mode::BuildSnapshot, ..opts };
  let worker_opts = opts.clone();
  crate::platform::init_v8_with(&opts.v8_flags, true);
  amber_napi::set_recording(true);
  let tokio = JsRuntime::new_tokio();
  let state = JsRuntime::new_state(&opts, &tokio);
  let registry = crate::registry::global();
  let mut isolate = v8::Isolate::snapshot_creator(Some(registry.external_references()), None);
  JsRuntime::configure_isolate(&mut isolate, &state);
  isolate.set_prepare_stack_trace_callback(prepare_stack_trace_while_building);
  let context = {
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let hooks = bootstrap(scope).ok_or("bootstrap of lib/ failed")?;
    install_hooks(scope, &state, hooks);
    v8::Global::new(scope, context)
  };
  let mut rt = JsRuntime { context: Some(context), isolate: Some(isolate), state, tokio: std::mem::ManuallyDrop::new(tokio) };

  match entry {
    Some(entry) => rt.macrotask("runMain", &[crate::HookArg::Str(entry.to_string())]),
    // The runtime snapshot: load and exercise what almost every program uses, so
    // that its compiled code is in the snapshot too.
    None => rt.macrotask("warmup", &[]),
  }
  // An ES entry's evaluation (top-level await, e.g. of a timer) finishes first, as a
  // normal run would let it; then the loop settles.
  if entry.is_some() {
    let pending = |rt: &mut JsRuntime| rt.call_hook("entryPending", &[], |scope, v| v.is_string().then(|| v.to_rust_string_lossy(scope))).flatten();
    loop {
      rt.run_event_loop(true);
      if pending(&mut rt).is_none() || !rt.is_alive() {
        break;
      }
      rt.run_event_loop_while(|rt| pending(rt).is_some());
    }
    if let Some(file) = pending(&mut rt) {
      return Err(format!("cannot build the snapshot: the top-level await of {} never finished (nothing left to wait for)", format::printable(&file)));
    }
  }
  // Serialize callbacks, then the check for resources that cannot be carried. Nothing
  // runs after them: no loop turn, no timer, no tick (they would run with the
  // per-process facts already cleared and after the live-resource check).
  let prepared = rt
    .call_hook("prepareSnapshot", &[], |scope, v| {
      let obj = v.to_object(scope)?;
      let error = get(scope, obj, "error").filter(|v| v.is_string()).map(|v| v.to_rust_string_lossy(scope));
      let main_set = get(scope, obj, "mainSet").map(|v| v.boolean_value(scope)).unwrap_or(false);
      let contexts = get(scope, obj, "contexts").and_then(|v| v.uint32_value(scope)).unwrap_or(1);
      let workers = get(scope, obj, "workers").map(|v| v.boolean_value(scope)).unwrap_or(false);
      let modules = get(scope, obj, "modules")
        .and_then(|v| v8::Local::<v8::Array>::try_from(v).ok())
        .map(|arr| (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect())
        .unwrap_or_default();
      let addons: Vec<(String, String)> = get(scope, obj, "addons")
        .and_then(|v| v8::Local::<v8::Array>::try_from(v).ok())
        .map(|arr| {
          let mut out = Vec::new();
          for i in 0..arr.length() {
            let Some(a) = arr.get_index(scope, i).and_then(|v| v.to_object(scope)) else { continue };
            let path = get(scope, a, "path").map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
            let kinds = get(scope, a, "kinds").map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
            out.push((path, kinds));
          }
          out
        })
        .unwrap_or_default();
      let wasm = wasm_records(scope, obj);
      Some((error, main_set, contexts, modules, addons, workers, wasm))
    })
    .flatten()
    .ok_or("preparing the snapshot failed")?;
  let (error, main_set, contexts, modules, addons, workers, wasm): (Option<String>, bool, u32, Vec<String>, Vec<(String, String)>, bool, WasmRecords) = prepared;
  if let Some(e) = error {
    return Err(e);
  }
  attach_wasm_code(&mut rt, wasm, &worker_opts.v8_flags)?;
  let addons = addons
    .iter()
    .map(|(path, kinds)| {
      AddonRecord::of_file(path, kinds)
        .map(|r| r.encode())
        .map_err(|e| format!("cannot build the snapshot: native addon {path} cannot be read ({})", io_reason(&e)))
    })
    .collect::<Result<Vec<String>, String>>()?;
  // An application that loaded worker_threads also gets a context with `lib/`
  // bootstrapped and no user code: the restored process starts its workers from it.
  // V8 shares one read-only heap between the isolates of a process, so every isolate
  // must come from the same blob; a worker of a restored process cannot start from
  // the embedded runtime snapshot. (The runtime snapshot needs no such context: its
  // own is one.) Applications without workers do not pay for it. (Made for every
  // application, it would serve libraries that start workers lazily, but builds with a
  // worker context are not byte-reproducible yet: docs/warmup.md, "Reproducible builds".)
  // Prebuilt worker contexts need it too: it is where other workers (and the named
  // scripts' workers given workerData their top level read) start.
  let worker_context = match entry {
    Some(_) if workers || !worker_scripts.is_empty() => {
      let isolate = rt.isolate.as_mut().unwrap();
      v8::scope!(let scope, isolate);
      let context = v8::Context::new(scope, Default::default());
      let scope = &mut v8::ContextScope::new(scope, context);
      let hooks = bootstrap(scope).ok_or("bootstrap of lib/ for the worker context failed")?;
      Some((v8::Global::new(scope, context), v8::Global::new(scope, hooks)))
    }
    _ => None,
  };
  // The worker context is prepared the same way (no user callbacks live there): what
  // V8 re-creates at restore (Error.stackTraceLimit) and per-process facts are cleared.
  if let Some((wctx, whooks)) = &worker_context {
    call_worker_context_hook(rt.isolate.as_mut().unwrap(), wctx, whooks, "prepareSnapshot")?;
  }
  let mut prebuilt = Vec::new();
  for path in worker_scripts {
    prebuilt.push(build_worker_script(&mut rt, &worker_opts, path)?);
  }

  let mut isolate = rt.isolate.take().unwrap();
  // Addons' references and environments hold V8 handles; registration makes them again
  // at restore.
  if let Err(e) = amber_napi::release_for_snapshot(&mut isolate) {
    // A snapshot-creator isolate may only end through create_blob; the build is over.
    std::mem::forget(isolate);
    return Err(e);
  }
  let context = rt.context.take().unwrap();
  let mut sidecar = Sidecar::default();
  sidecar.set_u64(keys::CONTEXTS, contexts as u64);
  sidecar.set_str(keys::ENTRY, entry.unwrap_or(""));
  sidecar.set_list(keys::MODULES, modules);
  if !addons.is_empty() {
    sidecar.set_list(keys::ADDONS, addons);
  }
  let flags = if main_set { format::FLAG_MAIN_FUNCTION } else { 0 };
  serialize(isolate, context, &rt.state, keep_code, sidecar, flags, Workers { library: worker_context, scripts: prebuilt })
}

/// The modules declared with amber:wasm's `precompile()` (docs/wasm-in-snapshots.md):
/// their JS records and the wire bytes of each.
type WasmRecords = Option<(v8::Global<v8::Array>, Vec<Vec<u8>>)>;

/// Reads the `wasm` records of `prepareSnapshot`'s result (lib/internal/wasm/snapshot.js).
fn wasm_records<'s>(scope: &mut v8::PinScope<'s, '_>, result: v8::Local<'s, v8::Object>) -> WasmRecords {
  let arr = get(scope, result, "wasm").and_then(|v| v8::Local::<v8::Array>::try_from(v).ok())?;
  if arr.length() == 0 {
    return None;
  }
  let mut wires = Vec::new();
  for i in 0..arr.length() {
    let bytes = arr.get_index(scope, i).and_then(|r| r.to_object(scope)).and_then(|r| get(scope, r, "bytes"));
    wires.push(bytes.and_then(crate::bindings::helpers::bytes_arg).unwrap_or_default());
  }
  Some((v8::Global::new(scope, arr), wires))
}

/// WebAssembly has no place in a snapshot's heap, its compiled code does: each module
/// declared with `precompile()` is compiled in a separate isolate (V8 gives the
/// snapshot-creator isolate no WebAssembly), and V8's serialization of it is stored in
/// its record as an ArrayBuffer (`cache`) with the hash of the bytes compiled (`key`);
/// the wire bytes are dropped from the record (the application keeps its own).
fn attach_wasm_code(rt: &mut JsRuntime, wasm: WasmRecords, v8_flags: &[String]) -> Result<(), String> {
  let Some((records, wires)) = wasm else { return Ok(()) };
  // Compiled by the optimizing tier up front, unless the build was given V8 flags about
  // WebAssembly (the flags are switched and put back around the compilation).
  let optimize = !v8_flags.iter().any(|f| f.contains("liftoff") || f.contains("wasm"));
  let caches = crate::bindings::wasm::compile_for_snapshot(&wires, optimize);
  let context = rt.context.clone().ok_or("snapshot build: no context")?;
  let isolate = rt.isolate.as_mut().ok_or("snapshot build: no isolate")?;
  v8::scope!(let scope, isolate);
  let ctx = v8::Local::new(scope, &context);
  let scope = &mut v8::ContextScope::new(scope, ctx);
  let records = v8::Local::new(scope, &records);
  for (i, (wire, cache)) in wires.iter().zip(caches).enumerate() {
    let Some(record) = records.get_index(scope, i as u32).and_then(|r| r.to_object(scope)) else { continue };
    let set = |scope: &mut v8::PinScope, k: &str, v: v8::Local<v8::Value>| {
      let key = v8::String::new(scope, k).unwrap();
      record.set(scope, key.into(), v);
    };
    let undefined = v8::undefined(scope).into();
    set(scope, "bytes", undefined);
    let cache = match cache {
      Ok(Some(cache)) => cache,
      Ok(None) => continue,
      Err(why) => {
        return Err(format!(
          "cannot build the snapshot: the WebAssembly module declared with require(\"amber:wasm\").precompile() ({} bytes) does not compile: {}",
          wire.len(),
          format::printable(&why)
        ))
      }
    };
    let key = v8::String::new(scope, &crate::bindings::wasm::wire_key(wire)).ok_or("snapshot build: string")?;
    set(scope, "key", key.into());
    let store = v8::ArrayBuffer::new_backing_store_from_vec(cache).make_shared();
    let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
    set(scope, "cache", ab.into());
  }
  Ok(())
}

/// The worker context of an application snapshot and its hooks object (see `build_cold`).
type WorkerContext = (v8::Global<v8::Context>, v8::Global<v8::Object>);

/// The worker contexts to write beside the application's: the library-only one and one
/// per prebuilt worker script.
struct Workers {
  library: Option<WorkerContext>,
  scripts: Vec<PrebuiltWorker>,
}

/// A worker context in which one worker script already ran (`--worker FILE`).
struct PrebuiltWorker {
  path: String,
  context: WorkerContext,
  reads: Vec<String>,
  /// The ES module map of that context (an ES module script and what it imported).
  esm: EsmState,
}

/// Builds the worker context of the worker script `path` (docs/workers-in-snapshots.md):
/// a new context in the build's isolate, with `lib/` bootstrapped and a native `State`
/// of its own (timers, ops, modules), where the script's top level runs as a worker's
/// would (`hooks.buildWorkerScript`), the loop settles and the context is prepared like
/// the main one (serialize callbacks, live resources refused by name). The main
/// context's `State` is installed again before this returns, whatever the outcome.
fn build_worker_script(rt: &mut JsRuntime, opts: &RuntimeOptions, path: &str) -> Result<PrebuiltWorker, String> {
  let label = format::printable(path);
  let wopts = RuntimeOptions { mode: Mode::BuildSnapshot, argv: vec![opts.exec_path.clone(), path.to_string()], ..opts.clone() };
  let tokio = JsRuntime::new_tokio();
  let state = JsRuntime::new_state(&wopts, &tokio);
  let mut isolate = rt.isolate.take().expect("build isolate");
  JsRuntime::configure_isolate(&mut isolate, &state);
  let context = {
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    match bootstrap(scope) {
      Some(hooks) => {
        install_hooks(scope, &state, hooks);
        Some(v8::Global::new(scope, context))
      }
      None => None,
    }
  };
  let Some(context) = context else {
    JsRuntime::configure_isolate(&mut isolate, &rt.state);
    rt.isolate = Some(isolate);
    return Err(format!("cannot build the snapshot: bootstrap of lib/ for the worker script {label} failed"));
  };
  let mut wrt = JsRuntime { context: Some(context), isolate: Some(isolate), state: state.clone(), tokio: std::mem::ManuallyDrop::new(tokio) };
  let result = run_worker_script(&mut wrt, path, &label);
  let hooks = state.borrow().hooks.as_ref().map(|h| h.object.clone());
  state.borrow_mut().hooks = None;
  // The read slab is held by a global handle too (runtime.rs, `read_value`).
  state.borrow_mut().read_slab = None;
  let esm = esm_state_of(&state);
  state.borrow_mut().modules.clear();
  let context = wrt.context.take().expect("worker script context");
  let mut isolate = wrt.isolate.take().expect("build isolate");
  drop(wrt);
  JsRuntime::configure_isolate(&mut isolate, &rt.state);
  rt.isolate = Some(isolate);
  let reads = result?;
  let hooks = hooks.ok_or("worker script context: hooks missing")?;
  Ok(PrebuiltWorker { path: path.to_string(), context: (context, hooks), reads, esm })
}

/// Runs worker script `path` in `wrt` until its loop settles, then prepares its context
/// for the snapshot; returns the per-worker facts its top level read.
fn run_worker_script(wrt: &mut JsRuntime, path: &str, label: &str) -> Result<Vec<String>, String> {
  let refused = wrt.call_hook("buildWorkerScript", &[crate::HookArg::Str(path.to_string())], |scope, v| v.is_string().then(|| v.to_rust_string_lossy(scope))).flatten();
  if let Some(why) = refused {
    return Err(format!("cannot build the snapshot: worker script {label} cannot be prebuilt: {}", format::printable(&why)));
  }
  wrt.call_hook("runTicks", &[], |_, _| ());
  // An ES module script's evaluation (top-level await) finishes first, as for an entry.
  let pending = |rt: &mut JsRuntime| rt.call_hook("entryPending", &[], |scope, v| v.is_string().then(|| v.to_rust_string_lossy(scope))).flatten();
  loop {
    wrt.run_event_loop(true);
    if pending(wrt).is_none() || !wrt.is_alive() {
      break;
    }
    wrt.run_event_loop_while(|rt| pending(rt).is_some());
  }
  if pending(wrt).is_some() {
    return Err(format!("cannot build the snapshot: the top-level await of worker script {label} never finished (nothing left to wait for)"));
  }
  let prepared = wrt
    .call_hook("prepareSnapshot", &[], |scope, v| {
      let obj = v.to_object(scope)?;
      let error = get(scope, obj, "error").filter(|v| v.is_string()).map(|v| v.to_rust_string_lossy(scope));
      let reads: Vec<String> = get(scope, obj, "workerReads")
        .and_then(|v| v8::Local::<v8::Array>::try_from(v).ok())
        .map(|arr| (0..arr.length()).filter_map(|i| arr.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect())
        .unwrap_or_default();
      let addons = get(scope, obj, "addons").and_then(|v| v8::Local::<v8::Array>::try_from(v).ok()).map_or(0, |a| a.length());
      let main_set = get(scope, obj, "mainSet").map(|v| v.boolean_value(scope)).unwrap_or(false);
      Some((error, reads, addons, main_set))
    })
    .flatten()
    .ok_or_else(|| format!("cannot build the snapshot: preparing the context of worker script {label} failed"))?;
  let (error, reads, addons, main_set) = prepared;
  if let Some(e) = error {
    return Err(format!("{e} (in worker script {label})"));
  }
  if addons > 0 {
    return Err(format!("cannot build the snapshot: worker script {label} loaded native addons; a prebuilt worker context cannot carry them"));
  }
  if main_set {
    return Err(format!("cannot build the snapshot: worker script {label} set a main function (v8.startupSnapshot.setDeserializeMainFunction); a worker has none"));
  }
  // Facts that differ for every worker and that no worker could be started without: a
  // context holding the build's value would be wrong for all of them.
  if let Some(fact) = reads.iter().find(|r| *r == "threadId" || *r == "resourceLimits") {
    return Err(format!(
      "cannot build the snapshot: worker script {label} reads {fact} at its top level, which runs at build time where no worker exists yet; read require('worker_threads').{fact} when it is needed (e.g. in a 'message' handler), or drop --worker for it"
    ));
  }
  Ok(reads)
}

/// Calls the hook `name` of the worker context `(wctx, whooks)`. That context has no
/// `State` of its own (its hooks are not the installed ones), so the function is taken
/// from its hooks object directly.
fn call_worker_context_hook(isolate: &mut v8::OwnedIsolate, wctx: &v8::Global<v8::Context>, whooks: &v8::Global<v8::Object>, name: &str) -> Result<(), String> {
  v8::scope!(let scope, isolate);
  let ctx = v8::Local::new(scope, wctx);
  let scope = &mut v8::ContextScope::new(scope, ctx);
  let hooks = v8::Local::new(scope, whooks);
  let f = get(scope, hooks, name).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()).ok_or_else(|| format!("worker context: no {name} hook"))?;
  let recv = v8::undefined(scope).into();
  v8::tc_scope!(let tc, scope);
  if f.call(tc, recv, &[]).is_none() {
    let e = tc.exception().map(|e| e.to_rust_string_lossy(tc)).unwrap_or_default();
    return Err(format!("preparing the worker context failed ({name}): {e}"));
  }
  Ok(())
}

/// The ES module map of `state`: its modules (sorted by key) and the string parts
/// (resolutions, synthetic export names) as sidecar entries.
type EsmState = (Vec<(String, v8::Global<v8::Module>)>, Vec<String>, Vec<String>);

fn esm_state_of(state: &crate::state::StateRef) -> EsmState {
  let st = state.borrow();
  let m = &st.modules;
  let mut entries: Vec<(String, v8::Global<v8::Module>)> = m.by_key.iter().map(|(k, g)| (k.clone(), g.clone())).collect();
  entries.sort_by(|a, b| a.0.cmp(&b.0));
  let mut resolved: Vec<String> = m.resolved.iter().map(|((r, s), t)| format!("{r}\0{s}\0{t}")).collect();
  resolved.sort();
  let mut synthetic: Vec<String> = m.synthetic_names.iter().map(|(k, n)| format!("{k}\0{}", n.join("\0"))).collect();
  synthetic.sort();
  (entries, resolved, synthetic)
}

/// Writes `context` (with the hooks object and the ES module records of `state`) and a
/// pristine default context into a V8 blob. `sidecar` already holds the records that do
/// not depend on the blob; the context and module indexes are added here. The worker
/// contexts (`workers`) are added after it, with their indexes in the sidecar.
fn serialize(mut isolate: v8::OwnedIsolate, context: v8::Global<v8::Context>, state: &crate::state::StateRef, keep_code: bool, mut sidecar: Sidecar, mut flags: u32, workers: Workers) -> Result<Built, String> {
  // No inspector state in a snapshot: JS ended coverage and refused a user's session in
  // prepareSnapshot; the inspector itself (and its sessions' handles) goes now, leaving
  // the context its debugger id (see `mark_context_for_snapshot`).
  crate::bindings::inspector::mark_context_for_snapshot(&mut isolate, &context);
  crate::bindings::inspector::dispose(&mut isolate);
  let hooks_global = state.borrow().hooks.as_ref().map(|h| h.object.clone()).ok_or("hooks missing")?;
  state.borrow_mut().hooks = None;
  // The read slab is held by a global handle too (runtime.rs, `read_value`).
  state.borrow_mut().read_slab = None;
  // ES modules are V8 modules, not JS values: store each with add_context_data and
  // keep the map's string parts (keys, resolutions, synthetic export names) in the sidecar.
  let esm_state = esm_state_of(state);
  state.borrow_mut().modules.clear();
  let (esm_entries, esm_resolved, esm_synthetic) = esm_state;
  let Workers { library: mut worker_context, scripts } = workers;
  let mut worker_indexes = None;
  let mut script_records = Vec::new();
  let (context_index, hooks_index, esm_list) = {
    v8::scope!(let scope, &mut isolate);
    let ctx = v8::Local::new(scope, &context);
    let hooks = v8::Local::new(scope, &hooks_global);
    let default_ctx = v8::Context::new(scope, Default::default());
    scope.set_default_context(default_ctx);
    let context_index = scope.add_context(ctx);
    let hooks_index = scope.add_context_data(ctx, hooks);
    let mut esm_list = Vec::new();
    for (key, g) in &esm_entries {
      let m = v8::Local::new(scope, g);
      let idx = scope.add_context_data(ctx, m);
      esm_list.push(format!("{key}\0{idx}"));
    }
    if let Some((wctx, whooks)) = worker_context.take() {
      let wctx = v8::Local::new(scope, &wctx);
      let whooks = v8::Local::new(scope, &whooks);
      worker_indexes = Some((scope.add_context(wctx), scope.add_context_data(wctx, whooks)));
    }
    for PrebuiltWorker { path, context: (wctx, whooks), reads, esm: (entries, esm_resolved, esm_synthetic) } in scripts {
      let wctx = v8::Local::new(scope, &wctx);
      let whooks = v8::Local::new(scope, &whooks);
      let context = scope.add_context(wctx);
      let hooks = scope.add_context_data(wctx, whooks);
      let mut esm_modules = Vec::new();
      for (key, g) in &entries {
        let m = v8::Local::new(scope, g);
        let idx = scope.add_context_data(wctx, m);
        esm_modules.push(format!("{key}\0{idx}"));
      }
      script_records.push(WorkerScript { path, context, hooks, reads, esm_modules, esm_resolved, esm_synthetic });
    }
    (context_index, hooks_index, esm_list)
  };
  drop(esm_entries);
  drop(context);
  drop(hooks_global);
  isolate.remove_slot::<crate::state::StateRef>();
  let handling = if keep_code { v8::FunctionCodeHandling::Keep } else { v8::FunctionCodeHandling::Clear };
  let blob = isolate.create_blob(handling).ok_or("V8 could not create the snapshot blob")?;
  // V8 cannot rehash the hash tables inside ES module records, so a snapshot holding
  // ES modules keeps the build's hash seed. Anything else must be rehashable.
  let rehashable = blob.can_be_rehashed();
  if !rehashable && esm_list.is_empty() && script_records.iter().all(|w| w.esm_modules.is_empty()) {
    return Err("V8 produced a snapshot that cannot be rehashed; refusing to write it".into());
  }
  sidecar.set_u64(keys::CONTEXT_INDEX, context_index as u64);
  sidecar.set_u64(keys::HOOKS_INDEX, hooks_index as u64);
  sidecar.set_list(keys::ESM_MODULES, esm_list);
  sidecar.set_list(keys::ESM_RESOLVED, esm_resolved);
  sidecar.set_list(keys::ESM_SYNTHETIC, esm_synthetic);
  sidecar.set_u64(keys::CODE_KEPT, keep_code as u64);
  if let Some((wc, wh)) = worker_indexes {
    sidecar.set_u64(keys::WORKER_CONTEXT_INDEX, wc as u64);
    sidecar.set_u64(keys::WORKER_HOOKS_INDEX, wh as u64);
  }
  if !script_records.is_empty() {
    for (i, w) in script_records.iter().enumerate() {
      if !w.esm_modules.is_empty() {
        sidecar.set_list(&worker_key(i, keys::ESM_MODULES), w.esm_modules.clone());
        sidecar.set_list(&worker_key(i, keys::ESM_RESOLVED), w.esm_resolved.clone());
        sidecar.set_list(&worker_key(i, keys::ESM_SYNTHETIC), w.esm_synthetic.clone());
      }
    }
    sidecar.set_list(keys::WORKER_SCRIPTS, script_records.iter().map(WorkerScript::encode).collect());
  }
  flags &= !format::FLAG_FIXED_HASH_SEED;
  if !rehashable {
    flags |= format::FLAG_FIXED_HASH_SEED;
  }
  Ok(Built { blob: blob.to_vec(), sidecar, flags })
}

/// The warm-up (docs/warmup.md), after V8's `WarmUpSnapshotDataBlob`: a snapshot
/// creator is started from the cold blob; each warm-up runs the main function in a
/// throwaway context deserialized from it, as a restored process would; then a second,
/// untouched copy of the context is deserialized and serialized again with
/// `FunctionCodeHandling::Keep`. Functions are `SharedFunctionInfo`s in the isolate part
/// of the snapshot, shared by every context made from it, so the bytecode the warm-up
/// compiled is attached to the functions of the cold copy; the warm-up's heap (its
/// output buffers, module state, timers) is garbage once its context is dropped, and
/// its native state (timers, ops) lived in a `State` of its own.
/// `script`: run this CommonJS file as the main module of each warm-up (a snapshot of the
/// library alone has no main function), with `output` as its `argv[1]`.
fn warm_up(cold: Built, warmups: &[Vec<String>], exec_path: &str, output: &Path, script: Option<&str>) -> Result<Built, String> {
  let bad = || "cannot warm up: the cold snapshot has no context index".to_string();
  let context_index = cold.sidecar.u64(keys::CONTEXT_INDEX).ok_or_else(bad)? as usize;
  let hooks_index = cold.sidecar.u64(keys::HOOKS_INDEX).ok_or_else(bad)? as usize;
  // The creator isolate reads the blob for its whole life; the build process ends soon.
  let blob: &'static [u8] = Box::leak(cold.blob.into_boxed_slice());
  let registry = crate::registry::global();
  let mut isolate = v8::Isolate::snapshot_creator_from_existing_snapshot(v8::StartupData::from(blob), Some(registry.external_references()), None);
  // A new context from the cold snapshot, with a `State` of its own: the hooks, the ES
  // module map and everything native (timers, ops) belong to that context only.
  let open = |isolate: &mut v8::OwnedIsolate, mode: Mode, argv: Vec<String>| -> Result<(v8::Global<v8::Context>, crate::state::StateRef, tokio::runtime::Runtime), String> {
    let opts = RuntimeOptions { mode, argv, exec_argv: vec![], node_options: vec![], exec_path: exec_path.to_string(), v8_flags: vec![], startup_snapshot: None, worker: None, heap_limits: None };
    let tokio = JsRuntime::new_tokio();
    let state = JsRuntime::new_state(&opts, &tokio);
    JsRuntime::configure_isolate(isolate, &state);
    v8::scope!(let scope, isolate);
    let context = v8::Context::from_snapshot(scope, context_index, Default::default()).ok_or("cannot warm up: the cold snapshot has no such context")?;
    let scope = &mut v8::ContextScope::new(scope, context);
    let hooks = scope.get_context_data_from_snapshot_once::<v8::Object>(hooks_index).map_err(|_| "cannot warm up: snapshot hooks missing")?;
    install_hooks(scope, &state, hooks);
    restore_module_map(scope, &state, &cold.sidecar)?;
    Ok((v8::Global::new(scope, context), state, tokio))
  };

  for args in warmups {
    let label = format!("'{}'", args.iter().map(|a| format::printable(a)).collect::<Vec<_>>().join(" "));
    // argv as `amber app.snap ARGS` would give it.
    let mut argv = vec![exec_path.to_string(), output.to_string_lossy().into_owned()];
    argv.extend(args.iter().cloned());
    let (context, state, tokio) = open(&mut isolate, Mode::FromSnapshot, argv)?;
    state.borrow_mut().warmup = Some(crate::state::WarmupRun { label: label.clone(), exit_code: None });
    let mut rt = JsRuntime { context: Some(context), isolate: Some(isolate), state, tokio: std::mem::ManuallyDrop::new(tokio) };
    let exited = |rt: &JsRuntime| rt.state.borrow().warmup.as_ref().and_then(|w| w.exit_code);
    rt.macrotask("prepareWarmup", &[]);
    rt.macrotask("afterRestore", &[]);
    if exited(&rt).is_none() {
      let entry = script.map_or(crate::HookArg::Null, |s| crate::HookArg::Str(s.to_string()));
      rt.macrotask("runSnapshotMain", &[entry]);
    }
    // The loop runs as in a process started from the snapshot, until nothing refed is
    // left or the warm-up calls process.exit(); no 'beforeExit'/'exit' events.
    rt.run_event_loop_while(|rt| exited(rt).is_none());
    // A program's end ('exit' listeners, the compile cache flush) is part of every run.
    if script.is_some() && exited(&rt).is_none() {
      rt.emit_exit();
    }
    // Its exit code (process.exit(code), process.exitCode) is a result, not a failure:
    // tools exit non-zero when they report problems (tsc with type errors, eslint with
    // lint errors), which warms up the same code. Uncaught errors fail the build
    // (errors.rs).
    // Drop everything that refers to the warm context; its heap is garbage from here on.
    isolate = rt.isolate.take().unwrap();
    rt.context.take();
    rt.state.borrow_mut().hooks = None;
    rt.state.borrow_mut().read_slab = None;
    rt.state.borrow_mut().modules.clear();
    drop(rt);
    crate::bindings::inspector::dispose(&mut isolate);
    isolate.remove_slot::<crate::state::StateRef>();
  }

  // The cold copy: deserialized, never run, serialized again.
  let (context, state, tokio) = open(&mut isolate, Mode::BuildSnapshot, vec![])?;
  {
    v8::scope!(let scope, &mut isolate);
    let ctx = v8::Local::new(scope, &context);
    let scope = &mut v8::ContextScope::new(scope, ctx);
    crate::runtime::call_hook_in(scope, "prepareResnapshot", &[], |_, _| ()).ok_or("cannot warm up: preparing the cold context failed")?;
  }
  // The worker context (an application that loaded worker_threads): deserialized from the
  // cold blob too and written again, or the warm snapshot could not start workers. Like
  // the cold copy it gets `prepareResnapshot`: V8 re-created its Error.stackTraceLimit,
  // which must not be stored a second time.
  let worker_context = match cold.sidecar.u64(keys::WORKER_CONTEXT_INDEX).zip(cold.sidecar.u64(keys::WORKER_HOOKS_INDEX)) {
    Some((wc, wh)) => {
      let wctx = {
        v8::scope!(let scope, &mut isolate);
        let context = v8::Context::from_snapshot(scope, wc as usize, Default::default()).ok_or("cannot warm up: the cold snapshot has no worker context")?;
        let scope = &mut v8::ContextScope::new(scope, context);
        let hooks = scope.get_context_data_from_snapshot_once::<v8::Object>(wh as usize).map_err(|_| "cannot warm up: worker context hooks missing")?;
        (v8::Global::new(scope, context), v8::Global::new(scope, hooks))
      };
      call_worker_context_hook(&mut isolate, &wctx.0, &wctx.1, "prepareResnapshot")?;
      Some(wctx)
    }
    None => None,
  };
  // The prebuilt worker contexts, the same way.
  let mut scripts = Vec::new();
  for w in worker_scripts(&cold.sidecar)? {
    let (wctx, entries) = {
      v8::scope!(let scope, &mut isolate);
      let context = v8::Context::from_snapshot(scope, w.context, Default::default()).ok_or("cannot warm up: the cold snapshot has no such worker script context")?;
      let scope = &mut v8::ContextScope::new(scope, context);
      let hooks = scope.get_context_data_from_snapshot_once::<v8::Object>(w.hooks).map_err(|_| "cannot warm up: worker script context hooks missing")?;
      let mut entries = Vec::new();
      for entry in &w.esm_modules {
        let bad = || "corrupted snapshot (module map)".to_string();
        let (key, idx) = entry.split_once('\0').ok_or_else(bad)?;
        let idx: usize = idx.parse().map_err(|_| bad())?;
        let m = scope.get_context_data_from_snapshot_once::<v8::Module>(idx).map_err(|_| bad())?;
        entries.push((key.to_string(), v8::Global::new(scope, m)));
      }
      ((v8::Global::new(scope, context), v8::Global::new(scope, hooks)), entries)
    };
    call_worker_context_hook(&mut isolate, &wctx.0, &wctx.1, "prepareResnapshot")?;
    scripts.push(PrebuiltWorker { path: w.path, context: wctx, reads: w.reads, esm: (entries, w.esm_resolved, w.esm_synthetic) });
  }
  let mut sidecar = Sidecar::default();
  for k in [keys::CONTEXTS, keys::ENTRY, keys::MODULES, keys::ADDONS] {
    if let Some(v) = cold.sidecar.entries.get(k) {
      sidecar.entries.insert(k.to_string(), v.clone());
    }
  }
  sidecar.set_list(keys::WARMUPS, warmups.iter().map(|a| a.join("\0")).collect());
  let built = serialize(isolate, context, &state, true, sidecar, cold.flags, Workers { library: worker_context, scripts });
  tokio.shutdown_background();
  built
}

/// Formats `error.stack` while a snapshot is built, through the `formatStackTrace` hook
/// (`lib/internal/snapshot.js`): a user `Error.prepareStackTrace` gets plain objects
/// instead of V8's CallSites, which V8 cannot restore from a snapshot (issue 11 item 3).
fn prepare_stack_trace_while_building<'s>(scope: &mut v8::PinScope<'s, '_>, error: v8::Local<'s, v8::Value>, sites: v8::Local<'s, v8::Array>) -> v8::Local<'s, v8::Value> {
  crate::bindings::stack_trace::format_through_hook(scope, "formatStackTrace", crate::bindings::stack_trace::FirstArgument::ErrorConstructor, error, sites)
}

/// Rebuilds the ES module map from the snapshot's context data and sidecar.
fn restore_module_map(scope: &mut v8::PinScope, state: &crate::state::StateRef, sidecar: &Sidecar) -> Result<(), String> {
  let bad = || "corrupted snapshot (module map)".to_string();
  for entry in sidecar.list(keys::ESM_MODULES) {
    let (key, idx) = entry.split_once('\0').ok_or_else(bad)?;
    let idx: usize = idx.parse().map_err(|_| bad())?;
    let m = scope.get_context_data_from_snapshot_once::<v8::Module>(idx).map_err(|_| bad())?;
    state.borrow_mut().modules.insert(scope, key, m);
  }
  let mut st = state.borrow_mut();
  for entry in sidecar.list(keys::ESM_RESOLVED) {
    let mut parts = entry.split('\0');
    let (r, s, t) = (parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?);
    st.modules.resolved.insert((r.to_string(), s.to_string()), t.to_string());
  }
  for entry in sidecar.list(keys::ESM_SYNTHETIC) {
    let mut parts = entry.split('\0');
    let key = parts.next().ok_or_else(bad)?.to_string();
    st.modules.synthetic_names.insert(key, parts.map(|s| s.to_string()).collect());
  }
  Ok(())
}

fn get<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>, k: &str) -> Option<v8::Local<'s, v8::Value>> {
  let key = v8::String::new(scope, k)?;
  obj.get(scope, key.into())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
  format::write_file_atomically(path, &[bytes], 0o644)
}

impl JsRuntime {
  /// Creates a runtime from a verified snapshot: the isolate is deserialized from the
  /// blob, the context taken from the snapshot, and the Rust-side state re-installed.
  pub fn from_snapshot(opts: RuntimeOptions, snap: &LoadedSnapshot) -> Result<JsRuntime, String> {
    let opts = RuntimeOptions { mode: Mode::FromSnapshot, ..opts };
    let rt = Self::from_verified_snapshot(opts, snap)?;
    // This process's workers start from the same blob, in its worker context.
    let worker = snap.sidecar.u64(keys::WORKER_CONTEXT_INDEX).zip(snap.sidecar.u64(keys::WORKER_HOOKS_INDEX));
    let scripts = worker_scripts(&snap.sidecar)?;
    crate::worker::set_worker_source(crate::worker::WorkerSource::Application { blob: snap.blob, context: worker.map(|(c, h)| (c as usize, h as usize)), scripts });
    Ok(rt)
  }

  pub(crate) fn from_verified_snapshot(opts: RuntimeOptions, snap: &LoadedSnapshot) -> Result<JsRuntime, String> {
    crate::platform::init_v8(&opts.v8_flags);
    check_compatible(&snap.header)?;
    verify_addons(&snap.sidecar, snap.signature_verified)?;
    let context_index = snap.sidecar.u64(keys::CONTEXT_INDEX).ok_or("corrupted snapshot (no context index)")? as usize;
    let hooks_index = snap.sidecar.u64(keys::HOOKS_INDEX).ok_or("corrupted snapshot (no hooks index)")? as usize;
    Self::from_snapshot_context(opts, snap.blob, context_index, hooks_index, Some(&snap.sidecar))
  }

  /// Creates the isolate from `blob` and takes context `context_index` with its hooks
  /// object; `sidecar` carries the ES module map of that context, if it has one.
  pub(crate) fn from_snapshot_context(opts: RuntimeOptions, blob: &'static [u8], context_index: usize, hooks_index: usize, sidecar: Option<&Sidecar>) -> Result<JsRuntime, String> {
    crate::platform::init_v8(&opts.v8_flags);
    let tokio = Self::new_tokio();
    let state = Self::new_state(&opts, &tokio);
    state.borrow_mut().compile_cache.blob_tag = crate::compile_cache::blob_tag(blob);
    let registry = crate::registry::global();
    let params = v8::CreateParams::default()
      .external_references(registry.external_references())
      .snapshot_blob(v8::StartupData::from(blob));
    let params = Self::limits(params, &opts);
    let mut isolate = v8::Isolate::new(params);
    Self::configure_isolate(&mut isolate, &state);
    let context = {
      v8::scope!(let scope, &mut isolate);
      let context = v8::Context::from_snapshot(scope, context_index, Default::default()).ok_or("snapshot has no such context")?;
      let scope = &mut v8::ContextScope::new(scope, context);
      let hooks = scope.get_context_data_from_snapshot_once::<v8::Object>(hooks_index).map_err(|_| "snapshot hooks missing")?;
      install_hooks(scope, &state, hooks);
      if let Some(sidecar) = sidecar {
        restore_module_map(scope, &state, sidecar)?;
      }
      v8::Global::new(scope, context)
    };
    Ok(JsRuntime { context: Some(context), isolate: Some(isolate), state, tokio: std::mem::ManuallyDrop::new(tokio) })
  }
}

/// An I/O error's reason without the "(os error N)" suffix.
fn io_reason(e: &std::io::Error) -> String {
  match e.kind() {
    std::io::ErrorKind::NotFound => "no such file".into(),
    _ => {
      let s = e.to_string();
      s.split(" (os error").next().unwrap_or(&s).to_string()
    }
  }
}
