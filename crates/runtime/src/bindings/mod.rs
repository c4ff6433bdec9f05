//! Native bindings, one module per area. Each exposes `register(reg)`; `register_all`
//! fixes the order of the external-reference table (DESIGN.md rule 1). Bindings reach
//! runtime state only through `crate::state`, never through pointers stored in JS.

pub mod helpers;
mod core;
mod crypto;
mod child_process;
pub use child_process::ChildHandle;
mod zlib;
mod http_parser;
mod napi;
mod tls;
mod pkcs12;
mod http2;
mod wasi;
pub(crate) mod wasm_web_api;
pub(crate) mod vm;
pub(crate) mod shadow_realm;
pub(crate) mod buffer;
pub(crate) mod net;
mod encoding;
pub(crate) mod fs;
mod fs_watch;
mod ipc;
pub(crate) mod modules;
pub(crate) use modules::{compile_builtin_fn, compile_fn, compile_fn_cached};
mod os;
mod icu;
mod gc_profiler;
pub(crate) mod gc_observer;
mod process;
mod snapshot;
pub(crate) mod stack_trace;
mod stdio;
pub use stdio::write_fd as stdio_write_fd;
mod timers;
mod url;
mod util;
mod messaging;
mod worker;
mod heap;
pub(crate) mod inspector;
mod inspector_server;
pub(crate) mod wasm;
pub(crate) use messaging::close_owned as messaging_close_owned;

use crate::registry::Registry;

/// Registers every native function. The order here is the order of the external
/// reference table; changing it changes the table hash and so invalidates snapshots.
pub fn register_all(reg: &mut Registry) {
  core::register(reg);
  timers::register(reg);
  modules::register(reg);
  process::register(reg);
  stdio::register(reg);
  fs::register(reg);
  fs_watch::register(reg);
  ipc::register(reg);
  os::register(reg);
  encoding::register(reg);
  url::register(reg);
  util::register(reg);
  snapshot::register(reg);
  stack_trace::register(reg);
  crate::esm::register(reg);
  crypto::register(reg);
  child_process::register(reg);
  zlib::register(reg);
  vm::register(reg);
  buffer::register(reg);
  net::register(reg);
  http_parser::register(reg);
  messaging::register(reg);
  worker::register(reg);
  heap::register(reg);
  napi::register(reg);
  tls::register(reg);
  http2::register(reg);
  wasi::register(reg);
  wasm_web_api::register(reg);
  wasm::register(reg);
  icu::register(reg);
  gc_profiler::register(reg);
  gc_observer::register(reg);
  inspector::register(reg);
}
