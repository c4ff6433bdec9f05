//! Creates the runtime's own startup snapshot (`lib/` bootstrapped, no user code) with
//! the very runtime crate this binary links, and embeds it (see `RUNTIME_SNAPSHOT`).
//! The snapshot stores native functions as indices into the registry, which is
//! identical in this build script and in the binary.
//!
//! Then the code caches of the built-in modules the snapshot leaves out (`builtins.cache`,
//! see `amber_runtime::create_builtin_cache`).
//!
//! It also writes the linker's dynamic list: the Node-API functions (`crates/napi`)
//! are the only symbols the binary exports, so `dlopen`ed addons bind to them without
//! exporting everything (`-rdynamic` would grow the dynamic symbol table and the
//! start-up relocation work).

fn main() {
  let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
  let out = out_dir.join("runtime.snap");
  let bytes = amber_runtime::create_runtime_snapshot().expect("creating the runtime startup snapshot");
  // Checked here, checksums and all, once: the binary starts from it without hashing it
  // again (`amber_snapshot_format::read_embedded`).
  let leaked: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
  if let Err(e) = amber_runtime::load_snapshot_bytes(leaked) {
    panic!("the runtime startup snapshot does not verify: {e}");
  }
  std::fs::write(&out, bytes).unwrap();
  // The code caches of the built-ins the snapshot does not hold, made by a warm-up run
  // from that snapshot (amber_runtime's builtin_cache.rs).
  let cache = amber_runtime::create_builtin_cache(leaked).expect("creating the built-in modules' code cache");
  std::fs::write(out_dir.join("builtins.cache"), cache).unwrap();

  let mut list = String::from("{\n");
  for name in amber_runtime::NAPI_SYMBOL_NAMES {
    list.push_str(&format!("  {name};\n"));
  }
  list.push_str("};\n");
  let list_path = out_dir.join("napi_symbols.list");
  std::fs::write(&list_path, list).unwrap();
  println!("cargo:rustc-link-arg-bins=-Wl,--dynamic-list={}", list_path.display());
  println!("cargo:rerun-if-changed=build.rs");
}
