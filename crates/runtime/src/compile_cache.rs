//! The module compile cache (`module.enableCompileCache()` / `NODE_COMPILE_CACHE`): V8
//! code caches of CommonJS modules, keyed by file name and source, in a directory.
//! A cache entry is written when the process ends, after the module has run, so it
//! holds the functions that were actually compiled. Entries V8 rejects (another V8
//! version or flags) are replaced.

use std::path::PathBuf;

use crate::state::state;

#[derive(Default)]
pub struct CompileCache {
  pub dir: Option<PathBuf>,
  /// Modules compiled without a usable cache entry in this process: written at exit.
  pending: Vec<(PathBuf, Compiled)>,
}

enum Compiled {
  CommonJs(v8::Global<v8::Function>),
  EsModule(v8::Global<v8::Module>),
}

fn entry_path(dir: &std::path::Path, filename: &str, source: &str) -> PathBuf {
  let mut key = Vec::with_capacity(filename.len() + source.len() + 1);
  key.extend_from_slice(filename.as_bytes());
  key.push(0);
  key.extend_from_slice(source.as_bytes());
  dir.join(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&key)))
}

/// Compiles a CommonJS wrapper, through the cache when it is enabled.
pub fn compile<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  source: v8::Local<'s, v8::String>,
  filename: &str,
  params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
  let dir = state(scope).borrow().compile_cache.dir.clone();
  let Some(dir) = dir else {
    return crate::bindings::compile_fn(scope, source, filename, params);
  };
  let text = source.to_rust_string_lossy(scope);
  let path = entry_path(&dir, filename, &text);
  if let Ok(bytes) = std::fs::read(&path) {
    let cached = v8::script_compiler::CachedData::new(&bytes);
    let (f, rejected) = crate::bindings::compile_fn_cached(scope, source, filename, params, cached)?;
    if !rejected {
      return Some(f);
    }
    let _ = std::fs::remove_file(&path);
    let g = Compiled::CommonJs(v8::Global::new(scope, f));
    state(scope).borrow_mut().compile_cache.pending.push((path, g));
    return Some(f);
  }
  let f = crate::bindings::compile_fn(scope, source, filename, params)?;
  let g = Compiled::CommonJs(v8::Global::new(scope, f));
  state(scope).borrow_mut().compile_cache.pending.push((path, g));
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
  let dir = state(scope).borrow().compile_cache.dir.clone();
  let Some(dir) = dir else {
    let mut src = v8::script_compiler::Source::new(source, Some(origin));
    return v8::script_compiler::compile_module(scope, &mut src);
  };
  let path = entry_path(&dir, filename, text);
  let (module, usable) = match std::fs::read(&path) {
    Ok(bytes) => {
      let cached = v8::script_compiler::CachedData::new(&bytes);
      let mut src = v8::script_compiler::Source::new_with_cached_data(source, Some(origin), cached);
      let m = v8::script_compiler::compile_module2(scope, &mut src, v8::script_compiler::CompileOptions::ConsumeCodeCache, v8::script_compiler::NoCacheReason::NoReason)?;
      let rejected = src.get_cached_data().map(|c| c.rejected()).unwrap_or(true);
      if rejected {
        let _ = std::fs::remove_file(&path);
      }
      (m, !rejected)
    }
    Err(_) => {
      let mut src = v8::script_compiler::Source::new(source, Some(origin));
      (v8::script_compiler::compile_module(scope, &mut src)?, false)
    }
  };
  if !usable {
    let g = Compiled::EsModule(v8::Global::new(scope, module));
    state(scope).borrow_mut().compile_cache.pending.push((path, g));
  }
  Some(module)
}

/// Writes the code caches of this process's newly compiled modules.
pub fn flush(scope: &mut v8::PinScope) {
  let pending = std::mem::take(&mut state(scope).borrow_mut().compile_cache.pending);
  for (path, compiled) in pending {
    let data = match &compiled {
      Compiled::CommonJs(g) => v8::Local::new(scope, g).create_code_cache(),
      Compiled::EsModule(g) => {
        let m = v8::Local::new(scope, g);
        m.get_unbound_module_script(scope).create_code_cache()
      }
    };
    if let Some(data) = data {
      if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
      }
      let _ = amber_snapshot_format::write_file_atomically(&path, &[&data], 0o644);
    }
  }
}
