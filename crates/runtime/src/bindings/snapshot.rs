//! Snapshot bindings: which kind of process this is (DESIGN.md rule 5).

use crate::registry::Registry;
use crate::state::{state, Mode};

pub fn register(reg: &mut Registry) {
  reg.add("snapshot.mode", mode);
  reg.add("snapshot.hold", hold);
}

/// `hold(delta)`: JS asks a snapshot build to wait for work (+1) or lets it go (-1);
/// see `State::settling_io`.
fn hold<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let delta = args.get(0).int32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  st.build_holds = st.build_holds.saturating_add_signed(delta);
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
