//! Module bindings: `stat` for the CommonJS resolver (in JS), compiling CommonJS wrappers
//! and builtin library modules, and running plain scripts. Loader policy (caching,
//! `require.cache`, wrapper arguments) lives in `lib/internal/modules/cjs.js`.

use super::helpers::*;
use crate::registry::Registry;

pub fn register(reg: &mut Registry) {
  reg.add("modules.stat", stat);
  reg.add("modules.realpathChild", realpath_child);
  reg.add("modules.compileFunction", compile_function);
  reg.add("modules.compileBuiltin", compile_builtin);
  reg.add("modules.builtinIds", builtin_ids);
  reg.add("modules.runScript", run_script);
  reg.add("modules.setCompileCacheDir", set_compile_cache_dir);
  reg.add("modules.flushCompileCache", flush_compile_cache);
}

/// `setCompileCacheDir(dir | undefined)`: creates and checks the directory (see
/// `compile_cache::use_directory`); returns why it cannot be used, or undefined.
/// Refused during a warm-up.
fn set_compile_cache_dir<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let dir = if args.get(0).is_string() { Some(std::path::PathBuf::from(string_arg(scope, &args, 0))) } else { None };
  // A snapshot's warm-up leaves nothing behind, on disk either (docs/warmup.md).
  if dir.is_some() && crate::state::state(scope).borrow().warmup.is_some() {
    return set_string(scope, &mut rv, "no compile cache is written while a snapshot is warmed up");
  }
  if let Some(d) = &dir {
    if let Err(reason) = crate::compile_cache::use_directory(d) {
      return set_string(scope, &mut rv, &reason);
    }
  }
  crate::state::state(scope).borrow_mut().compile_cache.dir = dir;
}

fn flush_compile_cache<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  crate::compile_cache::flush(scope);
}

/// `stat(path)` -> 0 for a file, 1 for a directory, a negative errno otherwise (what
/// `Module._stat` answers; the CommonJS lookup asks it for every candidate path).
fn stat<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let path = string_arg(scope, &args, 0);
  let rc = match std::fs::metadata(&path) {
    Ok(m) if m.is_dir() => 1,
    Ok(_) => 0,
    Err(e) => -e.raw_os_error().unwrap_or(libc::ENOENT),
  };
  rv.set_int32(rc);
}

/// `realpathChild(realDir, name)`: the real path of `name` inside the directory whose real
/// path is `realDir` (the resolver caches those): `realDir/name` when that is not a
/// symbolic link (one lstat), else the link resolved in full. Undefined when it cannot be
/// resolved, so the caller asks `fs.realpath` for Node's error. Resolving module paths
/// component by component through the cache costs one system call per new file, where
/// realpath(3) reads every component of every path as a link (a webpack build made 4,875
/// such calls, all but four failing).
fn realpath_child<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let dir = string_arg(scope, &args, 0);
  let name = string_arg(scope, &args, 1);
  let joined = if dir.ends_with('/') { format!("{dir}{name}") } else { format!("{dir}/{name}") };
  let real = match std::fs::symlink_metadata(&joined) {
    Ok(m) if !m.file_type().is_symlink() => Some(joined),
    Ok(_) => std::fs::canonicalize(&joined).ok().map(|p| p.to_string_lossy().into_owned()),
    Err(_) => None,
  };
  if let Some(real) = real {
    set_string(scope, &mut rv, &real);
  }
}

fn origin<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> v8::ScriptOrigin<'s> {
  let name = new_string(scope, name);
  v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None)
}

/// Compiles `source` as the body of a function with the given parameter names.
pub fn compile_fn<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  source: v8::Local<'s, v8::String>,
  filename: &str,
  params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
  let origin = origin(scope, filename);
  let mut src = v8::script_compiler::Source::new(source, Some(&origin));
  let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| new_string(scope, p)).collect();
  v8::script_compiler::compile_function(
    scope,
    &mut src,
    &params,
    &[],
    v8::script_compiler::CompileOptions::NoCompileOptions,
    v8::script_compiler::NoCacheReason::NoReason,
  )
}

/// Like `compile_fn`, consuming a V8 code cache; also says whether V8 rejected it.
pub fn compile_fn_cached<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  source: v8::Local<'s, v8::String>,
  filename: &str,
  params: &[&str],
  cached: v8::UniqueRef<v8::script_compiler::CachedData>,
) -> Option<(v8::Local<'s, v8::Function>, bool)> {
  let origin = origin(scope, filename);
  let mut src = v8::script_compiler::Source::new_with_cached_data(source, Some(&origin), cached);
  let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| new_string(scope, p)).collect();
  let f = v8::script_compiler::compile_function(
    scope,
    &mut src,
    &params,
    &[],
    v8::script_compiler::CompileOptions::ConsumeCodeCache,
    v8::script_compiler::NoCacheReason::NoReason,
  )?;
  let rejected = src.get_cached_data().map(|c| c.rejected()).unwrap_or(true);
  Some((f, rejected))
}

/// `compileFunction(source, filename, params)`; a SyntaxError propagates to the caller.
fn compile_function<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
    return throw_type_error(scope, "source must be a string");
  };
  let filename = string_arg(scope, &args, 1);
  let mut params = Vec::new();
  if let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(2)) {
    for i in 0..arr.length() {
      let v = arr.get_index(scope, i).unwrap();
      params.push(v.to_rust_string_lossy(scope));
    }
  }
  let params: Vec<&str> = params.iter().map(|s| s.as_str()).collect();
  // `detect`: source that fails only for module syntax returns null (Node's syntax
  // detection); any other error is thrown with its original message and location.
  if args.get(3).is_true() {
    v8::tc_scope!(let tc, scope);
    match crate::compile_cache::compile(tc, source, &filename, &params) {
      Some(f) => rv.set(f.into()),
      None => {
        let text = tc.message().map(|m| m.get(tc).to_rust_string_lossy(tc)).unwrap_or_default();
        if ESM_ONLY_ERRORS.iter().any(|e| text == format!("Uncaught SyntaxError: {e}")) {
          tc.reset();
          rv.set_null();
        } else if CJS_ONLY_ERRORS.iter().any(|e| text == format!("Uncaught SyntaxError: {e}")) && compiles_as_module(tc, source, &filename) {
          // Valid only as a module (top-level await, or a module declaring `require`):
          // an ES module, as Node retries it.
          tc.reset();
          rv.set_null();
        } else {
          tc.rethrow();
        }
      }
    }
    return;
  }
  if let Some(f) = crate::compile_cache::compile(scope, source, &filename, &params) {
    rv.set(f.into());
  }
}

/// The syntax errors of CommonJS source that only an ES module can have.
const ESM_ONLY_ERRORS: &[&str] = &[
  "Cannot use import statement outside a module",
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
];

/// Errors of source that may be an ES module: it is one when it compiles as one.
const CJS_ONLY_ERRORS: &[&str] = &[
  "await is only valid in async functions and the top level bodies of modules",
  "for await is only valid in async functions and the top level bodies of modules",
  "Identifier 'module' has already been declared",
  "Identifier 'exports' has already been declared",
  "Identifier 'require' has already been declared",
  "Identifier '__filename' has already been declared",
  "Identifier '__dirname' has already been declared",
];

fn compiles_as_module(scope: &mut v8::PinScope, source: v8::Local<v8::String>, filename: &str) -> bool {
  v8::tc_scope!(let tc, scope);
  let name = new_string(tc, filename);
  let origin = v8::ScriptOrigin::new(tc, name.into(), 0, 0, false, 0, None, false, false, true, None);
  let mut src = v8::script_compiler::Source::new(source, Some(&origin));
  v8::script_compiler::compile_module(tc, &mut src).is_some()
}

pub fn builtin_source(id: &str) -> Option<&'static str> {
  crate::lib_sources::SOURCES
    .binary_search_by(|(k, _)| k.cmp(&id))
    .ok()
    .map(|i| crate::lib_sources::SOURCES[i].1)
}

/// Compiles the builtin `id` as `function (exports, require, module, binding, internals)`.
pub fn compile_builtin_fn<'s>(scope: &mut v8::PinScope<'s, '_>, id: &str) -> Option<v8::Local<'s, v8::Function>> {
  let src = builtin_source(id)?;
  let source = if src.is_ascii() {
    v8::String::new_external_onebyte_static(scope, src.as_bytes())?
  } else {
    v8::String::new(scope, src)?
  };
  let params = ["exports", "require", "module", "binding", "internals"];
  let filename = format!("node:{id}");
  // The binary's code cache of this built-in (builtin_cache.rs), with the bytecode of
  // the functions its warm-up ran; V8 compiles from source when it does not fit.
  let f = match crate::builtin_cache::lookup(id) {
    Some(data) => {
      let (f, rejected) = compile_fn_cached(scope, source, &filename, &params, v8::script_compiler::CachedData::new(data))?;
      if rejected && std::env::var_os("AMBER_TRACE_BUILTINS").is_some() {
        let _ = crate::bindings::helpers::write_stderr(format!("amber: V8 rejected the code cache of built-in {id}\n").as_bytes());
      }
      f
    }
    None => compile_fn(scope, source, &filename, &params)?,
  };
  crate::builtin_cache::record(scope, id, f);
  Some(f)
}

fn compile_builtin<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let id = string_arg(scope, &args, 0);
  // AMBER_TRACE_BUILTINS=1: every built-in compiled from source at run time (one the
  // runtime snapshot does not hold), with who asked for it; what a start should not do.
  if std::env::var_os("AMBER_TRACE_BUILTINS").is_some() {
    trace_builtin_compile(scope, &id);
  }
  if let Some(f) = compile_builtin_fn(scope, &id) {
    rv.set(f.into());
  }
}

fn trace_builtin_compile(scope: &mut v8::PinScope, id: &str) {
  let cached = if crate::builtin_cache::lookup(id).is_some() { " (from the binary's code cache)" } else { "" };
  let mut text = format!("amber: compiling built-in {id}{cached}\n");
  if let Some(trace) = v8::StackTrace::current_stack_trace(scope, 8) {
    for i in 0..trace.get_frame_count() {
      let Some(frame) = trace.get_frame(scope, i) else { continue };
      let name = frame.get_function_name(scope).map(|n| n.to_rust_string_lossy(scope)).unwrap_or_default();
      let file = frame.get_script_name(scope).map(|n| n.to_rust_string_lossy(scope)).unwrap_or_default();
      text.push_str(&format!("    at {name} ({file}:{})\n", frame.get_line_number()));
    }
  }
  let _ = crate::bindings::helpers::write_stderr(text.as_bytes());
}

fn builtin_ids<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let ids: Vec<v8::Local<v8::Value>> =
    crate::lib_sources::SOURCES.iter().map(|(id, _)| new_string(scope, id).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &ids);
  rv.set(arr.into());
}

/// `runScript(source, filename)`: compile and run a classic script in the current context.
fn run_script<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
    return throw_type_error(scope, "source must be a string");
  };
  let filename = string_arg(scope, &args, 1);
  let origin = origin(scope, &filename);
  let Some(script) = v8::Script::compile(scope, source, Some(&origin)) else { return };
  if let Some(v) = script.run(scope) {
    rv.set(v);
  }
}
