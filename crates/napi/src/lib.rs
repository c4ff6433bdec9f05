//! Node-API for amber: the C functions of `js_native_api.h` and `node_api.h` that a
//! `.node` addon binds to when amber `dlopen`s it, and the loader that runs an addon's
//! registration.
//!
//! This crate owns the per-addon environment (`Env`), the one trampoline every
//! addon-created JS function goes through, references and finalizers, async work and
//! thread-safe functions. It knows nothing of amber's event loop or registry: the
//! runtime gives each environment a `Host` (wake the loop from any thread, keep it
//! alive) and registers `TRAMPOLINE` as an external reference under a stable name.
//!
//! Layout: `env.rs` (environment, status codes, scopes, the trampoline), `value.rs`
//! (js_native_api: values, objects, functions, classes, errors, references),
//! `node.rs` (node_api: buffers, async work, thread-safe functions, hooks, module
//! registration), `loader.rs` (dlopen and registration).

#![allow(non_camel_case_types, non_upper_case_globals, clippy::missing_safety_doc, clippy::not_unsafe_ptr_arg_deref)]

mod env;
mod loader;
mod node;
mod snapshot;
mod value;

pub use env::{has_pending_tasks, run_pending, set_force_uncaught_policy, teardown, Host, NAPI_VERSION, TRAMPOLINE};
pub use loader::{load, open_path, rebind, substitute, LoadError, RebindError};
pub use snapshot::{prepare_snapshot, release_for_snapshot, set_recording, CarriedEnv};

include!(concat!(env!("OUT_DIR"), "/symbols.rs"));
