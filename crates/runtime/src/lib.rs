//! amber's runtime: V8 setup, the native-function registry, bindings, the event loop,
//! error reporting, and snapshot build/restore. The CLI drives it through this API.

mod bindings;
mod builtin_cache;
mod compile_cache;
mod errors;
mod esm;
mod event_loop;
mod platform;
mod registry;
mod runtime;
mod snapshot;
mod state;
mod worker;

mod lib_sources {
  include!(concat!(env!("OUT_DIR"), "/lib_sources.rs"));
}

pub use registry::{global as native_registry, NativeFunction, Registry};
pub use runtime::{HookArg, JsRuntime, RuntimeOptions};
pub use snapshot::{addon_records, build as build_snapshot, create_runtime_snapshot, check_compatible, inspect as inspect_snapshot, load as load_snapshot, load_bytes as load_snapshot_bytes, verify_signature, LoadedSnapshot, SnapshotInfo, WorkerScript};
pub use state::Mode;
pub use builtin_cache::{create as create_builtin_cache, install as install_builtin_cache};

/// The Node-API symbols the `amber` binary exports to addons (see `crates/napi`).
pub use amber_napi::{substitute as substitute_addon, symbol_addresses as napi_symbol_addresses, SYMBOL_NAMES as NAPI_SYMBOL_NAMES};

/// Initializes V8 with the given flags (once per process).
pub fn init(v8_flags: &[String]) {
  platform::init_v8(v8_flags);
}

pub use platform::init_process_signals;
pub use worker::{set_option_parser as set_worker_option_parser, set_runtime_snapshot};

/// Whether V8 knows `flag` (`--name` or `--name=value`). Node passes the options it does
/// not know itself to V8 and refuses what V8 refuses; the CLI does the same. Called
/// before `init`; V8 keeps the flag, which `init` sets again anyway.
pub fn v8_flag_known(flag: &str) -> bool {
  let rest = v8::V8::set_flags_from_command_line(vec!["amber".to_string(), flag.to_string()]);
  rest.len() == 1
}

/// The V8 version this build links.
pub fn v8_version() -> &'static str {
  v8::V8::get_version()
}
