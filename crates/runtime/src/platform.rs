//! Process-wide V8 setup: ICU data, flags and the platform, done exactly once.

use std::sync::Once;

static INIT: Once = Once::new();

/// Initializes V8 with `flags` (V8 command-line syntax). Later calls are no-ops, so
/// flags must be known before the first isolate is created.
pub fn init_v8(flags: &[String]) {
  INIT.call_once(|| {
    let _ = v8::icu::set_common_data_78(deno_core_icudata::ICU_DATA);
    let mut all = vec!["amber".to_string()];
    all.extend(flags.iter().cloned());
    // Unknown flags are left in the returned vector; V8 ignores them like Node does.
    let _ = v8::V8::set_flags_from_command_line(all);
    let platform = v8::new_default_platform(0, false).make_shared();
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();
  });
}
