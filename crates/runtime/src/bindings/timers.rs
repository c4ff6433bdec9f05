//! Timer and immediate bookkeeping. The timer lists live in JS (`lib/internal/timers.js`)
//! so they are part of the heap and survive snapshots; native code only learns the next
//! deadline and whether anything keeps the loop alive.

use crate::registry::Registry;
use crate::state::state;

pub fn register(reg: &mut Registry) {
  reg.add("timers.now", now);
  reg.add("timers.scheduleTimer", schedule_timer);
  reg.add("timers.setImmediateState", set_immediate_state);
  reg.add("timers.milestones", milestones);
}

/// `milestones()` -> `[nodeStart, v8Start, environment, bootstrapComplete, loopStart,
/// loopExit, idleTime]` in milliseconds since the time origin (performance.nodeTiming);
/// -1 for what has not happened yet (the loop's start and exit), as Node reports them.
fn milestones<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let values = {
    let st = state(scope);
    let st = st.borrow();
    let since = |t: std::time::Instant| t.saturating_duration_since(st.origin).as_secs_f64() * 1000.0;
    let or_unset = |t: Option<std::time::Instant>| t.map_or(-1.0, since);
    [
      since(crate::platform::process_start()),
      or_unset(crate::platform::v8_start()),
      since(st.environment),
      or_unset(st.bootstrap_complete),
      or_unset(st.loop_start),
      or_unset(st.loop_exit),
      st.idle.as_secs_f64() * 1000.0,
    ]
  };
  let items: Vec<v8::Local<v8::Value>> = values.iter().map(|&v| v8::Number::new(scope, v).into()).collect();
  let arr = v8::Array::new_with_elements(scope, &items);
  rv.set(arr.into());
}

/// Loop time in milliseconds since this process's time origin.
fn now<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let t = state(scope).borrow().now_ms();
  rv.set_double(t);
}

/// `scheduleTimer(deadline, refed)`; a negative deadline disarms.
fn schedule_timer<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let deadline = args.get(0).number_value(scope).unwrap_or(-1.0);
  let refed = args.get(1).boolean_value(scope);
  let st = state(scope);
  let mut st = st.borrow_mut();
  st.timer_deadline = if deadline >= 0.0 { Some(deadline) } else { None };
  st.timer_refed = refed;
}

/// `setImmediateState(count, refedCount)`.
fn set_immediate_state<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue<'s>) {
  let count = args.get(0).uint32_value(scope).unwrap_or(0);
  let refed = args.get(1).uint32_value(scope).unwrap_or(0);
  let st = state(scope);
  let mut st = st.borrow_mut();
  st.immediate_count = count;
  st.immediate_refed = refed;
}
