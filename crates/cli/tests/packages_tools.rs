//! Popular build tools, test runners and Node-API packages, side by side with node: every
//! `tests/packages/tools/cases/*.js` (or `.mjs`) uses a package as its README does and
//! must give node's output under amber, from source and, where
//! `tests/packages/tools/snapshot/<name>.js` exists, from a snapshot that loaded the package
//! at build time (the harness is `packages/mod.rs`). The packages come from
//! `tests/packages/tools/package-lock.json` (`tests/install.sh`); what each case checks,
//! and the packages left out and why, are in `tests/packages/tools/README.md`.

mod common;
mod packages;

const GROUP: packages::Group = packages::Group { name: "tools", installed: ".package-lock.json", not_run: &[], no_color: true };

#[test]
fn tools_packages_give_node_output() {
  GROUP.check_all();
}

#[test]
fn every_case_is_run_or_listed() {
  GROUP.check_listing();
}
