//! Reporting uncaught exceptions the way Node does: the source line with a caret,
//! then the error as `util.inspect` shows it, then exit code 1. Also process exit.

use crate::state;

/// Terminates the process. Output is written unbuffered, so nothing is pending.
pub fn exit(code: i32) -> ! {
  std::process::exit(code)
}

/// `process.exit(code)` of the isolate `scope` belongs to: the process on the main
/// thread; in a worker only that worker, once its JS stack unwinds (returns).
pub fn exit_isolate(scope: &mut v8::PinScope, code: i32) {
  match state::worker(scope) {
    Some(w) => w.exit(code),
    None => exit(code),
  }
}

/// `file:line\nsource line\n   ^^^\n` for the location in `message`.
pub fn arrow(scope: &mut v8::PinScope, message: v8::Local<v8::Message>) -> Option<String> {
  arrow_with_offset(scope, message, 0, 0)
}

/// `arrow` for a script compiled with a line and column offset (vm's `lineOffset` and
/// `columnOffset`): V8's columns on the script's first line include the column offset,
/// which the caret must not.
pub fn arrow_with_offset(scope: &mut v8::PinScope, message: v8::Local<v8::Message>, line_offset: i64, column_offset: usize) -> Option<String> {
  let name = message.get_script_resource_name(scope)?;
  let name = name.to_rust_string_lossy(scope);
  let line = message.get_line_number(scope)?;
  let source = message.get_source_line(scope)?.to_rust_string_lossy(scope);
  let script_start = if line as i64 - line_offset == 1 { column_offset } else { 0 };
  let mut start = message.get_start_column();
  let mut end = message.get_end_column();
  if start >= script_start {
    start -= script_start;
    end = end.saturating_sub(script_start);
  }
  let end = end.max(start + 1);
  let mut caret = String::new();
  for (i, ch) in source.chars().enumerate() {
    if i >= start {
      break;
    }
    caret.push(if ch == '\t' { '\t' } else { ' ' });
  }
  for _ in start..end {
    caret.push('^');
  }
  Some(format!("{name}:{line}\n{source}\n{caret}\n"))
}

/// Prints `exception` as an uncaught exception, runs 'exit' listeners and exits 1. In
/// a worker the error goes to the parent (`hooks.workerUncaught`, which serializes it
/// for the `Worker`'s 'error' event) and only the worker ends: this then returns.
pub fn exit_with_uncaught(
  scope: &mut v8::PinScope,
  exception: v8::Local<v8::Value>,
  message: Option<v8::Local<v8::Message>>,
) {
  exit_with_uncaught_code(scope, exception, message, None)
}

/// The report of an uncaught `exception` as lib/ formats it (`hooks.formatUncaught`), or
/// its string form when formatting throws.
fn format_uncaught(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> String {
  let hooks = state::hooks(scope);
  v8::tc_scope!(let tc, scope);
  let f = v8::Local::new(tc, &hooks.format_uncaught);
  let recv = v8::undefined(tc).into();
  f.call(tc, recv, &[exception])
    .map(|v| v.to_rust_string_lossy(tc))
    .unwrap_or_else(|| exception.to_rust_string_lossy(tc))
}

/// A worker whose `process._fatalException` is not a function: as Node, the error is
/// printed on the process's stderr and the worker alone ends with `code`, without an
/// 'exit' event and without an 'error' in the parent. False on the main thread.
pub fn worker_fatal_exit(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, code: i32) -> bool {
  let Some(w) = state::worker(scope) else { return false };
  if w.stopping() {
    return true;
  }
  let body = format_uncaught(scope, exception);
  let _ = crate::bindings::helpers::write_stderr(format!("{body}\n").as_bytes());
  w.exit(code);
  true
}

/// As `exit_with_uncaught`; with `code`, the main thread exits with it right after the
/// error is printed, without an 'exit' event (Node's exits for a broken fatal exception
/// handler: 6 and 7). A worker ends as for any uncaught error.
pub fn exit_with_uncaught_code(
  scope: &mut v8::PinScope,
  exception: v8::Local<v8::Value>,
  message: Option<v8::Local<v8::Message>>,
  code: Option<i32>,
) {
  if let Some(w) = state::worker(scope) {
    if w.stopping() {
      return;
    }
    let hooks = state::hooks(scope);
    let code_after;
    {
      v8::tc_scope!(let tc, scope);
      let obj = v8::Local::new(tc, &hooks.object);
      let key = v8::String::new(tc, "workerUncaught").unwrap();
      if let Some(f) = obj.get(tc, key.into()).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()) {
        let recv = v8::undefined(tc).into();
        let _ = f.call(tc, recv, &[exception]);
      }
      let f = v8::Local::new(tc, &hooks.emit_exit);
      let recv = v8::undefined(tc).into();
      let code = v8::Integer::new(tc, 1).into();
      // An 'exit' listener may set another code (process.exitCode = 0).
      code_after = f.call(tc, recv, &[code]).and_then(|v| v.int32_value(tc)).unwrap_or(1);
    }
    w.exit(code_after);
    return;
  }
  let message = message.unwrap_or_else(|| v8::Exception::create_message(scope, exception));
  // An error vm decorated already shows its place at the top of its stack.
  let decorated = v8::Local::<v8::Object>::try_from(exception).ok().is_some_and(|o| {
    let key = crate::bindings::vm::decorated_key(scope);
    o.has_private(scope, key) == Some(true)
  });
  // A module's syntax error carries its own place (crate::esm::arrow_key).
  let own_arrow = v8::Local::<v8::Object>::try_from(exception).ok().and_then(|o| {
    let key = crate::esm::arrow_key(scope);
    o.get_private(scope, key).filter(|v| v.is_string()).map(|v| v.to_rust_string_lossy(scope))
  });
  let header = if decorated { String::new() } else if let Some(a) = own_arrow { a } else { arrow(scope, message).unwrap_or_default() };
  let body = format_uncaught(scope, exception);
  // Where, for a one-line report: the first stack frame outside the runtime's library,
  // else the source line.
  let place = || {
    let frame = body.lines().map(str::trim).find(|l| l.starts_with("at ") && !l.contains("node:") && !l.contains("amber:") && !l.ends_with("(<anonymous>)")).map(|l| l.to_string());
    let place = frame.or_else(|| header.lines().next().filter(|l| !l.is_empty() && !l.starts_with("node:")).map(|l| format!("at {l}")));
    place.map(|l| format!(" ({l})")).unwrap_or_default()
  };
  // During a snapshot build's warm-up an uncaught error fails the build in one line.
  if let Some(label) = state::state(scope).borrow().warmup.as_ref().map(|w| w.label.clone()) {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let _ = crate::bindings::helpers::write_stderr(format!("amber: cannot build the snapshot: the warm-up {label} threw {first}{}\n", place()).as_bytes());
    exit(1)
  }
  // WebAssembly used while a snapshot is built is a refusal of the build, in one line
  // (lib/internal/wasm/snapshot.js, docs/wasm-in-snapshots.md).
  if state::state(scope).borrow().mode == state::Mode::BuildSnapshot {
    if let Some(msg) = crate::bindings::wasm::build_refusal(scope, exception) {
      let _ = crate::bindings::helpers::write_stderr(format!("amber: cannot build the snapshot: {msg}{}\n", place()).as_bytes());
      exit(1)
    }
  }
  let is_error = exception.is_native_error() || exception.is_object() && body.contains("\n    at ");
  let text = if decorated {
    format!("{body}\n")
  } else if is_error {
    format!("{header}\n{body}\n")
  } else {
    format!("\n{header}{body}\n")
  };
  let _ = crate::bindings::helpers::write_stderr(text.as_bytes());
  if state::state(scope).borrow().node_options.iter().any(|o| o == "--trace-uncaught") {
    let trace = thrown_at(scope, message);
    let _ = crate::bindings::helpers::write_stderr(trace.as_bytes());
  }
  if let Some(code) = code {
    exit(code)
  }
  // As Node: the code is 1 unless an 'exit' listener set process.exitCode.
  let hooks = state::hooks(scope);
  let code = {
    v8::tc_scope!(let tc, scope);
    let f = v8::Local::new(tc, &hooks.emit_exit);
    let recv = v8::undefined(tc).into();
    let one = v8::Integer::new(tc, 1).into();
    f.call(tc, recv, &[one]).and_then(|v| v.int32_value(tc)).unwrap_or(1)
  };
  exit(code)
}

/// `--trace-uncaught`: `Thrown at:` and the frames V8 captured where the value was
/// thrown, in Node's format (`    at fn (script:line:column)`, or without the function).
fn thrown_at(scope: &mut v8::PinScope, message: v8::Local<v8::Message>) -> String {
  let mut out = String::from("Thrown at:\n");
  let Some(trace) = message.get_stack_trace(scope) else { return out };
  for i in 0..trace.get_frame_count() {
    let Some(frame) = trace.get_frame(scope, i) else { continue };
    let script = frame.get_script_name_or_source_url(scope).map(|s| s.to_rust_string_lossy(scope)).unwrap_or_default();
    let function = frame.get_function_name(scope).map(|s| s.to_rust_string_lossy(scope)).unwrap_or_default();
    let (line, column) = (frame.get_line_number(), frame.get_column());
    if function.is_empty() {
      out.push_str(&format!("    at {script}:{line}:{column}\n"));
    } else {
      out.push_str(&format!("    at {function} ({script}:{line}:{column})\n"));
    }
  }
  out
}

/// V8 ran out of memory. Like Node: one `FATAL ERROR` line naming where and why on
/// stderr, then `abort()` (SIGABRT, exit status 134 in a shell) instead of V8's default
/// trap (SIGTRAP, 133), so supervisors and shells see the same death as with Node.
pub(crate) unsafe extern "C" fn out_of_memory(location: *const std::ffi::c_char, details: &v8::OomDetails) {
  let text = |p: *const std::ffi::c_char| {
    if p.is_null() {
      String::new()
    } else {
      // SAFETY: V8 passes NUL-terminated strings that live for this call.
      unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
  };
  let location = text(location);
  let detail = text(details.detail as *const std::ffi::c_char);
  let what = if details.is_heap_oom { "Allocation failed - JavaScript heap out of memory" } else { "Allocation failed - process out of memory" };
  let mut line = format!("FATAL ERROR: {location} {what}");
  if !detail.is_empty() && !details.is_heap_oom {
    line.push_str(&format!(" ({detail})"));
  }
  // Raw write: the allocator may be unusable, so no buffered stderr.
  line.push('\n');
  // SAFETY: writing a valid buffer to fd 2.
  unsafe {
    libc::write(2, line.as_ptr() as *const libc::c_void, line.len());
    libc::abort();
  }
}
