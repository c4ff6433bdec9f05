//! Process-wide V8 setup: ICU data, flags and the platform, done exactly once.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static INIT: Once = Once::new();
static PLATFORM: std::sync::OnceLock<v8::SharedRef<v8::Platform>> = std::sync::OnceLock::new();

/// Runs the foreground tasks V8 posted for `isolate` (the ends of asynchronous
/// WebAssembly compilation, among others). Returns whether any ran.
pub fn pump_tasks(isolate: &mut v8::Isolate) -> bool {
  let Some(platform) = PLATFORM.get() else { return false };
  let mut ran = false;
  while v8::Platform::pump_message_loop(platform, isolate, false) {
    ran = true;
  }
  ran
}

/// Runs one foreground task V8 posts for `isolate`, waiting for it when none is queued:
/// for a synchronous call that needs the end of V8's own asynchronous work (a wasm
/// module compiled from its wire bytes, `bindings/wasm.rs`).
pub fn pump_task_waiting(isolate: &v8::Isolate) {
  if let Some(platform) = PLATFORM.get() {
    v8::Platform::pump_message_loop(platform, isolate, true);
  }
}

/// Signal dispositions a new process starts with, as Node sets them: whatever the
/// parent ignored or caught is back to its default (a shell's `trap '' INT` must not
/// make amber immune to Ctrl-C), `SIGPIPE` is ignored (writes fail with EPIPE instead)
/// and so is `SIGXFSZ` (a write beyond `ulimit -f` fails with EFBIG instead of killing
/// the process). Child processes get the defaults back (`reset_child_signals`).
pub fn init_process_signals() {
  // SAFETY: called at the start of `main`, before any thread or handler exists.
  unsafe {
    for signo in 1..32 {
      if signo == libc::SIGKILL || signo == libc::SIGSTOP {
        continue;
      }
      libc::signal(signo, libc::SIG_DFL);
    }
    libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
  }
}

/// In a forked child before `exec`: signals 1-31 go back to their default disposition
/// (ignored ones would otherwise be inherited by every program amber runs), as libuv
/// does for Node's children.
pub fn reset_child_signals() {
  for signo in 1..32 {
    if signo == libc::SIGKILL || signo == libc::SIGSTOP {
      continue;
    }
    // SAFETY: `signal` is async-signal-safe; this runs between fork and exec.
    unsafe { libc::signal(signo, libc::SIG_DFL) };
  }
}

/// Initializes V8 with `flags` (V8 command-line syntax). Later calls are no-ops, so
/// flags must be known before the first isolate is created.
pub fn init_v8(flags: &[String]) {
  init_v8_with(flags, false)
}

/// Like `init_v8`; `deterministic` seeds V8's random number generators with fixed
/// entropy and turns V8's background GC and compile threads off (`--predictable`), so
/// that building the same snapshot twice gives identical bytes (identity hashes, the
/// hash seed, the build's Math.random stream and object placement no longer vary). Restored
/// processes never use it: they get fresh entropy and a new hash seed.
pub fn init_v8_with(flags: &[String], deterministic: bool) {
  process_start();
  INIT.call_once(|| {
    if deterministic {
      v8::V8::set_entropy_source(|buf| {
        for (i, b) in buf.iter_mut().enumerate() {
          *b = (i as u8).wrapping_mul(37).wrapping_add(11);
        }
        true
      });
    }
    let _ = v8::icu::set_common_data_78(deno_core_icudata::ICU_DATA);
    // Flags stay writable after init, as in Node, so `v8.setFlagsFromString()` works.
    let mut all = vec!["amber".to_string(), "--no-freeze-flags-after-init".to_string()];
    // A build also runs V8 in predictable mode: no parallel scavenges, concurrent
    // marking or background compiles, whose timing otherwise decides where objects end
    // up and so the order they are written in (two builds of the same app differed in
    // about 1 of 3 runs). V8 leaves --predictable and what it implies out of the flag
    // hash, so the runtime snapshot and code caches stay usable.
    // The young generation gets one fixed size too: V8 resizes it from allocation
    // throughput, a measure of time, so a build sometimes took one more scavenge and
    // wrote other pretenuring and feedback state. Both flags are outside the hash too.
    if deterministic {
      all.extend(["--predictable", "--min-semi-space-size=16", "--max-semi-space-size=16"].map(String::from));
    }
    all.extend(flags.iter().cloned());
    // Unknown flags are left in the returned vector; V8 ignores them like Node does.
    note_abort_flag(flags.iter().map(String::as_str));
    let _ = v8::V8::set_flags_from_command_line(all);
    let platform = v8::new_default_platform(0, false).make_shared();
    let _ = PLATFORM.set(platform.clone());
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();
    let _ = V8_START.set(std::time::Instant::now());
  });
}

/// When this process began setting up (the first call: V8's setup, or earlier), and when
/// V8 was initialized: `performance.nodeTiming`'s nodeStart and v8Start.
static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static V8_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn process_start() -> std::time::Instant {
  *PROCESS_START.get_or_init(std::time::Instant::now)
}

pub fn v8_start() -> Option<std::time::Instant> {
  V8_START.get().copied()
}

/// `--abort-on-uncaught-exception` as asked for (on the command line, then through
/// `v8.setFlagsFromString`), and whether `process.setUncaughtExceptionCaptureCallback`
/// has a callback set. Node answers V8's abort-on-uncaught callback with "no" while a
/// capture callback is set; rusty_v8 does not expose that callback, so the flag V8 reads
/// at throw time is kept equal to "asked for and no capture callback" instead. V8's flags
/// are process-wide, so a capture callback in any isolate turns the abort off.
static ABORT_REQUESTED: AtomicBool = AtomicBool::new(false);
static CAPTURE_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Records the last mention of the abort flag among `flags` (V8's spellings: dashes or
/// underscores, `--no-` to turn it off).
fn note_abort_flag<'a>(flags: impl Iterator<Item = &'a str>) -> bool {
  let mut seen = false;
  for f in flags {
    let name = f.trim_start_matches('-').replace('_', "-");
    match name.as_str() {
      "abort-on-uncaught-exception" => {
        ABORT_REQUESTED.store(true, Ordering::Relaxed);
        seen = true;
      }
      "no-abort-on-uncaught-exception" | "noabort-on-uncaught-exception" => {
        ABORT_REQUESTED.store(false, Ordering::Relaxed);
        seen = true;
      }
      _ => {}
    }
  }
  seen
}

fn apply_abort_flag() {
  let on = ABORT_REQUESTED.load(Ordering::Relaxed) && !CAPTURE_ACTIVE.load(Ordering::Relaxed);
  v8::V8::set_flags_from_string(if on { "--abort-on-uncaught-exception" } else { "--no-abort-on-uncaught-exception" });
}

/// `v8.setFlagsFromString(flags)`, keeping the abort flag's effective value.
pub fn set_flags_from_string(flags: &str) {
  v8::V8::set_flags_from_string(flags);
  if note_abort_flag(flags.split_whitespace()) {
    apply_abort_flag();
  }
}

/// A capture callback was set (`true`) or cleared.
pub fn set_uncaught_capture(active: bool) {
  CAPTURE_ACTIVE.store(active, Ordering::Relaxed);
  if ABORT_REQUESTED.load(Ordering::Relaxed) {
    apply_abort_flag();
  }
}
