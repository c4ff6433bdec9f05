//! ES modules on V8's module API: loading a module graph (source text modules for ESM,
//! synthetic modules for CommonJS, JSON and builtins), linking, evaluation, dynamic
//! `import()`, `import.meta`, and the module map. The map holds V8 modules (not JS
//! values), so the snapshot stores them with `add_context_data` and `restore_map`
//! rebuilds it (DESIGN.md rule 8). Policy that is easier in JS (what a CommonJS or
//! builtin module exports, `import.meta` fields) is asked of the JS hooks.

use std::collections::HashMap;
use std::path::Path;

use crate::bindings::helpers::*;
use crate::registry::Registry;
use crate::state::state;

/// Loaded modules by key: an absolute path, `node:<id>` for builtins.
#[derive(Default)]
pub struct ModuleMap {
  pub by_key: HashMap<String, v8::Global<v8::Module>>,
  by_hash: HashMap<i32, Vec<(v8::Global<v8::Module>, String)>>,
  /// `(referrer key, specifier)` -> key, filled while loading, used when linking.
  pub resolved: HashMap<(String, String), String>,
  /// Export names of synthetic modules.
  pub synthetic_names: HashMap<String, Vec<String>>,
  /// Source text of modules that are not files: `--eval`/stdin input run as a module
  /// (key `<cwd>/[eval1]`), until it is compiled.
  pub virtual_sources: HashMap<String, String>,
  /// `.js` files without a package type that CommonJS found to be ES modules (syntax
  /// detection, as Node 20.19 does by default).
  pub detected_esm: std::collections::HashSet<String>,
  /// Module customization hooks are registered (`--loader`, `module.register()`): every
  /// resolution and load is asked of them (lib/internal/modules/esm/hooks.js).
  pub hooks_active: bool,
  /// Modules whose source did not compile: importing them again throws the same error,
  /// as Node's module cache does.
  failed: HashMap<String, v8::Global<v8::Value>>,
}

impl ModuleMap {
  pub fn insert(&mut self, scope: &mut v8::PinScope, key: &str, module: v8::Local<v8::Module>) {
    let g = v8::Global::new(scope, module);
    self.by_hash.entry(module.get_identity_hash().get()).or_default().push((g.clone(), key.to_string()));
    self.by_key.insert(key.to_string(), g);
  }

  pub fn key_of(&self, scope: &mut v8::PinScope, module: v8::Local<v8::Module>) -> Option<String> {
    let list = self.by_hash.get(&module.get_identity_hash().get())?;
    list.iter().find(|(g, _)| v8::Local::new(scope, g) == module).map(|(_, k)| k.clone())
  }

  pub fn clear(&mut self) {
    self.failed.clear();
    self.by_key.clear();
    self.by_hash.clear();
  }
}

pub fn register(reg: &mut Registry) {
  reg.add("esm.import", import);
  reg.add("esm.requireModule", require_module);
  reg.add("esm.requireCycles", require_cycles);
  reg.add("esm.keepErrorPlace", keep_error_place);
  reg.add("esm.packageType", package_type_binding);
  reg.add("esm.loadedFiles", loaded_files);
  reg.add("esm.compileOnly", compile_only);
  reg.add("esm.refreshExports", refresh_exports);
  reg.add("esm.setVirtualSource", set_virtual_source);
  reg.add("esm.markDetected", mark_detected);
  reg.add("esm.setHooksActive", set_hooks_active);
  reg.add("esm.defaultResolve", default_resolve);
  reg.add_external("esm.syntheticSteps", synthetic_steps_ptr());
  reg.add("esm.vmCompile", vm_compile);
  reg.add("esm.vmSynthetic", vm_synthetic);
  reg.add("esm.vmLinkDep", vm_link_dep);
  reg.add("esm.vmInstantiate", vm_instantiate);
  reg.add("esm.vmEvaluate", vm_evaluate);
  reg.add("esm.vmStatus", vm_status);
  reg.add("esm.vmNamespace", vm_namespace);
  reg.add("esm.vmError", vm_error);
  reg.add("esm.vmSetExport", vm_set_export);
  reg.add("esm.vmCachedData", vm_cached_data);
  let f: v8::SyntheticModuleEvaluationSteps = v8::MapFnTo::map_fn_to(vm_synthetic_steps);
  reg.add_external("esm.vmSyntheticSteps", f as *mut std::ffi::c_void);
}

fn synthetic_steps_ptr() -> *mut std::ffi::c_void {
  let f: v8::SyntheticModuleEvaluationSteps = v8::MapFnTo::map_fn_to(synthetic_steps);
  f as *mut std::ffi::c_void
}

fn is_builtin(id: &str) -> bool {
  !id.starts_with("internal/") && !id.starts_with("amber/") && !SCHEME_ONLY_BUILTINS.contains(&id) && crate::bindings::modules::builtin_source(id).is_some()
}

/// Builtins that are only reachable as `node:<id>` (a bare `test` is a package name);
/// `lib/internal/bootstrap.js` has the same list.
const SCHEME_ONLY_BUILTINS: &[&str] = &["test", "test/reporters"];

/// "module" or "commonjs" for a `.js` file, from the nearest package.json; "none" when
/// that has no `type` (or there is none), where Node detects module syntax.
pub fn package_type(path: &Path) -> &'static str {
  thread_local! {
    static CACHE: std::cell::RefCell<HashMap<std::path::PathBuf, &'static str>> = Default::default();
  }
  let mut dir = path.parent();
  let mut visited = Vec::new();
  let mut found = "none";
  while let Some(d) = dir {
    if let Some(t) = CACHE.with(|c| c.borrow().get(d).copied()) {
      found = t;
      break;
    }
    visited.push(d.to_path_buf());
    let pj = d.join("package.json");
    if let Ok(text) = std::fs::read_to_string(&pj) {
      if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        found = match v.get("type").and_then(|t| t.as_str()) {
          Some("module") => "module",
          Some("commonjs") => "commonjs",
          _ => "none",
        };
      }
      break;
    }
    if d.file_name().is_some_and(|n| n == "node_modules") {
      break;
    }
    dir = d.parent();
  }
  CACHE.with(|c| {
    let mut c = c.borrow_mut();
    for v in visited {
      c.insert(v, found);
    }
  });
  found
}


/// `compileOnly(source, filename)`: parses an ES module and throws its syntax error, for
/// `--check`; the module is not linked, evaluated or kept.
fn compile_only<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let Some(source) = args.get(0).to_string(scope) else { return };
  let filename = string_arg(scope, &args, 1);
  // A file by its URL; piped-in source (`[stdin]`) by that name, as Node reports it.
  let name = if filename.starts_with('[') { filename.clone() } else { file_url(&filename) };
  let name = new_string(scope, &name);
  let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
  let mut src = v8::script_compiler::Source::new(source, Some(&origin));
  let _ = v8::script_compiler::compile_module(scope, &mut src);
}

/// `setVirtualSource(key, source)`: the module `key` is this source text (an `--eval` or
/// stdin module), not a file.
fn set_virtual_source<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let source = string_arg(scope, &args, 1);
  state(scope).borrow_mut().modules.virtual_sources.insert(key, source);
}

/// `markDetected(filename)`: a `.js` file CommonJS found to contain module syntax.
fn mark_detected<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  state(scope).borrow_mut().modules.detected_esm.insert(key);
}

/// `loadedFiles()` -> the paths of the ES modules loaded from files (`--watch` reports
/// them to the watching parent).
fn loaded_files<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let keys: Vec<String> = state(scope).borrow().modules.by_key.keys().filter(|k| k.starts_with('/')).cloned().collect();
  let items: Vec<v8::Local<v8::Value>> = keys.iter().filter_map(|k| v8::String::new(scope, k)).map(Into::into).collect();
  rv.set(v8::Array::new_with_elements(scope, &items).into());
}

fn package_type_binding<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let p = string_arg(scope, &args, 0);
  set_string(scope, &mut rv, package_type(Path::new(&p)));
}

fn file_url(path: &str) -> String {
  url::Url::from_file_path(path).map(|u| u.to_string()).unwrap_or_else(|_| format!("file://{path}"))
}

fn throw_code(scope: &mut v8::PinScope, code: &str, msg: &str, type_error: bool) {
  let m = new_string(scope, msg);
  let e = if type_error { v8::Exception::type_error(scope, m) } else { v8::Exception::error(scope, m) };
  let k = new_string(scope, "code");
  let c = new_string(scope, code);
  e.cast::<v8::Object>().set(scope, k.into(), c.into());
  scope.throw_exception(e);
}

/// `setHooksActive(bool)`: customization hooks are registered (or no longer).
fn set_hooks_active<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let on = args.get(0).boolean_value(scope);
  state(scope).borrow_mut().modules.hooks_active = on;
}

/// `defaultResolve(specifier, parentURL, conditions?)` -> URL: the default resolver (the end of a
/// hooks chain, `nextResolve`), never the hooks.
fn default_resolve<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let specifier = string_arg(scope, &args, 0);
  let parent = if args.get(1).is_string() { Some(string_arg(scope, &args, 1)) } else { None };
  let referrer = parent.map(|r| url_to_key(&r));
  let conditions = v8::Local::<v8::Array>::try_from(args.get(2)).ok().map(|a| {
    (0..a.length()).filter_map(|i| a.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect::<Vec<_>>()
  });
  let Some(key) = resolve_default(scope, &specifier, referrer.as_deref(), conditions) else { return };
  set_string(scope, &mut rv, &url_of(&key));
}

/// The module key of a URL: the path of a `file:` URL without query or fragment, the
/// URL itself otherwise.
pub fn url_to_key(url: &str) -> String {
  if url.starts_with("file:") && !url.contains('?') && !url.contains('#') {
    if let Ok(p) = url::Url::parse(url).and_then(|u| u.to_file_path().map_err(|_| url::ParseError::EmptyHost)) {
      return p.to_string_lossy().into_owned();
    }
  }
  url.to_string()
}

/// Calls the JS hook `name` with `args`.
fn call_hook<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str, args: &[v8::Local<'s, v8::Value>]) -> Option<v8::Local<'s, v8::Value>> {
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let k = new_string(scope, name);
  let f = obj.get(scope, k.into())?;
  let f = v8::Local::<v8::Function>::try_from(f).ok()?;
  let recv = v8::undefined(scope).into();
  f.call(scope, recv, args)
}

fn attrs_object<'s>(scope: &mut v8::PinScope<'s, '_>, attrs: &[(String, String)]) -> v8::Local<'s, v8::Value> {
  let obj = v8::Object::new(scope);
  for (k, v) in attrs {
    let k = new_string(scope, k);
    let v = new_string(scope, v);
    obj.set(scope, k.into(), v.into());
  }
  obj.into()
}

/// Throws an error with `code` and the `url` that could not be loaded (Node's
/// ERR_MODULE_NOT_FOUND and ERR_UNSUPPORTED_DIR_IMPORT carry it).
fn throw_with_url(scope: &mut v8::PinScope, code: &str, msg: &str, url: &str) {
  let m = new_string(scope, msg);
  let e = v8::Exception::error(scope, m);
  let obj = e.cast::<v8::Object>();
  for (k, v) in [("code", code), ("url", url)] {
    let k = new_string(scope, k);
    let v = new_string(scope, v);
    obj.create_data_property(scope, k.into(), v.into());
  }
  scope.throw_exception(e);
}

/// Resolves `specifier` imported from `referrer` (a key, or None for the main entry):
/// through the customization hooks when there are any.
fn resolve_specifier(scope: &mut v8::PinScope, specifier: &str, referrer: Option<&str>, attrs: &[(String, String)]) -> Option<String> {
  if state(scope).borrow().modules.hooks_active && !referrer.is_some_and(|r| r.starts_with("vm:")) {
    let s = new_string(scope, specifier).into();
    let r = match referrer {
      Some(r) => new_string(scope, &url_of(r)).into(),
      None => v8::undefined(scope).into(),
    };
    let a = attrs_object(scope, attrs);
    let key = call_hook(scope, "esmHookResolve", &[s, r, a])?;
    return Some(key.to_rust_string_lossy(scope));
  }
  resolve_default(scope, specifier, referrer, None)
}

fn resolve_default(scope: &mut v8::PinScope, specifier: &str, referrer: Option<&str>, conditions: Option<Vec<String>>) -> Option<String> {
  let bare = specifier.strip_prefix("node:").unwrap_or(specifier);
  // --expose-internals: the library's internal modules can be imported.
  if bare.starts_with("internal/") && crate::bindings::modules::builtin_source(bare).is_some() && state(scope).borrow().node_options.iter().any(|o| o == "--expose-internals") {
    return Some(format!("node:{bare}"));
  }
  if specifier.starts_with("node:") || is_builtin(bare) {
    if is_builtin(bare) || (specifier.starts_with("node:") && SCHEME_ONLY_BUILTINS.contains(&bare)) {
      return Some(format!("node:{bare}"));
    }
    throw_code(scope, "ERR_UNKNOWN_BUILTIN_MODULE", &format!("No such built-in module: {specifier}"), false);
    return None;
  }
  if specifier.starts_with("data:") {
    if parse_data_url(specifier).is_none() {
      throw_code(scope, "ERR_INVALID_URL", "Invalid URL", true);
      return None;
    }
    return Some(specifier.to_string());
  }
  let referrer_path = referrer.filter(|r| r.starts_with('/'));
  let from = referrer.map(|r| format!(" imported from {r}")).unwrap_or_default();
  // Another URL scheme (`http:`, `https:` ...): not served by the default loader.
  if let Some(colon) = specifier.find(':') {
    let scheme = &specifier[..colon];
    if colon > 1 && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.') && scheme != "file" {
      throw_code(scope, "ERR_UNSUPPORTED_ESM_URL_SCHEME", &format!("Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '{scheme}:'"), false);
      return None;
    }
  }
  // A `data:` URL is no base: only absolute URLs and builtins resolve from it.
  if let Some(r) = referrer.filter(|r| r.starts_with("data:")) {
    if !specifier.starts_with("file:") {
      throw_code(scope, "ERR_UNSUPPORTED_RESOLVE_REQUEST", &format!("Failed to resolve module specifier \"{specifier}\" from \"{r}\": Invalid relative URL or base scheme is not hierarchical."), true);
      return None;
    }
  }
  let dir = match referrer_path {
    // A directory URL (`--import`'s parent, the working directory) is its own base.
    Some(r) if r.ends_with('/') => Path::new(r).to_path_buf(),
    Some(r) => Path::new(r).parent().map(|p| p.to_path_buf()).unwrap_or_default(),
    None => std::env::current_dir().unwrap_or_default(),
  };
  // Relative and absolute specifiers are URLs: resolved against the referrer's URL, so
  // `%2e` is `.`, and `?query`/`#hash` are not part of the file name.
  let is_path = specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with('/') || specifier == "." || specifier == ".." || specifier.starts_with("file:");
  let mut path_url = None;
  let spec = if is_path {
    let base = url::Url::from_directory_path(&dir).ok();
    let joined = match &base {
      Some(b) => b.join(specifier).ok(),
      None => url::Url::parse(specifier).ok(),
    };
    let Some(u) = joined else {
      throw_code(scope, "ERR_INVALID_URL", "Invalid URL", true);
      return None;
    };
    let raw = u.path().to_ascii_lowercase();
    if raw.contains("%2f") || raw.contains("%5c") {
      let shown = u.path().to_string();
      throw_code(scope, "ERR_INVALID_MODULE_SPECIFIER", &format!("Invalid module \"{shown}\" must not include encoded \"/\" or \"\\\" characters{from}"), true);
      return None;
    }
    if u.host_str().is_some_and(|h| !h.is_empty() && h != "localhost") {
      let m = new_string(scope, "File URL host must be \"localhost\" or empty on linux");
      let e = v8::Exception::type_error(scope, m);
      let obj = e.cast::<v8::Object>();
      let module = referrer.map(url_of).unwrap_or_default();
      for (k, v) in [("code", "ERR_INVALID_FILE_URL_HOST"), ("input", u.as_str()), ("module", module.as_str())] {
        let k = new_string(scope, k);
        let v = new_string(scope, v);
        obj.create_data_property(scope, k.into(), v.into());
      }
      scope.throw_exception(e);
      return None;
    }
    let mut shown = u.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    path_url = Some(shown.to_string());
    match u.to_file_path() {
      Ok(p) => p.to_string_lossy().into_owned(),
      Err(()) => specifier.to_string(),
    }
  } else {
    specifier.to_string()
  };
  // A relative or absolute specifier names one file, as a URL does: no extension is
  // added and a directory is not a module (Node's ES resolution, not CommonJS's).
  if is_path {
    let p = Path::new(&spec);
    let shown_url = path_url.unwrap_or_else(|| file_url(&spec));
    return match std::fs::metadata(p) {
      Ok(m) if m.is_dir() => {
        throw_with_url(scope, "ERR_UNSUPPORTED_DIR_IMPORT", &format!("Directory import '{spec}' is not supported resolving ES modules{from}"), &shown_url);
        None
      }
      Ok(_) => {
        if resolution_options(scope).1 {
          Some(spec)
        } else {
          Some(std::fs::canonicalize(p).map(|r| r.to_string_lossy().into_owned()).unwrap_or(spec))
        }
      }
      Err(_) => {
        let hint = not_found_hint(scope, specifier, referrer_path);
        throw_with_url(scope, "ERR_MODULE_NOT_FOUND", &format!("Cannot find module '{spec}'{from}{hint}"), &shown_url);
        None
      }
    };
  }
  // Bare specifiers and `#imports`: PACKAGE_RESOLVE / PACKAGE_IMPORTS_RESOLVE in JS
  // (lib/internal/modules/esm/resolve.js), which shares package `exports`/`imports`
  // with require() and reports Node's errors and deprecations.
  let conditions = import_conditions(scope, conditions);
  let spec_v = new_string(scope, &spec).into();
  let base_v = match referrer_path {
    Some(r) => new_string(scope, r).into(),
    None => v8::undefined(scope).into(),
  };
  let conds: Vec<v8::Local<v8::Value>> = conditions.iter().map(|c| new_string(scope, c).into()).collect();
  let conds_v = v8::Array::new_with_elements(scope, &conds).into();
  let key = call_hook(scope, "esmResolveBare", &[spec_v, base_v, conds_v])?;
  Some(key.to_rust_string_lossy(scope))
}

/// "Did you mean to import ...?": what require() would find for a module import cannot
/// (lib/internal/modules/esm/resolve.js), or nothing.
fn not_found_hint(scope: &mut v8::PinScope, specifier: &str, referrer: Option<&str>) -> String {
  let Some(r) = referrer else { return String::new() };
  let s = new_string(scope, specifier).into();
  let b = new_string(scope, r).into();
  // The hook catches what it calls: it returns a string or undefined.
  match call_hook(scope, "esmNotFoundHint", &[s, b]) {
    Some(v) if v.is_string() => v.to_rust_string_lossy(scope),
    _ => String::new(),
  }
}

/// The conditions `import` resolves with by default, as in Node 20.19.
const IMPORT_CONDITIONS: &[&str] = &["node", "import", "module-sync", "node-addons"];

/// `--conditions`/`-C` values, and whether `--preserve-symlinks` was given.
pub fn resolution_options(scope: &mut v8::PinScope) -> (Vec<String>, bool) {
  let st = state(scope);
  let st = st.borrow();
  let c: Vec<String> = st.node_options.iter().filter_map(|o| o.strip_prefix("--conditions=")).map(String::from).collect();
  (c, st.node_options.iter().any(|o| o == "--preserve-symlinks"))
}

fn addons_disabled(scope: &mut v8::PinScope) -> bool {
  state(scope).borrow().node_options.iter().any(|o| o == "--no-addons")
}

/// The conditions of a resolution: `conditions` when given (a hook's
/// `context.conditions`), else the `import` conditions and those of `--conditions`/`-C`.
fn import_conditions(scope: &mut v8::PinScope, conditions: Option<Vec<String>>) -> Vec<String> {
  if let Some(c) = conditions {
    return c;
  }
  let (extra, _) = resolution_options(scope);
  let no_addons = addons_disabled(scope);
  let mut names: Vec<String> = IMPORT_CONDITIONS.iter().filter(|c| !(no_addons && **c == "node-addons")).map(|s| s.to_string()).collect();
  names.extend(extra);
  names
}

/// What a module key is loaded as.
enum Format {
  /// ES module source text.
  Source(String),
  /// Synthetic module: a builtin, CommonJS or JSON, whose exports JS provides.
  Synthetic,
}

/// The parts of a `data:` URL as Node's loader reads them: MIME type and body (decoded).
pub fn parse_data_url(url: &str) -> Option<(String, Vec<u8>)> {
  let rest = url.strip_prefix("data:")?;
  let comma = rest.find(',')?;
  let (head, body) = (&rest[..comma], &rest[comma + 1..]);
  let slash = head.find('/')?;
  let mime_end = head[slash..].find(';').map(|i| i + slash).unwrap_or(head.len());
  let mime = &head[..mime_end];
  if slash == 0 || mime_end == slash + 1 {
    return None;
  }
  let decoded = percent_decode(body);
  if head.ends_with(";base64") {
    return Some((mime.to_string(), crate::bindings::buffer::base64_decode(&decoded)));
  }
  Some((mime.to_string(), decoded))
}

/// `%XX` escapes decoded (others kept as they are), as URL parsers decode a path.
pub fn percent_decode(s: &str) -> Vec<u8> {
  let b = s.as_bytes();
  let mut out = Vec::with_capacity(b.len());
  let mut i = 0;
  while i < b.len() {
    if b[i] == b'%' && i + 2 < b.len() {
      if let (Some(h), Some(l)) = ((b[i + 1] as char).to_digit(16), (b[i + 2] as char).to_digit(16)) {
        out.push((h * 16 + l) as u8);
        i += 3;
        continue;
      }
    }
    out.push(b[i]);
    i += 1;
  }
  out
}

/// The URL a module key stands for (its `import.meta.url`, its scripts' resource name).
pub fn url_of(key: &str) -> String {
  if key.starts_with("data:") || key.starts_with("node:") || key.starts_with("vm:") || !key.starts_with('/') {
    key.to_string()
  } else if key.ends_with(']') && key.contains("/[eval") {
    format!("file://{key}")
  } else {
    file_url(key)
  }
}

fn format_of(scope: &mut v8::PinScope, key: &str, attrs: &[(String, String)]) -> Option<Format> {
  if let Some(src) = state(scope).borrow_mut().modules.virtual_sources.remove(key) {
    return Some(Format::Source(src));
  }
  if state(scope).borrow().modules.hooks_active && !key.starts_with("vm:") {
    // The hooks' `load`: `[format, source]`; JS keeps what synthetic modules need.
    let k = new_string(scope, key).into();
    let a = attrs_object(scope, attrs);
    let r = call_hook(scope, "esmHookLoad", &[k, a])?;
    let arr = v8::Local::<v8::Array>::try_from(r).ok()?;
    let format = arr.get_index(scope, 0)?.to_rust_string_lossy(scope);
    if format == "module" {
      let src = arr.get_index(scope, 1)?.to_rust_string_lossy(scope);
      return Some(Format::Source(src));
    }
    return Some(Format::Synthetic);
  }
  if key.starts_with("node:") {
    return Some(Format::Synthetic);
  }
  if key.starts_with("data:") {
    let Some((mime, body)) = parse_data_url(key) else {
      throw_code(scope, "ERR_INVALID_URL", "Invalid URL", true);
      return None;
    };
    return match mime.as_str() {
      "text/javascript" => Some(Format::Source(String::from_utf8_lossy(&body).into_owned())),
      "application/json" => Some(Format::Synthetic),
      _ => {
        throw_code(scope, "ERR_UNKNOWN_MODULE_FORMAT", &format!("Unknown module format: {mime} for URL {key}"), false);
        None
      }
    };
  }
  // By extension (and package type, or `--experimental-default-type` outside any),
  // as Node's default loader: an extension it does not know is an error, not CommonJS.
  // (Never under node_modules, as in Node.)
  let default_module = !key.contains("/node_modules/") && state(scope).borrow().node_options.iter().any(|o| o == "--experimental-default-type=module");
  let ext = Path::new(key).extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
  let wasm_modules = state(scope).borrow().node_options.iter().any(|o| o == "--experimental-wasm-modules");
  let is_wasm = wasm_modules
    && (ext == ".wasm" || (ext.is_empty() && (package_type(Path::new(key)) == "module" || default_module) && has_wasm_magic(key)));
  if is_wasm {
    // A WebAssembly module is source text JS generates: it imports what the module
    // imports and exports what its instance exports (internal/modules/esm.js).
    let k = new_string(scope, key).into();
    let src = call_hook(scope, "esmWasmSource", &[k])?;
    return Some(Format::Source(src.to_rust_string_lossy(scope)));
  }
  let esm = match ext.as_str() {
    ".mjs" => true,
    ".cjs" | ".json" | ".node" => false,
    "" | ".js" => match package_type(Path::new(key)) {
      "module" => true,
      "commonjs" => false,
      _ => default_module,
    },
    _ => {
      throw_code(scope, "ERR_UNKNOWN_FILE_EXTENSION", &format!("Unknown file extension \"{ext}\" for {key}"), true);
      return None;
    }
  };
  // A typeless `.js` or extensionless file outside any typed package: an ES module when
  // its source has module syntax (Node 20.19's syntax detection, in JS).
  if !esm && matches!(ext.as_str(), "" | ".js") && !state(scope).borrow().modules.detected_esm.contains(key) && package_type(Path::new(key)) == "none" {
    if let Ok(text) = std::fs::read_to_string(key) {
      let src = new_string(scope, &text).into();
      let k = new_string(scope, key).into();
      if call_hook(scope, "esmDetectModuleSyntax", &[src, k]).is_some_and(|d| d.is_true()) {
        state(scope).borrow_mut().modules.detected_esm.insert(key.to_string());
        return Some(Format::Source(text));
      }
    }
  }
  if esm || state(scope).borrow().modules.detected_esm.contains(key) {
    return match std::fs::read_to_string(key) {
      Ok(t) => Some(Format::Source(t)),
      Err(e) => {
        throw_io_error(scope, &e, "open", Some(key), None);
        None
      }
    };
  }
  Some(Format::Synthetic)
}

fn has_wasm_magic(path: &str) -> bool {
  use std::io::Read;
  let mut magic = [0u8; 4];
  std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == *b"\0asm"
}

/// Whether a module key is JSON (and so needs `with { type: 'json' }`).
pub fn is_json_key(key: &str) -> bool {
  if key.starts_with("data:") {
    return parse_data_url(key).is_some_and(|(m, _)| m == "application/json");
  }
  key.ends_with(".json")
}

/// A module request's import attributes as (key, value) pairs (V8 lists them with a
/// stride of 3 for static imports, 2 for dynamic ones).
fn attribute_list(scope: &mut v8::PinScope, attrs: v8::Local<v8::FixedArray>, stride: usize) -> Vec<(String, String)> {
  let mut out = Vec::new();
  let mut j = 0;
  while j + 1 < attrs.length() {
    let k = attrs.get(scope, j).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok()).map(|v| v.to_rust_string_lossy(scope));
    let v = attrs.get(scope, j + 1).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok()).map(|v| v.to_rust_string_lossy(scope));
    if let (Some(k), Some(v)) = (k, v) {
      out.push((k, v));
    }
    j += stride;
  }
  out
}

/// Node 20's checks of import attributes against the module imported: JSON needs
/// `type: 'json'`, other modules take no `type`, `json` is the only type there is, and a
/// key other than `type` is refused where no `type` is given. A `data:` URL of a format
/// Node does not know is left to fail as such when loaded.
fn check_attributes(scope: &mut v8::PinScope, target: &str, attrs: &[(String, String)]) -> Option<()> {
  let ty = attrs.iter().find(|(k, _)| k == "type").map(|(_, v)| v.as_str());
  let unknown_data = target.starts_with("data:") && parse_data_url(target).is_some_and(|(m, _)| m != "application/json" && m != "text/javascript");
  if ty.is_none() {
    if let Some((k, v)) = attrs.iter().find(|(k, _)| k != "type") {
      if !is_json_key(target) {
        throw_code(scope, "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED", &format!("Import attribute \"{k}\" with value \"{v}\" is not supported"), true);
        return None;
      }
    }
  }
  if unknown_data {
    return Some(());
  }
  let json = is_json_key(target);
  match ty {
    None if json => {
      throw_code(scope, "ERR_IMPORT_ASSERTION_TYPE_MISSING", &format!("Module \"{}\" needs an import attribute of type \"json\"", url_of(target)), true);
      None
    }
    Some("json") if json => Some(()),
    Some("json") => {
      throw_code(scope, "ERR_IMPORT_ASSERTION_TYPE_FAILED", &format!("Module \"{}\" is not of type \"json\"", url_of(target)), true);
      None
    }
    Some(t) => {
      throw_code(scope, "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED", &format!("Import attribute type \"{t}\" is unsupported"), true);
      None
    }
    None => Some(()),
  }
}

/// Compiles `key` and, recursively, everything it imports; registers them in the map.
fn load_graph<'s>(scope: &mut v8::PinScope<'s, '_>, key: &str, attrs: &[(String, String)]) -> Option<v8::Local<'s, v8::Module>> {
  let st = state(scope);
  if let Some(g) = st.borrow().modules.by_key.get(key) {
    return Some(v8::Local::new(scope, g));
  }
  let failed = st.borrow().modules.failed.get(key).cloned();
  if let Some(e) = failed {
    let e = v8::Local::new(scope, &e);
    scope.throw_exception(e);
    return None;
  }
  let format = format_of(scope, key, attrs)?;
  let is_source = matches!(format, Format::Source(_));
  let module = if let Format::Source(text) = format {
    let source = v8::String::new(scope, &text)?;
    let name = new_string(scope, &url_of(key));
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
    let compiled = {
      v8::tc_scope!(let tc, scope);
      match crate::compile_cache::compile_module(tc, source, &origin, key, &text) {
        Some(m) => Ok(v8::Global::new(tc, m)),
        None => {
          // The place of the error, shown if it ends the process (Node's arrow message):
          // rethrown from here, its own message would point at the importer.
          let e = tc.exception();
          if let (Some(e), Some(message)) = (e, tc.message()) {
            set_arrow(tc, e, message);
          }
          Err(e.map(|e| v8::Global::new(tc, e)))
        }
      }
    };
    match compiled {
      Ok(m) => v8::Local::new(scope, &m),
      Err(e) => {
        if let Some(e) = e {
          st.borrow_mut().modules.failed.insert(key.to_string(), e.clone());
          let e = v8::Local::new(scope, &e);
          scope.throw_exception(e);
        }
        return None;
      }
    }
  } else {
    // Synthetic: JS decides the export names (and loads CommonJS now).
    let names = synthetic_export_names(scope, key)?;
    let name = new_string(scope, key);
    let locals: Vec<v8::Local<v8::String>> = names.iter().map(|n| new_string(scope, n)).collect();
    let m = v8::Module::create_synthetic_module(scope, name, &locals, synthetic_steps);
    st.borrow_mut().modules.synthetic_names.insert(key.to_string(), names);
    m
  };
  st.borrow_mut().modules.insert(scope, key, module);
  if is_source {
    let requests = module.get_module_requests();
    for i in 0..requests.length() {
      let req = requests.get(scope, i)?;
      let req = v8::Local::<v8::ModuleRequest>::try_from(req).ok()?;
      let spec = req.get_specifier().to_rust_string_lossy(scope);
      let attrs = req.get_import_attributes();
      let attr_list = attribute_list(scope, attrs, 3);
      let target = resolve_specifier(scope, &spec, Some(key), &attr_list)?;
      if !st.borrow().modules.hooks_active {
        check_attributes(scope, &target, &attr_list)?;
      }
      st.borrow_mut().modules.resolved.insert((key.to_string(), spec), target.clone());
      load_graph(scope, &target, &attr_list)?;
    }
  }
  Some(module)
}

/// The private key holding the `file:line`, source line and caret of an error thrown
/// where the stack does not show it (a module's syntax error), for the uncaught report.
pub(crate) fn arrow_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
  let name = new_string(scope, "amber.errorArrow");
  v8::Private::for_api(scope, Some(name))
}

fn set_arrow(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: v8::Local<v8::Message>) {
  let Ok(err) = v8::Local::<v8::Object>::try_from(exception) else { return };
  let Some(arrow) = crate::errors::arrow(scope, message) else { return };
  let key = arrow_key(scope);
  let v = new_string(scope, &arrow);
  err.set_private(scope, key, v.into());
}

/// `set_arrow` for an error a module's evaluation threw, whose place is where V8
/// captured its stack (the evaluation's own message is gone with the promise).
fn set_arrow_from_stack(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) {
  if !exception.is_native_error() {
    return;
  }
  let Ok(err) = v8::Local::<v8::Object>::try_from(exception) else { return };
  let key = arrow_key(scope);
  if err.has_private(scope, key) == Some(true) {
    return;
  }
  let message = v8::Exception::create_message(scope, exception);
  // An error whose stack was replaced has no recorded place: V8 then names the caller,
  // the loader itself, which is not worth showing.
  let name = message.get_script_resource_name(scope).map(|n| n.to_rust_string_lossy(scope)).unwrap_or_default();
  if name.is_empty() || name.starts_with("node:") || name.starts_with("amber:") {
    return;
  }
  set_arrow(scope, exception, message);
}

/// `keepErrorPlace(err)`: the entry module's evaluation threw `err`; its place is kept
/// for the uncaught report, which is made later from the loader's rejection handler.
fn keep_error_place<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  set_arrow_from_stack(scope, args.get(0));
}

fn synthetic_export_names(scope: &mut v8::PinScope, key: &str) -> Option<Vec<String>> {
  let names = crate::runtime::call_hook_in_raw(scope, "esmExportNames", key)?;
  let arr = v8::Local::<v8::Array>::try_from(names).ok()?;
  let mut out = Vec::new();
  for i in 0..arr.length() {
    let v = arr.get_index(scope, i)?;
    out.push(v.to_rust_string_lossy(scope));
  }
  Some(out)
}

fn resolve_callback<'s>(
  context: v8::Local<'s, v8::Context>,
  specifier: v8::Local<'s, v8::String>,
  _attrs: v8::Local<'s, v8::FixedArray>,
  referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Module>> {
  v8::callback_scope!(unsafe scope, context);
  let st = state(scope);
  let st = st.borrow();
  let referrer_key = st.modules.key_of(scope, referrer)?;
  let spec = specifier.to_rust_string_lossy(scope);
  let target = st.modules.resolved.get(&(referrer_key, spec))?;
  let g = st.modules.by_key.get(target)?;
  Some(v8::Local::new(scope, g))
}

/// `refreshExports(key)`: sets the exports of the evaluated synthetic module `key` again
/// from the values its CommonJS or builtin side has now (they are live bindings for the
/// importers). A worker started from a prebuilt worker context refreshes
/// `node:worker_threads`, whose per-worker facts were read when the script imported it
/// at build time (docs/workers-in-snapshots.md).
fn refresh_exports<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = args.get(0).to_rust_string_lossy(scope);
  let st = state(scope);
  let module = {
    let s = st.borrow();
    if !s.modules.synthetic_names.contains_key(&key) {
      return;
    }
    match s.modules.by_key.get(&key) {
      Some(g) => v8::Local::new(scope, g),
      None => return,
    }
  };
  if module.get_status() != v8::ModuleStatus::Evaluated {
    return;
  }
  set_synthetic_exports(scope, module, &key);
}

/// Sets every export of the synthetic module `module` (`key`) from `hooks.esmExports`.
fn set_synthetic_exports(scope: &mut v8::PinScope, module: v8::Local<v8::Module>, key: &str) -> Option<()> {
  let names = state(scope).borrow().modules.synthetic_names.get(key).cloned().unwrap_or_default();
  let exports = crate::runtime::call_hook_in_raw(scope, "esmExports", key)?;
  for name in names {
    let k = new_string(scope, &name);
    let v = if name == "default" {
      exports
    } else {
      match exports.to_object(scope) {
        Some(o) => o.get(scope, k.into()).unwrap_or_else(|| v8::undefined(scope).into()),
        None => v8::undefined(scope).into(),
      }
    };
    module.set_synthetic_module_export(scope, k, v)?;
  }
  Some(())
}

fn synthetic_steps<'s>(context: v8::Local<'s, v8::Context>, module: v8::Local<'s, v8::Module>) -> Option<v8::Local<'s, v8::Value>> {
  v8::callback_scope!(unsafe scope, context);
  let st = state(scope);
  let key = st.borrow().modules.key_of(scope, module)?;
  set_synthetic_exports(scope, module, &key)?;
  let resolver = v8::PromiseResolver::new(scope)?;
  let undef = v8::undefined(scope).into();
  resolver.resolve(scope, undef);
  Some(resolver.get_promise(scope).into())
}

/// A link error naming an export a CommonJS module does not provide gets Node's note
/// (how to import it through its default export): JS rewrites it, given the importing
/// module's URL and the line of the import.
fn decorate_link_error<'s>(tc: &mut v8::PinScope<'s, '_>, exception: Option<v8::Local<'s, v8::Value>>, message: Option<v8::Local<'s, v8::Message>>) {
  let (Some(exception), Some(message)) = (exception, message) else { return };
  let resource = message.get_script_resource_name(tc).unwrap_or_else(|| v8::undefined(tc).into());
  let line: v8::Local<v8::Value> = match message.get_source_line(tc) {
    Some(l) => l.into(),
    None => v8::undefined(tc).into(),
  };
  call_hook(tc, "esmDecorateLinkError", &[exception, resource, line]);
}

/// `requireCycles(key)` -> what require(esm) of `key` would enter again, before it is
/// linked or run: `[specifier, from, target, evaluating]` for each import, among the
/// modules of its graph not yet evaluated, of a module being evaluated (`evaluating`
/// true: an ES module cycle) or of a CommonJS file (JS checks whether that one is still
/// loading). Node refuses both with ERR_REQUIRE_CYCLE_MODULE. Loads the graph.
fn require_cycles<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(root) = load_graph(scope, &key, &[]) else { return };
  let mut found: Vec<v8::Local<v8::Value>> = Vec::new();
  // A root being evaluated is itself the cycle (requireModule says so).
  if matches!(root.get_status(), v8::ModuleStatus::Uninstantiated | v8::ModuleStatus::Instantiated) {
    let st = state(scope);
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(key.clone(), root)];
    seen.insert(key);
    while let Some((from, module)) = stack.pop() {
      if !module.is_source_text_module() {
        continue;
      }
      let requests = module.get_module_requests();
      for i in 0..requests.length() {
        let Some(req) = requests.get(scope, i) else { continue };
        let Ok(req) = v8::Local::<v8::ModuleRequest>::try_from(req) else { continue };
        let spec = req.get_specifier().to_rust_string_lossy(scope);
        let (target, g) = {
          let s = st.borrow();
          let Some(target) = s.modules.resolved.get(&(from.clone(), spec.clone())).cloned() else { continue };
          let Some(g) = s.modules.by_key.get(&target).cloned() else { continue };
          (target, g)
        };
        let m = v8::Local::new(scope, &g);
        let status = m.get_status();
        if status == v8::ModuleStatus::Evaluated || status == v8::ModuleStatus::Errored {
          continue;
        }
        let evaluating = status == v8::ModuleStatus::Evaluating;
        let cjs = !m.is_source_text_module() && target.starts_with('/') && !is_json_key(&target);
        if evaluating || cjs {
          let a = new_string(scope, &spec).into();
          let b = new_string(scope, &from).into();
          let c = new_string(scope, &target).into();
          let d = v8::Boolean::new(scope, evaluating).into();
          found.push(v8::Array::new_with_elements(scope, &[a, b, c, d]).into());
          continue;
        }
        if seen.insert(target.clone()) {
          stack.push((target, m));
        }
      }
    }
  }
  let arr = v8::Array::new_with_elements(scope, &found);
  rv.set(arr.into());
}

/// `requireModule(key, printTla)` -> `[namespace, state]` for require(esm) of a module the
/// CommonJS loader resolved (its key is its file name or a virtual source): state 0 when
/// it is evaluated, 1 when its graph has top-level await (then nothing of it is evaluated,
/// as in Node, or it was evaluated by an import()), 2 when it is being evaluated (a
/// require() cycle). Throws what loading, linking or a synchronous evaluation throws.
fn require_module<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = load_graph(scope, &key, &[]) else { return };
  if module.get_status() == v8::ModuleStatus::Uninstantiated {
    v8::tc_scope!(let tc, scope);
    if module.instantiate_module(tc, resolve_callback).is_none() {
      if tc.has_caught() {
        tc.rethrow();
        return;
      }
      // Its graph is still being loaded (a CommonJS module it imports is running now
      // and requires it): a cycle.
      let u = v8::undefined(tc).into();
      let st = v8::Integer::new(tc, 2).into();
      let arr = v8::Array::new_with_elements(tc, &[u, st]);
      rv.set(arr.into());
      return;
    }
  }
  let state = match module.get_status() {
    v8::ModuleStatus::Evaluating | v8::ModuleStatus::Instantiating => 2,
    v8::ModuleStatus::Errored => {
      let e = module.get_exception();
      set_arrow_from_stack(scope, e);
      scope.throw_exception(e);
      return;
    }
    _ if module.is_graph_async() => {
      // --experimental-print-required-tla: the graph runs, then where it waits is shown.
      if args.get(1).is_true() && module.get_status() == v8::ModuleStatus::Instantiated {
        let Some(p) = module.evaluate(scope) else { return };
        if let Ok(p) = v8::Local::<v8::Promise>::try_from(p) {
          p.mark_as_handled();
        }
        let mut text = String::new();
        for (m, message) in module.get_stalled_top_level_await_message(scope) {
          let key = state(scope).borrow().modules.key_of(scope, m).unwrap_or_default();
          let line = message.get_line_number(scope).unwrap_or(0);
          let source = message.get_source_line(scope).map(|s| s.to_rust_string_lossy(scope)).unwrap_or_default();
          let caret = " ".repeat(message.get_start_column());
          text.push_str(&format!("Error: unexpected top-level await at {}:{line}\n{source}\n{caret}^\n\n", url_of(&key)));
        }
        let _ = crate::bindings::helpers::write_stderr(text.as_bytes());
      }
      1
    }
    v8::ModuleStatus::Evaluated => 0,
    _ => {
      let Some(p) = module.evaluate(scope) else { return };
      let Ok(p) = v8::Local::<v8::Promise>::try_from(p) else { return };
      match p.state() {
        v8::PromiseState::Rejected => {
          p.mark_as_handled();
          let e = p.result(scope);
          set_arrow_from_stack(scope, e);
          scope.throw_exception(e);
          return;
        }
        v8::PromiseState::Pending => 1,
        v8::PromiseState::Fulfilled => 0,
      }
    }
  };
  let ns = if state == 2 { v8::undefined(scope).into() } else { module.get_module_namespace() };
  let st = v8::Integer::new(scope, state).into();
  let arr = v8::Array::new_with_elements(scope, &[ns, st]);
  rv.set(arr.into());
}

/// `import(specifier, referrer)` -> `[namespace, evaluationPromise]`; throws on
/// resolution, syntax or link errors.
fn import<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let specifier = string_arg(scope, &args, 0);
  let referrer = if args.get(1).is_null_or_undefined() { None } else { Some(string_arg(scope, &args, 1)) };
  let referrer = referrer.map(|r| if r.starts_with("file://") { url_to_key(&r) } else { r });
  // Attributes: an object (import()), a `type` string, or null for none; not given at
  // all by callers that import without attributes (the main entry, require(esm)).
  let mut list = Vec::new();
  let given = args.length() > 2;
  if given {
    let a = args.get(2);
    if a.is_string() {
      list.push(("type".to_string(), a.to_rust_string_lossy(scope)));
    } else if let Ok(obj) = v8::Local::<v8::Object>::try_from(a) {
      if let Some(names) = obj.get_own_property_names(scope, Default::default()) {
        for i in 0..names.length() {
          let Some(k) = names.get_index(scope, i) else { continue };
          let v = obj.get(scope, k).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
          list.push((k.to_rust_string_lossy(scope), v));
        }
      }
    }
  }
  let hooks = state(scope).borrow().modules.hooks_active;
  // A specifier this referrer already resolved (statically or by an earlier import())
  // is not resolved on the disk again; this also serves modules kept in a snapshot.
  // Customization hooks are asked every time, as in Node.
  let cache_key = referrer.clone().map(|r| (r, specifier.clone()));
  let cached = if hooks { None } else { cache_key.as_ref().and_then(|k| state(scope).borrow().modules.resolved.get(k).cloned()) };
  // A module of the map that is not a file (an `--eval` module) is its own key.
  let known = specifier.starts_with('/') && {
    let st = state(scope);
    let st = st.borrow();
    st.modules.virtual_sources.contains_key(&specifier) || st.modules.by_key.contains_key(&specifier)
  };
  let key = match cached {
    Some(k) => k,
    None if known => specifier.clone(),
    None => {
      let Some(k) = resolve_specifier(scope, &specifier, referrer.as_deref(), &list) else { return };
      if let Some(ck) = cache_key {
        state(scope).borrow_mut().modules.resolved.insert(ck, k.clone());
      }
      k
    }
  };
  if given && !hooks && check_attributes(scope, &key, &list).is_none() {
    return;
  }
  let Some(module) = load_graph(scope, &key, &list) else { return };
  if module.get_status() == v8::ModuleStatus::Uninstantiated {
    v8::tc_scope!(let tc, scope);
    if module.instantiate_module(tc, resolve_callback).is_none() {
      if tc.has_caught() {
        let (exception, message) = (tc.exception(), tc.message());
        decorate_link_error(tc, exception, message);
        tc.rethrow();
      }
      return;
    }
  }
  // An evaluated module is evaluated "again" by V8, which answers its cycle root's promise:
  // an import() of a module whose top-level await is still pending waits for it.
  let promise = if module.get_status() == v8::ModuleStatus::Errored || module.get_status() == v8::ModuleStatus::Evaluating {
    let resolver = v8::PromiseResolver::new(scope).unwrap();
    if module.get_status() == v8::ModuleStatus::Errored {
      let e = module.get_exception();
      resolver.reject(scope, e);
    } else {
      let u = v8::undefined(scope).into();
      resolver.resolve(scope, u);
    }
    resolver.get_promise(scope).into()
  } else {
    match module.evaluate(scope) {
      Some(p) => p,
      None => return,
    }
  };
  let ns = module.get_module_namespace();
  let arr = v8::Array::new_with_elements(scope, &[ns, promise]);
  rv.set(arr.into());
}

/// `import()` from any script or module: handled by the JS hook `dynamicImport`.
pub fn dynamic_import<'s>(
  scope: &mut v8::PinScope<'s, '_>,
  options: v8::Local<'s, v8::Data>,
  resource_name: v8::Local<'s, v8::Value>,
  specifier: v8::Local<'s, v8::String>,
  attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
  // The import attributes as a null-prototype object (key, value pairs from V8).
  let attrs_obj: v8::Local<v8::Value> = {
    let mut names: Vec<v8::Local<v8::Name>> = Vec::new();
    let mut values: Vec<v8::Local<v8::Value>> = Vec::new();
    let mut j = 0;
    while j + 1 < attributes.length() {
      let k = attributes.get(scope, j).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok());
      let v = attributes.get(scope, j + 1).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok());
      if let (Some(k), Some(v)) = (k, v) {
        if let Ok(k) = v8::Local::<v8::Name>::try_from(k) {
          names.push(k);
          values.push(v);
        }
      }
      j += 2;
    }
    let null = v8::null(scope).into();
    v8::Object::with_prototype_and_properties(scope, null, &names, &values).into()
  };
  // vm scripts carry a number in their host-defined options (lib/vm.js, importIdFor).
  let vm_id: v8::Local<v8::Value> = {
    let id = if options.is_value() {
      None
    } else {
      // SAFETY: host-defined options that are not a value are the PrimitiveArray the
      // script was compiled with (empty for scripts compiled without any).
      let arr = unsafe { v8::Local::<v8::PrimitiveArray>::cast_unchecked(options) };
      if arr.length() >= 1 { arr.get(scope, 0).number_value(scope) } else { None }
    };
    match id {
      Some(n) => v8::Number::new(scope, n).into(),
      None => v8::undefined(scope).into(),
    }
  };
  let current = scope.get_current_context();
  if crate::bindings::shadow_realm::is_realm(scope, current) {
    // A promise rejected with ERR_NOT_IMPLEMENTED, made in the realm.
    let m = new_string(scope, "import() in a ShadowRealm is not implemented in amber");
    let e = v8::Exception::error(scope, m);
    if let Ok(o) = v8::Local::<v8::Object>::try_from(e) {
      let k = new_string(scope, "code");
      let v = new_string(scope, "ERR_NOT_IMPLEMENTED");
      o.set(scope, k.into(), v.into());
    }
    let resolver = v8::PromiseResolver::new(scope)?;
    resolver.reject(scope, e);
    return Some(resolver.get_promise(scope));
  }
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let key = new_string(scope, "dynamicImport");
  let f = obj.get(scope, key.into())?;
  let f = v8::Local::<v8::Function>::try_from(f).ok()?;
  let recv = v8::undefined(scope).into();
  let r = f.call(scope, recv, &[specifier.into(), resource_name, attrs_obj, vm_id])?;
  v8::Local::<v8::Promise>::try_from(r).ok()
}

pub extern "C" fn import_meta(context: v8::Local<v8::Context>, module: v8::Local<v8::Module>, meta: v8::Local<v8::Object>) {
  v8::callback_scope!(unsafe scope, context);
  let st = state(scope);
  let Some(key) = st.borrow().modules.key_of(scope, module) else { return };
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let k = new_string(scope, "initImportMeta");
  let Some(f) = obj.get(scope, k.into()) else { return };
  let Ok(f) = v8::Local::<v8::Function>::try_from(f) else { return };
  let recv = v8::undefined(scope).into();
  let path = if key.starts_with('/') && !key.ends_with(']') { new_string(scope, &key).into() } else { v8::undefined(scope).into() };
  let url = new_string(scope, &url_of(&key)).into();
  f.call(scope, recv, &[meta.into(), path, url]);
}


// ---- vm.SourceTextModule / vm.SyntheticModule ----------------------------------------
//
// lib/vm.js names each of its modules `vm:<n>` in the module map, records the modules a
// linker chose as resolutions (`vmLinkDep`), so `resolve_callback` links them as it links
// files. Each runs in the context of the global it is given (this context if undefined).

fn vm_context<'s>(scope: &mut v8::PinScope<'s, '_>, v: v8::Local<'s, v8::Value>) -> v8::Local<'s, v8::Context> {
  match v8::Local::<v8::Object>::try_from(v).ok().and_then(|g| g.get_creation_context(scope)) {
    Some(c) => c,
    None => scope.get_current_context(),
  }
}

fn vm_module<'s>(scope: &mut v8::PinScope<'s, '_>, key: &str) -> Option<v8::Local<'s, v8::Module>> {
  let st = state(scope);
  let g = st.borrow().modules.by_key.get(key).cloned();
  match g {
    Some(g) => Some(v8::Local::new(scope, &g)),
    None => {
      throw_code(scope, "ERR_VM_MODULE_NOT_MODULE", "Provided module is not an instance of Module", false);
      None
    }
  }
}

/// `vmCompile(key, source, identifier, lineOffset, columnOffset, global, importId, cachedData)`
/// -> `[[specifier, attributes]...]`, cachedDataRejected]`.
fn vm_compile<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Ok(source) = v8::Local::<v8::String>::try_from(args.get(1)) else { return };
  let identifier = string_arg(scope, &args, 2);
  let line = args.get(3).int32_value(scope).unwrap_or(0);
  let column = args.get(4).int32_value(scope).unwrap_or(0);
  let ctx = vm_context(scope, args.get(5));
  let import_id = args.get(6).number_value(scope).unwrap_or(0.0);
  let cached: Option<Vec<u8>> = v8::Local::<v8::ArrayBufferView>::try_from(args.get(7)).ok().map(|view| {
    let mut buf = vec![0u8; view.byte_length()];
    view.copy_contents(&mut buf);
    buf
  });
  let scope = &mut v8::ContextScope::new(scope, ctx);
  let options = v8::PrimitiveArray::new(scope, 1);
  let id = v8::Number::new(scope, import_id);
  options.set(scope, 0, id.into());
  let name = new_string(scope, &identifier);
  let origin = v8::ScriptOrigin::new(scope, name.into(), line, column, false, 0, None, false, false, true, Some(options.into()));
  let (module, rejected) = match cached {
    Some(bytes) => {
      let data = v8::script_compiler::CachedData::new(&bytes);
      let mut src = v8::script_compiler::Source::new_with_cached_data(source, Some(&origin), data);
      let Some(m) = v8::script_compiler::compile_module2(scope, &mut src, v8::script_compiler::CompileOptions::ConsumeCodeCache, v8::script_compiler::NoCacheReason::NoReason) else { return };
      let rejected = src.get_cached_data().map(|c| c.rejected()).unwrap_or(true);
      (m, Some(rejected))
    }
    None => {
      let mut src = v8::script_compiler::Source::new(source, Some(&origin));
      let Some(m) = v8::script_compiler::compile_module(scope, &mut src) else { return };
      (m, None)
    }
  };
  state(scope).borrow_mut().modules.insert(scope, &key, module);
  let requests = module.get_module_requests();
  let mut out = Vec::new();
  for i in 0..requests.length() {
    let Some(req) = requests.get(scope, i) else { continue };
    let Ok(req) = v8::Local::<v8::ModuleRequest>::try_from(req) else { continue };
    let spec = req.get_specifier();
    let attrs = req.get_import_attributes();
    let obj = v8::Object::new(scope);
    let mut j = 0;
    while j + 1 < attrs.length() {
      let k = attrs.get(scope, j).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok());
      let v = attrs.get(scope, j + 1).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok());
      if let (Some(k), Some(v)) = (k, v) {
        obj.set(scope, k, v);
      }
      j += 3;
    }
    out.push(v8::Array::new_with_elements(scope, &[spec.into(), obj.into()]).into());
  }
  let list = v8::Array::new_with_elements(scope, &out);
  let rejected: v8::Local<v8::Value> = match rejected {
    Some(r) => v8::Boolean::new(scope, r).into(),
    None => v8::undefined(scope).into(),
  };
  let arr = v8::Array::new_with_elements(scope, &[list.into(), rejected]);
  rv.set(arr.into());
}

/// `vmSynthetic(key, exportNames, identifier)`: a synthetic module whose evaluation calls
/// back into lib/vm.js (`hooks.vmSyntheticEvaluate`).
fn vm_synthetic<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Ok(arr) = v8::Local::<v8::Array>::try_from(args.get(1)) else { return };
  let identifier = string_arg(scope, &args, 2);
  let mut names = Vec::new();
  for i in 0..arr.length() {
    let Some(v) = arr.get_index(scope, i) else { return };
    names.push(v.to_rust_string_lossy(scope));
  }
  let name = new_string(scope, &identifier);
  let locals: Vec<v8::Local<v8::String>> = names.iter().map(|n| new_string(scope, n)).collect();
  let m = v8::Module::create_synthetic_module(scope, name, &locals, vm_synthetic_steps);
  let st = state(scope);
  st.borrow_mut().modules.insert(scope, &key, m);
  st.borrow_mut().modules.synthetic_names.insert(key, names);
}

fn vm_synthetic_steps<'s>(context: v8::Local<'s, v8::Context>, module: v8::Local<'s, v8::Module>) -> Option<v8::Local<'s, v8::Value>> {
  v8::callback_scope!(unsafe scope, context);
  let st = state(scope);
  let key = st.borrow().modules.key_of(scope, module)?;
  crate::runtime::call_hook_in_raw(scope, "vmSyntheticEvaluate", &key)?;
  let resolver = v8::PromiseResolver::new(scope)?;
  let undef = v8::undefined(scope).into();
  resolver.resolve(scope, undef);
  Some(resolver.get_promise(scope).into())
}

/// `vmLinkDep(key, specifier, depKey)`: `specifier` of module `key` is module `depKey`.
fn vm_link_dep<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let spec = string_arg(scope, &args, 1);
  let dep = string_arg(scope, &args, 2);
  state(scope).borrow_mut().modules.resolved.insert((key, spec), dep);
}

fn vm_instantiate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  let ctx = vm_context(scope, args.get(1));
  let scope = &mut v8::ContextScope::new(scope, ctx);
  let _ = module.instantiate_module(scope, resolve_callback);
}

fn vm_evaluate<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  let ctx = vm_context(scope, args.get(1));
  let timeout = args.get(2).number_value(scope).unwrap_or(0.0);
  let result = crate::bindings::vm::with_timeout(scope, timeout, |scope| {
    let scope = &mut v8::ContextScope::new(scope, ctx);
    module.evaluate(scope)
  });
  if let Some(p) = result {
    rv.set(p);
  }
}

/// V8's status: 0 uninstantiated, 1 instantiating, 2 instantiated, 3 evaluating,
/// 4 evaluated, 5 errored.
fn vm_status<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  let n = match module.get_status() {
    v8::ModuleStatus::Uninstantiated => 0,
    v8::ModuleStatus::Instantiating => 1,
    v8::ModuleStatus::Instantiated => 2,
    v8::ModuleStatus::Evaluating => 3,
    v8::ModuleStatus::Evaluated => 4,
    v8::ModuleStatus::Errored => 5,
  };
  rv.set_int32(n);
}

fn vm_namespace<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  rv.set(module.get_module_namespace());
}

fn vm_error<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  rv.set(module.get_exception());
}

fn vm_set_export<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  let Ok(name) = v8::Local::<v8::String>::try_from(args.get(1)) else { return };
  let _ = module.set_synthetic_module_export(scope, name, args.get(2));
}

fn vm_cached_data<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let key = string_arg(scope, &args, 0);
  let Some(module) = vm_module(scope, &key) else { return };
  let bytes = module.get_unbound_module_script(scope).create_code_cache().map(|c| c.to_vec()).unwrap_or_default();
  let len = bytes.len();
  let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
  let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
  if let Some(u) = v8::Uint8Array::new(scope, ab, 0, len) {
    rv.set(u.into());
  }
}
