//! Popular command-line tools and terminal libraries, side by side with node: every
//! `tests/packages/cli/cases/*.js` (or `.mjs`) uses a package as its README does and
//! must give node's output under amber, from source and, where
//! `tests/packages/cli/snapshot/<name>.js` exists, from a snapshot that loaded the package
//! at build time (the harness is `packages/mod.rs`). The packages come from
//! `tests/packages/cli/package-lock.json` (`tests/install.sh`); what each case checks,
//! and the packages left out and why, are in `tests/packages/cli/README.md`.

mod common;
mod packages;

const GROUP: packages::Group = packages::Group { name: "cli", installed: ".package-lock.json", not_run: &["enquirer.js"], no_color: true };

#[test]
fn cli_packages_give_node_output() {
  GROUP.check_all();
}

#[test]
fn every_case_is_run_or_listed() {
  GROUP.check_listing();
}
