//! Creates the runtime's own startup snapshot (`lib/` bootstrapped, no user code) with
//! the very runtime crate this binary links, and embeds it (see `RUNTIME_SNAPSHOT`).
//! The snapshot stores native functions as indices into the registry, which is
//! identical in this build script and in the binary.

fn main() {
  let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("runtime.snap");
  let bytes = amber_runtime::create_runtime_snapshot().expect("creating the runtime startup snapshot");
  std::fs::write(&out, bytes).unwrap();
  println!("cargo:rerun-if-changed=build.rs");
}
