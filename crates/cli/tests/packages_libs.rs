//! Popular npm libraries, side by side with node: every
//! `tests/packages/libs/cases/*.js` (or `.mjs`) uses a package as its README does and
//! must give node's output under amber, from source and, where
//! `tests/packages/libs/snapshot/<name>.js` exists, from a snapshot that loaded the package
//! at build time (the harness is `packages/mod.rs`). The packages come from
//! `tests/packages/libs/package-lock.json` (`tests/install.sh`); what each case checks,
//! and the packages left out and why, are in `tests/packages/libs/README.md`.

mod common;
mod packages;

const GROUP: packages::Group = packages::Group { name: "libs", installed: "lodash", not_run: &[], no_color: false };

#[test]
fn libraries_give_node_output() {
  GROUP.check_all();
}

#[test]
fn every_case_is_run_or_listed() {
  GROUP.check_listing();
}
