//! Snapshot bindings: which kind of process this is (DESIGN.md rule 5).

use crate::registry::Registry;
use crate::state::{state, Mode};

pub fn register(reg: &mut Registry) {
  reg.add("snapshot.mode", mode);
}

/// 0 = plain run, 1 = building a snapshot, 2 = restored from a snapshot.
fn mode<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let m = state(scope).borrow().mode;
  rv.set_int32(match m {
    Mode::Run => 0,
    Mode::BuildSnapshot => 1,
    Mode::FromSnapshot => 2,
  });
}
