//! Embeds every file under `lib/` as a builtin module source (`lib_sources.rs`).
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
  let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
  entries.sort();
  for p in entries {
    if p.is_dir() {
      walk(&p, out);
    } else if p.extension().is_some_and(|e| e == "js") {
      out.push(p);
    }
  }
}

fn main() {
  // Read when the script runs, not when it was compiled: a build script compiled in
  // another checkout (a copied target directory) must still embed this checkout's lib/.
  let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
  let lib = Path::new(&manifest_dir).join("../../lib").canonicalize().unwrap();
  // Relative to the package (as cargo resolves them): a target directory copied from
  // another checkout then watches this checkout's lib/, not the other one's.
  println!("cargo:rerun-if-changed=../../lib");
  let mut files = Vec::new();
  walk(&lib, &mut files);
  let mut entries: Vec<(String, PathBuf)> = files
    .iter()
    .map(|f| (f.strip_prefix(&lib).unwrap().with_extension("").to_string_lossy().replace('\\', "/"), f.clone()))
    .collect();
  // Sorted by module id: the runtime looks sources up by binary search.
  entries.sort();
  let mut code = String::from("/// (module id, source) for every file in lib/, sorted by id.\npub static SOURCES: &[(&str, &str)] = &[\n");
  for (id, f) in &entries {
    println!("cargo:rerun-if-changed=../../lib/{}", f.strip_prefix(&lib).unwrap().display());
    writeln!(code, "  ({id:?}, include_str!({:?})),", f.display().to_string()).unwrap();
  }
  code.push_str("];\n");
  let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("lib_sources.rs");
  std::fs::write(out, code).unwrap();
}
