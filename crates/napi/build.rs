//! Lists the Node-API functions this crate defines (every `pub unsafe extern "C" fn
//! napi_*`/`node_api_*` in `src/`), so that the list the `amber` binary exports
//! (`SYMBOL_NAMES`, written to a linker dynamic list by `crates/cli/build.rs`) and the
//! table that keeps them linked (`symbol_addresses`) can never disagree with the code.

use std::fmt::Write;

fn main() {
  let mut names = Vec::new();
  for module in ["env", "value", "node", "loader"] {
    let path = format!("src/{module}.rs");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap();
    for line in text.lines() {
      // Functions defined by a macro: `create_error!(napi_create_error, 0);`
      if let Some((mac, rest)) = line.split_once("!(") {
        if !mac.contains(' ') && !line.starts_with(' ') {
          let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
          if name.starts_with("napi_") || name.starts_with("node_api_") {
            names.push((module, name));
            continue;
          }
        }
      }
      let Some(rest) = line.trim_start().strip_prefix("pub unsafe extern \"C\" fn ") else { continue };
      let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
      if name.starts_with("napi_") || name.starts_with("node_api_") {
        names.push((module, name));
      }
    }
  }
  names.sort_by(|a, b| a.1.cmp(&b.1));
  let mut out = String::new();
  out.push_str("/// Every Node-API symbol amber exports to addons.\npub const SYMBOL_NAMES: &[&str] = &[\n");
  for (_, n) in &names {
    writeln!(out, "  \"{n}\",").unwrap();
  }
  out.push_str("];\n\n/// The address of every exported function: referencing this function from the\n/// binary keeps all of them in the link (the linker would drop unreferenced ones).\npub fn symbol_addresses() -> Vec<usize> {\n  vec![\n");
  for (m, n) in &names {
    writeln!(out, "    crate::{m}::{n} as *const () as usize,").unwrap();
  }
  out.push_str("  ]\n}\n");
  let dest = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("symbols.rs");
  std::fs::write(dest, out).unwrap();
}
