//! The module compile cache (`module.enableCompileCache()` / `NODE_COMPILE_CACHE`): V8
//! code caches of CommonJS and ES modules in a directory, one file per module file name,
//! valid for the exact source it holds the hash of. A cache entry is written when the process ends, after the module has
//! run, so it holds the functions that were actually compiled. Entries V8 rejects
//! (another V8 version or flags) are replaced.
//!
//! A cache entry is code the process will run, so nothing in it is trusted: each entry
//! carries the hash of the exact source it was made from and a checksum of its bytes,
//! and is ignored (and rewritten) when either differs. The directory must belong to the
//! current user and be writable by nobody else (`use_directory`), so another user
//! cannot plant entries.

use std::path::{Path, PathBuf};

use crate::state::state;

#[derive(Default)]
pub struct CompileCache {
  pub dir: Option<PathBuf>,
  /// The read-only snapshot checksum of the blob this isolate was made from (0 for V8's
  /// own): V8 binds every code cache to it and rejects one made under another blob.
  pub blob_tag: u32,
  /// Modules compiled without a usable cache entry in this process: written at exit.
  pending: Vec<(PathBuf, [u8; 16], Compiled)>,
}

enum Compiled {
  CommonJs(v8::Global<v8::Function>),
  EsModule(v8::Global<v8::Module>),
}

// Layout of a compile-cache entry (integers little-endian):
//   offset  size  field
//        0     8  magic "AMBERCC\x01" (the last byte is the entry format version)
//        8    16  xxh3-128 of the file name, a NUL byte and the complete source text
//       24     8  xxh3-64 of the V8 code cache that follows
//       32     -  V8 code cache (`CachedData`), to the end of the file
const ENTRY_MAGIC: &[u8; 8] = b"AMBERCC\x01";
const ENTRY_HEADER: usize = 32;

/// The identity of one module's source: file name and full text.
fn source_key(filename: &str, source: &str) -> [u8; 16] {
  let mut key = Vec::with_capacity(filename.len() + source.len() + 1);
  key.extend_from_slice(filename.as_bytes());
  key.push(0);
  key.extend_from_slice(source.as_bytes());
  xxhash_rust::xxh3::xxh3_128(&key).to_le_bytes()
}

/// One entry per file name and startup blob: a changed source replaces its file's entry
/// (the key inside no longer matches) instead of adding another, so the directory grows
/// with the number of files a user runs (times the snapshots they run them under), not
/// with every edit of them. The blob is part of the name because V8 rejects a code cache
/// made in an isolate from another startup blob (`SerializedCodeData::SanityCheck`
/// compares the read-only snapshot checksum): with one entry per file, a module required
/// both by plain runs and by processes restored from an application snapshot had its
/// entry rejected and rewritten by every run that followed one of the other kind.
fn entry_path(dir: &Path, filename: &str, blob_tag: u32) -> PathBuf {
  let mut name = Vec::with_capacity(filename.len() + 5);
  name.extend_from_slice(filename.as_bytes());
  if blob_tag != 0 {
    name.push(0);
    name.extend_from_slice(&blob_tag.to_le_bytes());
  }
  dir.join(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&name)))
}

/// The tag `entry_path` files a blob's code caches under: V8's read-only snapshot
/// checksum, bytes 12..16 of a startup blob (`v8_blob.rs` has the layout; the blob was
/// checked before V8 was given it).
pub fn blob_tag(blob: &[u8]) -> u32 {
  blob.get(12..16).map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap()))
}

/// The V8 code cache inside `entry` when the entry is whole and was made from the
/// source with `key`; `None` for anything else (damaged, truncated, another module's).
pub(crate) fn parse_entry<'a>(entry: &'a [u8], key: &[u8; 16]) -> Option<&'a [u8]> {
  if entry.len() < ENTRY_HEADER || &entry[..8] != ENTRY_MAGIC || &entry[8..24] != key {
    return None;
  }
  let data = &entry[ENTRY_HEADER..];
  let sum = u64::from_le_bytes(entry[24..32].try_into().unwrap());
  (xxhash_rust::xxh3::xxh3_64(data) == sum && !data.is_empty()).then_some(data)
}

pub(crate) fn make_entry(data: &[u8], key: &[u8; 16]) -> Vec<u8> {
  let mut out = Vec::with_capacity(ENTRY_HEADER + data.len());
  out.extend_from_slice(ENTRY_MAGIC);
  out.extend_from_slice(key);
  out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(data).to_le_bytes());
  out.extend_from_slice(data);
  out
}

/// The usable code cache for a module, or `None` (the entry is then removed so a
/// fresh one replaces it at exit).
fn read_entry(path: &Path, key: &[u8; 16]) -> Option<Vec<u8>> {
  let bytes = std::fs::read(path).ok()?;
  match parse_entry(&bytes, key) {
    Some(data) => Some(data.to_vec()),
    None => {
      let _ = std::fs::remove_file(path);
      None
    }
  }
}

/// Creates (0700) and checks a cache directory: it and its parent must be directories
/// owned by this user (or root) that no other user can write to. Anything else is
/// refused with the reason, and the cache stays off.
pub fn use_directory(dir: &Path) -> Result<(), String> {
  use std::os::unix::fs::{DirBuilderExt, MetadataExt};
  std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
  let uid = unsafe { libc::geteuid() };
  let check = |p: &Path, own: bool| -> Result<(), String> {
    let m = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
    if !m.is_dir() {
      return Err(format!("{} is not a directory", p.display()));
    }
    if m.uid() != uid && m.uid() != 0 {
      return Err(format!("{} is owned by another user (uid {})", p.display(), m.uid()));
    }
    // The parent may be a sticky, shared directory owned by root (like /tmp): nobody
    // else can then rename or remove what this user put in it.
    let shared_ok = !own && m.uid() == 0 && m.mode() & 0o1000 != 0;
    if m.mode() & 0o022 != 0 && !shared_ok {
      return Err(format!("{} is writable by other users", p.display()));
    }
    Ok(())
  };
  check(dir, true)?;
  if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
    check(parent, false)?;
  }
  Ok(())
}

/// The cache directory (when the cache is on) and the blob tag of this isolate.
fn settings(isolate: &v8::Isolate) -> (Option<PathBuf>, u32) {
  let st = state(isolate);
  let st = st.borrow();
  (st.compile_cache.dir.clone(), st.compile_cache.blob_tag)
}

/// Compiles a CommonJS wrapper, through the cache when it is enabled.
pub fn compile<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  source: v8::Local<'s, v8::String>,
  filename: &str,
  params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
  let (dir, tag) = settings(scope);
  let Some(dir) = dir else {
    return crate::bindings::compile_fn(scope, source, filename, params);
  };
  let text = source.to_rust_string_lossy(scope);
  let key = source_key(filename, &text);
  let path = entry_path(&dir, filename, tag);
  if let Some(bytes) = read_entry(&path, &key) {
    let cached = v8::script_compiler::CachedData::new(&bytes);
    let (f, rejected) = crate::bindings::compile_fn_cached(scope, source, filename, params, cached)?;
    if !rejected {
      return Some(f);
    }
    let _ = std::fs::remove_file(&path);
    let g = Compiled::CommonJs(v8::Global::new(scope, f));
    state(scope).borrow_mut().compile_cache.pending.push((path, key, g));
    return Some(f);
  }
  let f = crate::bindings::compile_fn(scope, source, filename, params)?;
  let g = Compiled::CommonJs(v8::Global::new(scope, f));
  state(scope).borrow_mut().compile_cache.pending.push((path, key, g));
  Some(f)
}

/// Compiles an ES module (`origin` names it by URL), through the cache when enabled.
pub fn compile_module<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  source: v8::Local<'s, v8::String>,
  origin: &v8::ScriptOrigin<'s>,
  filename: &str,
  text: &str,
) -> Option<v8::Local<'s, v8::Module>> {
  let (dir, tag) = settings(scope);
  let Some(dir) = dir else {
    let mut src = v8::script_compiler::Source::new(source, Some(origin));
    return v8::script_compiler::compile_module(scope, &mut src);
  };
  let key = source_key(filename, text);
  let path = entry_path(&dir, filename, tag);
  let (module, usable) = match read_entry(&path, &key) {
    Some(bytes) => {
      let cached = v8::script_compiler::CachedData::new(&bytes);
      let mut src = v8::script_compiler::Source::new_with_cached_data(source, Some(origin), cached);
      let m = v8::script_compiler::compile_module2(scope, &mut src, v8::script_compiler::CompileOptions::ConsumeCodeCache, v8::script_compiler::NoCacheReason::NoReason)?;
      let rejected = src.get_cached_data().map(|c| c.rejected()).unwrap_or(true);
      if rejected {
        let _ = std::fs::remove_file(&path);
      }
      (m, !rejected)
    }
    None => {
      let mut src = v8::script_compiler::Source::new(source, Some(origin));
      (v8::script_compiler::compile_module(scope, &mut src)?, false)
    }
  };
  if !usable {
    let g = Compiled::EsModule(v8::Global::new(scope, module));
    state(scope).borrow_mut().compile_cache.pending.push((path, key, g));
  }
  Some(module)
}

/// Writes the code caches of this process's newly compiled modules.
pub fn flush(scope: &mut v8::PinScope) {
  let pending = std::mem::take(&mut state(scope).borrow_mut().compile_cache.pending);
  for (path, key, compiled) in pending {
    let data = match &compiled {
      Compiled::CommonJs(g) => v8::Local::new(scope, g).create_code_cache(),
      Compiled::EsModule(g) => {
        let m = v8::Local::new(scope, g);
        m.get_unbound_module_script(scope).create_code_cache()
      }
    };
    if let Some(data) = data {
      let _ = amber_snapshot_format::write_cache_file_atomically(&path, &[&make_entry(&data, &key)], 0o600);
    }
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn entries_are_bound_to_their_source_and_checked() {
    let key = source_key("/a.js", "module.exports = 1");
    let entry = make_entry(b"v8 code cache bytes", &key);
    assert_eq!(parse_entry(&entry, &key), Some(&b"v8 code cache bytes"[..]));
    // Another module's entry, or the same file with other text of the same length.
    assert_eq!(parse_entry(&entry, &source_key("/b.js", "module.exports = 1")), None);
    assert_eq!(parse_entry(&entry, &source_key("/a.js", "module.exports = 2")), None);
    // Every flipped byte and every truncation is refused.
    for i in 0..entry.len() {
      let mut bad = entry.clone();
      bad[i] ^= 0x40;
      assert_eq!(parse_entry(&bad, &key), None, "flipped byte {i}");
      assert_eq!(parse_entry(&entry[..i], &key), None, "truncated to {i}");
    }
  }

  #[test]
  fn directories_others_can_write_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let base = std::env::temp_dir().join(format!("amber-cc-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("cache");
    use_directory(&dir).unwrap();
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert!(use_directory(&dir).unwrap_err().contains("writable by other users"));
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert!(use_directory(&dir).unwrap_err().contains("writable by other users"));
    std::fs::remove_dir_all(&base).unwrap();
  }
}
