//! Stack trace formatting through `lib/` (`internal/source_map/prepare_stack_trace.js`),
//! as Node formats every `error.stack`: installed only once something needs it (source
//! maps enabled, or a vm context made, whose errors fall back to the main context's
//! `Error.prepareStackTrace` as in Node). The callback is isolate state: JS installs it
//! again after a snapshot restore. While a snapshot is built, the build's own callback
//! (`snapshot.rs`) stays in place.

use crate::registry::Registry;
use crate::state::{state, Mode};

pub fn register(reg: &mut Registry) {
  reg.add("stackTrace.install", install);
}

fn install<'s>(scope: &mut v8::PinScope<'s, '_>, _args: v8::FunctionCallbackArguments<'s>, mut rv: v8::ReturnValue<'s>) {
  let building = state(scope).borrow().mode == Mode::BuildSnapshot;
  if !building {
    scope.set_prepare_stack_trace_callback(prepare_stack_trace);
  }
  rv.set_bool(!building);
}

/// `hooks.prepareStackTrace(global, error, sites)` with the global of the context the
/// error was made in.
fn prepare_stack_trace<'s>(scope: &mut v8::PinScope<'s, '_>, error: v8::Local<'s, v8::Value>, sites: v8::Local<'s, v8::Array>) -> v8::Local<'s, v8::Value> {
  format_through_hook(scope, "prepareStackTrace", FirstArgument::Global, error, sites)
}

/// What a stack-formatting hook of lib/ gets before the error and its call sites.
pub(crate) enum FirstArgument {
  /// The global of the context the error was made in.
  Global,
  /// That global's `Error`.
  ErrorConstructor,
}

/// Calls `hooks[name](first, error, sites)`, the stack formatting of lib/; without hooks
/// (during the bootstrap of lib/) or when the hook throws (a throwing user
/// `prepareStackTrace`), V8's own format: `String(error)` and one `at` line per site.
pub(crate) fn format_through_hook<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str, first: FirstArgument, error: v8::Local<'s, v8::Value>, sites: v8::Local<'s, v8::Array>) -> v8::Local<'s, v8::Value> {
  let hooks = crate::runtime::has_hooks(scope).then(|| crate::state::hooks(scope));
  let result: Result<v8::Global<v8::Value>, String> = {
    v8::tc_scope!(let tc, scope);
    let via_hook = hooks.and_then(|hooks| {
      let obj = v8::Local::new(tc, &hooks.object);
      let key = v8::String::new(tc, name)?;
      let f = v8::Local::<v8::Function>::try_from(obj.get(tc, key.into())?).ok()?;
      let global = tc.get_current_context().global(tc);
      let first: v8::Local<v8::Value> = match first {
        FirstArgument::Global => global.into(),
        FirstArgument::ErrorConstructor => {
          let key = v8::String::new(tc, "Error")?;
          global.get(tc, key.into()).unwrap_or_else(|| v8::undefined(tc).into())
        }
      };
      let recv = v8::undefined(tc).into();
      f.call(tc, recv, &[first, error, sites.into()]).map(|v| v8::Global::new(tc, v))
    });
    match via_hook {
      Some(g) => Ok(g),
      None => {
        tc.reset();
        let mut out = error.to_string(tc).map(|s| s.to_rust_string_lossy(tc)).unwrap_or_else(|| "<error>".into());
        for i in 0..sites.length() {
          if let Some(line) = sites.get_index(tc, i).and_then(|s| s.to_string(tc)) {
            out.push_str("\n    at ");
            out.push_str(&line.to_rust_string_lossy(tc));
          }
        }
        tc.reset();
        Err(out)
      }
    }
  };
  match result {
    Ok(g) => v8::Local::new(scope, g),
    Err(text) => v8::String::new(scope, &text).map(Into::into).unwrap_or_else(|| v8::undefined(scope).into()),
  }
}
