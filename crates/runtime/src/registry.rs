//! The single registry of native functions (DESIGN.md rule 1).
//!
//! Every native function the JS library can call is registered here under a stable,
//! dotted name (`"fs.readFileUtf8"`). The same table both installs the functions on the
//! `binding` object handed to `lib/` and yields the ordered list of V8 external
//! references a snapshot needs. The order is fixed by `bindings::register_all`; the
//! snapshot stores the count and a hash of the ordered names so that a snapshot made
//! by a different build is refused before V8 sees it. This module owns the table; it
//! must not know what any individual binding does.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One native function: its stable name and the C callback V8 calls.
#[derive(Clone, Copy)]
pub struct NativeFunction {
  pub name: &'static str,
  pub callback: v8::FunctionCallback,
}

/// An ordered, duplicate-free list of native functions, followed by other external
/// references V8 stores in the heap (e.g. synthetic-module evaluation steps).
#[derive(Default)]
pub struct Registry {
  functions: Vec<NativeFunction>,
  externals: Vec<(&'static str, usize)>,
  names: HashSet<&'static str>,
}

/// Error raised when two bindings claim the same name.
#[derive(Debug, PartialEq, Eq)]
pub struct DuplicateName(pub &'static str);

impl std::fmt::Display for DuplicateName {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    write!(f, "native function registered twice: {}", self.0)
  }
}

impl Registry {
  /// Registers `f` under `name` (`"area.function"`). Panics on duplicates in debug use;
  /// `try_add` reports them.
  pub fn add<F>(&mut self, name: &'static str, f: F)
  where
    F: v8::MapFnTo<v8::FunctionCallback>,
  {
    if let Err(e) = self.try_add(name, f) {
      panic!("{e}");
    }
  }

  pub fn try_add<F>(&mut self, name: &'static str, f: F) -> Result<(), DuplicateName>
  where
    F: v8::MapFnTo<v8::FunctionCallback>,
  {
    assert!(name.contains('.'), "native function name must be `area.name`: {name}");
    if !self.names.insert(name) {
      return Err(DuplicateName(name));
    }
    self.functions.push(NativeFunction { name, callback: f.map_fn_to() });
    Ok(())
  }

  /// Registers a raw external reference (not a JS-callable function).
  pub fn add_external(&mut self, name: &'static str, ptr: *mut std::ffi::c_void) {
    if !self.names.insert(name) {
      panic!("{}", DuplicateName(name));
    }
    self.externals.push((name, ptr as usize));
  }

  pub fn functions(&self) -> &[NativeFunction] {
    &self.functions
  }

  /// Number of external references (functions and raw references).
  pub fn len(&self) -> usize {
    self.functions.len() + self.externals.len()
  }

  pub fn is_empty(&self) -> bool {
    self.len() == 0
  }

  /// xxh3 of the ordered names, NUL-separated: identifies the table's layout.
  pub fn names_hash(&self) -> u64 {
    let mut joined = Vec::new();
    for name in self.functions.iter().map(|f| f.name).chain(self.externals.iter().map(|e| e.0)) {
      joined.extend_from_slice(name.as_bytes());
      joined.push(0);
    }
    xxhash_rust::xxh3::xxh3_64(&joined)
  }

  /// The external references in registry order, for `CreateParams`.
  pub fn external_references(&self) -> Cow<'static, [v8::ExternalReference]> {
    let refs: Vec<v8::ExternalReference> = self
      .functions
      .iter()
      .map(|f| v8::ExternalReference { function: f.callback })
      .chain(self.externals.iter().map(|e| v8::ExternalReference { pointer: e.1 as *mut std::ffi::c_void }))
      .collect();
    Cow::Owned(refs)
  }

  /// Builds `{ area: { name: fn } }` with every registered function.
  pub fn install<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let root = v8::Object::new(scope);
    for f in &self.functions {
      let (area, name) = f.name.split_once('.').unwrap();
      let area_key = v8::String::new(scope, area).unwrap();
      let area_obj = match root.get(scope, area_key.into()) {
        Some(v) if v.is_object() => v.cast::<v8::Object>(),
        _ => {
          let o = v8::Object::new(scope);
          root.set(scope, area_key.into(), o.into());
          o
        }
      };
      let key = v8::String::new(scope, name).unwrap();
      let func = v8::Function::builder_raw(f.callback).build(scope).unwrap();
      func.set_name(key);
      area_obj.set(scope, key.into(), func.into());
    }
    root
  }
}

/// The process-wide registry, built once from `bindings::register_all`.
pub fn global() -> &'static Registry {
  static REGISTRY: OnceLock<Registry> = OnceLock::new();
  REGISTRY.get_or_init(|| {
    let mut reg = Registry::default();
    crate::bindings::register_all(&mut reg);
    reg
  })
}

#[cfg(test)]
mod tests {
  use super::*;

  fn noop(_: &mut v8::PinScope, _: v8::FunctionCallbackArguments, _: v8::ReturnValue) {}
  fn noop2(_: &mut v8::PinScope, _: v8::FunctionCallbackArguments, _: v8::ReturnValue) {}

  #[test]
  fn rejects_duplicate_names() {
    let mut reg = Registry::default();
    reg.try_add("t.a", noop).unwrap();
    assert_eq!(reg.try_add("t.a", noop2), Err(DuplicateName("t.a")));
    assert_eq!(reg.len(), 1);
  }

  #[test]
  fn hash_depends_on_order() {
    let mut a = Registry::default();
    a.add("t.a", noop);
    a.add("t.b", noop2);
    let mut b = Registry::default();
    b.add("t.b", noop2);
    b.add("t.a", noop);
    assert_ne!(a.names_hash(), b.names_hash());
  }

  #[test]
  fn global_registry_lists_unique_dotted_names() {
    let reg = global();
    assert!(reg.len() > 20, "expected the runtime's bindings, got {}", reg.len());
    let mut seen = HashSet::new();
    for f in reg.functions() {
      assert!(seen.insert(f.name), "duplicate {}", f.name);
      let (area, name) = f.name.split_once('.').unwrap();
      assert!(!area.is_empty() && !name.is_empty());
    }
    assert!(seen.contains("fs.readFileUtf8"));
    assert!(seen.contains("timers.scheduleTimer"));
  }
}
