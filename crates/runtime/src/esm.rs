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
    self.by_key.clear();
    self.by_hash.clear();
  }
}

pub fn register(reg: &mut Registry) {
  reg.add("esm.import", import);
  reg.add("esm.packageType", package_type_binding);
  reg.add("esm.compileOnly", compile_only);
  reg.add("esm.refreshExports", refresh_exports);
  reg.add_external("esm.syntheticSteps", synthetic_steps_ptr());
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

/// "module" or "commonjs" for a `.js` file, from the nearest package.json.
pub fn package_type(path: &Path) -> &'static str {
  thread_local! {
    static CACHE: std::cell::RefCell<HashMap<std::path::PathBuf, &'static str>> = Default::default();
  }
  let mut dir = path.parent();
  let mut visited = Vec::new();
  let mut found = "commonjs";
  while let Some(d) = dir {
    if let Some(t) = CACHE.with(|c| c.borrow().get(d).copied()) {
      found = t;
      break;
    }
    visited.push(d.to_path_buf());
    let pj = d.join("package.json");
    if let Ok(text) = std::fs::read_to_string(&pj) {
      if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        found = if v.get("type").and_then(|t| t.as_str()) == Some("module") { "module" } else { "commonjs" };
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

pub fn is_esm_path(path: &str) -> bool {
  if path.ends_with(".mjs") {
    return true;
  }
  if path.ends_with(".cjs") || path.ends_with(".json") || path.ends_with(".node") {
    return false;
  }
  package_type(Path::new(path)) == "module"
}

/// `compileOnly(source, filename)`: parses an ES module and throws its syntax error, for
/// `--check`; the module is not linked, evaluated or kept.
fn compile_only<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let Some(source) = args.get(0).to_string(scope) else { return };
  let filename = string_arg(scope, &args, 1);
  let name = new_string(scope, &file_url(&filename));
  let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
  let mut src = v8::script_compiler::Source::new(source, Some(&origin));
  let _ = v8::script_compiler::compile_module(scope, &mut src);
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

/// Resolves `specifier` imported from `referrer` (a key, or None for the main entry).
fn resolve_specifier(scope: &mut v8::PinScope, specifier: &str, referrer: Option<&str>) -> Option<String> {
  let bare = specifier.strip_prefix("node:").unwrap_or(specifier);
  if specifier.starts_with("node:") || is_builtin(bare) {
    if is_builtin(bare) || (specifier.starts_with("node:") && SCHEME_ONLY_BUILTINS.contains(&bare)) {
      return Some(format!("node:{bare}"));
    }
    throw_code(scope, "ERR_UNKNOWN_BUILTIN_MODULE", &format!("No such built-in module: {specifier}"), false);
    return None;
  }
  let spec = if let Some(rest) = specifier.strip_prefix("file://") {
    url::Url::parse(specifier).ok().and_then(|u| u.to_file_path().ok()).map(|p| p.to_string_lossy().into_owned()).unwrap_or(rest.to_string())
  } else {
    specifier.to_string()
  };
  let referrer_path = referrer.filter(|r| !r.starts_with("node:"));
  let dir = match referrer_path {
    Some(r) => Path::new(r).parent().map(|p| p.to_path_buf()).unwrap_or_default(),
    None => std::env::current_dir().unwrap_or_default(),
  };
  match crate::bindings::modules::import_resolver().resolve(&dir, &spec) {
    Ok(r) => Some(r.full_path().to_string_lossy().into_owned()),
    Err(oxc_resolver::ResolveError::PackagePathNotExported { .. }) => {
      throw_code(scope, "ERR_PACKAGE_PATH_NOT_EXPORTED", &format!("Package subpath '{spec}' is not defined by \"exports\""), false);
      None
    }
    Err(_) => {
      let from = referrer_path.map(|r| format!(" imported from {r}")).unwrap_or_default();
      let shown = if Path::new(&spec).is_absolute() || spec.starts_with('.') { dir.join(&spec).to_string_lossy().into_owned() } else { spec.clone() };
      let kind = if spec.starts_with('.') || spec.starts_with('/') { "module" } else { "package" };
      throw_code(scope, "ERR_MODULE_NOT_FOUND", &format!("Cannot find {kind} '{shown}'{from}"), false);
      None
    }
  }
}

/// Compiles `key` and, recursively, everything it imports; registers them in the map.
fn load_graph<'s>(scope: &mut v8::PinScope<'s, '_>, key: &str) -> Option<v8::Local<'s, v8::Module>> {
  let st = state(scope);
  if let Some(g) = st.borrow().modules.by_key.get(key) {
    return Some(v8::Local::new(scope, g));
  }
  let is_source = !key.starts_with("node:") && is_esm_path(key);
  let module = if is_source {
    let text = match std::fs::read_to_string(key) {
      Ok(t) => t,
      Err(e) => {
        throw_io_error(scope, &e, "open", Some(key), None);
        return None;
      }
    };
    let source = v8::String::new(scope, &text)?;
    let name = new_string(scope, &file_url(key));
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
    crate::compile_cache::compile_module(scope, source, &origin, key, &text)?
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
      let mut attr_type = None;
      let mut j = 0;
      while j + 1 < attrs.length() {
        let k = attrs.get(scope, j).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok()).map(|v| v.to_rust_string_lossy(scope));
        let v = attrs.get(scope, j + 1).and_then(|d| v8::Local::<v8::Value>::try_from(d).ok()).map(|v| v.to_rust_string_lossy(scope));
        if k.as_deref() == Some("type") {
          attr_type = v;
        }
        j += 3;
      }
      let target = resolve_specifier(scope, &spec, Some(key))?;
      if target.ends_with(".json") && attr_type.as_deref() != Some("json") {
        throw_code(scope, "ERR_IMPORT_ATTRIBUTE_MISSING", &format!("Module \"{}\" needs an import attribute of \"type: json\"", file_url(&target)), true);
        return None;
      }
      st.borrow_mut().modules.resolved.insert((key.to_string(), spec), target.clone());
      load_graph(scope, &target)?;
    }
  }
  Some(module)
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
  let names = st.borrow().modules.synthetic_names.get(&key).cloned().unwrap_or_default();
  let exports = crate::runtime::call_hook_in_raw(scope, "esmExports", &key)?;
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
  let resolver = v8::PromiseResolver::new(scope)?;
  let undef = v8::undefined(scope).into();
  resolver.resolve(scope, undef);
  Some(resolver.get_promise(scope).into())
}

/// `import(specifier, referrer)` -> `[namespace, evaluationPromise]`; throws on
/// resolution, syntax or link errors.
fn import<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let specifier = string_arg(scope, &args, 0);
  let referrer = if args.get(1).is_null_or_undefined() { None } else { Some(string_arg(scope, &args, 1)) };
  let referrer = referrer.map(|r| {
    if r.starts_with("file://") {
      url::Url::parse(&r).ok().and_then(|u| u.to_file_path().ok()).map(|p| p.to_string_lossy().into_owned()).unwrap_or(r)
    } else {
      r
    }
  });
  // A specifier this referrer already resolved (statically or by an earlier import())
  // is not resolved on the disk again; this also serves modules kept in a snapshot.
  let cache_key = referrer.clone().map(|r| (r, specifier.clone()));
  let cached = cache_key.as_ref().and_then(|k| state(scope).borrow().modules.resolved.get(k).cloned());
  let key = match cached {
    Some(k) => k,
    None => {
      let Some(k) = resolve_specifier(scope, &specifier, referrer.as_deref()) else { return };
      if let Some(ck) = cache_key {
        state(scope).borrow_mut().modules.resolved.insert(ck, k.clone());
      }
      k
    }
  };
  let Some(module) = load_graph(scope, &key) else { return };
  if module.get_status() == v8::ModuleStatus::Uninstantiated && module.instantiate_module(scope, resolve_callback).is_none() {
    return;
  }
  let promise = if module.get_status() == v8::ModuleStatus::Evaluated || module.get_status() == v8::ModuleStatus::Errored || module.get_status() == v8::ModuleStatus::Evaluating {
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
  _options: v8::Local<'s, v8::Data>,
  resource_name: v8::Local<'s, v8::Value>,
  specifier: v8::Local<'s, v8::String>,
  _attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
  let hooks = crate::state::hooks(scope);
  let obj = v8::Local::new(scope, &hooks.object);
  let key = new_string(scope, "dynamicImport");
  let f = obj.get(scope, key.into())?;
  let f = v8::Local::<v8::Function>::try_from(f).ok()?;
  let recv = v8::undefined(scope).into();
  let r = f.call(scope, recv, &[specifier.into(), resource_name])?;
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
  let path = new_string(scope, &key).into();
  let url = new_string(scope, &file_url(&key)).into();
  f.call(scope, recv, &[meta.into(), path, url]);
}

